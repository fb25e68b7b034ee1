"""Screenshots of the main pages and states for docs/screenshots (Spanish and English), run by hand:

    .venv/bin/python -m tests.browser.screenshots

Serves the app on a free local port with a fresh data directory and drives Debian's chromium through playwright.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import CHROMIUM_ARGS, SEED_CODE, LiveServer, chromium_path

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BUTTONS = {
    "es": {"continue": "Continuar", "result": "Ver el resultado", "save": "Guardar comprobante"},
    "en": {"continue": "Continue", "result": "See the result", "save": "Save receipt"},
}


MAX_HEIGHT = 2000


def shoot(page: Any, name: str) -> None:
    """The page from its top, whole or down to MAX_HEIGHT pixels (a long page's first screens)."""
    height = min(MAX_HEIGHT, int(page.evaluate("document.documentElement.scrollHeight")))
    clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True, clip=clip)
    print(OUT / f"{name}.png")


def walk(page: Any, lang: str) -> None:
    b = BUTTONS[lang]
    page.goto(f"/?lang={lang}")
    shoot(page, f"start-{lang}")
    page.goto("/puestos")
    shoot(page, f"positions-{lang}")
    page.goto(f"/puestos/{SEED_CODE}")
    shoot(page, f"position-{lang}")
    page.goto(f"/puestos/{SEED_CODE}/verificar")
    page.locator("#degrees-0-level").select_option("Licenciatura")
    page.get_by_role("button", name=b["continue"], exact=True).click()
    shoot(page, f"check-errors-{lang}")
    page.locator("#degrees-0-status").select_option("Título")
    page.locator("#degrees-0-field").fill("Ciencia Política")
    page.get_by_role("button", name=b["continue"], exact=True).click()
    page.locator("#jobs-0-title").fill("Analista")
    page.locator("#jobs-0-area").fill("Evaluación de proyectos y atención ciudadana")
    page.locator("#jobs-0-start-month").fill("6")
    page.locator("#jobs-0-start-year").fill("2025")
    page.locator("#jobs-0-current").check()
    shoot(page, f"check-jobs-{lang}")
    page.get_by_role("button", name=b["continue"], exact=True).click()
    page.locator("#knowledge-0").check()
    page.locator("#competencies-0").select_option("3")
    page.get_by_role("button", name=b["continue"], exact=True).click()
    shoot(page, f"check-answers-{lang}")
    page.get_by_role("button", name=b["result"]).click()
    shoot(page, f"result-{lang}")
    page.get_by_role("button", name=b["save"]).click()
    shoot(page, f"receipt-{lang}")
    page.goto("/verificar")
    page.locator("#degrees-0-level").select_option("Licenciatura")
    page.locator("#degrees-0-status").select_option("Título")
    page.locator("#degrees-0-field").fill("Derecho")
    page.get_by_role("button", name=b["continue"], exact=True).click()
    page.locator("#jobs-0-area").fill("Asesoría jurídica y atención ciudadana")
    page.locator("#jobs-0-start-month").fill("1")
    page.locator("#jobs-0-start-year").fill("2019")
    page.locator("#jobs-0-current").check()
    page.get_by_role("button", name=b["continue"], exact=True).click()
    page.get_by_role("button", name=b["continue"], exact=True).click()
    page.get_by_role("button", name=b["result"]).click()
    shoot(page, f"matches-{lang}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    server = LiveServer()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in ("es", "en"):
                context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
                walk(context.new_page(), lang)
                context.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
