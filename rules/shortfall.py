"""What a candidate would still need for a position: behind each unmet mandatory criterion, what is missing.

SPEC section 3: a verdict says which criteria fail; this says what would make them pass (the level, status or
field of a degree, experience in the position's areas, how much more of it and, with an ongoing job in a
matching area, the day it will be enough). Criteria under review are not needs: a person decides them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from rules.candidate import Candidate
from rules.compiler import RuleSet
from rules.criteria.experience import evaluate_experience
from rules.engine import evaluate
from rules.verdict import Outcome, Verdict
from rules.vocabulary import Level, Status


@dataclass(frozen=True)
class ExperienceShortfall:
    days: int
    """Full-time days still to credit in the position's areas (the candidate-favourable year of SPEC 3)."""
    months: int
    """The same, as whole months rounded up (a year is twelve months)."""
    met_on: date | None
    """The day ongoing jobs in a matching area will have covered it; None when no such job runs."""


@dataclass(frozen=True)
class Shortfall:
    level: Level | None = None
    """The level required, when no degree reaches it."""
    status: Status | None = None
    fields: tuple[str, ...] = ()
    """The listed fields, when no degree is in one of them (nor, where accepted, in an equivalent)."""
    accepts_equivalents: bool = False
    areas: tuple[str, ...] = ()
    """The required areas, when no job is in one of them."""
    experience: ExperienceShortfall | None = None
    under_review: tuple[str, ...] = ()
    """Mandatory criteria a person has to decide: neither met nor needed."""

    @property
    def needs_anything(self) -> bool:
        return bool(self.level or self.status or self.fields or self.areas or self.experience)


def still_needed(rule_set: RuleSet, candidate: Candidate, as_of: date) -> Shortfall:
    """What `candidate` still needs for `rule_set` as of a date. The evaluation is made again here: the
    criteria memoise what they judged, so a second evaluation of the same candidate costs little."""
    verdict = evaluate(rule_set, candidate, as_of)
    outcomes = {c.id: c.outcome for c in verdict.criteria if c.mandatory}
    failed = {criterion for criterion, outcome in outcomes.items() if outcome is Outcome.FAIL}
    education = rule_set.education
    experience: ExperienceShortfall | None = None
    if "experience.years" in failed:
        experience = _experience_shortfall(rule_set, candidate, verdict)
    return Shortfall(
        level=education.level if "education.level" in failed else None,
        status=education.status if "education.status" in failed else None,
        fields=education.fields if "education.field" in failed else (),
        accepts_equivalents=education.accepts_equivalents,
        areas=rule_set.experience.areas if "experience.area" in failed else (),
        experience=experience,
        under_review=tuple(c for c, outcome in outcomes.items() if outcome is Outcome.REVIEW),
    )


def _experience_shortfall(rule_set: RuleSet, candidate: Candidate, verdict: Verdict) -> ExperienceShortfall:
    policy = rule_set.policy
    required = Decimal(rule_set.experience.years * policy.days_per_year)
    credited = Decimal(verdict.experience.credited_days) if not verdict.experience.declared else Decimal(0)
    if verdict.experience.declared:
        credited = Decimal(verdict.experience.credited_years) * policy.days_per_year
    days = int(max(Decimal(0), required - credited).to_integral_value(ROUND_CEILING))
    months = int((Decimal(days) * 12 / policy.days_per_year).to_integral_value(ROUND_CEILING))
    met_on = verdict.eligible_from
    if met_on is None and not verdict.experience.declared:
        met_on = evaluate_experience(rule_set.experience, candidate, verdict.as_of, policy).met_on
    return ExperienceShortfall(days=days, months=max(months, 1 if days else 0), met_on=met_on)
