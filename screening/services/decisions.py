"""Settling reviews (SPEC section 5): a person decides the criteria an evaluation left under review.

A decision is a new record of the chain (a `decision` entry) that refers to the evaluation by id and by hash;
the evaluation is never edited. The effective outcome is the engine's with the decisions applied
(rules.decisions), a later decision on a criterion replacing an earlier one. A recruiter decides on the
records of their own batches; nobody else decides (auditors read, admins keep catalogs and people).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from rules.decisions import CriterionDecision, CriterionState, effective_outcome, read_decisions
from rules.verdict import Outcome
from screening.services.accounts import Principal
from screening.services.context import Context, NotFound, current

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from screening.storage.database import Database
    from screening.storage.models import Batch, Evaluation

__all__ = [
    "BatchReviews",
    "Decided",
    "ReviewRow",
    "batch_reviews",
    "decide",
    "decisions_by_evaluation",
    "open_review_count",
    "owned_batch",
]


class NotYours(Exception):
    """A batch or record of another recruiter: the pages answer 403."""


@dataclass(frozen=True)
class Decided:
    """A decision entry as recorded: its place in the chain and what it says."""

    id: str
    seq: int
    created_at: str
    actor: str
    by: str
    criteria: tuple[dict[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "seq": self.seq,
            "created_at": self.created_at,
            "actor": self.actor,
            "by": self.by,
            "criteria": [dict(entry) for entry in self.criteria],
        }


@dataclass(frozen=True)
class ReviewRow:
    """One evaluation of a batch that the engine left under review."""

    evaluation_id: str
    row_number: int | None
    folio: str | None
    engine_outcome: str
    effective_outcome: str
    open: tuple[str, ...]
    """Mandatory criteria still under review."""
    under_review: tuple[str, ...]
    """Every criterion the engine left under review (decided or not)."""
    decisions: tuple[Decided, ...]
    verdict: dict[str, Any]


@dataclass(frozen=True)
class BatchReviews:
    batch: dict[str, Any]
    rows: tuple[ReviewRow, ...]

    @property
    def open_count(self) -> int:
        """Evaluations with a mandatory criterion still under review."""
        return sum(1 for row in self.rows if row.open)


def states_of(verdict: Mapping[str, Any]) -> list[CriterionState]:
    return [
        CriterionState(str(c["id"]), bool(c["mandatory"]), Outcome(c["outcome"])) for c in verdict["criteria"]
    ]


def _decided(entry: Any) -> Decided:
    body = json.loads(entry.body)
    return Decided(
        entry.id,
        int(entry.seq),
        entry.created_at,
        entry.actor,
        str(body.get("by", "")),
        tuple(
            {"criterion": str(c["criterion"]), "outcome": str(c["outcome"]), "reason": str(c["reason"])}
            for c in body.get("criteria", ())
        ),
    )


def decisions_by_evaluation(session: Session, evaluation_ids: Sequence[str]) -> dict[str, list[Decided]]:
    """The decision entries that refer to each of `evaluation_ids`, in chain order."""
    from screening.storage.models import ChainEntry

    found: dict[str, list[Decided]] = {}
    ids = list(dict.fromkeys(evaluation_ids))
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ChainEntry)
            .where(ChainEntry.kind == "decision", ChainEntry.subject.in_(ids[start : start + 500]))
            .order_by(ChainEntry.seq)
        ).scalars()
        for row in rows:
            found.setdefault(str(row.subject), []).append(_decided(row))
    for decided in found.values():
        decided.sort(key=lambda d: d.seq)
    return found


def _made(decided: Sequence[Decided]) -> list[CriterionDecision]:
    return [
        CriterionDecision(entry["criterion"], Outcome(entry["outcome"]), entry["reason"])
        for decision in decided
        for entry in decision.criteria
    ]


def review_state(row: Evaluation, decided: Sequence[Decided]) -> ReviewRow:
    verdict = json.loads(row.verdict or "null")
    if verdict is None:
        return ReviewRow(
            row.id, row.row_number, row.folio, row.outcome, row.outcome, (), (), tuple(decided), {}
        )
    states = states_of(verdict)
    result = effective_outcome(states, _made(decided))
    return ReviewRow(
        evaluation_id=row.id,
        row_number=row.row_number,
        folio=row.folio,
        engine_outcome=row.outcome,
        effective_outcome=result.outcome.value,
        open=result.open,
        under_review=tuple(s.id for s in states if s.outcome is Outcome.REVIEW),
        decisions=tuple(decided),
        verdict=verdict,
    )


def owned_batch(session: Session, principal: Principal, batch_id: str) -> Batch:
    """The batch, if the principal may settle its reviews and publish it (the recruiter who screened it)."""
    from screening.storage import repositories as repo

    batch = repo.get_batch(session, batch_id)
    if batch is None:
        raise NotFound("batch", batch_id)
    if principal.role != "recruiter" or batch.created_by != principal.actor:
        raise NotYours(batch_id)
    return batch


def _review_records(session: Session, batch_id: str) -> list[Evaluation]:
    from screening.storage.models import Evaluation

    return list(
        session.scalars(
            select(Evaluation)
            .where(Evaluation.batch_id == batch_id, Evaluation.outcome == "review")
            .order_by(Evaluation.row_number)
        ).all()
    )


def batch_reviews(
    batch_id: str, principal: Principal, *, db: Context | Database | None = None
) -> BatchReviews:
    """Every evaluation of the batch the engine left under review, with its decisions and effective outcome."""
    from screening.services.batches import batch_status

    with current(db).database.read() as session:
        batch = owned_batch(session, principal, batch_id)
        records = _review_records(session, batch_id)
        decided = decisions_by_evaluation(session, [r.id for r in records])
        rows = tuple(review_state(r, decided.get(r.id, [])) for r in records)
        return BatchReviews(batch_status(batch), rows)


def open_review_count(session: Session, batch_id: str) -> int:
    records = _review_records(session, batch_id)
    decided = decisions_by_evaluation(session, [r.id for r in records])
    return sum(1 for r in records if review_state(r, decided.get(r.id, [])).open)


def review_row(
    evaluation_id: str, principal: Principal, *, db: Context | Database | None = None
) -> tuple[dict[str, Any], ReviewRow]:
    """One evaluation of the principal's batch under review: (its batch's status, its review row)."""
    from screening.services.batches import batch_status
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        row = repo.get_evaluation(session, evaluation_id)
        if row is None or row.batch_id is None:
            raise NotFound("evaluation", evaluation_id)
        batch = owned_batch(session, principal, row.batch_id)
        decided = decisions_by_evaluation(session, [row.id]).get(row.id, [])
        return batch_status(batch), review_state(row, decided)


def decide(
    evaluation_id: str,
    entries: Sequence[tuple[str, str, str]],
    principal: Principal,
    *,
    db: Context | Database | None = None,
) -> Decided:
    """Record a person's decisions on criteria of `evaluation_id` left under review: (criterion id, "pass" or
    "fail", written reason) each; bad entries raise InputErrors naming each one (rules.decisions). The entry
    names the evaluation by id and by its record hash, who decided, and each criterion with its reason."""
    from screening.storage import repositories as repo
    from screening.storage.chain import append_entry

    with current(db).database.write() as session:
        row = repo.get_evaluation(session, evaluation_id)
        if row is None or row.batch_id is None:
            raise NotFound("evaluation", evaluation_id)
        owned_batch(session, principal, row.batch_id)
        verdict = json.loads(row.verdict or "null")
        if verdict is None:
            raise NotFound("verdict", evaluation_id)
        decisions = read_decisions(states_of(verdict), entries)
        criteria = [
            {"criterion": d.criterion, "outcome": d.outcome.value, "reason": d.reason} for d in decisions
        ]
        body = {"evaluation": row.id, "evaluation_hash": row.hash, "by": principal.name, "criteria": criteria}
        made = append_entry(session, "decision", principal.actor, body, subject=row.id)
    return Decided(made.id, made.seq, made.created_at, principal.actor, principal.name, tuple(criteria))
