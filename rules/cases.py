"""Rules-as-code test cases: a candidate, a date and the outcomes a catalog author expects (`screening test`).

The format follows OpenFisca's YAML tests: each case names its input and its expected output, and every
disagreement is reported, not only the first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rules.candidate import check_as_of, parse_candidate
from rules.compiler import RuleSet
from rules.engine import evaluate
from rules.errors import InputErrors, ScreeningError
from rules.render import reason_message
from rules.verdict import Verdict

CASE_KEYS = frozenset({"name", "position", "as_of", "input", "expected"})
EXPECTED_KEYS = frozenset({"outcome", "criteria", "eligible_from", "desirable_score", "invalid"})


@dataclass(frozen=True)
class CaseResult:
    name: str
    disagreements: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.disagreements


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ScreeningError(f"{where}: found {value!r}; accepted: a date as YYYY-MM-DD")


def _compare(verdict: Verdict, expected: Mapping[str, Any], lang: str) -> list[str]:
    problems: list[str] = []
    if "outcome" in expected and verdict.outcome.value != expected["outcome"]:
        problems.append(f"outcome: expected {expected['outcome']}, got {verdict.outcome.value}")
    if "eligible_from" in expected:
        want = expected["eligible_from"]
        got = verdict.eligible_from.isoformat() if verdict.eligible_from else None
        want_text = want.isoformat() if isinstance(want, date) else want
        if want_text != got:
            problems.append(f"eligible_from: expected {want_text}, got {got}")
    if "desirable_score" in expected and verdict.desirable.score != expected["desirable_score"]:
        problems.append(
            f"desirable_score: expected {expected['desirable_score']}, got {verdict.desirable.score}"
        )
    criteria = expected.get("criteria") or {}
    if not isinstance(criteria, Mapping):
        return [
            *problems,
            f"expected.criteria: found {criteria!r}; accepted: a mapping of criterion id to outcome",
        ]
    for criterion_id, want in criteria.items():
        try:
            result = verdict.criterion(str(criterion_id))
        except KeyError:
            problems.append(f"{criterion_id}: no such criterion")
            continue
        if result.outcome.value != want:
            problems.append(
                f"{criterion_id}: expected {want}, got {result.outcome.value} ({reason_message(result.reason, lang)})"
            )
    return problems


def run_case(
    index: int,
    case: Any,
    defaults: Mapping[str, Any],
    rule_set_for: Callable[[str], RuleSet],
    lang: str = "es",
) -> CaseResult:
    """Runs one case; problems in the case itself are reported as disagreements with their location."""
    where = f"cases[{index}]"
    if not isinstance(case, Mapping):
        return CaseResult(where, (f"{where}: found {type(case).__name__}; accepted: a mapping",))
    name = str(case.get("name") or where)
    unknown = sorted(set(map(str, case)) - CASE_KEYS)
    if unknown:
        return CaseResult(
            name, (f"{where}: unknown keys {', '.join(unknown)}; accepted: {', '.join(sorted(CASE_KEYS))}",)
        )
    expected = case.get("expected") or {}
    if not isinstance(expected, Mapping) or set(map(str, expected)) - EXPECTED_KEYS:
        return CaseResult(name, (f"{where}.expected: accepted keys: {', '.join(sorted(EXPECTED_KEYS))}",))
    try:
        code = str(case.get("position") or defaults.get("position") or "")
        if not code:
            raise ScreeningError(f"{where}.position: found nothing; accepted: a position code")
        as_of = _as_date(case.get("as_of") or defaults.get("as_of"), f"{where}.as_of")
        rule_set = rule_set_for(code)
        candidate = parse_candidate(case.get("input"))
        check_as_of(candidate, as_of)
    except InputErrors as exc:
        paths = sorted(p.path for p in exc.problems)
        want_invalid = expected.get("invalid")
        if want_invalid is not None and sorted(want_invalid) == paths:
            return CaseResult(name, ())
        return CaseResult(name, tuple(f"input {p}" for p in exc.problems))
    except ScreeningError as exc:
        return CaseResult(name, (str(exc),))
    if expected.get("invalid") is not None:
        return CaseResult(
            name, (f"expected invalid input at {expected['invalid']}, but the input was valid",)
        )
    verdict = evaluate(rule_set, candidate, as_of)
    return CaseResult(name, tuple(_compare(verdict, expected, lang)))


def run_cases(document: Any, rule_set_for: Callable[[str], RuleSet], lang: str = "es") -> list[CaseResult]:
    if not isinstance(document, Mapping) or not isinstance(document.get("cases"), list):
        raise ScreeningError(
            "cases file: accepted: a mapping with a `cases` list (and optional position, as_of)"
        )
    defaults = {k: document.get(k) for k in ("position", "as_of")}
    return [run_case(i, case, defaults, rule_set_for, lang) for i, case in enumerate(document["cases"])]
