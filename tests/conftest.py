"""Shared fixtures: a fresh app per test with its own data directory, the CLI runner, API tokens of each
role, and PostgreSQL databases (TEST_DATABASE_URL, else 127.0.0.1:5432 user postgres db test, else a server
started here with initdb + pg_ctl and stopped at the end), one fresh database per test."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SEED_CANDIDATE: dict[str, Any] = {
    "folio": "A-0042",
    "degrees": [
        {"level": "Licenciatura", "status": "Titulado", "field": "Ciencia Política", "institution": "UNAM"}
    ],
    "jobs": [
        {
            "title": "Analista",
            "area": "Evaluación de proyectos y atención ciudadana",
            "start": "2021-03",
            "end": None,
            "hours_per_week": 40,
        }
    ],
    "knowledge": ["Normativa electoral"],
    "skills": ["Toma de decisiones"],
    "competencies": {"Planeación y estrategia": 4},
}
SEED_CODE = "8-009-004-C215"


@pytest.fixture
def candidate() -> dict[str, Any]:
    """A candidate for the seed position (SPEC section 4's example), fresh for each test."""
    import copy

    return copy.deepcopy(SEED_CANDIDATE)


def _app_config(data_dir: Path, database_url: str | None = None) -> dict[str, Any]:
    config: dict[str, Any] = {"SCREENING_DATA_DIR": str(data_dir), "TESTING": True, "SECRET_KEY": "test"}
    if database_url:
        config["DATABASE_URL"] = database_url
    return config


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def app(data_dir: Path) -> Iterator[Any]:
    from screening import create_app

    application = create_app(_app_config(data_dir))
    yield application
    application.extensions["screening"].close()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


@pytest.fixture
def db(app: Any) -> Any:
    return app.extensions["screening"].database


@pytest.fixture
def tokens(app: Any) -> dict[str, str]:
    """Role -> bearer token secret."""
    from screening import services

    with app.app_context():
        return {role: services.create_token(role, f"test {role}")[1] for role in services.ROLES}


@pytest.fixture
def auth(tokens: dict[str, str]) -> Any:
    def headers(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}"}

    return headers


@pytest.fixture
def cli_env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The environment a `screening` command runs in: this test's data directory, default SQLite."""
    monkeypatch.setenv("SCREENING_DATA_DIR", str(data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    yield {"SCREENING_DATA_DIR": str(data_dir)}


@pytest.fixture
def runner(cli_env: dict[str, str]) -> Any:
    from click.testing import CliRunner

    from screening.cli import main

    class Runner(CliRunner):
        def run(self, *args: str, input: str | None = None) -> Any:
            return self.invoke(main, list(args), input=input, catch_exceptions=False)

    return Runner()


# --- PostgreSQL ---------------------------------------------------------------------------------------------


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _answers(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(_libpq(url), connect_timeout=2) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _pg_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / name).exists():
            return str(base / name)
    return None


class _OwnServer:
    """A throw-away PostgreSQL cluster in a temporary directory, run as the postgres user when root."""

    def __init__(self) -> None:
        initdb, pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
        if not initdb or not pg_ctl:
            pytest.skip("PostgreSQL is not installed (initdb, pg_ctl) and none answers")
        self.pg_ctl = pg_ctl
        self.root = Path(tempfile.mkdtemp(prefix="screening-pg-"))
        self.port = _free_port()
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "postgres"
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.data = self.root / "data"
        self._run([initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"])
        self._run(
            [
                pg_ctl,
                "-D",
                str(self.data),
                "-w",
                "-l",
                str(self.root / "log"),
                "-o",
                f"-p {self.port} -h 127.0.0.1 -k {self.root} -c fsync=off -c max_connections=200",
                "start",
            ]
        )
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, command: list[str]) -> None:
        if self.user:
            command = ["su", self.user, "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in command)]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self._run([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL server where databases may be created."""
    candidates = [os.environ.get("TEST_DATABASE_URL"), "postgresql://postgres@127.0.0.1:5432/test"]
    for url in candidates:
        if url and _answers(url):
            yield url
            return
    server = _OwnServer()  # pg_ctl -w returns once the server accepts connections
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped after the test."""
    import psycopg
    from sqlalchemy import make_url

    name = "screening_test_" + secrets.token_hex(6)
    with psycopg.connect(_libpq(postgres_server), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = make_url(postgres_server).set(drivername="postgresql+psycopg", database=name)
    yield url.render_as_string(hide_password=False)
    with psycopg.connect(_libpq(postgres_server), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_app(pg_url: str, data_dir: Path) -> Iterator[Any]:
    from screening import create_app

    application = create_app(_app_config(data_dir, pg_url))
    yield application
    application.extensions["screening"].close()
