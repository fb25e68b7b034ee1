"""The main reason of a verdict (rules/summary.py)."""

from __future__ import annotations

from datetime import date

from rules.candidate import parse_candidate
from rules.compiler import RuleSet
from rules.engine import evaluate
from rules.render import reason_message
from rules.summary import ELIGIBLE, main_reason
from tests.unit.rules.conftest import candidate

AS_OF = date(2026, 6, 30)


def test_an_eligible_verdict_says_every_requirement_is_met(seed_rules: RuleSet) -> None:
    verdict = evaluate(seed_rules, parse_candidate(candidate()), AS_OF)
    assert main_reason(verdict) == ELIGIBLE
    assert reason_message(ELIGIBLE, "es") == "Se cumplen todos los requisitos obligatorios."


def test_a_failed_criterion_is_the_main_reason_before_one_under_review(seed_rules: RuleSet) -> None:
    degree = {"level": "Licenciatura", "status": "Titulado", "field": "Trabajo Social"}
    verdict = evaluate(seed_rules, parse_candidate(candidate(degrees=[degree], jobs=[])), AS_OF)
    assert main_reason(verdict).code == "experience.area.no_experience"


def test_a_criterion_under_review_is_the_main_reason_when_none_fails(seed_rules: RuleSet) -> None:
    degree = {"level": "Licenciatura", "status": "Titulado", "field": "Trabajo Social"}
    verdict = evaluate(seed_rules, parse_candidate(candidate(degrees=[degree])), AS_OF)
    assert verdict.outcome.value == "review"
    assert main_reason(verdict) == verdict.criterion("education.field").reason
