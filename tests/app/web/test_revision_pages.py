"""The administrators' pages on revisions (/administracion/puestos): the revisions of a position, the
difference between two, and what-if, which stores nothing; who may open them, bad input, CSRF (SPEC sections 2
and 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.app.web.audit_fixtures import Stored, record_count, store_records
from tests.app.web.conftest import Browser
from tests.conftest import SEED_CODE

POSITION = f"/administracion/puestos/{SEED_CODE}"


@pytest.fixture
def stored(app: Any, data_dir: Path, staff_users: dict[str, str]) -> Stored:
    return store_records(app, data_dir)


@pytest.fixture
def admin(staff_browser: Any, stored: Stored) -> Browser:
    browser: Browser = staff_browser("admin")
    return browser


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Any, stored: Stored) -> None:
    for url in (
        "/administracion/puestos",
        POSITION,
        f"{POSITION}/diferencias?de=1&a=2",
        f"{POSITION}/simulacion",
    ):
        answer = client.get(url)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/ingresar?next=/administracion/puestos")


@pytest.mark.parametrize("role", ["recruiter", "auditor"])
def test_another_role_gets_403(staff_browser: Any, stored: Stored, role: str) -> None:
    browser = staff_browser(role)
    for url in (
        "/administracion/puestos",
        POSITION,
        f"{POSITION}/diferencias?de=1&a=2",
        f"{POSITION}/simulacion",
    ):
        assert browser.get(url).status == 403
    browser.get("/salir")  # a page of theirs with a form, for a valid CSRF token
    assert browser.post(f"{POSITION}/simulacion", {"lote": stored.batch_id, "revision": "2"}).status == 403


def test_the_positions_list_links_each_position(admin: Browser) -> None:
    page = admin.get("/administracion/puestos")
    assert page.status == 200
    assert page.title.startswith("Puestos y revisiones")
    assert f'href="{POSITION}"' in page.html
    assert page.response.headers["Cache-Control"] == "no-store"


def test_a_position_lists_its_revisions_with_their_fingerprints(admin: Browser, app: Any) -> None:
    from screening import services

    with app.app_context():
        first = services.get_rule_set(SEED_CODE, 1).fingerprint
        second = services.get_rule_set(SEED_CODE, 2).fingerprint
    page = admin.get(POSITION)
    assert page.status == 200
    assert "2 revisiones" in page.text
    assert first in page.text and second in page.text
    assert page.value("de") == "1" and page.value("a") == "2"


def test_an_unknown_position_is_a_404_page(admin: Browser) -> None:
    for url in (
        "/administracion/puestos/0-000-000-X000",
        "/administracion/puestos/0-000-000-X000/simulacion",
    ):
        page = admin.get(url)
        assert page.status == 404
        assert page.title.startswith("No se encontró el puesto")


def test_the_difference_is_listed_requirement_by_requirement(admin: Browser) -> None:
    page = admin.get(f"{POSITION}/diferencias?de=1&a=2")
    assert page.status == 200
    assert page.title.startswith("Revisión 1 y revisión 2 de")
    assert "1 cambio. 1 de ellos decide la elegibilidad." in page.text
    assert "Años de experiencia (experience.years) cambiado 2 3" in page.text


def test_the_difference_the_other_way_round(admin: Browser) -> None:
    page = admin.get(f"{POSITION}/diferencias?de=2&a=1")
    assert "Años de experiencia (experience.years) cambiado 3 2" in page.text


def test_the_difference_in_english(admin: Browser) -> None:
    page = admin.get(f"{POSITION}/diferencias?de=1&a=2&lang=en")
    assert page.title.startswith("Revision 1 and revision 2 of")
    assert "Years of experience (experience.years) changed 2 3" in page.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("de=1&a=9", "La segunda revisión debe ser una de las revisiones del puesto (1, 2); se encontró «9»"),
        (
            "de=uno&a=2",
            "La primera revisión debe ser una de las revisiones del puesto (1, 2); se encontró «uno»",
        ),
        ("a=2", "Elige la primera revisión"),
        ("de=2&a=2", "Elige dos revisiones distintas; ambas son la 2"),
    ],
)
def test_a_bad_choice_of_revisions_is_an_error_beside_the_field(
    admin: Browser, query: str, message: str
) -> None:
    page = admin.get(f"{POSITION}/diferencias?{query}")
    assert page.status == 422
    assert page.title.startswith("Error:")
    assert page.errors == [message]


def test_what_if_offers_the_positions_finished_batches(admin: Browser, stored: Stored) -> None:
    page = admin.get(f"{POSITION}/simulacion")
    assert page.status == 200
    assert f'value="{stored.batch_id}"' in page.html
    assert "aspirantes.csv · 3 filas · revisión 1" in page.text
    assert page.value("revision") == "2"


def test_what_if_lists_who_would_change_and_stores_nothing(admin: Browser, stored: Stored, app: Any) -> None:
    before = record_count(app)
    admin.get(f"{POSITION}/simulacion")
    page = admin.post(f"{POSITION}/simulacion", {"lote": stored.batch_id, "revision": "2"})
    assert page.status == 200
    assert "A 1 de 3 registros le cambiaría el resultado." in page.text
    changed = page.text[page.text.index("A quién le cambiaría el resultado") :]
    assert "L-001 Elegible No elegible Años de experiencia: Se cumple → No se cumple" in changed
    assert "L-002" not in changed and "L-003" not in changed
    assert record_count(app) == before


def test_what_if_under_the_batchs_own_revision_changes_nobody(admin: Browser, stored: Stored) -> None:
    admin.get(f"{POSITION}/simulacion")
    page = admin.post(f"{POSITION}/simulacion", {"lote": stored.batch_id, "revision": "1"})
    assert "No cambiaría ningún resultado entre los 3 registros del lote." in page.text


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"lote": "", "revision": "2"}, "lote", "Elige el lote que se revisará de nuevo"),
        (
            {"lote": "b_no_existe", "revision": "2"},
            "lote",
            "«b_no_existe» no es un lote terminado del puesto 8-009-004-C215; elige uno de la lista",
        ),
        (
            {"revision": "7"},
            "revision",
            "La revisión debe ser una de las revisiones del puesto (1, 2); se encontró «7»",
        ),
    ],
)
def test_a_bad_what_if_is_an_error_beside_the_field(
    admin: Browser, stored: Stored, form: dict[str, str], field: str, message: str
) -> None:
    admin.get(f"{POSITION}/simulacion")
    page = admin.post(f"{POSITION}/simulacion", {"lote": stored.batch_id, **form})
    assert page.status == 422
    assert message in page.errors
    assert f'id="{field}-error"' in page.html


def test_what_if_without_the_csrf_token_is_refused(admin: Browser, stored: Stored) -> None:
    answer = admin.client.post(f"{POSITION}/simulacion", data={"lote": stored.batch_id, "revision": "2"})
    assert answer.status_code == 400
