from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rules.candidate import parse_candidate
from rules.compiler import RuleSet
from rules.engine import evaluate
from rules.verdict import Verdict
from tests.unit.rules.conftest import candidate

AS_OF = date(2026, 6, 30)


def verdict_with(rules: RuleSet, *degrees: dict[str, Any]) -> Verdict:
    return evaluate(rules, parse_candidate(candidate(degrees=list(degrees))), AS_OF)


def degree(level: str, status: str, field: str) -> dict[str, Any]:
    return {"level": level, "status": status, "field": field}


@pytest.mark.parametrize(
    ("level", "status", "field"),
    [
        ("LICENCIATURA", "Titulada", "Lic. en Sociologia"),
        ("Licenciatura", "Cédula profesional", "Derecho"),
        ("Maestría", "Título", "Economía"),
        ("Doctorado", "Grado", "Pedagogía"),
        ("lic.", "titulado", "ciencia politica"),
    ],
)
def test_degree_meeting_level_status_and_field_passes(
    seed_rules: RuleSet, level: str, status: str, field: str
) -> None:
    verdict = verdict_with(seed_rules, degree(level, status, field))
    assert [
        verdict.criterion(c).outcome.value for c in ("education.level", "education.status", "education.field")
    ] == [
        "pass",
        "pass",
        "pass",
    ]


def test_higher_level_in_a_listed_field_says_so(seed_rules: RuleSet) -> None:
    verdict = verdict_with(seed_rules, degree("Maestría", "Titulado", "Ciencia Política"))
    assert verdict.criterion("education.level").reason.code == "education.level.higher"


@pytest.mark.parametrize(
    ("status", "outcome"), [("Pasante", "fail"), ("Trunca", "fail"), ("En curso", "fail"), ("Cédula", "pass")]
)
def test_status_is_ordinal(seed_rules: RuleSet, status: str, outcome: str) -> None:
    verdict = verdict_with(seed_rules, degree("Licenciatura", status, "Derecho"))
    assert verdict.criterion("education.status").outcome.value == outcome


def test_level_below_fails(seed_rules: RuleSet) -> None:
    verdict = verdict_with(seed_rules, degree("TSU", "Titulado", "Administración Pública"))
    assert verdict.criterion("education.level").outcome.value == "fail"
    assert verdict.criterion("education.level").reason.code == "education.level.below"


def test_one_degree_must_meet_all_three_together(seed_rules: RuleSet) -> None:
    # A titled Licenciatura in an unrelated field plus a listed field only in progress: no single degree meets all.
    verdict = verdict_with(
        seed_rules,
        degree("Licenciatura", "Titulado", "Medicina"),
        degree("Licenciatura", "En curso", "Derecho"),
    )
    outcomes = {c.id: c.outcome.value for c in verdict.criteria if c.id.startswith("education")}
    assert "fail" in outcomes.values()
    assert verdict.outcome.value == "ineligible"


def test_the_degree_used_is_named_and_others_say_what_they_lack(seed_rules: RuleSet) -> None:
    verdict = verdict_with(
        seed_rules,
        degree("Bachillerato", "Terminado", "Técnico en contabilidad"),
        degree("Licenciatura", "Titulado", "Derecho"),
    )
    evidence = verdict.criterion("education.level").evidence
    assert evidence["degree_used"] == 1
    assert (
        evidence["others"] == [{"degree": 0, "lacks": ["level", "field"]}]
        or evidence["others"][0]["degree"] == 0
    )
    assert "level" in evidence["others"][0]["lacks"]


def test_no_degree_fails_every_education_criterion(seed_rules: RuleSet) -> None:
    verdict = verdict_with(seed_rules)
    assert {
        verdict.criterion(c).reason.code for c in ("education.level", "education.status", "education.field")
    } == {"education.no_degree"}


# --- "Título en trámite": placed by the policy ------------------------------------------------------------------


def _status_of(rules: RuleSet, status: str) -> tuple[str, str, dict[str, Any]]:
    criterion = verdict_with(rules, degree("Licenciatura", status, "Derecho")).criterion("education.status")
    return criterion.outcome.value, criterion.reason.code, dict(criterion.reason.params)


@pytest.mark.parametrize("status", ["Título en trámite", "En trámite de titulación", "titulo en tramite"])
def test_title_in_progress_counts_as_pasante_by_default_and_the_reason_says_so(
    seed_rules: RuleSet, status: str
) -> None:
    outcome, code, params = _status_of(seed_rules, status)
    assert (outcome, code) == ("fail", "education.status.placed_below")
    assert (params["found"], params["placed"], params["required"]) == (
        "Título en trámite",
        "Pasante",
        "Título",
    )


def test_the_policy_can_place_title_in_progress_with_the_title() -> None:
    from rules.compiler import compile_profile
    from rules.policy import Policy
    from rules.vocabulary import Status
    from tests.unit.rules.conftest import seed_profile

    default = compile_profile(seed_profile())
    placed = compile_profile(seed_profile(), Policy(title_in_progress=Status.TITULO))
    assert _status_of(placed, "Título en trámite")[:2] == ("pass", "education.status.placed_met")
    assert placed.fingerprint != default.fingerprint
