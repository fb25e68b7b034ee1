"""The administrators' pages (/administracion): catalog import with its preview, users and tokens; bad input
named in the page's language, sessions ended by each change of an account, the last administrator kept."""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from screening import services
from tests.app.web.catalog_texts import BROKEN, CATALOG, SEED, changed_catalog
from tests.app.web.conftest import STAFF_PASSWORD, Browser, Page, sign_in

CHANGED = changed_catalog()


@pytest.fixture
def admin(staff_browser: Any) -> Browser:
    """An administrator signed in, with the CSRF token of the signed-in session."""
    browser: Browser = staff_browser("admin")
    browser.get("/administracion")
    return browser


def _upload(browser: Browser, text: str | bytes, name: str = "catalogo.txt", catalog: str = "iecm") -> Page:
    browser.get("/administracion/catalogo")
    data = text.encode("utf-8") if isinstance(text, str) else text
    return Page(
        browser.client.post(
            "/administracion/catalogo",
            data={"csrf_token": browser.token, "catalogo": catalog, "archivo": (io.BytesIO(data), name)},
        )
    )


def _user_id(app: Any, username: str) -> int:
    with app.app_context():
        return next(u["id"] for u in services.list_users() if u["username"] == username)


def _user(app: Any, user_id: int) -> dict[str, Any]:
    with app.app_context():
        return services.get_user(user_id)


# --- start page -----------------------------------------------------------------------------------------------


def test_the_start_page_links_every_admin_page(admin: Browser) -> None:
    page = admin.get("/administracion")
    assert page.status == 200
    assert page.title.startswith("Administración")
    for href in (
        "/administracion/catalogo",
        "/administracion/puestos",
        "/administracion/usuarios",
        "/administracion/tokens",
        "/administracion/retencion",
    ):
        assert f'href="{href}"' in page.html
    assert page.response.headers["Cache-Control"] == "no-store"


def test_an_admin_signing_in_lands_on_the_start_page(browser: Browser, staff_users: dict[str, str]) -> None:
    answer = sign_in(browser, staff_users["admin"])
    assert answer.response.headers["Location"] == "/administracion"


# --- catalog import -------------------------------------------------------------------------------------------


def test_a_changed_catalog_is_previewed_with_its_changes_then_stored_on_confirmation(
    admin: Browser, app: Any
) -> None:
    answer = _upload(admin, CHANGED)
    assert answer.status == 303
    assert answer.response.headers["Location"] == "/administracion/catalogo/vista-previa"
    preview = admin.get("/administracion/catalogo/vista-previa")
    assert preview.status == 200
    assert "Nueva revisión" in preview.text
    assert "se guardaría como revisión 2" in preview.text.lower()
    assert "Años de experiencia" in preview.text
    assert "Normativa Electoral local" in preview.text
    with app.app_context():
        assert [r["revision"] for r in services.revisions_of_position(SEED)["revisions"]] == [1]
    done = admin.post("/administracion/catalogo/confirmar", {})
    assert done.status == 200
    assert "Catálogo importado" in done.text
    with app.app_context():
        assert [r["revision"] for r in services.revisions_of_position(SEED)["revisions"]] == [1, 2]
        assert services.get_rule_set(SEED).profile.experience.years == 3
    # The kept file is gone: a second confirmation has nothing to import.
    assert admin.post("/administracion/catalogo/confirmar", {}).status == 404
    assert admin.get("/administracion/catalogo/vista-previa").status == 404


def test_every_parser_problem_is_listed_with_its_line_and_section(admin: Browser) -> None:
    _upload(admin, CATALOG + "\n" + BROKEN)
    preview = admin.get("/administracion/catalogo/vista-previa")
    assert preview.status == 200
    rows = re.findall(
        r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", preview.html
    )
    found = {(section, code) for _line, section, code, _message in rows}
    assert ("Instrucción Formal Requerida", "8-009-004-C999") in found
    assert ("Experiencia Laboral Requerida", "8-009-004-C999") in found
    assert all(int(line) > 116 for line, *_rest in rows)  # lines of the second profile, after the first
    assert "Kínder" in preview.html
    assert "No se importaría" in preview.text
    assert "Sin cambios" in preview.text  # the first profile is the stored one


def test_parser_problems_are_written_in_the_page_language(admin: Browser) -> None:
    _upload(admin, CATALOG + "\n" + BROKEN)
    spanish = admin.get("/administracion/catalogo/vista-previa").html
    assert "Años de Experiencia: se encontró &#39;dos&#39;; se acepta: un número entero de años" in spanish
    assert "accepted:" not in spanish
    english = admin.get("/administracion/catalogo/vista-previa?lang=en").html
    assert "Años de Experiencia: found &#39;dos&#39;; accepted: a whole number of years" in english
    assert "(and abbreviations such as Lic., Ing., Mtría., Dr.)" in english


def test_an_unchanged_catalog_has_nothing_to_confirm(admin: Browser) -> None:
    _upload(admin, CATALOG)
    preview = admin.get("/administracion/catalogo/vista-previa")
    assert "Confirmar e importar" not in preview.text
    assert "no hay nada que importar" in preview.text.lower()


def test_a_yaml_catalog_is_read_as_yaml(admin: Browser, app: Any) -> None:
    with app.app_context():
        text = services.export_profile(SEED).replace("years: 2", "years: 4")
    assert "years: 4" in text
    _upload(admin, text, name="perfil.yaml")
    preview = admin.get("/administracion/catalogo/vista-previa")
    assert "Nueva revisión" in preview.text
    assert "Años de experiencia" in preview.text


def test_cancelling_removes_the_kept_file(admin: Browser, data_dir: Path) -> None:
    _upload(admin, CHANGED)
    kept = list((data_dir / "catalog-imports").glob("*.txt"))
    assert len(kept) == 1
    answer = admin.post("/administracion/catalogo/cancelar", {})
    assert answer.status == 303
    assert not list((data_dir / "catalog-imports").glob("*.txt"))
    assert admin.get("/administracion/catalogo/vista-previa").status == 404


def test_the_upload_is_kept_in_a_0600_file_named_by_the_server(admin: Browser, data_dir: Path) -> None:
    _upload(admin, CHANGED, name="../../etc/passwd.txt")
    (kept,) = list((data_dir / "catalog-imports").glob("*.txt"))
    assert re.fullmatch(r"[0-9a-f]{32}\.txt", kept.name)
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert kept.read_text(encoding="utf-8") == CHANGED


def test_confirming_imports_the_kept_text_not_a_body_sent_with_it(admin: Browser, app: Any) -> None:
    _upload(admin, CHANGED)
    admin.post("/administracion/catalogo/confirmar", {"archivo": BROKEN, "text": BROKEN})
    with app.app_context():
        assert services.get_rule_set(SEED).profile.experience.years == 3
        with pytest.raises(Exception, match="8-009-004-C999"):
            services.get_rule_set("8-009-004-C999")


@pytest.mark.parametrize(
    ("content", "name", "catalog", "message"),
    [
        (b"", "", "iecm", "Elige el archivo del catálogo"),
        (b"\x00\x01\x02PK", "cat.txt", "iecm", "no es un texto"),
        (b"   \n\n", "cat.txt", "iecm", "está vacío"),
        (CATALOG.encode("utf-8"), "cat.txt", "../iecm", "El nombre del catálogo"),
    ],
)
def test_bad_uploads_are_named(admin: Browser, content: bytes, name: str, catalog: str, message: str) -> None:
    page = _upload(admin, content, name=name, catalog=catalog)
    assert page.status == 422
    assert page.title.startswith("Error:")
    assert any(message in error for error in page.errors), page.errors


def test_a_windows_1252_catalog_is_read(admin: Browser) -> None:
    assert _upload(admin, CHANGED.encode("cp1252")).status == 303
    assert "Nueva revisión" in admin.get("/administracion/catalogo/vista-previa").text


def test_an_upload_over_the_limit_is_a_413_page(data_dir: Path) -> None:
    from screening import create_app

    application = create_app(
        {
            "SCREENING_DATA_DIR": str(data_dir),
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
            "MAX_UPLOAD_BYTES": 4096,
        }
    )
    try:
        with application.app_context():
            services.create_user("jsanchez", STAFF_PASSWORD, "admin")
        browser = Browser(application.test_client())
        sign_in(browser, "jsanchez")
        page = _upload(browser, CATALOG * 3)
        assert page.status == 413
    finally:
        application.extensions["screening"].close()


def test_forms_without_csrf_token_are_refused(admin: Browser) -> None:
    for url in (
        "/administracion/catalogo",
        "/administracion/usuarios/nuevo",
        "/administracion/tokens/nuevo",
        "/administracion/catalogo/confirmar",
    ):
        answer = admin.client.post(url, data={"username": "x", "role": "admin", "password": "p" * 20})
        assert answer.status_code == 400, url
        assert "código de seguridad" in Page(answer).text


# --- users ----------------------------------------------------------------------------------------------------


def _create(
    admin: Browser, username: str, role: str = "recruiter", password: str = "una clave larga 2026"
) -> Page:
    admin.get("/administracion/usuarios/nuevo")
    return admin.post(
        "/administracion/usuarios/nuevo", {"username": username, "role": role, "password": password}
    )


def test_a_created_user_can_sign_in_with_their_role(admin: Browser, app: Any) -> None:
    answer = _create(admin, "nueva.reclutadora", "auditor")
    assert answer.status == 303
    page = admin.get(answer.response.headers["Location"])
    assert "nueva.reclutadora" in page.text
    assert "Se creó el usuario" in page.text
    assert "nueva.reclutadora" in admin.get("/administracion/usuarios").text
    them = Browser(app.test_client())
    assert (
        sign_in(them, "nueva.reclutadora", "una clave larga 2026").response.headers["Location"]
        == "/auditoria/"
    )


@pytest.mark.parametrize(
    ("username", "role", "password", "field", "message"),
    [
        ("", "recruiter", "una clave larga 2026", "username", "Escribe el nombre de usuario"),
        ("x" * 151, "recruiter", "una clave larga 2026", "username", "a lo más 150 caracteres"),
        ("nuevo", "", "una clave larga 2026", "role", "Elige el rol"),
        ("nuevo", "jefe", "una clave larga 2026", "role", "“jefe” no es un rol"),
        ("nuevo", "recruiter", "corta", "password", "tiene 5 caracteres; necesita al menos 12"),
    ],
)
def test_bad_user_fields_are_named(
    app: Any, admin: Browser, username: str, role: str, password: str, field: str, message: str
) -> None:
    page = _create(admin, username, role, password)
    assert page.status == 422
    assert any(message in error for error in page.errors), page.errors
    assert f'id="{field}-error"' in page.html
    with app.app_context():
        assert "nuevo" not in [u["username"] for u in services.list_users()]


def test_a_duplicate_user_name_is_refused(admin: Browser, staff_users: dict[str, str]) -> None:
    page = _create(admin, staff_users["recruiter"])
    assert page.status == 422
    assert any("Ya existe un usuario" in error for error in page.errors)


def test_unknown_users_and_tokens_are_404_pages(admin: Browser) -> None:
    assert admin.get("/administracion/usuarios/9999").status == 404
    assert admin.post("/administracion/usuarios/9999/rol", {"role": "auditor"}).status == 404
    assert admin.post("/administracion/usuarios/9999/bloquear", {}).status == 404
    assert admin.post("/administracion/usuarios/9999/desbloquear", {}).status == 404
    assert admin.post("/administracion/usuarios/9999/contrasena", {"password": "x" * 20}).status == 404
    page = admin.post("/administracion/tokens/tok_000000000000/revocar", {})
    assert page.status == 404
    assert page.title.startswith("No se encontró la página")


def test_a_change_of_role_ends_the_users_sessions(
    admin: Browser, staff_browser: Any, staff_users: dict[str, str], app: Any
) -> None:
    recruiter = staff_browser("recruiter")
    assert recruiter.client.get("/salir").status_code == 200
    user_id = _user_id(app, staff_users["recruiter"])
    answer = admin.post(f"/administracion/usuarios/{user_id}/rol", {"role": "auditor"})
    assert answer.status == 303
    assert "sesiones abiertas" in admin.get(answer.response.headers["Location"]).text
    assert recruiter.client.get("/salir").status_code == 302  # signed out: sent to /ingresar
    again = Browser(app.test_client())
    assert sign_in(again, staff_users["recruiter"]).response.headers["Location"] == "/auditoria/"


def test_a_lock_ends_the_sessions_and_refuses_sign_in_until_unlocked(
    admin: Browser, staff_browser: Any, staff_users: dict[str, str], app: Any
) -> None:
    auditor = staff_browser("auditor")
    user_id = _user_id(app, staff_users["auditor"])
    assert admin.post(f"/administracion/usuarios/{user_id}/bloquear", {}).status == 303
    assert auditor.client.get("/auditoria/").status_code == 302
    assert "Bloqueada" in admin.get(f"/administracion/usuarios/{user_id}").text
    assert sign_in(Browser(app.test_client()), staff_users["auditor"]).status == 422
    assert admin.post(f"/administracion/usuarios/{user_id}/desbloquear", {}).status == 303
    assert sign_in(Browser(app.test_client()), staff_users["auditor"]).status == 303


def test_a_new_password_replaces_the_old_and_ends_the_sessions(
    admin: Browser, staff_browser: Any, staff_users: dict[str, str], app: Any
) -> None:
    auditor = staff_browser("auditor")
    user_id = _user_id(app, staff_users["auditor"])
    weak = admin.post(f"/administracion/usuarios/{user_id}/contrasena", {"password": "corta"})
    assert weak.status == 422
    assert any("necesita al menos 12" in error for error in weak.errors)
    assert (
        admin.post(f"/administracion/usuarios/{user_id}/contrasena", {"password": "otra clave 2026!"}).status
        == 303
    )
    assert auditor.client.get("/auditoria/").status_code == 302
    assert sign_in(Browser(app.test_client()), staff_users["auditor"]).status == 422
    assert sign_in(Browser(app.test_client()), staff_users["auditor"], "otra clave 2026!").status == 303


def test_the_last_admin_keeps_the_role_and_cannot_lock_themselves(
    app: Any, admin: Browser, staff_users: dict[str, str]
) -> None:
    me = _user_id(app, staff_users["admin"])
    demoted = admin.post(f"/administracion/usuarios/{me}/rol", {"role": "recruiter"})
    assert demoted.status == 409
    assert any("único administrador activo" in error for error in demoted.errors)
    locked = admin.post(f"/administracion/usuarios/{me}/bloquear", {})
    assert locked.status == 409
    assert any("No puedes bloquear tu propia cuenta" in error for error in locked.errors)
    assert _user(app, me)["role"] == "admin"
    assert _user(app, me)["state"] == "active"
    assert admin.get("/administracion").status == 200  # still signed in


def test_with_a_second_admin_one_may_hand_over_the_role(
    app: Any, admin: Browser, staff_users: dict[str, str]
) -> None:
    other = _create(admin, "segunda.admin", "admin")
    assert other.status == 303
    me = _user_id(app, staff_users["admin"])
    assert admin.post(f"/administracion/usuarios/{me}/rol", {"role": "auditor"}).status == 303
    assert admin.client.get("/administracion").status_code == 302  # own sessions ended too
    other_id = _user_id(app, "segunda.admin")
    with app.app_context(), pytest.raises(services.LastAdmin):
        services.set_role(other_id, "recruiter")  # the remaining one is now the last administrator


def test_an_unknown_role_on_the_role_form_is_named(
    app: Any, admin: Browser, staff_users: dict[str, str]
) -> None:
    user_id = _user_id(app, staff_users["recruiter"])
    page = admin.post(f"/administracion/usuarios/{user_id}/rol", {"role": "superadmin"})
    assert page.status == 422
    assert any("“superadmin” no es un rol" in error for error in page.errors)


# --- tokens ---------------------------------------------------------------------------------------------------


def test_a_token_is_shown_once_works_and_stops_working_when_revoked(admin: Browser, app: Any) -> None:
    admin.get("/administracion/tokens/nuevo")
    created = admin.post("/administracion/tokens/nuevo", {"name": "Sistema de RH", "role": "auditor"})
    assert created.status == 200
    assert created.response.headers["Cache-Control"] == "no-store"
    secret = re.search(r'id="secret">(scr_[^<]+)<', created.html).group(1)  # type: ignore[union-attr]
    api = app.test_client()
    assert api.get("/api/v1/audit/verify", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    listing = admin.get("/administracion/tokens")
    assert "Sistema de RH" in listing.text
    assert secret not in listing.html
    token_id = re.search(r"/administracion/tokens/(tok_[0-9a-f]+)/revocar", listing.html).group(1)  # type: ignore[union-attr]
    revoked = admin.post(f"/administracion/tokens/{token_id}/revocar", {})
    assert revoked.status == 303
    assert f"{token_id} fue revocado" in admin.get(revoked.response.headers["Location"]).text
    assert api.get("/api/v1/audit/verify", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


@pytest.mark.parametrize(
    ("name", "role", "field", "message"),
    [
        ("", "auditor", "name", "Escribe para qué es el token"),
        ("x" * 201, "auditor", "name", "a lo más 200 caracteres"),
        ("RH", "root", "role", "“root” no es un rol"),
    ],
)
def test_bad_token_fields_are_named(admin: Browser, name: str, role: str, field: str, message: str) -> None:
    admin.get("/administracion/tokens/nuevo")
    page = admin.post("/administracion/tokens/nuevo", {"name": name, "role": role})
    assert page.status == 422
    assert any(message in error for error in page.errors), page.errors
    assert f'id="{field}-error"' in page.html


def test_the_pages_are_in_english_on_request(admin: Browser) -> None:
    page = admin.get("/administracion/usuarios?lang=en")
    assert page.title.startswith("Users")
    assert "Create a user" in page.text
