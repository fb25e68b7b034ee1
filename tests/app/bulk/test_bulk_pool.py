"""A large file screened by a pool of processes: the same result file, in input order, as screening it here;
recorded, every valid row stored in order and the chain verifying."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from screening.bulk import screener
from screening.bulk.limits import BulkLimits
from screening.bulk.screener import POOL_CHUNK_ROWS, screen_file
from tests.app.bulk.conftest import AS_OF, HEADER, ROWS, SEED_CODE, csv_bytes

YEARS = ["0", "1", "2,5", "3", "4", "7", "tres", ""]
AREAS = [
    "Evaluación de proyectos y atención ciudadana",
    "Supervisor de campo en encuestas del censo",
    "Ventas de mostrador",
    "Organización de procesos electorales en la alcaldía",
    "Capturista",
]


def many_rows(count: int) -> list[list[str]]:
    """`count` rows over three pool chunks: the seed rows with their years and areas varied (some invalid),
    folios all distinct."""
    rows = []
    for number in range(count):
        folio, level, status, field, _years, _area, gender = ROWS[number % len(ROWS)]
        years = YEARS[number % len(YEARS)]
        area = f"{AREAS[number % len(AREAS)]} {number % 97}"
        rows.append([f"{folio}-{number}", level, status, field, years, area, gender])
    return rows


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_pool_writes_the_same_result_in_input_order(tmp_path: Path, seed_rule_set: Any) -> None:
    rows = many_rows(2 * POOL_CHUNK_ROWS + 357)
    source = tmp_path / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, rows))
    results = {}
    for workers in (1, 2):
        output = tmp_path / f"resultado-{workers}.csv"
        summary = screen_file(
            source,
            output,
            seed_rule_set,
            as_of=date.fromisoformat(AS_OF),
            lang="es",
            limits=BulkLimits(),
            workers=workers,
        )
        results[workers] = (output.read_bytes(), summary.counts_dict(), summary.rows, summary.distinct)
    assert results[2] == results[1]
    written = read_rows(tmp_path / "resultado-2.csv")
    assert [int(row["row"]) for row in written] == list(range(1, len(rows) + 1))
    assert {"invalid", "eligible"} <= {row["outcome"] for row in written}


def test_a_recorded_file_screened_by_a_pool_stores_every_valid_row_in_order(
    runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    from screening import services
    from screening.config import load_config

    rows = many_rows(POOL_CHUNK_ROWS + 421)
    source = tmp_path / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, rows))
    alone = tmp_path / "solo.csv"
    result = runner.run(
        "screen", "-p", SEED_CODE, str(source), "-o", str(alone), "--as-of", AS_OF, "--no-record"
    )
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(screener, "pool_workers", lambda size: 2)
    pooled = tmp_path / "resultado.csv"
    result = runner.run("screen", "-p", SEED_CODE, str(source), "-o", str(pooled), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    written, expected = read_rows(pooled), read_rows(alone)
    assert [{**row, "evaluation_id": ""} for row in written] == expected
    ids = [row["evaluation_id"] for row in written if row["outcome"] != "invalid"]
    assert all(ids) and not any(row["evaluation_id"] for row in written if row["outcome"] == "invalid")
    database = services.prepare_database(load_config())
    with database.engine.connect() as connection:
        stored = connection.execute(text("SELECT id, row_number, input FROM evaluations ORDER BY seq")).all()
    assert [row.id for row in stored] == ids
    valid = [row for row in written if row["outcome"] != "invalid"]
    assert [row.row_number for row in stored] == [int(row["row"]) for row in valid]
    assert [json.loads(row.input)["folio"] for row in stored[:3]] == ["A-0001-0", "A-0002-1", "A-0003-2"]
    assert services.verify(db=database).ok
