"""Evaluate a candidate against a compiled rule set as of a date (SPEC section 3, Outcome and as_of)."""

from __future__ import annotations

from datetime import date

from rules import ENGINE_VERSION
from rules.candidate import Candidate, check_as_of
from rules.compiler import RuleSet
from rules.criteria.desirable import evaluate_desirable
from rules.criteria.education import evaluate_education
from rules.criteria.experience import evaluate_experience
from rules.verdict import Outcome, OverallOutcome, Verdict


def overall(outcomes: list[Outcome]) -> OverallOutcome:
    if any(o is Outcome.FAIL for o in outcomes):
        return OverallOutcome.INELIGIBLE
    if all(o is Outcome.PASS for o in outcomes):
        return OverallOutcome.ELIGIBLE
    return OverallOutcome.REVIEW


def evaluate(rule_set: RuleSet, candidate: Candidate, as_of: date) -> Verdict:
    """The verdict; rules.errors.InputErrors when the candidate cannot be judged as of that day (a job that
    starts after it)."""
    check_as_of(candidate, as_of)
    policy = rule_set.policy
    education = evaluate_education(rule_set.education, candidate, policy)
    experience = evaluate_experience(rule_set.experience, candidate, as_of, policy)
    desirable_results, desirable = evaluate_desirable(rule_set.desirable, candidate, policy)
    criteria = (*education, experience.area, experience.years, *desirable_results)
    mandatory = [c for c in criteria if c.mandatory]
    outcome = overall([c.outcome for c in mandatory])
    unmet = [c for c in mandatory if c.outcome is not Outcome.PASS]
    # SPEC section 3: eligible_from only when experience.years is the one unmet criterion.
    eligible_from = None
    if len(unmet) == 1 and unmet[0].id == "experience.years" and experience.met_on is not None:
        eligible_from = experience.met_on
    return Verdict(
        position_code=rule_set.code,
        position_title=rule_set.title,
        revision=rule_set.revision,
        fingerprint=rule_set.fingerprint,
        engine_version=ENGINE_VERSION,
        as_of=as_of,
        outcome=outcome,
        eligible_from=eligible_from,
        criteria=criteria,
        desirable=desirable,
        experience=experience.tally,
    )
