"""The batch API: upload (202), status with counts and adverse-impact statistics, result files, limits (T3),
a parser crash failing only its batch (T5), upload names never used as paths (T20), roles."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.app.bulk.conftest import AS_OF, HEADER, ROWS, SEED_CODE, csv_bytes, write_xlsx

URL = f"/api/v1/positions/{SEED_CODE}/batches"


def upload(
    client: Any, headers: dict[str, str], content: bytes, name: str = "aspirantes.csv", **query: str
) -> Any:
    query = {"as_of": AS_OF, **query}
    return client.post(
        URL,
        query_string=query,
        headers=headers,
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def wait(app: Any) -> None:
    from screening.worker.embedded import embedded_worker

    embedded_worker(app.extensions["screening"]).join()


def finished(client: Any, app: Any, headers: dict[str, str], response: Any) -> dict[str, Any]:
    assert response.status_code == 202, response.get_json()
    wait(app)
    status = client.get(f"/api/v1/batches/{response.get_json()['id']}", headers=headers)
    assert status.status_code == 200
    body: dict[str, Any] = status.get_json()
    return body


def test_upload_is_accepted_and_screened_in_the_background(client: Any, app: Any, auth: Any) -> None:
    response = upload(client, auth("recruiter"), csv_bytes(HEADER, ROWS, encoding="cp1252", delimiter=";"))
    assert response.headers["Location"] == f"/api/v1/batches/{response.get_json()['id']}"
    body = finished(client, app, auth("recruiter"), response)
    assert (body["status"], body["rows_total"], body["rows_done"], body["encoding"], body["delimiter"]) == (
        "done",
        6,
        6,
        "cp1252",
        ";",
    )
    assert sum(body["counts"].values()) == 6 and body["counts"]["invalid"] == 1


def test_result_is_served_as_csv_and_xlsx(client: Any, app: Any, auth: Any) -> None:
    import openpyxl

    body = finished(
        client, app, auth("recruiter"), upload(client, auth("recruiter"), csv_bytes(HEADER, ROWS))
    )
    as_csv = client.get(f"/api/v1/batches/{body['id']}/result?format=csv", headers=auth("recruiter"))
    rows = list(csv.reader(io.StringIO(as_csv.data.decode("utf-8-sig"))))
    assert as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv.data.startswith(b"\xef\xbb\xbf") and [r[0] for r in rows[1:]] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
    ]
    assert rows[5][1] == "'" + ROWS[4][0]
    as_xlsx = client.get(f"/api/v1/batches/{body['id']}/result?format=xlsx", headers=auth("auditor"))
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.data)).active
    assert sheet.max_row == 7 and all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_valid_rows_are_recorded_once_as_evaluations_of_the_batch(client: Any, app: Any, auth: Any) -> None:
    from sqlalchemy import func, select

    from screening.storage.models import Evaluation

    body = finished(
        client, app, auth("recruiter"), upload(client, auth("recruiter"), csv_bytes(HEADER, ROWS))
    )
    with app.extensions["screening"].database.read() as session:
        numbers = session.scalars(
            select(Evaluation.row_number).where(Evaluation.batch_id == body["id"]).order_by(Evaluation.seq)
        ).all()
        total = session.scalar(select(func.count()).select_from(Evaluation))
    assert list(numbers) == [1, 2, 3, 5, 6] and total == 5


def test_statistics_hide_gender_groups_under_five(client: Any, app: Any, auth: Any) -> None:
    rows = [[f"M-{n}", *ROWS[0][1:6], "Mujer"] for n in range(6)] + [
        [f"H-{n}", *ROWS[2][1:6], "Hombre"] for n in range(3)
    ]
    body = finished(
        client, app, auth("recruiter"), upload(client, auth("recruiter"), csv_bytes(HEADER, rows))
    )
    statistics = body["statistics"]
    assert [group["group"] for group in statistics["groups"]] == ["mujer"] and statistics[
        "hidden_groups"
    ] == 1
    assert statistics["groups"][0]["impact_ratio"] == 1.0


def test_xlsx_upload_with_a_sheet_name(client: Any, app: Any, auth: Any, tmp_path: Path) -> None:
    content = write_xlsx(tmp_path / "libro.xlsx", HEADER, ROWS, sheet="Registro").read_bytes()
    body = finished(
        client,
        app,
        auth("recruiter"),
        upload(client, auth("recruiter"), content, "libro.xlsx", sheet="Registro"),
    )
    assert (body["status"], body["rows_total"]) == ("done", 6)


def test_a_parser_crash_fails_only_its_batch(
    client: Any, app: Any, auth: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screening.bulk.xlsx_source as xlsx_source

    monkeypatch.setattr(xlsx_source, "CHILD_MODULE", "tests.app.bulk.aborting_parser")
    content = write_xlsx(tmp_path / "libro.xlsx", HEADER, ROWS).read_bytes()
    body = finished(client, app, auth("recruiter"), upload(client, auth("recruiter"), content, "libro.xlsx"))
    assert body["status"] == "failed" and "SIGABRT" in body["error"]
    assert client.get("/health").status_code == 200
    monkeypatch.undo()
    again = finished(
        client, app, auth("recruiter"), upload(client, auth("recruiter"), csv_bytes(HEADER, ROWS))
    )
    assert again["status"] == "done"


@pytest.mark.parametrize(
    ("content", "name", "found"),
    [
        (b"Nombre;Correo\r\nAna;ana@example.mx\r\n", "a.csv", "faltan columnas"),
        (b"\x00\x01\x02binario", "a.csv", "byte NUL"),
        (b"PK\x03\x04 no es un zip", "a.xlsx", "no es un XLSX (zip) legible"),
    ],
)
def test_a_file_that_cannot_be_screened_is_422_naming_the_file(
    client: Any, auth: Any, content: bytes, name: str, found: str
) -> None:
    response = upload(client, auth("recruiter"), content, name)
    body = response.get_json()
    assert (
        response.status_code == 422
        and body["errors"][0]["path"] == "file"
        and found in body["errors"][0]["found"]
    )


def test_zip_bomb_upload_is_refused_before_parsing(client: Any, auth: Any, tmp_path: Path) -> None:
    import zipfile

    path = write_xlsx(tmp_path / "libro.xlsx", HEADER, ROWS)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/relleno.xml", b" " * (32 * 1024 * 1024))
    response = upload(client, auth("recruiter"), path.read_bytes(), "bomba.xlsx")
    problem = response.get_json()["errors"][0]
    assert (
        response.status_code == 422
        and "veces su tamaño" in problem["found"]
        and "bomba zip" in problem["accepted"]
    )


def test_upload_over_the_request_limit_is_413(client: Any, app: Any, auth: Any) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 4096
    response = upload(client, auth("recruiter"), csv_bytes(HEADER, ROWS * 100))
    assert response.status_code == 413


def test_upload_over_the_bulk_file_limit_is_413_and_nothing_is_kept(
    client: Any, app: Any, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    app.config["BULK_LIMITS"] = replace(app.config["BULK_LIMITS"], max_file_bytes=2000)
    response = upload(client, auth("recruiter"), csv_bytes(HEADER, ROWS * 100))
    batches = Path(app.config["SCREENING_DATA_DIR"]) / "batches"
    assert response.status_code == 413 and not [p for p in batches.rglob("*") if p.is_file()]


def _raw_upload(client: Any, headers: dict[str, str], filename: bytes, content: bytes) -> Any:
    boundary = b"----frontera"
    body = (
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="file"; filename="'
        + filename
        + b'"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + content + b"\r\n--" + boundary + b"--\r\n"
    )
    return client.post(
        URL,
        query_string={"as_of": AS_OF},
        headers=headers,
        data=body,
        content_type="multipart/form-data; boundary=" + boundary.decode(),
    )


@pytest.mark.parametrize(
    "filename",
    [
        b"../../../../tmp/escapado.csv",
        b"..\\..\\escapado.csv",
        b"nombre\x00.csv",
        b"x" * 5000 + b".csv",
        b"/etc/passwd",
        b"caf\xe9.csv",
        b"\xff\xfe\x81.csv",
    ],
)
def test_upload_names_are_never_used_as_paths(
    client: Any, app: Any, auth: Any, filename: bytes, tmp_path: Path
) -> None:
    data_dir = Path(app.config["SCREENING_DATA_DIR"])
    response = _raw_upload(client, auth("recruiter"), filename, csv_bytes(HEADER, ROWS))
    body = finished(client, app, auth("recruiter"), response)
    stored = sorted(
        p.relative_to(data_dir).as_posix() for p in (data_dir / "batches").rglob("*") if p.is_file()
    )
    prefix = f"batches/{body['id']}/"
    names = {p.removeprefix(prefix) for p in stored}
    assert stored and all(p.startswith(prefix) for p in stored)
    assert names == {"input.csv", "index.json", "result.csv", "result.xlsx", "parts/000000.json"}
    assert not Path("/tmp/escapado.csv").exists()
    shown = body["filename"] or ""
    if filename.startswith(b"caf"):
        assert shown == "café.csv"  # a name in Latin-1, as older clients send it
    assert "/" not in shown and "\\" not in shown and "\x00" not in shown and len(shown) <= 255


def test_roles(client: Any, app: Any, auth: Any) -> None:
    from screening import services

    content = csv_bytes(HEADER, ROWS)
    assert upload(client, {}, content).status_code == 401
    assert upload(client, auth("auditor"), content).status_code == 403
    body = finished(client, app, auth("recruiter"), upload(client, auth("recruiter"), content))
    with app.app_context():
        other = {"Authorization": "Bearer " + services.create_token("recruiter", "otra")[1]}
    # Another recruiter's batch answers as an unknown one: whether it exists is not told.
    assert (
        client.get(f"/api/v1/batches/{body['id']}", headers=other).get_json()["message"]
        == (client.get("/api/v1/batches/b_nada", headers=other).get_json()["message"])
    )
    assert client.get(f"/api/v1/batches/{body['id']}", headers=other).status_code == 404
    assert client.get(f"/api/v1/batches/{body['id']}/result", headers=other).status_code == 404
    assert client.get(f"/api/v1/batches/{body['id']}", headers=auth("auditor")).status_code == 200
    assert client.get(f"/api/v1/batches/{body['id']}", headers=auth("admin")).status_code == 403


def test_unknown_position_and_batch_are_404(client: Any, auth: Any) -> None:
    response = client.post(
        "/api/v1/positions/0-000/batches",
        headers=auth("recruiter"),
        data={"file": (io.BytesIO(csv_bytes(HEADER, ROWS)), "a.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 404
    assert client.get("/api/v1/batches/b_nada", headers=auth("recruiter")).status_code == 404


def test_result_of_an_unfinished_batch_is_409(client: Any, app: Any, auth: Any) -> None:
    from screening import services
    from screening.services.batches import create_batch

    database = app.extensions["screening"].database
    with app.app_context():
        actor = services.authenticate_token(auth("recruiter")["Authorization"].split()[1]).actor
    batch_id = create_batch(
        database,
        services.get_rule_set(SEED_CODE, db=database),
        original_filename="a.csv",
        created_by=actor,
        options={"as_of": AS_OF, "lang": "es"},
    )
    response = client.get(f"/api/v1/batches/{batch_id}/result", headers=auth("recruiter"))
    assert response.status_code == 409


def test_batch_routes_are_in_the_openapi_document(client: Any) -> None:
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert {
        "/api/v1/positions/{code}/batches",
        "/api/v1/batches/{batch_id}",
        "/api/v1/batches/{batch_id}/result",
    } <= set(paths)


def test_upload_with_a_non_utf8_name_is_screened_under_its_name_read_as_latin1(
    client: Any, app: Any, auth: Any
) -> None:
    # Werkzeug's own parser drops a part whose headers are not UTF-8 (the route then found no file); the app's
    # request class reads such a header as Latin-1.
    response = _raw_upload(client, auth("recruiter"), b"N\xfa\xf1ez \xff\xfe.csv", csv_bytes(HEADER, ROWS))
    body = finished(client, app, auth("recruiter"), response)
    assert body["filename"] == "Núñez ÿþ.csv" and body["rows_total"] == 6


def test_a_batch_left_queued_by_a_stopped_server_is_resumed(
    client: Any, app: Any, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screening import services
    from screening.bulk.limits import BulkLimits
    from screening.services.batches import create_batch, store_upload

    database = app.extensions["screening"].database
    data_dir = app.config["SCREENING_DATA_DIR"]
    with app.app_context():
        actor = services.authenticate_token(auth("recruiter")["Authorization"].split()[1]).actor
    key, _ = store_upload(io.BytesIO(csv_bytes(HEADER, ROWS)), data_dir, "b_pendiente", BulkLimits())
    create_batch(
        database,
        services.get_rule_set(SEED_CODE, db=database),
        original_filename="a.csv",
        created_by=actor,
        options={"as_of": AS_OF, "lang": "es"},
        batch_id="b_pendiente",
        input_key=key,
    )
    app.extensions["screening"].worker = None  # this app has no worker yet, as after a restart
    assert client.get("/api/v1/batches/b_pendiente", headers=auth("recruiter")).status_code == 200
    wait(app)
    body = client.get("/api/v1/batches/b_pendiente", headers=auth("recruiter")).get_json()
    assert (body["status"], body["rows_done"]) == ("done", 6)


def test_a_failed_batch_says_why_in_the_readers_language(client: Any, app: Any, auth: Any) -> None:
    """What stopped a batch is kept as a message, so each reader gets it in their language."""
    body = finished(client, app, auth("recruiter"), upload(client, auth("recruiter"), csv_bytes(HEADER, [])))
    assert body["status"] == "failed"
    url = f"/api/v1/batches/{body['id']}"
    english = client.get(url, query_string={"lang": "en"}, headers=auth("recruiter")).get_json()
    spanish = client.get(url, query_string={"lang": "es"}, headers=auth("recruiter")).get_json()
    assert english["error"] == "file has a header row but no candidate rows; accepted: one candidate per row"
    assert spanish["error"].startswith("el archivo tiene fila de encabezados pero ninguna fila de candidatos")
