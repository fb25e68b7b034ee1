"""Inspection of an untrusted XLSX before any parser sees it (RELIABILITY 1.3, 2.4).

The zip's entries, their declared and actually inflated sizes, their ratios and overlaps, external links and
macros, DTDs in any XML part (billion laughs) and the sheet's extent are all checked here, in this process,
with bounded memory. Only a file that passes is handed to the parser, and then only in a child process.
"""

from __future__ import annotations

import json
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from operator import itemgetter
from pathlib import Path

from defusedxml import ElementTree

from rules.errors import Text, text
from screening.bulk.limits import MB, BulkFileError, BulkLimits

READ = 256 * 1024
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,4})?(\d{1,8})?(?::([A-Z]{1,4})(\d{1,8}))?"')
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,4})(\d{1,8})"')
_ROW_REF = re.compile(rb'<row r="(\d{1,8})"')
_LETTERS, _NUMBER = itemgetter(0), itemgetter(1)
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MACRO_NAMES = ("vbaproject.bin", "vbadata.xml")


@dataclass(frozen=True)
class SheetExtent:
    rows: int
    columns: int


@dataclass(frozen=True)
class XlsxPlan:
    """What the inspection found: the sheet to parse, where it is in the zip, and its extent."""

    sheet: str
    entry: str
    extent: SheetExtent


def column_number(letters: bytes | str) -> int:
    """A1-style column letters -> 1-based number ("A" 1, "XFD" 16384)."""
    number = 0
    for char in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + (ord(char) - 64)
    return number


def inspect_xlsx(
    path: str | Path, limits: BulkLimits, sheet: str | None = None, *, workers: int = 1
) -> XlsxPlan:
    """What the parser will be given, once every check has passed (BulkFileError otherwise). `workers=2`
    splits the sheet's scan with a forked copy of the process: only for a single-threaded process of its
    own, such as the XLSX child."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BulkFileError(
            text(
                "file is not a readable XLSX (zip) file: %(problem)s; accepted: CSV or XLSX", problem=str(exc)
            )
        ) from exc
    with archive:
        infos = archive.infolist()
        _check_entries(path, infos, limits)
        name, entry = _choose_sheet(archive, sheet)
        budget = _Budget(limits.max_inflated_bytes)
        for info in infos:
            # The sheet is inflated once, below, with the same DTD check.
            if _is_xml(info.filename) and info.filename != entry:
                for _ in _inflate(archive, info, budget, limits, scan_dtd=True):
                    pass
        extent = _sheet_extent(archive, archive.getinfo(entry), budget, limits, workers)
    return XlsxPlan(name, entry, extent)


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _check_entries(path: str | Path, infos: list[zipfile.ZipInfo], limits: BulkLimits) -> None:
    if not infos:
        raise BulkFileError(
            text("XLSX file holds no entries; accepted: a workbook saved by a spreadsheet program")
        )
    if len(infos) > limits.max_zip_entries:
        raise BulkFileError(
            text(
                "XLSX file holds %(count)s zip entries; accepted: at most %(limit)s",
                count=f"{len(infos):,}",
                limit=f"{limits.max_zip_entries:,}",
            )
        )
    names = [info.filename.lower() for info in infos]
    if any(name.startswith("xl/externallinks/") for name in names):
        raise BulkFileError(
            text("XLSX file has links to external workbooks; accepted: a workbook without external links")
        )
    if any(name.rsplit("/", 1)[-1] in _MACRO_NAMES for name in names):
        raise BulkFileError(
            text("XLSX file holds macros (VBA); accepted: a workbook without macros (.xlsx, not .xlsm)")
        )
    if "xl/workbook.xml" not in names:
        raise BulkFileError(
            text("zip file is not an XLSX workbook (no xl/workbook.xml); accepted: CSV or XLSX")
        )
    archive_size = Path(path).stat().st_size
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_inflated_bytes:
        raise BulkFileError(
            text(
                "XLSX file declares %(size)s bytes once inflated; accepted: at most %(limit)s",
                size=f"{declared:,}",
                limit=f"{limits.max_inflated_bytes:,}",
            )
        )
    if declared > 10 * MB and declared > archive_size * limits.max_total_ratio:
        raise BulkFileError(
            text(
                "XLSX file inflates %(ratio)s times its size; accepted: at most %(limit)s times (zip bomb)",
                ratio=f"{declared / archive_size:,.0f}",
                limit=str(limits.max_total_ratio),
            )
        )
    for info in infos:
        if info.file_size > MB and info.file_size > max(info.compress_size, 1) * limits.max_entry_ratio:
            raise BulkFileError(
                text(
                    "XLSX entry %(entry)s inflates %(ratio)s times; accepted: at most %(limit)s times (zip bomb)",
                    entry=repr(info.filename),
                    ratio=f"{info.file_size / max(info.compress_size, 1):,.0f}",
                    limit=str(limits.max_entry_ratio),
                )
            )
    _check_overlaps(path, infos)


def _check_overlaps(path: str | Path, infos: list[zipfile.ZipInfo]) -> None:
    """Entries whose data overlap ("a better zip bomb" shares one compressed stream among many)."""
    spans: list[tuple[int, int, str]] = []
    with open(path, "rb") as handle:
        for info in infos:
            handle.seek(info.header_offset)
            header = handle.read(_LOCAL_HEADER.size)
            if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
                raise BulkFileError(
                    text(
                        "XLSX entry %(entry)s has no local header; accepted: a well-formed zip",
                        entry=repr(info.filename),
                    )
                )
            fields = _LOCAL_HEADER.unpack(header)
            start = info.header_offset
            end = info.header_offset + _LOCAL_HEADER.size + fields[9] + fields[10] + info.compress_size
            spans.append((start, end, info.filename))
    spans.sort()
    reach, reached_by = 0, ""
    for start, end, name in spans:
        if start < reach:
            raise BulkFileError(
                text(
                    "XLSX entries %(first)s and %(second)s overlap; accepted: a well-formed zip (zip bomb refused)",
                    first=repr(reached_by),
                    second=repr(name),
                )
            )
        if end > reach:
            reach, reached_by = end, name


class _Budget:
    def __init__(self, total: int) -> None:
        self.left = total

    def spend(self, amount: int, name: str, limit: int) -> None:
        self.left -= amount
        if self.left < 0:
            raise BulkFileError(
                text(
                    "XLSX parts inflate to more than %(limit)s bytes (at %(entry)s); accepted: at most %(limit)s",
                    limit=f"{limit:,}",
                    entry=repr(name),
                )
            )


def _inflate(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, limits: BulkLimits, scan_dtd: bool
) -> Iterator[bytes]:
    """The entry's bytes as actually inflated, chunk by chunk, under the byte budget (declared sizes lie)."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise BulkFileError(
            text(
                "XLSX entry %(entry)s uses compression method %(method)s; accepted: stored or deflate",
                entry=repr(info.filename),
                method=info.compress_type,
            )
        )
    with open(archive.filename or "", "rb") as handle:
        handle.seek(info.header_offset)
        fields = _LOCAL_HEADER.unpack(handle.read(_LOCAL_HEADER.size))
        handle.seek(fields[9] + fields[10], 1)
        remaining = info.compress_size
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        tail = b""
        while remaining > 0:
            data = handle.read(min(READ, remaining))
            if not data:
                break
            remaining -= len(data)
            # One piece at a time: a READ of deflate can inflate to a thousand times its size, so the pieces
            # of one read are never held together (four uploads of a bomb once held 1.5 GB between them).
            pieces = iter((data,)) if inflater is None else _bounded(inflater, data)
            for piece in pieces:
                budget.spend(len(piece), info.filename, limits.max_inflated_bytes)
                if scan_dtd:
                    window = tail + piece
                    if b"<!" in window and _DTD.search(window):
                        raise BulkFileError(
                            text(
                                "XLSX part %(entry)s declares a DTD or entities; "
                                "accepted: XML without DTD (entity expansion refused)",
                                entry=repr(info.filename),
                            )
                        )
                    tail = window[-16:]
                yield piece
        if inflater is not None:
            rest = inflater.flush()
            if rest:
                budget.spend(len(rest), info.filename, limits.max_inflated_bytes)
                yield rest


def _bounded(inflater: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Inflate in pieces of at most READ bytes so one small input cannot become one huge buffer."""
    piece = inflater.decompress(data, READ)
    while piece:
        yield piece
        if not inflater.unconsumed_tail:
            break
        piece = inflater.decompress(inflater.unconsumed_tail, READ)


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    budget = _Budget(16 * MB)
    return b"".join(_inflate(archive, info, budget, BulkLimits(max_inflated_bytes=16 * MB), scan_dtd=True))


def sheet_names(path: str | Path, limits: BulkLimits) -> list[str]:
    """The names of the workbook's sheets in its order, read after the zip's entries pass their checks (only
    the small workbook parts are inflated, bounded)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BulkFileError(f"file is not a readable XLSX (zip) file: {exc}; accepted: CSV or XLSX") from exc
    with archive:
        _check_entries(path, archive.infolist(), limits)
        return [name for name, _target in _workbook_sheets(archive)]


def _workbook_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, zip target) of every sheet, in the workbook's order."""
    names = {info.filename.lower(): info.filename for info in archive.infolist()}
    try:
        workbook = ElementTree.fromstring(_read_small(archive, names["xl/workbook.xml"]))
        rels_name = names.get("xl/_rels/workbook.xml.rels")
        rels = ElementTree.fromstring(_read_small(archive, rels_name)) if rels_name else None
    except KeyError as exc:
        raise BulkFileError(text("XLSX file has no workbook part; accepted: a well-formed workbook")) from exc
    except ElementTree.ParseError as exc:
        raise BulkFileError(
            text(
                "XLSX workbook part cannot be read: %(problem)s; accepted: a well-formed workbook",
                problem=str(exc),
            )
        ) from exc
    targets: dict[str, str] = {}
    if rels is not None:
        for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
            targets[rel.get("Id", "")] = rel.get("Target", "")
    sheets: list[tuple[str, str]] = []
    for element in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(element.get(f"{_NS_REL}id", ""), "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheets.append((element.get("name", ""), target))
    return sheets


def _choose_sheet(archive: zipfile.ZipFile, wanted: str | None) -> tuple[str, str]:
    """(sheet name, zip entry) of the named sheet, or of the first one in the workbook's order."""
    names = {info.filename.lower(): info.filename for info in archive.infolist()}
    sheets = _workbook_sheets(archive)
    if not sheets:
        raise BulkFileError(
            text("XLSX workbook has no sheets; accepted: a workbook with a sheet of candidates")
        )
    if wanted is None:
        chosen = sheets[0]
    else:
        matches = [sheet for sheet in sheets if sheet[0] == wanted] or [
            sheet for sheet in sheets if sheet[0].casefold() == wanted.casefold()
        ]
        if not matches:
            raise BulkFileError(
                text(
                    "sheet %(sheet)s not found; accepted: %(sheets)s",
                    sheet=repr(wanted),
                    sheets=", ".join(repr(name) for name, _ in sheets),
                )
            )
        chosen = matches[0]
    entry = names.get(chosen[1].lower())
    if entry is None:
        raise BulkFileError(
            text(
                "sheet %(sheet)s has no data part in the file; accepted: a well-formed workbook",
                sheet=repr(chosen[0]),
            )
        )
    return chosen[0], entry


@dataclass
class _Scan:
    """What one pass over the sheet's regions found (its share of them, when the pass is split)."""

    max_row: int = 0
    max_col: int = 0
    unreferenced_rows: int = 0
    widest_unreferenced: int = 0
    unreferenced_cells: bool = False
    """A region had cells without a reference: their count runs across regions, so only a whole pass can
    take their widest row (a split pass leaves it to one)."""


def _sheet_extent(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, limits: BulkLimits, workers: int = 1
) -> SheetExtent:
    """The extent the parser would allocate: the larger of `<dimension>` and every cell or row reference seen,
    plus one per cell or row without a reference (the parser places those after the previous one).

    With `workers=2` (only in a single-threaded process of its own: the XLSX child), a forked copy of this
    process scans every other region while this one scans the rest; both inflate the whole part (the
    cutting into regions must be the same) and check it against the same limits. A sheet with cells without
    references is scanned again whole."""
    if workers > 1 and hasattr(os, "fork"):
        scan = _split_scan(archive, info, budget, limits)
        if scan is not None:
            return SheetExtent(scan.max_row + scan.unreferenced_rows, scan.max_col)
    scan = _scan_sheet(archive, info, budget, limits)
    return SheetExtent(scan.max_row + scan.unreferenced_rows, scan.max_col + scan.widest_unreferenced)


def _scan_sheet(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    budget: _Budget,
    limits: BulkLimits,
    part: int = 0,
    parts: int = 1,
) -> _Scan:
    """One pass over the sheet's regions; with `parts` > 1 only the regions whose index is `part` modulo
    `parts` are scanned (the dimension wherever this share first finds one)."""
    scan = _Scan()
    unreferenced_cells_in_row = 0
    tail = b""
    index = -1
    for piece in _inflate(archive, info, budget, limits, scan_dtd=True):
        window = tail + piece
        cut = window.rfind(b"<")
        if cut < 0:
            tail = b""
            continue
        region, tail = window[:cut], window[cut:]
        if len(tail) > MB:
            tail = tail[-64:]
        index += 1
        if index % parts != part:
            continue
        if scan.max_row == 0 and (dimension := _DIMENSION.search(region)):
            scan.max_col = max(scan.max_col, column_number(dimension.group(3) or dimension.group(1) or b"A"))
            scan.max_row = max(scan.max_row, int(dimension.group(4) or dimension.group(2) or 1))
            _check_extent(scan.max_row, scan.max_col, limits, text("the sheet's <dimension>"))
        refs = _CELL_REF.findall(region)
        if refs:
            # Distinct letters and numbers first (a region repeats them), with no Python loop over the cells.
            scan.max_col = max(scan.max_col, max(map(column_number, set(map(_LETTERS, refs)))))
            scan.max_row = max(scan.max_row, max(map(int, set(map(_NUMBER, refs)))))
        row_refs = _ROW_REF.findall(region)
        if row_refs:
            scan.max_row = max(scan.max_row, max(int(number) for number in row_refs))
        # "<row" also counts a "<rowBreaks" and "<c" a "<col" or "<cfRule": over, never under, which only
        # sends such a region through the exact count below.
        scan.unreferenced_rows += region.count(b"<row") - len(row_refs)
        if region.count(b"<c") > len(refs):
            scan.unreferenced_cells = True
            if parts > 1:
                return scan  # the whole pass decides
            # Cells without a reference: bound the row width by the most cells any row holds.
            for number, chunk in enumerate(region.split(b"<row")):
                count = chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/>")
                unreferenced_cells_in_row = (unreferenced_cells_in_row + count) if number == 0 else count
                scan.widest_unreferenced = max(scan.widest_unreferenced, unreferenced_cells_in_row)
        _check_extent(
            scan.max_row + scan.unreferenced_rows,
            scan.max_col + scan.widest_unreferenced,
            limits,
            text("the sheet's cells"),
        )
    return scan


def _split_scan(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, limits: BulkLimits
) -> _Scan | None:
    """The two halves of a split pass combined, or None when a whole pass must decide (cells without
    references, or the forked half lost). A refusal found by either half is raised."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the forked half: scan, report, and leave without running anything of this process's
        os.close(reading)
        try:
            try:
                found: dict[str, object] = asdict(_scan_sheet(archive, info, budget, limits, 1, 2))
            except BulkFileError as exc:
                found = {"refused": exc.to_wire()}
            os.write(writing, json.dumps(found).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(writing)
    try:
        mine = _scan_sheet(archive, info, budget, limits, 0, 2)
        with os.fdopen(reading, "rb") as answer:
            reading = -1
            data = answer.read()
    finally:
        if reading >= 0:
            os.close(reading)
        os.waitpid(pid, 0)
    try:
        other = json.loads(data)
    except ValueError:
        return None
    if "refused" in other:
        raise BulkFileError.from_wire(other["refused"])
    theirs = _Scan(**other)
    if mine.unreferenced_cells or theirs.unreferenced_cells:
        return None
    combined = _Scan(
        max(mine.max_row, theirs.max_row),
        max(mine.max_col, theirs.max_col),
        mine.unreferenced_rows + theirs.unreferenced_rows,
    )
    _check_extent(
        combined.max_row + combined.unreferenced_rows, combined.max_col, limits, text("the sheet's cells")
    )
    return combined


def _check_extent(rows: int, columns: int, limits: BulkLimits, where: Text) -> None:
    if columns > limits.max_columns or rows > limits.max_rows or rows * columns > limits.max_cells:
        raise BulkFileError(
            text(
                "%(where)s span %(rows)s rows by %(columns)s columns; accepted: at most %(max_rows)s rows, "
                "%(max_columns)s columns and %(max_cells)s cells",
                where=where,
                rows=f"{rows:,}",
                columns=f"{columns:,}",
                max_rows=f"{limits.max_rows:,}",
                max_columns=f"{limits.max_columns:,}",
                max_cells=f"{limits.max_cells:,}",
            )
        )
