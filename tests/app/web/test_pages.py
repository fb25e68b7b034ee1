"""The public pages: start page, positions and their requirements, privacy notice, languages, headers, errors."""

from __future__ import annotations

from tests.app.web.conftest import SEED_CODE, Browser


def test_start_page_says_what_the_service_does_in_spanish(browser: Browser) -> None:
    page = browser.get("/")
    assert page.status == 200
    assert '<html lang="es">' in page.html
    assert page.title.startswith("Verifica si puedes aplicar a un puesto")
    assert "Comenzar" in page.text and "Aviso de privacidad" in page.html
    assert "Toma unos 5 minutos" in page.text


def test_english_by_link_is_remembered_in_a_cookie(browser: Browser) -> None:
    page = browser.get("/?lang=en")
    assert '<html lang="en">' in page.html and "Start" in page.text
    cookie = page.response.headers["Set-Cookie"]
    assert cookie.startswith("lang=en") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Positions" in browser.get("/puestos").title


def test_accept_language_chooses_english_without_cookie(browser: Browser) -> None:
    page = browser.get("/puestos", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page.title.startswith("Positions")


def test_language_link_names_the_other_language(browser: Browser) -> None:
    assert 'lang="en" hreflang="en">English</a>' in browser.get("/").html
    assert 'hreflang="es">Español</a>' in browser.get("/?lang=en").html


def test_positions_list_and_search_ignore_accents(browser: Browser) -> None:
    page = browser.get("/puestos?q=PARTICIPACION")
    assert "1 puesto coincide con «PARTICIPACION»." in page.text
    assert f'href="/puestos/{SEED_CODE}"' in page.html
    empty = browser.get("/puestos?q=astronauta")
    assert "0 puestos coinciden" in empty.text and "Prueba con otras palabras" in empty.text


def test_position_page_states_requirements_in_plain_language(browser: Browser) -> None:
    page = browser.get(f"/puestos/{SEED_CODE}")
    assert page.status == 200
    assert "Al menos 2 años de experiencia en alguna de estas áreas" in page.text
    assert "Licenciatura (o Ingeniería) o Especialidad o Maestría o Doctorado" in page.text
    assert "Revisión 1 del perfil, vigente desde el" in page.text
    assert "Normativa Electoral." in page.text and "Qué hace el puesto" in page.text
    assert f'href="/puestos/{SEED_CODE}/verificar"' in page.html


def test_unknown_position_is_a_404_page_not_a_stack_trace(browser: Browser) -> None:
    page = browser.get("/puestos/NOPE")
    assert page.status == 404
    assert page.title.startswith("No se encontró el puesto")
    assert "No hay ningún puesto con el código NOPE" in page.text


def test_unknown_page_is_html_but_the_api_keeps_json(browser: Browser) -> None:
    assert browser.get("/no-existe").title.startswith("No se encontró la página")
    api = browser.client.get("/api/v1/no-existe")
    assert api.status_code == 404 and api.get_json()["code"] == "not_found"


def test_privacy_notice_has_simplified_and_full_parts(browser: Browser) -> None:
    page = browser.get("/aviso-de-privacidad")
    assert "Aviso de privacidad simplificado" in page.text and "Aviso de privacidad integral" in page.text
    assert "derechos ARCO" in page.text


def test_pages_carry_security_headers(browser: Browser) -> None:
    headers = browser.get("/").response.headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(browser: Browser) -> None:
    for url in ("/", "/puestos", f"/puestos/{SEED_CODE}", f"/puestos/{SEED_CODE}/verificar", "/verificar"):
        html = browser.get(url).html
        assert "<style" not in html and " style=" not in html
        assert "<script>" not in html and "<script " not in html.replace('<script src="', "")


def test_css_is_served_from_the_package(browser: Browser) -> None:
    response = browser.client.get("/recursos/app.css")
    assert response.status_code == 200 and b".error-summary" in response.data
    assert browser.client.get("/recursos/print.css").status_code == 200


def test_form_posted_without_csrf_token_gets_a_400_page_that_says_why(client: object) -> None:
    response = client.post(f"/puestos/{SEED_CODE}/verificar", data={"step": "studies"})  # type: ignore[attr-defined]
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "No se pudo enviar el formulario" in text and "token CSRF" in text


def test_api_posts_need_no_csrf_token(client: object, candidate: dict[str, object]) -> None:
    response = client.post(f"/api/v1/positions/{SEED_CODE}/evaluations", json=candidate)  # type: ignore[attr-defined]
    assert response.status_code == 200


def test_health_routes_outside_the_api_keep_json_errors(client: object) -> None:
    response = client.post("/health")  # type: ignore[attr-defined]
    assert response.status_code == 405 and response.get_json()["code"] == "method_not_allowed"
