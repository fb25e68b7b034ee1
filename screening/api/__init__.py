"""The REST API (`/api/v1`): flask-smorest blueprints, OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, request
from flask_smorest import Api

from screening.api import errors


class ScreeningApi(Api):  # type: ignore[misc]
    """flask-smorest's Api with the project's one error shape (screening.api.errors)."""

    ERROR_SCHEMA = errors.ErrorSchema

    def handle_http_exception(self, error: Any) -> Any:
        return errors.handle_http_exception(error)


API_SETTINGS = {
    "API_TITLE": "Screening",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    # Swagger UI is served from the installed swagger-ui-bundle package, not a CDN: the docs page works on
    # a network with no way out, and no third party sees who reads it.
    "OPENAPI_SWAGGER_UI_URL": "/api/docs-assets/",
}


def init_api(app: Flask) -> ScreeningApi:
    from swagger_ui_bundle import swagger_ui_path

    from screening.api import admin, batches, evaluations, health, positions
    from screening.api.auth import current_principal
    from screening.api.schemas import EvaluationBody

    for key, value in API_SETTINGS.items():
        app.config.setdefault(key, value)
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "info": {
                "description": "Eligibility of candidates for public-sector positions (IECM catalog). "
                "Errors share one shape: code, status, message, errors[path, found, accepted], request_id."
            },
            "servers": [{"url": "/"}],
        },
    )
    api = ScreeningApi(app)
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "API token (`screening tokens add`)"},
    )
    api.spec.components.schema("Candidate", schema=EvaluationBody)
    for module in (health, positions, evaluations, batches, admin):
        api.register_blueprint(module.blp)
    app.register_blueprint(health.root)
    app.register_blueprint(
        Blueprint("docs_assets", __name__, static_folder=swagger_ui_path, static_url_path="/api/docs-assets")
    )
    # The script that starts Swagger UI (templates/swagger_ui.html): a file, so the docs page has no inline script.
    app.register_blueprint(
        Blueprint("docs_start", __name__, static_folder="static", static_url_path="/api/docs-start")
    )
    errors.register_error_handlers(app)

    @app.before_request
    def _check_credentials() -> None:
        # A bad or revoked token is refused on every API route, not only on those that need one.
        if request.path.startswith("/api/v1/") and "Authorization" in request.headers:
            current_principal()

    return api
