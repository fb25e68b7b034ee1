"""Retention (SPEC section 6): personal data is not kept past RETENTION_DAYS.

What is removed from records older than the period: the evaluation's input (the candidate as received: name,
CURP, dates, degrees, jobs, sex), and a batch's files (the upload, its rows and the result files, which repeat
the input's columns). What stays: every hashed field of the record, the input's SHA-256 among them, so the chain
still verifies; the folio (the pseudonym SPEC section 6 lets be published, and what an appeal names); the
verdict (what was found and why, without the raw input); counts and statistics of batches.

Each run that removes anything appends a `retention` entry to the chain: the cut-off, the period, how many
inputs and batches, and for each format 1 record (written before the input hash) the seal of its remaining
fields, which verify checks in place of the hash its input made.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from screening.services.context import Context, current

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from screening.storage.database import Database

__all__ = ["RetentionReport", "apply_retention"]


@dataclass(frozen=True)
class RetentionReport:
    days: int
    cutoff: str
    """UTC, ISO 8601: records created before it are past the period."""
    inputs: int
    """Evaluation inputs removed (or, in a dry run, that would be)."""
    batches: int
    """Batches whose files are removed."""
    batch_ids: tuple[str, ...]
    sealed: int
    """Of the inputs, those of format 1 records, sealed into the chain."""
    dry_run: bool
    entry_id: str | None = None
    """The retention entry of the chain (None for a dry run or when nothing was removed)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "cutoff": self.cutoff,
            "inputs": self.inputs,
            "batches": self.batches,
            "batch_ids": list(self.batch_ids),
            "sealed": self.sealed,
            "dry_run": self.dry_run,
            "entry_id": self.entry_id,
        }


def _cutoff(days: int, now: datetime) -> datetime:
    return now.astimezone(UTC) - timedelta(days=days)


def _past_batches(session: Session, cutoff: datetime, data_dir: Any) -> list[str]:
    """Finished batches created before the cut-off that still hold files (named or in their folder) or an
    uploaded blob."""
    from screening.services.batches import batch_dir
    from screening.storage.models import Batch

    rows = session.execute(
        select(Batch.id, Batch.input_key, Batch.result_keys, Batch.input_blob.is_not(None))
        .where(Batch.created_at < cutoff, Batch.status.in_(("done", "failed")))
        .order_by(Batch.created_at)
    ).all()
    return [
        batch_id
        for batch_id, key, results, blob in rows
        if key or results or blob or (data_dir and batch_dir(data_dir, batch_id).exists())
    ]


def apply_retention(
    *,
    dry_run: bool = False,
    actor: str = "cli",
    days: int | None = None,
    now: datetime | None = None,
    db: Context | Database | None = None,
) -> RetentionReport:
    """Remove the personal data of records past the period (RETENTION_DAYS unless `days` is given); with
    `dry_run`, only say what would be removed. One write transaction: the chain entry and the removal commit
    together (batch files are deleted after the commit)."""
    from screening.services.batches import batch_dir
    from screening.storage.chain import append_entry, seal_hash
    from screening.storage.models import Batch, Evaluation

    context = current(db)
    period = int(days if days is not None else context.config.get("RETENTION_DAYS", 1825))
    moment = now or datetime.now(UTC)
    cutoff = _cutoff(period, moment)
    cutoff_text = cutoff.isoformat(timespec="microseconds")
    past = (Evaluation.created_at < cutoff_text) & Evaluation.input.is_not(None)
    data_dir = context.config.get("SCREENING_DATA_DIR")
    opener = context.database.read if dry_run else context.database.write
    with opener() as session:
        inputs = int(session.scalar(select(func.count()).select_from(Evaluation).where(past)) or 0)
        old = session.scalars(select(Evaluation).where(past, Evaluation.format == 1)).all()
        seals = {row.id: seal_hash(row) for row in old}
        batches = _past_batches(session, cutoff, data_dir)
        batch_ids = tuple(batches)
        if dry_run or not (inputs or batches):
            return RetentionReport(period, cutoff_text, inputs, len(batches), batch_ids, len(seals), dry_run)
        stamp = moment.astimezone(UTC).isoformat(timespec="microseconds")
        session.execute(
            update(Evaluation)
            .where(past)
            .values(input=None, purged_at=stamp)
            .execution_options(synchronize_session=False)
        )
        if batch_ids:
            session.execute(
                update(Batch)
                .where(Batch.id.in_(batch_ids))
                .values(input_blob=None, input_key=None, result_keys={})
                .execution_options(synchronize_session=False)
            )
        body = {
            "days": period,
            "cutoff": cutoff_text,
            "inputs": inputs,
            "batches": list(batch_ids),
            "sealed": seals,
        }
        made = append_entry(session, "retention", actor, body)
    if data_dir:
        for batch_id in batch_ids:
            shutil.rmtree(batch_dir(data_dir, batch_id), ignore_errors=True)
    return RetentionReport(period, cutoff_text, inputs, len(batch_ids), batch_ids, len(seals), False, made.id)
