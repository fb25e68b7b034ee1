"""Staff sign-in (`/ingresar`, `/salir`) and the guard of every staff page (SPEC sections 6 and 7).

Flask-Login over the users of screening.services.accounts. The session is Flask's signed cookie (HttpOnly,
SameSite=Lax, Secure unless SESSION_COOKIE_SECURE is off); at sign-in it is cleared and issued anew, and it
carries the user's id with the user's session token, checked on every request: signing out, a lock-out or a
change of role replaces the token, and every earlier cookie of the user stops working.

A staff area is a blueprint guarded by `guard_blueprint(bp, "auditor")` (or a view by `@role_required(...)`):
anonymous visitors are sent to /ingresar with `next` set to the page, another role gets a 403 page. Inside a
guarded view, `signed_in()` is who asks (a Principal, as the services take it). Templates extend
`staff/_layout.html`, which adds the account and sign-out link to the header and an `area_nav` block.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from wtforms import Form, PasswordField, StringField

from screening import services
from screening.services.accounts import LOCKOUT, MAX_LOGIN_FAILURES, Principal, StaffSession
from screening.web.answers import FieldError
from screening.web.errors import error_page, register_page_errors

F = TypeVar("F", bound=Callable[..., Any])

bp = Blueprint("staff", __name__)
register_page_errors(bp)

SESSION_SECONDS = 12 * 3600
"""A staff session ends this long after sign-in, whatever the browser keeps (a working day and more)."""
AREAS = {"recruiter": "recruiting.home", "auditor": "audit.home", "admin": "administration.home"}
"""The start page of each role's area (the endpoint, once its blueprint is registered)."""
ROLE_NAMES = {"recruiter": _l("recruiter"), "auditor": _l("auditor"), "admin": _l("administrator")}
MAX_NAME = 150


class StaffUser(UserMixin):  # type: ignore[misc]
    """Flask-Login's user: its id is "<user id>:<session token>", so the cookie names both."""

    def __init__(self, signed_in: StaffSession) -> None:
        self.session = signed_in

    def get_id(self) -> str:
        return f"{self.session.user_id}:{self.session.session_token}"

    @property
    def principal(self) -> Principal:
        return self.session.principal


def _load_user(user_id: str) -> StaffUser | None:
    number, _sep, token = user_id.partition(":")
    started = session.get("staff_since")
    if not number.isdigit() or not token or not isinstance(started, int | float):
        return None
    if time.time() - started > SESSION_SECONDS:
        return None
    found = services.staff_session(int(number), token)
    return None if found is None else StaffUser(found)


def signed_in() -> Principal | None:
    """The signed-in staff member of this request, or None."""
    user = current_user
    if user is None or not user.is_authenticated:
        return None
    principal: Principal = user.principal
    return principal


def staff_principal() -> Principal:
    """Who is signed in, inside a guarded view: the blueprint's guard lets no one else reach it (403 if it ever
    did)."""
    principal = signed_in()
    if principal is None:
        abort(403)
    return principal


def role_name(role: str | None) -> str:
    return str(ROLE_NAMES.get(role or "", role or ""))


def home_url(role: str | None) -> str:
    """The start page of the role's area; the sign-in page (which says who is signed in) while it has none."""
    endpoint = AREAS.get(role or "")
    if endpoint and endpoint in current_app.view_functions:
        return url_for(endpoint)
    return url_for("staff.sign_in")


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path of this site ("/reclutamiento/lotes/b_1?x=1"); None for anything else
    (another site, "//host", a scheme, backslashes, control characters)."""
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _here() -> str:
    query = request.query_string.decode("utf-8", "replace")
    return request.path + ("?" + query if query else "")


def forbidden(principal: Principal, roles: tuple[str, ...]) -> Response:
    """The 403 page for a staff member whose role may not open this page."""
    return error_page(
        403,
        _("This page is not for your account"),
        _(
            "This page is for the role: %(roles)s. You are signed in as %(name)s (%(role)s).",
            roles=", ".join(role_name(role) for role in roles),
            name=principal.name,
            role=role_name(principal.role),
        ),
    )


def refusal(roles: tuple[str, ...]) -> Response | None:
    """None when the signed-in user has one of `roles`; otherwise where to send them or what to show."""
    principal = signed_in()
    if principal is None:
        return redirect(url_for("staff.sign_in", next=_here()))  # type: ignore[return-value]
    if principal.role not in roles:
        return forbidden(principal, roles)
    return None


def no_store(response: Response) -> Response:
    """Staff pages hold personal data: never kept by the browser's or a proxy's cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def guard_blueprint(blueprint: Blueprint, *roles: str) -> None:
    """Every view of `blueprint` is for `roles` only; its pages are never cached and its errors are pages."""

    @blueprint.before_request
    def _guard() -> Response | None:
        return refusal(roles)

    blueprint.after_request(no_store)
    register_page_errors(blueprint)


def role_required(*roles: str) -> Callable[[F], F]:
    """One view for `roles` only (a whole area: `guard_blueprint`)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            refused = refusal(roles)
            if refused is not None:
                return refused
            return no_store(current_app.make_response(view(*args, **kwargs)))

        return wrapper  # type: ignore[return-value]

    return decorate


# --- the pages -------------------------------------------------------------------------------------------------


class SignInForm(Form):  # type: ignore[misc]
    username = StringField()
    password = PasswordField()


def _sign_in_errors(form: SignInForm) -> list[FieldError]:
    errors = []
    if not (form.username.data or "").strip():
        errors.append(FieldError("username", "username", _("Enter your user name"), "sign-in"))
    elif len(form.username.data or "") > MAX_NAME:
        errors.append(
            FieldError(
                "username",
                "username",
                _("A user name has at most %(num)s characters", num=MAX_NAME),
                "sign-in",
            )
        )
    if not form.password.data:
        errors.append(FieldError("password", "password", _("Enter your password"), "sign-in"))
    return errors


def _sign_in_page(form: SignInForm, errors: list[FieldError], status: int = 200) -> Response:
    target = safe_next(request.values.get("next"))
    response = current_app.make_response(
        (
            render_template(
                "staff/sign_in.html",
                form=form,
                errors=errors,
                next=target,
                signed_out=request.args.get("salida") == "1",
                max_text=MAX_NAME,
                max_failures=MAX_LOGIN_FAILURES,
                lockout_minutes=int(LOCKOUT.total_seconds() // 60),
            ),
            status,
        )
    )
    return no_store(response)


@bp.route("/ingresar", methods=["GET", "POST"])
def sign_in() -> Any:
    principal = signed_in()
    if request.method == "GET":
        if principal is not None:
            target = safe_next(request.args.get("next"))
            if target is not None or AREAS.get(principal.role or "") in current_app.view_functions:
                return redirect(target or home_url(principal.role))
            return no_store(
                current_app.make_response(render_template("staff/signed_in.html", principal=principal))
            )
        return _sign_in_page(SignInForm(), [])
    form = SignInForm(request.form)
    errors = _sign_in_errors(form)
    if errors:
        return _sign_in_page(form, errors, 422)
    found = services.sign_in(form.username.data or "", form.password.data or "")
    if found is None:
        message = _(
            "The user name or the password is not right, or the account is locked. After %(num)s wrong "
            "passwords in a row the account is locked for %(minutes)s minutes.",
            num=MAX_LOGIN_FAILURES,
            minutes=int(LOCKOUT.total_seconds() // 60),
        )
        return _sign_in_page(form, [FieldError("password", "password", message, "sign-in")], 422)
    target = safe_next(request.form.get("next"))
    # A new session: nothing of the one before sign-in (its CSRF token included) is carried over.
    session.clear()
    login_user(StaffUser(found))
    session["staff_since"] = int(time.time())
    return redirect(target or home_url(found.principal.role), 303)


@bp.route("/salir", methods=["GET", "POST"])
def sign_out() -> Any:
    principal = signed_in()
    if request.method == "GET":
        if principal is None:
            return redirect(url_for("staff.sign_in"))
        return no_store(
            current_app.make_response(render_template("staff/sign_out.html", principal=principal))
        )
    if principal is not None:
        services.end_sessions(current_user.session.user_id)
    logout_user()
    session.clear()
    return redirect(url_for("staff.sign_in", salida=1), 303)


def init_staff(app: Flask) -> None:
    """Flask-Login, the sign-in pages and their rate limit; templates get `staff` (who is signed in) and
    `role_name`."""
    from screening.web.limits import limit_posts

    manager = LoginManager()
    manager.init_app(app)
    manager.user_loader(_load_user)
    app.register_blueprint(bp)
    limit_posts(app, ("staff.sign_in",), str(app.config["RATELIMIT_SIGN_IN"]))
    app.jinja_env.globals.update(role_name=role_name, home_url=home_url)

    @app.context_processor
    def _staff_context() -> dict[str, Any]:
        return {"staff": signed_in}
