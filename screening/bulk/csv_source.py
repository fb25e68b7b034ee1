"""CSV reading (RELIABILITY 2.3): fixed encoding cascade, sniffed delimiter, streaming rows.

Never a free encoding detector: Spanish Windows-1252 is misread as cp1250 by them (RELIABILITY 1.1).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from rules.errors import text
from screening.bulk.headers import count_known
from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.table import RawRow, RowTooLarge, Table, TableInfo

CHUNK = 1024 * 1024
SNIFF_BYTES = 8 * 1024
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
# The five bytes Windows-1252 leaves undefined.
_CP1252_UNDEFINED = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])
_CONTROL = bytes(range(0, 9)) + bytes([11, 12]) + bytes(range(14, 32)) + b"\x7f"
BINARY_CONTROL_SHARE = 0.01
BINARY_CONTROL_MIN = 32


def delimiter_name(delimiter: str | None) -> str:
    return _DELIMITER_NAMES.get(delimiter or "", repr(delimiter))


def choose_encoding(path: str | Path) -> tuple[str, int]:
    """UTF-8 with BOM, strict UTF-8, then cp1252, checked over the whole file in chunks (never all in memory);
    with the number of line breaks seen.

    Raises BulkFileError for NUL bytes, binary junk or bytes no encoding of the cascade reads.
    """
    with open(path, "rb") as handle:
        first = handle.read(CHUNK)
        if first.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise BulkFileError(
                text("file is UTF-16 text; accepted: UTF-8 (with or without BOM) or Windows-1252")
            )
        else:
            encoding = "utf-8"
        _refuse_binary(first)
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        offset = 0
        chunk = first
        utf8_ok = True
        undefined_at: int | None = None
        lines = 0
        while chunk:
            lines += chunk.count(b"\n")
            nul = chunk.find(b"\x00")
            if nul >= 0:
                raise BulkFileError(
                    text(
                        "NUL byte at offset %(offset)s: this is a binary file, not CSV; "
                        "accepted: CSV text (UTF-8 or Windows-1252) or XLSX",
                        offset=f"{offset + nul:,}",
                    )
                )
            if utf8_ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if undefined_at is None:
                positions = [p for p in (chunk.find(bytes([b])) for b in _CP1252_UNDEFINED) if p >= 0]
                if positions:
                    undefined_at = offset + min(positions)
            offset += len(chunk)
            chunk = handle.read(CHUNK)
        if utf8_ok:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
    if utf8_ok:
        return encoding, lines
    if encoding == "utf-8-sig":
        raise BulkFileError(
            text("file starts with a UTF-8 BOM but is not valid UTF-8; accepted: UTF-8 or Windows-1252")
        )
    if undefined_at is not None:
        raise BulkFileError(
            text(
                "byte at offset %(offset)s is neither UTF-8 nor Windows-1252; "
                "accepted: CSV text in UTF-8 (with or without BOM) or Windows-1252",
                offset=f"{undefined_at:,}",
            )
        )
    return "cp1252", lines


def _refuse_binary(sample: bytes) -> None:
    if not sample:
        return
    control = sum(sample.count(bytes([byte])) for byte in _CONTROL if byte != 0)
    if control > max(BINARY_CONTROL_MIN, len(sample) * BINARY_CONTROL_SHARE):
        raise BulkFileError(
            text(
                "%(count)s control bytes in the first %(size)s bytes: this is a binary file, not CSV; "
                "accepted: CSV text (UTF-8 or Windows-1252) or XLSX",
                count=f"{control:,}",
                size=f"{len(sample):,}",
            )
        )


HEADER_LINES = 12
"""Lines looked at for the header when choosing the delimiter: a title or notes may stand above it."""


def choose_delimiter(sample: str) -> str:
    """Sniffed among , ; and tab; when the sniffer is unsure or disagrees with the header, the delimiter that
    gives the header the most known columns. The header is the first line, or the line among the first
    HEADER_LINES with the most known columns (a title row above the headers, "Convocatoria 2026, aspirantes",
    must not decide the delimiter)."""
    lines = _first_records(sample)
    first_line = lines[0] if lines else ""
    counts = {
        delimiter: max(
            (count_known(next(csv.reader([line], delimiter=delimiter), [])) for line in lines), default=0
        )
        for delimiter in DELIMITERS
    }
    best = max(DELIMITERS, key=lambda d: (counts[d], first_line.count(d)))
    if counts[best] > 0 and counts[best] > max(counts[d] for d in DELIMITERS if d != best):
        return best
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return best
    return sniffed if counts.get(sniffed, -1) >= counts[best] else best


def _first_records(sample: str) -> list[str]:
    lines = []
    for line in sample.splitlines():
        if line.strip(" ,;\t\r\n"):
            lines.append(line)
            if len(lines) >= HEADER_LINES:
                break
    return lines


def open_csv(path: str | Path, limits: BulkLimits) -> Table:
    encoding, lines = choose_encoding(path)
    with open(path, encoding=encoding, newline="", errors="replace") as handle:
        sample = handle.read(SNIFF_BYTES)
    delimiter = choose_delimiter(sample)
    handle = open(path, encoding=encoding, newline="")  # noqa: SIM115 - closed by Table.close
    info = TableInfo(
        kind="csv", encoding="utf-8" if encoding == "utf-8-sig" else encoding, delimiter=delimiter
    )
    if encoding == "utf-8-sig":
        info.encoding = "utf-8 (BOM)"
    info.estimated_rows = max(lines - 1, 0)
    try:
        return Table(info, _rows(handle, delimiter, limits), limits, close=handle)
    except BaseException:
        handle.close()
        raise


def _rows(handle: IO[str], delimiter: str, limits: BulkLimits) -> Iterator[RawRow]:
    # The limit is process-wide in the csv module; every bulk reader sets the same documented bound.
    csv.field_size_limit(limits.max_field_chars)
    reader = csv.reader(handle, delimiter=delimiter)
    # Rows longer than the header are checked by the Table (a value past the last header is `invalid`).
    while True:
        try:
            yield from reader
            return
        except csv.Error as exc:
            # The reader goes on with the next line: one unreadable row is one `invalid` row.
            message = str(exc)
            if "field larger than field limit" in message:
                yield RowTooLarge(
                    text(
                        "row cannot be read: a cell is longer than %(limit)s characters; "
                        "accepted: cells of at most %(limit)s characters",
                        limit=f"{limits.max_field_chars:,}",
                    )
                )
            else:
                yield RowTooLarge(text("row cannot be read: %(problem)s", problem=message))
