"""Recruiters' use cases over bulk files (SPEC sections 4 and 7): an upload received and previewed before it
is screened, confirmed into a batch (screening.services.batches runs it) or cancelled; a recruiter's batches;
a batch's results as a filtered, sorted, paginated table.

An upload is stored at once under a name the server chooses (batches/<id>/input.csv or .xlsx, mode 0600) with
a small description beside it (who uploaded it, for which position); its batch row exists only once the
recruiter confirms, under the same id. The uploaded name is shown, never used as a path (RELIABILITY T20).
Uploads left unconfirmed are removed after UPLOAD_SECONDS.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from threading import Lock
from typing import IO, TYPE_CHECKING, Any

from rules.errors import text
from screening.bulk.headers import Column, map_columns
from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.rows import cell_text, is_empty
from screening.bulk.screener import OUTCOMES
from screening.bulk.table import RawRow, RowTooLarge
from screening.services.accounts import Principal
from screening.services.batches import (
    batch_dir,
    batches_dir,
    create_batch,
    display_filename,
    load_batch,
    new_batch_id,
    store_upload,
)
from screening.services.context import Context, NotFound, current

if TYPE_CHECKING:
    from screening.storage.database import Database
    from screening.storage.models import Batch

UPLOAD_SECONDS = 24 * 3600
"""An upload nobody confirmed or cancelled is removed this long after it arrived."""
HEAD_ROWS = 12
"""Rows of the file read for a preview: where the header is looked for, and the first rows shown."""
PREVIEW_ROWS = 5
MAX_SHEETS_SHOWN = 50
META = "upload.json"


class NotYours(Exception):
    """An upload or batch of another recruiter (a 403)."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key} belongs to another recruiter")
        self.kind = kind
        self.key = key


# --- uploads ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    id: str
    owner: str
    position_code: str
    revision: int
    filename: str | None
    received_at: str
    input_key: str
    size: int

    @property
    def kind(self) -> str:
        return "xlsx" if self.input_key.endswith(".xlsx") else "csv"


def _data_dir(context: Context) -> Path:
    return Path(context.config["SCREENING_DATA_DIR"])


def _write_private(path: Path, text: str) -> None:
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as out:
        out.write(text)


def receive_upload(
    stream: IO[bytes],
    filename: str | bytes | None,
    code: str,
    principal: Principal,
    limits: BulkLimits,
    *,
    db: Context | Database | None = None,
) -> Upload:
    """Store an uploaded file for `code` under a server-chosen name (mode 0600) and check it as a whole before
    anyone reads its rows: size (BulkFileError with too_large), empty, binary, encoding, a readable XLSX that
    is no zip bomb. The file is removed when a check fails. Unknown position: UnknownPosition."""
    from screening.services.catalogs import get_rule_set

    context = current(db)
    rule_set = get_rule_set(code, db=context)
    data_dir = _data_dir(context)
    discard_stale_uploads(context)
    upload_id = new_batch_id()
    try:
        key, size = store_upload(stream, data_dir, upload_id, limits)
        _check_whole_file(batches_dir(data_dir) / key, limits)
    except BaseException:
        shutil.rmtree(batches_dir(data_dir) / upload_id, ignore_errors=True)
        raise
    upload = Upload(
        id=upload_id,
        owner=principal.actor,
        position_code=rule_set.code,
        revision=int(rule_set.revision or 0),
        filename=display_filename(filename),
        received_at=datetime.now(UTC).isoformat(),
        input_key=key,
        size=size,
    )
    _write_private(batch_dir(data_dir, upload_id) / META, json.dumps(upload.__dict__))
    return upload


def _check_whole_file(path: Path, limits: BulkLimits) -> None:
    from screening.bulk.csv_source import choose_encoding
    from screening.bulk.limits import check_file_size
    from screening.bulk.readers import OLE_MAGIC, is_zip

    check_file_size(path, limits)
    if is_zip(path):
        from screening.bulk.xlsx_inspect import inspect_xlsx

        inspect_xlsx(path, limits)
        return
    with open(path, "rb") as handle:
        if handle.read(8).startswith(OLE_MAGIC):
            from screening.bulk.readers import open_table

            open_table(path, limits).close()  # raises the .xls message
    choose_encoding(path)


def load_upload(upload_id: str, principal: Principal, *, db: Context | Database | None = None) -> Upload:
    """The upload `upload_id` of `principal`: NotFound when there is none (or it became a batch), NotYours
    when another recruiter uploaded it."""
    context = current(db)
    try:
        folder = batch_dir(_data_dir(context), upload_id)
    except ValueError as exc:
        raise NotFound("upload", upload_id) from exc
    try:
        meta = json.loads((folder / META).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise NotFound("upload", upload_id) from exc
    upload = Upload(**meta)
    if upload.owner != principal.actor:
        raise NotYours("upload", upload_id)
    if load_batch(context, upload_id) is not None:
        raise NotFound("upload", upload_id)
    return upload


def cancel_upload(upload_id: str, principal: Principal, *, db: Context | Database | None = None) -> None:
    """Remove an upload that was not confirmed (the file and its description)."""
    context = current(db)
    load_upload(upload_id, principal, db=context)
    shutil.rmtree(batch_dir(_data_dir(context), upload_id), ignore_errors=True)


def discard_stale_uploads(db: Context | Database | None = None, now: float | None = None) -> int:
    """Remove uploads older than UPLOAD_SECONDS that never became a batch; how many were removed."""
    context = current(db)
    folder = batches_dir(_data_dir(context))
    if not folder.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - UPLOAD_SECONDS
    removed = 0
    for meta in folder.glob(f"*/{META}"):
        try:
            if meta.stat().st_mtime >= limit or load_batch(context, meta.parent.name) is not None:
                continue
        except OSError:
            continue
        shutil.rmtree(meta.parent, ignore_errors=True)
        removed += 1
    return removed


# --- the preview -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderReading:
    """How one header of the file was read: the field it fills, or None (an ignored column)."""

    index: int
    header: str
    column: Column | None


@dataclass
class Preview:
    upload: Upload
    kind: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    header_row: int | None = None
    """Position (1-based, empty rows counted) of the header row among the file's rows."""
    found_header_row: bool = False
    """The header was found below the first non-empty row (a title or notes above it)."""
    rows_above: list[tuple[int, str]] = field(default_factory=list)
    """(position, text) of the non-empty rows above the header: a title, notes."""
    headers: list[HeaderReading] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    """The first rows after the header: (row number as the results will give it, cells)."""
    estimated_rows: int | None = None
    problem: BulkFileError | None = None
    """Why the file cannot be screened as it is (nothing to confirm)."""

    @property
    def ready(self) -> bool:
        return self.problem is None and bool(self.headers)

    @property
    def delimiter_name(self) -> str | None:
        """comma, semicolon or tab (None for an XLSX)."""
        from screening.bulk.csv_source import delimiter_name

        return None if self.delimiter is None else delimiter_name(self.delimiter)


def preview_upload(
    upload_id: str,
    principal: Principal,
    limits: BulkLimits,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    db: Context | Database | None = None,
) -> Preview:
    """What screening the upload would read: format, encoding, delimiter, the sheet (and the workbook's sheets),
    where the header is (a title row above it found, or none found), how each header was read, the ignored
    columns and the first rows. A file that cannot be screened as it is comes back with its `problem` set.
    `header_row` forces the header's position (1..HEAD_ROWS)."""
    from screening.bulk.readers import open_table

    context = current(db)
    upload = load_upload(upload_id, principal, db=context)
    path = batches_dir(_data_dir(context)) / upload.input_key
    preview = Preview(upload=upload, kind=upload.kind)
    if upload.kind == "xlsx":
        try:
            preview.sheets = sheet_names_of(path, limits)[:MAX_SHEETS_SHOWN]
        except BulkFileError as exc:
            preview.problem = exc
            return preview
    try:
        with open_table(path, limits, sheet) as table:
            head = table.head(HEAD_ROWS + PREVIEW_ROWS)
            info = table.info
    except BulkFileError as exc:
        preview.problem = exc
        preview.sheet = sheet
        return preview
    preview.encoding, preview.delimiter, preview.sheet = info.encoding, info.delimiter, info.sheet or sheet
    preview.estimated_rows = info.estimated_rows
    _read_head(preview, head, limits, header_row)
    return preview


def sheet_names_of(path: Path, limits: BulkLimits) -> list[str]:
    from screening.bulk.xlsx_inspect import sheet_names

    return sheet_names(path, limits)


def _row_text(raw: RawRow) -> str:
    if isinstance(raw, RowTooLarge):
        return str(raw.message)
    return " · ".join(text for text in (cell_text(cell) for cell in raw) if text)


def _read_head(preview: Preview, head: list[RawRow], limits: BulkLimits, forced: int | None) -> None:
    candidates = [
        (position, raw)
        for position, raw in enumerate(head[:HEAD_ROWS], start=1)
        if not isinstance(raw, RowTooLarge) and not is_empty(raw)
    ]
    if not candidates:
        from screening.bulk.limits import NO_CANDIDATE_ROWS

        preview.problem = BulkFileError(
            NO_CANDIDATE_ROWS
            if head
            else "file has no header row; accepted: a header row, then one row per candidate"
        )
        return
    chosen: tuple[int, RawRow] | None = None
    first_error: BulkFileError | None = None
    if forced is not None:
        chosen = next(((p, raw) for p, raw in candidates if p == forced), None)
    if chosen is None:
        for position, raw in candidates:
            try:
                map_columns([cell_text(cell) for cell in raw], limits.max_columns)
            except BulkFileError as exc:
                first_error = first_error or exc
                continue
            chosen = (position, raw)
            break
    if chosen is None:
        # No row of the first ones reads as a header: the first non-empty row is shown as read, with why.
        chosen = candidates[0]
    position, header_cells = chosen
    preview.header_row = position
    preview.found_header_row = position != candidates[0][0]
    preview.rows_above = [(p, _row_text(r)) for p, r in candidates if p < position]
    if isinstance(header_cells, RowTooLarge):
        raise BulkFileError(text("header row cannot be read: %(problem)s", problem=header_cells.message))
    headers = [cell_text(cell) for cell in header_cells]
    while headers and not headers[-1].strip():
        headers.pop()
    try:
        columns = map_columns(headers, limits.max_columns)
    except BulkFileError as exc:
        preview.problem = first_error if first_error is not None and position == candidates[0][0] else exc
        from screening.bulk.headers import classify_header

        preview.headers = []
        for index, header in enumerate(headers):
            if header.strip():
                target = classify_header(header)
                column = Column(index, header.strip(), target) if target is not None else None
                preview.headers.append(HeaderReading(index, header.strip(), column))
        preview.ignored = [reading.header for reading in preview.headers if reading.column is None]
        return
    by_index = {column.index: column for column in columns.columns}
    preview.headers = [
        HeaderReading(index, header.strip(), by_index.get(index))
        for index, header in enumerate(headers)
        if header.strip()
    ]
    preview.ignored = list(columns.ignored)
    width = len(headers)
    number = 0
    for raw_row in head[position:]:
        number += 1
        if isinstance(raw_row, RowTooLarge) or is_empty(raw_row):
            continue
        cells = [cell_text(cell) for cell in raw_row[:width]]
        preview.rows.append((number, cells + [""] * (width - len(cells))))
        if len(preview.rows) >= PREVIEW_ROWS:
            break
    if not preview.rows and len(head) < HEAD_ROWS + PREVIEW_ROWS:
        from screening.bulk.limits import NO_CANDIDATE_ROWS

        preview.problem = BulkFileError(NO_CANDIDATE_ROWS)


def confirm_upload(
    upload_id: str,
    principal: Principal,
    *,
    sheet: str | None,
    header_row: int | None,
    lang: str,
    as_of: date | None = None,
    db: Context | Database | None = None,
) -> str:
    """The upload becomes a batch screened in the background, under the upload's id; its id. Confirming twice
    is one batch."""
    from screening.services.catalogs import get_rule_set
    from screening.worker import dispatch

    context = current(db)
    existing = load_batch(context, upload_id)
    if existing is not None:
        if existing.created_by != principal.actor:
            raise NotYours("batch", upload_id)
        return upload_id
    upload = load_upload(upload_id, principal, db=context)
    rule_set = get_rule_set(upload.position_code, upload.revision, db=context)
    as_of = as_of or context.today()
    options: dict[str, Any] = {"as_of": as_of.isoformat(), "lang": lang, "sheet": sheet, "source": "web"}
    if header_row is not None and header_row > 1:
        options["header_row"] = header_row
    create_batch(
        context,
        rule_set,
        original_filename=upload.filename,
        created_by=principal.actor,
        options=options,
        batch_id=upload_id,
        input_key=upload.input_key,
    )
    dispatch(context, upload_id)
    return upload_id


# --- batches -----------------------------------------------------------------------------------------------------


def batches_of(
    principal: Principal, page: int = 1, per_page: int = 25, *, db: Context | Database | None = None
) -> tuple[list[Batch], int]:
    """The batches `principal` made, newest first, and how many there are."""
    from sqlalchemy import func, select

    from screening.storage.models import Batch

    page, per_page = max(1, page), max(1, min(per_page, 200))
    with current(db).database.read() as session:
        total = session.scalar(select(func.count()).where(Batch.created_by == principal.actor)) or 0
        rows = session.scalars(
            select(Batch)
            .where(Batch.created_by == principal.actor)
            .order_by(Batch.created_at.desc(), Batch.id)
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
        return list(rows), int(total)


def batch_of(batch_id: str, principal: Principal, *, db: Context | Database | None = None) -> Batch:
    """The batch `batch_id` when `principal` made it: NotFound, or NotYours for another recruiter's."""
    batch = load_batch(current(db), batch_id)
    if batch is None:
        raise NotFound("batch", batch_id)
    if batch.created_by != principal.actor:
        raise NotYours("batch", batch_id)
    return batch


@dataclass(frozen=True)
class ResultRow:
    row: int
    folio: str
    outcome: str
    desirable_score: int | None
    reasons: str
    error: str
    evaluation_id: str


@dataclass(frozen=True)
class ResultPage:
    rows: list[ResultRow]
    total: int
    """Rows that pass the filter."""
    page: int
    pages: int


SORTS = ("row", "score")
_RESULTS_CACHE: OrderedDict[tuple[str, int, int], list[ResultRow]] = OrderedDict()
_RESULTS_LOCK = Lock()
RESULTS_CACHED = 2
"""Result files kept parsed in memory (a finished batch's result never changes)."""


def _result_rows(path: Path) -> list[ResultRow]:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _RESULTS_LOCK:
        if key in _RESULTS_CACHE:
            _RESULTS_CACHE.move_to_end(key)
            return _RESULTS_CACHE[key]
    rows: list[ResultRow] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        at = {name: index for index, name in enumerate(header)}
        for cells in reader:
            score = cells[at["desirable_score"]]
            rows.append(
                ResultRow(
                    row=int(cells[at["row"]]),
                    folio=cells[at["folio"]],
                    outcome=cells[at["outcome"]],
                    desirable_score=int(score) if score.isdigit() else None,
                    reasons=cells[at["reasons"]],
                    error=cells[at["error"]],
                    evaluation_id=cells[at["evaluation_id"]],
                )
            )
    with _RESULTS_LOCK:
        _RESULTS_CACHE[key] = rows
        while len(_RESULTS_CACHE) > RESULTS_CACHED:
            _RESULTS_CACHE.popitem(last=False)
    return rows


def batch_results(
    batch: Batch,
    *,
    outcome: str | None = None,
    sort: str = "row",
    page: int = 1,
    per_page: int = 50,
    db: Context | Database | None = None,
) -> ResultPage:
    """One page of a finished batch's results, one row per input row: only `outcome` (one of OUTCOMES) when
    given; in row order, or by desirable score from highest (ties in row order) with `sort="score"`."""
    if outcome is not None and outcome not in OUTCOMES:
        raise ValueError(f"outcome {outcome!r}; accepted: {', '.join(OUTCOMES)}")
    if sort not in SORTS:
        raise ValueError(f"sort {sort!r}; accepted: {', '.join(SORTS)}")
    key = (batch.result_keys or {}).get("csv")
    if batch.status != "done" or not key:
        return ResultPage([], 0, 1, 1)
    rows = _result_rows(batches_dir(_data_dir(current(db))) / str(key))
    chosen = [row for row in rows if row.outcome == outcome] if outcome else rows
    if sort == "score":
        chosen = sorted(
            chosen, key=lambda row: (-(-1 if row.desirable_score is None else row.desirable_score), row.row)
        )
    per_page = max(1, per_page)
    pages = max(1, -(-len(chosen) // per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    return ResultPage(chosen[start : start + per_page], len(chosen), page, pages)


def result_file(batch: Batch, kind: str, *, db: Context | Database | None = None) -> Path | None:
    """The path of a finished batch's result file (csv or xlsx), or None while it is not finished."""
    key = (batch.result_keys or {}).get(kind)
    if batch.status != "done" or not key:
        return None
    return batches_dir(_data_dir(current(db))) / str(key)
