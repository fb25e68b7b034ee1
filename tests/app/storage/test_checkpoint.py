"""A background checkpoint copies the write-ahead log into the database file soon after writes, so commits
seldom pay for it (docs/storage.md)."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from screening.storage import database as database_module
from screening.storage.chain import append_evaluations
from tests.app.storage.test_chain import new_record


def records_in_the_file_alone(db: Any, tmp_path: Path) -> int:
    """Records found in a copy of the database file without its WAL: only what a checkpoint copied there."""
    copy = tmp_path / "copy.db"
    shutil.copyfile(str(db.url.database), copy)
    with sqlite3.connect(copy) as connection:
        return int(connection.execute("SELECT count(*) FROM evaluations").fetchone()[0])


def test_records_reach_the_database_file_without_a_commit_checkpointing(
    db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "CHECKPOINT_SECONDS", 0.05)
    db.dispose()  # a fresh checkpointer, with the short interval
    for number in range(20):
        with db.write() as session:
            append_evaluations(session, [new_record(folio=f"C-{number}")])
    assert any(thread.name == "sqlite-checkpoint" for thread in threading.enumerate())
    deadline = time.monotonic() + 10
    while records_in_the_file_alone(db, tmp_path) < 20:
        assert time.monotonic() < deadline, "the WAL was not checkpointed"
        time.sleep(0.05)


def test_the_checkpointer_stops_with_its_database(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "CHECKPOINT_SECONDS", 0.05)
    with db.write() as session:
        append_evaluations(session, [new_record()])
    stop = db._checkpointer_stop
    db.dispose()
    assert stop.is_set()
