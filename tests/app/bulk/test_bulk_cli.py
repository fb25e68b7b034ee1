"""`screening screen`: summary on stderr, recording as one batch in the chain, clear errors, light imports."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.app.bulk.conftest import AS_OF, HEADER, ROWS, SEED_CODE, csv_bytes, write_xlsx


def result_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "aspirantes.csv"
    path.write_bytes(csv_bytes(HEADER, ROWS, encoding="cp1252", delimiter=";"))
    return path


def test_screen_prints_the_summary_and_records_one_batch(runner: Any, source: Path, tmp_path: Path) -> None:
    output = tmp_path / "resultado.csv"
    result = runner.run("screen", "-p", SEED_CODE, str(source), "-o", str(output), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "rows: 6, eligible: " in result.stderr and "invalid: 1" in result.stderr
    assert "encoding: cp1252, delimiter: semicolon" in result.stderr and "(batch b_" in result.stderr
    rows = result_rows(output)
    valid = [row for row in rows if row["outcome"] != "invalid"]
    assert (
        all(row["evaluation_id"] for row in valid)
        and not next(r for r in rows if r["outcome"] == "invalid")["evaluation_id"]
    )


def test_recorded_rows_are_evaluations_of_the_batch_and_the_chain_verifies(
    runner: Any, source: Path, tmp_path: Path
) -> None:
    from screening import services
    from screening.config import load_config

    output = tmp_path / "resultado.csv"
    runner.run("screen", "-p", SEED_CODE, str(source), "-o", str(output), "--as-of", AS_OF)
    first = result_rows(output)[0]
    database = services.prepare_database(load_config())
    record = services.get_evaluation(first["evaluation_id"], db=database)
    assert (record["row_number"], record["folio"], record["outcome"]) == (1, "A-0001", first["outcome"])
    assert services.verify(db=database).to_dict()["ok"] is True


def test_no_record_stores_nothing(runner: Any, source: Path, tmp_path: Path) -> None:
    output = tmp_path / "resultado.csv"
    result = runner.run(
        "screen", "-p", SEED_CODE, str(source), "-o", str(output), "--no-record", "--lang", "en"
    )
    assert result.exit_code == 0 and "(not recorded)" in result.stderr
    assert all(row["evaluation_id"] == "" for row in result_rows(output))


def test_xlsx_sheet_option(runner: Any, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "libro.xlsx", HEADER, ROWS, sheet="Registro")
    output = tmp_path / "resultado.xlsx"
    result = runner.run(
        "screen", "-p", SEED_CODE, str(source), "-o", str(output), "--sheet", "Registro", "--no-record"
    )
    assert result.exit_code == 0 and "sheet: Registro" in result.stderr and output.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"Nombre;Correo\r\nAna;ana@example.mx\r\n", "missing columns"),
        (b"folio,nivel\x00", "NUL byte"),
    ],
)
def test_bad_file_is_one_error_line_and_a_failed_exit(
    runner: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "malo.csv"
    source.write_bytes(content)
    output = tmp_path / "resultado.csv"
    result = runner.invoke(
        __import__("screening.cli", fromlist=["main"]).main,
        ["screen", "-p", SEED_CODE, str(source), "-o", str(output)],
    )
    assert result.exit_code == 1 and message in result.stderr and not output.exists()


def test_unknown_position_is_named(runner: Any, source: Path, tmp_path: Path) -> None:
    from screening.cli import main

    result = runner.invoke(main, ["screen", "-p", "0-000", str(source), "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 1 and "--position: found '0-000'" in result.stderr


def test_screen_without_recording_never_imports_flask(
    cli_env: dict[str, str], source: Path, tmp_path: Path
) -> None:
    code = (
        "import sys\nfrom screening.cli import main\n"
        f"main.main(args=['screen', '-p', {SEED_CODE!r}, {str(source)!r}, '-o', {str(tmp_path / 'r.csv')!r},"
        " '--no-record'], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m == 'flask' or m.startswith('flask.')))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, **cli_env},
        cwd=str(Path(__file__).resolve().parents[3]),
    )
    assert completed.stdout.strip().splitlines()[-1] == "[]", completed.stderr


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        ("es_MX.UTF-8", ["malo.csv: faltan columnas: ", "se esperaba: nivel, grado de avance, carrera"]),
        ("C.UTF-8", ["malo.csv: missing columns: ", "expected: nivel (level), grado de avance (status)"]),
    ],
)
def test_a_bad_file_is_named_in_the_command_line_language(
    runner: Any, tmp_path: Path, monkeypatch: Any, lang: str, messages: list[str]
) -> None:
    monkeypatch.setenv("LANG", lang)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    source = tmp_path / "malo.csv"
    source.write_bytes(b"Nombre;Correo\r\nAna;ana@example.mx\r\n")
    result = runner.invoke(
        __import__("screening.cli", fromlist=["main"]).main,
        ["screen", "-p", SEED_CODE, str(source), "-o", str(tmp_path / "resultado.csv")],
    )
    assert result.exit_code == 1 and [m in result.stderr for m in messages] == [True, True]
