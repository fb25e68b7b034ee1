"""T11: 8 concurrent writers on SQLite and PostgreSQL: no fork, no lost record, no "database is locked"."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from screening import services
from screening.storage.chain import verify_chain

WRITERS = 8
PER_WRITER = 25


def hammer(db: Any, candidate: dict[str, Any]) -> tuple[list[str], list[BaseException]]:
    """Every writer stores PER_WRITER evaluations at once through the services layer."""
    ids: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        start.wait()
        for row in range(PER_WRITER):
            try:
                person = dict(candidate, folio=f"W{number}-{row}")
                evaluation_id = services.run_evaluation(
                    "8-009-004-C215",
                    person,
                    as_of=date(2025, 1, 15),
                    store=True,
                    actor=f"token:w{number}",
                    db=db,
                ).evaluation_id
            except BaseException as exc:  # every failure is a finding of this test
                with lock:
                    errors.append(exc)
                continue
            with lock:
                ids.append(str(evaluation_id))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return ids, errors


def assert_one_unbroken_chain(db: Any, ids: list[str], errors: list[BaseException]) -> None:
    assert errors == []
    assert len(set(ids)) == WRITERS * PER_WRITER
    with db.engine.connect() as connection:
        seqs = [row[0] for row in connection.execute(text("SELECT seq FROM evaluations ORDER BY seq"))]
        distinct_prev = connection.execute(text("SELECT COUNT(DISTINCT prev_hash) FROM evaluations")).scalar()
    assert seqs == list(range(1, WRITERS * PER_WRITER + 1))
    assert distinct_prev == WRITERS * PER_WRITER  # no two records share a predecessor: no fork
    report = verify_chain(db)
    assert (report.ok, report.records) == (True, WRITERS * PER_WRITER)


def test_concurrent_writers_on_sqlite_keep_one_chain(db: Any, candidate: dict[str, Any]) -> None:
    ids, errors = hammer(db, candidate)
    assert_one_unbroken_chain(db, ids, errors)


@pytest.mark.postgres
def test_concurrent_writers_on_postgresql_keep_one_chain(pg_app: Any, candidate: dict[str, Any]) -> None:
    db = pg_app.extensions["screening"].database
    ids, errors = hammer(db, candidate)
    assert_one_unbroken_chain(db, ids, errors)
