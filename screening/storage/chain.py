"""The tamper-evident evaluation chain (SPEC section 5, RELIABILITY 1.4 and 2.2).

Each record's hash is the SHA-256 of the canonical JSON of all its fields, `prev_hash` included. Appending is
one serialised step: the writer holds the chain head (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the head row
`FOR UPDATE`) from reading the last hash until commit, so the chain can never fork.
"""

from __future__ import annotations

import json
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from rules.canonical import canonical_json, sha256_hex
from screening.storage.database import WRITE_OPTION, Database
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
class CanonicalText:
    """JSON already written as canonical text (see `prerender`)."""

    text: str


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
    verdict: dict[str, Any] | CanonicalText
    outcome: str
    actor: str
    input: Any = None
    """The candidate JSON as received, or None for an anonymous check without a receipt."""
    folio: str | None = None
    batch_id: str | None = None
    row_number: int | None = None


class _FloatFound(Exception):
    pass


def _refuse_float(text: str) -> Any:
    raise _FloatFound(text)


def canonical_text(value: Any) -> str:
    """rules.canonical.canonical_json as text, with a fast path for plain JSON that is already NFC.

    The fast path gives the same bytes whenever it applies: json.dumps with sorted keys and no spaces, on data
    holding no float (the text is read back with a parse_float that refuses any) whose text is NFC. Anything
    else (floats, Decimals, dates, non-NFC text) goes through canonical_json, which decides.
    """
    try:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        json.loads(text, parse_float=_refuse_float)
    except (TypeError, ValueError, _FloatFound):
        return canonical_json(value).decode("utf-8")
    if unicodedata.is_normalized("NFC", text):
        return text
    return canonical_json(value).decode("utf-8")


def prerender(record: NewEvaluation) -> NewEvaluation:
    """The record with its input and verdict already written as canonical JSON, so that work is done before
    the caller takes the write lock rather than while holding it."""
    return replace(
        record,
        input=None if record.input is None else CanonicalText(_json_text(record.input)),
        verdict=CanonicalText(_json_text(record.verdict)),
    )


def _json_text(value: Any) -> str:
    return value.text if isinstance(value, CanonicalText) else canonical_text(value)


def new_evaluation_id() -> str:
    """128 random bits, URL-safe: unguessable, so the id doubles as a receipt. Never starts with "-", which a
    command line would read as an option (`screening audit replay -d8c…`)."""
    while True:
        candidate = secrets.token_urlsafe(16)
        if not candidate.startswith("-"):
            return candidate


def record_fields(row: Evaluation) -> dict[str, Any]:
    return {name: getattr(row, name) for name in HASHED_FIELDS}


def record_hash(fields: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of every hashed field (a `hash` key, if present, is left out)."""
    return sha256_hex(canonical_json({name: fields[name] for name in HASHED_FIELDS}))


def _batch_key(record: NewEvaluation) -> tuple[str, int]:
    assert record.batch_id is not None and record.row_number is not None
    return record.batch_id, record.row_number


def _lock_head(target: Session | Connection) -> tuple[int, str]:
    connection = target.connection() if isinstance(target, Session) else target
    if connection.dialect.name == "sqlite" and not connection.get_execution_options().get(WRITE_OPTION):
        # A deferred transaction would read the head under a shared lock and fail to upgrade it.
        raise ValueError(
            "append_evaluations needs a session from Database.write() or Database.write_connection()"
        )
    head = connection.execute(
        select(ChainHead.seq, ChainHead.hash).where(ChainHead.id == 1).with_for_update()
    ).one()
    return int(head[0]), str(head[1])


def append_evaluations(session: Session | Connection, records: Sequence[NewEvaluation]) -> list[str]:
    """Append `records` in order inside the caller's write transaction (a session from `Database.write()` or
    a connection from `Database.write_connection()`); return their ids in the same order.

    A record whose (batch_id, row_number) is already stored is not written again: its existing id is
    returned, so re-running a chunk of a batch is idempotent.
    """
    if not records:
        return []
    seq, prev_hash = _lock_head(session)
    existing: dict[tuple[str, int], str] = {}
    keys = [_batch_key(r) for r in records if r.batch_id is not None and r.row_number is not None]
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
    new_rows: list[dict[str, Any]] = []
    created_at = datetime.now(UTC).isoformat(timespec="microseconds")
    for record in records:
        key = _batch_key(record) if record.batch_id is not None and record.row_number is not None else None
        if key is not None and key in existing:
            ids.append(existing[key])
            continue
        seq += 1
        fields: dict[str, Any] = {
            "id": new_evaluation_id(),
            "seq": seq,
            "created_at": created_at,
            "as_of": record.as_of,
            "lang": record.lang,
            "position_code": record.position_code,
            "revision": record.revision,
            "policy_id": record.policy_id,
            "fingerprint": record.fingerprint,
            "engine_version": record.engine_version,
            "input": None if record.input is None else _json_text(record.input),
            "verdict": _json_text(record.verdict),
            "outcome": record.outcome,
            "actor": record.actor,
            "batch_id": record.batch_id,
            "row_number": record.row_number,
            "folio": record.folio,
            "prev_hash": prev_hash,
        }
        fields["hash"] = prev_hash = record_hash(fields)
        new_rows.append(fields)
        ids.append(fields["id"])
        if key is not None:
            existing[key] = fields["id"]
    if new_rows:
        session.execute(insert(Evaluation), new_rows)
        session.execute(update(ChainHead).where(ChainHead.id == 1).values(seq=seq, hash=prev_hash))
    return ids


def append_evaluation(database: Database, record: NewEvaluation) -> str:
    """One record in its own transaction (one transaction per evaluation, RELIABILITY 2.2)."""
    ready = prerender(record)
    with database.write_connection() as connection:
        return append_evaluations(connection, [ready])[0]


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
