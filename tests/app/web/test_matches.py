"""/verificar: the same questions once, a result for every position with its main reason."""

from __future__ import annotations

from tests.app.web.conftest import CURRENT_JOB, DEGREE, Browser


def test_the_matches_check_asks_the_same_questions(browser: Browser) -> None:
    page = browser.get("/verificar")
    assert page.title.startswith("Tus estudios – ¿A qué puestos puedo aplicar?")
    desirable = browser.post("/verificar", {"step": "jobs", "action": "continue", **DEGREE, **CURRENT_JOB})
    assert 'name="knowledge_text"' in desirable.html and 'name="skills_text"' in desirable.html


def test_every_position_is_listed_with_its_main_reason(browser: Browser) -> None:
    page = browser.post("/verificar", {"step": "answers", "action": "result", **DEGREE, **CURRENT_JOB})
    assert page.title.startswith("Puestos a los que puedes aplicar")
    assert "Cumples los requisitos (1)" in page.text
    assert "Se cumplen todos los requisitos obligatorios." in page.text
    assert "No cumples los requisitos (0)" in page.text


def test_a_candidate_without_degree_is_not_eligible_and_told_why_in_english(browser: Browser) -> None:
    page = browser.post("/verificar?lang=en", {"step": "answers", "action": "result", **CURRENT_JOB})
    assert "You do not meet the requirements (1)" in page.text
    assert "No degree was given" in page.text
    assert page.text.index("You meet the requirements (0)") < page.text.index(
        "You do not meet the requirements (1)"
    )
