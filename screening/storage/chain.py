"""The tamper-evident evaluation chain (SPEC section 5, RELIABILITY 1.4 and 2.2).

Each record's hash is the SHA-256 of the canonical JSON of all its fields, `prev_hash` included. Appending is
one serialised step: the writer holds the chain head (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the head row
`FOR UPDATE`) from reading the last hash until commit, so the chain can never fork.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from rules.canonical import canonical_json, sha256_hex
from screening.storage.database import Database, is_write_session
from screening.storage.models import GENESIS_HASH, ChainHead, Evaluation

HASHED_FIELDS = (
    "id",
    "seq",
    "created_at",
    "as_of",
    "lang",
    "position_code",
    "revision",
    "policy_id",
    "fingerprint",
    "engine_version",
    "input",
    "verdict",
    "outcome",
    "actor",
    "batch_id",
    "row_number",
    "folio",
    "prev_hash",
)


@dataclass(frozen=True)
class NewEvaluation:
    """What a caller hands to `append_evaluations`; the chain fills id, seq, created_at and the hashes."""

    as_of: date
    lang: str
    position_code: str
    revision: int
    policy_id: str
    fingerprint: str
    engine_version: str
    verdict: dict[str, Any]
    outcome: str
    actor: str
    input: Any = None
    """The candidate JSON as received, or None for an anonymous check without a receipt."""
    folio: str | None = None
    batch_id: str | None = None
    row_number: int | None = None


def new_evaluation_id() -> str:
    """128 random bits, URL-safe: unguessable, so the id doubles as a receipt."""
    return secrets.token_urlsafe(16)


def record_fields(row: Evaluation) -> dict[str, Any]:
    return {name: getattr(row, name) for name in HASHED_FIELDS}


def record_hash(fields: dict[str, Any]) -> str:
    return sha256_hex(canonical_json(fields))


def _batch_key(record: NewEvaluation) -> tuple[str, int]:
    assert record.batch_id is not None and record.row_number is not None
    return record.batch_id, record.row_number


def _lock_head(session: Session) -> ChainHead:
    if not is_write_session(session) and session.get_bind().dialect.name == "sqlite":
        # A deferred transaction would read the head under a shared lock and fail to upgrade it.
        raise ValueError("append_evaluations needs a session from Database.write()")
    head = session.execute(select(ChainHead).where(ChainHead.id == 1).with_for_update()).scalar_one()
    return head


def append_evaluations(session: Session, records: Sequence[NewEvaluation]) -> list[str]:
    """Append `records` in order inside the caller's write transaction; return their ids in the same order.

    A record whose (batch_id, row_number) is already stored is not written again: its existing id is
    returned, so re-running a chunk of a batch is idempotent.
    """
    if not records:
        return []
    head = _lock_head(session)
    existing: dict[tuple[str, int], str] = {}
    keys = [
        (r.batch_id, r.row_number) for r in records if r.batch_id is not None and r.row_number is not None
    ]
    if keys:
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            rows = session.execute(
                select(Evaluation.batch_id, Evaluation.row_number, Evaluation.id).where(
                    tuple_(Evaluation.batch_id, Evaluation.row_number).in_(part)
                )
            )
            for batch_id, row_number, evaluation_id in rows:
                existing[(str(batch_id), int(row_number or 0))] = evaluation_id
    ids: list[str] = []
    seq, prev_hash = head.seq, head.hash
    created_at = datetime.now(UTC).isoformat(timespec="microseconds")
    for record in records:
        if record.batch_id is not None and record.row_number is not None:
            known = existing.get(_batch_key(record))
            if known is not None:
                ids.append(known)
                continue
        seq += 1
        row = Evaluation(
            id=new_evaluation_id(),
            seq=seq,
            created_at=created_at,
            as_of=record.as_of,
            lang=record.lang,
            position_code=record.position_code,
            revision=record.revision,
            policy_id=record.policy_id,
            fingerprint=record.fingerprint,
            engine_version=record.engine_version,
            input=None if record.input is None else canonical_json(record.input).decode("utf-8"),
            verdict=canonical_json(record.verdict).decode("utf-8"),
            outcome=record.outcome,
            actor=record.actor,
            batch_id=record.batch_id,
            row_number=record.row_number,
            folio=record.folio,
            prev_hash=prev_hash,
            hash="",
        )
        row.hash = record_hash(record_fields(row))
        prev_hash = row.hash
        session.add(row)
        ids.append(row.id)
        if record.batch_id is not None and record.row_number is not None:
            existing[_batch_key(record)] = row.id
    head.seq, head.hash = seq, prev_hash
    session.flush()
    return ids


def append_evaluation(database: Database, record: NewEvaluation) -> str:
    """One record in its own transaction (one transaction per evaluation, RELIABILITY 2.2)."""
    with database.write() as session:
        return append_evaluations(session, [record])[0]


@dataclass(frozen=True)
class BadRecord:
    seq: int
    id: str
    problem: str

    def __str__(self) -> str:
        return f"record {self.seq} ({self.id}): {self.problem}"


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    records: int
    head_seq: int
    head_hash: str
    first_bad: BadRecord | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        bad = self.first_bad
        return {
            "ok": self.ok,
            "records": self.records,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "first_bad": None if bad is None else {"seq": bad.seq, "id": bad.id, "problem": bad.problem},
        }


def verify_records(rows: Iterable[Evaluation], head_seq: int, head_hash: str) -> VerifyReport:
    """Recompute every hash in sequence order; name the first record that does not verify."""
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0

    def bad(row: Evaluation, problem: str) -> VerifyReport:
        return VerifyReport(False, count, head_seq, head_hash, BadRecord(row.seq, row.id, problem))

    for row in rows:
        count += 1
        if row.seq > head_seq:
            return bad(row, f"it lies after the chain head (sequence {head_seq}): inserted")
        if row.hash != record_hash(record_fields(row)):
            return bad(row, "its content does not match its hash: edited or moved")
        if row.seq != expected_seq:
            return bad(
                row,
                f"the sequence jumps from {expected_seq - 1} to {row.seq}: "
                f"{row.seq - expected_seq} record(s) before it deleted",
            )
        if row.prev_hash != prev_hash:
            return bad(
                row, "it does not link to the record before it: a record was deleted, inserted or reordered"
            )
        prev_hash = row.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if last_seq != head_seq or prev_hash != head_hash:
        return VerifyReport(
            False,
            count,
            head_seq,
            head_hash,
            BadRecord(
                head_seq,
                "(chain head)",
                f"the chain head names record {head_seq} but the last record that verifies is {last_seq}: "
                "the last record(s) were deleted",
            ),
        )
    return VerifyReport(True, count, head_seq, head_hash)


def verify_chain(database: Database) -> VerifyReport:
    """Stream the whole chain in sequence order and verify it (SPEC section 5, Verify)."""
    with database.read() as session:
        head = session.execute(select(ChainHead).where(ChainHead.id == 1)).scalar_one()
        rows = session.execute(
            select(Evaluation).order_by(Evaluation.seq).execution_options(yield_per=1000)
        ).scalars()
        return verify_records(rows, head.seq, head.hash)
