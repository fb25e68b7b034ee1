"""The IECM text layout: many profiles, page headers anywhere, wrapped values, and a problem for what is wrong."""

from __future__ import annotations

import dataclasses

import pytest

from rules.areas import split_areas
from rules.catalog import parse_catalog_text
from rules.catalog.text import EDUCATION, EXPERIENCE, FUNCTIONS
from rules.profile import Competency
from rules.vocabulary import Level, Status
from tests.unit.rules.catalog.catalog_builder import PAGE_HEADER, ProfileLayout, catalog_text, three_profiles


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of `text` that contains `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_three_profiles_parse_completely(newline: str) -> None:
    parsed = parse_catalog_text(catalog_text(*three_profiles(), newline=newline))
    assert parsed.problems == ()
    assert [p.code for p in parsed.profiles] == ["8-010-003-C301", "8-011-005-C412", "8-012-007-C520"]


def test_list_continues_across_a_page_header() -> None:
    first, second, third = parse_catalog_text(catalog_text(*three_profiles())).profiles
    assert len(first.functions) == 8
    assert (
        first.functions[5]
        == "Coordinar la actividad número 6 de la Dirección, conforme a la normatividad aplicable."
    )
    assert second.knowledge == ProfileLayout("x", "y").knowledge
    assert len(third.knowledge) == 4 and len(third.functions) == 8


def test_value_wrapped_onto_the_next_line_is_joined() -> None:
    first = parse_catalog_text(catalog_text(*three_profiles())).profiles[0]
    assert first.experience.text == (
        "Organización de procesos electorales, cartografía electoral, así como manejo de sistemas de información "
        "geográfica."
    )
    assert first.experience.areas == split_areas(first.experience.text)
    assert first.experience.areas[-1] == "manejo de sistemas de información geográfica"


def test_each_profile_reads_its_own_requirements() -> None:
    first, second, third = parse_catalog_text(catalog_text(*three_profiles())).profiles
    assert first.education.fields == ("Geografía", "Ingeniería en Sistemas", "Actuaría")
    assert first.education.accepts_equivalents is True
    assert (second.education.status, second.education.fields) == (
        Status.PASANTE,
        ("Contaduría", "Administración", "Economía"),
    )
    assert second.education.accepts_equivalents is False
    assert (third.education.level, third.education.status) == (Level.MAESTRIA, Status.TITULO)
    assert third.education.fields == ("Ciencias Políticas y Administración Pública", "Pedagogía")
    assert [p.experience.years for p in (first, second, third)] == [3, 2, 1]


def test_blank_type_cells_inherit_the_type_above() -> None:
    first = parse_catalog_text(catalog_text(*three_profiles())).profiles[0]
    assert [(c.type, c.grade) for c in first.competencies] == [
        ("Institucionales", 2),
        ("Institucionales", 3),
        ("Transversales", 4),
        ("Técnicas", 5),
        ("Técnicas", 4),
    ]


def test_several_spaces_work_as_tabs() -> None:
    text = catalog_text(*three_profiles()).replace("\t", "    ")
    parsed = parse_catalog_text(text)
    assert parsed.problems == ()
    assert parsed.profiles == parse_catalog_text(catalog_text(*three_profiles())).profiles


def test_trailing_spaces_and_stray_blank_lines_are_tolerated() -> None:
    text = "\n".join(f"{line}   \n" for line in catalog_text(*three_profiles()).split("\n"))
    parsed = parse_catalog_text(text)
    assert parsed.problems == ()
    assert len(parsed.profiles) == 3


def test_identification_value_wrapped_within_its_columns() -> None:
    layout = ProfileLayout("8-013-002-C110", "Titular de la Unidad")
    lines = layout.lines()
    at = lines.index("Código\tCargo/Puesto\tAdscripción")
    lines[at - 1 : at] = [
        "8-013-002-C110\tTitular de la Unidad Técnica de\tUnidad Técnica de Vinculación con",
        "\tFormación Ciudadana\tOrganismos Externos",
    ]
    parsed = parse_catalog_text("\n".join(PAGE_HEADER + lines))
    assert parsed.problems == ()
    ident = parsed.profiles[0].identification
    assert ident.title == "Titular de la Unidad Técnica de Formación Ciudadana"
    assert ident.unit == "Unidad Técnica de Vinculación con Organismos Externos"


def test_wrapped_list_item_is_joined() -> None:
    layout = ProfileLayout("8-013-002-C111", "Analista", skills=("Análisis y síntesis de", "información."))
    lines = layout.lines()
    at = lines.index("2\tinformación.")
    lines[at] = "información."
    profile = parse_catalog_text("\n".join(lines)).profiles[0]
    assert profile.skills == ("Análisis y síntesis de información.",)


def test_missing_experience_section_names_the_profile_and_line_and_keeps_the_others() -> None:
    layouts = three_profiles()
    layouts[1] = dataclasses.replace(layouts[1], with_experience=False)
    text = catalog_text(*layouts)
    parsed = parse_catalog_text(text)
    assert [p.code for p in parsed.profiles] == ["8-010-003-C301", "8-012-007-C520"]
    (problem,) = parsed.problems
    assert problem.code == "8-011-005-C412"
    assert problem.section == EXPERIENCE
    start = [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("IDENTIFICACIÓN")][1]
    assert problem.line == start
    assert "Experiencia Laboral Requerida" in problem.message


def test_unknown_level_word_is_a_problem_on_its_line() -> None:
    layouts = three_profiles()
    layouts[2] = dataclasses.replace(layouts[2], level="Kinder")
    text = catalog_text(*layouts)
    parsed = parse_catalog_text(text)
    assert [p.code for p in parsed.profiles] == ["8-010-003-C301", "8-011-005-C412"]
    (problem,) = parsed.problems
    assert (problem.line, problem.section, problem.code) == (
        line_of(text, "Kinder\t"),
        EDUCATION,
        "8-012-007-C520",
    )
    assert "'Kinder'" in problem.message and "Licenciatura" in problem.message


def test_duplicated_code_is_a_problem_for_each_copy() -> None:
    layouts = three_profiles()
    layouts[2] = dataclasses.replace(layouts[2], code=layouts[0].code)
    parsed = parse_catalog_text(catalog_text(*layouts))
    assert [p.code for p in parsed.profiles] == ["8-011-005-C412"]
    assert len(parsed.problems) == 2
    assert all(p.code == "8-010-003-C301" and "2 times" in p.message for p in parsed.problems)


@pytest.mark.parametrize(
    ("attribute", "value", "needle", "section", "words"),
    [
        ("years", "2.5", "2.5\t", EXPERIENCE, "whole number"),
        ("years", "dos", "dos\t", EXPERIENCE, "whole number"),
        ("status", "Diplomado", "\tDiplomado", EDUCATION, "Grado de Avance"),
        ("level", "Kínder", "Kínder\t", EDUCATION, "Nivel de Instrucción"),
    ],
    ids=["fractional-years", "years-in-words", "unknown-status", "unknown-level"],
)
def test_unreadable_value_is_a_problem_on_its_line(
    attribute: str, value: str, needle: str, section: str, words: str
) -> None:
    layout = ProfileLayout("8-014-001-C001", "Analista")
    setattr(layout, attribute, value)
    text = catalog_text(layout)
    parsed = parse_catalog_text(text)
    (problem,) = parsed.problems
    assert parsed.profiles == ()
    assert (problem.line, problem.section) == (line_of(text, needle), section)
    assert words in problem.message


@pytest.mark.parametrize("slip", ["skips", "repeats"])
def test_list_numbering_that_skips_or_repeats_is_a_problem(slip: str) -> None:
    lines = ProfileLayout("8-015-001-C002", "Analista").lines()
    third = lines.index("Funciones\t") + 3
    if slip == "skips":
        del lines[third]
    else:
        lines[third] = "2\t" + lines[third].split("\t", 1)[1]
    parsed = parse_catalog_text("\n".join(lines))
    assert parsed.profiles == ()
    (problem,) = parsed.problems
    assert (problem.line, problem.section) == (third + 1, FUNCTIONS)
    assert slip in problem.message


@pytest.mark.parametrize("grade", ["0", "6", "Alto"])
def test_competency_grade_outside_one_to_five_is_a_problem(grade: str) -> None:
    layout = ProfileLayout("8-016-001-C003", "Analista")
    lines = layout.lines()
    lines[-1] = lines[-1].rsplit("\t", 1)[0] + f"\t{grade}"
    parsed = parse_catalog_text("\n".join(lines))
    assert parsed.profiles == ()
    assert parsed.problems[0].line == len(lines)
    assert parsed.problems[0].code == "8-016-001-C003"


def test_line_the_parser_does_not_understand_is_a_problem() -> None:
    layout = ProfileLayout(
        "8-017-001-C004", "Analista", extra_lines={"Habilidad\t": ["Observaciones\tVer anexo"]}
    )
    text = catalog_text(layout)
    parsed = parse_catalog_text(text)
    assert parsed.profiles == ()
    (problem,) = parsed.problems
    assert problem.line == line_of(text, "Observaciones")


def test_text_before_the_first_profile_is_a_problem_that_rejects_no_profile() -> None:
    text = "Índice general\n" + catalog_text(*three_profiles())
    parsed = parse_catalog_text(text)
    assert len(parsed.profiles) == 3
    (problem,) = parsed.problems
    assert (problem.line, problem.code) == (1, None)


def test_profile_without_identification_title_does_not_spoil_the_one_before() -> None:
    layouts = three_profiles()
    text = catalog_text(*layouts)
    lines = text.split("\n")
    third_start = [n for n, line in enumerate(lines) if line.startswith("IDENTIFICACIÓN")][2]
    del lines[third_start : third_start + 11]  # the third profile's whole identification block
    parsed = parse_catalog_text("\n".join(lines))
    assert [p.code for p in parsed.profiles] == ["8-010-003-C301", "8-011-005-C412"]
    assert parsed.problems and all(p.code is None for p in parsed.problems)


def test_byte_order_mark_and_form_feeds_are_ignored() -> None:
    text = "\ufeff" + catalog_text(*three_profiles()).replace("**Catálogo", "\f**Catálogo")
    parsed = parse_catalog_text(text)
    assert parsed.problems == () and len(parsed.profiles) == 3


def test_empty_text_gives_nothing() -> None:
    parsed = parse_catalog_text("")
    assert (parsed.profiles, parsed.problems) == ((), ())


def test_page_title_without_bold_marks_is_still_a_header() -> None:
    text = catalog_text(*three_profiles()).replace("**", "")
    parsed = parse_catalog_text(text)
    assert parsed.problems == () and len(parsed.profiles) == 3


def test_function_that_cites_the_catalog_by_name_is_kept() -> None:
    functions = ("Actualizar el", "Catálogo de Cargos y Puestos de la Rama Administrativa del IECM.")
    lines = ProfileLayout("8-018-001-C005", "Analista", functions=functions).lines()
    lines.remove("2\tCatálogo de Cargos y Puestos de la Rama Administrativa del IECM.")
    at = lines.index("1\tActualizar el") + 1
    lines.insert(at, "Catálogo de Cargos y Puestos de la Rama Administrativa del IECM.")
    parsed = parse_catalog_text("\n".join(lines))
    assert parsed.profiles[0].functions == (
        "Actualizar el Catálogo de Cargos y Puestos de la Rama Administrativa del IECM.",
    )


def test_page_number_lines_are_skipped() -> None:
    layout = ProfileLayout("8-019-001-C006", "Analista", extra_lines={"Habilidad\t": ["Página 3 de 120"]})
    parsed = parse_catalog_text(catalog_text(layout))
    assert parsed.problems == () and len(parsed.profiles[0].skills) == 2


def test_no_experience_required_reads_as_zero_years() -> None:
    layout = ProfileLayout("8-019-001-C007", "Auxiliar", years="No aplica", area_lines=("No aplica",))
    (profile,) = parse_catalog_text(catalog_text(layout)).profiles
    assert (profile.experience.years, profile.experience.areas, profile.experience.text) == (
        0,
        (),
        "No aplica",
    )


def test_competency_row_wrapped_before_its_grade_and_a_type_on_its_own_line() -> None:
    lines = ProfileLayout("8-019-001-C008", "Analista").lines()
    at = lines.index("Técnicas\tCartografía electoral.\t5")
    lines[at : at + 1] = ["Técnicas", "\tCartografía electoral y sistemas de", "información geográfica.\t5"]
    (profile,) = parse_catalog_text("\n".join(lines)).profiles
    assert profile.competencies[3:] == (
        Competency("Técnicas", "Cartografía electoral y sistemas de información geográfica.", 5),
        Competency("Técnicas", "Sistemas de información geográfica.", 4),
    )


def test_label_under_another_section_is_a_problem() -> None:
    lines = ProfileLayout("8-019-001-C009", "Analista").lines()
    lines.remove("Experiencia Laboral Requerida\t")
    text = "\n".join(lines)
    parsed = parse_catalog_text(text)
    assert parsed.profiles == ()
    sections = {(p.line, p.section) for p in parsed.problems}
    assert (line_of(text, "Años de Experiencia"), EDUCATION) in sections
    assert any("Experiencia Laboral Requerida" in p.message for p in parsed.problems)


def test_labels_written_with_colons_are_labels() -> None:
    text = catalog_text(*three_profiles()).replace(
        "Código\tCargo/Puesto\tAdscripción", "Código:\tCargo/Puesto:\tAdscripción:"
    )
    parsed = parse_catalog_text(text)
    assert parsed.problems == () and len(parsed.profiles) == 3
