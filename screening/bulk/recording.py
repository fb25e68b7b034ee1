"""Recording screened rows as evaluations of one batch in the audit chain, a chunk per transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from screening.bulk.runner import Recorder, Screened
from screening.storage.chain import HashedVerdict, NewEvaluation, append_evaluations

if TYPE_CHECKING:
    from rules.compiler import RuleSet
    from screening.storage.database import Database

MEMO_ENTRIES = 20_000
"""Distinct verdicts whose canonical text is kept (the runner keeps as many distinct row contents)."""


def chain_recorder(
    database: Database, rule_set: RuleSet, *, as_of: date, lang: str, actor: str, batch_id: str
) -> Recorder:
    """A recorder appending each chunk's valid rows in row order, in one write transaction per chunk.

    Re-recording a chunk returns the ids already stored (batch id + row number is unique), so a chunk that
    is run twice after a crash is stored once (RELIABILITY 2.2).
    """
    from rules import ENGINE_VERSION

    # The runner hands one verdict object to every row that reads alike, so each is written and hashed once
    # (kept with its text, so its id is not reused): 195 us a verdict, 20 s
    # for 100,000 rows.
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
            stored_bodies.update(r.verdict.hash for r in records if isinstance(r.verdict, HashedVerdict))
        stored = iter(ids)
        return [next(stored) if screened.verdict is not None else None for screened in rows]

    return record
