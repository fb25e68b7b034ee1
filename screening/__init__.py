"""The screening application: adapts the rules core to people and machines.

`create_app(config)` is the Flask app factory (`gunicorn "screening:create_app()"` in production).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Imported in create_app only: CLI commands such as `screen --no-record` never load Flask.
    from flask import Flask

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A new app: configuration from defaults, the environment, then `config`; its services' context (database,
    caches) in app.extensions["screening"], the database migrated and the bundled catalog loaded on start (a
    database that is down at start is retried on later requests)."""
    from flask import Flask

    from screening.api import init_api
    from screening.config import ensure_data_dir, load_config, stored_secret_key
    from screening.headers import init_headers
    from screening.multipart import ScreeningRequest
    from screening.services.context import Context
    from screening.web import init_web

    settings = load_config(config)
    ensure_data_dir(settings["SCREENING_DATA_DIR"])
    if not settings["SECRET_KEY"]:
        settings["SECRET_KEY"] = stored_secret_key(settings["SCREENING_DATA_DIR"])
    app = Flask(__name__, template_folder=str(TEMPLATES))
    app.request_class = (
        ScreeningRequest  # multipart headers that are not UTF-8 are read (screening.multipart)
    )
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_UPLOAD_BYTES"]
    app.config["SESSION_COOKIE_SECURE"] = settings.get("SESSION_COOKIE_SECURE", True)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    app.extensions["screening"] = Context(app.config)
    _prepare_database(app)
    init_api(app)
    init_web(app)
    init_headers(app)
    return app


def _prepare_database(app: Flask) -> None:
    """Migrate and load the catalog now; if the database is away, on the first request that needs it."""
    from flask import request
    from sqlalchemy.exc import DBAPIError

    from screening.storage.database import DatabaseUnavailable

    context = app.extensions["screening"]
    try:
        context.prepare()
    except (DBAPIError, DatabaseUnavailable) as exc:
        log.warning("database not ready at start (%s); retrying on the next request", type(exc).__name__)

    @app.before_request
    def _before() -> None:
        # JSON bodies are bounded far below uploads (RELIABILITY 2.1); multipart uploads keep the upload limit.
        if request.mimetype != "multipart/form-data":
            request.max_content_length = app.config["MAX_JSON_BYTES"]
        if not context.prepared and request.endpoint not in ("health.health", "root_health.health"):
            context.prepare()
