"""The API docs page runs Swagger UI under its strict Content-Security-Policy: the document is read and shown,
and the console holds no violation (the `page` fixture fails the test on any console error)."""

from __future__ import annotations

from typing import Any


def test_api_docs_render_under_their_content_security_policy(page: Any) -> None:
    from playwright.sync_api import expect

    response = page.goto("/api/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Screening")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
