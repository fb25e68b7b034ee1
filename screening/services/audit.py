"""Auditors' questions (SPEC sections 1 and 5): which records a folio, an evaluation id or a batch names, and
one record with who asked, where it stands in the chain, the records that followed it and its effective
outcome. Replay and verification are in screening.services.evaluations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from screening.services.accounts import ANONYMOUS
from screening.services.context import Context, NotFound, current
from screening.services.evaluations import evaluation_to_dict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from screening.storage.database import Database
    from screening.storage.models import Evaluation

MAX_QUERY = 200
"""Characters of a search: ids are 32, batch ids 18, folios are short."""


@dataclass(frozen=True)
class SearchResult:
    query: str
    kind: str
    """What the query named: "evaluation", "batch", "folio", or "none" when it names no record."""
    items: tuple[dict[str, Any], ...]
    total: int
    page: int
    per_page: int
    batch: dict[str, Any] | None = None
    """The batch, when the query is a batch id."""


def record_summary(row: Evaluation) -> dict[str, Any]:
    """What a list of records shows of each: no input, no verdict body."""
    return {
        "id": row.id,
        "seq": row.seq,
        "created_at": row.created_at,
        "as_of": row.as_of.isoformat(),
        "position": {"code": row.position_code, "revision": row.revision},
        "outcome": row.outcome,
        "folio": row.folio,
        "batch_id": row.batch_id,
        "row_number": row.row_number,
        "actor": row.actor,
    }


def search_records(
    query: str, page: int = 1, per_page: int = 50, *, db: Context | Database | None = None
) -> SearchResult:
    """The records `query` names: the record of that evaluation id, else the records of that batch (in row
    order), else the records of that folio (newest first)."""
    from screening.storage import repositories as repo

    text = query.strip()[:MAX_QUERY]
    page, per_page = max(1, page), max(1, min(per_page, 500))
    offset = (page - 1) * per_page
    with current(db).database.read() as session:
        row = repo.get_evaluation(session, text) if text else None
        if row is not None:
            return SearchResult(text, "evaluation", (record_summary(row),), 1, 1, per_page)
        batch = repo.get_batch(session, text) if text else None
        if batch is not None:
            from screening.services.batches import batch_status

            rows, total = repo.evaluations_of_batch(session, text, offset=offset, limit=per_page)
            items = tuple(record_summary(r) for r in rows)
            return SearchResult(text, "batch", items, total, page, per_page, batch_status(batch))
        if not text:
            return SearchResult(text, "none", (), 0, page, per_page)
        rows, total = repo.evaluations_by_folio(session, text, actors=None, offset=offset, limit=per_page)
        items = tuple(record_summary(r) for r in rows)
    return SearchResult(text, "folio" if total else "none", items, total, page, per_page)


def describe_actor(session: Session, actor: str) -> dict[str, Any]:
    """Who asked for a record, as stored ("user:7", "token:tok_…", "anonymous", "cli"): kind, name, role."""
    from screening.storage import repositories as repo

    kind, _sep, key = actor.partition(":")
    if kind == "user" and key.isdigit():
        user = repo.get_user(session, int(key))
        if user is not None:
            return {"actor": actor, "kind": "user", "name": user.username, "role": user.role}
    if kind == "token" and key:
        token = repo.get_token(session, key)
        if token is not None:
            return {"actor": actor, "kind": "token", "name": token.name, "role": token.role}
    if actor == ANONYMOUS:
        return {"actor": actor, "kind": "anonymous", "name": "", "role": None}
    if actor == "cli":
        return {"actor": actor, "kind": "cli", "name": "", "role": None}
    return {"actor": actor, "kind": "unknown", "name": "", "role": None}


def follow_ups(session: Session, evaluation_id: str) -> list[dict[str, Any]]:
    """The records of the chain that refer to this evaluation (a person's decisions on its criteria under
    review), in chain order: each with its place in the chain, who decided and each criterion's outcome and
    written reason."""
    from screening.services.decisions import decisions_by_evaluation

    return [d.to_dict() for d in decisions_by_evaluation(session, [evaluation_id]).get(evaluation_id, [])]


def effective(verdict: Mapping[str, Any] | None, decisions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The engine's outcome with the decisions applied (rules.decisions): outcome, the decision in force per
    criterion and the mandatory criteria still open."""
    from rules.decisions import CriterionDecision, CriterionState, effective_outcome
    from rules.verdict import Outcome

    if verdict is None:
        return {"outcome": None, "decided": {}, "open": []}
    states = [
        CriterionState(str(c["id"]), bool(c["mandatory"]), Outcome(c["outcome"])) for c in verdict["criteria"]
    ]
    made = [
        CriterionDecision(str(entry["criterion"]), Outcome(entry["outcome"]), str(entry.get("reason", "")))
        for decision in decisions
        for entry in decision.get("criteria", ())
    ]
    result = effective_outcome(states, made)
    return {
        "outcome": result.outcome.value,
        "decided": {key: value.outcome.value for key, value in result.decided.items()},
        "open": list(result.open),
    }


def audit_record(evaluation_id: str, *, db: Context | Database | None = None) -> dict[str, Any]:
    """A stored record as an auditor reads it: the record (input and verdict), who asked, its place in the
    chain (sequence, head, the hashes linking it), the records that followed it and its effective outcome."""
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        row = repo.get_evaluation(session, evaluation_id)
        if row is None:
            raise NotFound("evaluation", evaluation_id)
        record = evaluation_to_dict(row)
        head_seq, head_hash = repo.chain_head(session)
        record["asked_by"] = describe_actor(session, row.actor)
        record["chain"] = {"seq": row.seq, "head_seq": head_seq, "head_hash": head_hash}
        record["follow_ups"] = follow_ups(session, evaluation_id)
        if row.batch_id is not None:
            batch = repo.get_batch(session, row.batch_id)
            record["batch"] = None if batch is None else {"id": batch.id, "filename": batch.original_filename}
        else:
            record["batch"] = None
    record["effective"] = effective(record["verdict"], record["follow_ups"])
    return record
