"""A chain of mixed kinds (evaluations, decisions, publications, retention runs) verifies, and an edit of any one
record of any kind is named as the first bad record (hypothesis over the order of kinds and the record edited)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from screening.storage.chain import NewEvaluation, append_entry, append_evaluations, verify_chain
from screening.storage.database import Database

KINDS = st.lists(
    st.sampled_from(["evaluation", "decision", "publication", "retention"]), min_size=1, max_size=8
)


def _evaluation(number: int) -> NewEvaluation:
    return NewEvaluation(
        as_of=date(2025, 6, 30),
        lang="es",
        position_code="8-009-004-C215",
        revision=1,
        policy_id="default",
        fingerprint="f" * 16,
        engine_version="1.0",
        verdict={"outcome": "review", "criteria": [{"id": "education.field", "outcome": "review"}]},
        outcome="review",
        actor="user:1",
        input={"folio": f"K-{number}", "nombre": "Eva Ruiz"},
        folio=f"K-{number}",
    )


def _build(db: Database, kinds: list[str]) -> list[tuple[str, str, int]]:
    """Append the records in the order given; (table, id, seq) of each."""
    written: list[tuple[str, str, int]] = []
    with db.write() as session:
        for number, kind in enumerate(kinds):
            if kind == "evaluation":
                [made] = append_evaluations(session, [_evaluation(number)])
                written.append(("evaluations", made, len(written) + 1))
            else:
                body = {
                    "criteria": [{"criterion": "education.field", "outcome": "fail", "reason": "No afín"}]
                }
                entry = append_entry(session, kind, "user:1", body, subject=f"s{number}")
                written.append(("chain_entries", entry.id, entry.seq))
    return written


@settings(max_examples=25, deadline=None)
@given(kinds=KINDS, pick=st.integers(min_value=0, max_value=7))
def test_a_mixed_chain_verifies_and_an_edit_of_any_record_is_named(kinds: list[str], pick: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'k.db'}")
        try:
            db.migrate()
            written = _build(db, kinds)
            report = verify_chain(db)
            assert report.ok and report.records == len(kinds)
            assert sum(report.kinds.values()) == len(kinds)
            table, record_id, seq = written[pick % len(written)]
            column = "outcome" if table == "evaluations" else "body"
            edit = "'eligible'" if table == "evaluations" else "replace(body, 'fail', 'pass')"
            with db.engine.begin() as connection:
                connection.execute(
                    text(f"UPDATE {table} SET {column} = {edit} WHERE id = :id"),  # test's own names
                    {"id": record_id},
                )
            bad = verify_chain(db)
            assert not bad.ok and bad.first_bad is not None
            assert (bad.first_bad.seq, bad.first_bad.id) == (seq, record_id)
        finally:
            db.dispose()
