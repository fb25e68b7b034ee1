"""The tamper-evident evaluation chain (SPEC section 5, RELIABILITY 1.4 and 2.2).

Each record's hash is the SHA-256 of the canonical JSON of all its fields, `prev_hash` included; the verdict
enters as `verdict_hash`, the SHA-256 of its canonical text, stored once in `verdict_bodies` under that key.
Appending is one serialised step: the writer holds the chain head (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the head
row `FOR UPDATE`) from reading the last hash until commit, so the chain can never fork.
"""

from __future__ import annotations

import base64
import json
import secrets
import sqlite3
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from hashlib import sha256
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any, NamedTuple, cast

import orjson
from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from rules.canonical import canonical_json, sha256_hex
from screening.storage.database import WRITE_OPTION, Database
from screening.storage.models import GENESIS_HASH, ChainHead, Evaluation, VerdictBody

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
    "verdict_hash",
    "outcome",
    "actor",
    "batch_id",
    "row_number",
    "folio",
    "prev_hash",
)
"""What a record's hash covers: the verdict through the SHA-256 of its canonical text (a Merkle step), so the
record hash stays small however large the verdict, and a verdict shared by many records is stored once."""

_HASHED_SET = frozenset(HASHED_FIELDS)
_EVALUATIONS = cast(Table, Evaluation.__table__)
_BODIES = cast(Table, VerdictBody.__table__)
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _refuse(value: Any) -> Any:
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# Plain JSON has no cycles to watch for.
_C_ENCODE = (
    None
    if c_make_encoder is None
    else c_make_encoder(None, _refuse, encode_basestring, None, ":", ",", True, False, True)
)
_SORTED = orjson.OPT_SORT_KEYS


def _dumps(value: Any) -> str:
    """json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).

    orjson writes the same text (sorted keys, no spaces, text unescaped but for quotes, backslashes and
    control characters, the same escapes) eight times faster, for what it accepts; what it refuses (a
    whole number beyond 64 bits, a lone surrogate, a key that is not text, a value of another type) goes to
    the standard library's encoder, which decides. Tests hold the two to the same bytes.
    """
    try:
        return orjson.dumps(value, option=_SORTED).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _standard_dumps(value)


def _standard_dumps(value: Any) -> str:
    """The standard library's json.dumps with those options, its C encoder built once (JSONEncoder.encode
    builds it anew at every call). Writes a float as Python's repr and NaN as NaN, where orjson writes null:
    `canonical_text`, which takes any value, detects floats in this text."""
    if _C_ENCODE is None:  # pragma: no cover - CPython has the C encoder
        return _ENCODER.encode(value)
    return "".join(_C_ENCODE(value, 0))


@dataclass(frozen=True)
class CanonicalText:
    """JSON already written as canonical text (a `NewEvaluation`'s input written before the write lock)."""

    text: str


@dataclass(frozen=True)
class HashedVerdict:
    """A verdict written as canonical JSON text, and the SHA-256 (hex) of that text: the key under which its
    body is stored in `verdict_bodies` and the value a record's hash covers."""

    hash: str
    text: str

    @classmethod
    def of_text(cls, text: str) -> HashedVerdict:
        return cls(sha256_hex(text.encode("utf-8")), text)

    @classmethod
    def of_data(cls, data: bytes, text: str) -> HashedVerdict:
        """From the text and its UTF-8 bytes, when the caller has both."""
        return cls(sha256_hex(data), text)


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
    verdict: dict[str, Any] | HashedVerdict
    outcome: str
    actor: str
    input: Any = None
    """The candidate JSON as received (or its CanonicalText), or None for an anonymous check without a
    receipt."""
    folio: str | None = None
    batch_id: str | None = None
    row_number: int | None = None


class _FloatFound(Exception):
    pass


def _refuse_float(text: str) -> Any:
    raise _FloatFound(text)


_PLAIN_LEAVES = frozenset({str, int, bool, type(None)})


def is_plain_json(value: Any) -> bool:
    """True for plain JSON data: str, int, bool and None, in lists and in dicts with str keys (exactly these
    types, no float)."""
    kind = type(value)
    if kind in _PLAIN_LEAVES:
        return True
    if kind is dict:
        return all(type(key) is str and is_plain_json(item) for key, item in value.items())
    if kind is list:
        return all(is_plain_json(item) for item in value)
    return False


def canonical_text(value: Any) -> str:
    """rules.canonical.canonical_json as text, for any value, with fast paths.

    Plain JSON (`is_plain_json`) is written by `plain_json_text`. Otherwise json.dumps with sorted keys and no
    spaces gives the same bytes on data holding no float (the text is read back with a parse_float that
    refuses any) whose text is NFC. Anything else (floats, Decimals, dates, non-NFC text) goes through
    canonical_json, which decides.
    """
    if is_plain_json(value):
        return plain_json_text(value)
    try:
        text = _standard_dumps(value)
        json.loads(text, parse_float=_refuse_float)
    except (TypeError, ValueError, _FloatFound):
        return canonical_json(value).decode("utf-8")
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return canonical_json(value).decode("utf-8")


def plain_json_data(value: Any) -> tuple[bytes, str]:
    """`plain_json_text` as UTF-8 bytes and as text: orjson writes bytes, which are hashed and answered as
    they are, so neither side encodes the text again."""
    data, text = _plain_json(value)
    return (text.encode("utf-8") if data is None else data), text


def _plain_json(value: Any) -> tuple[bytes | None, str]:
    """`plain_json_text`, with orjson's bytes of it when orjson wrote it (None when the standard library's
    encoder did)."""
    data: bytes | None
    try:
        data = orjson.dumps(value, option=_SORTED)
        text = data.decode("utf-8")
    except TypeError:  # what orjson refuses: the standard library's encoder decides (see _dumps)
        data, text = None, _standard_dumps(value)
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return data, text
    data = canonical_json(value)
    return data, data.decode("utf-8")


def plain_json_text(value: Any) -> str:
    """rules.canonical.canonical_json as text, for data known to be plain JSON: str, int, bool, None, lists and
    dicts with str keys, no float (a verdict from rules.render.verdict_to_dict, a bulk row's candidate, a
    record's hashed fields). One json.dumps; canonical_json only when the text is not NFC.

    Why the bytes are the same: on such data canonical_json differs from json.dumps (sorted keys, no spaces,
    no ASCII escaping) only by normalising strings to NFC, and a string that is not NFC shows a sequence that is
    not NFC in the JSON text too (JSON escapes only ASCII quotes, backslashes and controls, which take part in
    no composition). A float would be written as its repr, where canonical_json refuses it: callers pass none.
    """
    return _plain_json(value)[1]


def hashed_verdict(verdict: dict[str, Any] | HashedVerdict, *, plain: bool = False) -> HashedVerdict:
    """The verdict's canonical text and its SHA-256; `plain=True` for a verdict from
    rules.render.verdict_to_dict (no float can be in it, so `plain_json_text` is used)."""
    if isinstance(verdict, HashedVerdict):
        return verdict
    return HashedVerdict.of_text(plain_json_text(verdict) if plain else canonical_text(verdict))


def _json_text(value: Any) -> str:
    return value.text if isinstance(value, CanonicalText) else canonical_text(value)


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


def record_fields(row: Any) -> dict[str, Any]:
    """The hashed fields of a stored record (an Evaluation, or a row with those columns)."""
    return {name: getattr(row, name) for name in HASHED_FIELDS}


def record_text(fields: Mapping[str, Any]) -> str:
    """The canonical JSON of every hashed field (a `hash` key, if present, is left out): the bytes of
    rules.canonical.canonical_json over them (the fields are plain: text, whole numbers, None, and as_of as
    a date or its ISO text)."""
    as_of = fields["as_of"]
    if not isinstance(as_of, date) and fields.keys() == _HASHED_SET:
        return plain_json_text(fields)  # the chain's writer: exactly these fields, as_of already text
    plain = {name: fields[name] for name in HASHED_FIELDS}
    if isinstance(as_of, date):
        plain["as_of"] = as_of.isoformat()
    return plain_json_text(plain)


def record_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of every hashed field, `prev_hash` and `verdict_hash` included."""
    return sha256_hex(record_text(fields).encode("utf-8"))


VARYING_FIELDS = (
    "created_at",
    "folio",
    "id",
    "input",
    "outcome",
    "prev_hash",
    "row_number",
    "seq",
    "verdict_hash",
)
"""The hashed fields that change from record to record of a batch, in sorted order (the order of canonical
JSON); the others are mostly the same."""
_SENTINEL = "\x00{}\x00"


class EncodedText(NamedTuple):
    """A text in NFC and its JSON string form (`encode_basestring(text)`), written by a caller that builds
    both from pieces it shares between records (a bulk row's input: its content's text around its folio),
    so the record's text does not check and escape the whole text again."""

    text: str
    json: str


class RecordTemplate:
    """The canonical text of records that share their other fields, split where the `VARYING_FIELDS` go.

    Built once from canonical_json over the shared fields with a marker in place of each varying one, so the
    shared pieces are canonical_json's own bytes; `text` writes the varying values as canonical_json writes
    them (text in NFC as a JSON string, whole numbers, null) and joins the pieces, several times faster than
    writing the whole record again.
    """

    __slots__ = ("pieces",)

    def __init__(self, shared: Mapping[str, Any]) -> None:
        fields = {name: shared[name] for name in HASHED_FIELDS if name not in VARYING_FIELDS}
        markers = {name: _SENTINEL.format(index) for index, name in enumerate(VARYING_FIELDS)}
        text = canonical_json({**fields, **markers}).decode("utf-8")
        pieces: list[str] = []
        end = 0
        for name in VARYING_FIELDS:  # sorted, as canonical_json writes the keys
            marker = _dumps(markers[name])
            start = text.find(marker, end)
            if start < 0 or text.count(marker) != 1:  # pragma: no cover - markers are control characters
                raise ValueError(f"a shared field holds the marker of {name}")
            pieces.append(text[end:start])
            end = start + len(marker)
        pieces.append(text[end:])
        self.pieces = tuple(pieces)

    def text(self, varying: Sequence[Any], input_json: str | None = None) -> str | None:
        """The record's canonical text from the values of `VARYING_FIELDS` in that order, or None when one
        is not text, a whole number or None (the caller then writes the record whole). `input_json` is the
        input's JSON string form when the caller has it (`EncodedText`): the input is then known NFC."""
        created_at, folio, evaluation_id, input_text, outcome, prev_hash, row_number, seq, verdict_hash = (
            varying
        )
        if (
            type(created_at) is str
            and type(row_number) is int
            and type(seq) is int
            and type(folio) is str
            and type(input_text) is str
            and type(evaluation_id) is str
            and type(outcome) is str
            and type(prev_hash) is str
            and type(verdict_hash) is str
            and (created_at + evaluation_id + outcome + prev_hash + verdict_hash).isascii()
            and (folio.isascii() or unicodedata.is_normalized("NFC", folio))
            and (
                input_json is not None or input_text.isascii() or unicodedata.is_normalized("NFC", input_text)
            )
        ):
            # A bulk row: every text already NFC (ASCII always is), written as canonical_json would.
            p = self.pieces
            return "".join(
                (
                    p[0],
                    encode_basestring(created_at),
                    p[1],
                    encode_basestring(folio),
                    p[2],
                    encode_basestring(evaluation_id),
                    p[3],
                    encode_basestring(input_text) if input_json is None else input_json,
                    p[4],
                    encode_basestring(outcome),
                    p[5],
                    encode_basestring(prev_hash),
                    p[6],
                    int.__repr__(row_number),
                    p[7],
                    int.__repr__(seq),
                    p[8],
                    encode_basestring(verdict_hash),
                    p[9],
                )
            )
        pieces = self.pieces
        out = [pieces[0]]
        for index, value in enumerate(varying, 1):
            kind = type(value)
            if kind is str:
                if not value.isascii() and not unicodedata.is_normalized("NFC", value):
                    value = unicodedata.normalize("NFC", value)
                out.append(encode_basestring(value))
            elif kind is int:
                out.append(int.__repr__(value))
            elif value is None:
                out.append("null")
            else:
                return None
            out.append(pieces[index])
        return "".join(out)


class _SqliteStatements:
    """The chain's statements on SQLite, written for the driver and sent as they are: for one record,
    SQLAlchemy's statement building and parameter processing cost more than SQLite's work. `run` executes one
    statement (a driver cursor's `execute`, or a connection's `exec_driver_sql`, which also takes a list of
    parameter tuples for an executemany); `run_many` executes one statement for many parameter tuples."""

    __slots__ = ("run", "run_many")

    def __init__(self, run: Callable[[str, Any], Any], run_many: Callable[[str, Any], Any]) -> None:
        self.run = run
        self.run_many = run_many

    def head(self) -> tuple[int, str]:
        seq, head_hash = self.run("SELECT seq, hash FROM chain_head WHERE id = 1", ()).fetchone()
        return int(seq), str(head_hash)

    def stored_rows(self, batch_id: str, low: int, high: int) -> Iterable[tuple[int, str]]:
        found = self.run(
            "SELECT row_number, id FROM evaluations WHERE batch_id = ? AND row_number BETWEEN ? AND ?",
            (batch_id, low, high),
        )
        return [(int(number), str(evaluation_id)) for number, evaluation_id in found]

    def present_bodies(self, keys: Sequence[str]) -> set[str]:
        marks = ", ".join("?" for _ in keys)
        found = self.run(f"SELECT hash FROM verdict_bodies WHERE hash IN ({marks})", tuple(keys))
        return {str(key) for (key,) in found}

    def insert_bodies(self, rows: list[tuple[str, str]]) -> None:
        self.run_many(
            "INSERT INTO verdict_bodies (hash, body) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING", rows
        )

    def insert_records(self, rows: list[tuple[Any, ...]]) -> None:
        """The tuples as they are, in table column order, as_of being the ISO text SQLAlchemy's Date stores
        on SQLite."""
        if len(rows) == 1:
            self.run(_SQLITE_INSERT, rows[0])
        else:
            self.run_many(_SQLITE_INSERT, rows)

    def set_head(self, seq: int, head_hash: str) -> None:
        self.run("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", (seq, head_hash))


_HEAD_FOR_UPDATE = select(ChainHead.seq, ChainHead.hash).where(ChainHead.id == 1).with_for_update()
_SET_HEAD = (
    update(ChainHead).where(ChainHead.id == 1).values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
_BODY_KEYS = select(VerdictBody.hash).where(VerdictBody.hash.in_(bindparam("keys", expanding=True)))
_STORED_ROWS = select(Evaluation.row_number, Evaluation.id).where(
    Evaluation.batch_id == bindparam("batch_id"),
    Evaluation.row_number.between(bindparam("low"), bindparam("high")),
)


class _CoreStatements:
    """The same statements through SQLAlchemy Core (PostgreSQL, where the head row is locked FOR UPDATE)."""

    __slots__ = ("connection",)

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def head(self) -> tuple[int, str]:
        seq, head_hash = self.connection.execute(_HEAD_FOR_UPDATE).one()
        return int(seq), str(head_hash)

    def stored_rows(self, batch_id: str, low: int, high: int) -> Iterable[tuple[int, str]]:
        found = self.connection.execute(_STORED_ROWS, {"batch_id": batch_id, "low": low, "high": high})
        return [(int(number), str(evaluation_id)) for number, evaluation_id in found if number is not None]

    def present_bodies(self, keys: Sequence[str]) -> set[str]:
        return set(self.connection.execute(_BODY_KEYS, {"keys": list(keys)}).scalars())

    def insert_bodies(self, rows: list[tuple[str, str]]) -> None:
        insert_for = postgresql_insert if self.connection.dialect.name == "postgresql" else sqlite_insert
        statement = insert_for(_BODIES).on_conflict_do_nothing(index_elements=["hash"])
        self.connection.execute(statement, [{"hash": key, "body": body} for key, body in rows])

    def insert_records(self, rows: list[tuple[Any, ...]]) -> None:
        dates: dict[str, date] = {}
        values = []
        for row in rows:
            fields = dict(zip(_RECORD_COLUMNS, row, strict=True))
            as_of = row[_AS_OF]
            fields["as_of"] = dates.get(as_of) or dates.setdefault(as_of, date.fromisoformat(as_of))
            values.append(fields)
        self.connection.execute(insert(_EVALUATIONS), values)

    def set_head(self, seq: int, head_hash: str) -> None:
        self.connection.execute(_SET_HEAD, {"new_seq": seq, "new_hash": head_hash})


_Statements = _SqliteStatements | _CoreStatements


def _statements(target: Session | Connection | sqlite3.Cursor) -> _Statements:
    """The statements for the caller's write transaction: a cursor from `Database.sqlite_write()`, or a
    session or connection from `Database.write()` / `Database.write_connection()`."""
    if isinstance(target, sqlite3.Cursor):
        return _SqliteStatements(target.execute, target.executemany)
    if isinstance(target, Session):
        target.flush()  # objects the caller added go first, as an ORM statement would have flushed them
        connection = target.connection()
    else:
        connection = target
    if connection.dialect.name != "sqlite":
        return _CoreStatements(connection)
    if not connection.get_execution_options().get(WRITE_OPTION):
        # A deferred transaction would read the head under a shared lock and fail to upgrade it.
        raise ValueError(
            "append_evaluations needs a session from Database.write() or Database.write_connection()"
        )
    # Through exec_driver_sql: a driver error is raised as SQLAlchemy's, as the callers of write() expect.
    return _SqliteStatements(connection.exec_driver_sql, connection.exec_driver_sql)


def _stored_batch_rows(sql: _Statements, rows: Sequence[BatchRecord]) -> dict[tuple[str, int], str]:
    """Ids of the records already stored for the (batch id, row number) pairs of `rows`.

    One range per batch (`batch_id = ? AND row_number BETWEEN ? AND ?`), which the unique (batch_id,
    row_number) index answers on SQLite and PostgreSQL alike; a chunk being written for the first time finds
    nothing at once (a row-value IN made SQLite scan the whole table).
    """
    rows_by_batch: dict[str, set[int]] = {}
    for row in rows:
        batch_id, row_number = row[0].batch_id, row[1]
        if batch_id is not None and row_number is not None:
            rows_by_batch.setdefault(batch_id, set()).add(row_number)
    existing: dict[tuple[str, int], str] = {}
    for batch_id, numbers in rows_by_batch.items():
        for row_number, evaluation_id in sql.stored_rows(batch_id, min(numbers), max(numbers)):
            if row_number in numbers:
                existing[(batch_id, row_number)] = evaluation_id
    return existing


def _insert_bodies(sql: _Statements, bodies: Mapping[str, str], stored: Collection[str] = ()) -> None:
    """Store each verdict body unless one with its hash is already there (its text is then the same: the key
    is its SHA-256), inside the caller's transaction. Beyond a few bodies, those already stored are asked
    for first, so a chunk does not send again the verdicts of the chunks before it; a single record's body
    goes in one statement."""
    keys = [key for key in bodies if key not in stored]
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        present = sql.present_bodies(part) if len(part) > 4 else set()
        missing = [(key, bodies[key]) for key in part if key not in present]
        if missing:
            sql.insert_bodies(missing)


class Shared(NamedTuple):
    """The fields that records of one batch (or one caller) have in common."""

    as_of: date
    lang: str
    position_code: str
    revision: int
    policy_id: str
    fingerprint: str
    engine_version: str
    actor: str
    batch_id: str | None = None


BatchRecord = tuple[Shared, int | None, str | None, str, HashedVerdict, str | EncodedText | None]
"""A record as `append_records` takes it: its shared fields, row number, folio, outcome, verdict (written and
hashed) and input (canonical JSON text, with its JSON string form or not, or None)."""


def append_evaluations(
    session: Session | Connection | sqlite3.Cursor,
    records: Sequence[NewEvaluation],
    *,
    stored_bodies: Collection[str] = (),
) -> list[str]:
    """Append `records` in order inside the caller's write transaction (a session from `Database.write()` or
    a connection from `Database.write_connection()`); return their ids in the same order.

    Each distinct verdict body is stored once (insert if absent) in the same transaction, before the records
    that name it; `stored_bodies` are hashes the caller knows an earlier transaction committed (a batch's
    earlier chunks), not sent again. Bodies are never deleted, and the foreign key from a record to its body
    refuses a record whose body is not there. A record whose (batch_id, row_number) is already stored is not
    written again: its existing id is returned, so re-running a chunk of a batch is idempotent.
    """
    rows = [batch_record(record) for record in records]
    return append_records(session, rows, stored_bodies=stored_bodies)


def batch_record(record: NewEvaluation) -> BatchRecord:
    """`record` in the form `append_records` takes, its input and verdict written as canonical JSON (and the
    verdict hashed): work done before the write lock is taken rather than while holding it."""
    return (
        Shared(
            record.as_of,
            record.lang,
            record.position_code,
            record.revision,
            record.policy_id,
            record.fingerprint,
            record.engine_version,
            record.actor,
            record.batch_id,
        ),
        record.row_number,
        record.folio,
        record.outcome,
        hashed_verdict(record.verdict),
        None if record.input is None else _json_text(record.input),
    )


def append_records(
    session: Session | Connection | sqlite3.Cursor,
    rows: Sequence[BatchRecord],
    *,
    stored_bodies: Collection[str] = (),
) -> list[str]:
    """`append_evaluations` for records already in the light form a batch writes (`BatchRecord`): what the
    rows of one batch share is one `Shared` object, and the record text of each row is written from that
    object's template (`RecordTemplate`). Same transaction rules, idempotency and return value."""
    if not rows:
        return []
    sql = _statements(session)
    seq, prev_hash = sql.head()
    existing = _stored_batch_rows(sql, rows)
    ids: list[str] = []
    new_rows: list[tuple[Any, ...]] = []
    bodies: dict[str, str] = {}
    now = datetime.now(UTC)
    created_at = now.isoformat(timespec="microseconds")
    fresh_ids = iter(new_evaluation_ids(len(rows), id_prefix(now)))
    last: Shared | None = None
    as_of_text, template = "", None
    for shared, row_number, folio, outcome, verdict, given_input in rows:
        input_text, input_json = given_input if type(given_input) is EncodedText else (given_input, None)
        batch_id = shared.batch_id
        key = None if batch_id is None or row_number is None else (batch_id, row_number)
        if key is not None and key in existing:
            ids.append(existing[key])
            continue
        bodies[verdict.hash] = verdict.text
        if shared is not last or template is None:
            (as_of_text, template), last = _template(shared), shared
        seq += 1
        evaluation_id = next(fresh_ids)
        verdict_hash = verdict.hash
        text = template.text(
            (created_at, folio, evaluation_id, input_text, outcome, prev_hash, row_number, seq, verdict_hash),
            input_json,
        )
        if text is None:
            text = record_text(
                {
                    **shared._asdict(),
                    "as_of": as_of_text,
                    "created_at": created_at,
                    "folio": folio,
                    "id": evaluation_id,
                    "input": input_text,
                    "outcome": outcome,
                    "prev_hash": prev_hash,
                    "row_number": row_number,
                    "seq": seq,
                    "verdict_hash": verdict_hash,
                }
            )
        record_hash_hex = sha256(text.encode("utf-8")).hexdigest()
        # The columns in table order: HASHED_FIELDS, then hash.
        new_rows.append(
            (
                evaluation_id,
                seq,
                created_at,
                as_of_text,
                shared.lang,
                shared.position_code,
                shared.revision,
                shared.policy_id,
                shared.fingerprint,
                shared.engine_version,
                input_text,
                verdict_hash,
                outcome,
                shared.actor,
                batch_id,
                row_number,
                folio,
                prev_hash,
                record_hash_hex,
            )
        )
        prev_hash = record_hash_hex
        ids.append(evaluation_id)
        if key is not None:
            existing[key] = evaluation_id
    if new_rows:
        _insert_bodies(sql, bodies, stored_bodies)
        _insert_records(sql, new_rows)
        sql.set_head(seq, prev_hash)
    return ids


_TEMPLATES: dict[tuple[Shared, type], tuple[str, RecordTemplate]] = {}
_TEMPLATE_LIMIT = 1024


def _template(shared: Shared) -> tuple[str, RecordTemplate]:
    """The as_of text and record template of `shared`, built once per process for each distinct value (the
    records of a batch, or the API requests of one recruiter for one position, share one)."""
    # The revision's type is part of the key: True == 1, but canonical JSON writes them apart.
    key = (shared, type(shared.revision))
    found = _TEMPLATES.get(key)
    if found is None:
        as_of_text = shared.as_of.isoformat()
        found = (as_of_text, RecordTemplate({**shared._asdict(), "as_of": as_of_text}))
        if len(_TEMPLATES) >= _TEMPLATE_LIMIT:
            _TEMPLATES.clear()
        _TEMPLATES[key] = found
    return found


_RECORD_COLUMNS = tuple(column.name for column in _EVALUATIONS.columns)
_SQLITE_INSERT = f"INSERT INTO evaluations ({', '.join(_RECORD_COLUMNS)}) VALUES ({', '.join('?' for _ in _RECORD_COLUMNS)})"


assert (*HASHED_FIELDS, "hash") == _RECORD_COLUMNS, "append_evaluations builds rows in this order"
_AS_OF = _RECORD_COLUMNS.index("as_of")


def _insert_records(sql: _Statements, rows: list[tuple[Any, ...]]) -> None:
    """The records (tuples in table column order, as_of as its ISO text) in one statement."""
    sql.insert_records(rows)


def append_evaluation(database: Database, record: NewEvaluation) -> str:
    """One record in its own transaction (one transaction per evaluation, RELIABILITY 2.2)."""
    row = batch_record(record)
    if database.is_sqlite:
        with database.sqlite_write() as cursor:
            return append_records(cursor, [row])[0]
    with database.write_connection() as connection:
        return append_records(connection, [row])[0]


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


def verify_records(
    rows: Iterable[Any], head_seq: int, head_hash: str, bad_bodies: Collection[str] = ()
) -> VerifyReport:
    """Recompute every hash in sequence order; name the first record that does not verify.

    `rows` are records in `seq` order with the hashed fields, `hash` and `body_key` (the key of the verdict
    body found under the record's `verdict_hash`, None when there is none); `bad_bodies` the keys of bodies
    whose text does not hash to their key.
    """
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0

    def bad(row: Any, problem: str) -> VerifyReport:
        return VerifyReport(False, count, head_seq, head_hash, BadRecord(row.seq, row.id, problem))

    for row in rows:
        count += 1
        if row.seq > head_seq:
            return bad(row, f"it lies after the chain head (sequence {head_seq}): inserted")
        if row.hash != record_hash(record_fields(row)):
            return bad(row, "its content does not match its hash: edited or moved")
        if row.body_key is None:
            return bad(row, f"its verdict (body {row.verdict_hash}) is missing: deleted")
        if row.verdict_hash in bad_bodies:
            return bad(row, f"its verdict (body {row.verdict_hash}) does not match its hash: edited")
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
        rows = session.execute(
            select(_EVALUATIONS, VerdictBody.hash.label("body_key"))
            .outerjoin(VerdictBody, VerdictBody.hash == Evaluation.verdict_hash)
            .order_by(Evaluation.seq)
            .execution_options(yield_per=1000)
        )
        return verify_records(rows, head.seq, head.hash, bad_bodies)
