"""The field-of-study taxonomy: its data, how names are normalised and looked up (rules/taxonomy)."""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.errors import CatalogError
from rules.taxonomy import (
    TAXONOMY_VERSION,
    closest,
    compound_parts,
    entries,
    lookup,
    near_spelling,
    normalize_field,
    parse_programs,
)
from rules.taxonomy.isced import CMPE_CAMPOS_AMPLIOS, ISCED_F_DETAILED, cmpe_campo_of

HEADER = "program,variants,isced_f_2013_detailed,isced_f_detailed_name,cmpe_campo_amplio,confidence,alternatives,note\n"


def _names() -> list[str]:
    text = resources.files("rules.taxonomy").joinpath("programs.csv").read_text(encoding="utf-8")
    import csv
    import io

    names: list[str] = []
    for row in csv.DictReader(io.StringIO(text)):
        names.append(row["program"])
        names.extend(v.strip() for v in row["variants"].split(";") if v.strip())
    return names


NAMES = _names()


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("Lic. en Ciencias Políticas", "Ciencia Política"),
        ("CIENCIAS POLITICAS", "Ciencia Política"),
        ("Licenciatura en Sociologia.", "Sociología"),
        ("Licenciado/a en Derecho", "Derecho"),
        ("Licenciado(a) en Derecho", "Derecho"),
        ("Licenciada en Economía", "Economía"),
        ("Maestría en Administración Pública", "Administración Pública"),
        ("Lic. en Admon. Pública", "Administración Pública"),
        ("Lic. en Admón. Pública", "Administración Pública"),
        ("Cs. Políticas", "Ciencias Políticas"),
        ("Ing. Civil", "Ingeniería Civil"),
        ("Ingeniera Civil", "Ingeniería Civil"),
        ("Ingeniero Mecatrónico", "Ingeniería Mecatrónica"),
        ("Contadora Pública", "Contador Público"),
        ("Médica Cirujana", "Médico Cirujano"),
        ("Relación Internacional", "Relaciones Internacionales"),
        ("  Pedagogía  ", "pedagogia"),
        ("Licenciatura en Derecho o equivalentes", "Derecho"),
        ("Derecho (titulado)", "Derecho"),
        ("Bachelor of Arts in Economics", "Economics"),
    ],
)
def test_normalised_forms_ignore_case_accents_prefixes_gender_and_plural(written: str, same_as: str) -> None:
    assert normalize_field(written) == normalize_field(same_as)


@pytest.mark.parametrize(
    ("written", "program"),
    [
        ("Lic. en Ciencias Políticas", "Ciencia Política"),
        ("Politóloga", "Ciencia Política"),
        ("Political Science", "Ciencia Política"),
        ("Abogada", "Derecho"),
        ("Licenciado en Leyes", "Derecho"),
        ("Bachelor of Laws", "Derecho"),
        ("C.P.", "Contaduría Pública"),
        ("LAE", "Administración de Empresas"),
        ("Lic. en RRII", "Relaciones Internacionales"),
        ("Ing. en Sist. Comp.", "Ingeniería en Sistemas Computacionales"),
        ("Ingeniero en Sistemas", "Ingeniería en Sistemas Computacionales"),
        ("Médica Veterinaria Zootecnista", "Medicina Veterinaria y Zootecnia"),
        ("Ingeniero Agrónomo Zootecnista", "Zootecnia"),
        ("Química Farmacobióloga", "Química Farmacéutico Biológica"),
        ("Q.F.B.", "Química Farmacéutico Biológica"),
        ("Licenciatura en Derecho con acentuación en Derecho Electoral", "Derecho"),
        ("Psicología con orientación en Psicología Social", "Psicología"),
        (
            "Educación Secundaria con Especialidad en Historia",
            "Educación Secundaria con Especialidad en Historia",
        ),
        ("Comunicóloga", "Ciencias de la Comunicación"),
        ("TSU en Tecnologías de la Información", "Tecnologías de la Información"),
        (
            "Licenciatura en Educación Secundaria con Especialidad en Matemáticas",
            "Educación Secundaria con Especialidad en Matemáticas",
        ),
    ],
)
def test_lookup_finds_the_program_a_name_means(written: str, program: str) -> None:
    entry = lookup(written)
    assert entry is not None and entry.program == program


@pytest.mark.parametrize(
    ("written", "program", "detailed"),
    [
        ("Ingeniería Química", "Ingeniería Química", "0711"),
        ("Ingeniero Químico", "Ingeniería Química", "0711"),
        ("Ingeniería en Alimentos", "Ingeniería en Alimentos", "0721"),
        ("Ingeniería en Administración", "Ingeniería en Administración", "0413"),
        ("Ingeniería en Finanzas", "Finanzas", "0412"),
        ("Ingeniería en Ciencias de la Computación", "Ciencias de la Computación", "0613"),
    ],
)
def test_engineering_prefix_is_dropped_only_where_the_name_is_not_an_engineering_program(
    written: str, program: str, detailed: str
) -> None:
    entry = lookup(written)
    assert entry is not None and (entry.program, entry.detailed) == (program, detailed)


@pytest.mark.parametrize(
    "written",
    ["Ingeniería Industrial", "Criminología", "Criminalística", "Licenciatura", "", "Humanidades"],
)
def test_names_the_taxonomy_does_not_place_are_unknown(written: str) -> None:
    assert lookup(written) is None


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("Ciencias Políticas y Administración Pública", ("ciencias politicas", "administracion publica")),
        ("Lic. en Derecho y Lic. en Economía", ("derecho", "economia")),
        ("Contaduría, Finanzas", ("contaduria", "finanzas")),
        ("Sociología / Antropología", ("sociologia", "antropologia")),
        ("Geografía e Historia", ("geografia", "historia")),
        ("Derecho", ()),
    ],
)
def test_compound_names_split_into_their_parts(written: str, parts: tuple[str, ...]) -> None:
    assert compound_parts(written) == parts


@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("Adminstracion Publica", "Administración Pública"),
        ("Ciencias Poltiicas", "Ciencias Políticas"),
        ("Pedagojia", "Pedagogía"),
        ("Sociologìa", "Sociología"),
    ],
)
def test_a_slip_of_typing_is_read_as_the_one_close_name(written: str, read_as: str) -> None:
    corrected = closest(written)
    assert corrected is not None and normalize_field(corrected[1]) == normalize_field(read_as)


@pytest.mark.parametrize("written", ["Fisica Nuclear", "Dana", "Xyzzy Abcde"])
def test_names_far_from_every_program_are_not_corrected(written: str) -> None:
    assert closest(written) is None


def test_near_spelling_needs_a_name_long_enough_to_tell_apart() -> None:
    assert near_spelling("Derecjo", "Derecho")
    assert not near_spelling("Danza", "Dando")
    assert not near_spelling("Física", "Música")


def test_the_taxonomy_maps_at_least_400_program_names() -> None:
    assert len({normalize_field(name) for name in NAMES}) >= 400
    assert len(entries()) >= 300


def test_every_entry_is_consistent_with_isced_f_and_cmpe() -> None:
    for entry in entries():
        assert entry.detailed in ISCED_F_DETAILED
        assert (entry.narrow, entry.broad_isced) == (entry.detailed[:3], entry.detailed[:2])
        assert entry.campo_amplio is None or entry.campo_amplio == cmpe_campo_of(entry.detailed)
        assert entry.campo_amplio is None or entry.campo_amplio in CMPE_CAMPOS_AMPLIOS
        assert entry.confidence in ("high", "medium")
        assert not entry.alternatives or entry.confidence == "medium"


def test_law_sits_in_cmpe_campo_03_though_isced_f_puts_it_under_04() -> None:
    derecho = lookup("Derecho")
    assert derecho is not None
    assert (derecho.detailed, derecho.broad_isced, derecho.campo_amplio) == ("0421", "04", "03")


def test_every_name_of_the_data_finds_its_own_program() -> None:
    for name in NAMES:
        assert lookup(name) is not None, name


def test_version_is_a_short_sha256_of_the_data_file() -> None:
    data = resources.files("rules.taxonomy").joinpath("programs.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest()[:12] == TAXONOMY_VERSION


def test_a_changed_data_file_changes_the_version() -> None:
    row = "Derecho,,0421,Law,03,high,,\n"
    one = parse_programs((HEADER + row).encode())
    other = parse_programs(
        (HEADER + row + "Sociología,,0314,Sociology and cultural studies,03,high,,\n").encode()
    )
    assert one.version != other.version


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("Derecho,,9999,Law,03,high,,\n", "'9999' is not an ISCED-F 2013 detailed field"),
        ("Derecho,,0421,Laws,03,high,,\n", "0421 is named 'Law'"),
        ("Derecho,,0421,Law,04,high,,\n", "campo amplio '04' does not hold ISCED-F 0421"),
        ("Derecho,,0421,Law,03,certain,,\n", "confidence 'certain'"),
        ("Derecho,,0421,Law,03,high,0312,\n", "alternatives '0312'"),
        (
            "Derecho,Sociología,0421,Law,03,high,,\nSociología,,0314,Sociology and cultural studies,03,high,,\n",
            "already the name of Derecho",
        ),
    ],
)
def test_bad_data_rows_are_reported_with_their_line(row: str, words: str) -> None:
    with pytest.raises(CatalogError) as raised:
        parse_programs((HEADER + row).encode())
    assert words in str(raised.value)
    assert "line" in str(raised.value) and "programs.csv" in str(raised.value)


def test_wrong_columns_are_reported() -> None:
    with pytest.raises(CatalogError, match="expected program, variants"):
        parse_programs(b"program,code\nDerecho,0421\n")


@given(
    st.sampled_from(NAMES),
    st.sampled_from(["", "Lic. en ", "Licenciatura en ", "Licenciado/a en "]),
    st.sampled_from(["", ".", " ", " (titulado)"]),
    st.booleans(),
)
def test_lookup_ignores_prefix_case_accents_and_trailing_marks(
    name: str, prefix: str, suffix: str, upper: bool
) -> None:
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    written = prefix + (plain.upper() if upper else plain) + suffix
    assert lookup(written) == lookup(name)


@given(st.text(max_size=80))
def test_any_text_normalises_and_looks_up_without_error(text: str) -> None:
    assert isinstance(normalize_field(text), str)
    lookup(text)
    compound_parts(text)


@pytest.mark.parametrize(
    ("written", "program"),
    [
        ("Derecho (UANL)", "Derecho"),
        ("Arquitectura - BUAP", "Arquitectura"),
        ("Licenciado en Pedagogía, Universidad del Valle de México", "Pedagogía"),
        ("trabajo social - tec de monterrey.", "Trabajo Social"),
        ("ODONTOLOGIA - FES IZTACALA", "Odontología"),
    ],
)
def test_the_institution_after_a_field_name_is_not_part_of_it(written: str, program: str) -> None:
    entry = lookup(written)
    assert entry is not None and entry.program == program


def test_a_part_naming_a_field_after_a_comma_stays_a_compound() -> None:
    assert compound_parts("Ciencias Políticas, Administración Pública") == (
        "ciencias politicas",
        "administracion publica",
    )


@pytest.mark.parametrize(
    ("written", "program"),
    [("Adminstracion Publica", "Administración Pública"), ("Psicologgia", "Psicología")],
)
def test_the_closest_name_is_found_within_a_slip_of_typing(written: str, program: str) -> None:
    found = closest(written)
    assert found is not None and found[0].program == program
