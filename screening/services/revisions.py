"""Revisions of a position (SPEC section 2): the list, the difference between any two requirement by
requirement (rules.revisions), and what-if: a stored batch screened again under another revision, listing whose
outcome would change. What-if stores nothing: no record, no batch, no file."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rules.candidate import PERSONAL_KEYS
from rules.errors import InputErrors, UnknownPosition
from screening.services.catalogs import get_rule_set
from screening.services.context import Context, NotFound, current

if TYPE_CHECKING:
    from rules.revisions import Change
    from screening.storage.database import Database


def _l(message: str) -> str:
    """Marks a message for extraction (`pybabel extract -k _l`); the caller translates it in its language."""
    return message


REQUIREMENT_NAMES = {
    "education.level": _l("Level of studies"),
    "education.status": _l("Degree status"),
    "education.fields": _l("Fields of study"),
    "education.accepts_equivalents": _l("Equivalent fields accepted"),
    "education.text": _l("Education clause as published"),
    "experience.years": _l("Years of experience"),
    "experience.areas": _l("Areas of experience"),
    "experience.text": _l("Experience clause as published"),
    "knowledge": _l("Desirable knowledge"),
    "skills": _l("Skills"),
    "competencies": _l("Competencies"),
    "functions": _l("Functions"),
    "identification.title": _l("Title"),
    "identification.unit": _l("Unit"),
    "identification.superior": _l("Superior"),
    "identification.appointment_type": _l("Type of appointment"),
    "identification.occupational_grade": _l("Occupational grade"),
    "identification.responsibility_level": _l("Responsibility level"),
    "identification.hierarchy_level": _l("Hierarchy level"),
}
"""English names of the requirements a difference names (rules.revisions.Change.requirement); callers
translate them (pages and the command line, screening/locale)."""
WHAT_IF_SHOWN = 1000
"""Rows listed by a what-if (all are counted); a larger batch's list says how many more changed."""
BATCHES_LISTED = 50
"""The newest finished batches of a position a what-if offers."""
NOT_JUDGED = PERSONAL_KEYS | {"folio"}
"""Keys of a candidate no rule reads: rows that differ only in them are judged once by a what-if."""


class UnknownRevision(Exception):
    """A revision number a position does not have; `known` are the ones it has."""

    def __init__(self, code: str, revision: int, known: tuple[int, ...], which: str = "revision") -> None:
        self.code = code
        self.revision = revision
        self.known = known
        self.which = which
        """Which argument named it: "before", "after" or "revision"."""
        super().__init__(f"{which}: {code} has no revision {revision}; it has {known}")


def _known_revisions(context: Context, code: str) -> tuple[int, ...]:
    from screening.storage import repositories as repo

    with context.database.read() as session:
        known = tuple(r.revision for r in repo.revisions_of(session, code))
    if not known:
        raise UnknownPosition(code)
    return known


def _check_revision(context: Context, code: str, revision: int, which: str) -> None:
    known = _known_revisions(context, code)
    if revision not in known:
        raise UnknownRevision(code, revision, known, which)


@dataclass(frozen=True)
class RevisionDiff:
    code: str
    title: str
    before: int
    after: int
    before_fingerprint: str
    after_fingerprint: str
    changes: tuple[Change, ...]


def revisions_of_position(code: str, *, db: Context | Database | None = None) -> dict[str, Any]:
    """The position's revisions, oldest first: number, import date, content hash, title and fingerprint."""
    from screening.storage import repositories as repo

    context = current(db)
    with context.database.read() as session:
        rows: list[dict[str, Any]] = [
            {
                "revision": r.revision,
                "imported_at": r.imported_at,
                "content_hash": r.content_hash,
                "title": r.title,
            }
            for r in repo.revisions_of(session, code)
        ]
    if not rows:
        raise UnknownPosition(code)
    for row in rows:
        row["fingerprint"] = get_rule_set(code, int(row["revision"]), db=context).fingerprint
    return {"code": code, "title": rows[-1]["title"], "revisions": rows}


def revision_diff(
    code: str, before: int, after: int, *, db: Context | Database | None = None
) -> RevisionDiff:
    """Every difference from revision `before` to revision `after` of a position (either order);
    UnknownPosition for a code not in the catalog, UnknownRevision for a number it does not have."""
    from rules.revisions import diff_profiles

    context = current(db)
    _check_revision(context, code, before, "before")
    _check_revision(context, code, after, "after")
    old = get_rule_set(code, before, db=context)
    new = get_rule_set(code, after, db=context)
    return RevisionDiff(
        code,
        new.title,
        before,
        after,
        old.fingerprint,
        new.fingerprint,
        diff_profiles(old.profile, new.profile),
    )


def batches_for_what_if(code: str, *, db: Context | Database | None = None) -> list[dict[str, Any]]:
    """The position's batches that have finished, newest first (a what-if reads their records)."""
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        return [
            {
                "id": b.id,
                "revision": b.revision,
                "filename": b.original_filename,
                "created_at": b.created_at,
                "rows": b.rows_total,
                "status": b.status,
            }
            for b in repo.batches_of_position(session, code, BATCHES_LISTED)
            if b.status == "done"
        ]


@dataclass(frozen=True)
class OutcomeChange:
    row_number: int | None
    folio: str | None
    evaluation_id: str
    before: str
    after: str
    criteria: tuple[tuple[str, str, str], ...]
    """(criterion id, stored outcome, outcome under the other revision) of each mandatory criterion that
    changed."""


@dataclass(frozen=True)
class WhatIf:
    batch_id: str
    code: str
    stored_revision: int
    revision: int
    fingerprint: str
    records: int
    """Records of the batch screened again."""
    changed: int
    shown: tuple[OutcomeChange, ...]
    """The first WHAT_IF_SHOWN changes, in row order."""
    not_replayed: int
    """Records whose input is not stored (purged) or no longer reads as a candidate."""
    before: dict[str, int]
    after: dict[str, int]


def _criteria_outcomes(criteria: Any) -> dict[str, str]:
    return {str(c["id"]): str(c["outcome"]) for c in criteria if c["mandatory"]}


def what_if(batch_id: str, revision: int, *, db: Context | Database | None = None) -> WhatIf:
    """Screen the stored inputs of a batch's records again under `revision` of the batch's position, each
    with its stored as_of, and list the rows whose outcome would change. Nothing is stored."""
    from sqlalchemy import select

    from rules.candidate import parse_candidate
    from rules.engine import evaluate
    from screening.storage import repositories as repo
    from screening.storage.models import Evaluation, VerdictBody

    context = current(db)
    with context.database.read() as session:
        batch = repo.get_batch(session, batch_id)
        if batch is None:
            raise NotFound("batch", batch_id)
        code, stored_revision = batch.position_code, batch.revision
    _check_revision(context, code, revision, "revision")
    rule_set = get_rule_set(code, revision, db=context)
    memo: dict[tuple[str, date], tuple[str, dict[str, str]]] = {}
    stored_criteria: dict[str, dict[str, str]] = {}
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    shown: list[OutcomeChange] = []
    records = changed = not_replayed = 0
    with context.database.read() as session:
        rows = session.execute(
            select(
                Evaluation.id,
                Evaluation.row_number,
                Evaluation.folio,
                Evaluation.as_of,
                Evaluation.input,
                Evaluation.outcome,
                Evaluation.verdict_hash,
                VerdictBody.body,
            )
            .outerjoin(VerdictBody, VerdictBody.hash == Evaluation.verdict_hash)
            .where(Evaluation.batch_id == batch_id)
            .order_by(Evaluation.row_number)
            .execution_options(yield_per=1000)
        )
        for evaluation_id, row_number, folio, as_of, text, outcome, verdict_hash, body in rows:
            records += 1
            before[outcome] += 1
            if text is None:
                not_replayed += 1
                after["not_replayed"] += 1
                continue
            data = json.loads(text)
            # Rows that differ only in folio or personal data get the same verdict: judged once.
            judged = (
                {k: v for k, v in data.items() if k not in NOT_JUDGED} if isinstance(data, dict) else data
            )
            key = (json.dumps(judged, sort_keys=True, ensure_ascii=False), as_of)
            found = memo.get(key)
            if found is None:
                try:
                    verdict = evaluate(rule_set, parse_candidate(data), as_of)
                except InputErrors:
                    not_replayed += 1
                    after["not_replayed"] += 1
                    continue
                found = memo[key] = (
                    verdict.outcome.value,
                    {c.id: c.outcome.value for c in verdict.criteria if c.mandatory},
                )
            new_outcome, new_criteria = found
            after[new_outcome] += 1
            if new_outcome == outcome:
                continue
            changed += 1
            if len(shown) >= WHAT_IF_SHOWN:
                continue
            if verdict_hash not in stored_criteria:
                stored_criteria[verdict_hash] = (
                    _criteria_outcomes(json.loads(body)["criteria"]) if body is not None else {}
                )
            old_criteria = stored_criteria[verdict_hash]
            differing = tuple(
                (criterion, old_criteria.get(criterion, ""), value)
                for criterion, value in new_criteria.items()
                if old_criteria.get(criterion) != value
            )
            shown.append(OutcomeChange(row_number, folio, evaluation_id, outcome, new_outcome, differing))
    return WhatIf(
        batch_id,
        code,
        stored_revision,
        revision,
        rule_set.fingerprint,
        records,
        changed,
        tuple(shown),
        not_replayed,
        dict(before),
        dict(after),
    )
