"""Rate limits (Flask-Limiter) on what costs an evaluation: the self-check pages, POST .../evaluations and
POST /matches; and on the staff sign-in form (RATELIMIT_SIGN_IN). In memory by default (per process); shared through Redis when RATELIMIT_STORAGE_URI names one.

A client over its limit gets 429 with Retry-After: a page on the pages, the API's error shape on the API.
"""

from __future__ import annotations

import math
import time
from typing import Any

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

LIMITED_API_ENDPOINTS = ("positions.evaluate", "evaluations.matches")
"""The API's views that evaluate (screening.api): limited here, so every limit is stated in this module."""


def client_key() -> str:
    """Who is counted: the client's address (behind a proxy, configure ProxyFix so it is the client's)."""
    return get_remote_address() or "unknown"


def retry_after_seconds() -> int:
    """Seconds until the limit just exceeded lets this client in again (at least 1)."""
    limiter: Limiter | None = current_app.extensions.get("screening_limiter")
    current = limiter.current_limit if limiter is not None else None
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))


def init_limits(app: Flask) -> Limiter:
    """RATELIMIT_STORAGE_URI and RATELIMIT_CHECKS come from screening.config (defaults and environment)."""
    app.config.setdefault("RATELIMIT_STRATEGY", "fixed-window")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)  # Retry-After is sent with the 429 only
    limiter = Limiter(client_key, app=app, default_limits=[])
    app.extensions["screening_limiter"] = limiter
    limit_checks(app, LIMITED_API_ENDPOINTS)
    return limiter


def limit_checks(app: Flask, endpoints: tuple[str, ...]) -> None:
    """Limit the POST requests of views that evaluate (a question page's GET is free)."""
    limit_posts(app, endpoints, str(app.config["RATELIMIT_CHECKS"]))


def limit_posts(app: Flask, endpoints: tuple[str, ...], limit: str) -> None:
    """`limit` (e.g. "10 per minute") per client address on the POST requests of `endpoints`, each counted
    apart."""
    limiter: Limiter = app.extensions["screening_limiter"]
    checks = limiter.limit(limit, methods=["POST"])
    for endpoint in endpoints:
        # The decorator replaces the view: Flask-Limiter counts decorated views when they run.
        view: Any = checks(app.view_functions[endpoint])
        app.view_functions[endpoint] = view
