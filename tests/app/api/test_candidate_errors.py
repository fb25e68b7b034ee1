"""A candidate body with several problems gets every one, with what each vocabulary accepts (SPEC section 4)."""

from __future__ import annotations

from typing import Any

from tests.conftest import SEED_CODE


def test_vocabulary_and_missing_fields_are_reported_together(client: Any) -> None:
    body = {"degrees": [{"level": "Kinder"}], "jobs": [{"area": "Trabajo de campo", "start": "2024-13-45"}]}
    response = client.post(f"/api/v1/positions/{SEED_CODE}/evaluations?lang=en", json=body)
    assert response.status_code == 422
    problems = {p["path"]: p for p in response.get_json()["errors"]}
    assert problems["degrees[0].level"]["found"] == '"Kinder"'
    assert "Licenciatura" in problems["degrees[0].level"]["accepted"]
    assert problems["degrees[0].status"]["found"] == "nothing"
    assert problems["jobs[0].start"]["found"] == '"2024-13-45"'


def test_matches_reports_the_same_problems(client: Any) -> None:
    response = client.post("/api/v1/matches", json={"degrees": [{"level": "Kinder", "status": "Titulado"}]})
    assert response.status_code == 422
    paths = {p["path"] for p in response.get_json()["errors"]}
    assert {"degrees[0].level", "degrees[0].field"} <= paths
