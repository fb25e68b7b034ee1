"""The recruiter's journey of settling reviews and publishing, and the admin's retention page, in the browser, in
Spanish and English, with axe on each page: the batch's reviews → a row's decision (an error first, then a
decision) → Publicar (refused with reviews open, then confirmed) → the public page and its CSV.

A server of their own: the batches screened here must not be seen by the other browser tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.web.review_fixtures import screen_review_batch
from tests.browser.conftest import STAFF, STAFF_PASSWORD, LiveServer, axe_violations, sign_in

TEXT = {
    "es": {
        "open": "2 revisiones siguen abiertas, de 2 filas que quedaron en revisión.",
        "decide": "Decidir",
        "met": "Cumple",
        "record": "Registrar la decisión",
        "problem": "Hay un problema",
        "saved": "La decisión quedó registrada en la cadena.",
        "publish": "Publicar",
        "tick": "Publicar con las revisiones abiertas (queda registrado en la cadena)",
        "retention": "Conservación de datos personales",
    },
    "en": {
        "open": "2 reviews are still open, of 2 rows left under review.",
        "decide": "Decide",
        "met": "Met (cumple)",
        "record": "Record the decision",
        "problem": "There is a problem",
        "saved": "The decision is recorded in the chain.",
        "publish": "Publish",
        "tick": "Publish with the reviews still open (recorded in the chain)",
        "retention": "Retention of personal data",
    },
}


@pytest.fixture(scope="module")
def live_server() -> Iterator[LiveServer]:
    server = LiveServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def users(live_server: LiveServer) -> None:
    from screening import services

    with live_server.app.app_context():
        for key, username in STAFF.items():
            services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_recruiter_settles_a_review_and_publishes(
    page: Any, live_server: LiveServer, users: None, lang: str
) -> None:
    t = TEXT[lang]
    batch = screen_review_batch(live_server.app, live_server.data_dir)
    sign_in(page, STAFF["recruiter"], lang)
    page.goto(f"/reclutamiento/lotes/{batch.batch_id}/revisiones?lang={lang}")
    expect(page.get_by_role("status")).to_contain_text(t["open"])
    assert axe_violations(page) == []

    page.get_by_role("link", name=f"{t['decide']} {'fila' if lang == 'es' else 'row'} 3").click()
    expect(page.locator("h1")).to_contain_text("3")
    expect(page.locator("main")).to_contain_text("Estudios Integrales")
    assert axe_violations(page) == []

    page.get_by_role("button", name=t["record"]).click()
    expect(page.locator(".error-summary")).to_contain_text(t["problem"])
    expect(page.locator(".error-summary")).to_be_focused()
    assert axe_violations(page) == []

    page.get_by_label(t["met"], exact=True).check()
    page.locator("textarea").fill("Plan de estudios afín a Ciencia Política")
    page.get_by_role("button", name=t["record"]).click()
    expect(page.get_by_role("status")).to_contain_text(t["saved"])
    expect(page.locator("main")).to_contain_text("rmartinez")
    assert axe_violations(page) == []

    page.goto(f"/reclutamiento/lotes/{batch.batch_id}/publicar?lang={lang}")
    assert axe_violations(page) == []
    page.locator("#publish").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label(t["tick"]).check()
    page.locator("#publish").click()
    expect(page).to_have_url(re.compile(r"/publicaciones/[A-Za-z0-9_-]+$"))
    table = page.locator("main table")
    expect(table).to_contain_text("R-002")
    expect(table).to_contain_text("R-003")
    expect(page.locator("main")).not_to_contain_text("Pérez")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.locator("main a[download]").click()
    assert "R-003" in Path(download.value.path()).read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_an_admin_sees_what_retention_would_remove(page: Any, users: None, lang: str) -> None:
    sign_in(page, STAFF["admin"], lang)
    page.goto(f"/administracion/retencion?lang={lang}")
    expect(page.locator("h1")).to_have_text(TEXT[lang]["retention"])
    assert axe_violations(page) == []
