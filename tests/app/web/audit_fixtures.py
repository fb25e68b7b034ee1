"""Stored records for the auditors' and administrators' pages: a single check asked for by a recruiter, a batch
of three rows screened in the background way's one pipeline, and a second revision of the seed position that
asks for three years of experience instead of two."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from screening import services
from tests.conftest import SEED_CANDIDATE, SEED_CODE

BATCH_CSV = (
    "Folio;Nivel;Grado de avance;Carrera;Años de experiencia;Área de experiencia\n"
    "L-001;Licenciatura;Titulado;Ciencia Política;2;Evaluación de proyectos y atención ciudadana\n"
    "L-002;Licenciatura;Titulado;Ciencia Política;4;Evaluación de proyectos y atención ciudadana\n"
    "L-003;Bachillerato;Certificado;Ciencia Política;5;Evaluación de proyectos y atención ciudadana\n"
)
"""L-001 meets two years but not three; L-002 meets both; L-003 lacks the level under both revisions."""


@dataclass(frozen=True)
class Stored:
    evaluation_id: str
    """The seed candidate (folio A-0042), asked for by the recruiter rmartinez, as of 2023-04-01."""
    ineligible_id: str
    """The seed candidate with a Bachillerato (folio A-0043): not eligible."""
    batch_id: str
    recruiter_actor: str


def store_records(app: Any, data_dir: Path, *, second_revision: bool = True) -> Stored:
    from screening.services.batches import screen_file
    from screening.storage import repositories as repo

    with app.app_context():
        with services.current_database().read() as session:
            user = repo.user_by_name(session, "rmartinez")
            assert user is not None
            actor = f"user:{user.id}"
        evaluation_id = services.run_evaluation(
            SEED_CODE, SEED_CANDIDATE, as_of=date(2023, 4, 1), store=True, actor=actor
        ).evaluation_id
        lower = copy.deepcopy(SEED_CANDIDATE)
        lower["folio"] = "A-0043"
        lower["degrees"][0]["level"] = "Bachillerato"
        lower["degrees"][0]["status"] = "Certificado de estudios"
        ineligible_id = services.run_evaluation(
            SEED_CODE, lower, as_of=date(2023, 4, 1), store=True, actor=actor
        ).evaluation_id
        source = data_dir / "aspirantes.csv"
        source.write_text(BATCH_CSV, encoding="utf-8")
        _summary, batch_id = screen_file(
            source,
            data_dir / "resultado.csv",
            SEED_CODE,
            config=app.config,
            actor=actor,
            as_of=date(2024, 1, 15),
        )
        if second_revision:
            exported = services.export_profile(SEED_CODE)
            services.import_catalog(
                exported.replace("    years: 2\n", "    years: 3\n"), filename="perfil.yaml"
            )
    assert evaluation_id and ineligible_id and batch_id
    return Stored(evaluation_id, ineligible_id, batch_id, actor)


def record_count(app: Any) -> tuple[int, int, int]:
    """(evaluations, batches, chain head sequence): what a page that stores nothing leaves as it was."""
    from sqlalchemy import func, select

    from screening.storage.models import Batch, Evaluation

    with app.app_context(), services.current_database().read() as session:
        evaluations = int(session.scalar(select(func.count()).select_from(Evaluation)) or 0)
        batches = int(session.scalar(select(func.count()).select_from(Batch)) or 0)
        head = services.repo.chain_head(session)[0]
    return evaluations, batches, head
