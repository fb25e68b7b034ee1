"""The security headers of every response, pages, API, API docs and errors alike, set in this one place.

Each kind of response gets a list of headers computed once when the app is made; a response only gains the
ones it does not set itself. Behind a reverse proxy, SCREENING_TRUSTED_PROXIES says how many proxies'
X-Forwarded-For and X-Forwarded-Proto to believe (werkzeug's ProxyFix); with 0 (the default) none are, so a
client cannot claim HTTPS or another address.
"""

from __future__ import annotations

from flask import Flask, Response, request

_COMMON = ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")

PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        *_COMMON,
    )
)
"""No inline script or style anywhere in the pages: everything comes from the package's static files."""

DOCS_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Swagger UI's stylesheet draws its icons as data: SVG images.
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        *_COMMON,
    )
)
"""/api/docs: Swagger UI from the installed swagger-ui-bundle package, started by a script file of ours
(templates/swagger_ui.html replaces flask-smorest's, which starts it with an inline script)."""

API_POLICY = "; ".join(("default-src 'none'", "form-action 'none'", *_COMMON))
"""JSON and files are never rendered as a document that could run or load anything."""

DOCS_PATH = "/api/docs"
API_PREFIX = "/api/"
MACHINE_PATHS = ("/health", "/ready")
"""The API's liveness and readiness, also served outside /api/ for load balancers."""

_ALWAYS = (
    ("X-Content-Type-Options", "nosniff"),
    # Receipt ids in page addresses are the key to a stored check: never sent to another page or site.
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers that only know the older header
    # Answers hold candidates' data unless they say otherwise (static files do: they set their own).
    ("Cache-Control", "no-store"),
)


def is_page_path(path: str) -> bool:
    """Pages are everything outside the API (which has its own error shape and bearer tokens, no cookies)."""
    return not path.startswith(API_PREFIX) and path not in MACHINE_PATHS


class SecurityHeaders:
    """The precomputed headers of each kind of response, and the after-request hook that adds them."""

    def __init__(self, hsts_seconds: int) -> None:
        hsts = (("Strict-Transport-Security", f"max-age={hsts_seconds}"),) if hsts_seconds > 0 else ()
        self.hsts = hsts
        self.page = (("Content-Security-Policy", PAGE_POLICY), *_ALWAYS)
        self.docs = (("Content-Security-Policy", DOCS_POLICY), *_ALWAYS)
        self.api = (("Content-Security-Policy", API_POLICY), *_ALWAYS)

    def for_path(self, path: str) -> tuple[tuple[str, str], ...]:
        if path == DOCS_PATH:
            return self.docs
        return self.page if is_page_path(path) else self.api

    def __call__(self, response: Response) -> Response:
        headers = response.headers
        for name, value in self.for_path(request.path):
            if name not in headers:
                headers[name] = value
        # RFC 6797 section 7.2: sent over HTTPS only (as the client or a trusted proxy saw it).
        if self.hsts and request.is_secure:
            headers.setdefault(*self.hsts[0])
        return response


def init_headers(app: Flask) -> None:
    proxies = int(app.config.get("SCREENING_TRUSTED_PROXIES", 0))
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    app.after_request(SecurityHeaders(int(app.config.get("SCREENING_HSTS_SECONDS", 0))))
