"""A person's decisions on the criteria an evaluation left under review, and the outcome they make effective.

SPEC section 5: a decision never edits the evaluation; the effective outcome is the engine's outcome with the
decisions applied. Only a criterion the engine left in `review` can be decided, each as pass or fail with a
written reason; a later decision on the same criterion replaces an earlier one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rules.engine import overall
from rules.errors import InputErrors, InputProblem
from rules.verdict import Outcome, OverallOutcome

__all__ = ["CriterionDecision", "Effective", "effective_outcome", "read_decisions"]

MAX_REASON = 2000
"""Characters of a written reason: room for a paragraph, not for a pasted document."""


@dataclass(frozen=True)
class CriterionDecision:
    criterion: str
    outcome: Outcome
    """PASS or FAIL: a person settles a review, never leaves it open."""
    reason: str


@dataclass(frozen=True)
class CriterionState:
    """One criterion of a stored verdict, as the effective outcome needs it."""

    id: str
    mandatory: bool
    outcome: Outcome


@dataclass(frozen=True)
class Effective:
    outcome: OverallOutcome
    decided: dict[str, CriterionDecision]
    """The decision in force for each decided criterion."""
    open: tuple[str, ...]
    """Mandatory criteria still under review, in verdict order."""


def _reason_problem(path: str, text: str) -> InputProblem | None:
    if not text.strip():
        return InputProblem(path, "an empty reason", "the reason for the decision, in words")
    if len(text) > MAX_REASON:
        return InputProblem(path, f"{len(text)} characters", f"at most {MAX_REASON} characters")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        return InputProblem(path, "control characters", "text, line breaks and tabs")
    return None


def read_decisions(
    criteria: Sequence[CriterionState], entries: Sequence[tuple[str, str, str]]
) -> tuple[CriterionDecision, ...]:
    """Decisions from (criterion id, "pass"|"fail", reason) entries, every problem named by its path
    (`decisions[0].outcome`); only criteria the engine left in review may be decided."""
    under_review = {c.id for c in criteria if c.outcome is Outcome.REVIEW}
    decisions: list[CriterionDecision] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for index, (criterion, outcome, reason) in enumerate(entries):
        path = f"decisions[{index}]"
        if criterion not in under_review:
            accepted = (
                ", ".join(c.id for c in criteria if c.id in under_review) or "none: nothing is under review"
            )
            problems.append(InputProblem(f"{path}.criterion", f'"{criterion}"', accepted))
        elif criterion in seen:
            problems.append(
                InputProblem(f"{path}.criterion", f'"{criterion}" twice', "one decision per criterion")
            )
        seen.add(criterion)
        if outcome not in ("pass", "fail"):
            problems.append(InputProblem(f"{path}.outcome", f'"{outcome}"', "pass, fail"))
        problem = _reason_problem(f"{path}.reason", reason)
        if problem:
            problems.append(problem)
        if not problems:
            decisions.append(CriterionDecision(criterion, Outcome(outcome), reason.strip()))
    if problems:
        raise InputErrors(problems)
    if not decisions:
        raise InputErrors([InputProblem("decisions", "no decision", "at least one criterion under review")])
    return tuple(decisions)


def effective_outcome(
    criteria: Sequence[CriterionState], decisions: Iterable[CriterionDecision]
) -> Effective:
    """The engine's outcome with the decisions applied, in the order they were recorded."""
    under_review = {c.id for c in criteria if c.outcome is Outcome.REVIEW}
    decided = {d.criterion: d for d in decisions if d.criterion in under_review}
    outcomes = [decided[c.id].outcome if c.id in decided else c.outcome for c in criteria if c.mandatory]
    still_open = tuple(
        c.id for c in criteria if c.mandatory and c.outcome is Outcome.REVIEW and c.id not in decided
    )
    return Effective(overall(outcomes), decided, still_open)
