"""Marshmallow schemas: the single statement of the API's inputs and outputs (OpenAPI falls out of them).

A candidate body is documented by CandidateSchema and read by rules.candidate (`CandidateBody`), the reader the
command line and the bulk files use: the same body gets the same answer everywhere, every problem at once with
its field path, what was found and what is accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import marshmallow as ma
from marshmallow import fields, validate

from rules.candidate import Candidate, parse_candidate
from screening.config import LANGUAGES

LANG = validate.OneOf(LANGUAGES)


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE


# --- candidate (SPEC section 4) -----------------------------------------------------------------------------

TEXT = validate.Length(min=1, max=2000)
DATE_TEXT = validate.Regexp(r"^\d{4}-\d{2}(-\d{2})?$", error="a date as YYYY-MM-DD or YYYY-MM")


def Text(**kwargs: Any) -> fields.String:
    """A non-empty text of at most 2,000 characters (rules.candidate.MAX_TEXT)."""
    return fields.String(validate=TEXT, **kwargs)


def Personal() -> fields.String:
    """Optional personal data (name, email, CURP, gender): at most 2,000 characters, never used by the rules."""
    return fields.String(
        allow_none=True,
        validate=validate.Length(max=2000),
        metadata={"description": "Optional; never used by the rules"},
    )


class DegreeSchema(StrictSchema):
    level = Text(required=True, metadata={"example": "Licenciatura"})
    status = Text(required=True, metadata={"example": "Titulado"})
    field = Text(required=True, metadata={"example": "Ciencia Política"})
    institution = fields.String(
        allow_none=True, validate=validate.Length(max=2000), metadata={"example": "UNAM"}
    )


class JobSchema(StrictSchema):
    title = fields.String(
        allow_none=True, validate=validate.Length(max=2000), metadata={"example": "Analista"}
    )
    area = Text(required=True, metadata={"example": "Evaluación de proyectos y atención ciudadana"})
    start = fields.String(
        required=True,
        validate=DATE_TEXT,
        metadata={"description": "YYYY-MM-DD or YYYY-MM", "example": "2021-03"},
    )
    end = fields.String(
        allow_none=True, validate=DATE_TEXT, metadata={"description": "YYYY-MM-DD, YYYY-MM or null (ongoing)"}
    )
    hours_per_week = fields.Float(
        allow_none=True, validate=validate.Range(min=0.5, max=168), metadata={"example": 40}
    )


class ExperienceSummarySchema(StrictSchema):
    years = fields.Float(required=True, validate=validate.Range(min=0, max=80), metadata={"example": 3})
    area = Text(required=True)


class CandidateSchema(StrictSchema):
    folio = fields.String(
        allow_none=True,
        validate=validate.Length(max=200),
        metadata={"description": "Recruiter's file number", "example": "A-0042"},
    )
    degrees = fields.List(fields.Nested(DegreeSchema), validate=validate.Length(max=20))
    jobs = fields.List(fields.Nested(JobSchema), allow_none=True, validate=validate.Length(max=100))
    experience_summary = fields.Nested(
        ExperienceSummarySchema, allow_none=True, metadata={"description": "Only when there are no jobs"}
    )
    knowledge = fields.List(Text(), allow_none=True, validate=validate.Length(max=200))
    skills = fields.List(Text(), allow_none=True, validate=validate.Length(max=200))
    competencies = fields.Dict(
        keys=fields.String(validate=TEXT),
        values=fields.Integer(strict=True, validate=validate.Range(min=0, max=5)),
        allow_none=True,
        metadata={"example": {"Planeación y estrategia": 4}},
    )
    name = Personal()
    email = Personal()
    curp = Personal()
    gender = Personal()


class ReadCandidate(NamedTuple):
    """A candidate body as received (`raw`, the JSON stored with a record) and as rules.candidate read it."""

    candidate: Candidate
    raw: Any


class CandidateBody(CandidateSchema):
    """The documented candidate (OpenAPI shows CandidateSchema's fields) read by rules.candidate: `load`
    returns a ReadCandidate, or raises rules.errors.InputErrors with every problem, which the API answers as
    422 (screening.api.errors). The schema's own checks would repeat the reader's, at twice its cost."""

    def load(
        self,
        data: Mapping[str, Any] | Iterable[Mapping[str, Any]],
        *,
        many: bool | None = None,
        partial: bool | ma.types.StrSequenceOrSet | None = None,
        unknown: str | None = None,
    ) -> ReadCandidate:
        return ReadCandidate(parse_candidate(data), data)


class EvaluationBody(CandidateBody):
    """The candidate of an evaluation: CandidateBody, named "Candidate" in the OpenAPI document (its name since
    the API's first version; screening.api.init_api registers it)."""


# --- query arguments ----------------------------------------------------------------------------------------


class QuerySchema(ma.Schema):
    """Query arguments."""


class LangQuery(QuerySchema):
    lang = fields.String(validate=LANG, metadata={"description": "es or en; wins over Accept-Language"})


class EvaluateQuery(LangQuery):
    as_of = fields.Date(metadata={"description": "Evaluation date (default: today in Mexico City)"})
    receipt = fields.Boolean(
        load_default=False,
        metadata={"description": "Store an anonymous check and return its id as a receipt"},
    )


class MatchesQuery(LangQuery):
    as_of = fields.Date()


class PageQuery(QuerySchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class PositionsQuery(PageQuery):
    q = fields.String(
        validate=validate.Length(max=200), metadata={"description": "Words of code, title or unit"}
    )


class PositionQuery(LangQuery):
    revision = fields.Integer(validate=validate.Range(min=1, max=1_000_000))


class FolioQuery(PageQuery):
    folio = fields.String(required=True, validate=validate.Length(min=1, max=200))


# --- responses ----------------------------------------------------------------------------------------------


class PositionSummarySchema(ma.Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    unit = fields.String(required=True)
    revision = fields.Integer(required=True)


class PageSchema(ma.Schema):
    """What every paginated answer says besides its items."""

    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)


class PositionPageSchema(PageSchema):
    items = fields.List(fields.Nested(PositionSummarySchema), required=True)


class RevisionSchema(ma.Schema):
    revision = fields.Integer(required=True)
    imported_at = fields.String(required=True)
    content_hash = fields.String(required=True)


class VerdictPositionSchema(ma.Schema):
    code = fields.String(required=True)
    title = fields.String()
    unit = fields.String()
    revision = fields.Integer(allow_none=True, required=True)


class PositionDetailSchema(ma.Schema):
    position = fields.Nested(VerdictPositionSchema, required=True)
    fingerprint = fields.String(required=True)
    engine_version = fields.String(required=True)
    taxonomy_version = fields.String()
    policy = fields.Dict(required=True)
    rules = fields.List(fields.Dict(), required=True, metadata={"description": "Compiled requirements"})
    revisions = fields.List(fields.Nested(RevisionSchema), required=True)
    text = fields.String(required=True, metadata={"description": "The requirements as a person reads them"})


class ReasonSchema(ma.Schema):
    code = fields.String(required=True)
    params = fields.Dict(required=True)
    message = fields.String(required=True)


class CriterionSchema(ma.Schema):
    id = fields.String(required=True)
    mandatory = fields.Boolean(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(["pass", "review", "fail"]))
    required = fields.Raw(allow_none=True)
    found = fields.Raw(allow_none=True)
    reason = fields.Nested(ReasonSchema, required=True)
    evidence = fields.Raw(allow_none=True)


class DesirableSchema(ma.Schema):
    score = fields.Integer(required=True)
    met = fields.List(fields.String(), required=True)
    gaps = fields.List(fields.String(), required=True)


class ExperienceTallySchema(ma.Schema):
    counted_intervals = fields.List(fields.Dict(), required=True)
    credited_days = fields.String(required=True)
    credited_years = fields.String(required=True)
    declared = fields.Boolean()


class VerdictSchema(ma.Schema):
    position = fields.Nested(VerdictPositionSchema, required=True)
    folio = fields.String(allow_none=True)
    fingerprint = fields.String(required=True)
    engine_version = fields.String(required=True)
    as_of = fields.String(required=True)
    lang = fields.String(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(["eligible", "review", "ineligible"]))
    eligible_from = fields.String(allow_none=True, required=True)
    criteria = fields.List(fields.Nested(CriterionSchema), required=True)
    desirable = fields.Nested(DesirableSchema, required=True)
    experience = fields.Nested(ExperienceTallySchema, required=True)


class EvaluationResultSchema(VerdictSchema):
    evaluation_id = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Id of the stored record (a receipt); null if not stored"},
    )


class RecordPositionSchema(ma.Schema):
    code = fields.String(required=True)
    revision = fields.Integer(required=True)


class EvaluationRecordSchema(ma.Schema):
    id = fields.String(required=True)
    seq = fields.Integer(required=True)
    created_at = fields.String(required=True)
    as_of = fields.String(required=True)
    lang = fields.String(required=True)
    position = fields.Nested(RecordPositionSchema, required=True)
    policy_id = fields.String(required=True)
    fingerprint = fields.String(required=True)
    engine_version = fields.String(required=True)
    outcome = fields.String(required=True)
    actor = fields.String(required=True)
    batch_id = fields.String(allow_none=True, required=True)
    row_number = fields.Integer(allow_none=True, required=True)
    folio = fields.String(allow_none=True, required=True)
    input = fields.Raw(allow_none=True, required=True, metadata={"description": "The candidate as received"})
    verdict = fields.Nested(VerdictSchema, required=True)
    prev_hash = fields.String(required=True)
    hash = fields.String(required=True)


class EvaluationPageSchema(PageSchema):
    items = fields.List(fields.Nested(EvaluationRecordSchema), required=True)


class MatchSchema(ma.Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    unit = fields.String(required=True)
    revision = fields.Integer(allow_none=True, required=True)
    fingerprint = fields.String(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(["eligible", "review", "ineligible"]))
    eligible_from = fields.String(allow_none=True, required=True)
    desirable_score = fields.Integer(required=True)
    unmet = fields.List(fields.String(), required=True)
    reason = fields.Nested(
        ReasonSchema, required=True, metadata={"description": "The main reason, in the request's language"}
    )


class MatchesSchema(ma.Schema):
    as_of = fields.String(required=True)
    lang = fields.String(required=True)
    items = fields.List(fields.Nested(MatchSchema), required=True)


class DifferenceSchema(ma.Schema):
    criterion = fields.String()
    field = fields.String()
    stored = fields.Raw(allow_none=True)
    replayed = fields.Raw(allow_none=True)


class ReplaySchema(ma.Schema):
    id = fields.String(required=True)
    result = fields.String(required=True, validate=validate.OneOf(["identical", "different"]))
    fingerprint_matches = fields.Boolean(required=True)
    differences = fields.List(fields.Nested(DifferenceSchema), required=True)


class ChainHeadSchema(ma.Schema):
    seq = fields.Integer(required=True)
    hash = fields.String(required=True)


class BadRecordSchema(ma.Schema):
    seq = fields.Integer(required=True)
    id = fields.String(required=True)
    problem = fields.String(required=True)


class VerifySchema(ma.Schema):
    ok = fields.Boolean(required=True)
    records = fields.Integer(required=True)
    head = fields.Nested(ChainHeadSchema, required=True)
    first_bad = fields.Nested(BadRecordSchema, allow_none=True, required=True)
    purged = fields.Integer(
        required=True,
        metadata={
            "description": "Records whose input was removed after the retention period (not tampering)."
        },
    )
    kinds = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Records read, by kind: evaluation, decision, publication, retention."},
    )


class HealthSchema(ma.Schema):
    status = fields.String(required=True)
