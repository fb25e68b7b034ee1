"""Bearer-token authentication and role checks for the API (SPEC section 6).

No token: the anonymous principal (catalog, self-check, matches, own receipt). A token that is unknown or
revoked: 401. A token whose role may not use a route: 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from flask_smorest import abort

from screening import services
from screening.api.language import _
from screening.services.accounts import ANONYMOUS_PRINCIPAL, Principal

F = TypeVar("F", bound=Callable[..., Any])

BEARER: dict[str, list[str]] = {"bearerAuth": []}
"""OpenAPI security requirement of routes that need a token."""
OPTIONAL_BEARER: list[dict[str, list[str]]] = [BEARER, {}]
"""Routes open to anyone, where a token changes what happens (e.g. the record is stored)."""


def _unauthorized(message: str) -> None:
    abort(401, message=message, headers={"WWW-Authenticate": 'Bearer realm="screening"'})


def current_principal() -> Principal:
    """Who sent this request, read once per request from the Authorization header."""
    if "principal" in g:
        principal: Principal = g.principal
        return principal
    header = request.headers.get("Authorization", "")
    principal = ANONYMOUS_PRINCIPAL
    if header:
        scheme, _space, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            _unauthorized(_("Authorization must be 'Bearer <token>'."))
        found = services.authenticate_token(secret.strip())
        if found is None:
            _unauthorized(_("The token is unknown or revoked."))
        else:
            principal = found
    g.principal = principal
    return principal


def require_role(*roles: str) -> Callable[[F], F]:
    """Only principals with one of `roles` may call the view: 401 without a token, 403 with another role."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if principal.is_anonymous:
                _unauthorized(_("This route needs a bearer token."))
            if principal.role not in roles:
                abort(403, message=_("This route is for the roles: %(roles)s.", roles=", ".join(roles)))
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
