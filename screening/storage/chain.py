"""The tamper-evident evaluation chain (SPEC section 5, RELIABILITY 1.4 and 2.2): append and verify.

Each record's hash is the SHA-256 of the canonical JSON of all its fields, `prev_hash` included; the verdict
enters as `verdict_hash`, the SHA-256 of its canonical text, stored once in `verdict_bodies` under that key.
Appending is one serialised step: the writer holds the chain head (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the head
row `FOR UPDATE`) from reading the last hash until commit, so the chain can never fork.
"""

from __future__ import annotations

import base64
import heapq
import json
import secrets
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from rules.canonical import canonical_json, sha256_hex
from rules.errors import Text, plural_text, text
from screening.storage.database import WRITE_OPTION
from screening.storage.models import GENESIS_HASH, ChainEntry, ChainHead, Evaluation, VerdictBody

if TYPE_CHECKING:
    from screening.storage.database import Database

HASHED_FIELDS_V1 = (
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
    "verdict_hash",
    "outcome",
    "actor",
    "batch_id",
    "row_number",
    "folio",
    "prev_hash",
)
"""What the hash of a format 1 record covers (records written before the input hash): the input as text."""

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
    "input_hash",
    "verdict_hash",
    "outcome",
    "actor",
    "batch_id",
    "row_number",
    "folio",
    "prev_hash",
    "format",
)
"""What a record's hash covers (format 2): the input and the verdict through the SHA-256 of their canonical text
(a Merkle step), so the record hash stays small however large they are, a verdict shared by many records is
stored once, and an input purged after the retention period leaves its hash, which still verifies."""

RECORD_FORMAT = 2
ENTRY_FORMAT = 1
ENTRY_HASHED_FIELDS = ("id", "seq", "format", "kind", "created_at", "actor", "subject", "body", "prev_hash")
"""What the hash of a chain entry (a decision, a publication, a retention run) covers."""
ENTRY_KINDS = ("decision", "publication", "retention")

_EVALUATIONS = cast(Table, Evaluation.__table__)
_ENTRIES = cast(Table, ChainEntry.__table__)
_INSERT_COLUMNS = (*HASHED_FIELDS, "input", "hash")
"""append_evaluations builds each row in this order."""
if set(_INSERT_COLUMNS) | {"purged_at"} != {
    c.name for c in _EVALUATIONS.columns
}:  # python -O drops an assert
    raise RuntimeError("append_evaluations writes every column of evaluations but purged_at")
_COLUMN_LIST, _MARK_LIST = ", ".join(_INSERT_COLUMNS), ", ".join("?" for _ in _INSERT_COLUMNS)
_INSERT_RECORD = f"INSERT INTO evaluations ({_COLUMN_LIST}) VALUES ({_MARK_LIST})"  # nosec B608 # the model's columns, placeholders
_ENTRY_COLUMNS = (*ENTRY_HASHED_FIELDS, "hash")
_INSERT_ENTRY = (
    f"INSERT INTO chain_entries ({', '.join(_ENTRY_COLUMNS)}) "  # nosec B608 # the model's columns
    f"VALUES ({', '.join('?' for _ in _ENTRY_COLUMNS)})"
)


@dataclass(frozen=True)
class HashedVerdict:
    """A verdict written as canonical JSON text, and the SHA-256 (hex) of that text: the key under which its
    body is stored in `verdict_bodies` and the value a record's hash covers."""

    hash: str
    text: str

    @classmethod
    def of(cls, verdict: Any) -> HashedVerdict:
        data = canonical_json(verdict)
        return cls(sha256_hex(data), data.decode("utf-8"))


@dataclass(
    slots=True
)  # not frozen: a frozen dataclass's __init__ took 4.3 us, 0.4 s of 100,000 recorded rows
class NewEvaluation:
    """What a caller hands to `append_evaluations`; the chain fills id, seq, created_at and the hashes."""

    as_of: date
    lang: str
    position_code: str
    revision: int
    policy_id: str
    fingerprint: str
    engine_version: str
    verdict: dict[str, Any] | HashedVerdict
    outcome: str
    actor: str
    input: Any = None
    """The candidate JSON as received (no float: see services' storable_input), or None for an anonymous check
    without a receipt."""
    folio: str | None = None
    batch_id: str | None = None
    row_number: int | None = None


def id_prefix(moment: datetime) -> str:
    """The seconds since 1970 of `moment`, as 8 hex digits: the start of every id made in that second."""
    return format(int(moment.timestamp()), "08x")


ID_RANDOM_BYTES = 18
"""144 random bits: three bytes make four base64 characters, so the ids of one call are cut from one encoding."""


def new_evaluation_ids(count: int, prefix: str | None = None) -> list[str]:
    """`count` ids: each a time prefix (`id_prefix`) and 144 random bits, URL-safe (32 characters); unguessable,
    so an id doubles as a receipt.

    The prefix tells no more than the record's created_at; it makes ids grow over time, so a new id is
    written at the end of the id index instead of on a random page of it (with random ids, that index cost a
    page write per record). Never starts with "-", which a command line would read as an option."""
    head = prefix or id_prefix(datetime.now(UTC))
    width = ID_RANDOM_BYTES * 4 // 3
    text = base64.urlsafe_b64encode(secrets.token_bytes(ID_RANDOM_BYTES * count)).decode("ascii")
    return [head + text[start : start + width] for start in range(0, width * count, width)]


def new_evaluation_id(prefix: str | None = None) -> str:
    return new_evaluation_ids(1, prefix)[0]


def hashed_fields(record_format: int) -> tuple[str, ...]:
    return HASHED_FIELDS_V1 if record_format == 1 else HASHED_FIELDS


def record_fields(row: Any) -> dict[str, Any]:
    """The hashed fields of a stored record (an Evaluation, or a row with those columns), as its format says."""
    return {name: getattr(row, name) for name in hashed_fields(getattr(row, "format", RECORD_FORMAT))}


def input_text(value: Any) -> str | None:
    """A candidate input as the canonical JSON text stored and hashed (None for no input)."""
    return None if value is None else canonical_json(value).decode("utf-8")


def text_hash(text: str | None) -> str | None:
    return None if text is None else sha256_hex(text.encode("utf-8"))


def record_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of every hashed field of the record's format, `prev_hash`, `verdict_hash`
    and (format 2) `input_hash` included (other keys, such as `hash`, left out; as_of as a date or its ISO
    text). Fields without `format` are format 2 when they carry `input_hash`, else format 1."""
    record_format = fields.get("format", RECORD_FORMAT if "input_hash" in fields else 1)
    plain = {name: fields[name] for name in hashed_fields(record_format)}
    if isinstance(plain["as_of"], date):
        plain["as_of"] = plain["as_of"].isoformat()
    return sha256_hex(canonical_json(plain))


class _Statements:
    """The chain's statements, one set for SQLite and PostgreSQL, run on the driver cursor of the caller's
    SQLAlchemy connection, inside its transaction (placeholders in the driver's style; a driver error raised as
    SQLAlchemy's, as every other statement raises it). For one record SQLAlchemy's execution of each statement
    cost more than SQLite's work: a stored evaluation in process 1.95 ms through exec_driver_sql, 1.6 ms so."""

    def __init__(self, connection: Connection) -> None:
        self.is_sqlite = connection.dialect.name == "sqlite"
        self.mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self.error = connection.dialect.loaded_dbapi.Error
        self.cursor = connection.connection.cursor()

    def run(self, statement: str, parameters: Any = (), *, many: bool = False) -> Any:
        if self.mark != "?":
            statement = statement.replace("?", self.mark)
        try:
            if many:
                self.cursor.executemany(statement, parameters)
            else:
                self.cursor.execute(statement, parameters)
        except self.error as exc:
            raise DBAPIError.instance(statement, parameters, exc, self.error) from exc
        return self.cursor

    def head(self) -> tuple[int, str]:
        lock = "" if self.is_sqlite else " FOR UPDATE"  # SQLite: BEGIN IMMEDIATE already holds the write lock
        seq, head_hash = self.run("SELECT seq, hash FROM chain_head WHERE id = 1" + lock).fetchone()  # nosec B608 # a constant suffix, no input
        return int(seq), str(head_hash)

    def stored_rows(self, batch_id: str, low: int, high: int) -> list[tuple[int, str]]:
        found = self.run(
            "SELECT row_number, id FROM evaluations WHERE batch_id = ? AND row_number BETWEEN ? AND ?",
            (batch_id, low, high),
        ).fetchall()
        return [(int(number), str(evaluation_id)) for number, evaluation_id in found]

    def present_bodies(self, keys: Sequence[str]) -> set[str]:
        marks = ", ".join("?" for _ in keys)
        statement = f"SELECT hash FROM verdict_bodies WHERE hash IN ({marks})"  # nosec B608 # placeholders; values are bound
        found = self.run(statement, tuple(keys)).fetchall()
        return {str(key) for (key,) in found}

    def insert_bodies(self, rows: list[tuple[str, str]]) -> None:
        statement = "INSERT INTO verdict_bodies (hash, body) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING"
        self.run(statement, rows, many=True)

    def insert_records(self, rows: list[tuple[Any, ...]]) -> None:
        """Tuples in table column order; as_of as the ISO text SQLAlchemy's Date stores on SQLite, a date on
        PostgreSQL."""
        self.run(_INSERT_RECORD, rows, many=True)

    def set_head(self, seq: int, head_hash: str) -> None:
        self.run("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", (seq, head_hash))


def _statements(session: Session) -> _Statements:
    """The statements for the caller's write transaction (a session from `Database.write()`)."""
    session.flush()  # objects the caller added go first, as an ORM statement would have flushed them
    bind = session.get_bind()  # the kept connection of Database.write() on an SQLite file, else the engine
    connection = bind if isinstance(bind, Connection) else session.connection()
    if connection.dialect.name == "sqlite" and not connection.get_execution_options().get(WRITE_OPTION):
        # A deferred transaction would read the head under a shared lock and fail to upgrade it.
        raise ValueError("append_evaluations needs a session from Database.write()")
    return _Statements(connection)


def _stored_batch_rows(sql: _Statements, records: Sequence[NewEvaluation]) -> dict[tuple[str, int], str]:
    """Ids of the records already stored for the (batch id, row number) pairs of `records`.

    One range per batch (`batch_id = ? AND row_number BETWEEN ? AND ?`), which the unique (batch_id,
    row_number) index answers on SQLite and PostgreSQL alike; a chunk being written for the first time finds
    nothing at once (a row-value IN made SQLite scan the whole table).
    """
    rows_by_batch: dict[str, set[int]] = {}
    for record in records:
        if record.batch_id is not None and record.row_number is not None:
            rows_by_batch.setdefault(record.batch_id, set()).add(record.row_number)
    existing: dict[tuple[str, int], str] = {}
    for batch_id, numbers in rows_by_batch.items():
        for row_number, evaluation_id in sql.stored_rows(batch_id, min(numbers), max(numbers)):
            if row_number in numbers:
                existing[(batch_id, row_number)] = evaluation_id
    return existing


def _insert_bodies(sql: _Statements, bodies: Mapping[str, str], stored: Collection[str]) -> None:
    """Store each verdict body unless one with its hash is already there (its text is then the same: the key
    is its SHA-256), inside the caller's transaction. Beyond a few bodies, those already stored are asked
    for first, so a chunk does not send again the verdicts of the chunks before it."""
    keys = [key for key in bodies if key not in stored]
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        present = sql.present_bodies(part) if len(part) > 4 else set()
        missing = [(key, bodies[key]) for key in part if key not in present]
        if missing:
            sql.insert_bodies(missing)


def append_evaluations(
    session: Session, records: Sequence[NewEvaluation], *, stored_bodies: Collection[str] = ()
) -> list[str]:
    """Append `records` in order inside the caller's write transaction (a session from `Database.write()`);
    return their ids in the same order.

    Each distinct verdict body is stored once (insert if absent) in the same transaction, before the records
    that name it; `stored_bodies` are hashes the caller knows an earlier transaction committed (a batch's
    earlier chunks), not sent again. Bodies are never deleted, and the foreign key from a record to its body
    refuses a record whose body is not there. A record whose (batch_id, row_number) is already stored is not
    written again: its existing id is returned, so re-running a chunk of a batch is idempotent.
    """
    if not records:
        return []
    sql = _statements(session)
    seq, prev_hash = sql.head()
    existing = _stored_batch_rows(sql, records)
    now = datetime.now(UTC)
    created_at = now.isoformat(timespec="microseconds")
    fresh_ids = iter(new_evaluation_ids(len(records), id_prefix(now)))
    ids: list[str] = []
    rows: list[tuple[Any, ...]] = []
    bodies: dict[str, str] = {}
    for record in records:
        key = (
            None
            if record.batch_id is None or record.row_number is None
            else (record.batch_id, record.row_number)
        )
        if key is not None and key in existing:
            ids.append(existing[key])
            continue
        verdict = (
            record.verdict if isinstance(record.verdict, HashedVerdict) else HashedVerdict.of(record.verdict)
        )
        bodies[verdict.hash] = verdict.text
        seq += 1
        evaluation_id = next(fresh_ids)
        fields = {
            "id": evaluation_id,
            "seq": seq,
            "created_at": created_at,
            "as_of": record.as_of.isoformat(),
            "lang": record.lang,
            "position_code": record.position_code,
            "revision": record.revision,
            "policy_id": record.policy_id,
            "fingerprint": record.fingerprint,
            "engine_version": record.engine_version,
            "input_hash": text_hash(stored_input := input_text(record.input)),
            "verdict_hash": verdict.hash,
            "outcome": record.outcome,
            "actor": record.actor,
            "batch_id": record.batch_id,
            "row_number": record.row_number,
            "folio": record.folio,
            "prev_hash": prev_hash,
            "format": RECORD_FORMAT,
        }
        prev_hash = sha256_hex(canonical_json(fields))  # exactly HASHED_FIELDS, as_of as text: record_hash
        if not sql.is_sqlite:
            fields["as_of"] = record.as_of
        rows.append((*fields.values(), stored_input, prev_hash))
        ids.append(evaluation_id)
        if key is not None:
            existing[key] = evaluation_id
    if rows:
        _insert_bodies(sql, bodies, stored_bodies)
        sql.insert_records(rows)
        sql.set_head(seq, prev_hash)
    return ids


def entry_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of an entry's hashed fields (ENTRY_HASHED_FIELDS)."""
    return sha256_hex(canonical_json({name: fields[name] for name in ENTRY_HASHED_FIELDS}))


@dataclass(frozen=True)
class AppendedEntry:
    id: str
    seq: int
    created_at: str
    hash: str


def append_entry(
    session: Session, kind: str, actor: str, body: Mapping[str, Any], subject: str | None = None
) -> AppendedEntry:
    """Append one entry of `kind` (a decision, a publication, a retention run) to the chain inside the caller's
    write transaction (a session from `Database.write()`): the next sequence number after the chain head,
    linked to the head's hash, `body` stored as canonical JSON text."""
    if kind not in ENTRY_KINDS:
        raise ValueError(f"kind: found {kind!r}; accepted: {', '.join(ENTRY_KINDS)}")
    sql = _statements(session)
    seq, prev_hash = sql.head()
    now = datetime.now(UTC)
    fields: dict[str, Any] = {
        "id": new_evaluation_id(id_prefix(now)),
        "seq": seq + 1,
        "format": ENTRY_FORMAT,
        "kind": kind,
        "created_at": now.isoformat(timespec="microseconds"),
        "actor": actor,
        "subject": subject,
        "body": canonical_json(body).decode("utf-8"),
        "prev_hash": prev_hash,
    }
    digest = entry_hash(fields)
    sql.run(_INSERT_ENTRY, (*fields.values(), digest))
    sql.set_head(seq + 1, digest)
    return AppendedEntry(fields["id"], seq + 1, fields["created_at"], digest)


def seal_hash(row: Any) -> str:
    """What a retention run records of a format 1 record before purging its input (whose hash covers the input
    text, so it cannot be recomputed afterwards): the SHA-256 of the record's format 2 fields (the input by its
    hash) and its stored hash. Verify checks a purged format 1 record against this seal."""
    fields = {name: getattr(row, name) for name in HASHED_FIELDS}
    fields["hash"] = row.hash
    if isinstance(fields["as_of"], date):
        fields["as_of"] = fields["as_of"].isoformat()
    return sha256_hex(canonical_json(fields))


@dataclass(frozen=True)
class BadRecord:
    """The first record that does not verify and what is wrong with it, as template and parameters."""

    seq: int
    id: str
    problem_text: Text

    @property
    def problem(self) -> str:
        """The problem in English."""
        return str(self.problem_text)

    def problem_in(self, lang: str) -> str:
        """The problem in `lang` (screening/locale)."""
        from screening.i18n import written

        return written(lang, self.problem_text)

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
    purged: int = 0
    """Records whose input was purged after the retention period: they verify by the input's hash, and are
    counted apart from tampering."""
    kinds: Mapping[str, int] = field(default_factory=dict)
    """Records read, by kind: "evaluation", "decision", "publication", "retention"."""

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The report as the API answers it, the problem in `lang`."""
        bad = self.first_bad
        return {
            "ok": self.ok,
            "records": self.records,
            "purged": self.purged,
            "kinds": dict(self.kinds),
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "first_bad": None
            if bad is None
            else {"seq": bad.seq, "id": bad.id, "problem": bad.problem_in(lang)},
        }


def _evaluation_problem(row: Any, bad_bodies: Collection[str], seals: Mapping[str, str]) -> Text | None:
    """What is wrong with one evaluation record on its own (None: nothing), purged inputs allowed for."""
    record_format = getattr(row, "format", RECORD_FORMAT)
    purged = row.input is None and getattr(row, "input_hash", None) is not None
    if record_format == 1 and purged:
        seal = seals.get(row.id)
        if seal is None:
            return text("its input is gone but no retention run sealed it: deleted")
        if seal != seal_hash(row):
            return text("it does not match the seal its retention run recorded: edited")
    elif record_format not in (1, RECORD_FORMAT):
        return text("its format is %(format)s: edited", format=record_format)
    elif row.hash != record_hash(record_fields(row)):
        return text("its content does not match its hash: edited or moved")
    elif record_format == RECORD_FORMAT and row.input is not None and text_hash(row.input) != row.input_hash:
        return text("its input does not match its input hash: edited")
    if row.body_key is None:
        return text("its verdict (body %(body)s) is missing: deleted", body=row.verdict_hash)
    if row.verdict_hash in bad_bodies:
        return text("its verdict (body %(body)s) does not match its hash: edited", body=row.verdict_hash)
    return None


def verify_records(
    rows: Iterable[Any],
    head_seq: int,
    head_hash: str,
    bad_bodies: Collection[str] = (),
    seals: Mapping[str, str] | None = None,
) -> VerifyReport:
    """Recompute every hash in sequence order; name the first record that does not verify.

    `rows` are records in `seq` order: evaluations with the hashed fields, `input`, `hash` and `body_key` (the
    key of the verdict body found under the record's `verdict_hash`, None when there is none), and chain
    entries (rows with a `kind` and `body`); `bad_bodies` the keys of bodies whose text does not hash to their
    key; `seals` the seal each retention run recorded per purged format 1 record (id -> seal_hash).
    """
    expected_seq, prev_hash, count, purged = 1, GENESIS_HASH, 0, 0
    kinds: Counter[str] = Counter()
    seals = seals or {}

    def bad(row: Any, problem: Text) -> VerifyReport:
        first = BadRecord(row.seq, row.id, problem)
        return VerifyReport(False, count, head_seq, head_hash, first, purged=purged, kinds=dict(kinds))

    for row in rows:
        count += 1
        is_entry = hasattr(row, "kind") and hasattr(row, "body")
        kinds["entry:" + row.kind if is_entry else "evaluation"] += 1
        if row.seq > head_seq:
            return bad(row, text("it lies after the chain head (sequence %(head)s): inserted", head=head_seq))
        if is_entry:
            problem = (
                None
                if row.hash == entry_hash({name: getattr(row, name) for name in ENTRY_HASHED_FIELDS})
                else text("its content does not match its hash: edited")
            )
        else:
            problem = _evaluation_problem(row, bad_bodies, seals)
        if problem:
            return bad(row, problem)
        if row.seq != expected_seq:
            return bad(
                row,
                plural_text(
                    "the sequence jumps from %(last)s to %(seq)s: %(count)s record before it deleted",
                    "the sequence jumps from %(last)s to %(seq)s: %(count)s records before it deleted",
                    row.seq - expected_seq,
                    last=expected_seq - 1,
                    seq=row.seq,
                ),
            )
        if row.prev_hash != prev_hash:
            return bad(
                row,
                text("it does not link to the record before it: a record was deleted, inserted or reordered"),
            )
        if not is_entry and row.input is None and getattr(row, "input_hash", None) is not None:
            purged += 1
        prev_hash = row.hash
        expected_seq += 1
    named = {key.removeprefix("entry:"): value for key, value in kinds.items()}
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
                text(
                    "the chain head names record %(head)s but the last record that verifies is %(last)s: "
                    "the records after it were deleted",
                    head=head_seq,
                    last=last_seq,
                ),
            ),
            purged=purged,
            kinds=named,
        )
    return VerifyReport(True, count, head_seq, head_hash, purged=purged, kinds=named)


def bodies_that_do_not_match(session: Session) -> set[str]:
    """Keys of the verdict bodies whose text does not hash to their key (edited), each body read once."""
    rows = session.execute(select(VerdictBody.hash, VerdictBody.body).execution_options(yield_per=200))
    return {key for key, body in rows if sha256_hex(body.encode("utf-8")) != key}


def verify_chain(database: Database) -> VerifyReport:
    """Check every verdict body once, then stream the chain in sequence order and verify each record and the
    body it names (SPEC section 5, Verify)."""
    with database.read() as session:
        head = session.execute(select(ChainHead).where(ChainHead.id == 1)).scalar_one()
        bad_bodies = bodies_that_do_not_match(session)
        seals = retention_seals(session)
        evaluations = session.execute(
            select(_EVALUATIONS, VerdictBody.hash.label("body_key"))
            .outerjoin(VerdictBody, VerdictBody.hash == Evaluation.verdict_hash)
            .order_by(Evaluation.seq)
            .execution_options(yield_per=1000)
        )
        entries = session.execute(select(_ENTRIES).order_by(ChainEntry.seq).execution_options(yield_per=1000))
        rows = heapq.merge(evaluations, entries, key=lambda row: row.seq)
        return verify_records(rows, head.seq, head.hash, bad_bodies, seals)


def retention_seals(session: Session) -> dict[str, str]:
    """The seal of every purged format 1 record, as the retention runs of the chain recorded them (a body that
    is not JSON gives none: verify names that entry as edited)."""
    seals: dict[str, str] = {}
    for (body,) in session.execute(select(ChainEntry.body).where(ChainEntry.kind == "retention")):
        try:
            found = json.loads(body).get("sealed", {})
        except (ValueError, AttributeError):
            continue
        if isinstance(found, dict):
            seals.update({str(key): str(value) for key, value in found.items()})
    return seals
