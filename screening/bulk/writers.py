"""Result files: CSV (UTF-8 with BOM) and XLSX (formulas off), one row per input row, formula-like cells
neutralised in every column (RELIABILITY 1.2, 2.3 step 7; OWASP CSV injection)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Protocol

CRITERIA = (
    "education.level",
    "education.status",
    "education.field",
    "experience.area",
    "experience.years",
    "desirable.knowledge",
    "desirable.skills",
    "desirable.competencies",
)
COLUMNS = (
    "row",
    "folio",
    "outcome",
    "eligible_from",
    "desirable_score",
    *CRITERIA,
    "reasons",
    "error",
    "evaluation_id",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Value = str | int | None


def neutralise(value: Value) -> Value:
    """A text a spreadsheet would run as a formula, prefixed with ' so it stays text; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class ResultWriter(Protocol):
    def write(self, row: Sequence[Value]) -> None: ...

    def close(self) -> None: ...


class CsvResultWriter:
    def __init__(self, path: str | Path) -> None:
        self._handle: IO[str] = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed in close()
        self._writer = csv.writer(self._handle)
        self._writer.writerow(COLUMNS)

    def write(self, row: Sequence[Value]) -> None:
        self._writer.writerow(["" if value is None else neutralise(value) for value in row])

    def close(self) -> None:
        self._handle.close()


class XlsxResultWriter:
    """XlsxWriter in constant-memory mode with formulas off; user text only through write_string."""

    def __init__(self, path: str | Path) -> None:
        import xlsxwriter

        self._book: Any = xlsxwriter.Workbook(
            str(path), {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True}
        )
        self._sheet: Any = self._book.add_worksheet("resultados")
        for column, name in enumerate(COLUMNS):
            self._sheet.write_string(0, column, name)
        self._sheet.freeze_panes(1, 0)
        self._row = 0

    def write(self, row: Sequence[Value]) -> None:
        self._row += 1
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, int) and not isinstance(value, bool):
                self._sheet.write_number(self._row, column, value)
            else:
                self._sheet.write_string(self._row, column, str(neutralise(str(value))))

    def close(self) -> None:
        self._book.close()


def open_writer(path: str | Path, output_format: str | None = None) -> ResultWriter:
    """A writer for the path's format: .xlsx is XLSX, anything else CSV (or `output_format` if given)."""
    kind = output_format or ("xlsx" if str(path).lower().endswith(".xlsx") else "csv")
    if kind == "xlsx":
        return XlsxResultWriter(path)
    return CsvResultWriter(path)
