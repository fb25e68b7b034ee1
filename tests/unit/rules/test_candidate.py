from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from rules.candidate import parse_candidate
from rules.errors import InputErrors
from rules.vocabulary import Level, Status
from tests.unit.rules.conftest import candidate


def problems_of(data: Any) -> dict[str, str]:
    with pytest.raises(InputErrors) as caught:
        parse_candidate(data)
    return {p.path: f"{p.found} | {p.accepted}" for p in caught.value.problems}


def test_reads_the_spec_example() -> None:
    parsed = parse_candidate(candidate())
    assert parsed.folio == "A-0042"
    assert parsed.degrees[0].level is Level.LICENCIATURA
    assert parsed.degrees[0].status is Status.TITULO
    assert parsed.jobs[0].start == date(2021, 3, 1)
    assert parsed.jobs[0].end is None
    assert parsed.jobs[0].hours_per_week == Decimal(40)


def test_month_only_end_is_the_last_day_of_the_month() -> None:
    parsed = parse_candidate(candidate(jobs=[{"area": "x", "start": "2024-02", "end": "2024-02"}]))
    assert (parsed.jobs[0].start, parsed.jobs[0].end) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize(
    ("change", "path", "found"),
    [
        (
            {"degrees": [{"level": "Kinder", "status": "Titulado", "field": "Derecho"}]},
            "degrees[0].level",
            "Kinder",
        ),
        (
            {"degrees": [{"level": "Lic.", "status": "más o menos", "field": "Derecho"}]},
            "degrees[0].status",
            "más o menos",
        ),
        ({"degrees": [{"level": "Lic.", "status": "Titulado"}]}, "degrees[0].field", "nothing"),
        ({"jobs": [{"area": "Atención ciudadana", "start": "2024-13-45"}]}, "jobs[0].start", "2024-13-45"),
        ({"jobs": [{"area": "Atención ciudadana", "start": "2024-02-30"}]}, "jobs[0].start", "2024-02-30"),
        (
            {"jobs": [{"area": "Atención ciudadana", "start": "2022-05", "end": "2021-01"}]},
            "jobs[0].end",
            "2021-01",
        ),
        ({"jobs": [{"area": "Atención ciudadana", "start": "marzo 2021"}]}, "jobs[0].start", "marzo 2021"),
        (
            {"jobs": [{"area": "Atención", "start": "2021-01", "hours_per_week": -5}]},
            "jobs[0].hours_per_week",
            "-5",
        ),
        ({"jobs": [], "experience_summary": {"years": -1, "area": "x"}}, "experience_summary.years", "-1"),
        (
            {"jobs": [], "experience_summary": {"years": "mucho", "area": "x"}},
            "experience_summary.years",
            "mucho",
        ),
        ({"competencies": {"Planeación y estrategia": 9}}, "competencies['Planeación y estrategia']", "9"),
        ({"edad": 30}, "edad", "edad"),
    ],
)
def test_each_problem_names_its_path_and_what_was_found(
    change: dict[str, Any], path: str, found: str
) -> None:
    problems = problems_of(candidate(**change))
    assert path in problems
    assert found in problems[path]


def test_every_problem_is_reported_not_only_the_first() -> None:
    problems = problems_of(
        {
            "degrees": [{"level": "Kinder", "status": "casi", "field": "Derecho"}],
            "jobs": [{"area": "x", "start": "2024-13-45"}],
        }
    )
    assert set(problems) == {"degrees[0].level", "degrees[0].status", "jobs[0].start"}


def test_summary_with_jobs_is_rejected() -> None:
    assert "experience_summary" in problems_of(candidate(experience_summary={"years": 3, "area": "x"}))


def test_personal_data_is_accepted_and_not_kept() -> None:
    parsed = parse_candidate(candidate(name="José Núñez Peña", curp="NUPJ800101HDFXXX01", gender="M"))
    assert "Núñez" not in repr(parsed)


@pytest.mark.parametrize("data", [[], "texto", 3, None])
def test_a_candidate_must_be_an_object(data: Any) -> None:
    assert "(candidate)" in problems_of(data)


@pytest.mark.parametrize(
    ("written", "start"),
    [
        ("2021-03-15", date(2021, 3, 15)),
        ("2021-03", date(2021, 3, 1)),
        ("15/03/2021", date(2021, 3, 15)),
        ("15-03-2021", date(2021, 3, 15)),
        ("5.3.2021", date(2021, 3, 5)),
        ("03/2021", date(2021, 3, 1)),
        ("2021/03/15", date(2021, 3, 15)),
    ],
)
def test_dates_are_read_year_first_or_day_first(written: str, start: date) -> None:
    parsed = parse_candidate(candidate(jobs=[{"area": "Atención ciudadana", "start": written}]))
    assert parsed.jobs[0].start == start


@pytest.mark.parametrize("written", ["marzo 2021", "32/03/2021", "2021-13", "31/02/2021"])
def test_a_date_error_names_every_form_accepted(written: str) -> None:
    problem = problems_of(candidate(jobs=[{"area": "Atención ciudadana", "start": written}]))["jobs[0].start"]
    assert "15/03/2021" in problem and "2021-03-15" in problem
