"""Fixtures for the pages: a client that holds a CSRF token, and a way to walk the self-check's steps."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

SEED_CODE = "8-009-004-C215"
CHECK_URL = f"/puestos/{SEED_CODE}/verificar"

DEGREE = {
    "degrees-0-level": "Licenciatura",
    "degrees-0-status": "Título",
    "degrees-0-field": "Ciencia Política",
}
CURRENT_JOB = {
    "jobs-0-title": "Analista",
    "jobs-0-area": "Evaluación de proyectos y atención ciudadana",
    "jobs-0-start-month": "3",
    "jobs-0-start-year": "2021",
    "jobs-0-current": "y",
}


class Page:
    """A page as a person reads it: status, title, headings, error messages and the visible text."""

    def __init__(self, response: Any) -> None:
        self.response = response
        self.status = response.status_code
        self.html = response.get_data(as_text=True)
        title = re.search(r"<title>(.*?)</title>", self.html, re.S)
        self.title = unescape(title.group(1).strip()) if title else ""
        self.errors = [
            unescape(
                re.sub(r"<[^>]+>", "", re.sub(r'<span class="visually-hidden">.*?</span>', "", m)).strip()
            )
            for m in re.findall(r'<p class="error-message"[^>]*>(.*?)</p>', self.html, re.S)
        ]
        self.summary_links = re.findall(r'<div class="error-summary".*?</div>', self.html, re.S)
        main = self.html[self.html.find("<main") : self.html.find("</main>")]
        self.text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main))).strip()

    def value(self, name: str) -> str | None:
        """What a text field, a text area or a select holds, as the browser would show it."""
        escaped = re.escape(name)
        found = re.search(rf'name="{escaped}"[^>]*value="([^"]*)"', self.html)
        if found:
            return unescape(found.group(1))
        area = re.search(rf'<textarea[^>]*name="{escaped}"[^>]*>(.*?)</textarea>', self.html, re.S)
        if area:
            return unescape(area.group(1))
        select = re.search(rf'<select[^>]*name="{escaped}".*?</select>', self.html, re.S)
        if select:
            chosen = re.search(r'<option value="([^"]*)" selected>', select.group(0))
            return unescape(chosen.group(1)) if chosen else None
        return None


class Browser:
    """The test client with the form's CSRF token, like a browser that has opened the form."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.token = ""

    def get(self, url: str, **kwargs: Any) -> Page:
        page = Page(self.client.get(url, **kwargs))
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.html)
        if token:
            self.token = token.group(1)
        return page

    def post(self, url: str, data: dict[str, str], **kwargs: Any) -> Page:
        if not self.token:
            self.get(url)
        return Page(self.client.post(url, data={"csrf_token": self.token, **data}, **kwargs))


@pytest.fixture
def app(data_dir: Any) -> Any:
    from screening import create_app

    application = create_app(
        {
            "SCREENING_DATA_DIR": str(data_dir),
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
        }
    )
    yield application
    application.extensions["screening"].close()


@pytest.fixture
def browser(client: Any) -> Browser:
    return Browser(client)


# --- staff -----------------------------------------------------------------------------------------------------

STAFF_PASSWORD = "clave de prueba 2026"
STAFF = {"recruiter": "rmartinez", "recruiter2": "lperez", "auditor": "aortiz", "admin": "jsanchez"}
"""A user of each role (and a second recruiter), all with STAFF_PASSWORD."""


@pytest.fixture
def staff_users(app: Any) -> dict[str, str]:
    from screening import services

    with app.app_context():
        for key, username in STAFF.items():
            services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))
    return dict(STAFF)


def sign_in(browser: Browser, username: str, password: str = STAFF_PASSWORD, next: str | None = None) -> Page:
    """Open the sign-in page (for its CSRF token) and sign in; the answer before any redirect is followed."""
    browser.get("/ingresar")
    data = {"username": username, "password": password}
    if next is not None:
        data["next"] = next
    return browser.post("/ingresar", data)


@pytest.fixture
def staff_browser(app: Any, staff_users: dict[str, str]) -> Any:
    """A function: the role (or "recruiter2") -> a browser of its own, signed in as that user."""

    def open_as(key: str) -> Browser:
        browser = Browser(app.test_client())
        answer = sign_in(browser, staff_users[key])
        assert answer.status == 303, answer.text
        return browser

    return open_as
