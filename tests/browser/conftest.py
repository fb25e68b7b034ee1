"""Browser tests: the app served on a free local port, driven by playwright with Debian's chromium.

Playwright's own browser download is not used: chromium comes from the system (`apt-get install chromium`, which
.ci/run does when it is missing). Every test gets a fresh browser context (no cookies from another test).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED_CODE = "8-009-004-C215"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        raise RuntimeError("chromium is not installed: .ci/run installs it with apt-get")
    pytest.skip("chromium is not installed (apt-get install chromium)")


class LiveServer:
    """The app on 127.0.0.1:<free port>, in a thread, with its own data directory."""

    def __init__(self) -> None:
        from werkzeug.serving import make_server

        from screening import create_app

        self.data_dir = Path(tempfile.mkdtemp(prefix="screening-browser-"))
        self.app = create_app(
            {
                "SCREENING_DATA_DIR": str(self.data_dir),
                "SECRET_KEY": "browser-tests-" + "x" * 32,
                "RATELIMIT_CHECKS": "100000 per minute",
            }
        )
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.app.extensions["screening"].close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    server = LiveServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium: Any, live_server: LiveServer) -> Iterator[Any]:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
    # A page that breaks its Content-Security-Policy says so on the console (an error page's own status too,
    # as "Failed to load resource", which is what it is meant to answer).
    assert [
        e
        for e in errors
        if not e.startswith("Failed to load resource: the server responded with a status of 4")
    ] == []


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of the page as it is now (WCAG 2.2 AA rules)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            }
        },
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


STAFF_PASSWORD = "clave de prueba 2026"
STAFF = {"recruiter": "rmartinez", "recruiter2": "lperez", "auditor": "aortiz", "admin": "jsanchez"}


@pytest.fixture(scope="session")
def staff_users(live_server: LiveServer) -> dict[str, str]:
    """A user of each role (and a second recruiter) on the live server, all with STAFF_PASSWORD."""
    from screening import services

    with live_server.app.app_context():
        for key, username in STAFF.items():
            services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))
    return dict(STAFF)


def sign_in(page: Any, username: str, lang: str = "es") -> None:
    """Sign in through the form, as a person does."""
    page.goto(f"/ingresar?lang={lang}")
    page.locator("#username").fill(username)
    page.locator("#password").fill(STAFF_PASSWORD)
    page.locator("main form button[type=submit]").click()
