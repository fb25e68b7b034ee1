"""Criteria `desirable.knowledge`, `desirable.skills`, `desirable.competencies` and the desirable score.

SPEC section 3 (Outcome): desirable items never change the outcome; the score (0-100) is the share met.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rules.areas import match_area
from rules.candidate import Candidate
from rules.messages import N_, register
from rules.policy import Policy
from rules.profile import Competency
from rules.verdict import CriterionResult, Desirable, Outcome, Reason, hash_once
from rules.vocabulary import fold

register(
    {
        "desirable.all_met": N_("All %(total)s desirable items met."),
        "desirable.partly_met": N_("%(met)s of %(total)s desirable items met; missing: %(gaps)s."),
        "desirable.none_listed": N_("The profile lists none."),
    }
)


@dataclass(frozen=True)
class DesirableRule:
    __hash__ = hash_once

    knowledge: tuple[str, ...]
    skills: tuple[str, ...]
    competencies: tuple[Competency, ...]

    criterion_ids = ("desirable.knowledge", "desirable.skills", "desirable.competencies")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": "desirable",
            "knowledge": list(self.knowledge),
            "skills": list(self.skills),
            "competencies": [{"type": c.type, "name": c.name, "grade": c.grade} for c in self.competencies],
        }


@lru_cache(maxsize=32768)
def _item_met(required: str, offered: tuple[str, ...]) -> tuple[bool, str | None]:
    wanted = fold(required)
    for item in offered:
        if fold(item) == wanted:
            return True, item
    for item in offered:
        if match_area(item, (required,)).outcome is Outcome.PASS:
            return True, item
    return False, None


@lru_cache(maxsize=32768)
def _competency_rating(competency: Competency, offered: tuple[tuple[str, int], ...]) -> int | None:
    wanted = fold(competency.name)
    for name, rating in offered:
        if fold(name) == wanted:
            return rating
    for name, rating in offered:
        if match_area(name, (competency.name,)).outcome is Outcome.PASS:
            return rating
    return None


def _criterion(
    criterion_id: str, required: Any, found: Any, met: list[str], gaps: list[str], evidence: Any
) -> CriterionResult:
    total = len(met) + len(gaps)
    if total == 0:
        reason = Reason("desirable.none_listed", {})
    elif gaps:
        reason = Reason("desirable.partly_met", {"met": len(met), "total": total, "gaps": gaps})
    else:
        reason = Reason("desirable.all_met", {"total": total})
    outcome = Outcome.FAIL if gaps else Outcome.PASS
    return CriterionResult(criterion_id, False, outcome, required, found, reason, evidence)


@dataclass(frozen=True)
class _Part:
    result: CriterionResult
    met: tuple[str, ...]
    gaps: tuple[str, ...]


@lru_cache(maxsize=8192)
def _items_part(criterion_id: str, required_items: tuple[str, ...], offered: tuple[str, ...]) -> _Part:
    """Knowledge or skills met; memoised because files repeat the same lists (often empty)."""
    met: list[str] = []
    gaps: list[str] = []
    evidence: list[dict[str, Any]] = []
    for item in required_items:
        ok, by = _item_met(item, offered)
        (met if ok else gaps).append(item)
        evidence.append({"item": item, "met": ok, "by": by})
    result = _criterion(criterion_id, list(required_items), list(offered), met, gaps, evidence)
    return _Part(result, tuple(met), tuple(gaps))


@lru_cache(maxsize=8192)
def _competencies_part(rule: DesirableRule, offered: tuple[tuple[str, int], ...], at_grade: bool) -> _Part:
    competencies = rule.competencies
    met: list[str] = []
    gaps: list[str] = []
    evidence: list[dict[str, Any]] = []
    for competency in competencies:
        rating = _competency_rating(competency, offered)
        ok = rating is not None and (rating >= competency.grade if at_grade else rating > competency.grade)
        (met if ok else gaps).append(competency.name)
        evidence.append(
            {"competency": competency.name, "grade": competency.grade, "rating": rating, "met": ok}
        )
    result = _criterion(
        "desirable.competencies",
        [{"name": c.name, "type": c.type, "grade": c.grade} for c in competencies],
        dict(offered),
        met,
        gaps,
        evidence,
    )
    return _Part(result, tuple(met), tuple(gaps))


def evaluate_desirable(
    rule: DesirableRule, candidate: Candidate, policy: Policy
) -> tuple[tuple[CriterionResult, ...], Desirable]:
    return _desirable(rule, candidate.knowledge, candidate.skills, candidate.competencies, policy)


@lru_cache(maxsize=8192)
def _desirable(
    rule: DesirableRule,
    knowledge: tuple[str, ...],
    skills: tuple[str, ...],
    competencies: tuple[tuple[str, int], ...],
    policy: Policy,
) -> tuple[tuple[CriterionResult, ...], Desirable]:
    """Memoised per distinct offer: the rule's hash is computed once (hash_once), the offer is small."""
    parts = (
        _items_part("desirable.knowledge", rule.knowledge, knowledge),
        _items_part("desirable.skills", rule.skills, skills),
        _competencies_part(rule, competencies, policy.competency_met_at_required_grade),
    )
    met = parts[0].met + parts[1].met + parts[2].met
    gaps = parts[0].gaps + parts[1].gaps + parts[2].gaps
    total = len(met) + len(gaps)
    # Integer percentage, rounded half up, with integer arithmetic (verdicts carry no floats).
    score = (200 * len(met) + total) // (2 * total) if total else 100
    return tuple(part.result for part in parts), Desirable(score=score, met=met, gaps=gaps)
