"""T17: schemathesis over the served OpenAPI document: no 5xx, responses conform to their schemas.

The suite keeps to a bounded number of examples per operation so it stays fast; the full T17 run, 1,000
generated cases per operation, is by hand:

    SCHEMATHESIS_EXAMPLES=1000 .venv/bin/pytest tests/app/api/test_openapi.py -k conforms -s

which prints the cases run and the statuses met per operation (an operation with fewer possible inputs, such
as GET /api/v1/health, runs out of distinct cases before 1,000: hypothesis then stops).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance

from tests.conftest import SEED_CODE, _app_config

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))


def test_openapi_document_is_served(client: Any) -> None:
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/positions/{code}/evaluations" in document["paths"]
    assert "bearerAuth" in document["components"]["securitySchemes"]
    assert client.get("/api/docs").status_code == 200


def test_the_evaluation_route_keeps_its_documentation(client: Any) -> None:
    """The busiest route is documented by flask-smorest's decorators: its operation shows every answer, the
    body, the query and the optional token."""
    document = client.get("/api/openapi.json").get_json()
    operation = document["paths"]["/api/v1/positions/{code}/evaluations"]["post"]
    assert {"200", "201", "404", "422"} <= set(operation["responses"])
    assert operation["security"] == [{"bearerAuth": []}, {}]
    assert operation["requestBody"]["required"] is True
    assert "application/json" in operation["requestBody"]["content"]
    assert {"lang", "as_of", "receipt"} <= {parameter["name"] for parameter in operation["parameters"]}
    assert operation["summary"].startswith("Evaluate a candidate")


def _reaching(strategy: Any, known: dict[str, str]) -> Any:
    """Cases as generated, and as many again with their path parameters set to things that exist (the seed
    position, a stored record): a generated code or id is never found, so only these reach the validation and
    the engine behind the 404."""

    def with_known(case: Any) -> Any:
        for name in case.path_parameters or {}:
            if name in known:
                case.path_parameters[name] = known[name]
        return case

    return st.one_of(strategy, strategy.map(with_known))


def _check(strategy: Any, headers: dict[str, str], statuses: Counter[int]) -> None:
    """schemathesis's checks on EXAMPLES cases of one operation; the statuses met are counted."""

    @given(case=strategy)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        # The vocabulary (levels, statuses) cannot be written as a JSON Schema: a schema-valid body may still
        # be a documented 422, so only positive_data_acceptance is left out.
        response = case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
        statuses[response.status_code] += 1

    run()


@pytest.fixture
def contract_app(data_dir: Path) -> Iterator[Any]:
    """An app whose rate limit does not cut the run short: 1,000 cases of one route fit in a minute."""
    from screening import create_app

    config = {**_app_config(data_dir), "RATELIMIT_CHECKS": "100000 per minute"}
    application = create_app(config)
    yield application
    application.extensions["screening"].close()


def test_api_conforms_and_never_answers_5xx(contract_app: Any, candidate: dict[str, Any]) -> None:
    """Every operation, with the token of the role it is for (an auditor's for replay and verify, a
    recruiter's otherwise): schemathesis's checks (no 5xx, status codes, content types, response schemas) on
    generated requests, half of them at a position and a record that exist."""
    from screening import services

    app, client = contract_app, contract_app.test_client()
    with app.app_context():
        tokens = {
            role: services.create_token(role, f"contract {role}")[1] for role in ("recruiter", "auditor")
        }
    stored = client.post(f"/api/v1/positions/{SEED_CODE}/evaluations?receipt=true", json=candidate)
    known = {"code": SEED_CODE, "evaluation_id": stored.get_json()["evaluation_id"]}
    api = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    failures: dict[str, str] = {}
    counts: dict[str, Counter[int]] = {}
    operations = 0
    for result in api.get_all_operations():
        operation = result.ok()
        operations += 1
        statuses = counts.setdefault(operation.label, Counter())
        role = "auditor" if "replay" in operation.path or "audit" in operation.path else "recruiter"
        headers = {"Authorization": f"Bearer {tokens[role]}"}

        try:
            _check(_reaching(operation.as_strategy(), known), headers, statuses)
        except Exception as exc:  # collected so one report names every failing operation
            failures[operation.label] = str(exc)[:2000]
    for label, seen in counts.items():
        print(f"T17 {label}: {sum(seen.values())} cases, statuses {dict(sorted(seen.items()))}")
    assert operations >= 10
    assert failures == {}
