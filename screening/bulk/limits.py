"""Bounds on untrusted bulk files (RELIABILITY 2.3 and 2.4) and the error a refused file raises."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from rules.errors import ScreeningError, Text, text

MB = 1024 * 1024
NO_CANDIDATE_ROWS = text("file has a header row but no candidate rows; accepted: one candidate per row")


class BulkFileError(ScreeningError):
    """A whole file that cannot be screened: too large, not a table, hostile, or missing columns.

    Row-level problems never raise this; they become `invalid` rows.
    """

    def __init__(self, message: str | Text, *, too_large: bool = False) -> None:
        self.text = message if isinstance(message, Text) else Text(message)
        """The message as an English template and its parameters (a parameter may be a Text itself)."""
        self.message = str(self.text)
        self.too_large = too_large
        super().__init__(self.message)

    def to_wire(self) -> list[Any]:
        """The message as plain data for a pipe between processes: [template, [[name, value], ...]], a value
        that is a Text itself written the same way."""

        def plain(value: Text) -> list[Any]:
            return [
                value.template,
                [[name, plain(v) if isinstance(v, Text) else str(v)] for name, v in value.params],
            ]

        return plain(self.text)

    @classmethod
    def from_wire(cls, data: Any) -> BulkFileError:
        """The error another process sent with to_wire (a plain text is taken as it is)."""

        def read(value: Any) -> Text | str:
            if isinstance(value, list | tuple) and len(value) == 2 and isinstance(value[0], str):
                return Text(value[0], tuple((str(name), read(v)) for name, v in value[1]))
            return str(value)

        return cls(read(data))

    def in_language(self, lang: str) -> str:
        """The message written in `lang` (screening/locale), its parameters too."""
        from screening.i18n import written

        return written(lang, self.text)


@dataclass(frozen=True)
class BulkLimits:
    """Every bound a bulk file is held to; defaults documented in docs/bulk.md, overridden in screening.config
    (SCREENING_BULK_<FIELD>)."""

    max_file_bytes: int = 50 * MB
    """Size of the uploaded or given file, checked before anything reads it."""
    max_field_chars: int = 100_000
    """csv.field_size_limit: a longer cell makes its row `invalid`, not a crash."""
    max_columns: int = 500
    """Columns of a header row or sheet; more is refused as not a candidate table."""
    max_rows: int = 1_048_576
    """Rows of an XLSX sheet (Excel's own maximum)."""
    max_cells: int = 5_000_000
    """Rows x columns of an XLSX sheet's extent (what the parser allocates)."""
    max_zip_entries: int = 1_000
    max_inflated_bytes: int = 512 * MB
    """Bytes actually inflated from all the XML parts of one XLSX (declared sizes can be forged)."""
    max_entry_ratio: int = 200
    """Compression ratio of one zip entry larger than 1 MB once inflated."""
    max_total_ratio: int = 100
    """Declared uncompressed size of the whole zip over its size."""
    child_memory_bytes: int = 3 * 1024 * MB
    """Address space of the child process that parses an XLSX."""
    child_cpu_seconds: int = 300
    child_wall_seconds: int = 600


DEFAULT_LIMITS = BulkLimits()


def check_file_size(path: str | os.PathLike[str], limits: BulkLimits) -> int:
    """The file's size; BulkFileError before any byte is read when it is over the limit."""
    size = os.stat(path).st_size
    if size > limits.max_file_bytes:
        raise BulkFileError(
            text(
                "file is %(size)s bytes; accepted: at most %(limit)s bytes",
                size=f"{size:,}",
                limit=f"{limits.max_file_bytes:,}",
            ),
            too_large=True,
        )
    if size == 0:
        raise BulkFileError(
            text("file is empty; accepted: a CSV or XLSX file with a header row and candidate rows")
        )
    return size
