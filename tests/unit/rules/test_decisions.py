from __future__ import annotations

import pytest

from rules.decisions import CriterionDecision, CriterionState, effective_outcome, read_decisions
from rules.errors import InputErrors
from rules.verdict import Outcome, OverallOutcome

P, R, F = Outcome.PASS, Outcome.REVIEW, Outcome.FAIL


def verdict(**outcomes: Outcome) -> list[CriterionState]:
    mandatory = [CriterionState(key.replace("_", "."), True, value) for key, value in outcomes.items()]
    return [*mandatory, CriterionState("desirable.knowledge", False, F)]


FIELD_AND_YEARS_IN_REVIEW = verdict(
    education_level=P, education_status=P, education_field=R, experience_area=P, experience_years=R
)


def decide(*entries: tuple[str, str, str]) -> tuple[CriterionDecision, ...]:
    return read_decisions(FIELD_AND_YEARS_IN_REVIEW, entries)


def test_every_review_settled_as_met_makes_the_candidate_eligible() -> None:
    decisions = decide(
        ("education.field", "pass", "Ciencias Sociales equivale a Sociología según el plan de estudios."),
        ("experience.years", "pass", "Las constancias acreditan 2 años en atención ciudadana."),
    )
    effective = effective_outcome(FIELD_AND_YEARS_IN_REVIEW, decisions)
    assert effective.outcome is OverallOutcome.ELIGIBLE
    assert effective.open == ()


def test_one_review_settled_as_not_met_makes_the_candidate_ineligible() -> None:
    decisions = decide(("education.field", "fail", "La carrera de Turismo no es equivalente."))
    effective = effective_outcome(FIELD_AND_YEARS_IN_REVIEW, decisions)
    assert effective.outcome is OverallOutcome.INELIGIBLE
    assert effective.open == ("experience.years",)


def test_a_partial_settlement_leaves_the_outcome_in_review() -> None:
    decisions = decide(("education.field", "pass", "Equivalente."))
    effective = effective_outcome(FIELD_AND_YEARS_IN_REVIEW, decisions)
    assert effective.outcome is OverallOutcome.REVIEW
    assert effective.open == ("experience.years",)


def test_a_later_decision_replaces_an_earlier_one_on_the_same_criterion() -> None:
    first = decide(
        ("education.field", "fail", "No equivalente."), ("experience.years", "pass", "Acreditado.")
    )
    second = decide(("education.field", "pass", "Corregido: el plan de estudios es equivalente."))
    effective = effective_outcome(FIELD_AND_YEARS_IN_REVIEW, [*first, *second])
    assert effective.outcome is OverallOutcome.ELIGIBLE
    assert effective.decided["education.field"].reason.startswith("Corregido")


def test_no_decision_keeps_the_engines_outcome() -> None:
    effective = effective_outcome(FIELD_AND_YEARS_IN_REVIEW, [])
    assert effective.outcome is OverallOutcome.REVIEW
    assert effective.open == ("education.field", "experience.years")


@pytest.mark.parametrize(
    ("entry", "path", "found"),
    [
        (("education.level", "pass", "Ya cumplía."), "decisions[0].criterion", '"education.level"'),
        (("education.field", "quizá", "No sé."), "decisions[0].outcome", '"quizá"'),
        (("education.field", "pass", "   "), "decisions[0].reason", "an empty reason"),
        (("education.field", "pass", "x" * 2001), "decisions[0].reason", "2001 characters"),
        (("education.field", "pass", "Equivale\x00"), "decisions[0].reason", "control characters"),
    ],
)
def test_a_decision_that_cannot_be_taken_names_its_field(
    entry: tuple[str, str, str], path: str, found: str
) -> None:
    with pytest.raises(InputErrors) as caught:
        decide(entry)
    [problem] = caught.value.problems
    assert (problem.path, problem.found) == (path, found)


def test_deciding_the_same_criterion_twice_at_once_is_refused() -> None:
    with pytest.raises(InputErrors) as caught:
        decide(("education.field", "pass", "Sí."), ("education.field", "fail", "No."))
    assert [p.path for p in caught.value.problems] == ["decisions[1].criterion"]


def test_nothing_to_decide_is_refused() -> None:
    with pytest.raises(InputErrors) as caught:
        read_decisions(verdict(education_level=P), [])
    assert caught.value.problems[0].path == "decisions"


def test_a_criterion_not_in_review_is_refused_with_the_ones_that_are() -> None:
    with pytest.raises(InputErrors) as caught:
        decide(("experience.area", "fail", "No."))
    assert caught.value.problems[0].accepted == "education.field, experience.years"
