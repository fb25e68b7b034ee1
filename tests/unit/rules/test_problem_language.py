"""Input problems written in the user's language (rules/errors.py Text, rules/render.py problem_in)."""

from __future__ import annotations

import pytest

from rules.candidate import parse_candidate
from rules.errors import InputErrors, InputProblem, plural_text
from rules.render import problem_in, problem_line, text_in


def problems(data: object) -> list[InputProblem]:
    with pytest.raises(InputErrors) as raised:
        parse_candidate(data)
    return list(raised.value.problems)


def test_the_english_text_is_kept_as_it_was() -> None:
    [problem] = problems({"degrees": [{"level": "Kinder", "status": "Titulado", "field": "Derecho"}]})
    assert str(problem).startswith('degrees[0].level: found "Kinder"; accepted: Primaria, Secundaria')


@pytest.mark.parametrize(
    ("data", "path", "found", "accepted"),
    [
        (
            {"degrees": [{"level": "Kinder", "status": "Titulado", "field": "Derecho"}]},
            "degrees[0].level",
            '"Kinder"',
            "Primaria, Secundaria, Bachillerato, Técnico Superior Universitario, Licenciatura, Especialidad, Maestría, "
            "Doctorado (y abreviaturas como Lic., Ing., Mtría., Dr.)",
        ),
        (
            {"jobs": [{"area": "Archivo", "start": "2024-02-30"}]},
            "jobs[0].start",
            '"2024-02-30"',
            "un día que exista en ese mes, en una fecha como 2021-03-15 o 15/03/2021",
        ),
        (
            {"jobs": [{"area": "Archivo", "start": "2022-05", "end": "2020-01"}]},
            "jobs[0].end",
            '"2020-01"',
            "una fecha igual o posterior al inicio (2022-05-01)",
        ),
        (
            {"degrees": [{"level": "Licenciatura", "status": "Titulado"}]},
            "degrees[0].field",
            "nada",
            "un texto no vacío",
        ),
        (
            {"jobs": [{"area": "Archivo", "start": "2020-01", "hours_per_week": 500}]},
            "jobs[0].hours_per_week",
            "500",
            "horas por semana de 0.5 a 168",
        ),
        ({"nombre": "Ana"}, "nombre", "la clave desconocida 'nombre'", None),
        (
            {"jobs": [{"area": "x" * 2001, "start": "2020-01"}]},
            "jobs[0].area",
            "un texto de 2001 caracteres",
            "como máximo 2000 caracteres",
        ),
    ],
)
def test_problems_read_in_spanish(data: object, path: str, found: str, accepted: str | None) -> None:
    [problem] = problems(data)
    spanish = problem_in(problem, "es")
    assert (spanish.path, spanish.found) == (path, found)
    if accepted is not None:
        assert spanish.accepted == accepted
    assert problem_in(problem, "en") == problem


def test_a_problem_line_in_spanish() -> None:
    [problem] = problems([])
    assert problem_line(problem, "es") == "(candidate): se encontró una lista; se acepta: un objeto JSON"
    assert problem_line(problem, "en") == "(candidate): found a list; accepted: a JSON object"


def test_too_many_items_are_counted_in_spanish() -> None:
    [problem] = problems({"knowledge": ["Normativa electoral"] * 201})
    assert problem_line(problem, "es") == "knowledge: se encontró 201 elementos; se acepta: como máximo 200"


@pytest.mark.parametrize(
    ("count", "written"), [(0, "0 rows left out"), (1, "1 row left out"), (2, "2 rows left out")]
)
def test_a_message_that_counts_takes_the_singular_for_one_only(count: int, written: str) -> None:
    message = plural_text("%(count)s row left out", "%(count)s rows left out", count)
    assert str(message) == written
    assert text_in(message, "en") == written


def test_catalog_problems_are_written_in_the_readers_language() -> None:
    from rules.catalog import parse_catalog
    from rules.render import catalog_problem_in, catalog_problem_line

    parsed = parse_catalog("perfiles:\n  - 1\n", "perfiles.yaml")
    [problem] = parsed.problems
    assert (
        problem.message
        == "found no profiles; accepted: a mapping with a profiles list, or one profile mapping"
    )
    assert catalog_problem_in(problem, "es") == (
        "no se encontraron perfiles; se acepta: un mapeo con una lista profiles, o el mapeo de un perfil"
    )
    assert catalog_problem_line(problem, "es").startswith("línea 1: no se encontraron perfiles")
    assert catalog_problem_line(problem, "en") == "line 1: " + problem.message


def test_a_yaml_profile_s_problems_name_what_was_found_in_spanish() -> None:
    from rules.catalog import parse_catalog
    from rules.render import catalog_problem_in

    document = (
        "identification: {code: 9-000-000-X001, title: Analista}\n"
        "education: {level: Kinder, status: Titulado, fields: [Derecho], accepts_equivalents: si}\n"
        "experience: {years: true, areas: [Archivo]}\n"
    )
    problems = {p.section: p for p in parse_catalog(document, "perfil.yaml").problems}
    assert problems["experience.years"].message == "found true (a boolean); accepted: a whole number from 0"
    assert catalog_problem_in(problems["experience.years"], "es") == (
        "se encontró true (un booleano); se acepta: un número entero desde 0"
    )
    level = catalog_problem_in(problems["education.level"], "es")
    assert level.startswith("se encontró 'Kinder'; se acepta: Primaria, Secundaria")
    assert level.endswith("(y abreviaturas como Lic., Ing., Mtría., Dr.)")
    assert catalog_problem_in(problems["education.accepts_equivalents"], "es") == (
        "se encontró 'si'; se acepta: true o false"
    )
