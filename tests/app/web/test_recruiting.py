"""The recruiters' pages (/reclutamiento): upload, preview (format, encoding, delimiter, headers as read, ignored
columns, first rows, a title row above the headers, a workbook whose first sheet is instructions), confirm and
cancel, the batch page (counts, results filtered and sorted, pagination, each row's verdict, downloads) and
its adverse-impact report; bad uploads (wrong type, empty, too large, no CSRF), another recruiter's batch
(403), anonymous visitors (to /ingresar), and the stored upload's mode (0600)."""

from __future__ import annotations

import csv
import io
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.app.bulk.conftest import HEADER, ROWS, SEED_CODE, csv_bytes, write_xlsx
from tests.app.web.conftest import Browser, Page

HOME = "/reclutamiento/"


def wait(app: Any) -> None:
    from screening.worker.embedded import embedded_worker

    embedded_worker(app.extensions["screening"]).join()


def send(browser: Browser, content: bytes, name: str = "aspirantes.csv", code: str = SEED_CODE) -> Page:
    browser.get(HOME)
    return browser.post(
        "/reclutamiento/cargas",
        {"position": code, "file": (io.BytesIO(content), name)},  # type: ignore[dict-item]
        content_type="multipart/form-data",
    )


def uploaded(browser: Browser, content: bytes, name: str = "aspirantes.csv") -> str:
    """Upload a file; the preview's address."""
    answer = send(browser, content, name)
    assert answer.status == 303, answer.text
    location: str = answer.response.headers["Location"]
    assert re.fullmatch(r"/reclutamiento/cargas/b_[\w-]+", location)
    return location


def screened(app: Any, browser: Browser, content: bytes, name: str = "aspirantes.csv", **form: str) -> str:
    """Upload, confirm and wait: the batch page's address."""
    preview = uploaded(browser, content, name)
    browser.get(preview)
    answer = browser.post(preview + "/confirmar", form)
    assert answer.status == 303, answer.text
    wait(app)
    location: str = answer.response.headers["Location"]
    return location


@pytest.fixture
def recruiter(staff_browser: Any) -> Browser:
    browser: Browser = staff_browser("recruiter")
    return browser


# --- access ----------------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client: Any) -> None:
    for url in (HOME, "/reclutamiento/lotes/b_abc", "/reclutamiento/cargas/b_abc"):
        answer = client.get(url)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/ingresar?next=")


def test_other_roles_get_403(staff_browser: Any) -> None:
    for role in ("auditor", "admin"):
        page = staff_browser(role).get(HOME)
        assert page.status == 403 and "reclutador" in page.text


def test_home_lists_positions_and_an_upload_form(recruiter: Browser) -> None:
    page = recruiter.get(HOME)
    assert page.status == 200
    assert page.title.startswith("Lotes y cargas")
    assert f'<option value="{SEED_CODE}"' in page.html
    assert 'enctype="multipart/form-data"' in page.html
    assert "Todavía no has revisado ningún archivo." in page.text
    assert page.response.headers["Cache-Control"] == "no-store"


# --- upload and preview -------------------------------------------------------------------------------------------


def test_a_csv_is_previewed_before_anything_is_screened(app: Any, recruiter: Browser) -> None:
    content = csv_bytes(
        [*HEADER, "Teléfono"], [[*row, "555"] for row in ROWS], encoding="cp1252", delimiter=";"
    )
    preview = recruiter.get(uploaded(recruiter, content))
    assert preview.status == 200
    assert "CSV" in preview.text and "cp1252" in preview.text and "punto y coma (;)" in preview.text
    headers = preview.html[
        preview.html.find('id="headers"') : preview.html.find("</table>", preview.html.find('id="headers"'))
    ]
    assert "Nivel" in headers and "Título 1: nivel" in headers and "degrees[0].level" in headers
    assert "Sexo (solo para el informe de impacto adverso" in headers
    ignored = re.search(r'<ul id="ignored">(.*?)</ul>', preview.html, re.S)
    assert ignored is not None and "Teléfono" in ignored.group(1)
    assert "A-0001" in preview.text and "A-0005" not in preview.text  # five rows shown; A-0005 has no folio
    assert "Confirmar y revisar" in preview.text
    # Nothing screened yet: no batch exists.
    with app.app_context():
        from screening import services

        assert services.current().database is not None
        assert recruiter.get(HOME).text.count("b_") == 0


def test_a_title_row_above_the_headers_is_found_and_skipped(app: Any, recruiter: Browser) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Convocatoria 2026: aspirantes al puesto de analista"])
    writer.writerow([])
    writer.writerow(HEADER)
    writer.writerows(ROWS)
    preview_url = uploaded(recruiter, buffer.getvalue().encode("utf-8"))
    preview = recruiter.get(preview_url)
    assert preview.status == 200
    assert "Los encabezados están en la fila 3." in preview.text
    assert "Fila 1: “Convocatoria 2026: aspirantes al puesto de analista”" in preview.text
    assert 'name="header_row" value="3"' in preview.html
    batch_url = recruiter.post(preview_url + "/confirmar", {"header_row": "3"}).response.headers["Location"]
    wait(app)
    batch = recruiter.get(batch_url)
    assert "A-0001" in batch.text and "Convocatoria" not in batch.text
    counts = re.search(r'id="counts".*?</table>', batch.html, re.S)
    assert counts is not None and re.search(r"Total</th><td[^>]*>6<", counts.group(0))


def test_a_file_whose_headers_cannot_be_found_is_reported_with_what_is_missing(recruiter: Browser) -> None:
    content = csv_bytes(["Nombre", "Teléfono"], [["Ana", "555"]])
    preview = recruiter.get(uploaded(recruiter, content))
    assert preview.status == 422
    assert "Este archivo no se puede revisar así" in preview.text
    assert "faltan columnas" in preview.text and "nivel" in preview.text
    assert "Confirmar y revisar" not in preview.text and "Cancelar y borrar el archivo" in preview.text


def test_an_xlsx_whose_first_sheet_is_instructions_offers_its_sheets(
    app: Any, recruiter: Browser, tmp_path: Path
) -> None:
    import xlsxwriter

    path = tmp_path / "convocatoria.xlsx"
    book = xlsxwriter.Workbook(str(path))
    notes = book.add_worksheet("Instrucciones")
    notes.write_string(0, 0, "Llene una fila por aspirante.")
    notes.write_string(1, 0, "No cambie los encabezados.")
    data = book.add_worksheet("Aspirantes")
    data.write_row(0, 0, HEADER)
    for number, row in enumerate(ROWS, start=1):
        data.write_row(number, 0, row)
    book.close()
    preview_url = uploaded(recruiter, path.read_bytes(), "convocatoria.xlsx")
    first = recruiter.get(preview_url)
    assert first.status == 422
    assert "XLSX" in first.text and "Instrucciones" in first.text
    assert "elige la hoja" in first.text.lower()
    assert 'name="hoja" value="Aspirantes"' in first.html
    chosen = recruiter.get(preview_url + "?hoja=Aspirantes")
    assert chosen.status == 200 and "A-0001" in chosen.text
    assert 'name="sheet" value="Aspirantes"' in chosen.html
    answer = recruiter.post(preview_url + "/confirmar", {"sheet": "Aspirantes"})
    wait(app)
    batch = recruiter.get(answer.response.headers["Location"])
    assert "Terminado" in batch.text and "A-0002" in batch.text


def test_cancelling_removes_the_file(app: Any, recruiter: Browser) -> None:
    preview_url = uploaded(recruiter, csv_bytes(HEADER, ROWS))
    recruiter.get(preview_url)
    upload_id = preview_url.rsplit("/", 1)[1]
    folder = Path(app.config["SCREENING_DATA_DIR"]) / "batches" / upload_id
    assert folder.is_dir()
    answer = recruiter.post(preview_url + "/cancelar", {})
    assert answer.status == 303
    assert not folder.exists()
    assert "Se canceló la carga" in recruiter.get(answer.response.headers["Location"]).text
    assert recruiter.get(preview_url).status == 404


def test_the_upload_is_stored_with_mode_0600_under_a_name_the_server_chooses(
    app: Any, recruiter: Browser
) -> None:
    preview_url = uploaded(recruiter, csv_bytes(HEADER, ROWS), "../../etc/passwd.csv")
    upload_id = preview_url.rsplit("/", 1)[1]
    folder = Path(app.config["SCREENING_DATA_DIR"]) / "batches" / upload_id
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["input.csv", "upload.json"]
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "passwd.csv" in recruiter.get(preview_url).text  # shown, without its path parts
    assert not (Path(app.config["SCREENING_DATA_DIR"]).parent / "etc").exists()


def test_result_files_of_a_batch_are_not_readable_by_others(app: Any, recruiter: Browser) -> None:
    batch_url = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    folder = Path(app.config["SCREENING_DATA_DIR"]) / "batches" / batch_url.rsplit("/", 1)[1]
    for path in folder.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path.name


# --- bad uploads ------------------------------------------------------------------------------------------------------


def _upload_error(page: Page) -> str:
    assert page.errors, page.text
    return page.errors[0]


def test_no_file_and_no_position_are_named(recruiter: Browser) -> None:
    recruiter.get(HOME)
    page = recruiter.post("/reclutamiento/cargas", {"position": ""}, content_type="multipart/form-data")
    assert page.status == 422
    assert page.title.startswith("Error:")
    assert page.errors == [
        "Elige el puesto al que aspiran las personas",
        "Elige un archivo CSV o XLSX de aspirantes",
    ]


def test_an_unknown_position_is_named(recruiter: Browser) -> None:
    page = send(recruiter, csv_bytes(HEADER, ROWS), code="NO-EXISTE")
    assert page.status == 422 and "NO-EXISTE" in _upload_error(page)


def test_an_empty_file_is_refused_and_not_kept(app: Any, recruiter: Browser) -> None:
    page = send(recruiter, b"", "vacio.csv")
    assert page.status == 422
    assert "vacío" in _upload_error(page)
    batches = Path(app.config["SCREENING_DATA_DIR"]) / "batches"
    assert not [p for p in batches.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("content", "name", "found"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "foto.png", "binario"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "viejo.xls", ".xls"),
        (b"PK\x03\x04 esto no es un zip", "roto.xlsx", "XLSX"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_naming_what_is_accepted(
    app: Any, recruiter: Browser, content: bytes, name: str, found: str
) -> None:
    page = send(recruiter, content, name)
    assert page.status == 422
    message = _upload_error(page)
    assert found in message and "CSV" in message
    batches = Path(app.config["SCREENING_DATA_DIR"]) / "batches"
    assert not [p for p in batches.rglob("*") if p.is_file()]


def test_a_file_over_the_bulk_limit_is_413_and_not_kept(app: Any, recruiter: Browser) -> None:
    from dataclasses import replace

    app.config["BULK_LIMITS"] = replace(app.config["BULK_LIMITS"], max_file_bytes=2000)
    page = send(recruiter, csv_bytes(HEADER, ROWS * 100))
    assert page.status == 413
    assert "demasiado grande" in _upload_error(page) and "2,000" in _upload_error(page)
    batches = Path(app.config["SCREENING_DATA_DIR"]) / "batches"
    assert not [p for p in batches.rglob("*") if p.is_file()]


def test_a_request_over_the_upload_limit_is_413(app: Any, recruiter: Browser) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 4096
    page = send(recruiter, csv_bytes(HEADER, ROWS * 100))
    assert page.status == 413


def test_a_zip_bomb_is_refused_before_any_parser(recruiter: Browser, tmp_path: Path) -> None:
    import zipfile

    path = write_xlsx(tmp_path / "libro.xlsx", HEADER, ROWS)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/relleno.xml", b" " * (32 * 1024 * 1024))
    page = send(recruiter, path.read_bytes(), "bomba.xlsx")
    assert page.status == 422 and "zip" in _upload_error(page)


def test_forms_without_csrf_are_400(app: Any, recruiter: Browser) -> None:
    preview_url = uploaded(recruiter, csv_bytes(HEADER, ROWS))
    client = recruiter.client
    for url, data in (
        ("/reclutamiento/cargas", {"position": SEED_CODE, "file": (io.BytesIO(b"x"), "a.csv")}),
        (preview_url + "/confirmar", {}),
        (preview_url + "/cancelar", {}),
    ):
        answer = client.post(url, data=data, content_type="multipart/form-data")
        assert answer.status_code == 400, url
    assert recruiter.get(preview_url).status == 200  # nothing was done


# --- the batch ---------------------------------------------------------------------------------------------------------


def test_the_batch_page_counts_lists_and_links_each_verdict(app: Any, recruiter: Browser) -> None:
    batch_url = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    page = recruiter.get(batch_url)
    assert page.status == 200 and "Terminado" in page.text
    counts = re.search(r'id="counts".*?</table>', page.html, re.S)
    assert counts is not None
    body = counts.group(0)[: counts.group(0).find("<tfoot>")]
    cells = re.findall(r'<td class="numeric">(\d+)</td>', body)
    assert len(cells) == 4 and sum(map(int, cells)) == 6
    assert "Fila inválida" in page.text  # the row with an unknown level
    # The formula-like folio is shown as the result file has it (neutralised).
    assert "&#39;=HYPERLINK" in page.html or "'=HYPERLINK" in page.html
    link = re.search(r'href="(/reclutamiento/lotes/[^"]+/evaluaciones/[^"]+)">A-0001', page.html)
    assert link is not None
    verdict = recruiter.get(link.group(1))
    assert verdict.status == 200
    assert verdict.title.startswith("Dictamen de la fila 1")
    assert "Requisito por requisito" in verdict.text or "requisito por requisito" in verdict.text
    assert "Cláusula del perfil" in verdict.text


def test_results_are_filtered_by_outcome_and_sorted_by_desirable_score(app: Any, recruiter: Browser) -> None:
    rows = [[f"F-{n:03d}", *row[1:]] for n, row in enumerate(ROWS * 10)]
    batch_url = screened(app, recruiter, csv_bytes(HEADER, rows))
    invalid = recruiter.get(batch_url + "?resultado=invalida")
    outcomes = re.findall(
        r'<strong class="tag tag--(\w+)">', invalid.html[invalid.html.find('id="results"') :]
    )
    assert outcomes and set(outcomes) == {"invalid"}
    assert "10 filas mostradas" in invalid.text
    everything = recruiter.get(batch_url)
    assert "60 filas mostradas" in everything.text and "Página 1 de 2" in everything.text
    second = recruiter.get(batch_url + "?pagina=2")
    assert "Página 2 de 2" in second.text and "F-059" in second.text and "F-000" not in second.text
    ranked = recruiter.get(batch_url + "?resultado=elegible&orden=puntaje")
    table = ranked.html[ranked.html.find("results-caption") :]
    scores = [int(s) for s in re.findall(r'<td class="numeric">(\d+)</td>\s*<td class="reasons">', table)]
    assert scores == sorted(scores, reverse=True) and scores
    assert set(re.findall(r'<strong class="tag tag--(\w+)">', table)) == {"pass"}


def test_downloads_are_neutralised_csv_and_xlsx(app: Any, recruiter: Browser) -> None:
    batch_url = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    answer = recruiter.client.get(batch_url + "/resultados.csv")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in answer.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["row", "folio", "outcome"] and len(rows) == 7
    assert rows[5][1] == '\'=HYPERLINK("http://x","a")'
    xlsx = recruiter.client.get(batch_url + "/resultados.xlsx")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")
    assert recruiter.client.get(batch_url + "/resultados.pdf").status_code == 404


def test_another_recruiters_batch_upload_and_verdict_are_403(
    app: Any, recruiter: Browser, staff_browser: Any
) -> None:
    batch_url = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    preview_url = uploaded(recruiter, csv_bytes(HEADER, ROWS))
    page = recruiter.get(batch_url)
    verdict_url = re.search(r'href="(/reclutamiento/lotes/[^"]+/evaluaciones/[^"]+)"', page.html)
    assert verdict_url is not None
    other: Browser = staff_browser("recruiter2")
    for url in (
        batch_url,
        batch_url + "/estado",
        batch_url + "/impacto",
        batch_url + "/resultados.csv",
        verdict_url.group(1),
        preview_url,
    ):
        assert other.get(url).status == 403, url
    other.get(HOME)
    assert other.post(preview_url + "/confirmar", {}).status == 403
    assert other.post(preview_url + "/cancelar", {}).status == 403
    assert batch_url.rsplit("/", 1)[1] not in other.get(HOME).html


def test_a_verdict_of_another_batch_is_not_found_under_this_one(app: Any, recruiter: Browser) -> None:
    first = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    second = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    link = re.search(r'/evaluaciones/([^"]+)"', recruiter.get(first).html)
    assert link is not None
    assert recruiter.get(f"{second}/evaluaciones/{link.group(1)}").status == 404


def test_the_status_route_gives_the_batch_apis_body(app: Any, recruiter: Browser) -> None:
    batch_url = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    body = recruiter.client.get(batch_url + "/estado").get_json()
    assert body["status"] == "done" and body["rows_done"] == body["rows_total"] == 6
    assert body["counts"]["invalid"] == 1 and body["status_text"] == "Terminado"


def test_a_running_batch_shows_its_progress_with_a_static_script(app: Any, recruiter: Browser) -> None:
    from screening import services
    from screening.storage.models import Batch

    batch_url = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    with app.app_context(), services.current().database.write() as session:
        stored = session.get(Batch, batch_url.rsplit("/", 1)[1])
        assert stored is not None
        stored.status, stored.rows_done = "running", 3
    page = recruiter.get(batch_url)
    assert "3 de 6 filas revisadas." in page.text
    assert '<progress id="progress-bar" max="6" value="3">' in page.html
    assert '<script src="/static/batch-progress.js' in page.html or "batch-progress.js" in page.html
    assert "<script>" not in page.html


# --- adverse impact ------------------------------------------------------------------------------------------------------


def _impact_rows() -> list[list[str]]:
    eligible = ROWS[0]
    ineligible = ROWS[2]  # Pasante: the status is not met
    rows = []
    for n in range(8):
        rows.append([f"M-{n}", *eligible[1:6], "Mujer"])
    for n in range(6):
        rows.append([f"H-{n}", *(eligible if n < 2 else ineligible)[1:6], "Hombre"])
    for n in range(3):
        rows.append([f"X-{n}", *eligible[1:6], "No binario"])
    for n in range(5):
        rows.append([f"S-{n}", *ineligible[1:6], ""])
    return rows


def test_the_adverse_impact_report_follows_the_four_fifths_rule(app: Any, recruiter: Browser) -> None:
    batch_url = screened(app, recruiter, csv_bytes(HEADER, _impact_rows()))
    page = recruiter.get(batch_url + "/impacto")
    assert page.status == 200
    table = re.search(r'<table class="table" id="impact-table">.*?</table>', page.html, re.S)
    assert table is not None
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", table.group(0), re.S)
    by_group = {name: re.sub(r"<[^>]+>", "", cells) for name, cells in rows}
    assert set(by_group) == {"Mujeres", "Hombres", "No se indica"}  # the 3 non-binary rows are hidden
    women = re.sub(r"\s+", " ", by_group["Mujeres"]).strip()
    men = re.sub(r"\s+", " ", by_group["Hombres"]).strip()
    assert women.startswith("8 8 0 100") and "1.00 No" in women
    assert men.startswith("6 2 0 33") and "0.33 Sí" in men
    assert "Grado de avance" in men or "grado de avance" in men.lower()
    assert re.search(r'id="unknown-count">5<', page.html)
    assert re.search(r'id="hidden-groups">1<', page.html)
    svg = re.search(r"<svg.*?</svg>", page.html, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0) and '<title id="chart-title">' in svg.group(0)
    assert svg.group(0).count("<rect") == 3 and "chart__bar--flagged" in svg.group(0)
    assert "style=" not in svg.group(0)
    # The batch page says a group is flagged.
    assert "2 grupos tienen una tasa de selección menor a cuatro quintos" in recruiter.get(batch_url).text


def test_pages_in_english(app: Any, recruiter: Browser) -> None:
    batch_url = screened(app, recruiter, csv_bytes(HEADER, _impact_rows()))
    page = recruiter.get(batch_url + "?lang=en")
    assert "Finished" in page.text and "Download the results" in page.text
    impact = recruiter.get(batch_url + "/impacto?lang=en")
    assert "Adverse impact by sex" in impact.text and "Women" in impact.text


def test_uploads_never_confirmed_are_removed_after_a_day(app: Any, recruiter: Browser) -> None:
    import os
    import time

    from screening.services.recruiting import UPLOAD_SECONDS, discard_stale_uploads

    old_url = uploaded(recruiter, csv_bytes(HEADER, ROWS))
    kept_url = screened(app, recruiter, csv_bytes(HEADER, ROWS))
    batches = Path(app.config["SCREENING_DATA_DIR"]) / "batches"
    long_ago = time.time() - UPLOAD_SECONDS - 60
    for url in (old_url, kept_url):
        meta = batches / url.rsplit("/", 1)[1] / "upload.json"
        os.utime(meta, (long_ago, long_ago))
    with app.app_context():
        assert discard_stale_uploads() == 1
    assert not (batches / old_url.rsplit("/", 1)[1]).exists()
    assert recruiter.get(kept_url).status == 200  # a confirmed batch is never an old upload
    assert recruiter.client.get(kept_url + "/resultados.csv").status_code == 200
