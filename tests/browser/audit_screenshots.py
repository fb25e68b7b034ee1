"""Screenshots of the auditors' pages and the revision pages for docs/screenshots, run by hand:

    .venv/bin/python -m tests.browser.audit_screenshots

Serves the app on a free local port with a fresh data directory holding the stored records of
tests/app/web/audit_fixtures (two checks, a batch of three rows, a second revision of the seed position).
"""

from __future__ import annotations

from typing import Any

from tests.app.web.audit_fixtures import Stored, store_records
from tests.browser.conftest import (
    CHROMIUM_ARGS,
    SEED_CODE,
    STAFF,
    STAFF_PASSWORD,
    LiveServer,
    chromium_path,
    sign_in,
)
from tests.browser.screenshots import OUT, shoot


def auditor_walk(page: Any, lang: str, stored: Stored) -> None:
    sign_in(page, STAFF["auditor"], lang)
    page.goto(f"/auditoria/?q={stored.batch_id}")
    shoot(page, f"audit-batch-{lang}")
    page.goto(f"/auditoria/evaluaciones/{stored.ineligible_id}")
    shoot(page, f"audit-record-{lang}")
    page.locator("main form button[type=submit]").first.click()
    shoot(page, f"audit-replay-{lang}")
    page.goto(f"/auditoria/evaluaciones/{stored.ineligible_id}/expediente")
    shoot(page, f"appeal-file-{lang}")
    page.goto("/auditoria/cadena")
    page.locator("main form button[type=submit]").click()
    shoot(page, f"chain-verify-{lang}")


def admin_walk(page: Any, lang: str, stored: Stored) -> None:
    sign_in(page, STAFF["admin"], lang)
    page.goto(f"/administracion/puestos/{SEED_CODE}/diferencias?de=1&a=2&lang={lang}")
    shoot(page, f"revisions-diff-{lang}")
    page.goto(f"/administracion/puestos/{SEED_CODE}/simulacion")
    page.locator("#lote").select_option(stored.batch_id)
    page.locator("#revision").select_option("2")
    page.locator("main form button[type=submit]").click()
    shoot(page, f"what-if-{lang}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from screening import services

    OUT.mkdir(parents=True, exist_ok=True)
    server = LiveServer()
    try:
        with server.app.app_context():
            for key, username in STAFF.items():
                services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))
        stored = store_records(server.app, server.data_dir)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in ("es", "en"):
                for walk in (auditor_walk, admin_walk):
                    context = browser.new_context(
                        base_url=server.url, viewport={"width": 1024, "height": 800}
                    )
                    walk(context.new_page(), lang, stored)
                    context.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
