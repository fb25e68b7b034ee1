"""Result files: CSV (UTF-8 with BOM) and XLSX (formulas off), one row per input row, formula-like cells
neutralised in every column (RELIABILITY 1.2, 2.3 step 7; OWASP CSV injection).

Rows reach a writer already neutralised (the screener does it once per distinct value); the writers never turn
text into a formula: rustpy-xlsxwriter writes every str as a text cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from rules.compiler import CRITERION_IDS

CRITERIA = CRITERION_IDS
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
SHEET = "resultados"

Value = str | int | None


def neutralise(value: Value) -> Value:
    """A text a spreadsheet would run as a formula, prefixed with ' so it stays text; other values unchanged."""
    if value.__class__ is str and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class ResultWriter(Protocol):
    def write_all(self, rows: Iterable[Sequence[Value]]) -> None:
        """Write the header and every row (already neutralised); nothing is left behind on an error."""
        ...


class CsvResultWriter:
    """The csv module's default dialect (comma, minimal quoting, CRLF), written faster than its writer for
    the rows a batch has: the cells between folio and evaluation id (outcome, criteria, reasons, error) are
    the same for every row that reads alike, so each distinct run of them is written by the csv module once
    and kept as text; the row number, folio and id around it are quoted as the csv module quotes them. The
    bytes are those of `csv.writer(...).writerows(rows)` (tested). `screen --no-record` of 100,000 rows: 2.20-2.41 s
    to 1.08-1.63 s (docs/bulk.md)."""

    MEMO_ENTRIES = 20_000
    LINES_PER_WRITE = 1000

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def write_all(self, rows: Iterable[Sequence[Value]]) -> None:
        try:
            with open(self.path, "w", encoding="utf-8", newline="") as handle:
                handle.write("\ufeff")  # the BOM, once (the utf-8-sig codec would add a Python call per row)
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                self._write_rows(handle, writer, rows)
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise

    def _write_rows(self, handle: Any, writer: Any, rows: Iterable[Sequence[Value]]) -> None:
        width = len(COLUMNS)
        middles: dict[tuple[tuple[Value, ...], tuple[type, ...]], str] = {}
        lines: list[str] = []
        for row in rows:
            if len(row) != width:
                handle.write("".join(lines))
                lines.clear()
                writer.writerow(row)
                continue
            middle_cells = tuple(row[2:-1])
            # With the cells' types: 1, True and 1.0 are equal keys but are written apart.
            key = (middle_cells, tuple(map(type, middle_cells)))
            middle = middles.get(key)
            if middle is None:
                if len(middles) >= self.MEMO_ENTRIES:
                    middles.clear()
                middle = middles[key] = _csv_line(middle_cells)
            lines.append(f"{_csv_field(row[0])},{_csv_field(row[1])},{middle},{_csv_field(row[-1])}\r\n")
            if len(lines) >= self.LINES_PER_WRITE:
                handle.write("".join(lines))
                lines.clear()
        handle.write("".join(lines))


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _csv_field(value: Value) -> str:
    """One cell as the csv module's default dialect writes it inside a row of several cells."""
    if value is None:
        return ""
    if value.__class__ is int:
        return int.__repr__(value)
    if value.__class__ is str:
        text: str = value
        if _NEEDS_QUOTES.search(text) is None:
            return text
        return '"' + text.replace('"', '""') + '"'
    return _csv_line((value,))


def _csv_line(cells: Sequence[Value]) -> str:
    """Cells written by the csv module as part of a row of several cells (without the row's end)."""
    buffer = io.StringIO()
    # An extra empty cell keeps a lone empty cell from being quoted; the default line ending, because the
    # csv module quotes a cell holding any of its characters.
    csv.writer(buffer).writerow([*cells, ""])
    return buffer.getvalue()[: -len(",\r\n")]


class XlsxResultWriter:
    """rustpy-xlsxwriter (rust_xlsxwriter underneath): constant memory, every str written as a text cell, never
    a formula; the one XLSX writer (100,000 result rows in 1.6 s, docs/bulk.md)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def write_all(self, rows: Iterable[Sequence[Value]]) -> None:
        from rustpy_xlsxwriter import FastExcel

        records = (dict(zip(COLUMNS, row, strict=True)) for row in rows)
        try:
            FastExcel(str(self.path)).freeze(row=1, col=0).sheet(SHEET, records).save()
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise


def open_writer(path: str | Path, output_format: str | None = None) -> ResultWriter:
    """A writer for the path's format: .xlsx is XLSX, anything else CSV (or `output_format` if given)."""
    kind = output_format or ("xlsx" if str(path).lower().endswith(".xlsx") else "csv")
    if kind == "xlsx":
        return XlsxResultWriter(path)
    return CsvResultWriter(path)
