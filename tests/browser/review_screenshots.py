"""Screenshots of the review, publication and retention pages for docs/screenshots, run by hand:

    .venv/bin/python -m tests.browser.review_screenshots

Serves the app on a free local port with a fresh data directory holding a batch of four rows, two of them left
under review (tests/app/web/review_fixtures).
"""

from __future__ import annotations

from typing import Any

from tests.app.web.review_fixtures import ReviewBatch, screen_review_batch
from tests.browser.conftest import CHROMIUM_ARGS, STAFF, STAFF_PASSWORD, LiveServer, chromium_path, sign_in
from tests.browser.screenshots import OUT, shoot


def recruiter_walk(page: Any, lang: str, batch: ReviewBatch) -> None:
    sign_in(page, STAFF["recruiter"], lang)
    page.goto(f"/reclutamiento/lotes/{batch.batch_id}/revisiones?lang={lang}")
    shoot(page, f"reviews-batch-{lang}")
    page.goto(f"/reclutamiento/lotes/{batch.batch_id}/revisiones/{batch.ids['R-004']}")
    shoot(page, f"review-decide-{lang}")
    page.goto(f"/reclutamiento/lotes/{batch.batch_id}/revisiones/{batch.ids['R-003']}")
    page.locator("#outcome-education\\.field-pass").check()
    page.locator("textarea").fill("Plan de estudios afín a Ciencia Política (constancia de la institución).")
    page.locator("main form button[type=submit]").click()
    page.goto(f"/reclutamiento/lotes/{batch.batch_id}/publicar")
    page.locator("#publish").click()
    shoot(page, f"publish-refused-{lang}")
    page.locator("input[type=checkbox]").check()
    page.locator("#publish").click()
    shoot(page, f"publication-{lang}")


def admin_walk(page: Any, lang: str) -> None:
    sign_in(page, STAFF["admin"], lang)
    page.goto(f"/administracion/retencion?lang={lang}")
    shoot(page, f"retention-{lang}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from screening import services

    OUT.mkdir(parents=True, exist_ok=True)
    server = LiveServer()
    try:
        with server.app.app_context():
            for key, username in STAFF.items():
                services.create_user(username, STAFF_PASSWORD, key.rstrip("2"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in ("es", "en"):
                batch = screen_review_batch(server.app, server.data_dir)
                context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
                recruiter_walk(context.new_page(), lang, batch)
                context.close()
                context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
                admin_walk(context.new_page(), lang)
                context.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
