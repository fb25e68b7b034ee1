"""Every list and mapping of a candidate is capped, and so is the text the rules read: each problem names the
field, the count found and the limit (in the reader's language), and any accepted candidate costs a bounded
amount of work (bench/load.py bodies measures it)."""

from __future__ import annotations

from typing import Any

import pytest

from rules.candidate import (
    MAX_COMPETENCIES,
    MAX_NAME,
    MAX_READ_TEXT,
    MAX_UNKNOWN_KEYS,
    TOP_KEYS,
    parse_candidate,
)
from rules.errors import InputErrors, InputProblem
from rules.render import problem_line
from tests.unit.rules.conftest import candidate


def problems(data: Any) -> list[InputProblem]:
    with pytest.raises(InputErrors) as caught:
        parse_candidate(data)
    return list(caught.value.problems)


def test_competencies_are_capped_with_one_problem_naming_the_count_and_the_limit() -> None:
    many = {f"Competencia {index}": 3 for index in range(50_000)}
    [problem] = problems(candidate(competencies=many))
    assert problem.path == "competencies"
    assert problem_line(problem, "en") == (
        f"competencies: found 50000 competencies; accepted: at most {MAX_COMPETENCIES}"
    )
    assert problem_line(problem, "es") == (
        f"competencies: se encontró 50000 elementos en competencies; se acepta: como máximo {MAX_COMPETENCIES}"
    )


def test_as_many_competencies_as_the_limit_are_read() -> None:
    most = {f"Competencia {index}": 3 for index in range(MAX_COMPETENCIES)}
    assert len(parse_candidate(candidate(competencies=most)).competencies) == MAX_COMPETENCIES


def test_a_competency_name_is_capped_and_not_echoed_whole() -> None:
    name = "Planeación " * 100
    [problem] = problems(candidate(competencies={name: 4}))
    assert len(problem.path) < 120
    assert problem_line(problem, "en").endswith(
        f"found a name of {len(name)} characters; accepted: at most {MAX_NAME} characters"
    )
    assert "un nombre de 1100 caracteres" in problem_line(problem, "es")


def test_the_text_the_rules_read_is_capped_in_all() -> None:
    # Each text and each list is within its own limit; added up they are not.
    jobs = [{"area": f"Atención ciudadana {index} " + "y " * 900, "start": "2020-01"} for index in range(5)]
    data = candidate(jobs=jobs)
    [problem] = problems(data)
    degree = "LicenciaturaTituladoCiencia PolíticaUNAM"
    total = sum(len(job["area"].strip()) for job in jobs) + len(degree)
    assert problem.path == "(candidate)"
    assert problem_line(problem, "en") == (
        f"(candidate): found texts of {total} characters in all (degrees, jobs, experience_summary, knowledge, "
        f"skills and competencies); accepted: at most {MAX_READ_TEXT} characters in all"
    )
    assert problem_line(problem, "es").startswith(
        f"(candidate): se encontró textos de {total} caracteres en total"
    )


def test_a_candidate_just_within_the_text_limit_is_read() -> None:
    room = MAX_READ_TEXT - 200
    jobs = [{"area": "Atención ciudadana " + "y " * (room // 8), "start": "2020-01"} for _ in range(4)]
    assert len(parse_candidate(candidate(jobs=jobs)).jobs) == 4


def test_many_unknown_keys_give_a_bounded_number_of_problems() -> None:
    data = candidate(**{f"k{index}": 1 for index in range(50_000)})
    found = problems(data)
    assert len(found) == MAX_UNKNOWN_KEYS + 1
    assert problem_line(found[-1], "en") == (
        f"(candidate): found 50000 unknown keys; accepted: one of {', '.join(sorted(TOP_KEYS))} (the first "
        f"{MAX_UNKNOWN_KEYS} unknown keys are named)"
    )


def test_a_long_unknown_key_is_not_echoed_whole() -> None:
    [problem] = problems(candidate(**{"x" * 10_000: 1}))
    assert len(problem.path) < 120 and len(problem.found) < 120


def test_a_lone_surrogate_is_a_problem_shown_as_its_escape() -> None:
    # The command line and the bulk files read JSON the same way: "\ud800" is a code point, not a character.
    found = problems(candidate(folio="A-\ud800", knowledge=["x\udfff"], **{"\ud83d": 1}))
    lines = [problem_line(problem, "en") for problem in found]
    assert lines == [
        "\\ud83d: found unknown key '\\ud83d'; accepted: one of " + ", ".join(sorted(TOP_KEYS)),
        "folio: found a text with a lone surrogate (\\ud800); accepted: Unicode text (an escape such as \\ud83d "
        "only as half of a pair that makes one character)",
        "knowledge[0]: found a text with a lone surrogate (\\udfff); accepted: Unicode text (an escape such as "
        "\\ud83d only as half of a pair that makes one character)",
    ]
    for line in lines:
        line.encode("utf-8")
