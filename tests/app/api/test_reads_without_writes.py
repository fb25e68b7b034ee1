"""Reads need no write (T16): on a full disk or read-only storage an auditor's GET still answers, and /ready
says that writes cannot succeed (503 storage_full) until they can again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tests.app.disks import fill, read_only_view, small_disk

EVALUATE = "/api/v1/positions/8-009-004-C215/evaluations"


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", size_mb=16) as path:
        yield path


@pytest.fixture
def disk_app(disk: Path) -> Iterator[Any]:
    from screening import create_app

    data_dir = disk / "data"
    app = create_app(
        {"SCREENING_DATA_DIR": str(data_dir), "TESTING": True, "SECRET_KEY": "test", "READY_MIN_FREE_MB": 1}
    )
    yield app
    app.extensions["screening"].close()


def _stored_and_token(app: Any, candidate: dict[str, Any]) -> tuple[str, dict[str, str]]:
    from screening import services

    client = app.test_client()
    answer = client.post(EVALUATE + "?receipt=true", json=candidate)
    assert answer.status_code == 201
    with app.app_context():
        secret = services.create_token("auditor", "archive reader")[1]  # never used: its first use writes
    return answer.get_json()["evaluation_id"], {"Authorization": f"Bearer {secret}"}


def _fill_after_checkpoint(app: Any, disk: Path) -> Path:
    """Fill the disk once the WAL is copied back and truncated, so the next write needs room it cannot get
    (a WAL with free frames would take a few small writes even on a full disk)."""
    with app.extensions["screening"].database.engine.connect() as connection:
        busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    assert busy == 0
    return fill(disk)


def test_an_auditors_first_read_on_a_full_disk_answers(
    disk_app: Any, disk: Path, candidate: dict[str, Any]
) -> None:
    record, auditor = _stored_and_token(disk_app, candidate)
    client = disk_app.test_client()
    filler = _fill_after_checkpoint(disk_app, disk)
    try:
        read = client.get(f"/api/v1/evaluations/{record}", headers=auditor)
        assert read.status_code == 200, read.get_data(as_text=True)
        assert read.get_json()["id"] == record
        stored = client.post(EVALUATE + "?receipt=true", json=candidate)
        assert (stored.status_code, stored.get_json()["code"]) == (503, "storage_full")
    finally:
        filler.unlink()


def test_an_auditors_first_read_on_read_only_storage_answers(
    app: Any, db: Any, candidate: dict[str, Any]
) -> None:
    record, auditor = _stored_and_token(app, candidate)

    @event.listens_for(db.engine, "connect")
    def _read_only(dbapi_connection: Any, _record: Any) -> None:
        # SQLite's own read-only state: every write fails with "attempt to write a readonly database".
        dbapi_connection.execute("PRAGMA query_only = ON")

    db.dispose()  # every connection, the kept writer's too, is made again with the pragma
    client = app.test_client()
    read = client.get(f"/api/v1/evaluations/{record}", headers=auditor)
    assert read.status_code == 200, read.get_data(as_text=True)
    stored = client.post(EVALUATE + "?receipt=true", json=candidate)
    assert (stored.status_code, stored.get_json()["code"]) == (503, "storage_full")


def test_ready_says_a_full_disk_cannot_take_writes(disk_app: Any, disk: Path) -> None:
    client = disk_app.test_client()
    assert client.get("/ready").status_code == 200
    filler = _fill_after_checkpoint(disk_app, disk)
    try:
        for path in ("/ready", "/api/v1/ready"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.get_json()["code"] == "storage_full"
            assert response.headers["Retry-After"]
        assert client.get("/health").status_code == 200
    finally:
        filler.unlink()
    assert client.get("/ready").status_code == 200


def test_ready_says_a_read_only_data_directory_cannot_take_writes(disk_app: Any, disk: Path) -> None:
    client = disk_app.test_client()
    assert client.get("/ready").status_code == 200
    data_dir = disk / "data"
    with read_only_view(data_dir, data_dir):  # the same path, now read-only for whatever opens it
        response = client.get("/ready")
        assert (response.status_code, response.get_json()["code"]) == (503, "storage_full")
    assert client.get("/ready").status_code == 200


@pytest.mark.postgres
def test_ready_says_a_postgresql_that_takes_no_writes_cannot(pg_app: Any, pg_url: str) -> None:
    import psycopg
    from sqlalchemy import make_url

    client = pg_app.test_client()
    assert client.get("/ready").status_code == 200
    admin = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    name = make_url(pg_url).database
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    pg_app.extensions["screening"].database.dispose()  # new sessions read the setting
    response = client.get("/ready")
    assert (response.status_code, response.get_json()["code"]) == (503, "storage_full")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("SET default_transaction_read_only = off")
        connection.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
    pg_app.extensions["screening"].database.dispose()
    assert client.get("/ready").status_code == 200
