"""A bulk file as a stream of numbered rows under a column map, whatever its format (CSV or XLSX)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from rules.errors import Text, text
from screening.bulk.headers import ColumnMap, map_columns
from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.rows import Cell, cell_text, is_empty


@dataclass(frozen=True)
class RowTooLarge:
    """A row the reader could not split (a cell over the field limit, broken quoting): an `invalid` row."""

    message: Text


RawRow = list[Cell] | RowTooLarge


EMPTY_ROW = text("empty row; accepted: one candidate per row")

_new_row = tuple.__new__
"""Builds a SourceRow without the Python-level __new__ of NamedTuple (once per row of large files)."""


class SourceRow(NamedTuple):
    number: int
    """1 for the first row after the header; empty rows in the middle keep their number."""
    cells: list[Cell]
    """Exactly as many cells as the header has columns."""
    error: Text | None = None
    """Why the row cannot be evaluated, as an English template and its parameters (written in the batch's
    language in the result's `error` column)."""


@dataclass
class TableInfo:
    kind: str
    """csv or xlsx"""
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    columns: ColumnMap | None = None
    headers: list[str] = field(default_factory=list)
    estimated_rows: int | None = None
    """Rows after the header as far as can be told before reading them (for progress bars)."""


class Table:
    """Rows of a file, one by one, never the whole file in memory. Use as a context manager."""

    def __init__(self, info: TableInfo, raw_rows: Iterator[RawRow], limits: BulkLimits, close: object = None):
        self.info = info
        self._raw = raw_rows
        self._limits = limits
        self._close = close
        self._header_read = False
        self.header_row: int | None = None
        """Where the header is: the position (1-based) of its row among the file's rows, empty ones counted;
        None: the first non-empty row. Rows above it (a title, notes) are skipped."""

    def head(self, count: int) -> list[RawRow]:
        """The file's first `count` rows as read, empty ones included, before any header is looked for (a
        preview). The table is used up for anything else: open it again to read its rows."""
        rows: list[RawRow] = []
        for raw in self._raw:
            rows.append(raw)
            if len(rows) >= count:
                break
        self._header_read = True
        return rows

    def read_header(self) -> ColumnMap:
        """The column map, reading the header row on first use (an XLSX parser child may still be starting:
        whatever the caller does before this runs beside it)."""
        if not self._header_read:
            self._read_header()
            self._header_read = True
        assert self.info.columns is not None  # nosec B101 # narrows the type; _read_header sets the columns or raises
        return self.info.columns

    def _read_header(self) -> None:
        skip = (self.header_row or 1) - 1
        for raw in self._raw:
            if skip > 0:
                skip -= 1
                continue
            if isinstance(raw, RowTooLarge):
                raise BulkFileError(f"header row cannot be read: {raw.message}")
            if is_empty(raw):
                continue
            headers = [cell_text(cell) for cell in raw]
            self.info.headers = headers
            self.info.columns = map_columns(headers, self._limits.max_columns)
            return
        raise BulkFileError("file has no header row; accepted: a header row, then one row per candidate")

    @property
    def columns(self) -> ColumnMap:
        return self.read_header()

    def __iter__(self) -> Iterator[SourceRow]:
        width = self.read_header().width
        padding: list[Cell] = [None] * width
        number = 0
        pending_empty: list[int] = []
        for raw in self._raw:
            number += 1
            if isinstance(raw, RowTooLarge):
                yield from _flush(pending_empty, padding)
                yield SourceRow(number, list(padding), raw.message)
                continue
            first = raw[0] if raw else None
            if not (first.__class__ is str and first.strip()) and not _has_content(raw):
                # Empty rows are kept only when a non-empty row follows: trailing ones are ignored.
                pending_empty.append(number)
                continue
            if pending_empty:
                yield from _flush(pending_empty, padding)
            size = len(raw)
            if size > width:
                extra = [index for index in range(width, size) if cell_text(raw[index])]
                if extra:
                    index = extra[0]
                    yield SourceRow(
                        number,
                        raw[:width],
                        text(
                            'column %(column)s (no header): found "%(found)s"; '
                            "accepted: values only under a named header",
                            column=index + 1,
                            found=_short(cell_text(raw[index])),
                        ),
                    )
                    continue
                raw = raw[:width]
            elif size < width:
                raw = raw + padding[size:]
            yield _new_row(SourceRow, (number, raw, None))

    def close(self) -> None:
        closer = getattr(self._close, "close", None)
        if closer is not None:
            closer()
        raw_close = getattr(self._raw, "close", None)
        if raw_close is not None:
            raw_close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _flush(pending: list[int], padding: list[Cell] | None = None) -> Iterable[SourceRow]:
    for number in pending:
        yield SourceRow(number, list(padding or []), EMPTY_ROW)
    pending.clear()


def _has_content(raw: list[Cell]) -> bool:
    try:
        return bool("".join(raw).strip())  # type: ignore[arg-type]
    except TypeError:
        return any((cell.strip() != "") if isinstance(cell, str) else cell is not None for cell in raw)


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
