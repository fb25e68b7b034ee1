"""One error shape for every failure: 400, 401, 403, 404, 405, 413, 415/422, 500 and 503 (SPEC 4, RELIABILITY 2.1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

EVALUATE = "/api/v1/positions/8-009-004-C215/evaluations"
SHAPE = {"code", "status", "message", "errors", "request_id"}


def test_candidate_problems_are_422_with_field_paths_found_and_accepted(client: Any) -> None:
    person = {
        "degrees": [{"level": "Licenciaturas", "status": "Titulado", "field": "Derecho"}],
        "jobs": [{"area": "Jurídica", "start": "2021-13"}],
    }
    body = client.post(EVALUATE, json=person).get_json()
    assert set(body) == SHAPE
    problems = {p["path"]: p for p in body["errors"]}
    assert set(problems) == {"degrees[0].level", "jobs[0].start"}
    assert problems["degrees[0].level"]["found"] == '"Licenciaturas"'
    assert "Licenciatura" in problems["degrees[0].level"]["accepted"]


@pytest.mark.parametrize(
    ("person", "path"),
    [
        ({"nombre": "Ana"}, "nombre"),
        ({"degrees": [{"level": 5, "status": "Título", "field": "Derecho"}]}, "degrees[0].level"),
        ({"degrees": "Licenciatura"}, "degrees"),
        ({"competencies": {"Liderazgo": "mucho"}}, "competencies['Liderazgo']"),
        ({"jobs": [{"area": "Jurídica", "start": "2020-01", "salario": 1}]}, "jobs[0].salario"),
    ],
)
def test_shape_problems_name_the_field(client: Any, person: dict[str, Any], path: str) -> None:
    response = client.post(EVALUATE, json=person)
    assert response.status_code == 422
    assert path in [p["path"] for p in response.get_json()["errors"]]


def test_unknown_keys_say_what_was_found(client: Any) -> None:
    [problem] = client.post(EVALUATE + "?lang=en", json={"curp_extra": "X"}).get_json()["errors"]
    assert problem["found"] == "unknown key 'curp_extra'"


@pytest.mark.parametrize("body", ['{"degrees": [', "not json", '{"a":1}}', b'{"folio": "\xff"}'])
def test_malformed_json_is_400(client: Any, body: str | bytes) -> None:
    response = client.post(EVALUATE, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["code"] == "malformed_json"


def test_bad_query_values_are_422(client: Any, candidate: dict[str, Any]) -> None:
    response = client.post(EVALUATE + "?as_of=2025-02-30&lang=fr", json=candidate)
    assert response.status_code == 422
    assert {p["path"] for p in response.get_json()["errors"]} == {"as_of", "lang"}


def test_json_bodies_over_the_json_limit_are_413(data_dir: Path) -> None:
    from screening import create_app

    app = create_app({"SCREENING_DATA_DIR": str(data_dir), "MAX_JSON_BYTES": 2048})
    response = app.test_client().post(
        EVALUATE, data='{"knowledge": ["' + "x" * 5000 + '"]}', content_type="application/json"
    )
    assert response.status_code == 413
    assert set(response.get_json()) == SHAPE


@pytest.mark.parametrize(
    ("header", "status"), [("Bearer nope", 401), ("Basic dXNlcjpwYXNz", 401), ("Bearer ", 401)]
)
def test_bad_credentials_are_401_with_a_challenge(client: Any, header: str, status: int) -> None:
    response = client.get("/api/v1/positions", headers={"Authorization": header})
    assert response.status_code == status
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_401(app: Any, client: Any) -> None:
    from screening import services

    with app.app_context():
        info, secret = services.create_token("auditor", "leaving")
        services.revoke_token(info["id"])
    assert client.get("/api/v1/positions", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_unknown_route_and_wrong_method_use_the_same_shape(client: Any) -> None:
    missing = client.get("/api/v1/nothing-here")
    wrong = client.delete("/api/v1/positions")
    assert (missing.status_code, wrong.status_code) == (404, 405)
    assert set(missing.get_json()) == SHAPE == set(wrong.get_json())
    assert "GET" in wrong.headers["Allow"]


def test_an_unexpected_error_is_500_with_a_request_id_only(
    client: Any, candidate: dict[str, Any], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from screening import services

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail of Ana Pérez")

    monkeypatch.setattr(services, "run_evaluation", broken)
    response = client.post(EVALUATE, json=candidate)
    body = response.get_json()
    assert response.status_code == 500
    assert body["request_id"] in body["message"]
    assert "Ana" not in response.get_data(as_text=True)
    assert body["request_id"] in caplog.text
    assert "Ana Pérez" not in "".join(r.getMessage() for r in caplog.records)


def test_a_given_request_id_is_echoed(client: Any) -> None:
    response = client.get("/api/v1/health", headers={"X-Request-ID": "abc12345-trace"})
    assert response.headers["X-Request-ID"] == "abc12345-trace"


def test_database_away_is_503_with_retry_after(data_dir: Path) -> None:
    from screening import create_app

    app = create_app(
        {
            "SCREENING_DATA_DIR": str(data_dir),
            "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
            "DB_CONNECT_TIMEOUT": 1,
        }
    )
    client = app.test_client()
    assert client.get("/api/v1/health").status_code == 200
    for path in ("/api/v1/ready", "/ready", "/api/v1/positions"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "5"
        assert response.get_json()["code"] == "unavailable"


def test_a_full_disk_is_a_clear_503_and_nothing_is_stored(
    client: Any, candidate: dict[str, Any], db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from screening.storage import chain

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError(
            "INSERT INTO evaluations", {}, sqlite3.OperationalError("database or disk is full")
        )

    monkeypatch.setattr(chain._Statements, "insert_records", lambda *args: full_disk())
    response = client.post(EVALUATE + "?receipt=true&lang=en", json=candidate)
    assert response.status_code == 503
    assert response.get_json()["code"] == "storage_full"
    assert "nothing was stored" in response.get_json()["message"]
    monkeypatch.undo()
    report = chain.verify_chain(db)
    assert (report.ok, report.records, report.head_seq) == (True, 0, 0)
