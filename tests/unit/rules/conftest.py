"""Profiles and candidates built by hand from the seed's published text, for tests of the rules core."""

from __future__ import annotations

from typing import Any

import pytest

from rules.compiler import RuleSet, compile_profile
from rules.profile import (
    Competency,
    EducationRequirement,
    ExperienceRequirement,
    Identification,
    Profile,
)
from rules.vocabulary import Level, Status

SEED_AREA_TEXT = (
    "Planeación, elaboración y ejecución de programas y actividades relacionadas con la evaluación de proyectos, "
    "vinculación y atención ciudadana, seguimiento de proyectos institucionales basado en resultados, manejo y "
    "aplicación de metodologías de evaluación, organización y administración de procesos, trabajo de campo."
)
SEED_AREAS = (
    "Planeación, elaboración y ejecución de programas y actividades relacionadas con la evaluación de proyectos",
    "vinculación y atención ciudadana",
    "seguimiento de proyectos institucionales basado en resultados",
    "manejo y aplicación de metodologías de evaluación",
    "organización y administración de procesos",
    "trabajo de campo",
)
SEED_FIELDS = ("Ciencia Política", "Administración Pública", "Derecho", "Sociología", "Economía", "Pedagogía")


def seed_profile(*, years: int = 2, accepts_equivalents: bool = True) -> Profile:
    return Profile(
        identification=Identification(
            code="8-009-004-C215",
            title="Directora o Director de Organizaciones de Participación Ciudadana",
            unit="Dirección Ejecutiva de Participación Ciudadana y Capacitación",
        ),
        education=EducationRequirement(
            level=Level.LICENCIATURA,
            status=Status.TITULO,
            fields=SEED_FIELDS,
            accepts_equivalents=accepts_equivalents,
            text=", ".join(SEED_FIELDS) + " o equivalentes.",
        ),
        experience=ExperienceRequirement(years=years, areas=SEED_AREAS, text=SEED_AREA_TEXT),
        knowledge=(
            "Normativa Electoral.",
            "Normativa en materia de Transparencia.",
            "Manejo de Microsoft Office.",
        ),
        skills=("Iniciativa y toma de decisiones.", "Compromiso y responsabilidad."),
        competencies=(
            Competency("Institucionales", "Trabajo colaborativo.", 2),
            Competency("Transversales", "Planeación y estrategia.", 5),
        ),
    )


@pytest.fixture
def seed_rules() -> RuleSet:
    return compile_profile(seed_profile())


def candidate(**overrides: Any) -> dict[str, Any]:
    """A valid candidate JSON who meets every mandatory criterion of the seed as of 2026-06-30."""
    data: dict[str, Any] = {
        "folio": "A-0042",
        "degrees": [
            {
                "level": "Licenciatura",
                "status": "Titulado",
                "field": "Ciencia Política",
                "institution": "UNAM",
            }
        ],
        "jobs": [
            {
                "title": "Analista",
                "area": "Evaluación de proyectos y atención ciudadana",
                "start": "2021-03",
                "end": None,
                "hours_per_week": 40,
            }
        ],
    }
    data.update(overrides)
    return data
