from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rules.candidate import parse_candidate
from rules.compiler import RuleSet, compile_profile
from rules.engine import evaluate
from rules.errors import InputErrors
from rules.verdict import Verdict
from tests.unit.rules.conftest import candidate, seed_profile

AS_OF = date(2026, 6, 30)
MATCHING = "Evaluación de proyectos y atención ciudadana"
UNRELATED = "Venta de automóviles en agencia"


def verdict_for(rules: RuleSet, as_of: date = AS_OF, **changes: Any) -> Verdict:
    return evaluate(rules, parse_candidate(candidate(**changes)), as_of)


def job(area: str, start: str, end: str | None, hours: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"title": "Analista", "area": area, "start": start, "end": end}
    if hours is not None:
        data["hours_per_week"] = hours
    return data


def test_ongoing_job_runs_to_as_of(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[job(MATCHING, "2024-07-01", None)])
    assert verdict.experience.credited_days == str((AS_OF - date(2024, 7, 1)).days + 1)
    assert verdict.criterion("experience.years").outcome.value == "pass"


def test_two_years_are_730_credited_days(seed_rules: RuleSet) -> None:
    just_short = verdict_for(seed_rules, jobs=[job(MATCHING, "2024-07-03", None)])
    assert just_short.experience.credited_days == "728"
    assert just_short.criterion("experience.years").outcome.value == "fail"
    exact = verdict_for(seed_rules, jobs=[job(MATCHING, "2024-07-01", "2026-06-30")])
    assert exact.experience.credited_days == "730"
    assert exact.criterion("experience.years").outcome.value == "pass"


def test_overlapping_jobs_count_once_and_intervals_are_listed(seed_rules: RuleSet) -> None:
    verdict = verdict_for(
        seed_rules,
        jobs=[
            job(MATCHING, "2023-01", "2023-12"),
            job("Trabajo de campo y atención ciudadana", "2023-06", "2024-05"),
        ],
    )
    assert verdict.experience.credited_days == str((date(2024, 5, 31) - date(2023, 1, 1)).days + 1)
    assert len(verdict.experience.counted_intervals) == 1
    assert verdict.experience.counted_intervals[0].jobs == (0, 1)


def test_part_time_job_is_credited_in_proportion(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[job(MATCHING, "2024-01-01", "2024-12-31", hours=20)])
    assert verdict.experience.credited_days == "183"


def test_only_jobs_in_a_required_area_count(seed_rules: RuleSet) -> None:
    verdict = verdict_for(
        seed_rules, jobs=[job(UNRELATED, "2010-01", "2020-12"), job(MATCHING, "2025-01", None)]
    )
    assert verdict.criterion("experience.area").outcome.value == "pass"
    assert verdict.criterion("experience.years").outcome.value == "fail"
    assert verdict.experience.counted_intervals[0].jobs == (1,)


def test_no_job_in_a_required_area_fails_the_area(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[job(UNRELATED, "2010-01", "2020-12")])
    assert verdict.criterion("experience.area").outcome.value == "fail"
    assert verdict.outcome.value == "ineligible"


def test_eligible_from_when_only_years_are_missing(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[job(MATCHING, "2025-07-01", None)])
    assert verdict.outcome.value == "ineligible"
    # 365 days credited by 2026-06-30; 365 more from 2026-07-01.
    assert verdict.eligible_from == date(2027, 6, 30)


def test_no_eligible_from_when_another_criterion_fails(seed_rules: RuleSet) -> None:
    verdict = verdict_for(
        seed_rules,
        degrees=[{"level": "Bachillerato", "status": "Terminado", "field": "Ciencia Política"}],
        jobs=[job(MATCHING, "2025-07-01", None)],
    )
    assert verdict.eligible_from is None


def test_no_eligible_from_when_the_matching_job_has_ended(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[job(MATCHING, "2025-07-01", "2026-01-31")])
    assert verdict.eligible_from is None


def test_summary_form_is_credited_as_declared(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[], experience_summary={"years": 3, "area": MATCHING})
    assert verdict.experience.declared
    assert verdict.criterion("experience.years").outcome.value == "pass"
    assert verdict.criterion("experience.years").reason.code == "experience.years.declared_met"


def test_summary_form_short_of_years_fails(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[], experience_summary={"years": "1.5", "area": MATCHING})
    assert verdict.criterion("experience.years").outcome.value == "fail"


def test_no_experience_at_all_fails_both_criteria(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[])
    assert verdict.criterion("experience.area").reason.code == "experience.area.no_experience"
    assert verdict.criterion("experience.years").outcome.value == "fail"


def test_a_job_starting_after_as_of_is_an_input_error_naming_its_field(seed_rules: RuleSet) -> None:
    with pytest.raises(InputErrors) as caught:
        verdict_for(seed_rules, jobs=[job(MATCHING, "2021-01", None), job(MATCHING, "2027-01", None)])
    (problem,) = caught.value.problems
    assert (problem.path, problem.found) == ("jobs[1].start", '"2027-01-01"')
    assert "2026-06-30" in problem.accepted


def test_a_job_starting_on_as_of_is_counted(seed_rules: RuleSet) -> None:
    verdict = verdict_for(seed_rules, jobs=[job(MATCHING, "2026-06-30", None)])
    assert verdict.experience.credited_days == "1"


def test_zero_years_required_passes_years() -> None:
    rules = compile_profile(seed_profile(years=0))
    assert verdict_for(rules, jobs=[]).criterion("experience.years").outcome.value == "pass"
