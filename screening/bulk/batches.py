"""Batches: an uploaded file screened in the background, chunk by chunk, with every row recorded once.

Pipeline (each step idempotent, so a worker killed at any point loses nothing: RELIABILITY T14):
  prepare   read the stored upload once (CSV or XLSX, all checks of the readers), write its rows as JSON lines
            with the byte offset of every chunk; the batch becomes `running` with rows_total;
  chunk N   screen the chunk's rows, record them in the chain (batch id + row number unique: a re-run stores
            nothing twice), write the chunk's result part;
  finalize  when every part exists: assemble result.csv and result.xlsx in row order, counts, `done`.
The upload is stored under a name the server chooses; the original name is only shown (T20).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import case, update

from screening.bulk.headers import map_columns
from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.runner import OUTCOMES, Screener, screen_rows
from screening.bulk.table import SourceRow, open_table
from screening.bulk.writers import Value, open_writer
from screening.storage.models import Batch

if TYPE_CHECKING:
    from rules.compiler import RuleSet
    from screening.storage.database import Database

BATCH_CHUNK_ROWS = int(os.environ.get("SCREENING_BATCH_CHUNK_ROWS", "2000"))
"""Rows per chunk: one transaction in the chain and, with Celery, one task."""
MIN_GROUP = 5
"""SPEC section 6: gender groups under 5 people are hidden in batch statistics."""
UPLOAD_EXTENSIONS = {"csv": ".csv", "xlsx": ".xlsx"}
COPY_BLOCK = 1024 * 1024
FILENAME_SHOWN = 255


def new_batch_id() -> str:
    return "b_" + secrets.token_urlsafe(12)


def display_filename(name: str | bytes | None) -> str | None:
    """The uploaded name as shown to people: decoded, without path parts or control characters, bounded.
    Never used as a path (T20)."""
    if name is None:
        return None
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in "\x00")
    return cleaned[:FILENAME_SHOWN] or None


# --- batch rows ----------------------------------------------------------------------------------------------


def create_batch(
    database: Database,
    rule_set: RuleSet,
    *,
    original_filename: str | None,
    created_by: str,
    options: Mapping[str, Any],
    status: str = "queued",
    encoding: str | None = None,
    delimiter: str | None = None,
    batch_id: str | None = None,
    input_key: str | None = None,
) -> str:
    batch_id = batch_id or new_batch_id()
    with database.write() as session:
        session.add(
            Batch(
                id=batch_id,
                position_code=rule_set.code,
                revision=int(rule_set.revision or 0),
                status=status,
                original_filename=display_filename(original_filename),
                encoding=encoding,
                delimiter=delimiter,
                rows_total=None,
                rows_done=0,
                counts={},
                created_by=created_by,
                created_at=datetime.now(UTC),
                options=dict(options),
                input_key=input_key,
                result_keys={},
            )
        )
    return batch_id


def fail_batch(database: Database, batch_id: str, message: str) -> None:
    with database.write() as session:
        batch = session.get(Batch, batch_id)
        if batch is not None and batch.status != "done":
            batch.status = "failed"
            batch.error = message
            batch.finished_at = datetime.now(UTC)


def finish_batch(
    database: Database,
    batch_id: str,
    *,
    rows_total: int,
    counts: Mapping[str, int],
    by_gender: Mapping[str, Mapping[str, int]],
    result_keys: Mapping[str, str] | None = None,
) -> None:
    with database.write() as session:
        batch = session.get(Batch, batch_id)
        if batch is None:
            return
        batch.status = "done"
        batch.rows_total = rows_total
        batch.rows_done = rows_total
        batch.counts = {"outcomes": dict(counts), "by_gender": {g: dict(c) for g, c in by_gender.items()}}
        batch.result_keys = dict(result_keys or {})
        batch.finished_at = datetime.now(UTC)


def load_batch(database: Database, batch_id: str) -> Batch | None:
    with database.read() as session:
        return session.get(Batch, batch_id)


def adverse_impact(by_gender: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """Eligible share per gender group and its ratio to the highest share (the four-fifths rule's figure);
    groups under MIN_GROUP rows are hidden, only their number is given."""
    shown: list[dict[str, Any]] = []
    hidden = 0
    for group, counts in sorted(by_gender.items()):
        rows = sum(counts.values())
        if rows < MIN_GROUP:
            hidden += 1
            continue
        eligible = counts.get("eligible", 0)
        shown.append({"group": group, "rows": rows, "eligible": eligible, "rate": eligible / rows})
    best = max((float(entry["rate"]) for entry in shown), default=0.0)
    for entry in shown:
        entry["impact_ratio"] = round(float(entry["rate"]) / best, 3) if best else None
        entry["rate"] = round(float(entry["rate"]), 3)
    return {"groups": shown, "hidden_groups": hidden, "min_group_size": MIN_GROUP}


def batch_status(batch: Batch) -> dict[str, Any]:
    counts = batch.counts or {}
    outcomes = counts.get("outcomes", {})
    return {
        "id": batch.id,
        "position": {"code": batch.position_code, "revision": batch.revision},
        "status": batch.status,
        "filename": batch.original_filename,
        "encoding": batch.encoding,
        "delimiter": batch.delimiter,
        "rows_total": batch.rows_total,
        "rows_done": batch.rows_done,
        "counts": {outcome: int(outcomes.get(outcome, 0)) for outcome in OUTCOMES},
        "statistics": adverse_impact(counts.get("by_gender", {})),
        "error": batch.error,
        "created_at": batch.created_at.isoformat() if batch.created_at else None,
        "finished_at": batch.finished_at.isoformat() if batch.finished_at else None,
        "formats": sorted((batch.result_keys or {}).keys()),
    }


# --- files of a batch ----------------------------------------------------------------------------------------


def batches_dir(data_dir: str | Path) -> Path:
    return Path(data_dir) / "batches"


def batch_dir(data_dir: str | Path, batch_id: str) -> Path:
    if not batch_id.replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"batch id {batch_id!r} is not one the server made")
    return batches_dir(data_dir) / batch_id


def store_upload(
    stream: IO[bytes], data_dir: str | Path, batch_id: str, limits: BulkLimits
) -> tuple[str, int]:
    """Copy an upload to a server-chosen name, stopping at the size limit; (input key, size)."""
    folder = batch_dir(data_dir, batch_id)
    folder.mkdir(parents=True, exist_ok=True)
    head = stream.read(8)
    kind = "xlsx" if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) else "csv"
    key = f"{batch_id}/input{UPLOAD_EXTENSIONS[kind]}"
    target = batches_dir(data_dir) / key
    size = len(head)
    with open(target, "wb") as out:
        out.write(head)
        while block := stream.read(COPY_BLOCK):
            size += len(block)
            if size > limits.max_file_bytes:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise BulkFileError(
                    f"file is over {limits.max_file_bytes:,} bytes; accepted: at most {limits.max_file_bytes:,} bytes",
                    too_large=True,
                )
            out.write(block)
    return key, size


def _atomic_write(path: Path, write: Any) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _cell_json(cell: Any) -> Any:
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if cell is None or isinstance(cell, str | int | float | bool):
        return cell
    return str(cell)


# --- the pipeline --------------------------------------------------------------------------------------------


class BatchContext:
    """What every step needs: the database, the data directory and the limits."""

    def __init__(self, database: Database, data_dir: str | Path, limits: BulkLimits) -> None:
        self.database = database
        self.data_dir = Path(data_dir)
        self.limits = limits

    def folder(self, batch_id: str) -> Path:
        return batch_dir(self.data_dir, batch_id)


def prepare(context: BatchContext, batch_id: str) -> int:
    """Read the upload once into rows.jsonl and index.json; the number of chunks (0 when the batch failed)."""
    batch = load_batch(context.database, batch_id)
    if batch is None or batch.status in ("done", "failed"):
        return 0
    folder = context.folder(batch_id)
    index_path = folder / "index.json"
    if index_path.exists():
        index = json.loads(index_path.read_text("utf-8"))
        _mark_running(context, batch_id, index)
        return len(index["chunks"])
    source = batches_dir(context.data_dir) / str(batch.input_key)
    try:
        with open_table(source, context.limits, (batch.options or {}).get("sheet")) as table:
            info = table.info
            offsets: list[list[int]] = []
            rows = 0

            def write_rows(path: Path) -> None:
                nonlocal rows
                with open(path, "wb") as out:
                    for row in table:
                        if rows % BATCH_CHUNK_ROWS == 0:
                            offsets.append([out.tell(), 0])
                        line = json.dumps(
                            [row.number, [_cell_json(c) for c in row.cells], row.error], ensure_ascii=False
                        )
                        out.write(line.encode("utf-8") + b"\n")
                        offsets[-1][1] += 1
                        rows += 1

            _atomic_write(folder / "rows.jsonl", write_rows)
        if rows == 0:
            raise BulkFileError(
                "file has a header row but no candidate rows; accepted: one candidate per row"
            )
    except BulkFileError as exc:
        fail_batch(context.database, batch_id, exc.message)
        return 0
    index = {
        "headers": info.headers,
        "chunks": offsets,
        "rows": rows,
        "kind": info.kind,
        "encoding": info.encoding,
        "delimiter": info.delimiter,
        "sheet": info.sheet,
    }
    _atomic_write(index_path, lambda path: path.write_text(json.dumps(index), "utf-8"))
    _mark_running(context, batch_id, index)
    return len(offsets)


def _mark_running(context: BatchContext, batch_id: str, index: Mapping[str, Any]) -> None:
    with context.database.write() as session:
        stored = session.get(Batch, batch_id)
        if stored is not None and stored.status == "queued":
            stored.status = "running"
            stored.rows_total = int(index["rows"])
            stored.encoding = index.get("encoding")
            stored.delimiter = index.get("delimiter")


def _chunk_rows(folder: Path, offset: int, count: int) -> Iterator[SourceRow]:
    with open(folder / "rows.jsonl", "rb") as handle:
        handle.seek(offset)
        for _ in range(count):
            number, cells, error = json.loads(handle.readline())
            yield SourceRow(number, cells, error)


def screen_chunk(context: BatchContext, batch_id: str, chunk: int, rule_set: RuleSet | None = None) -> bool:
    """Screen and record one chunk and write its part; True when every part now exists."""
    from screening import services
    from screening.bulk.recording import chain_recorder

    batch = load_batch(context.database, batch_id)
    if batch is None or batch.status in ("done", "failed"):
        return False
    folder = context.folder(batch_id)
    index = json.loads((folder / "index.json").read_text("utf-8"))
    part = folder / "parts" / f"{chunk:06d}.json"
    if not part.exists():
        options = batch.options or {}
        rule_set = rule_set or services.get_rule_set(batch.position_code, batch.revision, db=context.database)
        as_of = date.fromisoformat(options["as_of"])
        lang = str(options.get("lang", "es"))
        columns = map_columns(index["headers"], context.limits.max_columns)
        screener = Screener(rule_set, as_of, lang, columns)
        recorder = chain_recorder(
            context.database, rule_set, as_of=as_of, lang=lang, actor=batch.created_by, batch_id=batch_id
        )
        offset, count = index["chunks"][chunk]
        results: list[list[Value]] = []
        by_gender: dict[str, Counter[str]] = {}
        outcomes: Counter[str] = Counter()
        for screened in screen_rows(_chunk_rows(folder, offset, count), screener, recorder, chunk_rows=count):
            results.append(screened.cells)
            outcomes[screened.outcome] += 1
            if screened.gender is not None:
                by_gender.setdefault(screened.gender, Counter())[screened.outcome] += 1
        part.parent.mkdir(exist_ok=True)
        payload = {
            "rows": results,
            "outcomes": dict(outcomes),
            "by_gender": {g: dict(c) for g, c in by_gender.items()},
        }
        _atomic_write(part, lambda path: path.write_text(json.dumps(payload, ensure_ascii=False), "utf-8"))
    done_chunks = [int(p.stem) for p in (folder / "parts").glob("[0-9]*.json")]
    rows_done = sum(index["chunks"][n][1] for n in done_chunks if n < len(index["chunks"]))
    with context.database.write() as session:
        session.execute(
            update(Batch)
            .where(Batch.id == batch_id)
            .values(rows_done=case((Batch.rows_done < rows_done, rows_done), else_=Batch.rows_done))
        )
    return len(done_chunks) >= len(index["chunks"])


def finalize(context: BatchContext, batch_id: str) -> None:
    """Assemble the result files in row order from the parts; the batch becomes `done`. Idempotent."""
    batch = load_batch(context.database, batch_id)
    if batch is None or batch.status in ("done", "failed"):
        return
    folder = context.folder(batch_id)
    index = json.loads((folder / "index.json").read_text("utf-8"))
    counts: Counter[str] = Counter()
    by_gender: dict[str, Counter[str]] = {}

    def parts() -> Iterator[dict[str, Any]]:
        for chunk in range(len(index["chunks"])):
            yield json.loads((folder / "parts" / f"{chunk:06d}.json").read_text("utf-8"))

    def rows() -> Iterator[list[Value]]:
        for part in parts():
            yield from part["rows"]

    for part in parts():
        counts.update(part["outcomes"])
        for group, group_counts in part["by_gender"].items():
            by_gender.setdefault(group, Counter()).update(group_counts)
    for kind in ("csv", "xlsx"):
        _atomic_write(
            folder / f"result.{kind}", lambda path, kind=kind: open_writer(path, kind).write_all(rows())
        )
    finish_batch(
        context.database,
        batch_id,
        rows_total=int(index["rows"]),
        counts={outcome: counts.get(outcome, 0) for outcome in OUTCOMES},
        by_gender=by_gender,
        result_keys={"csv": f"{batch_id}/result.csv", "xlsx": f"{batch_id}/result.xlsx"},
    )
    for leftover in ("rows.jsonl",):
        (folder / leftover).unlink(missing_ok=True)


def run_batch(context: BatchContext, batch_id: str) -> None:
    """The whole pipeline in this thread (the embedded worker, and tests)."""
    chunks = prepare(context, batch_id)
    rule_set = None
    if chunks:
        from screening import services

        batch = load_batch(context.database, batch_id)
        assert batch is not None
        rule_set = services.get_rule_set(batch.position_code, batch.revision, db=context.database)
    complete = False
    for chunk in range(chunks):
        complete = screen_chunk(context, batch_id, chunk, rule_set)
    if complete:
        finalize(context, batch_id)
