"""T15: the database goes away and comes back: 503 with Retry-After meanwhile, recovery without a restart,
nothing acknowledged is lost."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import make_url

EVALUATE = "/api/v1/positions/8-009-004-C215/evaluations"


def set_connections(pg_url: str, postgres_server: str, allowed: bool) -> None:
    name = make_url(pg_url).database
    admin = postgres_server.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')
        if not allowed:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )


@pytest.mark.postgres
def test_database_outage_is_503_then_recovers_with_nothing_lost(
    pg_app: Any, pg_url: str, postgres_server: str, candidate: dict[str, Any]
) -> None:
    from screening import services

    client = pg_app.test_client()
    before = client.post(EVALUATE + "?receipt=true", json=candidate)
    assert before.status_code == 201

    set_connections(pg_url, postgres_server, allowed=False)
    try:
        for method, path in (
            ("POST", EVALUATE + "?receipt=true"),
            ("GET", "/api/v1/ready"),
            ("GET", "/api/v1/positions"),
        ):
            response = client.open(path, method=method, json=candidate if method == "POST" else None)
            assert response.status_code == 503, path
            assert response.headers["Retry-After"]
            assert response.get_json()["code"] == "unavailable"
        assert client.get("/api/v1/health").status_code == 200
    finally:
        set_connections(pg_url, postgres_server, allowed=True)

    assert client.get("/api/v1/ready").status_code == 200
    after = client.post(EVALUATE + "?receipt=true", json=candidate)
    assert after.status_code == 201
    assert client.get(f"/api/v1/evaluations/{before.get_json()['evaluation_id']}").status_code == 200
    with pg_app.app_context():
        report = services.verify()
    assert (report.ok, report.records) == (True, 2)
