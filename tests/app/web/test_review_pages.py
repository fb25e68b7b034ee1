"""The recruiter's review and publication pages, the public publication and its CSV, and the admin's retention
page: who may open them, the decisions they record and the errors they name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from screening import services
from tests.app.web.conftest import Browser
from tests.app.web.review_fixtures import ReviewBatch, screen_review_batch


@pytest.fixture
def batch(app: Any, data_dir: Path, staff_users: dict[str, str]) -> ReviewBatch:
    return screen_review_batch(app, data_dir)


@pytest.fixture
def recruiter(staff_browser: Any) -> Browser:
    return staff_browser("recruiter")


def reviews_url(batch: ReviewBatch) -> str:
    return f"/reclutamiento/lotes/{batch.batch_id}/revisiones"


def row_url(batch: ReviewBatch, folio: str) -> str:
    return f"{reviews_url(batch)}/{batch.ids[folio]}"


def test_the_batch_review_page_counts_the_open_reviews(recruiter: Browser, batch: ReviewBatch) -> None:
    page = recruiter.get(reviews_url(batch))
    assert page.status == 200
    assert page.response.headers["Cache-Control"] == "no-store"
    assert "2 revisiones siguen abiertas, de 2 filas que quedaron en revisión." in page.text
    assert "R-003" in page.text and "R-004" in page.text
    assert "R-002" not in page.text  # only the rows under review


def test_the_row_page_lists_each_criterion_under_review_with_its_evidence(
    recruiter: Browser, batch: ReviewBatch
) -> None:
    page = recruiter.get(row_url(batch, "R-004") + "?lang=en")
    assert page.status == 200
    assert "Area of experience" in page.text and "Years of experience" in page.text
    assert "Trabajo diverso" in page.text  # what was found
    assert "Level of studies" not in page.text  # a criterion the engine decided is not offered


def test_deciding_records_a_decision_and_shows_the_effective_outcome_and_who(
    recruiter: Browser, batch: ReviewBatch, app: Any
) -> None:
    recruiter.get(row_url(batch, "R-003"))
    answer = recruiter.post(
        row_url(batch, "R-003"),
        {
            "outcome-education.field": "pass",
            "reason-education.field": "Plan de estudios afín a Ciencia Política",
        },
    )
    assert answer.status == 303
    page = recruiter.get(answer.response.headers["Location"])
    assert "La decisión quedó registrada en la cadena." in page.text
    assert "Plan de estudios afín a Ciencia Política (rmartinez," in page.text
    listing = recruiter.get(reviews_url(batch))
    assert "1 revisión sigue abierta, de 2 filas que quedaron en revisión." in listing.text
    with app.app_context():
        record = services.audit_record(batch.ids["R-003"])
        assert services.verify().ok
    assert record["outcome"] == "review" and record["effective"]["outcome"] == "eligible"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"outcome-education.field": "pass", "reason-education.field": " "},
            "escribe el motivo de la decisión",
        ),
        ({"reason-education.field": "Afín"}, "elige Cumple o No cumple para el motivo que escribiste"),
        ({}, "Decide al menos un criterio"),
        (
            {"outcome-education.field": "fail", "reason-education.field": "x" * 2001},
            "el motivo tiene 2001 caracteres; se aceptan como máximo 2000",
        ),
    ],
)
def test_a_decision_without_a_reason_or_outcome_is_refused_naming_the_field(
    recruiter: Browser, batch: ReviewBatch, app: Any, data: dict[str, str], message: str
) -> None:
    with app.app_context():
        head = services.verify().head_seq
    recruiter.get(row_url(batch, "R-003"))
    page = recruiter.post(row_url(batch, "R-003"), data)
    assert page.status == 422
    assert page.title.startswith("Error:")
    assert any(message in error for error in page.errors), page.errors
    with app.app_context():
        assert services.verify().head_seq == head


def test_a_form_without_csrf_is_refused(recruiter: Browser, batch: ReviewBatch) -> None:
    answer = recruiter.client.post(
        row_url(batch, "R-003"), data={"outcome-education.field": "pass", "reason-education.field": "Afín"}
    )
    assert answer.status_code == 400


def test_another_recruiter_gets_403_and_other_roles_too(
    staff_browser: Any, batch: ReviewBatch, client: Any
) -> None:
    other = staff_browser("recruiter2")
    for url in (
        reviews_url(batch),
        row_url(batch, "R-003"),
        f"/reclutamiento/lotes/{batch.batch_id}/publicar",
    ):
        assert other.get(url).status == 403
        assert client.get(url).status_code == 302
    for role in ("auditor", "admin"):
        assert staff_browser(role).get(reviews_url(batch)).status == 403
    assert staff_browser("recruiter").get("/reclutamiento/lotes/b_nonexistent/revisiones").status == 404


def test_publishing_with_open_reviews_needs_the_box_then_publishes_folios_only(
    recruiter: Browser, batch: ReviewBatch, client: Any, app: Any
) -> None:
    url = f"/reclutamiento/lotes/{batch.batch_id}/publicar"
    page = recruiter.get(url)
    assert "2 revisiones siguen abiertas." in page.text
    refused = recruiter.post(url, {})
    assert refused.status == 422
    assert any("2 revisiones siguen abiertas" in e for e in refused.errors)
    answer = recruiter.post(url, {"confirmar-revisiones-abiertas": "y"})
    assert answer.status == 303
    public = client.get(answer.response.headers["Location"])
    assert public.status_code == 200
    text = public.get_data(as_text=True)
    assert "R-002" in text and "8-009-004-C215" in text
    for personal in ("Luis Pérez", "PERL790202", "R-001", "R-003", "rmartinez", "aspirantes.csv"):
        assert personal not in text
    assert "mientras 2 revisiones seguían abiertas" in text
    listed = client.get(answer.response.headers["Location"] + ".csv")
    assert listed.status_code == 200
    assert listed.headers["Content-Type"] == "text/csv; charset=utf-8"
    lines = listed.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "folio,puesto,revisión,fecha"
    assert lines[1].startswith("R-002,8-009-004-C215,1,")
    with app.app_context():
        report = services.verify()
    assert report.ok and report.kinds["publication"] == 1


def test_an_unknown_publication_is_404(client: Any) -> None:
    assert client.get("/publicaciones/nothing-here").status_code == 404
    assert client.get("/publicaciones/nothing-here.csv").status_code == 404


def test_the_retention_page_shows_a_dry_run_and_removes_on_confirmation(
    staff_browser: Any, batch: ReviewBatch, app: Any
) -> None:
    app.extensions["screening"].config["RETENTION_DAYS"] = 1
    with app.app_context(), services.current_database().engine.begin() as connection:
        from sqlalchemy import text

        connection.execute(text("UPDATE evaluations SET created_at = '2020-01-01T00:00:00.000000+00:00'"))
    admin = staff_browser("admin")
    page = admin.get("/administracion/retencion")
    assert page.status == 200
    assert "Entradas de evaluaciones por eliminar 4" in page.text
    with app.app_context():
        assert services.verify().ok is False  # created_at is hashed: the edit above is tampering
    refused = admin.post("/administracion/retencion", {})
    assert refused.status == 422
    done = admin.post("/administracion/retencion", {"confirmar": "y"})
    assert done.status == 200
    assert "Se eliminó la entrada de 4 evaluaciones" in done.text
    assert staff_browser("recruiter").get("/administracion/retencion").status == 403
