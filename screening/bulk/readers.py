"""Opening a bulk file: its kind told by its first bytes (a zip is XLSX), its size checked before anything
reads it; CSV in screening.bulk.csv_source, XLSX in screening.bulk.xlsx_source (inspection and a child
process)."""

from __future__ import annotations

from pathlib import Path

from rules.errors import text
from screening.bulk.limits import BulkFileError, BulkLimits, check_file_size
from screening.bulk.table import Table

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_table(
    path: str | Path, limits: BulkLimits, sheet: str | None = None, header_row: int | None = None
) -> Table:
    """The file as a Table: its kind told by its first bytes (a zip is XLSX), its size checked first;
    `header_row` is where its header is (Table.header_row: rows above it, such as a title, are skipped)."""
    table = _open_table(path, limits, sheet)
    table.header_row = header_row
    return table


def _open_table(path: str | Path, limits: BulkLimits, sheet: str | None) -> Table:
    check_file_size(path, limits)
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        from screening.bulk.xlsx_source import open_xlsx

        return open_xlsx(path, limits, sheet)
    if head.startswith(OLE_MAGIC):
        raise BulkFileError(
            text(
                "file is an Excel 97-2003 (.xls) or encrypted workbook; accepted: CSV or XLSX (save it as .xlsx)"
            )
        )
    if sheet is not None:
        raise BulkFileError(
            text(
                "--sheet %(sheet)s given for a CSV file; accepted: --sheet only with XLSX files",
                sheet=repr(sheet),
            )
        )
    from screening.bulk.csv_source import open_csv

    return open_csv(path, limits)


def is_zip(path: str | Path) -> bool:
    """The file starts as a zip (an XLSX)."""
    with open(path, "rb") as handle:
        return handle.read(4) in (ZIP_MAGIC, EMPTY_ZIP_MAGIC)
