# mypy: disable-error-code="untyped-decorator"
"""Stored evaluation records, replay and chain verification (SPEC sections 5 and 6), and matches."""

from __future__ import annotations

from typing import Any

from flask_smorest import abort

from screening import services
from screening.api.auth import BEARER, OPTIONAL_BEARER, current_principal, require_role
from screening.api.errors import ErrorSchema
from screening.api.json_body import Blueprint
from screening.api.language import _, request_language
from screening.api.schemas import (
    CandidateBody,
    EvaluationPageSchema,
    EvaluationRecordSchema,
    FolioQuery,
    MatchesQuery,
    MatchesSchema,
    ReadCandidate,
    ReplaySchema,
    VerifySchema,
)

blp = Blueprint(
    "evaluations", __name__, url_prefix="/api/v1", description="Stored evaluations and the audit chain"
)


@blp.route("/evaluations/<evaluation_id>")
@blp.response(200, EvaluationRecordSchema)
@blp.alt_response(401, schema=ErrorSchema, description="Anonymous, and no anonymous receipt has that id")
@blp.alt_response(403, schema=ErrorSchema, description="An admin token: admins read no record")
@blp.alt_response(404, schema=ErrorSchema, description="Unknown record, or one this caller may not read")
@blp.doc(security=OPTIONAL_BEARER)
def get_evaluation(evaluation_id: str) -> dict[str, Any]:
    """A stored record: for auditors, the recruiter who asked, or anyone holding an anonymous receipt's id.

    An unknown id and a record the caller may not read get the same answer, so that whether a record exists is
    not told: 401 anonymously, 404 to a recruiter; an admin gets 403 for every id."""
    principal = current_principal()
    if principal.role == "admin":
        abort(403, message=_("Admins read no evaluation record; an auditor token reads every one."))
    try:
        record = services.get_evaluation(evaluation_id)
    except services.NotFound:
        record = None
    if record is None or not services.may_read_evaluation(principal, record):
        if principal.is_anonymous:
            abort(
                401,
                message=_("No anonymous receipt has this id; any other record needs a bearer token."),
                headers={"WWW-Authenticate": "Bearer"},
            )
        raise services.NotFound("evaluation", evaluation_id)
    record.pop("batch_owner", None)
    return record


@blp.route("/evaluations")
@blp.arguments(FolioQuery(), location="query", as_kwargs=True)
@blp.response(200, EvaluationPageSchema)
@blp.doc(security=[BEARER])
@require_role("auditor", "recruiter")
def find_evaluations(folio: str, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Records of a folio, newest first: every record for auditors, their own for recruiters."""
    principal = current_principal()
    actors = None if principal.role == "auditor" else [principal.actor]
    return services.find_by_folio(folio, page, per_page, actors=actors)


@blp.route("/evaluations/<evaluation_id>/replay")
@blp.response(200, ReplaySchema)
@blp.alt_response(404, schema=ErrorSchema, description="Unknown record")
@blp.doc(security=[BEARER])
@require_role("auditor")
def replay_evaluation(evaluation_id: str) -> dict[str, Any]:
    """Re-evaluate the stored input under the stored revision, policy and as_of: identical or the differences."""
    return services.replay(evaluation_id).to_dict()


@blp.route("/audit/verify")
@blp.response(200, VerifySchema)
@blp.doc(security=[BEARER])
@require_role("auditor")
def verify_chain() -> dict[str, Any]:
    """Recompute every hash of the chain in order; name the first record that does not verify (its problem in
    the request's language, as every API message)."""
    return services.verify().to_dict(request_language())


@blp.route("/matches", methods=["POST"])
@blp.arguments(MatchesQuery(), location="query", as_kwargs=True)
@blp.arguments(CandidateBody(), location="json")
@blp.response(200, MatchesSchema)
def matches(body: ReadCandidate, as_of: Any = None, lang: str | None = None) -> dict[str, Any]:
    """Every position with the candidate's outcome, eligible first. Nothing is stored."""
    current_principal()
    as_of = as_of or services.today()
    language = request_language(lang)
    items = services.matches(body.candidate, as_of, language)
    return {"as_of": as_of.isoformat(), "lang": language, "items": items}
