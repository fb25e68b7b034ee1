"""The API's errors in the request's language: Spanish by default, English by `lang` or Accept-Language."""

from __future__ import annotations

from typing import Any

from tests.conftest import SEED_CODE

EVALUATE = f"/api/v1/positions/{SEED_CODE}/evaluations"


def test_candidate_problems_are_in_spanish_by_default(client: Any) -> None:
    body = {"degrees": [{"level": "Kinder"}], "jobs": [{"area": "Archivo", "start": "2024-02-30"}]}
    answer = client.post(EVALUATE, json=body).get_json()
    assert answer["message"] == "No se pueden leer los datos enviados."
    problems = {p["path"]: p for p in answer["errors"]}
    assert problems["degrees[0].status"] == {
        "path": "degrees[0].status",
        "found": "nada",
        "accepted": "un texto no vacío",
    }
    assert (
        problems["jobs[0].start"]["accepted"]
        == "un día que exista en ese mes, en una fecha como 2021-03-15 o 15/03/2021"
    )
    assert "(y abreviaturas como Lic., Ing., Mtría., Dr.)" in problems["degrees[0].level"]["accepted"]


def test_accept_language_gives_english(client: Any) -> None:
    answer = client.post(EVALUATE, json={"curp_extra": "X"}, headers={"Accept-Language": "en-US"}).get_json()
    assert answer["message"] == "The input cannot be read."
    assert answer["errors"][0]["found"] == "unknown key 'curp_extra'"


def test_an_unknown_position_is_named_in_spanish(client: Any) -> None:
    answer = client.get("/api/v1/positions/NOPE").get_json()
    assert answer["message"] == "No existe el puesto NOPE."
    assert client.get("/api/v1/positions/NOPE?lang=en").get_json()["message"] == "There is no position NOPE."


def test_unknown_addresses_and_methods_answer_in_the_request_language(client: Any) -> None:
    assert client.get("/api/v1/nada").get_json()["message"] == "No hay nada en esta dirección."
    answer = client.delete("/api/v1/positions?lang=en").get_json()
    assert answer["message"] == "This address does not accept the method DELETE."


def test_a_missing_token_is_explained_in_spanish(client: Any) -> None:
    answer = client.get("/api/v1/audit/verify").get_json()
    assert (
        answer["status"] == 401 and answer["message"] == "Esta ruta requiere un token de portador (Bearer)."
    )


def test_query_problems_say_what_is_accepted_in_the_request_language(client: Any) -> None:
    def accepted(url: str, **headers: str) -> list[str]:
        return [p["accepted"] for p in client.get(url, headers=headers).get_json()["errors"]]

    assert accepted("/api/v1/positions?page=abc&per_page=0") == ["un número entero", "un número de 1 a 500"]
    assert accepted("/api/v1/positions?page=abc&per_page=0", **{"Accept-Language": "en"}) == [
        "a whole number",
        "a number from 1 to 500",
    ]
    evaluate = client.post(f"{EVALUATE}?as_of=2024-13-01&lang=xx", json={}).get_json()
    assert {p["path"]: p["accepted"] for p in evaluate["errors"]} == {
        "as_of": "una fecha como 2025-06-30 (AAAA-MM-DD)",
        "lang": "uno de: es, en",
    }
