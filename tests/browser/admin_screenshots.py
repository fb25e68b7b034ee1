"""Screenshots of the administrators' pages for docs/screenshots, run by hand:

    .venv/bin/python -m tests.browser.admin_screenshots

Serves the app on a free local port with a fresh data directory, signs in as an administrator and writes the
import preview (a catalog whose seed profile asks other years, with a second profile the parser cannot read),
the users, a user's page and a token just created, in Spanish and English.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tests.app.web.catalog_texts import BROKEN, changed_catalog
from tests.browser.conftest import CHROMIUM_ARGS, STAFF, STAFF_PASSWORD, LiveServer, chromium_path, sign_in
from tests.browser.screenshots import OUT, shoot


def admin_walk(page: Any, lang: str, upload: Path) -> None:
    sign_in(page, STAFF["admin"], lang)
    shoot(page, f"admin-home-{lang}")
    page.goto("/administracion/catalogo")
    page.locator("#archivo").set_input_files(str(upload))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/vista-previa")
    shoot(page, f"admin-import-preview-{lang}")
    page.locator("main form").last.locator("button").click()  # cancel: the next language previews the same
    page.goto("/administracion/usuarios")
    shoot(page, f"admin-users-{lang}")
    page.locator("main table a", has_text=STAFF["recruiter"]).click()
    shoot(page, f"admin-user-{lang}")
    page.goto("/administracion/tokens/nuevo")
    page.locator("#name").fill("Sistema de RH" if lang == "es" else "HR system")
    page.locator("#role").select_option("recruiter")
    page.locator("main form button[type=submit]").click()
    shoot(page, f"admin-token-created-{lang}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from screening import services

    OUT.mkdir(parents=True, exist_ok=True)
    server = LiveServer()
    upload = Path(tempfile.mkdtemp()) / "catalogo.txt"
    upload.write_text(changed_catalog(3) + "\n" + BROKEN, encoding="utf-8")
    try:
        with server.app.app_context():
            for key, username in STAFF.items():
                services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in ("es", "en"):
                context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
                admin_walk(context.new_page(), lang, upload)
                context.close()
            browser.close()
    finally:
        server.stop()
        upload.unlink()
        upload.parent.rmdir()


if __name__ == "__main__":
    main()
