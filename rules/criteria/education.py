"""Criteria `education.level`, `education.status` and `education.field`: one degree must meet all three.

SPEC section 3 (Education). The verdict names the degree used, or the closest one and what each other lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from rules.candidate import Candidate, Degree
from rules.criteria.field_of_study import FieldJudgement, judge_field
from rules.messages import N_, register
from rules.policy import Policy
from rules.profile import EducationRequirement
from rules.verdict import CriterionResult, Outcome, Reason, hash_once
from rules.vocabulary import Level, Status

register(
    {
        "education.level.met": N_("The degree is at the required level (%(required)s): %(found)s."),
        "education.level.higher": N_("The degree (%(found)s) is above the required level (%(required)s)."),
        "education.level.below": N_("The degree (%(found)s) is below the required level (%(required)s)."),
        "education.level.not_exact": N_(
            "The profile asks for exactly %(required)s; the degree is %(found)s."
        ),
        "education.status.met": N_(
            "The degree's status (%(found)s) meets the required status (%(required)s)."
        ),
        "education.status.below": N_(
            "The degree's status (%(found)s) does not reach the required status (%(required)s)."
        ),
        "education.status.placed_met": N_(
            "The degree's status (%(found)s) counts as %(placed)s under the policy, which meets the required "
            "status (%(required)s)."
        ),
        "education.status.placed_below": N_(
            "The degree's status (%(found)s) counts as %(placed)s under the policy, which does not reach the "
            "required status (%(required)s)."
        ),
        "education.no_degree": N_("No degree was given; the profile requires %(required)s."),
    }
)


@dataclass(frozen=True)
class EducationRule:
    __hash__ = hash_once

    level: Level
    status: Status
    fields: tuple[str, ...]
    accepts_equivalents: bool
    text: str

    criterion_ids = ("education.level", "education.status", "education.field")

    @cached_property
    def requirement(self) -> EducationRequirement:
        return EducationRequirement(self.level, self.status, self.fields, self.accepts_equivalents, self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": "education",
            "level": self.level.label,
            "status": self.status.label,
            "fields": list(self.fields),
            "accepts_equivalents": self.accepts_equivalents,
            "text": self.text,
        }


@dataclass(frozen=True)
class _Judgement:
    """How one degree fares against the requirement; memoised, since files repeat the same degrees."""

    level: Outcome
    status: Outcome
    field: FieldJudgement
    worst: Outcome
    total: int
    """The rank of the worst outcome of the three and the sum of their ranks: the degree used is chosen by them."""

    @classmethod
    def of(cls, level: Outcome, status: Outcome, field: FieldJudgement) -> _Judgement:
        outcomes = (level, status, field.outcome)
        return cls(level, status, field, min(outcomes, key=lambda o: o.rank), sum(o.rank for o in outcomes))

    @property
    def outcomes(self) -> tuple[Outcome, Outcome, Outcome]:
        return (self.level, self.status, self.field.outcome)

    def lacks(self) -> list[str]:
        names = ("level", "status", "field")
        return [
            name for name, outcome in zip(names, self.outcomes, strict=True) if outcome is not Outcome.PASS
        ]


@lru_cache(maxsize=16384)
def _judge(degree: Degree, rule: EducationRule, policy: Policy) -> _Judgement:
    meets_level = degree.level == rule.level or (policy.higher_level_satisfies and degree.level > rule.level)
    meets_status = policy.placed(degree.status).rank >= policy.placed(rule.status).rank
    return _Judgement.of(
        Outcome.PASS if meets_level else Outcome.FAIL,
        Outcome.PASS if meets_status else Outcome.FAIL,
        judge_field(degree.field, rule.requirement, policy),
    )


def _found(degree: Degree, index: int) -> dict[str, Any]:
    return {
        "degree": index,
        "level": degree.level.label,
        "status": degree.status.label,
        "field": degree.field,
    }


def evaluate_education(
    rule: EducationRule, candidate: Candidate, policy: Policy
) -> tuple[CriterionResult, ...]:
    """The three education criteria, judged on the degree that meets the most (each degree's judgement is
    memoised: files repeat the same degrees, rarely the same list of them)."""
    degrees = candidate.degrees
    if not degrees:
        reason = Reason("education.no_degree", {"required": f"{rule.level.label} ({rule.status.label})"})
        return (
            CriterionResult("education.level", True, Outcome.FAIL, rule.level.label, None, reason),
            CriterionResult("education.status", True, Outcome.FAIL, rule.status.label, None, reason),
            CriterionResult("education.field", True, Outcome.FAIL, list(rule.fields), None, reason),
        )
    judged = [_judge(degree, rule, policy) for degree in degrees]
    # The degree used: the one with the best worst criterion, then the most criteria met, then the highest.
    index = max(
        range(len(judged)),
        key=lambda i: (
            judged[i].worst.rank,
            judged[i].total,
            degrees[i].level,
            policy.placed(degrees[i].status).rank,
            -i,
        ),
    )
    best = judged[index]
    evidence: dict[str, Any] = {
        "degree_used": index,
        "others": [{"degree": i, "lacks": j.lacks()} for i, j in enumerate(judged) if i != index],
    }
    degree = degrees[index]
    params = {"required": rule.level.label, "found": degree.level.label}
    if best.level is Outcome.FAIL:
        code = "education.level.below" if degree.level < rule.level else "education.level.not_exact"
    else:
        code = "education.level.higher" if degree.level > rule.level else "education.level.met"
    level = CriterionResult(
        "education.level",
        True,
        best.level,
        rule.level.label,
        _found(degree, index),
        Reason(code, params),
        evidence,
    )
    status_params = {"required": rule.status.label, "found": degree.status.label}
    status_code = "education.status.met" if best.status is Outcome.PASS else "education.status.below"
    if degree.status is Status.TITULO_EN_TRAMITE:
        status_params["placed"] = policy.title_in_progress.label
        status_code = status_code.replace("status.", "status.placed_")
    status = CriterionResult(
        "education.status",
        True,
        best.status,
        rule.status.label,
        _found(degree, index),
        Reason(status_code, status_params),
        evidence,
    )
    field_evidence = dict(evidence)
    if best.field.evidence:
        field_evidence.update(best.field.evidence)
    field = CriterionResult(
        "education.field",
        True,
        best.field.outcome,
        list(rule.fields),
        _found(degree, index),
        best.field.reason,
        field_evidence,
    )
    return (level, status, field)
