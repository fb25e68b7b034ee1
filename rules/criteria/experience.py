"""Criteria `experience.area` and `experience.years` (SPEC section 3, Experience)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rules.areas import AreaMatch, match_area
from rules.candidate import Candidate, Job
from rules.criteria.intervals import Span, credited_units, date_reaching, decimal_text, merge_spans
from rules.messages import N_, register
from rules.policy import Policy
from rules.verdict import CountedInterval, CriterionResult, ExperienceTally, Outcome, Reason, hash_once

register(
    {
        "experience.area.matched": N_(
            'Experience in a required area: "%(area)s" (matching words: %(words)s).'
        ),
        "experience.area.weak": N_(
            'The experience is only loosely related to the required area "%(area)s" (words: %(words)s); '
            "a reviewer must confirm it."
        ),
        "experience.area.none": N_("No experience in any required area: %(required)s."),
        "experience.area.no_experience": N_("No work experience was given; required areas: %(required)s."),
        "experience.years.met": N_(
            "%(credited)s years credited in the required areas; %(required)s required."
        ),
        "experience.years.met_with_review": N_(
            "Only %(credited)s years are credited in clearly matching areas; %(required)s are reached "
            "(%(with_review)s years) only by counting jobs whose area needs review."
        ),
        "experience.years.short": N_(
            "%(credited)s years credited in the required areas; %(required)s required."
        ),
        "experience.years.declared_met": N_(
            "%(declared)s years declared in the required area; %(required)s required (declared, not dated)."
        ),
        "experience.years.declared_review": N_(
            "%(declared)s years declared, in an area that needs review; %(required)s required."
        ),
        "experience.years.declared_short": N_(
            "%(declared)s years declared in the required areas; %(required)s required (declared, not dated)."
        ),
        "experience.years.not_required": N_("The profile requires no years of experience."),
    }
)


@dataclass(frozen=True)
class ExperienceRule:
    """Required years in the named areas, as split by the parser."""

    __hash__ = hash_once

    years: int
    areas: tuple[str, ...]
    text: str

    criterion_ids = ("experience.area", "experience.years")

    def to_dict(self) -> dict[str, Any]:
        return {"rule": "experience", "years": self.years, "areas": list(self.areas), "text": self.text}


@dataclass(frozen=True)
class ExperienceResult:
    area: CriterionResult
    years: CriterionResult
    tally: ExperienceTally
    met_on: date | None
    """When experience.years is not met today: the day ongoing jobs in a matching area will meet it."""


def _full_day(policy: Policy) -> int:
    """Credit units of one full day: hundredths of an hour of the full-time week."""
    return policy.full_time_hours * 100


def _share(job: Job, full: int) -> int:
    if job.hours_per_week is None:
        return full
    return min(full, int(job.hours_per_week * 100))


def _years_text(units: int, policy: Policy) -> str:
    return decimal_text(units, _full_day(policy) * policy.days_per_year)


def _area_result(
    rule: ExperienceRule, matches: list[AreaMatch], found: list[str], evidence: list[dict[str, Any]]
) -> CriterionResult:
    required = list(rule.areas)
    if not matches:
        reason = Reason("experience.area.no_experience", {"required": required})
        return CriterionResult("experience.area", True, Outcome.FAIL, required, found, reason, None)
    best = matches[0] if len(matches) == 1 else max(matches, key=lambda m: (m.outcome.rank, m.score))
    if best.outcome is Outcome.PASS:
        reason = Reason("experience.area.matched", {"area": best.area, "words": list(best.words)})
    elif best.outcome is Outcome.REVIEW:
        reason = Reason("experience.area.weak", {"area": best.area, "words": list(best.words)})
    else:
        reason = Reason("experience.area.none", {"required": required})
    return CriterionResult("experience.area", True, best.outcome, required, found, reason, evidence)


def evaluate_experience(
    rule: ExperienceRule, candidate: Candidate, as_of: date, policy: Policy
) -> ExperienceResult:
    if candidate.jobs or candidate.experience_summary is None:
        return _dated(rule, candidate.jobs, as_of, policy)
    return _declared(rule, candidate, policy)


def _dated(rule: ExperienceRule, jobs: tuple[Job, ...], as_of: date, policy: Policy) -> ExperienceResult:
    full = _full_day(policy)
    required = rule.years * policy.days_per_year * full
    matches: list[AreaMatch] = []
    evidence: list[dict[str, Any]] = []
    passing: list[Span] = []
    reviewed: list[Span] = []
    future: list[Span] = []
    for index, job in enumerate(jobs):
        match = match_area(job.area, rule.areas)
        matches.append(match)
        evidence.append(
            {
                "job": index,
                "title": job.title,
                "area": job.area,
                "outcome": match.outcome.value,
                "matched_area": match.area,
                "words": list(match.words),
            }
        )
        end = job.end if job.end is not None else as_of
        span = Span(index, job.start, min(end, as_of), _share(job, full))
        if match.outcome is Outcome.PASS:
            if job.end is None or job.end > as_of:
                # Ongoing work keeps counting after as_of: when the years will be met (eligible_from).
                future.append(Span(index, job.start, job.end or date.max - timedelta(days=1), span.share))
            if span.start <= span.end:
                passing.append(span)
        elif match.outcome is Outcome.REVIEW and span.start <= span.end:
            reviewed.append(span)

    segments = merge_spans(passing, full)
    credited = credited_units(segments)
    with_review = credited_units(merge_spans(passing + reviewed, full)) if reviewed else credited
    tally = ExperienceTally(
        counted_intervals=tuple(
            CountedInterval(s.start, s.end, s.days, decimal_text(s.credit, full), s.jobs) for s in segments
        ),
        credited_days=decimal_text(credited, full),
        credited_years=_years_text(credited, policy),
    )
    area = _area_result(rule, matches, [job.area for job in jobs], evidence)
    params: dict[str, Any] = {"required": rule.years, "credited": tally.credited_years}
    met_on: date | None = None
    if rule.years == 0:
        years = CriterionResult(
            "experience.years",
            True,
            Outcome.PASS,
            0,
            tally.credited_years,
            Reason("experience.years.not_required", {}),
            None,
        )
    elif credited >= required:
        years = CriterionResult(
            "experience.years",
            True,
            Outcome.PASS,
            rule.years,
            tally.credited_years,
            Reason("experience.years.met", params),
            None,
        )
    else:
        met_on = date_reaching(required - credited, future, as_of, full)
        if policy.count_review_areas and with_review >= required:
            params["with_review"] = _years_text(with_review, policy)
            years = CriterionResult(
                "experience.years",
                True,
                Outcome.REVIEW,
                rule.years,
                tally.credited_years,
                Reason("experience.years.met_with_review", params),
                {"credited_years_with_review": params["with_review"]},
            )
        else:
            years = CriterionResult(
                "experience.years",
                True,
                Outcome.FAIL,
                rule.years,
                tally.credited_years,
                Reason("experience.years.short", params),
                None,
            )
    return ExperienceResult(area, years, tally, met_on)


def _declared(rule: ExperienceRule, candidate: Candidate, policy: Policy) -> ExperienceResult:
    summary = candidate.experience_summary
    assert summary is not None  # nosec B101 # narrows the type; the caller takes this path only with a summary
    match = match_area(summary.area, rule.areas)
    evidence = [
        {
            "job": None,
            "title": "",
            "area": summary.area,
            "outcome": match.outcome.value,
            "matched_area": match.area,
            "words": list(match.words),
        }
    ]
    area = _area_result(rule, [match], [summary.area], evidence)
    hundredths = int(summary.years * 100)
    tally = ExperienceTally(
        counted_intervals=(),
        credited_days=decimal_text(hundredths * policy.days_per_year, 100)
        if match.outcome is not Outcome.FAIL
        else "0",
        credited_years=decimal_text(hundredths, 100) if match.outcome is not Outcome.FAIL else "0",
        declared=True,
    )
    params: dict[str, Any] = {"required": rule.years, "declared": decimal_text(hundredths, 100)}
    if rule.years == 0:
        outcome, code = Outcome.PASS, "experience.years.not_required"
    elif summary.years < rule.years or match.outcome is Outcome.FAIL:
        outcome, code = Outcome.FAIL, "experience.years.declared_short"
    elif match.outcome is Outcome.REVIEW:
        outcome, code = Outcome.REVIEW, "experience.years.declared_review"
    else:
        outcome, code = Outcome.PASS, "experience.years.declared_met"
    years = CriterionResult(
        "experience.years",
        True,
        outcome,
        rule.years,
        params["declared"],
        Reason(code, params),
        {"declared": True},
    )
    return ExperienceResult(area, years, tally, None)
