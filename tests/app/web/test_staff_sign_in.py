"""Staff sign-in and the guard of staff pages: cookie flags, a new session at sign-in, sign-out and lock-out
ending every earlier cookie, the lockout and the rate limit, `next` kept inside the site, CSRF, 403 for
another role and a redirect for anonymous visitors (SPEC sections 6 and 7)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Blueprint

from screening import services
from screening.web.staff import guard_blueprint, safe_next
from tests.app.web.conftest import STAFF_PASSWORD, Browser, Page, sign_in


def _session_cookie(response: Any) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def _with_guarded_page(app: Any) -> None:
    """A page for auditors only, registered before the app's first request."""
    area = Blueprint("probe", __name__)

    @area.get("/probe/auditor")
    def auditor_page() -> str:
        return "auditor page"

    guard_blueprint(area, "auditor")
    app.register_blueprint(area)


@pytest.fixture
def guarded(data_dir: Path) -> Iterator[Any]:
    from screening import create_app

    application = create_app(
        {
            "SCREENING_DATA_DIR": str(data_dir),
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
        }
    )
    _with_guarded_page(application)
    with application.app_context():
        services.create_user("aortiz", STAFF_PASSWORD, "auditor")
        services.create_user("rmartinez", STAFF_PASSWORD, "recruiter")
    yield application
    application.extensions["screening"].close()


def test_the_sign_in_page_is_in_spanish_and_never_cached(browser: Browser) -> None:
    page = browser.get("/ingresar")
    assert page.status == 200
    assert page.title.startswith("Iniciar sesión")
    assert page.response.headers["Cache-Control"] == "no-store"


def test_signing_in_issues_an_httponly_samesite_lax_cookie(
    browser: Browser, staff_users: dict[str, str]
) -> None:
    answer = sign_in(browser, "rmartinez")
    assert answer.status == 303
    cookie = _session_cookie(answer.response)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_the_cookie_is_secure_unless_the_setting_is_off(data_dir: Path) -> None:
    from screening import create_app

    application = create_app({"SCREENING_DATA_DIR": str(data_dir), "TESTING": True, "SECRET_KEY": "test"})
    with application.app_context():
        services.create_user("rmartinez", STAFF_PASSWORD, "recruiter")
    browser = Browser(application.test_client())
    browser.get("/ingresar", base_url="https://localhost")
    answer = browser.post(
        "/ingresar", {"username": "rmartinez", "password": STAFF_PASSWORD}, base_url="https://localhost"
    )
    assert answer.status == 303
    assert "Secure" in _session_cookie(answer.response)
    application.extensions["screening"].close()


def test_signing_in_starts_a_new_session(browser: Browser, staff_users: dict[str, str]) -> None:
    browser.get("/ingresar")
    with browser.client.session_transaction() as before:
        before["left_from_before"] = "planted"
        planted_csrf = before.get("csrf_token")
    sign_in(browser, "rmartinez")
    with browser.client.session_transaction() as after:
        assert "left_from_before" not in after
        assert after.get("csrf_token") != planted_csrf
        assert after["_user_id"].startswith(str(after["_user_id"]).split(":")[0] + ":")


def test_a_signed_in_user_without_an_area_sees_who_is_signed_in(
    browser: Browser, staff_users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from screening.web import staff

    monkeypatch.setitem(staff.AREAS, "auditor", "nowhere.home")  # a role whose area is not built
    sign_in(browser, "aortiz")
    page = browser.get("/ingresar")
    assert "Sesión iniciada como aortiz (auditor)" in page.text


def test_a_wrong_password_is_an_error_beside_the_field_and_the_name_is_kept(
    browser: Browser, staff_users: dict[str, str]
) -> None:
    page = sign_in(browser, "rmartinez", "no es la clave")
    assert page.status == 422
    assert page.title.startswith("Error:")
    assert page.errors[0].startswith("El nombre de usuario o la contraseña no son correctos")
    assert page.value("username") == "rmartinez"
    assert 'value="no es la clave"' not in page.html


def test_empty_fields_are_named(browser: Browser) -> None:
    page = sign_in(browser, "", "")
    assert page.status == 422
    assert page.errors == ["Escribe tu nombre de usuario", "Escribe tu contraseña"]


def test_five_wrong_passwords_lock_the_account_and_end_its_sessions(
    app: Any, browser: Browser, staff_users: dict[str, str]
) -> None:
    earlier = Browser(app.test_client())
    sign_in(earlier, "rmartinez")
    assert "rmartinez" in earlier.get("/ingresar", follow_redirects=True).html
    for _ in range(services.MAX_LOGIN_FAILURES):
        assert sign_in(browser, "rmartinez", "no es la clave").status == 422
    assert sign_in(browser, "rmartinez").status == 422  # the right password, but locked
    assert (
        "rmartinez" not in earlier.get("/ingresar", follow_redirects=True).html
    )  # the session signed in before the lock is over


def test_signing_out_ends_every_copy_of_the_cookie(app: Any, staff_users: dict[str, str]) -> None:
    browser = Browser(app.test_client())
    sign_in(browser, "rmartinez")
    copy = Browser(app.test_client())
    copy.client.set_cookie("session", browser.client.get_cookie("session").value)
    assert "rmartinez" in copy.get("/ingresar", follow_redirects=True).html
    browser.get("/salir")
    answer = browser.post("/salir", {})
    assert answer.status == 303
    assert answer.response.headers["Location"] == "/ingresar?salida=1"
    assert "Saliste de tu sesión" in browser.get("/ingresar?salida=1").text
    assert "rmartinez" not in copy.get("/ingresar", follow_redirects=True).html


def test_a_session_ends_after_its_working_day(browser: Browser, staff_users: dict[str, str]) -> None:
    from screening.web.staff import SESSION_SECONDS

    sign_in(browser, "rmartinez")
    with browser.client.session_transaction() as stored:
        stored["staff_since"] -= SESSION_SECONDS + 1
    assert "rmartinez" not in browser.get("/ingresar", follow_redirects=True).html


def test_a_form_without_its_csrf_token_is_refused(app: Any, staff_users: dict[str, str]) -> None:
    answer = app.test_client().post("/ingresar", data={"username": "rmartinez", "password": STAFF_PASSWORD})
    assert answer.status_code == 400
    assert "No se pudo enviar el formulario" in Page(answer).title


def test_signing_in_is_rate_limited_per_address(data_dir: Path) -> None:
    from screening import create_app

    application = create_app(
        {
            "SCREENING_DATA_DIR": str(data_dir),
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
            "RATELIMIT_SIGN_IN": "3 per minute",
        }
    )
    browser = Browser(application.test_client())
    for _ in range(3):
        assert sign_in(browser, "nadie", "no es la clave").status == 422
    page = sign_in(browser, "nadie", "no es la clave")
    assert page.status == 429
    assert page.title.startswith("Demasiados intentos de iniciar sesión")
    assert 1 <= int(page.response.headers["Retry-After"]) <= 61
    assert browser.get("/ingresar").status == 200
    application.extensions["screening"].close()


@pytest.mark.parametrize(
    "target",
    [
        "https://ejemplo.com/robar",
        "//ejemplo.com/robar",
        "/\\ejemplo.com",
        "javascript:alert(1)",
        "ejemplo.com",
        "/a\r\nSet-Cookie: x=1",
        "",
    ],
)
def test_next_never_leaves_the_site(target: str) -> None:
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/reclutamiento", "/reclutamiento/lotes/b_1?resultado=review#filas"])
def test_next_inside_the_site_is_kept(target: str) -> None:
    assert safe_next(target) == target


def test_an_anonymous_visitor_of_a_staff_page_is_sent_to_sign_in_and_back(guarded: Any) -> None:
    browser = Browser(guarded.test_client())
    answer = browser.client.get("/probe/auditor?folio=A-1")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/ingresar?next=/probe/auditor?folio%3DA-1"
    page = browser.get(answer.headers["Location"])
    assert page.value("next") == "/probe/auditor?folio=A-1"
    signed = browser.post(
        "/ingresar", {"username": "aortiz", "password": STAFF_PASSWORD, "next": page.value("next") or ""}
    )
    assert signed.response.headers["Location"] == "/probe/auditor?folio=A-1"
    assert browser.client.get("/probe/auditor?folio=A-1").get_data(as_text=True) == "auditor page"


def test_a_sign_in_asked_to_go_elsewhere_stays_on_the_site(guarded: Any) -> None:
    browser = Browser(guarded.test_client())
    signed = sign_in(browser, "aortiz", next="https://ejemplo.com/robar")
    assert (
        signed.response.headers["Location"] == "/auditoria/"
    )  # the auditor's start page, not the other site


def test_another_role_gets_a_403_page(guarded: Any) -> None:
    browser = Browser(guarded.test_client())
    sign_in(browser, "rmartinez")
    page = browser.get("/probe/auditor")
    assert page.status == 403
    assert page.title.startswith("Esta página no es para tu cuenta")
    assert "rmartinez (reclutador)" in page.text
    assert page.response.headers["Cache-Control"] == "no-store"
