"""The whole self-check done with the keyboard only: Tab to each field, type, Space and Enter."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import SEED_CODE


def tab_to(page: Any, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element has the focus; fail if the keyboard cannot reach it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def tab_to_button(page: Any, text: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.tagName + '|' + document.activeElement.textContent.trim()"
        )
        if focused == f"BUTTON|{text}":
            return
    raise AssertionError(f"the button {text!r} cannot be reached with the Tab key")


def submit(page: Any) -> None:
    """Enter on a field or a button sends the form: wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_check_can_be_completed_with_the_keyboard_only(page: Any) -> None:
    page.goto(f"/puestos/{SEED_CODE}/verificar?lang=es")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    tab_to(page, "degrees-0-level")
    page.keyboard.type("Lic")
    tab_to(page, "degrees-0-field")
    page.keyboard.type("Ciencia Politica")
    submit(page)  # the status is missing: the error summary takes the focus
    assert page.title().startswith("Error:")
    expect(page.locator("#error-summary")).to_be_focused()  # focus lands after the page has loaded
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link moves to the field
    expect(page.locator("#degrees-0-status")).to_be_focused()  # focus lands after the page has loaded
    page.keyboard.type("Ti")
    assert page.locator("#degrees-0-status").input_value() == "Título"
    tab_to_button(page, "Continuar")  # Enter on a select does not send a form
    submit(page)

    assert page.title().startswith("Tu experiencia laboral")
    tab_to(page, "jobs-0-area")
    page.keyboard.type("Evaluacion de proyectos y atencion ciudadana")
    tab_to(page, "jobs-0-start-month")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2021")
    tab_to(page, "jobs-0-current")
    page.keyboard.press("Space")
    tab_to_button(page, "Continuar")
    submit(page)

    assert page.title().startswith("Conocimientos y habilidades deseables")
    tab_to(page, "knowledge-0")
    page.keyboard.press("Space")
    tab_to_button(page, "Continuar")
    submit(page)

    assert page.title().startswith("Revisa tus respuestas")
    tab_to_button(page, "Ver el resultado")
    submit(page)
    assert page.locator("h1").first.inner_text() == "Cumples los requisitos de este puesto"

    tab_to_button(page, "Guardar comprobante")
    submit(page)
    assert "/comprobantes/" in page.url
