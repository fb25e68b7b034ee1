"""POST /positions/<code>/evaluations, GET /evaluations/<id>, GET /evaluations?folio=, POST /matches."""

from __future__ import annotations

from typing import Any

import pytest

SEED = "8-009-004-C215"
EVALUATE = f"/api/v1/positions/{SEED}/evaluations"


def test_anonymous_check_is_answered_and_not_stored(client: Any, candidate: dict[str, Any], db: Any) -> None:
    from screening.storage.chain import verify_chain

    response = client.post(EVALUATE + "?as_of=2025-06-30", json=candidate)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["outcome"], body["evaluation_id"], body["as_of"]) == ("eligible", None, "2025-06-30")
    assert verify_chain(db).records == 0


def test_anonymous_check_with_receipt_is_stored_and_readable_by_its_id(
    client: Any, candidate: dict[str, Any]
) -> None:
    response = client.post(EVALUATE + "?receipt=true&as_of=2025-06-30", json=candidate)
    assert response.status_code == 201
    evaluation_id = response.get_json()["evaluation_id"]
    assert response.headers["Location"].endswith(f"/api/v1/evaluations/{evaluation_id}")
    record = client.get(f"/api/v1/evaluations/{evaluation_id}").get_json()
    assert record["input"] == candidate
    assert record["actor"] == "anonymous"
    assert record["position"] == {"code": SEED, "revision": 1}
    assert record["verdict"]["outcome"] == "eligible"


def test_recruiter_evaluations_are_always_stored(client: Any, candidate: dict[str, Any], auth: Any) -> None:
    response = client.post(EVALUATE, json=candidate, headers=auth("recruiter"))
    assert response.status_code == 201
    record = client.get(
        f"/api/v1/evaluations/{response.get_json()['evaluation_id']}", headers=auth("recruiter")
    )
    assert record.status_code == 200
    assert record.get_json()["actor"].startswith("token:tok_")


@pytest.mark.parametrize("role", ["auditor", "admin"])
def test_roles_that_write_nothing_cannot_evaluate(
    client: Any, candidate: dict[str, Any], auth: Any, role: str
) -> None:
    assert client.post(EVALUATE, json=candidate, headers=auth(role)).status_code == 403


def test_a_recruiters_record_is_not_readable_anonymously_nor_by_another_recruiter(
    app: Any, client: Any, candidate: dict[str, Any], auth: Any
) -> None:
    from screening import services

    evaluation_id = client.post(EVALUATE, json=candidate, headers=auth("recruiter")).get_json()[
        "evaluation_id"
    ]
    with app.app_context():
        other = services.create_token("recruiter", "other")[1]
    assert client.get(f"/api/v1/evaluations/{evaluation_id}").status_code == 401
    assert (
        client.get(
            f"/api/v1/evaluations/{evaluation_id}", headers={"Authorization": f"Bearer {other}"}
        ).status_code
        == 404  # as an unknown id: whether the record exists is not told
    )
    assert client.get(f"/api/v1/evaluations/{evaluation_id}", headers=auth("auditor")).status_code == 200


def test_unknown_record_is_404_to_a_token_holder_and_401_anonymously(client: Any, auth: Any) -> None:
    assert client.get("/api/v1/evaluations/not-a-real-id", headers=auth("auditor")).status_code == 404
    assert client.get("/api/v1/evaluations/not-a-real-id", headers=auth("recruiter")).status_code == 404
    assert client.get("/api/v1/evaluations/not-a-real-id").status_code == 401


def test_folio_lookup_for_auditors_and_own_records_for_recruiters(
    app: Any, client: Any, candidate: dict[str, Any], auth: Any
) -> None:
    from screening import services

    client.post(EVALUATE, json=candidate, headers=auth("recruiter"))
    client.post(EVALUATE + "?receipt=true", json=candidate)
    with app.app_context():
        other = services.create_token("recruiter", "other")[1]
    audit = client.get("/api/v1/evaluations?folio=A-0042", headers=auth("auditor")).get_json()
    mine = client.get("/api/v1/evaluations?folio=A-0042", headers=auth("recruiter")).get_json()
    theirs = client.get(
        "/api/v1/evaluations?folio=A-0042", headers={"Authorization": f"Bearer {other}"}
    ).get_json()
    assert (audit["total"], mine["total"], theirs["total"]) == (2, 1, 0)


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("admin", 403)])
def test_folio_lookup_needs_auditor_or_recruiter(
    client: Any, auth: Any, role: str | None, status: int
) -> None:
    headers = auth(role) if role else {}
    assert client.get("/api/v1/evaluations?folio=A-0042", headers=headers).status_code == status


def test_folio_is_required(client: Any, auth: Any) -> None:
    response = client.get("/api/v1/evaluations", headers=auth("auditor"))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["path"] == "folio"


@pytest.mark.parametrize(
    ("header", "query", "lang"),
    [
        ("en-US,en;q=0.9", "", "en"),
        ("es-MX", "", "es"),
        ("en", "&lang=es", "es"),
        ("fr", "", "es"),
        (None, "&lang=en", "en"),
    ],
)
def test_language_from_accept_language_and_lang_wins(
    client: Any, candidate: dict[str, Any], header: str | None, query: str, lang: str
) -> None:
    headers = {"Accept-Language": header} if header else {}
    body = client.post(EVALUATE + "?as_of=2025-06-30" + query, json=candidate, headers=headers).get_json()
    assert body["lang"] == lang


def test_reasons_are_rendered_in_the_language_asked_for(client: Any, candidate: dict[str, Any]) -> None:
    spanish = client.post(EVALUATE + "?lang=es&as_of=2025-06-30", json=candidate).get_json()
    english = client.post(EVALUATE + "?lang=en&as_of=2025-06-30", json=candidate).get_json()
    assert [c["outcome"] for c in spanish["criteria"]] == [c["outcome"] for c in english["criteria"]]
    assert spanish["criteria"][0]["reason"]["message"] != english["criteria"][0]["reason"]["message"]


def test_matches_lists_every_position_eligible_first(client: Any, candidate: dict[str, Any]) -> None:
    body = client.post("/api/v1/matches?as_of=2025-06-30&lang=en", json=candidate).get_json()
    assert body["as_of"] == "2025-06-30"
    assert [(i["code"], i["outcome"]) for i in body["items"]] == [(SEED, "eligible")]


def test_matches_for_an_unqualified_candidate_lists_what_is_unmet(client: Any) -> None:
    person = {"degrees": [{"level": "Bachillerato", "status": "Certificado", "field": "General"}]}
    body = client.post("/api/v1/matches?as_of=2025-06-30", json=person).get_json()
    [item] = body["items"]
    assert item["outcome"] == "ineligible"
    assert "education.level" in item["unmet"]


def test_fractional_hours_are_stored_and_replay_identically(
    app: Any, client: Any, candidate: dict[str, Any], auth: Any
) -> None:
    candidate["jobs"][0]["hours_per_week"] = 37.5
    evaluation_id = client.post(
        EVALUATE + "?as_of=2025-06-30", json=candidate, headers=auth("recruiter")
    ).get_json()["evaluation_id"]
    replay = client.get(f"/api/v1/evaluations/{evaluation_id}/replay", headers=auth("auditor")).get_json()
    assert replay["result"] == "identical"


def test_a_body_without_a_content_length_is_read_too(client: Any, candidate: dict[str, Any]) -> None:
    """A body sent without Content-Length (chunked) is read through the request's stream; one with it is
    read from the WSGI input at once: both give the same answer."""
    import io
    import json

    body = json.dumps(candidate).encode("utf-8")
    chunked = client.post(
        EVALUATE + "?as_of=2025-06-30",
        input_stream=io.BytesIO(body),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},  # as servers that read chunked bodies say
    )
    sized = client.post(EVALUATE + "?as_of=2025-06-30", data=body, content_type="application/json")
    assert chunked.status_code == sized.status_code == 200
    assert chunked.get_json() == sized.get_json()


@pytest.mark.parametrize("where", ["hours", "name"])
def test_nan_or_infinity_in_a_body_is_refused_and_nothing_is_stored(
    client: Any, candidate: dict[str, Any], auth: Any, db: Any, where: str
) -> None:
    import json

    from screening.storage.chain import verify_chain

    if where == "hours":
        candidate["jobs"][0]["hours_per_week"] = "__X__"
    else:
        candidate["name"] = "__X__"
    for constant in ("NaN", "Infinity", "-Infinity"):
        body = json.dumps(candidate).replace('"__X__"', constant)
        response = client.post(
            EVALUATE, data=body, content_type="application/json", headers=auth("recruiter")
        )
        assert response.status_code == 422, body
    assert verify_chain(db).records == 0


def test_a_fraction_in_the_body_is_stored_as_its_decimal_text(
    client: Any, candidate: dict[str, Any], auth: Any, db: Any
) -> None:
    from screening.storage.models import Evaluation

    candidate["jobs"][0]["hours_per_week"] = 37.50
    evaluation_id = client.post(EVALUATE, json=candidate, headers=auth("recruiter")).get_json()[
        "evaluation_id"
    ]
    with db.read() as session:
        stored = session.get(Evaluation, evaluation_id)
        assert stored is not None
        assert '"hours_per_week":"37.5"' in stored.input  # exact decimal text, never a float's repr


def test_a_query_string_read_again_gives_the_same_arguments_and_errors(
    client: Any, candidate: dict[str, Any]
) -> None:
    """Query arguments are remembered per query string: the second answer is the first one, a bad value is
    refused every time with its path, and a repeated parameter is not confused with a single one."""
    first = client.post(EVALUATE + "?as_of=2025-06-30&lang=en", json=candidate).get_json()
    again = client.post(EVALUATE + "?as_of=2025-06-30&lang=en", json=candidate).get_json()
    assert (first["as_of"], first["lang"]) == (again["as_of"], again["lang"]) == ("2025-06-30", "en")
    for _ in range(2):
        refused = client.post(EVALUATE + "?as_of=2025-02-30", json=candidate)
        assert refused.status_code == 422
        assert [p["path"] for p in refused.get_json()["errors"]] == ["as_of"]
    other = client.post(EVALUATE + "?as_of=2024-06-30&lang=en", json=candidate).get_json()
    assert other["as_of"] == "2024-06-30"


def test_query_arguments_read_once_are_not_shared_between_answers() -> None:
    from webargs.multidictproxy import MultiDictProxy
    from werkzeug.datastructures import ImmutableMultiDict

    from screening.api.schemas import EvaluateQuery

    schema = EvaluateQuery()
    data = MultiDictProxy(ImmutableMultiDict([("receipt", "true")]), schema)
    first = schema.load(data, unknown="exclude")
    first["receipt"] = False  # a caller changing its copy
    assert schema.load(data, unknown="exclude") == {"receipt": True}
