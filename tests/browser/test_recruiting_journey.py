"""The recruiter's journey in the browser, in Spanish and English, with axe on each state: the upload form (and its
error state), the preview, the batch page while it runs and once finished (the static progress script reloads
it), a row's verdict, the CSV download and the adverse-impact report."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SEED_CODE, axe_violations, sign_in

LANGS = ["es", "en"]
TEXT = {
    "es": {
        "upload": "Subir y ver la vista previa",
        "problem": "Hay un problema",
        "preview": "Revisa cómo se leyó el archivo",
        "confirm": "Confirmar y revisar",
        "finished": "Terminado",
        "show": "Mostrar resultados",
        "csv": "Resultados en CSV",
        "impact": "Ver el informe de impacto adverso",
        "impact_title": "Impacto adverso por sexo",
        "verdict": "Dictamen de la fila",
        "back": "Volver al lote",
        "women": "Mujeres",
    },
    "en": {
        "upload": "Upload and preview",
        "problem": "There is a problem",
        "preview": "Check how the file was read",
        "confirm": "Confirm and screen",
        "finished": "Finished",
        "show": "Show results",
        "csv": "Results as CSV",
        "impact": "See the adverse-impact report",
        "impact_title": "Adverse impact by sex",
        "verdict": "Verdict of row",
        "back": "Back to the batch",
        "women": "Women",
    },
}
HEADER = [
    "Folio",
    "Nivel",
    "Grado de avance",
    "Carrera",
    "Años de experiencia",
    "Área de experiencia",
    "Sexo",
]
ELIGIBLE = [
    "Licenciatura",
    "Titulada",
    "Ciencia Política",
    "3",
    "Evaluación de proyectos y atención ciudadana",
]
INELIGIBLE = ["Licenciatura", "Pasante", "Derecho", "1", "Trabajo de campo"]


def candidates_csv(path: Path) -> Path:
    """A title row, then 8 women (all eligible), 6 men (2 eligible), 2 rows without sex, one invalid row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Convocatoria 2026, aspirantes"])
    writer.writerow(HEADER)
    for n in range(8):
        writer.writerow([f"M-{n:02d}", *ELIGIBLE, "Mujer"])
    for n in range(6):
        writer.writerow([f"H-{n:02d}", *(ELIGIBLE if n < 2 else INELIGIBLE), "Hombre"])
    writer.writerow(["S-00", *ELIGIBLE, ""])
    writer.writerow(["S-01", *INELIGIBLE, ""])
    writer.writerow(["X-00", "Kinder", "Titulado", "Sociología", "4", "Vinculación", "Mujer"])
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def upload_and_confirm(page: Any, lang: str, path: Path, check: Any = None) -> None:
    """From the recruiter's home: the upload's error state, the preview, confirm; `check` runs on each state."""
    t = TEXT[lang]
    page.goto("/reclutamiento/")
    page.get_by_role("button", name=t["upload"]).click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text(t["problem"])
    if check:
        check("upload-errors")
    page.locator("#position").select_option(SEED_CODE)
    page.locator("#file").set_input_files(str(path))
    page.get_by_role("button", name=t["upload"]).click()
    expect(page.locator("h1")).to_have_text(t["preview"])
    expect(page.locator("#title-rows")).to_contain_text("Convocatoria 2026")
    if check:
        check("preview")
    page.get_by_role("button", name=t["confirm"]).click()


@pytest.mark.parametrize("lang", LANGS)
def test_upload_preview_confirm_batch_verdict_download(
    page: Any, staff_users: dict[str, str], lang: str, tmp_path: Path
) -> None:
    t = TEXT[lang]
    sign_in(page, staff_users["recruiter"], lang)
    expect(page.locator("h1")).to_be_visible()
    assert axe_violations(page) == []

    def check(state: str) -> None:
        assert axe_violations(page) == [], state

    upload_and_confirm(page, lang, candidates_csv(tmp_path / "aspirantes.csv"), check)
    # The batch page: its progress while it runs, reloaded by the static script once it is finished.
    expect(page.locator("#batch-status")).to_have_text(t["finished"], timeout=60_000)
    expect(page.locator("#counts")).to_be_visible()
    check("batch")
    expect(page.locator("#counts tfoot")).to_contain_text("17")

    page.locator("#resultado").select_option("elegible")
    page.locator("#orden").select_option("puntaje")
    page.get_by_role("button", name=t["show"]).click()
    expect(page.locator(".results-table tbody tr")).to_have_count(11)
    check("filtered")

    page.locator(".results-table tbody a").first.click()
    expect(page).to_have_title(re.compile(t["verdict"]))
    check("verdict")
    page.get_by_role("link", name=t["back"]).click()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=t["csv"]).click()
    download = download_info.value
    saved = tmp_path / "resultados.csv"
    download.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text("utf-8-sig"))))
    assert rows[0][:3] == ["row", "folio", "outcome"] and len(rows) == 18

    page.get_by_role("link", name=t["impact"]).click()
    expect(page.locator("h1")).to_have_text(t["impact_title"])
    expect(page.locator("#impact-table")).to_contain_text(t["women"])
    expect(page.locator("svg[role=img] rect")).to_have_count(2)
    check("impact")


@pytest.mark.parametrize("lang", LANGS)
def test_the_progress_of_a_running_batch_then_its_results(
    page: Any, live_server: Any, staff_users: dict[str, str], lang: str, tmp_path: Path
) -> None:
    """The page of a running batch (axe on it), moved on by its static script once the batch is finished."""
    from screening import services
    from screening.storage.models import Batch

    t = TEXT[lang]
    sign_in(page, staff_users["recruiter"], lang)
    expect(page.locator("h1")).to_be_visible()
    upload_and_confirm(page, lang, candidates_csv(tmp_path / "aspirantes.csv"))
    expect(page.locator("#batch-status")).to_have_text(t["finished"], timeout=60_000)
    batch_id = page.url.rsplit("/", 1)[1]

    def set_status(status: str, rows_done: int) -> None:
        with live_server.app.app_context(), services.current().database.write() as session:
            stored = session.get(Batch, batch_id)
            assert stored is not None
            stored.status, stored.rows_done = status, rows_done

    set_status("running", 5)
    page.reload()
    expect(page.locator("#progress-bar")).to_have_attribute("value", "5")
    expect(page.locator("#progress-text")).to_contain_text("17")
    assert axe_violations(page) == []
    set_status("done", 17)
    expect(page.locator("#counts")).to_be_visible(timeout=15_000)  # the script reloaded the page
    expect(page.locator("#batch-status")).to_have_text(t["finished"])
