"""A person walks every page in Spanish and in English, with the errors, and axe-core checks each state."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SEED_CODE, axe_violations

LANGS = ["es", "en"]
TEXT = {
    "es": {
        "start": "Comenzar",
        "level": "Nivel de estudios",
        "status": "Grado de avance",
        "field": "Carrera",
        "continue": "Continuar",
        "area": "Área de experiencia",
        "current": "Trabajo aquí actualmente",
        "result": "Ver el resultado",
        "save": "Guardar comprobante",
        "eligible": "Cumples los requisitos de este puesto",
        "saved": "Comprobante guardado",
        "problem": "Hay un problema",
        "add_job": "Agregar otro empleo",
    },
    "en": {
        "start": "Start",
        "level": "Level of studies",
        "status": "Degree status",
        "field": "Field of study",
        "continue": "Continue",
        "area": "Area of experience",
        "current": "I work here now",
        "result": "See the result",
        "save": "Save receipt",
        "eligible": "You meet the requirements of this position",
        "saved": "Receipt saved",
        "problem": "There is a problem",
        "add_job": "Add another job",
    },
}


def assert_accessible(page: Any) -> None:
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_pages_read_well_and_pass_axe(page: Any, lang: str) -> None:
    page.goto(f"/?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)
    page.get_by_role("button", name=TEXT[lang]["start"]).click()
    assert page.url.endswith("/puestos")
    assert_accessible(page)
    page.get_by_role("link", name="Directora o Director de Organizaciones de Participación Ciudadana").click()
    assert page.url.endswith(f"/puestos/{SEED_CODE}")
    assert_accessible(page)
    page.goto("/aviso-de-privacidad")
    assert_accessible(page)
    page.goto("/puestos/NOPE")
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_whole_check_with_its_errors_then_a_receipt(page: Any, lang: str) -> None:
    t = TEXT[lang]
    page.goto(f"/puestos/{SEED_CODE}/verificar?lang={lang}")
    assert_accessible(page)

    # Continue with the level only: the error summary takes the focus and links to each field.
    page.get_by_label(t["level"]).select_option("Licenciatura")
    page.get_by_role("button", name=t["continue"], exact=True).click()
    assert page.title().startswith("Error:")
    expect(page.locator("#error-summary")).to_be_focused()  # focus lands after the page has loaded
    assert page.locator("#error-summary").get_by_role("heading").inner_text() == t["problem"]
    assert_accessible(page)
    page.locator("#error-summary a").first.click()
    expect(page.locator("#degrees-0-status")).to_be_focused()  # focus lands after the page has loaded
    assert page.get_by_label(t["level"]).input_value() == "Licenciatura"  # nothing cleared

    page.get_by_label(t["status"]).select_option("Título")
    page.get_by_label(t["field"]).fill("Ciencia Política")
    page.get_by_role("button", name=t["continue"], exact=True).click()

    # Jobs: a date that does not exist, then "Add another" without JavaScript.
    page.get_by_label(t["area"]).fill("Evaluación de proyectos y atención ciudadana")
    start = page.locator("#jobs-0-start")
    start.locator("#jobs-0-start-day").fill("30")
    start.locator("#jobs-0-start-month").fill("2")
    start.locator("#jobs-0-start-year").fill("2021")
    page.get_by_label(t["current"]).check()
    page.get_by_role("button", name=t["continue"], exact=True).click()
    assert page.title().startswith("Error:")
    assert "2021-02-30" in page.locator("#jobs-0-start-error").inner_text()
    assert_accessible(page)
    start = page.locator("#jobs-0-start")
    start.locator("#jobs-0-start-day").fill("")
    start.locator("#jobs-0-start-month").fill("3")
    page.get_by_role("button", name=t["add_job"]).click()
    assert page.locator("#jobs-1-area").count() == 1
    assert page.locator("#jobs-0-area").input_value() == "Evaluación de proyectos y atención ciudadana"
    assert_accessible(page)
    page.get_by_role("button", name=t["continue"], exact=True).click()

    # Desirable items (optional), then check answers, then the result.
    assert_accessible(page)
    page.locator("#knowledge-0").check()
    page.get_by_role("button", name=t["continue"], exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name=t["result"]).click()
    assert page.locator("h1").first.inner_text() == t["eligible"]
    assert_accessible(page)

    page.get_by_role("button", name=t["save"]).click()
    assert "/comprobantes/" in page.url
    assert page.get_by_text(t["saved"]).is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGS)
def test_which_positions_can_i_apply_to(page: Any, lang: str) -> None:
    t = TEXT[lang]
    page.goto(f"/verificar?lang={lang}")
    page.get_by_label(t["level"]).select_option("Bachillerato")
    page.get_by_label(t["status"]).select_option("Pasante")
    page.get_by_label(t["field"]).fill("Bachillerato general")
    page.get_by_role("button", name=t["continue"], exact=True).click()
    page.get_by_role("button", name=t["continue"], exact=True).click()
    assert_accessible(page)
    page.locator("#knowledge_text").fill("Normativa electoral\nManejo de Excel")
    page.get_by_role("button", name=t["continue"], exact=True).click()
    page.get_by_role("button", name=t["result"]).click()
    headings = page.locator("h2").all_inner_texts()
    assert [h.rsplit(" (", 1)[1] for h in headings[:3]] == ["0)", "0)", "1)"]
    assert_accessible(page)


def test_a_form_without_its_csrf_token_is_refused_with_a_page_that_says_why(page: Any) -> None:
    page.goto(f"/puestos/{SEED_CODE}/verificar?lang=es")
    page.evaluate("document.querySelector('input[name=csrf_token]').remove()")
    page.get_by_role("button", name="Continuar", exact=True).click()
    assert page.title().startswith("No se pudo enviar el formulario")
    assert_accessible(page)
