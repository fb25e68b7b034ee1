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


# --- nesting and lone surrogates: 400/422, never a 500 -------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "body",
    [
        "[" * 1000 + "]" * 1000,
        '{"folio": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"a": ' * 2000 + "1" + "}" * 2000,
    ],
)
def test_deeply_nested_json_is_a_400(client: Any, route: str, body: str) -> None:
    response = client.post(route + "?lang=en", data=body, content_type="application/json")
    answer = _error_shape(response, 400)
    assert answer["code"] == "malformed_json"
    [problem] = answer["errors"]
    assert problem["path"] == "(body)"
    assert "nested" in problem["found"] and "at most" in problem["accepted"]


def _post(client: Any, route: str, body: Any, **kwargs: Any) -> Any:
    # json.dumps writes a lone surrogate as the escape \ud800, which Python's JSON reader takes back as it is.
    return client.post(route, data=json.dumps(body), content_type="application/json", **kwargs)


@pytest.mark.parametrize("query", ["?receipt=true", "", "?lang=en"])
def test_a_lone_surrogate_in_the_folio_is_a_422(client: Any, candidate: dict[str, Any], query: str) -> None:
    candidate["folio"] = "A-\ud800"
    body = _error_shape(_post(client, EVALUATE + query, candidate), 422)
    [problem] = body["errors"]
    assert problem["path"] == "folio"
    assert problem["found"].encode("utf-8")  # shown as the escape, not the character
    assert "\\ud800" in problem["found"]


def test_a_lone_surrogate_in_the_folio_of_a_recruiters_evaluation_is_a_422_and_nothing_is_stored(
    client: Any, candidate: dict[str, Any], auth: Any
) -> None:
    candidate["folio"] = "\udfff"
    _error_shape(_post(client, EVALUATE, candidate, headers=auth("recruiter")), 422)
    verify = client.get("/api/v1/audit/verify", headers=auth("auditor")).get_json()
    assert verify["ok"] and verify["records"] == 0


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "change",
    [
        {"degrees": [{"level": "Lic\ud800", "status": "Titulado", "field": "Derecho"}]},
        {"\ud800": 1},
        {"competencies": {"\ud800": 9}},
        {"competencies": {"Liderazgo\ud83d": 4}},
        {"knowledge": ["\udc80"]},
        {"name": "Ana \ud800"},
    ],
)
def test_a_lone_surrogate_in_a_field_or_a_key_is_a_422_on_every_route(
    client: Any, candidate: dict[str, Any], route: str, change: dict[str, Any]
) -> None:
    candidate.update(change)
    for query in ("", "?lang=en"):
        body = _error_shape(_post(client, route + query, candidate), 422)
        assert body["errors"]
        for problem in body["errors"]:
            for text in problem.values():
                text.encode("utf-8")


# --- the body of POST /matches is JSON, as that of evaluations ------------------------------------------------


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "send",
    [
        {"data": "garbage{", "content_type": "text/plain"},
        {"data": {"folio": "A-1"}},
        {},
    ],
    ids=["text", "form", "nothing"],
)
def test_a_body_that_is_not_json_is_a_415(client: Any, route: str, send: dict[str, Any]) -> None:
    body = _error_shape(client.post(route + "?lang=en", **send), 415)
    assert body["code"] == "unsupported_media_type"
    assert "application/json" in body["message"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("data", ["", "  ", "garbage{", '{"folio": "A-1"'])
def test_an_empty_or_broken_json_body_is_a_400(client: Any, route: str, data: str) -> None:
    body = _error_shape(client.post(route + "?lang=en", data=data, content_type="application/json"), 400)
    assert body["code"] == "malformed_json"
