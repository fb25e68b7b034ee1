"""Batches: the one batch pipeline of the command line, the API, the pages and the workers.

A batch is a row in `batches` and its rows recorded in the chain, each once. Both ways of running one share
the batch's life (`create_batch`, `finish_batch`, `fail_batch`), the screening step (bulk.screener.screen_rows
over chunks of rows), the recorder (`chain_recorder`: one transaction per chunk) and the counting (`Summary`):
- `screen_file`: a file screened in this process from start to end, its result streamed as rows are screened
  (`screening screen`; with `record=False` nothing is stored and no batch is made);
- the steps below, for an upload screened in the background (the embedded worker or Celery tasks, each step
  idempotent, so a worker killed at any point loses nothing: RELIABILITY T14):
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
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rules.errors import Text, text
from screening.bulk.headers import map_columns
from screening.bulk.limits import NO_CANDIDATE_ROWS, BulkFileError, BulkLimits
from screening.bulk.readers import EMPTY_ZIP_MAGIC, ZIP_MAGIC, open_table
from screening.bulk.screener import OUTCOMES, Recorder, Screened, Screener, Summary, screen_rows
from screening.bulk.table import SourceRow
from screening.bulk.writers import Value, open_writer
from screening.services.context import Context, current, open_context, today

if TYPE_CHECKING:
    from rules.compiler import RuleSet
    from screening.storage.database import Database
    from screening.storage.models import Batch

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
    db: Context | Database,
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
    from screening.storage.models import Batch

    batch_id = batch_id or new_batch_id()
    with current(db).database.write() as session:
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


def fail_batch(db: Context | Database, batch_id: str, message: str | Text) -> None:
    """Mark a batch failed with what stopped it, kept as a message's template and parameters (JSON) so that
    each reader gets it in their language (batch_error)."""
    from screening.storage.models import Batch

    kept = json.dumps(BulkFileError(message).to_wire(), ensure_ascii=False)
    with current(db).database.write() as session:
        batch = session.get(Batch, batch_id)
        if batch is not None and batch.status != "done":
            batch.status = "failed"
            batch.error = kept
            batch.finished_at = datetime.now(UTC)


def batch_error(batch: Batch, lang: str) -> str | None:
    """What stopped a failed batch, written in `lang`; None when nothing did."""
    if batch.error is None:
        return None
    try:
        data = json.loads(batch.error)
    except ValueError:
        return batch.error  # a plain text, as errors were kept before they were kept as messages
    return BulkFileError.from_wire(data).in_language(lang)


def finish_batch(
    db: Context | Database,
    batch_id: str,
    *,
    rows_total: int,
    counts: Mapping[str, int],
    by_gender: Mapping[str, Mapping[str, int]],
    result_keys: Mapping[str, str] | None = None,
    impact: list[list[Any]] | None = None,
) -> None:
    from screening.storage.models import Batch

    with current(db).database.write() as session:
        batch = session.get(Batch, batch_id)
        if batch is None:
            return
        batch.status = "done"
        batch.rows_total = rows_total
        batch.rows_done = rows_total
        stored: dict[str, Any] = {
            "outcomes": dict(counts),
            "by_gender": {g: dict(c) for g, c in by_gender.items()},
        }
        if impact is not None:
            stored["impact"] = impact
        batch.counts = stored
        batch.result_keys = dict(result_keys or {})
        batch.finished_at = datetime.now(UTC)


def load_batch(db: Context | Database, batch_id: str) -> Batch | None:
    from screening.storage.models import Batch

    with current(db).database.read() as session:
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


class ImpactTally:
    """What the adverse-impact report of a batch needs, counted as its rows are screened, in aggregate only:
    how many applicants share a (sex group, outcome, mandatory criteria failed) combination. No row's sex is
    kept (SPEC section 6); invalid rows are not applicants."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, tuple[str, ...]], int] = {}
        self._failed: dict[int, tuple[dict[str, Any], tuple[str, ...]]] = {}

    def add(self, screened: Screened) -> None:
        from rules.impact import UNKNOWN

        verdict = screened.verdict
        if verdict is None:
            return
        known = self._failed.get(id(verdict))
        if known is None or known[0] is not verdict:
            failed = tuple(
                criterion["id"]
                for criterion in verdict["criteria"]
                if criterion["mandatory"] and criterion["outcome"] == "fail"
            )
            if len(self._failed) >= MEMO_ENTRIES:
                self._failed.clear()
            known = self._failed[id(verdict)] = (verdict, failed)
        key = (screened.gender or UNKNOWN, screened.outcome, known[1])
        self.counts[key] = self.counts.get(key, 0) + 1

    def merge(self, entries: Sequence[Sequence[Any]]) -> None:
        for group, outcome, failed, count in entries:
            key = (str(group), str(outcome), tuple(failed))
            self.counts[key] = self.counts.get(key, 0) + int(count)

    def to_json(self) -> list[list[Any]]:
        return [
            [group, outcome, list(failed), count] for (group, outcome, failed), count in self.counts.items()
        ]


def impact_report(batch: Batch) -> Any:
    """The batch's adverse-impact report (rules.impact.ImpactReport) by sex, from its tally; None for a batch
    screened before the tally was kept or not finished."""
    from itertools import repeat

    from rules.compiler import CRITERION_IDS
    from rules.impact import Applicant, adverse_impact
    from rules.verdict import OverallOutcome

    entries = (batch.counts or {}).get("impact")
    if batch.status != "done" or entries is None:
        return None

    def applicants() -> Iterator[Applicant]:
        for group, outcome, failed, count in entries:
            applicant = Applicant(str(group), OverallOutcome(outcome), tuple(failed))
            yield from repeat(applicant, int(count))

    return adverse_impact(applicants(), CRITERION_IDS)


def batch_status(batch: Batch, lang: str = "en") -> dict[str, Any]:
    """The batch as the API gives it, its error (when it failed) in `lang`."""
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
        "error": batch_error(batch, lang),
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
    """Copy an upload to a server-chosen name (mode 0600, in a folder of mode 0700), stopping at the size
    limit; (input key, size)."""
    folder = batch_dir(data_dir, batch_id)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    head = stream.read(8)
    kind = "xlsx" if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)) else "csv"
    key = f"{batch_id}/input{UPLOAD_EXTENSIONS[kind]}"
    target = batches_dir(data_dir) / key
    size = len(head)
    # Mode 0600 from the start: the file holds names and CURPs (never readable by other local users).
    with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        out.write(head)
        while block := stream.read(COPY_BLOCK):
            size += len(block)
            if size > limits.max_file_bytes:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise BulkFileError(
                    text(
                        "file is over %(limit)s bytes; accepted: at most %(limit)s bytes",
                        limit=f"{limits.max_file_bytes:,}",
                    ),
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


# --- recording -----------------------------------------------------------------------------------------------

MEMO_ENTRIES = 20_000
"""Distinct verdicts whose canonical text is kept (the screener keeps as many distinct row contents)."""


def chain_recorder(
    db: Context | Database, rule_set: RuleSet, *, as_of: date, lang: str, actor: str, batch_id: str
) -> Recorder:
    """A recorder appending each chunk's valid rows in row order, in one write transaction per chunk.

    Re-recording a chunk returns the ids already stored (batch id + row number is unique), so a chunk that
    is run twice after a crash is stored once (RELIABILITY 2.2).
    """
    from rules import ENGINE_VERSION
    from screening.storage.chain import HashedVerdict, NewEvaluation, append_evaluations

    database = current(db).database
    # The screener hands one verdict object to every row that reads alike, so each is written and hashed once
    # (kept with its text, so its id is not reused): 195 us a verdict, 20 s for 100,000 rows.
    verdicts: dict[int, tuple[dict[str, Any], HashedVerdict]] = {}
    stored_bodies: set[str] = set()
    """Verdict bodies committed by earlier chunks: not sent again."""

    def hashed(verdict: dict[str, Any]) -> HashedVerdict:
        known = verdicts.get(id(verdict))
        if known is None or known[0] is not verdict:
            if len(verdicts) >= MEMO_ENTRIES:
                verdicts.clear()
            known = verdicts[id(verdict)] = (verdict, HashedVerdict.of(verdict))
        return known[1]

    def record(rows: Sequence[Screened]) -> list[str | None]:
        records = [
            NewEvaluation(
                as_of=as_of,
                lang=lang,
                position_code=rule_set.code,
                revision=int(rule_set.revision or 0),
                policy_id=rule_set.policy.policy_id,
                fingerprint=rule_set.fingerprint,
                engine_version=ENGINE_VERSION,
                verdict=hashed(screened.verdict),
                outcome=screened.outcome,
                actor=actor,
                input=screened.candidate,
                folio=screened.folio or None,
                batch_id=batch_id,
                row_number=screened.number,
            )
            for screened in rows
            if screened.verdict is not None
        ]
        ids: list[str] = []
        if records:
            with database.write() as session:
                ids = append_evaluations(session, records, stored_bodies=stored_bodies)
            if len(stored_bodies) > MEMO_ENTRIES:
                stored_bodies.clear()  # bounded memory; forgotten bodies are only looked up again
            stored_bodies.update(
                record.verdict.hash for record in records if isinstance(record.verdict, HashedVerdict)
            )
        stored = iter(ids)
        return [next(stored) if screened.verdict is not None else None for screened in rows]

    return record


# --- a file screened in this process --------------------------------------------------------------------------

FILE_CHUNK_ROWS = 10_000
"""Rows per transaction when a file is screened in one process: the commits of a random-keyed index cost per
transaction (100,000 rows recorded on SQLite: 2,000 rows 3.5-3.7 s, 10,000 rows 3.2-3.4 s); memory stays
bounded by one chunk of rows."""


def screen_file(
    input_path: str | Path,
    output_path: str | Path,
    code: str,
    *,
    config: Mapping[str, Any],
    as_of: date | None = None,
    lang: str = "es",
    revision: int | None = None,
    sheet: str | None = None,
    record: bool = True,
    actor: str = "cli",
    table: Any = None,
    progress_for: Callable[[Any], Callable[[int], None] | None] | None = None,
) -> tuple[Summary, str | None]:
    """Screen a CSV or XLSX file for a position into a result file (CSV or XLSX by extension); with `record`,
    as a batch whose every valid row is recorded in the chain. The summary and the batch id (None without
    `record`). `table` is `input_path` already opened (open_table), so an XLSX parser child starts early.

    Raises BulkFileError when the file as a whole cannot be read (the batch then fails, no result is left)."""
    from screening.bulk.screener import screen_file as screen_table
    from screening.services.catalogs import get_rule_set, rule_set_for_reading

    limits: BulkLimits = config["BULK_LIMITS"]
    as_of = as_of or today(str(config["SCREENING_TIMEZONE"]))
    context: Context | None = None
    batch: dict[str, str] = {}

    def load_rule_set() -> RuleSet:
        nonlocal context
        if not record:
            return rule_set_for_reading(config, code, revision)
        context = open_context(config)
        return get_rule_set(code, revision, db=context)

    def recorder_for(info: Any) -> Recorder:
        assert context is not None  # nosec B101 # narrows the type; set before any recorder is asked for
        rule_set = get_rule_set(code, revision, db=context)
        batch["id"] = create_batch(
            context,
            rule_set,
            original_filename=Path(input_path).name,
            created_by=actor,
            status="running",
            options={"as_of": as_of.isoformat(), "lang": lang, "sheet": sheet, "source": "cli"},
            encoding=info.encoding,
            delimiter=info.delimiter,
        )
        return chain_recorder(context, rule_set, as_of=as_of, lang=lang, actor=actor, batch_id=batch["id"])

    try:
        summary = screen_table(
            input_path,
            output_path,
            load_rule_set,
            as_of=as_of,
            lang=lang,
            limits=limits,
            sheet=sheet,
            recorder_for=recorder_for if record else None,
            progress_for=progress_for,
            chunk_rows=FILE_CHUNK_ROWS,
            table=table,
        )
        if context is not None and "id" in batch:
            finish_batch(
                context,
                batch["id"],
                rows_total=summary.rows,
                counts=summary.counts_dict(),
                by_gender={group: dict(counts) for group, counts in summary.by_gender.items()},
            )
    except BulkFileError as exc:
        if context is not None and "id" in batch:
            fail_batch(context, batch["id"], exc.text)
        raise
    finally:
        if context is not None:
            context.close()
    return summary, batch.get("id")


# --- an upload screened in the background -----------------------------------------------------------------------


def _folder(context: Context, batch_id: str) -> Path:
    return batch_dir(context.config["SCREENING_DATA_DIR"], batch_id)


def prepare(context: Context, batch_id: str) -> int:
    """Read the upload once into rows.jsonl and index.json; the number of chunks (0 when the batch failed)."""
    batch = load_batch(context, batch_id)
    if batch is None or batch.status in ("done", "failed"):
        return 0
    folder = _folder(context, batch_id)
    index_path = folder / "index.json"
    if index_path.exists():
        index = json.loads(index_path.read_text("utf-8"))
        _mark_running(context, batch_id, index)
        return len(index["chunks"])
    source = batches_dir(context.config["SCREENING_DATA_DIR"]) / str(batch.input_key)
    chunk_rows = int(context.config["SCREENING_BATCH_CHUNK_ROWS"])
    try:
        options = batch.options or {}
        with open_table(
            source, context.config["BULK_LIMITS"], options.get("sheet"), options.get("header_row")
        ) as table:
            info = table.info
            offsets: list[list[int]] = []
            rows = 0

            def write_rows(path: Path) -> None:
                nonlocal rows
                with open(path, "wb") as out:
                    for row in table:
                        if rows % chunk_rows == 0:
                            offsets.append([out.tell(), 0])
                        line = json.dumps(
                            [row.number, [_cell_json(c) for c in row.cells], _error_json(row.error)],
                            ensure_ascii=False,
                        )
                        out.write(line.encode("utf-8") + b"\n")
                        offsets[-1][1] += 1
                        rows += 1

            _atomic_write(folder / "rows.jsonl", write_rows)
        if rows == 0:
            raise BulkFileError(NO_CANDIDATE_ROWS)
    except BulkFileError as exc:
        fail_batch(context, batch_id, exc.text)
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


def _mark_running(context: Context, batch_id: str, index: Mapping[str, Any]) -> None:
    from screening.storage.models import Batch

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
            yield SourceRow(
                number, cells, None if error is None else Text(error[0], tuple(map(tuple, error[1])))
            )


def _error_json(error: Text | None) -> list[Any] | None:
    """A row's error as [template, [[name, value], ...]] in rows.jsonl (read back by _chunk_rows)."""
    return None if error is None else [error.template, [list(pair) for pair in error.params]]


def screen_chunk(context: Context, batch_id: str, chunk: int) -> bool:
    """Screen and record one chunk and write its part; True when every part now exists."""
    from sqlalchemy import case, update

    from screening.services.catalogs import get_rule_set
    from screening.storage.models import Batch

    batch = load_batch(context, batch_id)
    if batch is None or batch.status in ("done", "failed"):
        return False
    folder = _folder(context, batch_id)
    index = json.loads((folder / "index.json").read_text("utf-8"))
    part = folder / "parts" / f"{chunk:06d}.json"
    if not part.exists():
        options = batch.options or {}
        rule_set = get_rule_set(batch.position_code, batch.revision, db=context)
        as_of = date.fromisoformat(options["as_of"])
        lang = str(options.get("lang", "es"))
        columns = map_columns(index["headers"], context.config["BULK_LIMITS"].max_columns)
        screener = Screener(rule_set, as_of, lang, columns)
        recorder = chain_recorder(
            context, rule_set, as_of=as_of, lang=lang, actor=batch.created_by, batch_id=batch_id
        )
        offset, count = index["chunks"][chunk]
        summary = Summary()
        results: list[list[Value]] = []
        tally = ImpactTally()
        for screened in screen_rows(_chunk_rows(folder, offset, count), screener, recorder, chunk_rows=count):
            results.append(screened.cells)
            summary.add(screened)
            tally.add(screened)
        part.parent.mkdir(exist_ok=True)
        payload = {
            "rows": results,
            "outcomes": dict(summary.counts),
            "by_gender": {g: dict(c) for g, c in summary.by_gender.items()},
            "impact": tally.to_json(),
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


def finalize(context: Context, batch_id: str) -> None:
    """Assemble the result files in row order from the parts; the batch becomes `done`. Idempotent."""
    batch = load_batch(context, batch_id)
    if batch is None or batch.status in ("done", "failed"):
        return
    folder = _folder(context, batch_id)
    index = json.loads((folder / "index.json").read_text("utf-8"))
    summary = Summary()

    def parts() -> Iterator[dict[str, Any]]:
        for chunk in range(len(index["chunks"])):
            yield json.loads((folder / "parts" / f"{chunk:06d}.json").read_text("utf-8"))

    def rows() -> Iterator[list[Value]]:
        for part in parts():
            yield from part["rows"]

    tally = ImpactTally()
    for part in parts():
        summary.merge(part["outcomes"], part["by_gender"])
        tally.merge(part.get("impact", []))
    for kind in ("csv", "xlsx"):
        _atomic_write(
            folder / f"result.{kind}", lambda path, kind=kind: open_writer(path, kind).write_all(rows())
        )
    finish_batch(
        context,
        batch_id,
        rows_total=int(index["rows"]),
        counts=summary.counts_dict(),
        by_gender={group: dict(counts) for group, counts in summary.by_gender.items()},
        result_keys={"csv": f"{batch_id}/result.csv", "xlsx": f"{batch_id}/result.xlsx"},
        impact=tally.to_json(),
    )
    (folder / "rows.jsonl").unlink(missing_ok=True)


def run_batch(context: Context, batch_id: str) -> None:
    """The whole pipeline in this thread (the embedded worker)."""
    complete = False
    for chunk in range(prepare(context, batch_id)):
        complete = screen_chunk(context, batch_id, chunk)
    if complete:
        finalize(context, batch_id)


def unfinished_batches(db: Context | Database) -> list[str]:
    """Batches queued or running (a server restarted since their upload), oldest first."""
    from sqlalchemy import select

    from screening.storage.models import Batch

    with current(db).database.read() as session:
        rows = session.scalars(
            select(Batch.id)
            .where(Batch.status.in_(("queued", "running")), Batch.input_key.is_not(None))
            .order_by(Batch.created_at)
        )
        return list(rows)
