"""The auditor's and the administrator's journeys in the browser, in Spanish and English, with axe on each page:
search → record → replay → appeal file (and its print layout) → the chain; revisions → difference → what-if.

These tests get a server of their own: what-if needs a second revision of the seed position, which the other
browser tests (the candidate's self-check) must not see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.web.audit_fixtures import Stored, store_records
from tests.browser.conftest import SEED_CODE, STAFF, STAFF_PASSWORD, LiveServer, axe_violations, sign_in

LANGS = ["es", "en"]
TEXT = {
    "es": {
        "search": "Buscar",
        "replay": "Reproducir",
        "identical": "Idéntico",
        "appeal": "Expediente",
        "verify": "Verificar ahora",
        "verifies": "La cadena verifica",
        "compare": "Comparar",
        "what_if": "Revisar un lote de nuevo",
        "who": "Ver a quién le cambiaría",
        "changed": "A 1 de 3 registros le cambiaría el resultado.",
        "years": "Años de experiencia",
    },
    "en": {
        "search": "Search",
        "replay": "Replay",
        "identical": "Identical",
        "appeal": "Appeal file",
        "verify": "Verify now",
        "verifies": "The chain verifies",
        "compare": "Compare",
        "what_if": "Screen a batch again",
        "who": "See who would change",
        "changed": "1 of 3 records would change outcome.",
        "years": "Years of experience",
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
def stored(live_server: LiveServer) -> Stored:
    from screening import services

    with live_server.app.app_context():
        for key, username in STAFF.items():
            services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))
    return store_records(live_server.app, live_server.data_dir)


@pytest.mark.parametrize("lang", LANGS)
def test_an_auditor_finds_a_record_replays_it_and_prints_its_appeal_file(
    page: Any, stored: Stored, lang: str
) -> None:
    t = TEXT[lang]
    sign_in(page, STAFF["auditor"], lang)
    expect(page.locator("h1")).to_have_text("Buscar registros" if lang == "es" else "Search records")
    assert axe_violations(page) == []

    page.locator("#q").fill("A-0043")
    page.get_by_role("button", name=t["search"], exact=True).click()
    expect(page.locator("main table")).to_contain_text("A-0043")
    assert axe_violations(page) == []

    page.locator("main table a").first.click()
    expect(page.locator("h1")).to_contain_text("A-0043")
    expect(page.locator("main")).to_contain_text(STAFF["recruiter"])
    assert axe_violations(page) == []

    page.get_by_role("button", name=t["replay"], exact=True).click()
    expect(page.locator("main .panel h2")).to_have_text(t["identical"])
    assert axe_violations(page) == []

    page.locator("main").get_by_role(
        "link", name="Volver al registro" if lang == "es" else "Back to the record"
    ).last.click()
    page.get_by_role("link", name=t["appeal"], exact=True).click()
    expect(page.locator("main")).to_contain_text(stored.ineligible_id)
    expect(page.locator("[data-print]")).to_be_visible()  # shown by its static script
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    expect(page.locator(".area-nav")).to_be_hidden()
    expect(page.locator("header")).to_be_hidden()
    expect(page.locator(".criteria")).to_be_visible()
    page.emulate_media(media="screen")

    page.locator(".area-nav").get_by_role(
        "link", name="Verificar la cadena" if lang == "es" else "Verify the chain"
    ).click()
    page.get_by_role("button", name=t["verify"]).click()
    expect(page.locator("main .panel h2")).to_have_text(t["verifies"])
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_admin_compares_two_revisions_and_sees_who_would_change(
    page: Any, stored: Stored, lang: str
) -> None:
    t = TEXT[lang]
    sign_in(page, STAFF["admin"], lang)
    expect(page.locator("header")).to_contain_text(STAFF["admin"])
    page.goto("/administracion/puestos")
    assert axe_violations(page) == []

    page.locator("main table a").first.click()
    expect(page.locator(".caption")).to_have_text(SEED_CODE)
    assert axe_violations(page) == []

    page.locator("#de").select_option("1")
    page.locator("#a").select_option("2")
    page.get_by_role("button", name=t["compare"]).click()
    expect(page.locator("main table").first).to_contain_text(t["years"])
    assert axe_violations(page) == []

    page.locator("main").get_by_role("link").last.click()  # whose outcome would change in a stored batch
    page.locator("#lote").select_option(stored.batch_id)
    page.locator("#revision").select_option("2")
    page.get_by_role("button", name=t["who"]).click()
    expect(page.locator("main .panel")).to_have_text(t["changed"])
    expect(page.locator("main")).to_contain_text("L-001")
    assert axe_violations(page) == []

    page.locator("#lote").select_option("")
    page.get_by_role("button", name=t["who"]).click()
    expect(page.locator("#error-summary")).to_be_focused()
    assert axe_violations(page) == []
