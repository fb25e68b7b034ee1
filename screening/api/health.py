# mypy: disable-error-code="untyped-decorator"
"""Liveness and readiness: /api/v1/health answers while the process runs, /ready when the database answers."""

from __future__ import annotations

from typing import Any

from flask import Blueprint as FlaskBlueprint
from flask import current_app

from screening.api.errors import ErrorSchema
from screening.api.json_body import Blueprint
from screening.api.schemas import HealthSchema

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Liveness and readiness")
root = FlaskBlueprint("root_health", __name__)
"""The same two routes at /health and /ready for load balancers (not in the OpenAPI document)."""


def _health() -> dict[str, Any]:
    return {"status": "ok"}


def _ready() -> dict[str, Any]:
    current_app.extensions["screening"].database.ping()
    return {"status": "ready"}


@blp.route("/health")
@blp.response(200, HealthSchema)
def health() -> dict[str, Any]:
    """The process is up."""
    return _health()


@blp.route("/ready")
@blp.response(200, HealthSchema)
@blp.alt_response(503, schema=ErrorSchema, description="Database unavailable (Retry-After given)")
def ready() -> dict[str, Any]:
    """The database answers."""
    return _ready()


root.add_url_rule("/health", "health", _health)
root.add_url_rule("/ready", "ready", _ready)
