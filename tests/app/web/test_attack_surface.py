"""T19, the pages' rows (OWASP ASVS V3, V4, V5): every form that posts, staff's and candidates', refuses a post
without its CSRF token with a 400 whoever sends it; signing in starts a new session (a new cookie, a new CSRF
token), so a cookie planted before it (session fixation) never carries the signed-in session; `next` never sends
anyone off the site; five wrong passwords lock the account."""

from __future__ import annotations

from typing import Any

import pytest

from screening import services
from tests.app.web.conftest import SEED_CODE, STAFF_PASSWORD, Browser, sign_in


def _post_forms(app: Any) -> list[str]:
    """The address of every page route that takes a POST (the API, with bearer tokens, has no cookies)."""
    adapter = app.url_map.bind("localhost")
    addresses = []
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()) or rule.rule.startswith("/api/"):
            continue
        values = {name: SEED_CODE if name == "code" else "1" for name in rule.arguments}
        addresses.append(adapter.build(rule.endpoint, values))
    return sorted(set(addresses))


def test_the_forms_listed_are_the_ones_people_use(app: Any) -> None:
    forms = _post_forms(app)
    assert {"/ingresar", "/salir", f"/puestos/{SEED_CODE}/verificar", "/verificar"} <= set(forms)
    assert any(form.startswith("/auditoria/") for form in forms)


@pytest.mark.parametrize("role", [None, "recruiter", "auditor", "admin"])
def test_every_form_refuses_a_post_without_its_csrf_token(
    app: Any, staff_users: dict[str, str], role: str | None
) -> None:
    browser = Browser(app.test_client())
    if role is not None:
        assert sign_in(browser, staff_users[role]).status == 303
    for address in _post_forms(app):
        answer = browser.client.post(address, data={"step": "studies", "username": "x", "password": "y"})
        assert answer.status_code == 400, (role, address, answer.status_code)
        assert "No se pudo enviar el formulario" in answer.get_data(as_text=True), address
        forged = browser.client.post(address, data={"csrf_token": "forjado", "step": "studies"})
        assert forged.status_code == 400, (role, address, "forged token")
    if role is not None:  # nothing was done: still signed in, as before
        assert _signed_in(browser)


def _signed_in(browser: Browser) -> bool:
    """Whether the browser is signed in: only then is there a sign-out page (else it sends to sign in)."""
    return bool(browser.client.get("/salir").status_code == 200)


def _session_id(browser: Browser) -> str | None:
    with browser.client.session_transaction() as stored:
        value = stored.get("_user_id")
    return None if value is None else str(value)


def test_a_cookie_planted_before_sign_in_never_carries_the_session(
    app: Any, staff_users: dict[str, str]
) -> None:
    attacker = Browser(app.test_client())
    attacker.get("/ingresar")
    planted = attacker.client.get_cookie("session").value
    victim = Browser(app.test_client())
    victim.client.set_cookie("session", planted)
    assert sign_in(victim, "aortiz").status == 303
    assert victim.client.get_cookie("session").value != planted
    assert _signed_in(victim)
    assert not _signed_in(attacker)  # the planted cookie is still anonymous


def test_signing_in_renews_the_session_and_the_token_before_it_is_refused(
    app: Any, staff_users: dict[str, str]
) -> None:
    browser = Browser(app.test_client())
    browser.get("/ingresar")
    before_cookie, before_token = browser.client.get_cookie("session").value, browser.token
    assert sign_in(browser, "rmartinez").status == 303
    assert browser.client.get_cookie("session").value != before_cookie
    assert _session_id(browser)
    stale = browser.client.post("/salir", data={"csrf_token": before_token})
    assert stale.status_code == 400  # the form token of the anonymous session is not the new session's
    assert _signed_in(browser)


@pytest.mark.parametrize(
    "target",
    [
        "https://ejemplo.com/robar",
        "//ejemplo.com/robar",
        "/\\ejemplo.com",
        "\\\\ejemplo.com",
        "javascript:alert(1)",
    ],
)
def test_signing_in_never_redirects_off_the_site(app: Any, staff_users: dict[str, str], target: str) -> None:
    browser = Browser(app.test_client())
    browser.get(f"/ingresar?next={target}")
    answer = browser.post("/ingresar", {"username": "aortiz", "password": STAFF_PASSWORD, "next": target})
    assert answer.status == 303
    location = answer.response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "ejemplo.com" not in location and "javascript" not in location


def test_four_wrong_passwords_do_not_lock_the_account(app: Any, staff_users: dict[str, str]) -> None:
    browser = Browser(app.test_client())
    for _ in range(services.MAX_LOGIN_FAILURES - 1):
        assert sign_in(browser, "jsanchez", "no es la clave").status == 422
    assert sign_in(browser, "jsanchez").status == 303


def test_the_fifth_wrong_password_locks_the_account(app: Any, staff_users: dict[str, str]) -> None:
    browser = Browser(app.test_client())
    for _ in range(services.MAX_LOGIN_FAILURES):
        assert sign_in(browser, "aortiz", "no es la clave").status == 422
    locked = sign_in(browser, "aortiz")
    assert locked.status == 422  # the right password is refused too
    assert "bloque" in locked.text  # the message says an account locks after wrong passwords
