"""Alembic: upgrade head and downgrade base on SQLite and PostgreSQL; the models match the migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from screening.storage.database import Database
from screening.storage.models import Base

TABLES = {
    "catalogs",
    "profile_revisions",
    "users",
    "api_tokens",
    "chain_head",
    "verdict_bodies",
    "evaluations",
    "batches",
    "chain_entries",
}


def tables(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def schema_drift(db: Database) -> list[Any]:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def roundtrip(db: Database) -> None:
    db.migrate()
    assert tables(db) == TABLES
    assert schema_drift(db) == []
    db.downgrade("base")
    assert tables(db) == set()
    db.migrate()
    assert tables(db) == TABLES


def test_upgrade_and_downgrade_on_sqlite(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        roundtrip(db)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_upgrade_and_downgrade_on_postgresql(pg_url: str) -> None:
    db = Database(pg_url)
    try:
        roundtrip(db)
    finally:
        db.dispose()


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        db.migrate()
        db.migrate()
        assert tables(db) == TABLES
    finally:
        db.dispose()


def test_alembic_ini_is_usable_from_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`alembic -c screening/storage/alembic.ini upgrade head` with DATABASE_URL from the environment."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    command.upgrade(Config(str(resources.files("screening.storage").joinpath("alembic.ini"))), "head")
    db = Database(url)
    try:
        assert tables(db) == TABLES
    finally:
        db.dispose()


def test_schema_head_names_alembics_head() -> None:
    """A database at SCHEMA_HEAD skips Alembic at start-up, so the constant must follow every new migration."""
    from alembic.script import ScriptDirectory

    from screening.storage.database import SCHEMA_HEAD, alembic_config

    config = alembic_config(Database("sqlite://"))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_HEAD]


def test_a_database_is_current_only_at_the_head(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'schema.db'}")
    assert not database.is_current()
    database.migrate()
    assert database.is_current()
    database.downgrade()
    assert not database.is_current()
    database.dispose()


def test_users_of_an_earlier_schema_get_a_session_token_each(tmp_path: Path) -> None:
    from sqlalchemy import text

    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        db.migrate("0001")
        with db.engine.begin() as connection:
            for name in ("ana", "luis"):
                connection.execute(
                    text(
                        "INSERT INTO users (username, password_hash, role, created_at, failed_logins, active) "
                        "VALUES (:name, 'x', 'auditor', '2026-01-01 00:00:00', 0, 1)"
                    ),
                    {"name": name},
                )
        db.migrate("0002")
        with db.engine.connect() as connection:
            tokens = connection.execute(text("SELECT session_token FROM users")).scalars().all()
        assert len(set(tokens)) == 2
        assert all(len(token) == 32 for token in tokens)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_migration_outlasts_the_limits_of_a_request(pg_url: str) -> None:
    """A second starter waits for the first one's migration (here: the migration lock held 1 s) although a
    request's statements may last only 0.2 s: a migration has limits of its own (MIGRATION_SECONDS)."""
    import threading

    import psycopg

    from screening.storage.database import _MIGRATION_LOCK

    holder = psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
    release = threading.Timer(
        1.0, lambda: holder.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    )
    release.start()
    db = Database(pg_url, statement_timeout_ms=200, answer_timeout_ms=500)
    try:
        db.migrate()
        assert db.is_current()
        with db.engine.connect() as connection:  # a request's limits again, on the same pool
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "200ms"
    finally:
        release.join()
        holder.close()
        db.dispose()
