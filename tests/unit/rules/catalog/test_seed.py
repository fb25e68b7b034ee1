"""The seed profile, as extracted from the published PDF, parses to exactly what it says."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rules.catalog import CatalogParse, parse_catalog_text
from rules.vocabulary import Level, Status

SEED = Path(__file__).parents[4] / "screening" / "catalogs" / "iecm.txt"


@pytest.fixture(scope="module")
def seed() -> CatalogParse:
    return parse_catalog_text(SEED.read_text(encoding="utf-8"))


def test_seed_parses_with_no_problems(seed: CatalogParse) -> None:
    assert seed.problems == ()
    assert len(seed.profiles) == 1


def test_seed_identification(seed: CatalogParse) -> None:
    ident = seed.profiles[0].identification
    assert (ident.code, ident.title) == (
        "8-009-004-C215",
        "Directora o Director de Organizaciones de Participación Ciudadana",
    )
    assert ident.unit == "Dirección Ejecutiva de Participación Ciudadana y Capacitación"
    assert (
        ident.superior == "Directora Ejecutiva o Director Ejecutivo de Participación Ciudadana y Capacitación"
    )
    assert (ident.appointment_type, ident.occupational_grade) == ("Libre Designación", "Medio")
    assert (ident.responsibility_level, ident.hierarchy_level) == ("004", "009")


def test_seed_education(seed: CatalogParse) -> None:
    education = seed.profiles[0].education
    assert (education.level, education.status) == (Level.LICENCIATURA, Status.TITULO)
    assert education.fields == (
        "Ciencia Política",
        "Administración Pública",
        "Derecho",
        "Sociología",
        "Economía",
        "Pedagogía",
    )
    assert education.accepts_equivalents is True
    assert education.text == (
        "Ciencia Política, Administración Pública, Derecho, Sociología, Economía, Pedagogía o equivalentes."
    )


def test_seed_experience(seed: CatalogParse) -> None:
    experience = seed.profiles[0].experience
    assert experience.years == 2
    assert experience.text.startswith("Planeación, elaboración y ejecución de programas")
    assert experience.text.endswith("organización y administración de procesos, trabajo de campo.")
    assert experience.areas[-1] == "trabajo de campo"


def test_seed_lists_in_number_order(seed: CatalogParse) -> None:
    profile = seed.profiles[0]
    assert len(profile.knowledge) == 7
    assert profile.knowledge[0] == "Normativa Electoral."
    assert profile.knowledge[6] == "Manejo de bases de datos, análisis de datos y estadística."
    assert profile.skills == (
        "Iniciativa y toma de decisiones.",
        "Planeación y seguimiento de objetivos.",
        "Compromiso y responsabilidad.",
        "Ética y valores.",
    )


def test_seed_functions_continue_after_the_page_break(seed: CatalogParse) -> None:
    functions = seed.profiles[0].functions
    assert len(functions) == 21
    assert functions[14].endswith("con el fin de cumplir con lo establecido en la normatividad aplicable.")
    assert functions[15].startswith(
        "Coordinar la implementación de los planes o programas de atención ciudadana"
    )
    assert functions[20].startswith("Desarrollar aquellas funciones inherentes")


def test_seed_competencies_inherit_the_type_above(seed: CatalogParse) -> None:
    competencies = seed.profiles[0].competencies
    assert len(competencies) == 18
    assert Counter(c.type for c in competencies) == {"Institucionales": 4, "Transversales": 7, "Técnicas": 7}
    assert competencies[1].name == "Apego a valores institucionales."
    assert (competencies[1].type, competencies[1].grade) == ("Institucionales", 2)
    assert (competencies[5].name, competencies[5].grade) == ("Planeación y estrategia.", 5)


def test_seed_records_the_first_page_header_as_source(seed: CatalogParse) -> None:
    assert seed.profiles[0].source == {
        "title": "Catálogo de Cargos y Puestos de la Rama Administrativa del IECM",
        "document": "IECM-JA123-23",
        "code": "SA/DRDE/CCP/01",
        "revision": "00",
        "revision_date": "18-08-2023",
        "issued": "30-11-2021",
    }
