"""The interactive API docs work with no network: Swagger UI comes from the installed package."""

from __future__ import annotations

from typing import Any


def test_docs_page_loads_swagger_ui_from_this_server(client: Any) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/docs-assets/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_swagger_ui_assets_are_served(client: Any) -> None:
    script = client.get("/api/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert len(script.get_data()) > 100_000
    assert client.get("/api/docs-assets/swagger-ui.css").status_code == 200
