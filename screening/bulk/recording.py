"""Recording screened rows as evaluations of one batch in the audit chain, a chunk per transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from screening.bulk.runner import Recorder, Screened

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
    from rules import ENGINE_VERSION
    from screening.storage.chain import NewEvaluation, append_evaluations

    revision = int(rule_set.revision or 0)

    def record(rows: Sequence[Screened]) -> list[str | None]:
        records = [
            NewEvaluation(
                as_of=as_of,
                lang=lang,
                position_code=rule_set.code,
                revision=revision,
                policy_id=rule_set.policy.policy_id,
                fingerprint=rule_set.fingerprint,
                engine_version=ENGINE_VERSION,
                verdict=screened.verdict,
                outcome=screened.outcome,
                actor=actor,
                # The row's candidate JSON holds no floats (numbers are ints or decimal text): stored as is.
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
                ids = append_evaluations(session, records)
        stored = iter(ids)
        return [next(stored) if screened.verdict is not None else None for screened in rows]

    return record
