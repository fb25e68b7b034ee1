"""The administrator's journeys in the browser, in Spanish and English, with axe on each page: import a catalog
(preview with its changes and parser problems → confirm); create a user (an error first) → sign in as them;
create a token → revoke it.

These tests get a server of their own: the import adds revisions of the seed position, which the other browser
tests must not see."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.web.catalog_texts import BROKEN, changed_catalog
from tests.browser.conftest import STAFF, STAFF_PASSWORD, LiveServer, axe_violations, sign_in

LANGS = ["es", "en"]
TEXT = {
    "es": {
        "home": "Administración",
        "import": "Importar un catálogo",
        "see": "Ver qué cambiaría",
        "preview": "Vista previa de la importación",
        "years": "Años de experiencia",
        "new_revision": "Nueva revisión",
        "confirm": "Confirmar e importar",
        "imported": "Catálogo importado",
        "users": "Usuarios",
        "new_user": "Crear un usuario",
        "create_user": "Crear el usuario",
        "created": "Se creó el usuario",
        "short": "La contraseña tiene 5 caracteres; necesita al menos 12",
        "search": "Buscar registros",
        "tokens": "Tokens de la API",
        "new_token": "Crear un token",
        "create_token": "Crear el token",
        "token_created": "Token creado",
        "back": "Volver a los tokens",
        "revoke": "Revocar",
        "revoked": "fue revocado",
    },
    "en": {
        "home": "Administration",
        "import": "Import a catalog",
        "see": "See what it would change",
        "preview": "Preview of the import",
        "years": "Years of experience",
        "new_revision": "New revision",
        "confirm": "Confirm and import",
        "imported": "Catalog imported",
        "users": "Users",
        "new_user": "Create a user",
        "create_user": "Create the user",
        "created": "The user was created",
        "short": "The password has 5 characters; it needs at least 12",
        "search": "Search records",
        "tokens": "API tokens",
        "new_token": "Create a token",
        "create_token": "Create the token",
        "token_created": "Token created",
        "back": "Back to the tokens",
        "revoke": "Revoke",
        "revoked": "was revoked",
    },
}
YEARS = {"es": 3, "en": 4}
"""Each language's upload asks other years, so each is a new revision whatever ran before."""


@pytest.fixture(scope="module")
def live_server() -> Iterator[LiveServer]:
    server = LiveServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def admins(live_server: LiveServer) -> dict[str, str]:
    from screening import services

    with live_server.app.app_context():
        for key, username in STAFF.items():
            services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))
    return dict(STAFF)


def _nav(page: Any, name: str) -> None:
    page.locator(".area-nav").get_by_role("link", name=name, exact=True).click()


@pytest.mark.parametrize("lang", LANGS)
def test_an_admin_previews_a_catalog_then_imports_it(
    page: Any, admins: dict[str, str], tmp_path: Path, lang: str
) -> None:
    t = TEXT[lang]
    upload = tmp_path / "catalogo.txt"
    upload.write_text(changed_catalog(YEARS[lang]) + "\n" + BROKEN, encoding="utf-8")
    sign_in(page, admins["admin"], lang)
    expect(page.locator("h1")).to_have_text(t["home"])
    assert axe_violations(page) == []

    page.locator("main .plain-list").get_by_role("link", name=t["import"]).click()
    expect(page.locator("h1")).to_have_text(t["import"])
    assert axe_violations(page) == []
    page.locator("#archivo").set_input_files(str(upload))
    page.get_by_role("button", name=t["see"]).click()

    expect(page.locator("h1")).to_have_text(t["preview"])
    expect(page.locator("main")).to_contain_text(t["years"])
    expect(page.locator("main")).to_contain_text(t["new_revision"])
    expect(page.locator("main")).to_contain_text("Kínder")  # the parser's problem, with its line
    expect(page.locator("main")).to_contain_text("8-009-004-C999")
    assert axe_violations(page) == []

    page.get_by_role("button", name=t["confirm"]).click()
    expect(page.locator("h1")).to_have_text(t["imported"])
    expect(page.locator("main table")).to_contain_text("8-009-004-C215")
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_admin_creates_a_user_who_then_signs_in(page: Any, admins: dict[str, str], lang: str) -> None:
    t = TEXT[lang]
    username = f"auditora.{lang}"
    password = "una clave larga para " + lang
    sign_in(page, admins["admin"], lang)
    _nav(page, t["users"])
    expect(page.locator("main table")).to_contain_text(admins["auditor"])
    assert axe_violations(page) == []

    page.locator("main").get_by_role("link", name=t["new_user"]).click()
    page.locator("#username").fill(username)
    page.locator("#role").select_option("auditor")
    page.locator("#password").fill("corta")
    page.get_by_role("button", name=t["create_user"]).click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#password-error")).to_contain_text(t["short"])
    assert axe_violations(page) == []

    page.locator("#password").fill(password)
    page.get_by_role("button", name=t["create_user"]).click()
    expect(page.locator(".notice")).to_contain_text(t["created"])
    expect(page.locator("h1")).to_contain_text(username)
    assert axe_violations(page) == []

    page.locator("header").get_by_role("button").click()  # sign out
    page.goto(f"/ingresar?lang={lang}")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(t["search"])
    expect(page.locator("header")).to_contain_text(username)


@pytest.mark.parametrize("lang", LANGS)
def test_an_admin_creates_a_token_and_revokes_it(page: Any, admins: dict[str, str], lang: str) -> None:
    t = TEXT[lang]
    sign_in(page, admins["admin"], lang)
    _nav(page, t["tokens"])
    assert axe_violations(page) == []

    page.locator("main").get_by_role("link", name=t["new_token"]).click()
    page.locator("#name").fill(f"Contraloría ({lang})")
    page.locator("#role").select_option("auditor")
    page.get_by_role("button", name=t["create_token"]).click()
    expect(page.locator("h1")).to_have_text(t["token_created"])
    secret = page.locator("#secret").inner_text()
    assert secret.startswith("scr_")
    assert axe_violations(page) == []
    bearer = {"Authorization": f"Bearer {secret}"}
    assert page.request.get("/api/v1/audit/verify", headers=bearer).status == 200

    page.get_by_role("link", name=t["back"]).click()
    row = page.locator("main tr", has_text=f"Contraloría ({lang})")
    expect(row).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(secret)
    row.get_by_role("button", name=t["revoke"]).click()
    expect(page.locator(".notice")).to_contain_text(t["revoked"])
    assert axe_violations(page) == []
    assert page.request.get("/api/v1/audit/verify", headers=bearer).status == 401
