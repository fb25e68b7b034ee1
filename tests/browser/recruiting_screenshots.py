"""Screenshots of the recruiters' pages for docs/screenshots, run by hand:

    .venv/bin/python -m tests.browser.recruiting_screenshots

Serves the app on a free local port with a fresh data directory, signs in as a recruiter and walks the journey
of tests/browser/test_recruiting_journey.py (a CSV with a title row above its headers): the home page, the
preview, the finished batch, a row's verdict and the adverse-impact report, in Spanish and English.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM_ARGS, STAFF, STAFF_PASSWORD, LiveServer, chromium_path, sign_in
from tests.browser.screenshots import OUT, shoot
from tests.browser.test_recruiting_journey import TEXT, candidates_csv, upload_and_confirm


def recruiter_walk(page: Any, lang: str, folder: Path) -> None:
    t = TEXT[lang]
    sign_in(page, STAFF["recruiter"], lang)

    def check(state: str) -> None:
        if state == "preview":
            shoot(page, f"recruiting-preview-{lang}")

    upload_and_confirm(page, lang, candidates_csv(folder / f"aspirantes-{lang}.csv"), check)
    expect(page.locator("#batch-status")).to_have_text(t["finished"], timeout=60_000)
    shoot(page, f"recruiting-batch-{lang}")
    page.locator(".results-table tbody a").first.click()
    expect(page).to_have_title(re.compile(t["verdict"]))
    shoot(page, f"recruiting-verdict-{lang}")
    page.get_by_role("link", name=t["back"]).click()
    page.get_by_role("link", name=t["impact"]).click()
    expect(page.locator("h1")).to_have_text(t["impact_title"])
    shoot(page, f"recruiting-impact-{lang}")
    page.goto("/reclutamiento/")
    shoot(page, f"recruiting-home-{lang}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from screening import services

    OUT.mkdir(parents=True, exist_ok=True)
    server = LiveServer()
    try:
        with server.app.app_context():
            services.create_user(STAFF["recruiter"], STAFF_PASSWORD, "recruiter")
        with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in ("es", "en"):
                context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
                recruiter_walk(context.new_page(), lang, Path(folder))
                context.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
