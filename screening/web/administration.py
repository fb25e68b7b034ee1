"""The administrators' pages (`/administracion`, SPEC sections 2, 6 and 7): the area's start page; importing a
catalog with a preview (profiles found, every parser problem with its line and section, and per profile what
changed against its current revision) to confirm or cancel; users (create, change role, lock and unlock, a new
password) and API tokens (create, shown once; revoke).

The uploaded catalog is kept on the server between the preview and the confirmation (a 0600 file of the data
directory named by a random key, screening.services.catalogs.hold_catalog; the key in the signed session), and
confirming imports that kept text through `import_catalog`, the path of `screening import`: nothing re-posted
by the browser is trusted. A change of role, a lock or a new password ends the user's sessions at once.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, PasswordField, StringField

from rules.errors import InputErrors
from screening import services
from screening.services.accounts import MAX_USERNAME, MIN_PASSWORD, ROLES
from screening.services.catalogs import BUNDLED_CATALOG
from screening.web.answers import FieldError
from screening.web.revisions import requirement_name
from screening.web.staff import guard_blueprint, role_name, signed_in

bp = Blueprint("administration", __name__, url_prefix="/administracion")
guard_blueprint(bp, "admin")

PENDING = "catalog_import"
"""Session key of the catalog waiting for confirmation: its server-side key, format and catalog name."""
CATALOG_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
MAX_TOKEN_NAME = 200
RETENTION_PATH = "/administracion/retencion"
STATUS_NAMES = {
    "added": _l("New position"),
    "new_revision": _l("New revision"),
    "unchanged": _l("Unchanged"),
    "failed": _l("Not imported"),
}


def area_nav() -> list[tuple[str, str, str]]:
    links = [
        ("home", url_for("administration.home"), _("Administration")),
        ("catalog", url_for("administration.catalog"), _("Import a catalog")),
        ("positions", url_for("revisions.positions"), _("Positions and revisions")),
        ("users", url_for("administration.users"), _("Users")),
        ("tokens", url_for("administration.tokens"), _("API tokens")),
    ]
    links.append(("retention", retention_url(), _("Retention of personal data")))
    return links


def retention_url() -> str:
    """The retention page: through the endpoint that serves its address once one is registered (url_for, so a
    prefix of the app is kept), by the address until then."""
    for rule in current_app.url_map.iter_rules():
        if rule.rule.rstrip("/") == RETENTION_PATH and "GET" in (rule.methods or ()) and not rule.arguments:
            return url_for(rule.endpoint)
    return request.script_root + RETENTION_PATH


def _render(template: str, active: str, status: int = 200, **context: Any) -> Any:
    return (
        render_template(
            template,
            area_nav=area_nav(),
            area_label=_("Administration pages"),
            active_page=active,
            role_choices=[(role, role_name(role)) for role in ROLES],
            max_text=MAX_USERNAME,
            **context,
        ),
        status,
    )


@bp.get("")
def home() -> Any:
    return _render("administration/home.html", "home", retention_url=retention_url())


# --- catalog import ---------------------------------------------------------------------------------------------


def status_name(status: str) -> str:
    return str(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def _catalog_form(errors: list[FieldError], status: int = 200, catalog_name: str = BUNDLED_CATALOG) -> Any:
    return _render(
        "administration/catalog.html",
        "catalog",
        status,
        errors=errors,
        catalog_name=catalog_name,
        max_bytes=current_app.config["MAX_CONTENT_LENGTH"],
    )


@bp.get("/catalogo")
def catalog() -> Any:
    return _catalog_form([])


def _upload_error(message: str) -> list[FieldError]:
    return [FieldError("archivo", "archivo", message, "catalog")]


@bp.post("/catalogo")
def upload_catalog() -> Any:
    catalog_name = (request.form.get("catalogo") or "").strip()
    errors: list[FieldError] = []
    if not CATALOG_NAME.match(catalog_name):
        errors.append(
            FieldError(
                "catalogo",
                "catalogo",
                _(
                    "The catalog name is lower-case letters, digits, “-” or “_”, at most 50 characters "
                    "(for example “iecm”); found “%(found)s”",
                    found=catalog_name[:60],
                ),
                "catalog",
            )
        )
    upload = request.files.get("archivo")
    if upload is None or not upload.filename:
        errors += _upload_error(_("Choose the catalog file: IECM text (.txt) or YAML (.yaml, .yml)"))
        return _catalog_form(errors, 422, catalog_name[:60])
    text = services.decode_catalog(upload.read())
    if text is None:
        errors += _upload_error(
            _(
                "The file is not a text in UTF-8 or Windows-1252; a catalog is IECM text (.txt) or YAML "
                "(.yaml, .yml)"
            )
        )
    elif not text.strip():
        errors += _upload_error(_("The file is empty; a catalog has at least one profile"))
    if errors or text is None:
        return _catalog_form(errors, 422, catalog_name[:60])
    # The upload's name only tells YAML from the text layout; it is never used as a path.
    is_yaml = (upload.filename or "").lower().endswith((".yaml", ".yml"))
    previous = session.get(PENDING)
    if isinstance(previous, dict):
        services.drop_held_catalog(str(previous.get("key", "")))
    session[PENDING] = {
        "key": services.hold_catalog(text),
        "yaml": is_yaml,
        "catalog": catalog_name,
        "name": (upload.filename or "")[-120:],
    }
    return redirect(url_for("administration.catalog_preview"), 303)


def _pending() -> tuple[dict[str, Any], str] | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    text = services.held_catalog(str(pending.get("key", "")))
    return None if text is None else (pending, text)


def _nothing_pending() -> Any:
    return _render("administration/catalog_none.html", "catalog", 404)


@bp.get("/catalogo/vista-previa")
def catalog_preview() -> Any:
    found = _pending()
    if found is None:
        return _nothing_pending()
    pending, text = found
    preview = services.preview_catalog(
        text, pending["catalog"], filename="catalog.yaml" if pending.get("yaml") else "catalog.txt"
    )
    return _render(
        "administration/catalog_preview.html",
        "catalog",
        preview=preview,
        file_name=pending.get("name", ""),
        status_name=status_name,
        requirement_name=requirement_name,
    )


@bp.post("/catalogo/confirmar")
def confirm_catalog() -> Any:
    found = _pending()
    if found is None:
        return _nothing_pending()
    pending, text = found
    report = services.import_catalog(
        text, pending["catalog"], filename="catalog.yaml" if pending.get("yaml") else "catalog.txt"
    )
    services.drop_held_catalog(str(pending["key"]))
    session.pop(PENDING, None)
    return _render(
        "administration/catalog_done.html",
        "catalog",
        report=report,
        file_name=pending.get("name", ""),
        status_name=status_name,
    )


@bp.post("/catalogo/cancelar")
def cancel_catalog() -> Any:
    pending = session.pop(PENDING, None)
    if isinstance(pending, dict):
        services.drop_held_catalog(str(pending.get("key", "")))
    return redirect(url_for("administration.catalog", cancelado=1), 303)


# --- users ----------------------------------------------------------------------------------------------------


class UserForm(Form):  # type: ignore[misc]
    username = StringField()
    role = StringField()
    password = PasswordField()


STATE_NAMES = {
    "active": _l("Active"),
    "locked": _l("Locked"),
    "locked_out": _l("Locked after wrong passwords"),
}


def state_name(state: str) -> str:
    return str(STATE_NAMES[state]) if state in STATE_NAMES else state


def _role_error(role: str, field: str = "role") -> list[FieldError]:
    if role in ROLES:
        return []
    accepted = ", ".join(role_name(r) for r in ROLES)
    if not role:
        return [FieldError(field, field, _("Choose the role: %(accepted)s", accepted=accepted), "user")]
    return [
        FieldError(
            field,
            field,
            _("“%(found)s” is not a role; accepted: %(accepted)s", found=role[:40], accepted=accepted),
            "user",
        )
    ]


def _password_error(password: str, field: str = "password") -> list[FieldError]:
    if len(password) >= MIN_PASSWORD:
        return []
    return [
        FieldError(
            field,
            field,
            _(
                "The password has %(found)s characters; it needs at least %(num)s",
                found=len(password),
                num=MIN_PASSWORD,
            ),
            "user",
        )
    ]


@bp.get("/usuarios")
def users() -> Any:
    return _render("administration/users.html", "users", users=services.list_users(), state_name=state_name)


def _new_user_page(form: UserForm, errors: list[FieldError], status: int = 200) -> Any:
    return _render(
        "administration/user_new.html", "users", status, form=form, errors=errors, min_password=MIN_PASSWORD
    )


@bp.get("/usuarios/nuevo")
def new_user() -> Any:
    return _new_user_page(UserForm(), [])


@bp.post("/usuarios/nuevo")
def create_user() -> Any:
    form = UserForm(request.form)
    username = (form.username.data or "").strip()
    role = (form.role.data or "").strip()
    password = form.password.data or ""
    errors: list[FieldError] = []
    if not username:
        errors.append(FieldError("username", "username", _("Enter the user name"), "user"))
    elif len(username) > MAX_USERNAME:
        errors.append(
            FieldError(
                "username",
                "username",
                _("A user name has at most %(num)s characters", num=MAX_USERNAME),
                "user",
            )
        )
    errors += _role_error(role)
    errors += _password_error(password)
    if not errors:
        try:
            user = services.create_user(username, password, role)
        except InputErrors as exc:
            if not any(p.path == "username" for p in exc.problems):
                raise
            errors.append(
                FieldError(
                    "username",
                    "username",
                    _("There is already a user “%(name)s”; choose another name", name=username),
                    "user",
                )
            )
        else:
            return redirect(url_for("administration.user", user_id=user["id"], creado=1), 303)
    return _new_user_page(form, errors, 422)


def _user_page(user_id: int, errors: list[FieldError], status: int = 200, notice: str = "") -> Any:
    user = services.get_user(user_id)
    principal = signed_in()
    return _render(
        "administration/user.html",
        "users",
        status,
        user=user,
        errors=errors,
        notice=notice or _notice(request.args),
        state_name=state_name,
        is_me=principal is not None and principal.actor == f"user:{user_id}",
        min_password=MIN_PASSWORD,
    )


NOTICES = {
    "creado": _l("The user was created. Give them their user name and password by a safe channel."),
    "rol": _l("The role was changed. The user's open sessions have ended."),
    "bloqueado": _l("The account is locked: it cannot sign in and its open sessions have ended."),
    "desbloqueado": _l("The account is unlocked: it can sign in again."),
    "clave": _l("The password was changed. The user's open sessions have ended."),
}


def _notice(args: Any) -> str:
    for key, text in NOTICES.items():
        if args.get(key):
            return str(text)
    return ""


@bp.get("/usuarios/<int:user_id>")
def user(user_id: int) -> Any:
    return _user_page(user_id, [])


def _last_admin(user_id: int, what: str) -> Any:
    principal = signed_in()
    if what == "lock" and principal is not None and principal.actor == f"user:{user_id}":
        message = _("You cannot lock your own account; another administrator can.")
        field = "bloquear"
    elif what == "lock":
        message = _("This is the only active administrator: it cannot be locked.")
        field = "bloquear"
    else:
        message = _(
            "This is the only active administrator: give another user the administrator role before "
            "taking it from this one."
        )
        field = "role"
    return _user_page(user_id, [FieldError(field, field, message, "user")], 409)


@bp.post("/usuarios/<int:user_id>/rol")
def change_role(user_id: int) -> Any:
    services.get_user(user_id)  # 404 first
    role = (request.form.get("role") or "").strip()
    errors = _role_error(role)
    if errors:
        return _user_page(user_id, errors, 422)
    try:
        services.set_role(user_id, role)
    except services.LastAdmin:
        return _last_admin(user_id, "role")
    return redirect(url_for("administration.user", user_id=user_id, rol=1), 303)


@bp.post("/usuarios/<int:user_id>/bloquear")
def lock_user(user_id: int) -> Any:
    principal = signed_in()
    me = (
        int(principal.actor.removeprefix("user:"))
        if principal and principal.actor.startswith("user:")
        else None
    )
    try:
        services.lock_user(user_id, by=me)
    except services.LastAdmin:
        return _last_admin(user_id, "lock")
    return redirect(url_for("administration.user", user_id=user_id, bloqueado=1), 303)


@bp.post("/usuarios/<int:user_id>/desbloquear")
def unlock_user(user_id: int) -> Any:
    services.unlock_user(user_id)
    return redirect(url_for("administration.user", user_id=user_id, desbloqueado=1), 303)


@bp.post("/usuarios/<int:user_id>/contrasena")
def reset_password(user_id: int) -> Any:
    services.get_user(user_id)
    password = request.form.get("password") or ""
    errors = _password_error(password)
    if errors:
        return _user_page(user_id, errors, 422)
    services.reset_password(user_id, password)
    return redirect(url_for("administration.user", user_id=user_id, clave=1), 303)


# --- API tokens -----------------------------------------------------------------------------------------------


class TokenForm(Form):  # type: ignore[misc]
    name = StringField()
    role = StringField()


@bp.get("/tokens")
def tokens() -> Any:
    return _render(
        "administration/tokens.html",
        "tokens",
        tokens=services.list_tokens(),
        revoked=request.args.get("revocado", "")[:40],
    )


def _new_token_page(form: TokenForm, errors: list[FieldError], status: int = 200) -> Any:
    return _render(
        "administration/token_new.html", "tokens", status, form=form, errors=errors, max_name=MAX_TOKEN_NAME
    )


@bp.get("/tokens/nuevo")
def new_token() -> Any:
    return _new_token_page(TokenForm(), [])


@bp.post("/tokens/nuevo")
def create_token() -> Any:
    form = TokenForm(request.form)
    name = (form.name.data or "").strip()
    role = (form.role.data or "").strip()
    errors: list[FieldError] = []
    if not name:
        errors.append(
            FieldError(
                "name", "name", _("Enter what the token is for (who or which system uses it)"), "token"
            )
        )
    elif len(name) > MAX_TOKEN_NAME:
        errors.append(
            FieldError(
                "name",
                "name",
                _("A token's name has at most %(num)s characters", num=MAX_TOKEN_NAME),
                "token",
            )
        )
    errors += _role_error(role)
    if errors:
        return _new_token_page(form, errors, 422)
    principal = signed_in()
    token, secret = services.create_token(role, name, created_by=principal.actor if principal else None)
    # The secret is on this answer only (never stored, never in a URL); the page is not cached (no-store).
    return _render("administration/token_created.html", "tokens", token=token, secret=secret)


@bp.post("/tokens/<token_id>/revocar")
def revoke_token(token_id: str) -> Any:
    token = services.revoke_token(token_id[:40])
    return redirect(url_for("administration.tokens", revocado=token["id"]), 303)
