"""Result files: CSV (UTF-8 with BOM) and XLSX (formulas off), one row per input row, formula-like cells
neutralised in every column (RELIABILITY 1.2, 2.3 step 7; OWASP CSV injection).

Rows reach a writer already neutralised (the runner does it once per distinct value); the writers never turn
text into a formula: XlsxWriter runs with ``strings_to_formulas`` off and `write_string`, and rustpy-xlsxwriter
(the fast writer, used when installed) writes every str as a text cell.
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
    bytes are those of `csv.writer(...).writerows(rows)` (tested)."""

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
    """XlsxWriter in constant-memory mode with formulas and URLs off; user text only through write_string."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def write_all(self, rows: Iterable[Sequence[Value]]) -> None:
        import xlsxwriter

        book: Any = xlsxwriter.Workbook(
            str(self.path), {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True}
        )
        try:
            sheet = book.add_worksheet(SHEET)
            for column, name in enumerate(COLUMNS):
                sheet.write_string(0, column, name)
            sheet.freeze_panes(1, 0)
            for number, row in enumerate(rows, start=1):
                for column, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    if value.__class__ is int:
                        sheet.write_number(number, column, value)
                    else:
                        sheet.write_string(number, column, str(value))
            book.close()
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise


class FastXlsxResultWriter:
    """rustpy-xlsxwriter (rust_xlsxwriter underneath): constant memory, strings always written as text."""

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


def fast_xlsx_available() -> bool:
    try:
        import rustpy_xlsxwriter  # noqa: F401
    except ImportError:
        return False
    return True


def open_writer(path: str | Path, output_format: str | None = None) -> ResultWriter:
    """A writer for the path's format: .xlsx is XLSX, anything else CSV (or `output_format` if given)."""
    kind = output_format or ("xlsx" if str(path).lower().endswith(".xlsx") else "csv")
    if kind == "xlsx":
        return FastXlsxResultWriter(path) if fast_xlsx_available() else XlsxResultWriter(path)
    return CsvResultWriter(path)
