"""A screened batch with rows the engine left under review, for the review, publication and retention tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from screening import services
from tests.conftest import SEED_CODE

REVIEW_CSV = (
    "Folio;Nombre;CURP;Nivel;Grado de avance;Carrera;Años de experiencia;Área de experiencia\n"
    "R-001;Ana Gómez;GOMA800101MDFRRN09;Licenciatura;Titulado;Gastronomía;2;Evaluación de proyectos y atención ciudadana\n"
    "R-002;Luis Pérez;PERL790202HDFRRS01;Licenciatura;Titulado;Ciencia Política;4;Evaluación de proyectos y atención ciudadana\n"
    "R-003;Eva Ruiz;RUIE810303MDFZVV02;Licenciatura;Titulado;Estudios Integrales;3;Evaluación de proyectos\n"
    "R-004;Juan Díaz;DIAJ820404HDFZNN03;Licenciatura;Titulado;Ciencia Política;3;Trabajo diverso\n"
)
"""R-001 ineligible (field of study), R-002 eligible, R-003 under review (education.field), R-004 under review
(experience.area and experience.years)."""


@dataclass(frozen=True)
class ReviewBatch:
    batch_id: str
    actor: str
    ids: dict[str, str]
    """folio -> evaluation id"""


def screen_review_batch(app: Any, data_dir: Path, username: str = "rmartinez") -> ReviewBatch:
    from screening.services.batches import screen_file
    from screening.storage import repositories as repo

    with app.app_context():
        with services.current_database().read() as session:
            user = repo.user_by_name(session, username)
            assert user is not None
            actor = f"user:{user.id}"
        source = data_dir / "aspirantes.csv"
        source.write_text(REVIEW_CSV, encoding="utf-8")
        _summary, batch_id = screen_file(
            source,
            data_dir / "resultado.csv",
            SEED_CODE,
            config=app.config,
            actor=actor,
            as_of=date(2024, 1, 15),
        )
        with services.current_database().read() as session:
            rows, _total = repo.evaluations_of_batch(session, batch_id, offset=0, limit=10)
            ids = {str(r.folio): r.id for r in rows}
            outcomes = {str(r.folio): r.outcome for r in rows}
    assert outcomes == {"R-001": "ineligible", "R-002": "eligible", "R-003": "review", "R-004": "review"}
    return ReviewBatch(batch_id, actor, ids)
