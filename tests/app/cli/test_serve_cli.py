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
