"""Several workers starting at once on an empty database load the bundled catalog exactly once."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from screening import services
from screening.storage.database import Database


def start_together(db: Database, workers: int = 4) -> list[BaseException]:
    db.migrate()
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def worker() -> None:
        barrier.wait()
        try:
            services.ensure_bundled_catalog(db=db)
        except BaseException as exc:  # each failure is a finding
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def revisions(db: Database) -> list[tuple[str, int]]:
    with db.engine.connect() as connection:
        return [
            tuple(row) for row in connection.execute(text("SELECT code, revision FROM profile_revisions"))
        ]  # type: ignore[misc]


def test_concurrent_first_start_on_sqlite(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'first.db'}")
    try:
        assert start_together(db) == []
        assert revisions(db) == [("8-009-004-C215", 1)]
    finally:
        db.dispose()


@pytest.mark.postgres
def test_concurrent_first_start_on_postgresql(pg_url: str) -> None:
    db = Database(pg_url)
    try:
        assert start_together(db) == []
        assert revisions(db) == [("8-009-004-C215", 1)]
    finally:
        db.dispose()


def test_a_second_start_imports_nothing(db: Any) -> None:
    assert services.ensure_bundled_catalog(db=db) is None
