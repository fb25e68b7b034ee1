"""The auditors' pages (/auditoria): search, the record, replay, the chain's verification and the appeal file;
who may open them, CSRF on their forms, unknown ids (SPEC sections 5, 6 and 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from screening import services
from tests.app.web.audit_fixtures import Stored, record_count, store_records
from tests.app.web.conftest import Browser, Page
from tests.conftest import SEED_CODE


@pytest.fixture
def stored(app: Any, data_dir: Path, staff_users: dict[str, str]) -> Stored:
    return store_records(app, data_dir, second_revision=False)


@pytest.fixture
def auditor(staff_browser: Any, stored: Stored) -> Browser:
    browser: Browser = staff_browser("auditor")
    return browser


def _tamper(app: Any, evaluation_id: str) -> None:
    with app.app_context(), services.current_database().engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE evaluations SET input = replace(input, 'Licenciatura', 'Bachillerato') WHERE id = :id"
            ),
            {"id": evaluation_id},
        )


# --- who may open them ------------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Any, stored: Stored) -> None:
    for url in ("/auditoria/", f"/auditoria/evaluaciones/{stored.evaluation_id}", "/auditoria/cadena"):
        answer = client.get(url)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/ingresar?next=/auditoria/")


@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_another_role_gets_403(staff_browser: Any, stored: Stored, role: str) -> None:
    browser = staff_browser(role)
    for url in (
        "/auditoria/",
        f"/auditoria/evaluaciones/{stored.evaluation_id}",
        f"/auditoria/evaluaciones/{stored.evaluation_id}/expediente",
    ):
        page = browser.get(url)
        assert page.status == 403
        assert page.title.startswith("Esta página no es para tu cuenta")
    browser.get("/salir")  # a page of theirs with a form, for a valid CSRF token
    assert browser.post(f"/auditoria/evaluaciones/{stored.evaluation_id}/reproducir", {}).status == 403


def test_the_auditor_lands_on_the_search_after_sign_in(auditor: Browser) -> None:
    page = auditor.get("/auditoria/")
    assert page.status == 200
    assert page.title.startswith("Buscar registros")
    assert page.response.headers["Cache-Control"] == "no-store"


# --- search -----------------------------------------------------------------------------------------------------


def test_a_folio_lists_its_records(auditor: Browser, stored: Stored) -> None:
    page = auditor.get("/auditoria/?q=A-0042")
    assert page.status == 200
    assert "1 registro tiene el folio «A-0042»." in page.text
    assert f"/auditoria/evaluaciones/{stored.evaluation_id}" in page.html


def test_a_batch_id_lists_its_rows_in_order(auditor: Browser, stored: Stored) -> None:
    page = auditor.get(f"/auditoria/?q={stored.batch_id}")
    assert "El lote tiene 3 registros guardados." in page.text
    assert "aspirantes.csv" in page.text
    assert page.text.index("L-001") < page.text.index("L-002") < page.text.index("L-003")


def test_an_evaluation_id_opens_its_record(auditor: Browser, stored: Stored) -> None:
    answer = auditor.client.get(f"/auditoria/?q={stored.evaluation_id}")
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/auditoria/evaluaciones/{stored.evaluation_id}"


def test_a_search_that_names_nothing_says_so(auditor: Browser) -> None:
    page = auditor.get("/auditoria/?q=Z-9999")
    assert page.status == 200
    assert "Ningún registro tiene el folio, identificador de evaluación o de lote «Z-9999»." in page.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("   ", "Escribe un folio, un identificador de evaluación o un identificador de lote"),
        ("x" * 250, "Una búsqueda tiene a lo más 200 caracteres; esta tiene 250"),
    ],
)
def test_a_bad_search_is_an_error_beside_the_box(auditor: Browser, query: str, message: str) -> None:
    page = auditor.get("/auditoria/", query_string={"q": query})
    assert page.status == 422
    assert page.title.startswith("Error:")
    assert page.errors == [message]


# --- the record -------------------------------------------------------------------------------------------------


def test_the_record_shows_input_rules_verdict_chain_and_who_asked(auditor: Browser, stored: Stored) -> None:
    page = auditor.get(f"/auditoria/evaluaciones/{stored.evaluation_id}")
    assert page.status == 200
    text = page.text
    assert "rmartinez (reclutador), con una cuenta del personal" in text
    assert "Cláusula del perfil (revisión 1)" in text
    assert "Licenciatura (o Ingeniería) o superior" in text  # the clause of education.level
    assert '"field": "Ciencia Política"' in page.html.replace("&#34;", '"')  # the input as received
    assert "1 de 5 registros" in text  # first of the chain: two checks and three batch rows
    assert "Ninguna decisión de una persona se refiere a esta evaluación" in text
    assert f'action="/auditoria/evaluaciones/{stored.evaluation_id}/reproducir"' in page.html


def test_a_batch_row_names_its_batch_and_row(auditor: Browser, stored: Stored) -> None:
    found = services.search_records  # the batch's second row, through the search service
    with auditor.client.application.app_context():
        second = found(stored.batch_id).items[1]
    page = auditor.get(f"/auditoria/evaluaciones/{second['id']}")
    assert stored.batch_id in page.text
    assert "aspirantes.csv" in page.text
    assert "fila 2" in page.text  # the file's second candidate


def test_an_unknown_record_is_a_404_page(auditor: Browser) -> None:
    for url in (
        "/auditoria/evaluaciones/no-existe",
        "/auditoria/evaluaciones/no-existe/expediente",
        "/auditoria/evaluaciones/no-existe/reproducir",
    ):
        page = auditor.get(url)
        assert page.status == 404
        assert page.title.startswith("No se encontró la página")


def test_the_record_page_in_english(auditor: Browser, stored: Stored) -> None:
    page = auditor.get(f"/auditoria/evaluaciones/{stored.evaluation_id}?lang=en")
    assert page.title.startswith("Evaluation record")
    assert "rmartinez (recruiter), with a staff account" in page.text


# --- replay -----------------------------------------------------------------------------------------------------


def test_replay_of_a_stored_record_is_identical(auditor: Browser, stored: Stored, app: Any) -> None:
    before = record_count(app)
    auditor.get(f"/auditoria/evaluaciones/{stored.evaluation_id}")
    page = auditor.post(f"/auditoria/evaluaciones/{stored.evaluation_id}/reproducir", {})
    assert page.status == 200
    assert "Idéntico" in page.text
    assert record_count(app) == before  # a replay stores nothing


def test_replay_of_an_edited_input_names_the_criterion(auditor: Browser, stored: Stored, app: Any) -> None:
    _tamper(app, stored.evaluation_id)
    auditor.get(f"/auditoria/evaluaciones/{stored.evaluation_id}")
    page = auditor.post(f"/auditoria/evaluaciones/{stored.evaluation_id}/reproducir", {})
    assert "Distinto" in page.text
    assert "Nivel de estudios (education.level)" in page.text
    assert "Se cumple:" in page.text and "No se cumple:" in page.text


def test_replay_of_a_record_without_input_says_why(auditor: Browser, stored: Stored, app: Any) -> None:
    with app.app_context(), services.current_database().engine.begin() as connection:
        connection.execute(
            text("UPDATE evaluations SET input = NULL WHERE id = :id"), {"id": stored.evaluation_id}
        )
    auditor.get(f"/auditoria/evaluaciones/{stored.evaluation_id}")
    page = auditor.post(f"/auditoria/evaluaciones/{stored.evaluation_id}/reproducir", {})
    assert page.status == 422
    assert "Este registro no se puede reproducir" in page.text
    assert "La entrada del registro no está guardada" in page.text


def test_replay_without_the_csrf_token_is_refused(auditor: Browser, stored: Stored) -> None:
    answer = auditor.client.post(f"/auditoria/evaluaciones/{stored.evaluation_id}/reproducir")
    assert answer.status_code == 400
    assert "No se pudo enviar el formulario" in Page(answer).title


# --- the chain --------------------------------------------------------------------------------------------------


def test_the_chain_verifies(auditor: Browser) -> None:
    auditor.get("/auditoria/cadena")
    page = auditor.post("/auditoria/cadena", {})
    assert page.status == 200
    assert "La cadena verifica" in page.text
    assert "5 registros verifican." in page.text


def test_an_edited_record_is_named_as_the_first_bad_one(auditor: Browser, stored: Stored, app: Any) -> None:
    _tamper(app, stored.evaluation_id)
    auditor.get("/auditoria/cadena")
    page = auditor.post("/auditoria/cadena", {})
    assert "La cadena no verifica" in page.text
    assert f"número 1 · {stored.evaluation_id}" in page.text
    assert "sus datos de entrada no coinciden con su hash: editados" in page.text


def test_the_first_bad_record_is_named_in_the_pages_language(
    auditor: Browser, stored: Stored, app: Any
) -> None:
    _tamper(app, stored.evaluation_id)
    auditor.get("/auditoria/cadena?lang=en")
    page = auditor.post("/auditoria/cadena", {})
    assert "its input does not match its input hash: edited" in page.text
    assert "sus datos" not in page.text


def test_verifying_without_the_csrf_token_is_refused(auditor: Browser) -> None:
    assert auditor.client.post("/auditoria/cadena").status_code == 400


# --- the appeal file --------------------------------------------------------------------------------------------


def test_the_appeal_file_says_what_would_have_met_each_criterion(auditor: Browser, stored: Stored) -> None:
    page = auditor.get(f"/auditoria/evaluaciones/{stored.ineligible_id}/expediente")
    assert page.status == 200
    assert page.title.startswith("Expediente del registro")
    text = page.text
    assert "Qué lo habría cumplido" in text
    assert "Un grado de nivel Licenciatura (o Ingeniería)" in text
    assert "Se cumple." in text  # the criteria that pass
    assert stored.ineligible_id in text
    assert "Huella del conjunto de reglas" in text
    assert "Decisiones de personas" in text
    assert 'media="print"' in page.html  # the print style sheet
    assert "print-button.js" in page.html  # the print button is a static script (no inline script)


def test_the_appeal_file_in_english(auditor: Browser, stored: Stored) -> None:
    page = auditor.get(f"/auditoria/evaluaciones/{stored.ineligible_id}/expediente?lang=en")
    assert page.title.startswith("Appeal file of record")
    assert "What would have met it" in page.text
    assert "a degree at the level" in page.text.lower()


def test_effective_outcome_applies_decisions_on_criteria_under_review() -> None:
    from screening.services.audit import effective

    verdict = {
        "criteria": [
            {"id": "education.level", "mandatory": True, "outcome": "pass"},
            {"id": "education.field", "mandatory": True, "outcome": "review"},
            {"id": "experience.years", "mandatory": True, "outcome": "pass"},
        ]
    }
    assert effective(verdict, []) == {"outcome": "review", "decided": {}, "open": ["education.field"]}
    decision = {"criteria": [{"criterion": "education.field", "outcome": "pass", "reason": "Afín"}]}
    assert effective(verdict, [decision])["outcome"] == "eligible"
    refusal = {"criteria": [{"criterion": "education.field", "outcome": "fail", "reason": "No afín"}]}
    assert effective(verdict, [decision, refusal]) == {
        "outcome": "ineligible",
        "decided": {"education.field": "fail"},
        "open": [],
    }


def test_the_seed_position_code_is_shown_on_the_record(auditor: Browser, stored: Stored) -> None:
    page = auditor.get(f"/auditoria/evaluaciones/{stored.evaluation_id}")
    assert SEED_CODE in page.title or SEED_CODE in page.text


# --- decisions by people ----------------------------------------------------------------------------------------


def test_a_decision_is_listed_on_the_record_and_the_appeal_file(
    app: Any, data_dir: Path, staff_browser: Any, staff_users: dict[str, str]
) -> None:
    from screening.services.accounts import Principal
    from screening.services.decisions import decide
    from tests.app.web.review_fixtures import screen_review_batch

    batch = screen_review_batch(app, data_dir)
    evaluation_id = batch.ids["R-003"]  # education.field under review
    with app.app_context():
        decide(
            evaluation_id,
            [
                (
                    "education.field",
                    "pass",
                    "Estudios Integrales es afín a Ciencia Política según el plan de estudios.",
                )
            ],
            Principal(batch.actor, "recruiter", "rmartinez"),
        )
    auditor: Browser = staff_browser("auditor")
    for url in (
        f"/auditoria/evaluaciones/{evaluation_id}",
        f"/auditoria/evaluaciones/{evaluation_id}/expediente",
    ):
        page = auditor.get(url)
        decisions = page.text[page.text.index("Decisiones de personas") :]
        assert "rmartinez" in decisions
        assert "Carrera: Se cumple Estudios Integrales es afín a Ciencia Política" in decisions
        facts = page.text[: page.text.index("Decisiones de personas")]
        assert "Resultado de las reglas Lo revisa una persona" in facts
        assert "Resultado vigente Elegible con las decisiones de abajo" in facts


def test_criteria_still_under_review_are_named(
    app: Any, data_dir: Path, staff_browser: Any, staff_users: dict[str, str]
) -> None:
    from tests.app.web.review_fixtures import screen_review_batch

    batch = screen_review_batch(app, data_dir)
    page = staff_browser("auditor").get(f"/auditoria/evaluaciones/{batch.ids['R-004']}")
    assert "Ninguna persona ha decidido todavía los criterios en revisión: Área de experiencia" in page.text
