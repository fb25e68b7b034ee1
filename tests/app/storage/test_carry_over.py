"""Migration 0003 carries records of the earlier format over: they verify as before, new records (format 2)
and chain entries continue the same chain, and retention can purge an old record's input (sealing what is
left of it into the chain) so verify still verifies and still catches an edit of the purged record. On SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from rules.canonical import canonical_json, sha256_hex
from screening.services.retention import apply_retention
from screening.storage.chain import (
    HASHED_FIELDS_V1,
    NewEvaluation,
    append_entry,
    append_evaluations,
    record_hash,
    verify_chain,
)
from screening.storage.database import Database
from screening.storage.models import GENESIS_HASH

VERDICT = {"outcome": "eligible", "criteria": []}


def write_format_1_records(db: Database, count: int) -> list[str]:
    """Records as the schema before 0003 wrote them: the hash over the input text, no format column."""
    verdict_text = canonical_json(VERDICT).decode("utf-8")
    verdict_hash = sha256_hex(canonical_json(VERDICT))
    prev, ids = GENESIS_HASH, []
    with db.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO verdict_bodies (hash, body) VALUES (:h, :b)"),
            {"h": verdict_hash, "b": verdict_text},
        )
        for seq in range(1, count + 1):
            fields: dict[str, Any] = {
                "id": f"old{seq:04d}",
                "seq": seq,
                "created_at": f"2019-0{seq}-01T10:00:00.000000+00:00",
                "as_of": "2019-01-01",
                "lang": "es",
                "position_code": "8-009-004-C215",
                "revision": 1,
                "policy_id": "default",
                "fingerprint": "f" * 16,
                "engine_version": "0.9",
                "input": canonical_json({"folio": f"V-{seq}", "nombre": "Ana Gómez"}).decode("utf-8"),
                "verdict_hash": verdict_hash,
                "outcome": "eligible",
                "actor": "cli",
                "batch_id": None,
                "row_number": None,
                "folio": f"V-{seq}",
                "prev_hash": prev,
            }
            assert set(fields) == set(HASHED_FIELDS_V1)
            prev = record_hash(fields)
            connection.execute(
                text(
                    f"INSERT INTO evaluations ({', '.join(fields)}, hash) "  # test's own columns
                    f"VALUES ({', '.join(':' + k for k in fields)}, :hash)"
                ),
                {**fields, "as_of": date(2019, 1, 1), "hash": prev},
            )
            ids.append(fields["id"])
        connection.execute(
            text("UPDATE chain_head SET seq = :s, hash = :h WHERE id = 1"), {"s": count, "h": prev}
        )
    return ids


def new_record(folio: str) -> NewEvaluation:
    return NewEvaluation(
        as_of=date(2025, 6, 30),
        lang="es",
        position_code="8-009-004-C215",
        revision=1,
        policy_id="default",
        fingerprint="f" * 16,
        engine_version="1.0",
        verdict=VERDICT,
        outcome="eligible",
        actor="cli",
        input={"folio": folio, "nombre": "Luis Pérez"},
        folio=folio,
    )


def carry_over(db: Database) -> None:
    db.migrate("0002")
    old = write_format_1_records(db, 3)
    db.migrate()
    with db.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT format, input, input_hash FROM evaluations ORDER BY seq")
        ).all()
    assert [r[0] for r in rows] == [1, 1, 1]
    assert all(r[2] == sha256_hex(r[1].encode("utf-8")) for r in rows)
    report = verify_chain(db)
    assert report.ok and report.records == 3
    with db.write() as session:
        append_evaluations(session, [new_record("N-1")])
        append_entry(session, "decision", "user:1", {"evaluation": old[0], "criteria": []}, subject=old[0])
    report = verify_chain(db)
    assert report.ok and report.records == 5 and report.kinds == {"evaluation": 4, "decision": 1}

    # Every record is past a one-day period: inputs of both formats go, the chain still verifies.
    purged = apply_retention(days=1, now=datetime.now(UTC) + timedelta(days=2), db=db)
    assert (purged.inputs, purged.sealed) == (4, 3)
    report = verify_chain(db)
    assert report.ok, report.first_bad
    assert report.purged == 4 and report.kinds["retention"] == 1

    # An edit of a purged format 1 record is still caught: it no longer matches its seal.
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE evaluations SET outcome = 'ineligible' WHERE id = :id"), {"id": old[1]}
        )
    report = verify_chain(db)
    assert not report.ok and report.first_bad is not None
    assert (report.first_bad.id, report.first_bad.problem) == (
        old[1],
        "it does not match the seal its retention run recorded: edited",
    )


def test_records_of_the_earlier_format_carry_over_on_sqlite(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        carry_over(db)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_records_of_the_earlier_format_carry_over_on_postgresql(pg_url: str) -> None:
    db = Database(pg_url)
    try:
        carry_over(db)
    finally:
        db.dispose()


@pytest.fixture
def old_db(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    db.migrate("0002")
    write_format_1_records(db, 2)
    db.migrate()
    yield db
    db.dispose()


def test_an_old_input_removed_without_a_retention_run_is_named(old_db: Database) -> None:
    with old_db.engine.begin() as connection:
        connection.execute(text("UPDATE evaluations SET input = NULL WHERE seq = 2"))
    report = verify_chain(old_db)
    assert not report.ok and report.first_bad is not None
    assert report.first_bad.problem == "its input is gone but no retention run sealed it: deleted"


def test_downgrade_below_the_new_format_is_refused_once_it_is_used(old_db: Database) -> None:
    with old_db.write() as session:
        append_evaluations(session, [new_record("N-1")])
    with pytest.raises(RuntimeError, match="found 1 record"):
        old_db.downgrade("0002")
