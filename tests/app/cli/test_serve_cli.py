"""`screening serve`: migrations applied, bundled catalog loaded, address printed, app handed to the server."""

from __future__ import annotations

from typing import Any

import pytest


def test_serve_prepares_the_database_and_prints_the_address(
    runner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import werkzeug.serving

    served: dict[str, Any] = {}

    def fake_run_simple(host: str, port: int, app: Any, **options: Any) -> None:
        served.update(host=host, port=port, app=app, options=options)

    monkeypatch.setattr(werkzeug.serving, "run_simple", fake_run_simple)
    result = runner.run("serve", "--host", "0.0.0.0", "--port", "8123")
    assert result.exit_code == 0
    assert "Serving on http://0.0.0.0:8123/" in result.stdout
    assert 'gunicorn -w 4 -b 0.0.0.0:8000 "screening:create_app()"' in result.stderr
    assert (served["host"], served["port"]) == ("0.0.0.0", 8123)
    client = served["app"].test_client()
    assert client.get("/api/v1/positions").get_json()["total"] == 1


def test_serve_refuses_a_port_out_of_range(runner: Any) -> None:
    from screening.cli import main

    assert runner.invoke(main, ["serve", "--port", "70000"]).exit_code == 2


def test_request_log_lines_leave_out_the_query_string(caplog: pytest.LogCaptureFixture) -> None:
    """`GET /api/v1/evaluations?folio=A-0042` is logged as its path only: a folio is personal data."""
    import logging

    from screening.cli.serve import RequestLineWithoutQuery

    handler = RequestLineWithoutQuery.__new__(RequestLineWithoutQuery)
    handler.requestline = "GET /api/v1/evaluations?folio=A-0042&page=2 HTTP/1.1"
    handler.path = "/api/v1/evaluations?folio=A-0042&page=2"
    handler.request_version = "HTTP/1.1"
    handler.client_address = ("127.0.0.1", 5000)
    handler.command = "GET"
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        handler.log_request(200, 10)
    assert "GET /api/v1/evaluations HTTP/1.1" in caplog.text
    assert "A-0042" not in caplog.text and "folio" not in caplog.text
    assert handler.path.endswith("?folio=A-0042&page=2")  # the request itself keeps its query
