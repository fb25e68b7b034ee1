# mypy: disable-error-code="untyped-decorator"
"""Liveness and readiness: /api/v1/health answers while the process runs, /ready when the database answers
and a write can succeed (the disk is neither full nor read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint as FlaskBlueprint
from flask import current_app

from screening.api.errors import ErrorSchema
from screening.api.json_body import Blueprint
from screening.api.schemas import HealthSchema
from screening.config import MB

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Liveness and readiness")
root = FlaskBlueprint("root_health", __name__)
"""The same two routes at /health and /ready for load balancers (not in the OpenAPI document)."""


def _health() -> dict[str, Any]:
    return {"status": "ok"}


def _ready() -> dict[str, Any]:
    """Ready when the database answers and a write can succeed: 503 `unavailable` or `storage_full`."""
    database = current_app.extensions["screening"].database
    database.ping()
    database.check_writable(
        [Path(current_app.config["SCREENING_DATA_DIR"])], int(current_app.config["READY_MIN_FREE_MB"]) * MB
    )
    return {"status": "ready"}


@blp.route("/health")
@blp.response(200, HealthSchema)
def health() -> dict[str, Any]:
    """The process is up."""
    return _health()


@blp.route("/ready")
@blp.response(200, HealthSchema)
@blp.alt_response(
    503,
    schema=ErrorSchema,
    description="Database unavailable (`unavailable`) or storage that cannot take writes, full or read-only "
    "(`storage_full`); Retry-After given",
)
def ready() -> dict[str, Any]:
    """The database answers and can be written."""
    return _ready()


root.add_url_rule("/health", "health", _health)
root.add_url_rule("/ready", "ready", _ready)
