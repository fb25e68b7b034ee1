"""Pages' security: CSRF on every form (Flask-WTF) and the headers every page is served with (SPEC section 6)."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
"""No inline script or style anywhere in the pages: everything comes from the package's static files."""

PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Receipt ids in page addresses are the key to a stored check: never sent to another page or site.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


MACHINE_PATHS = ("/health", "/ready")
"""The API's liveness and readiness, also served outside /api/ for load balancers."""


def is_page_request() -> bool:
    """Pages are everything outside the API (which has its own error shape and bearer tokens, no cookies)."""
    return not request.path.startswith("/api/") and request.path not in MACHINE_PATHS


def add_page_headers(response: Response) -> Response:
    if is_page_request():
        for name, value in PAGE_HEADERS.items():
            response.headers.setdefault(name, value)
    else:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


def init_security(app: Flask) -> None:
    # The API authenticates with bearer tokens, never with the session cookie: CSRF is checked on pages only.
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a long form filled in slowly still posts
    # Over HTTPS Flask-WTF also wants a Referer from this site, which Referrer-Policy: no-referrer (below) never
    # lets a browser send: every form would fail. The token and the SameSite=Lax cookie are the protection.
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    csrf = CSRFProtect(app)

    @app.before_request
    def _protect_forms() -> None:
        if request.method == "POST" and is_page_request():
            csrf.protect()

    app.after_request(add_page_headers)
