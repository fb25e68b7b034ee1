"""Outcomes, structured reasons and verdicts. Text is rendered at the edge from reason codes (rules.locale)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any


class Outcome(Enum):
    PASS = "pass"  # nosec B105 # an outcome, not a password
    REVIEW = "review"
    FAIL = "fail"

    __hash__ = object.__hash__  # members are singletons; identity hashing keeps per-value caches cheap

    @property
    def rank(self) -> int:
        """pass 2, review 1, fail 0: higher is better for the candidate."""
        return _OUTCOME_RANK[self._value_]


_OUTCOME_RANK = {Outcome.PASS.value: 2, Outcome.REVIEW.value: 1, Outcome.FAIL.value: 0}


class OverallOutcome(Enum):
    ELIGIBLE = "eligible"
    REVIEW = "review"
    INELIGIBLE = "ineligible"


Param = str | int | bool | None | list[str]


@dataclass(frozen=True)
class Reason:
    """A reason as data: a message code from the catalogs in rules/locale and its parameters."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class CriterionResult:
    id: str
    mandatory: bool
    outcome: Outcome
    required: Any
    found: Any
    reason: Reason
    evidence: Any = None


@dataclass(frozen=True)
class CountedInterval:
    start: date
    end: date
    days: int
    credit: str
    """Credited days of this interval after overlaps and part-time proportion, as exact decimal text."""
    jobs: tuple[int, ...]
    """Indexes of the jobs that cover it."""


@dataclass(frozen=True)
class ExperienceTally:
    counted_intervals: tuple[CountedInterval, ...]
    credited_days: str
    credited_years: str
    declared: bool = False
    """True when the years come from the summary form, credited as declared."""


@dataclass(frozen=True)
class Desirable:
    score: int
    met: tuple[str, ...]
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    position_code: str
    position_title: str
    revision: int | None
    fingerprint: str
    engine_version: str
    as_of: date
    outcome: OverallOutcome
    eligible_from: date | None
    criteria: tuple[CriterionResult, ...]
    desirable: Desirable
    experience: ExperienceTally

    def criterion(self, criterion_id: str) -> CriterionResult:
        for result in self.criteria:
            if result.id == criterion_id:
                return result
        raise KeyError(criterion_id)


def hash_once(self: Any) -> int:
    """`__hash__` for frozen dataclasses that key per-value caches: the fields are hashed once per object.

    Assign it in the class body (`__hash__ = hash_once`) so that @dataclass keeps it.
    """
    cached: int | None = self.__dict__.get("_hash")
    if cached is None:
        cached = hash((type(self).__name__, *(getattr(self, name) for name in self.__dataclass_fields__)))
        object.__setattr__(self, "_hash", cached)
    return cached
