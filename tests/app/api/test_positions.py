"""GET /positions and /positions/<code>: the bundled catalog is served with no import step."""

from __future__ import annotations

from typing import Any

import pytest

SEED = "8-009-004-C215"


def test_the_bundled_catalog_is_listed_without_an_import(client: Any) -> None:
    body = client.get("/api/v1/positions").get_json()
    assert body["total"] == 1
    assert body["items"][0] == {
        "code": SEED,
        "title": "Directora o Director de Organizaciones de Participación Ciudadana",
        "unit": "Dirección Ejecutiva de Participación Ciudadana y Capacitación",
        "revision": 1,
    }


@pytest.mark.parametrize(
    ("q", "total"),
    [
        ("participacion ciudadana", 1),
        ("PARTICIPACIÓN", 1),
        ("C215", 1),
        ("Dirección Ejecutiva", 1),
        ("Tesorería", 0),
    ],
)
def test_search_ignores_case_and_accents(client: Any, q: str, total: int) -> None:
    assert client.get("/api/v1/positions", query_string={"q": q}).get_json()["total"] == total


def test_pages_past_the_end_are_empty(client: Any) -> None:
    body = client.get("/api/v1/positions?page=2&per_page=1").get_json()
    assert (body["items"], body["total"], body["page"]) == ([], 1, 2)


@pytest.mark.parametrize("query", ["page=0", "per_page=501", "page=abc"])
def test_bad_paging_is_a_422_naming_the_parameter(client: Any, query: str) -> None:
    response = client.get(f"/api/v1/positions?{query}")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["path"] == query.split("=")[0]


def test_position_shows_compiled_requirements_revision_and_fingerprint(client: Any) -> None:
    body = client.get(f"/api/v1/positions/{SEED}").get_json()
    assert body["position"]["code"] == SEED
    assert body["position"]["revision"] == 1
    assert body["fingerprint"].startswith("sha256:")
    assert [r["revision"] for r in body["revisions"]] == [1]
    assert len(body["rules"]) == 3


def test_unknown_position_is_404(client: Any) -> None:
    response = client.get("/api/v1/positions/9-999-999-X000")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_unknown_revision_is_404(client: Any) -> None:
    assert client.get(f"/api/v1/positions/{SEED}?revision=7").status_code == 404


@pytest.mark.parametrize(("lang", "heading"), [("es", "Instrucción"), ("en", "Education (mandatory)")])
def test_position_requirements_as_text_in_the_language_asked_for(
    client: Any, lang: str, heading: str
) -> None:
    body = client.get(f"/api/v1/positions/{SEED}?lang={lang}").get_json()
    assert heading in body["text"]
