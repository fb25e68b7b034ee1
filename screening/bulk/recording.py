"""Recording screened rows as evaluations of one batch in the audit chain, a chunk per transaction."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from screening.bulk.runner import Recorder, Screened
from screening.bulk.texts import RowTexts, RowValues, batch_records, note_committed, shared_fields

if TYPE_CHECKING:
    from rules.compiler import RuleSet
    from screening.storage.database import Database


def chain_recorder(
    database: Database, rule_set: RuleSet, *, as_of: date, lang: str, actor: str, batch_id: str
) -> Recorder:
    """A recorder appending each chunk's valid rows in row order, in one write transaction per chunk.

    Re-recording a chunk returns the ids already stored (batch id + row number is unique), so a chunk that
    is run twice after a crash is stored once (RELIABILITY 2.2).
    """
    from screening.storage.chain import BatchRecord, append_records

    texts = RowTexts()
    shared = shared_fields(rule_set, as_of=as_of, lang=lang, actor=actor, batch_id=batch_id)

    def records_of(rows: Sequence[Screened]) -> tuple[list[BatchRecord], set[str]]:
        return batch_records(texts, shared, _row_values(rows))

    def committed(bodies: set[str]) -> None:
        note_committed(texts, bodies)

    def per_row(rows: Sequence[Screened], ids: list[str]) -> list[str | None]:
        stored = iter(ids)
        return [next(stored) if screened.verdict is not None else None for screened in rows]

    def record(rows: Sequence[Screened]) -> list[str | None]:
        records, bodies = records_of(rows)
        ids: list[str] = []
        if records:
            with database.write() as session:
                ids = append_records(session, records, stored_bodies=texts.stored_bodies)
            committed(bodies)
        return per_row(rows, ids)

    def stage(rows: Sequence[Screened]) -> tuple[list[str | None], Callable[[], None]]:
        records, bodies = records_of(rows)
        if not records:
            return per_row(rows, []), _nothing
        transaction = database.write()
        session = transaction.__enter__()
        try:
            ids = append_records(session, records, stored_bodies=texts.stored_bodies)
        except BaseException:
            transaction.__exit__(*sys.exc_info())  # rolled back, lock released
            raise

        def commit() -> None:
            transaction.__exit__(None, None, None)
            committed(bodies)

        return per_row(rows, ids), commit

    return StagingRecorder(record, stage)


def _row_values(rows: Sequence[Screened]) -> list[RowValues]:
    return [
        (screened.number, screened.folio, screened.outcome, screened.content, screened.verdict)
        for screened in rows
        if screened.verdict is not None
    ]


def _nothing() -> None:
    return None


class StagingRecorder:
    """A `Recorder` that can also split a chunk's write in two: `stage` appends the chunk inside a write
    transaction and returns the rows' ids with a function that commits it (or raises, the chunk rolled back).
    The runner calls that function from another thread, so the commit (one call into SQLite, which releases
    the GIL) runs while the next chunk is screened; the next chunk's transaction waits for it (the write lock)."""

    def __init__(
        self,
        record: Callable[[Sequence[Screened]], list[str | None]],
        stage: Callable[[Sequence[Screened]], tuple[list[str | None], Callable[[], None]]],
    ) -> None:
        self._record = record
        self.stage = stage

    def __call__(self, rows: Sequence[Screened]) -> list[str | None]:
        return self._record(rows)
