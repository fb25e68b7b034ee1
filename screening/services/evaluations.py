"""Evaluations: one candidate against one position (stored in the chain or not), stored records, replay and
verification of the chain (SPEC section 5)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rules import ENGINE_VERSION
from rules.canonical import canonical_json, sha256_hex
from rules.errors import InputErrors, InputProblem
from screening.services.accounts import ANONYMOUS, Principal
from screening.services.catalogs import get_rule_set
from screening.services.context import Context, NotFound, current

if TYPE_CHECKING:
    from rules.candidate import Candidate
    from screening.storage.chain import VerifyReport
    from screening.storage.database import Database
    from screening.storage.models import Evaluation


def storable_input(value: Any) -> Any:
    """The candidate JSON as received, ready for canonical JSON: a number with a fraction (37.5 hours) is kept
    as its exact decimal text, which the candidate reader accepts the same way on replay."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Mapping):
        return {str(k): storable_input(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable_input(v) for v in value]
    return value


@dataclass(frozen=True)
class Evaluated:
    """One evaluation: the verdict, its canonical JSON, and the record's id when it was stored."""

    verdict: dict[str, Any]
    body: bytes
    """The verdict's canonical JSON as UTF-8: the answer, and the text the record's verdict_hash covers."""
    evaluation_id: str | None


def run_evaluation(
    code: str,
    candidate_json: Any,
    as_of: date | None = None,
    lang: str = "es",
    store: bool = False,
    actor: str = ANONYMOUS,
    *,
    revision: int | None = None,
    db: Context | Database | None = None,
    candidate: Candidate | None = None,
) -> Evaluated:
    """Evaluate one candidate against one position; store the record (its id in the answer) when `store`.
    The verdict's canonical JSON is written once, for the record and the caller's answer alike. `candidate` is
    `candidate_json` already read by rules.candidate, when the caller has read it."""
    from rules.candidate import parse_candidate
    from rules.engine import evaluate as run
    from rules.render import verdict_to_dict
    from screening.storage.chain import HashedVerdict, NewEvaluation, append_evaluations

    context = current(db)
    if candidate is None:
        candidate = parse_candidate(candidate_json)
    rule_set = get_rule_set(code, revision, db=context)
    as_of = as_of or context.today()
    verdict = verdict_to_dict(run(rule_set, candidate, as_of), lang)
    body = canonical_json(verdict)
    if not store:
        return Evaluated(verdict, body, None)
    hashed = HashedVerdict(sha256_hex(body), body.decode("utf-8"))
    record = NewEvaluation(
        as_of=as_of,
        lang=verdict["lang"],
        position_code=rule_set.code,
        revision=int(rule_set.revision or 0),
        policy_id=rule_set.policy.policy_id,
        fingerprint=rule_set.fingerprint,
        engine_version=ENGINE_VERSION,
        verdict=hashed,
        outcome=verdict["outcome"],
        actor=actor,
        input=storable_input(candidate_json),
        folio=candidate.folio,
    )
    with context.database.write() as session:
        [evaluation_id] = append_evaluations(session, [record])
    return Evaluated(verdict, body, evaluation_id)


def evaluation_to_dict(row: Evaluation) -> dict[str, Any]:
    """The record with its verdict read from the body it names (None only if that body was deleted, which
    `audit verify` names)."""
    verdict = row.verdict
    return {
        "id": row.id,
        "seq": row.seq,
        "created_at": row.created_at,
        "as_of": row.as_of.isoformat(),
        "lang": row.lang,
        "position": {"code": row.position_code, "revision": row.revision},
        "policy_id": row.policy_id,
        "fingerprint": row.fingerprint,
        "engine_version": row.engine_version,
        "outcome": row.outcome,
        "actor": row.actor,
        "batch_id": row.batch_id,
        "row_number": row.row_number,
        "folio": row.folio,
        "input": None if row.input is None else json.loads(row.input),
        "verdict": None if verdict is None else json.loads(verdict),
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def get_evaluation(evaluation_id: str, *, db: Context | Database | None = None) -> dict[str, Any]:
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        row = repo.get_evaluation(session, evaluation_id)
        if row is None:
            raise NotFound("evaluation", evaluation_id)
        record = evaluation_to_dict(row)
        if row.batch_id is not None:
            batch = repo.get_batch(session, row.batch_id)
            record["batch_owner"] = batch.created_by if batch is not None else None
        else:
            record["batch_owner"] = None
        return record


def find_by_folio(
    folio: str,
    page: int = 1,
    per_page: int = 50,
    *,
    actors: Sequence[str] | None = None,
    db: Context | Database | None = None,
) -> dict[str, Any]:
    """Records of a folio, newest first; `actors` limits them to what those actors asked for (recruiters)."""
    from screening.storage import repositories as repo

    page, per_page = max(1, page), max(1, min(per_page, 500))
    with current(db).database.read() as session:
        rows, total = repo.evaluations_by_folio(
            session, folio, actors=actors, offset=(page - 1) * per_page, limit=per_page
        )
        items = [evaluation_to_dict(r) for r in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def may_read_evaluation(principal: Principal, record: Mapping[str, Any]) -> bool:
    """SPEC section 6: auditors read every record; a recruiter the records it asked for or of its batches;
    anyone holding the id of an anonymous receipt, that receipt; an admin no record (docs/api.md)."""
    if principal.role == "auditor":
        return True
    if principal.role == "admin":
        return False
    if record["actor"] == ANONYMOUS:
        return True
    if principal.role == "recruiter":
        return principal.actor in (record["actor"], record.get("batch_owner"))
    return False


@dataclass(frozen=True)
class ReplayReport:
    id: str
    identical: bool
    fingerprint_matches: bool
    differences: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "result": "identical" if self.identical else "different",
            "fingerprint_matches": self.fingerprint_matches,
            "differences": list(self.differences),
        }


def _differences(stored: Mapping[str, Any], replayed: Mapping[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stored_criteria = {c["id"]: c for c in stored.get("criteria", [])}
    replayed_criteria = {c["id"]: c for c in replayed.get("criteria", [])}
    for criterion_id in list(stored_criteria) + [c for c in replayed_criteria if c not in stored_criteria]:
        before, after = stored_criteria.get(criterion_id), replayed_criteria.get(criterion_id)
        if canonical_json(before) != canonical_json(after):
            out.append({"criterion": criterion_id, "stored": before, "replayed": after})
    for key in sorted(set(stored) | set(replayed)):
        if key == "criteria":
            continue
        if canonical_json(stored.get(key)) != canonical_json(replayed.get(key)):
            out.append({"field": key, "stored": stored.get(key), "replayed": replayed.get(key)})
    return out


def replay(evaluation_id: str, *, db: Context | Database | None = None) -> ReplayReport:
    """Re-evaluate the stored input under the stored revision, policy and as_of (SPEC section 5, Replay)."""
    from rules.candidate import parse_candidate
    from rules.engine import evaluate as run
    from rules.render import verdict_to_dict
    from screening.storage import repositories as repo

    context = current(db)
    with context.database.read() as session:
        row = repo.get_evaluation(session, evaluation_id)
        if row is None:
            raise NotFound("evaluation", evaluation_id)
        record = evaluation_to_dict(row)
    if record["input"] is None:
        raise InputErrors([InputProblem("input", "no stored input", "a record stored with its input")])
    if record["verdict"] is None:
        raise InputErrors(
            [InputProblem("verdict", "no stored verdict body", "a record whose verdict body is stored")]
        )
    rule_set = get_rule_set(record["position"]["code"], record["position"]["revision"], db=context)
    if rule_set.policy.policy_id != record["policy_id"]:
        raise InputErrors(
            [
                InputProblem(
                    "policy_id", record["policy_id"], f"the catalog's policy {rule_set.policy.policy_id}"
                )
            ]
        )
    verdict = verdict_to_dict(
        run(rule_set, parse_candidate(record["input"]), date.fromisoformat(record["as_of"])), record["lang"]
    )
    differences = _differences(record["verdict"], verdict)
    return ReplayReport(
        evaluation_id, not differences, rule_set.fingerprint == record["fingerprint"], tuple(differences)
    )


def verify(*, db: Context | Database | None = None) -> VerifyReport:
    from screening.storage.chain import verify_chain

    return verify_chain(current(db).database)
