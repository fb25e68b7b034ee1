"""The areas an Área de Experiencia text lists, as a person would read them."""

from __future__ import annotations

import pytest

from rules.catalog.text import split_area_text


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        (
            "Planeación, elaboración y ejecución de programas y actividades relacionadas con la evaluación de "
            "proyectos, vinculación y atención ciudadana, seguimiento de proyectos institucionales basado en "
            "resultados, manejo y aplicación de metodologías de evaluación, organización y administración de "
            "procesos, trabajo de campo.",
            (
                "Planeación, elaboración y ejecución de programas y actividades relacionadas con la evaluación de "
                "proyectos",
                "vinculación y atención ciudadana",
                "seguimiento de proyectos institucionales basado en resultados",
                "manejo y aplicación de metodologías de evaluación",
                "organización y administración de procesos",
                "trabajo de campo",
            ),
        ),
        (
            "Organización electoral, así como capacitación.",
            ("Organización electoral, así como capacitación",),
        ),
        (
            "Administración pública; contabilidad gubernamental.",
            ("Administración pública", "contabilidad gubernamental"),
        ),
        ("Atención ciudadana, y seguimiento de quejas", ("Atención ciudadana, y seguimiento de quejas",)),
        ("Integración de, expedientes", ("Integración de, expedientes",)),
        ("Derecho electoral", ("Derecho electoral",)),
        ("", ()),
    ],
)
def test_split_area_text(text: str, areas: tuple[str, ...]) -> None:
    assert split_area_text(text) == areas
