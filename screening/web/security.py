"""Pages' security: CSRF on every form (Flask-WTF); the headers of every response are set by screening.headers."""

from __future__ import annotations

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect

from screening.headers import is_page_path


def is_page_request() -> bool:
    """Pages are everything outside the API (which has its own error shape and bearer tokens, no cookies)."""
    return is_page_path(request.path)


def init_security(app: Flask) -> None:
    # The API authenticates with bearer tokens, never with the session cookie: CSRF is checked on pages only.
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a long form filled in slowly still posts
    # Over HTTPS Flask-WTF also wants a Referer from this site, which Referrer-Policy: no-referrer
    # (screening.headers) lets a browser send: every form would fail. The token and the SameSite=Lax cookie are the protection.
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    csrf = CSRFProtect(app)

    @app.before_request
    def _protect_forms() -> None:
        if request.method == "POST" and is_page_request():
            csrf.protect()
