"""Adverse impact of a screened batch by sex: selection rates, impact ratios and the four-fifths flag.

The reporting model is the bias-audit table of New York City's Local Law 144 (selection rate per category,
impact ratio to the highest rate); the flag is the four-fifths rule of the Uniform Guidelines, 29 CFR 1607.4(D).
SPEC section 6: gender is used only here, in aggregate, and groups under MIN_GROUP people are hidden.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from rules.verdict import OverallOutcome

__all__ = [
    "FOUR_FIFTHS",
    "MIN_GROUP",
    "UNKNOWN",
    "Applicant",
    "GroupImpact",
    "ImpactReport",
    "adverse_impact",
]

MIN_GROUP = 5
FOUR_FIFTHS = Fraction(4, 5)
UNKNOWN = "sin dato"
"""The group of applicants whose sex is not given."""


@dataclass(frozen=True)
class Applicant:
    """One applicant as the statistics see them: group, effective outcome, mandatory criteria failed."""

    group: str
    outcome: OverallOutcome
    failed: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupImpact:
    group: str
    applicants: int
    selected: int
    """Applicants whose effective outcome is eligible."""
    pending: int
    """Applicants whose outcome still waits for a person's decision."""
    rate: Fraction
    impact_ratio: Fraction | None
    """Rate over the highest rate of the groups shown; None when no group has anyone selected."""
    top_criterion: str | None
    """The mandatory criterion that removes most applicants of this group, and how many it removes."""
    top_removed: int

    @property
    def below_four_fifths(self) -> bool:
        return self.impact_ratio is not None and self.impact_ratio < FOUR_FIFTHS


@dataclass(frozen=True)
class ImpactReport:
    groups: tuple[GroupImpact, ...]
    """Groups of MIN_GROUP applicants or more, largest first."""
    hidden_groups: int
    """How many groups were left out for having fewer than MIN_GROUP applicants."""
    unknown: int
    """Applicants with no sex given (shown as a group of their own when there are enough)."""
    applicants: int

    @property
    def flagged(self) -> tuple[GroupImpact, ...]:
        return tuple(group for group in self.groups if group.below_four_fifths)


def _top(failures: Counter[str], order: Sequence[str]) -> tuple[str | None, int]:
    if not failures:
        return None, 0
    rank = {criterion: index for index, criterion in enumerate(order)}
    criterion = min(failures, key=lambda c: (-failures[c], rank.get(c, len(rank)), c))
    return criterion, failures[criterion]


def adverse_impact(applicants: Iterable[Applicant], criteria_order: Sequence[str] = ()) -> ImpactReport:
    """The report over every screened applicant (invalid rows are not applicants here). Ties for the criterion
    that removes most are broken by `criteria_order` (the verdict's order)."""
    counts: Counter[str] = Counter()
    selected: Counter[str] = Counter()
    pending: Counter[str] = Counter()
    failures: dict[str, Counter[str]] = {}
    for applicant in applicants:
        counts[applicant.group] += 1
        if applicant.outcome is OverallOutcome.ELIGIBLE:
            selected[applicant.group] += 1
        elif applicant.outcome is OverallOutcome.REVIEW:
            pending[applicant.group] += 1
        failures.setdefault(applicant.group, Counter()).update(set(applicant.failed))
    shown = [group for group in counts if counts[group] >= MIN_GROUP]
    rates = {group: Fraction(selected[group], counts[group]) for group in shown}
    highest = max(rates.values(), default=Fraction(0))
    groups = []
    for group in sorted(shown, key=lambda g: (-counts[g], g)):
        top, removed = _top(failures.get(group, Counter()), criteria_order)
        groups.append(
            GroupImpact(
                group=group,
                applicants=counts[group],
                selected=selected[group],
                pending=pending[group],
                rate=rates[group],
                impact_ratio=rates[group] / highest if highest else None,
                top_criterion=top,
                top_removed=removed,
            )
        )
    return ImpactReport(
        groups=tuple(groups),
        hidden_groups=len(counts) - len(shown),
        unknown=counts[UNKNOWN],
        applicants=sum(counts.values()),
    )
