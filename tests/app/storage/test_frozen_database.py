"""T15, frozen: a PostgreSQL server that stops answering (SIGSTOP on the postmaster and every backend, as a
stalled host or a paused VM does) gives 503 with Retry-After within 5 s on every route, /ready included, and
the service recovers by itself once the server runs again.

A server of its own is started for the test (initdb + pg_ctl on a free port): freezing a shared one would
freeze everyone's tests. The 5 s bound is the contract of the client-side deadlines, not a benchmark.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import _app_config, _OwnServer

EVALUATE = "/api/v1/positions/8-009-004-C215/evaluations"
BOUND_SECONDS = 5.0


def _server_processes(data: Path) -> list[int]:
    """The postmaster (first line of postmaster.pid) and every process it started."""
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                children.append(int(entry.name))
    return [postmaster, *children]


@pytest.fixture
def own_server() -> Iterator[_OwnServer]:
    server = _OwnServer()
    try:
        yield server
    finally:
        server.stop()


def _timed(
    client: Any, method: str, path: str, body: Any, headers: dict[str, str] | None = None
) -> tuple[Any, float]:
    """The response and the seconds it took; a request still hanging after twice the bound is a failure
    (the thread then finishes once the server is thawed)."""
    outcome: dict[str, Any] = {}

    def call() -> None:
        started = time.monotonic()
        outcome["response"] = client.open(path, method=method, json=body, headers=headers)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(2 * BOUND_SECONDS)
    assert not thread.is_alive(), f"{method} {path} still waiting after {2 * BOUND_SECONDS:.0f} s"
    return outcome["response"], outcome["seconds"]


@pytest.mark.postgres
def test_a_frozen_database_is_503_within_five_seconds_then_recovers(
    own_server: _OwnServer, tmp_path: Path, candidate: dict[str, Any]
) -> None:
    from screening import create_app, services

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    app = create_app(_app_config(data_dir, own_server.url))
    try:
        client = app.test_client()
        with app.app_context():
            token = services.create_token("auditor", "frozen database")[1]
        before = client.post(EVALUATE + "?receipt=true", json=candidate)
        assert before.status_code == 201
        record = before.get_json()["evaluation_id"]
        auditor = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/ready").status_code == 200

        frozen = _server_processes(own_server.data)
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        try:
            for method, path, body in (
                ("GET", "/api/v1/ready", None),
                ("GET", "/ready", None),
                ("POST", EVALUATE + "?receipt=true", candidate),
                ("GET", "/api/v1/positions", None),
                ("GET", "/puestos", None),  # a page: the 503 page
                ("GET", "/api/v1/ready", None),
            ):
                response, seconds = _timed(client, method, path, body)
                assert response.status_code == 503, (path, response.get_data(as_text=True))
                assert response.headers["Retry-After"], path
                assert seconds < BOUND_SECONDS, (path, seconds)
            response, seconds = _timed(client, "GET", f"/api/v1/evaluations/{record}", None, auditor)
            assert response.status_code == 503
            assert seconds < BOUND_SECONDS
        finally:
            for pid in frozen:
                os.kill(pid, signal.SIGCONT)

        assert client.get("/api/v1/ready").status_code == 200
        after = client.post(EVALUATE + "?receipt=true", json=candidate)
        assert after.status_code == 201
        with app.app_context():
            report = services.verify()
        assert report.ok
    finally:
        app.extensions["screening"].close()
