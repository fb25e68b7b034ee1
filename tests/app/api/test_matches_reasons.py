"""POST /matches gives each position's main reason, in the request's language."""

from __future__ import annotations

from typing import Any

UNQUALIFIED = {"degrees": [{"level": "Bachillerato", "status": "Certificado", "field": "General"}]}


def test_each_match_has_its_main_reason_in_spanish_by_default(client: Any) -> None:
    [item] = client.post("/api/v1/matches?as_of=2025-06-30", json=UNQUALIFIED).get_json()["items"]
    assert item["reason"]["code"] == "education.level.below"
    assert item["reason"]["message"].startswith("El grado (Bachillerato) está por debajo")


def test_the_main_reason_follows_the_language_asked_for(client: Any, candidate: dict[str, Any]) -> None:
    [item] = client.post("/api/v1/matches?as_of=2025-06-30&lang=en", json=candidate).get_json()["items"]
    assert item["reason"] == {
        "code": "summary.eligible",
        "params": {},
        "message": "Every mandatory requirement is met.",
    }
    headers = {"Accept-Language": "en-GB"}
    [other] = client.post("/api/v1/matches?as_of=2025-06-30", json=UNQUALIFIED, headers=headers).get_json()[
        "items"
    ]
    assert other["reason"]["message"].startswith("The degree (Bachillerato) is below")
