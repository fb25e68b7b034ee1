# mypy: disable-error-code="untyped-decorator"
"""Catalog and self-check routes: positions, their compiled requirements, and evaluations against them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import marshmallow as ma
from flask import current_app, request, url_for
from flask_smorest import Blueprint, abort
from webargs.multidictproxy import MultiDictProxy
from werkzeug.exceptions import RequestEntityTooLarge

from screening import services
from screening.api.auth import OPTIONAL_BEARER, current_principal
from screening.api.errors import ErrorSchema
from screening.api.language import _, request_language
from screening.api.schemas import (
    CandidateBody,
    CandidateSchema,
    EvaluateQuery,
    EvaluationResultSchema,
    PositionDetailSchema,
    PositionPageSchema,
    PositionQuery,
    PositionsQuery,
)

F = TypeVar("F", bound=Callable[..., Any])

blp = Blueprint(
    "positions", __name__, url_prefix="/api/v1", description="Positions and evaluations against them"
)


@blp.route("/positions")
@blp.arguments(PositionsQuery(), location="query", as_kwargs=True)
@blp.response(200, PositionPageSchema)
def list_positions(q: str | None = None, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Positions of the catalog (newest revision of each): code, title, unit."""
    return services.list_positions(q, page, per_page)


@blp.route("/positions/<code>")
@blp.arguments(PositionQuery(), location="query", as_kwargs=True)
@blp.response(200, PositionDetailSchema)
@blp.alt_response(404, schema=ErrorSchema, description="Unknown position")
def get_position(code: str, revision: int | None = None, lang: str | None = None) -> dict[str, Any]:
    """Compiled requirements of a position, with its revision and fingerprint, and as text in `lang`."""
    detail = services.position_detail(code, revision)
    detail["text"] = services.describe_position(code, request_language(lang), revision)
    return detail


_EVALUATE_QUERY = EvaluateQuery()
_CANDIDATE_BODY = CandidateBody()


def documented(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """flask-smorest's documentation decorators (`blp.doc`, `blp.alt_response`) applied for the OpenAPI
    document only: the view keeps the `_apidoc` they write and is served as it is, without their wrappers,
    each of which looks the app up again on every request."""

    def decorate(view: F) -> F:
        wrapped = view
        for decorator in reversed(decorators):
            wrapped = decorator(wrapped)
        view._apidoc = wrapped._apidoc  # type: ignore[attr-defined]
        return view

    return decorate


@blp.route("/positions/<code>/evaluations", methods=["POST"])
@documented(
    blp.doc(
        parameters=[{"in": "query", "schema": EvaluateQuery}],
        requestBody={"required": True, "content": {"application/json": {"schema": CandidateSchema}}},
        security=OPTIONAL_BEARER,
    ),
    blp.alt_response(
        200,
        schema=EvaluationResultSchema,
        description="Verdict, not stored (anonymous check without receipt)",
    ),
    blp.alt_response(
        201, schema=EvaluationResultSchema, description="Verdict, stored: evaluation_id is its id"
    ),
    blp.alt_response(404, schema=ErrorSchema, description="Unknown position"),
    blp.alt_response(422, schema=ErrorSchema, description="Query or candidate that cannot be read"),
)
def evaluate(code: str) -> Any:
    """Evaluate a candidate. Stored (201 + id) for a token holder, or anonymously with `receipt=true`."""
    # The busiest route reads its query and body itself, with the schemas documented above and the answers
    # webargs would give: its two wrappers cost a sixth of an evaluation.
    try:
        query = _EVALUATE_QUERY.load(MultiDictProxy(request.args, _EVALUATE_QUERY), unknown=ma.EXCLUDE)
    except ma.ValidationError as exc:
        abort(422, messages={"query": exc.messages})
    raw, plain = _json_body()
    body = _CANDIDATE_BODY.load(raw)
    principal = current_principal()
    if principal.role not in (None, "recruiter"):
        abort(403, message=_("Evaluations are asked for anonymously or with a recruiter token."))
    store = query["receipt"] or principal.role == "recruiter"
    done = services.run_evaluation(
        code,
        body.raw,
        as_of=query.get("as_of"),
        lang=request_language(query.get("lang")),
        store=store,
        actor=principal.actor,
        candidate=body.candidate,
        plain_input=plain,
    )
    # The verdict's JSON, written once for the record, is the answer too (rather than dumped again through
    # EvaluationResultSchema, which documents it), with the record's id added as its last key.
    answer = done.body[:-1] + b',"evaluation_id":' + json.dumps(done.evaluation_id).encode("ascii") + b"}"
    response = current_app.response_class(answer, mimetype="application/json")
    if done.evaluation_id is not None:
        response.status_code = 201
        response.headers["Location"] = evaluation_location(done.evaluation_id)
    return response


class _Fraction(Exception):
    """A number with a fraction or an exponent in a JSON body (or NaN or Infinity, which json reads too)."""


def _refuse_fraction(text: str) -> float:
    raise _Fraction(text)


_PLAIN_JSON = json.JSONDecoder(parse_float=_refuse_fraction, parse_constant=_refuse_fraction)


def _json_body() -> tuple[Any, bool]:
    """The request's JSON body, and whether it is plain JSON (no number with a fraction or exponent: see
    services.stored_input): 415 when it is not JSON, 400 (malformed_json) when it cannot be parsed, as webargs
    answers on the other routes. Read as Request.get_json reads it (json.loads of the bytes), by a decoder
    built once that stops at the first fraction; a body with one is read again by json.loads."""
    if not request.is_json:
        request.on_json_loading_failed(None)  # raises UnsupportedMediaType, as get_json does
    data = _body_bytes()
    try:
        text = data.decode(json.detect_encoding(data), "surrogatepass")  # as json.loads decodes bytes
        try:
            body, plain = _PLAIN_JSON.decode(text), True
        except _Fraction:
            body, plain = json.loads(text), False
    except ValueError:
        abort(400, messages={"json": ["Invalid JSON body."]})
    return body, plain


def _body_bytes() -> bytes:
    """The body's bytes: with a Content-Length, read at once from the WSGI input (the server stops it
    there), 413 beyond the request's limit as get_data answers; without one, through get_data. Werkzeug's
    stream reads the input in pieces until it ends, which under gunicorn cost as much as parsing the JSON."""
    length = request.content_length
    if length is None:
        return request.get_data()
    limit = request.max_content_length
    if limit is not None and length > limit:
        raise RequestEntityTooLarge()
    data: bytes = request.environ["wsgi.input"].read(length)
    return data


_PLACE = "EVALUATION-ID"


def evaluation_location(evaluation_id: str) -> str:
    """url_for the stored record, built from the route once per script root (ids are URL-safe as they are)."""
    root = request.script_root
    template = _locations.get(root)
    if template is None:
        template = _locations[root] = url_for("evaluations.get_evaluation", evaluation_id=_PLACE)
    return template.replace(_PLACE, evaluation_id)


_locations: dict[str, str] = {}
