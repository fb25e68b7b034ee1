"""Staff sign-in in the browser: the form, its error state, signing in and out; axe on each state."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

LANGS = ["es", "en"]
TEXT = {
    "es": {"title": "Iniciar sesión", "problem": "Hay un problema", "signed_out": "Saliste de tu sesión."},
    "en": {"title": "Sign in", "problem": "There is a problem", "signed_out": "You have signed out."},
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_password_then_signing_in_and_out(page: Any, staff_users: dict[str, str], lang: str) -> None:
    t = TEXT[lang]
    page.goto(f"/ingresar?lang={lang}")
    assert page.title().startswith(t["title"])
    assert axe_violations(page) == []
    page.locator("#username").fill(staff_users["auditor"])
    page.locator("#password").fill("no es la clave")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_focused()  # autofocus, after the load
    assert page.title().startswith("Error:")
    assert page.locator("#username").input_value() == staff_users["auditor"]
    assert page.locator("#password").input_value() == ""
    assert axe_violations(page) == []

    sign_in(page, staff_users["auditor"], lang)
    expect(page.locator("header")).to_contain_text(staff_users["auditor"])
    assert axe_violations(page) == []
    page.locator("header form button").click()
    expect(page.get_by_text(t["signed_out"])).to_be_visible()
    assert axe_violations(page) == []
