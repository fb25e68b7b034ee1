"""Hostile bodies get the error shape with a 4xx, never a 500 nor minutes of a worker (RELIABILITY 2.1)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rules.candidate import MAX_COMPETENCIES, MAX_READ_TEXT
from tests.conftest import SEED_CODE

EVALUATE = f"/api/v1/positions/{SEED_CODE}/evaluations"
ROUTES = [EVALUATE, "/api/v1/matches"]


def _error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors", "request_id"}
    assert body["status"] == status
    return body


@pytest.mark.parametrize("route", ROUTES)
def test_fifty_thousand_competencies_are_one_problem(
    client: Any, candidate: dict[str, Any], route: str
) -> None:
    candidate["competencies"] = {f"C{index}": 3 for index in range(50_000)}
    response = client.post(route + "?lang=en", data=json.dumps(candidate), content_type="application/json")
    body = _error_shape(response, 422)
    assert body["errors"] == [
        {
            "path": "competencies",
            "found": "50000 competencies",
            "accepted": f"at most {MAX_COMPETENCIES}",
        }
    ]


def test_texts_over_the_limit_in_all_are_named_in_spanish(client: Any, candidate: dict[str, Any]) -> None:
    candidate["knowledge"] = [
        f"Normativa electoral {index} " + "y " * 900 for index in range(MAX_READ_TEXT // 1800 + 1)
    ]
    body = _error_shape(client.post(EVALUATE, json=candidate), 422)
    [problem] = body["errors"]
    assert problem["path"] == "(candidate)"
    assert problem["found"].startswith("textos de ")
    assert problem["accepted"] == f"como máximo {MAX_READ_TEXT} caracteres en total"
