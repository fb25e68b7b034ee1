"""Roles on every route (SPEC section 6, T19 for the API): anonymous, recruiter, auditor, admin."""

from __future__ import annotations

from typing import Any

import pytest

SEED = "8-009-004-C215"
ROLES = [None, "recruiter", "auditor", "admin"]

# route -> expected status per role (anonymous, recruiter, auditor, admin)
MATRIX = {
    ("GET", "/api/v1/positions"): (200, 200, 200, 200),
    ("GET", f"/api/v1/positions/{SEED}"): (200, 200, 200, 200),
    ("POST", f"/api/v1/positions/{SEED}/evaluations"): (200, 201, 403, 403),
    ("POST", "/api/v1/matches"): (200, 200, 200, 200),
    ("GET", "/api/v1/evaluations?folio=A-0042"): (401, 200, 200, 403),
    ("GET", "/api/v1/evaluations/{recruiter_record}/replay"): (401, 403, 200, 403),
    ("GET", "/api/v1/audit/verify"): (401, 403, 200, 403),
    ("GET", "/api/v1/evaluations/{recruiter_record}"): (401, 200, 200, 403),
    ("GET", "/api/v1/evaluations/{receipt}"): (200, 200, 200, 403),
    ("GET", "/api/v1/health"): (200, 200, 200, 200),
    ("GET", "/api/v1/ready"): (200, 200, 200, 200),
}


@pytest.fixture
def records(client: Any, candidate: dict[str, Any], auth: Any) -> dict[str, str]:
    evaluate = f"/api/v1/positions/{SEED}/evaluations"
    return {
        "recruiter_record": client.post(evaluate, json=candidate, headers=auth("recruiter")).get_json()[
            "evaluation_id"
        ],
        "receipt": client.post(evaluate + "?receipt=true", json=candidate).get_json()["evaluation_id"],
    }


@pytest.mark.parametrize(("method", "path"), list(MATRIX), ids=[f"{m} {p}" for m, p in MATRIX])
def test_each_role_gets_what_spec_section_6_allows(
    client: Any, auth: Any, candidate: dict[str, Any], records: dict[str, str], method: str, path: str
) -> None:
    for role, expected in zip(ROLES, MATRIX[(method, path)], strict=True):
        headers = auth(role) if role else {}
        url = path.format(**records)
        response = client.open(
            url, method=method, json=candidate if method == "POST" else None, headers=headers
        )
        assert response.status_code == expected, f"{role or 'anonymous'} {method} {url}"
