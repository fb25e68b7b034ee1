"""Smaller edges of the API: the 413 names the limit that applies, dates take ASCII digits only, a long position
code is not echoed whole, and a record answers alike whether it exists or not to those who may not read it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import SEED_CODE

EVALUATE = f"/api/v1/positions/{SEED_CODE}/evaluations"


def test_a_json_body_over_its_limit_names_the_json_limit(app: Any, client: Any) -> None:
    body = b'{"folio": "' + b"x" * (1_500_000) + b'"}'
    response = client.post(EVALUATE + "?lang=en", data=body, content_type="application/json")
    assert response.status_code == 413
    message = response.get_json()["message"]
    assert str(app.config["MAX_JSON_BYTES"]) in message and "JSON" in message
    assert str(app.config["MAX_UPLOAD_BYTES"]) not in message


def test_an_upload_over_its_limit_names_the_upload_limit(app: Any, client: Any, auth: Any) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post(
        f"/api/v1/positions/{SEED_CODE}/batches?lang=en",
        data={"file": (__import__("io").BytesIO(b"x" * 5000), "a.csv")},
        content_type="multipart/form-data",
        headers=auth("recruiter"),
    )
    assert response.status_code == 413
    assert "uploads" in response.get_json()["message"]


@pytest.mark.parametrize("written", ["２０２１-03", "2021-０３", "１５/03/2021", "03/２０２１", "٢٠٢١-03"])
def test_dates_with_digits_other_than_ascii_are_refused_naming_the_forms(
    client: Any, candidate: dict[str, Any], written: str
) -> None:
    candidate["jobs"][0]["start"] = written
    response = client.post(EVALUATE + "?lang=en", json=candidate)
    assert response.status_code == 422
    [problem] = response.get_json()["errors"]
    assert problem["path"] == "jobs[0].start"
    assert problem["found"] == f'"{written}"'
    assert "2021-03-15" in problem["accepted"] and "15/03/2021" in problem["accepted"]


def test_a_rating_with_a_full_width_digit_is_refused(client: Any, candidate: dict[str, Any]) -> None:
    candidate["competencies"] = {"Liderazgo": "４"}
    response = client.post(EVALUATE + "?lang=en", json=candidate)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["path"] == "competencies['Liderazgo']"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_long_position_code_is_not_echoed_whole(
    client: Any, candidate: dict[str, Any], method: str
) -> None:
    code = "X" * 10_000
    url = f"/api/v1/positions/{code}" + ("/evaluations" if method == "POST" else "")
    response = client.open(url, method=method, json=candidate if method == "POST" else None)
    assert response.status_code == 404
    message = response.get_json()["message"]
    assert len(message) < 200 and "XXXX..." in message


# --- records and batches answer alike to those who may not read them -----------------------------------------


@pytest.fixture
def records(client: Any, candidate: dict[str, Any], auth: Any) -> dict[str, str]:
    return {
        "recruiter": client.post(EVALUATE, json=candidate, headers=auth("recruiter")).get_json()[
            "evaluation_id"
        ],
        "receipt": client.post(EVALUATE + "?receipt=true", json=candidate).get_json()["evaluation_id"],
        "unknown": "6b119b90QhpV26Qf2m15nPpFVj6x8h0g",
    }


def _answer(response: Any) -> tuple[int, str, str | None]:
    body = response.get_json()
    return response.status_code, body.get("message", ""), response.headers.get("WWW-Authenticate")


def test_anonymously_an_unknown_id_and_a_recruiters_record_answer_alike(
    client: Any, records: dict[str, str]
) -> None:
    unknown = _answer(client.get(f"/api/v1/evaluations/{records['unknown']}"))
    existing = _answer(client.get(f"/api/v1/evaluations/{records['recruiter']}"))
    assert unknown == existing and unknown[0] == 401
    assert client.get(f"/api/v1/evaluations/{records['receipt']}").status_code == 200


def test_to_another_recruiter_an_unknown_id_and_a_record_answer_alike(
    app: Any, client: Any, records: dict[str, str]
) -> None:
    from screening import services

    with app.app_context():
        other = {"Authorization": "Bearer " + services.create_token("recruiter", "otra")[1]}
    unknown = _answer(client.get(f"/api/v1/evaluations/{records['unknown']}", headers=other))
    existing = _answer(client.get(f"/api/v1/evaluations/{records['recruiter']}", headers=other))
    assert unknown == existing and unknown[0] == 404


def test_an_admin_reads_no_record_not_even_an_anonymous_receipt(
    client: Any, auth: Any, records: dict[str, str]
) -> None:
    answers = {
        name: _answer(client.get(f"/api/v1/evaluations/{evaluation_id}", headers=auth("admin")))
        for name, evaluation_id in records.items()
    }
    assert {answer[0] for answer in answers.values()} == {403}
    assert len(set(answers.values())) == 1


def test_a_record_read_with_lang_en_says_so_in_english(client: Any, records: dict[str, str]) -> None:
    response = client.get(f"/api/v1/evaluations/{records['unknown']}?lang=en")
    assert "bearer token" in response.get_json()["message"]
    json.dumps(response.get_json())
