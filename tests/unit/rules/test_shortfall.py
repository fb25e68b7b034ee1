"""What a candidate would still need (rules/shortfall.py)."""

from __future__ import annotations

from datetime import date

from rules.candidate import parse_candidate
from rules.compiler import RuleSet
from rules.shortfall import still_needed
from rules.vocabulary import Level, Status
from tests.unit.rules.conftest import SEED_AREAS, SEED_FIELDS, candidate

AS_OF = date(2026, 6, 30)
LICENCIATURA = {"level": "Licenciatura", "status": "Titulado", "field": "Ciencia Política"}


def test_an_eligible_candidate_needs_nothing(seed_rules: RuleSet) -> None:
    shortfall = still_needed(seed_rules, parse_candidate(candidate()), AS_OF)
    assert not shortfall.needs_anything and shortfall.under_review == ()


def test_missing_months_and_the_day_the_current_job_covers_them(seed_rules: RuleSet) -> None:
    job = {"area": "Evaluación de proyectos y atención ciudadana", "start": "2025-12-01", "end": None}
    shortfall = still_needed(seed_rules, parse_candidate(candidate(jobs=[job])), AS_OF)
    assert shortfall.experience is not None
    # 212 days credited (2025-12-01..2026-06-30) of 730: 518 to go, 17.03 months -> 18.
    assert (shortfall.experience.days, shortfall.experience.months) == (518, 18)
    assert shortfall.experience.met_on == date(2027, 11, 30)
    assert shortfall.level is None and shortfall.areas == ()


def test_a_finished_job_gives_no_date(seed_rules: RuleSet) -> None:
    job = {"area": "Evaluación de proyectos y atención ciudadana", "start": "2025-01", "end": "2025-12"}
    shortfall = still_needed(seed_rules, parse_candidate(candidate(jobs=[job])), AS_OF)
    assert shortfall.experience is not None
    assert shortfall.experience.days == 365 and shortfall.experience.months == 12
    assert shortfall.experience.met_on is None


def test_the_date_is_given_even_when_another_criterion_fails(seed_rules: RuleSet) -> None:
    job = {"area": "Evaluación de proyectos y atención ciudadana", "start": "2025-12-01", "end": None}
    degree = {"level": "Bachillerato", "status": "Certificado", "field": "Ciencia Política"}
    shortfall = still_needed(seed_rules, parse_candidate(candidate(degrees=[degree], jobs=[job])), AS_OF)
    assert shortfall.level is Level.LICENCIATURA and shortfall.status is Status.TITULO
    assert shortfall.experience is not None and shortfall.experience.met_on == date(2027, 11, 30)


def test_no_degree_and_no_jobs_need_the_whole_profile(seed_rules: RuleSet) -> None:
    shortfall = still_needed(seed_rules, parse_candidate(candidate(degrees=[], jobs=[])), AS_OF)
    assert shortfall.level is Level.LICENCIATURA and shortfall.status is Status.TITULO
    assert shortfall.fields == SEED_FIELDS and shortfall.accepts_equivalents
    assert shortfall.areas == SEED_AREAS
    assert shortfall.experience is not None and shortfall.experience.days == 730
    assert shortfall.experience.met_on is None


def test_unrelated_work_needs_the_areas(seed_rules: RuleSet) -> None:
    job = {"area": "Preparación de alimentos en la cocina de un restaurante", "start": "2015-01", "end": None}
    shortfall = still_needed(
        seed_rules, parse_candidate(candidate(degrees=[LICENCIATURA], jobs=[job])), AS_OF
    )
    assert shortfall.areas == SEED_AREAS
    assert shortfall.experience is not None and shortfall.experience.met_on is None


def test_a_criterion_under_review_is_not_a_need(seed_rules: RuleSet) -> None:
    degree = {"level": "Licenciatura", "status": "Titulado", "field": "Trabajo Social"}
    shortfall = still_needed(seed_rules, parse_candidate(candidate(degrees=[degree])), AS_OF)
    assert shortfall.fields == () and not shortfall.needs_anything
    assert shortfall.under_review == ("education.field",)
