"""The self-check for one position: question pages, validation, check answers, result and receipt."""

from __future__ import annotations

import re

import pytest

from tests.app.web.conftest import CHECK_URL, CURRENT_JOB, DEGREE, SEED_CODE, Browser

KNOWLEDGE = {"knowledge-0": "Normativa Electoral.", "competencies-0": "3"}


def test_the_check_starts_with_the_studies_question(browser: Browser) -> None:
    page = browser.get(CHECK_URL)
    assert page.title.startswith("Tus estudios")
    for label in ("Nivel de estudios", "Grado de avance", "Carrera", "Institución"):
        assert f">{label}" in page.html
    assert "(opcional)" in page.html and 'name="csrf_token"' in page.html


def test_add_another_degree_works_without_javascript_and_keeps_what_was_typed(browser: Browser) -> None:
    page = browser.post(CHECK_URL, {"step": "studies", "action": "add-degree", **DEGREE})
    assert page.status == 200 and "Grado 2" in page.text
    assert page.value("degrees-0-field") == "Ciencia Política"
    assert 'name="degrees-1-field"' in page.html
    removed = browser.post(
        CHECK_URL,
        {
            "step": "studies",
            "action": "remove-degree-0",
            **DEGREE,
            "degrees-1-field": "Derecho",
            "degrees-1-level": "Maestría",
        },
    )
    assert removed.value("degrees-0-field") == "Derecho" and 'name="degrees-1-field"' not in removed.html


def test_missing_answers_get_an_error_summary_and_messages_beside_the_fields(browser: Browser) -> None:
    page = browser.post(
        CHECK_URL, {"step": "studies", "action": "continue", "degrees-0-level": "Licenciatura"}
    )
    assert page.status == 422
    assert page.title.startswith("Error: Tus estudios")
    assert 'class="error-summary"' in page.html and 'href="#degrees-0-status"' in page.html
    assert 'href="#degrees-0-field"' in page.html
    assert any(e.startswith("Grado 1, grado de avance:") for e in page.errors)
    assert 'id="degrees-0-field-error"' in page.html
    assert '<option value="Licenciatura" selected>' in page.html  # nothing typed is cleared


def test_a_date_that_does_not_exist_is_named_with_what_is_accepted(browser: Browser) -> None:
    job = {
        "jobs-0-area": "Evaluación de proyectos",
        "jobs-0-start-day": "30",
        "jobs-0-start-month": "2",
        "jobs-0-start-year": "2024",
        "jobs-0-current": "y",
    }
    page = browser.post(CHECK_URL, {"step": "jobs", "action": "continue", **DEGREE, **job})
    assert page.status == 422
    assert any(
        "Empleo 1, fecha de inicio" in e and "2024-02-30" in e and "un día que exista en ese mes" in e
        for e in page.errors
    )
    assert page.value("jobs-0-start-day") == "30" and page.value("jobs-0-area") == "Evaluación de proyectos"


def test_an_end_before_the_start_is_an_error_on_the_end_date(browser: Browser) -> None:
    job = {
        "jobs-0-area": "Evaluación de proyectos",
        "jobs-0-start-month": "5",
        "jobs-0-start-year": "2022",
        "jobs-0-end-month": "1",
        "jobs-0-end-year": "2020",
    }
    page = browser.post(CHECK_URL, {"step": "jobs", "action": "continue", **DEGREE, **job})
    assert 'href="#jobs-0-end-month"' in page.html
    assert any("fecha de término" in e and "2022-05-01" in e for e in page.errors)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({"jobs-0-start-month": "marzo", "jobs-0-start-year": "2021"}, "se encontró el mes «marzo»"),
        ({"jobs-0-start-month": "3", "jobs-0-start-year": "21"}, "se encontró el año «21»"),
        ({"jobs-0-start-month": "3"}, "sin el año"),
        (
            {"jobs-0-start-month": "3", "jobs-0-start-year": "2021", "jobs-0-area": "Evaluación\x07"},
            "carácter de control (U+0007)",
        ),
        (
            {"jobs-0-start-month": "3", "jobs-0-start-year": "2021", "jobs-0-area": "x" * 2001},
            "texto de 2001 caracteres",
        ),
    ],
)
def test_bad_job_answers_name_what_was_found_and_what_is_accepted(
    browser: Browser, typed: dict[str, str], expected: str
) -> None:
    data = {
        "step": "jobs",
        "action": "continue",
        "jobs-0-area": "Evaluación de proyectos",
        "jobs-0-current": "y",
        **typed,
    }
    page = browser.post(CHECK_URL, data)
    assert page.status == 422
    assert any(expected in e for e in page.errors), page.errors


def test_a_job_with_no_end_date_and_not_current_is_asked_for_its_end(browser: Browser) -> None:
    job = {"jobs-0-area": "Evaluación de proyectos", "jobs-0-start-month": "3", "jobs-0-start-year": "2021"}
    page = browser.post(CHECK_URL, {"step": "jobs", "action": "continue", **job})
    assert any("Trabajo aquí actualmente" in e for e in page.errors)


def test_sixty_jobs_are_read_and_shown(browser: Browser) -> None:
    jobs: dict[str, str] = {}
    for index in range(60):
        jobs |= {
            f"jobs-{index}-area": f"Evaluación de proyectos número {index}",
            f"jobs-{index}-start-month": "1",
            f"jobs-{index}-start-year": str(1960 + index),
            f"jobs-{index}-end-month": "12",
            f"jobs-{index}-end-year": str(1960 + index),
        }
    page = browser.post(CHECK_URL, {"step": "jobs", "action": "continue", **DEGREE, **jobs})
    assert page.status == 200 and page.title.startswith("Conocimientos y habilidades deseables")
    assert len(re.findall(r'name="jobs-\d+-area"', page.html)) == 60


def test_check_answers_shows_everything_with_change_buttons(browser: Browser) -> None:
    page = browser.post(
        CHECK_URL, {"step": "desirable", "action": "continue", **DEGREE, **CURRENT_JOB, **KNOWLEDGE}
    )
    assert page.title.startswith("Revisa tus respuestas")
    assert "Ciencia Política" in page.text and "3/2021 – actualmente" in page.text
    assert page.html.count(">Cambiar<") >= 4
    back = browser.post(CHECK_URL, {"step": "answers", "action": "goto-jobs", **DEGREE, **CURRENT_JOB})
    assert (
        back.title.startswith("Tu experiencia laboral")
        and back.value("jobs-0-area") == CURRENT_JOB["jobs-0-area"]
    )


def test_result_says_the_outcome_first_then_each_criterion_and_what_is_still_needed(browser: Browser) -> None:
    job = dict(CURRENT_JOB, **{"jobs-0-start-year": "2026", "jobs-0-start-month": "1"})
    page = browser.post(
        CHECK_URL,
        {"step": "answers", "action": "result", **DEGREE, **job, **KNOWLEDGE},
        query_string={"lang": "es"},
    )
    assert page.status == 200
    assert page.title.startswith("No cumples los requisitos de este puesto")
    assert page.text.index("No cumples los requisitos") < page.text.index("Requisito por requisito")
    assert "Lo que te faltaría" in page.text and "de experiencia en las áreas del puesto" in page.text
    assert "con tu empleo actual los cumplirás el" in page.text
    for name in (
        "Nivel de estudios",
        "Grado de avance",
        "Carrera",
        "Área de experiencia",
        "Años de experiencia",
    ):
        assert name in page.text
    assert "El perfil pide" in page.text and "Escribiste" in page.text and "Por qué" in page.text
    assert "Se cumple 1 de" in page.text or "Se cumplen" in page.text
    assert "Guardar comprobante" in page.text


def test_an_eligible_result_in_english(browser: Browser) -> None:
    page = browser.post(
        CHECK_URL + "?lang=en", {"step": "answers", "action": "result", **DEGREE, **CURRENT_JOB}
    )
    assert page.title.startswith("You meet the requirements of this position")
    assert "What you would still need" not in page.text
    assert "2 years" in page.text


def test_nothing_is_stored_without_a_receipt(browser: Browser, app: object) -> None:
    from screening import services

    browser.post(CHECK_URL, {"step": "answers", "action": "result", **DEGREE, **CURRENT_JOB})
    with app.app_context():  # type: ignore[attr-defined]
        assert services.verify().records == 0


def test_saving_a_receipt_stores_the_check_and_shows_its_link(browser: Browser) -> None:
    response = browser.client.post(
        CHECK_URL,
        data={
            "csrf_token": browser.get(CHECK_URL) and browser.token,
            "step": "result",
            "action": "save",
            **DEGREE,
            **CURRENT_JOB,
        },
    )
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/comprobantes/") and location.endswith("?guardado=1")
    page = browser.get(location)
    assert page.status == 200 and "Comprobante guardado" in page.text
    assert "Cumples los requisitos de este puesto" in page.text
    assert page.response.headers["Cache-Control"] == "no-store"
    english = browser.get(location.split("?")[0] + "?lang=en")
    assert "You meet the requirements of this position" in english.text
    assert "Experience in a required area" in english.text  # the stored reasons, written again in English


def test_an_unknown_receipt_is_a_404_page(browser: Browser) -> None:
    page = browser.get("/comprobantes/no-existe")
    assert page.status == 404 and page.title.startswith("No se encontró la página")


def test_the_check_of_an_unknown_position_is_a_404_page(browser: Browser) -> None:
    assert browser.get("/puestos/NOPE/verificar").status == 404


def test_switching_language_keeps_the_answers(browser: Browser) -> None:
    page = browser.post(CHECK_URL + "?lang=en", {"step": "jobs", "action": "stay", **DEGREE, **CURRENT_JOB})
    assert (
        page.title.startswith("Your work experience")
        and page.value("jobs-0-area") == CURRENT_JOB["jobs-0-area"]
    )
    assert f'formaction="/puestos/{SEED_CODE}/verificar?lang=es"' in page.html


def test_more_jobs_than_accepted_is_an_error_not_a_silent_cut(browser: Browser) -> None:
    jobs: dict[str, str] = {}
    for index in range(101):
        jobs |= {
            f"jobs-{index}-area": f"Evaluación de proyectos {index}",
            f"jobs-{index}-start-month": "1",
            f"jobs-{index}-start-year": "2000",
            f"jobs-{index}-end-month": "2",
            f"jobs-{index}-end-year": "2000",
        }
    page = browser.post(CHECK_URL, {"step": "jobs", "action": "continue", **DEGREE, **jobs})
    assert page.status == 422
    assert any(
        e.startswith("Empleos: se encontró 101 elementos en jobs; se acepta: como máximo 100")
        for e in page.errors
    )
    assert len(re.findall(r'name="jobs-\d+-area"', page.html)) == 101
    assert "Agregar otro empleo" not in page.text
