"""Recording a file in chunks: rows keep their order and their ids, a chunk's rows come out only after it is
recorded, and no chunk is recorded after one that failed."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from screening.bulk.screener import Screened, screen_rows
from screening.bulk.table import SourceRow
from tests.app.bulk.conftest import HEADER, ROWS, SEED_CODE, csv_bytes


class FolioScreener:
    """Screens a row as valid, its folio the first cell (the recorder is what these tests watch)."""

    def screen(self, row: SourceRow) -> Screened:
        return Screened(row.number, row.cells[0], "eligible", [row.number, row.cells[0], None], verdict={})


class ListRecorder:
    """Gives each row the id "id-<row number>" and remembers the chunks it was handed, in order."""

    def __init__(self, fail_on_chunk: int | None = None) -> None:
        self.chunks: list[list[int]] = []
        self.fail_on_chunk = fail_on_chunk

    def __call__(self, rows: Sequence[Screened]) -> list[str | None]:
        if len(self.chunks) == self.fail_on_chunk:
            raise RuntimeError("database is away")
        self.chunks.append([row.number for row in rows])
        return [f"id-{row.number}" for row in rows]


def source_rows(count: int) -> list[SourceRow]:
    return [SourceRow(number, [f"IECM-{number:04d}"], None) for number in range(2, 2 + count)]


@pytest.mark.parametrize(("count", "chunk_rows"), [(1, 3), (9, 3), (10, 3), (10, 100), (25, 2)])
def test_rows_keep_their_order_and_the_ids_recorded_for_them(count: int, chunk_rows: int) -> None:
    recorder = ListRecorder()
    out = list(screen_rows(source_rows(count), FolioScreener(), recorder, chunk_rows))  # type: ignore[arg-type]
    numbers = list(range(2, 2 + count))
    assert [row.number for row in out] == numbers
    assert [row.cells[-1] for row in out] == [f"id-{number}" for number in numbers]
    assert [number for chunk in recorder.chunks for number in chunk] == numbers
    assert all(len(chunk) == chunk_rows for chunk in recorder.chunks[:-1])


def test_no_chunk_is_recorded_after_one_that_failed_and_its_rows_never_come_out() -> None:
    recorder = ListRecorder(fail_on_chunk=1)
    handed: list[Screened] = []
    with pytest.raises(RuntimeError, match="database is away"):
        for row in screen_rows(source_rows(12), FolioScreener(), recorder, 2):  # type: ignore[arg-type]
            handed.append(row)
    assert recorder.chunks == [[2, 3]]
    assert [row.number for row in handed] == [2, 3]


def test_a_file_screened_in_small_chunks_carries_the_ids_stored_in_chain_order(
    runner: Any, tmp_path: Path
) -> None:
    from screening import services
    from screening.bulk.limits import BulkLimits
    from screening.bulk.screener import screen_file
    from screening.config import load_config
    from screening.services.batches import chain_recorder

    source = tmp_path / "aspirantes.csv"
    rows = [[f"{row[0]}-{copy}", *row[1:]] for copy in range(3) for row in ROWS]
    source.write_bytes(csv_bytes(HEADER, rows, encoding="cp1252", delimiter=";"))
    output = tmp_path / "resultado.csv"
    database = services.prepare_database(load_config())
    rule_set = services.get_rule_set(SEED_CODE, None, db=database)
    summary = screen_file(
        source,
        output,
        rule_set,
        as_of=date(2025, 6, 30),
        lang="es",
        limits=BulkLimits(),
        recorder_for=lambda info: chain_recorder(
            database, rule_set, as_of=date(2025, 6, 30), lang="es", actor="cli", batch_id="b_prueba"
        ),
        chunk_rows=4,
    )
    assert summary.rows == len(rows)
    with open(output, encoding="utf-8-sig", newline="") as handle:
        written = [(row["row"], row["evaluation_id"]) for row in csv.DictReader(handle)]
    with database.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT row_number, id FROM evaluations WHERE batch_id = 'b_prueba' ORDER BY seq")
        ).all()
    valid = [(row, evaluation_id) for row, evaluation_id in written if evaluation_id]
    assert [(str(number), evaluation_id) for number, evaluation_id in stored] == valid
    assert len(valid) < len(written)  # the invalid rows of the file have no record
    assert services.verify(db=database).ok


def test_recorded_and_unrecorded_screening_write_the_same_cells(runner: Any, tmp_path: Path) -> None:
    """Rows that repeat (the memoised path), a folio that looks like a formula, a row without a gender and an
    invalid row: recording changes nothing but the evaluation id column."""
    source = tmp_path / "aspirantes.csv"
    rows = [[f"{row[0]}-{copy}" if copy else row[0], *row[1:]] for copy in range(3) for row in ROWS]
    rows.append([" -7 ", *ROWS[0][1:6], "Otro"])
    source.write_bytes(csv_bytes(HEADER, rows, encoding="cp1252", delimiter=";"))
    results = []
    for extra in ([], ["--no-record"]):
        output = tmp_path / f"resultado{len(extra)}.csv"
        result = runner.run(
            "screen", "-p", SEED_CODE, str(source), "-o", str(output), "--as-of", "2025-06-30", *extra
        )
        assert result.exit_code == 0, result.output
        with open(output, encoding="utf-8-sig", newline="") as handle:
            results.append([row[:-1] for row in csv.reader(handle)])
    recorded, unrecorded = results
    assert recorded == unrecorded
    assert len(recorded) == len(rows) + 1
    assert recorded[-1][1] == "'-7"


def test_a_chunk_that_fails_is_rolled_back_and_frees_the_write_lock(
    runner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screening import services
    from screening.config import load_config
    from screening.services.batches import chain_recorder
    from screening.storage import chain

    database = services.prepare_database(load_config())
    rule_set = services.get_rule_set(SEED_CODE, None, db=database)
    recorder: Any = chain_recorder(
        database, rule_set, as_of=date(2025, 6, 30), lang="es", actor="cli", batch_id="b_fallido"
    )
    screened = Screened(
        2, "A-1", "eligible", [2, "A-1", None], content={"degrees": []}, verdict={"outcome": "eligible"}
    )

    def refuse(*args: Any, **kwargs: Any) -> list[str]:
        raise RuntimeError("database is away")

    monkeypatch.setattr(chain._Statements, "insert_records", refuse)
    with pytest.raises(RuntimeError):
        recorder([screened])
    monkeypatch.undo()
    ids = recorder([screened])
    with database.engine.connect() as connection:
        stored = (
            connection.execute(text("SELECT id FROM evaluations WHERE batch_id = 'b_fallido'"))
            .scalars()
            .all()
        )
    assert stored == ids
