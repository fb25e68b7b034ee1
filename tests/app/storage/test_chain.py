"""The evaluation chain: hashes, idempotent batch chunks, and tampering named by `audit verify` (T10)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from screening import services
from screening.storage.chain import (
    NewEvaluation,
    append_evaluations,
    record_fields,
    record_hash,
    verify_chain,
)
from screening.storage.models import GENESIS_HASH

SEED = "8-009-004-C215"


def new_record(**changes: Any) -> NewEvaluation:
    values: dict[str, Any] = {
        "as_of": date(2025, 6, 30),
        "lang": "es",
        "position_code": SEED,
        "revision": 1,
        "policy_id": "iecm-default-1",
        "fingerprint": "sha256:" + "a" * 64,
        "engine_version": "1.0.0",
        "verdict": {"outcome": "eligible", "criteria": []},
        "outcome": "eligible",
        "actor": "anonymous",
        "input": {"folio": "A-0042", "degrees": []},
        "folio": "A-0042",
    }
    values.update(changes)
    return NewEvaluation(**values)


def store(db: Any, count: int) -> list[str]:
    ids = []
    for number in range(count):
        with db.write() as session:
            ids += append_evaluations(session, [new_record(folio=f"F-{number}")])
    return ids


def test_first_record_links_to_the_genesis_hash(db: Any) -> None:
    [first] = store(db, 1)
    with db.read() as session:
        row = services.repo.get_evaluation(session, first)
        assert row is not None
        assert (row.seq, row.prev_hash) == (1, GENESIS_HASH)


def test_hash_covers_every_field_including_prev_hash(db: Any) -> None:
    [first] = store(db, 1)
    with db.read() as session:
        row = services.repo.get_evaluation(session, first)
        assert row is not None
        fields = record_fields(row)
    assert record_hash(fields) == row.hash
    for name in ("verdict", "input", "as_of", "actor", "prev_hash", "folio", "revision"):
        changed = dict(fields, **{name: "tampered"})
        assert record_hash(changed) != row.hash, name


def test_records_chain_in_order(db: Any) -> None:
    ids = store(db, 5)
    with db.read() as session:
        rows = [services.repo.get_evaluation(session, i) for i in ids]
    assert [r.seq for r in rows if r] == [1, 2, 3, 4, 5]
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(rows))  # type: ignore[union-attr]


def test_rerunning_a_batch_chunk_writes_nothing_new(db: Any) -> None:
    chunk = [new_record(batch_id="b-1", row_number=row, folio=f"R-{row}") for row in range(1, 4)]
    with db.write() as session:
        first = append_evaluations(session, chunk)
    with db.write() as session:
        again = append_evaluations(session, [*chunk, new_record(batch_id="b-1", row_number=4)])
    assert again[:3] == first
    assert verify_chain(db).records == 4


def test_a_failed_chunk_leaves_no_half_written_records(db: Any) -> None:
    good = new_record(batch_id="b-2", row_number=1)
    bad = new_record(batch_id="b-2", row_number=2, verdict={"score": 0.5})  # floats cannot be hashed
    with pytest.raises(TypeError), db.write() as session:
        append_evaluations(session, [good, bad])
    report = verify_chain(db)
    assert (report.ok, report.records, report.head_seq) == (True, 0, 0)


def test_append_refuses_a_session_that_does_not_hold_the_write_lock(db: Any) -> None:
    with db.read() as session, pytest.raises(ValueError, match=r"Database\.write"):
        append_evaluations(session, [new_record()])


def test_an_untouched_chain_verifies(db: Any) -> None:
    store(db, 4)
    report = verify_chain(db)
    assert (report.ok, report.records, report.first_bad) == (True, 4, None)


# --- tampering (T10): each edit is named by `screening audit verify` ---------------------------------------


def tamper(db: Any, *statements: str) -> None:
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def seqs_to_ids(db: Any) -> dict[int, str]:
    with db.engine.connect() as connection:
        return dict(connection.execute(text("SELECT seq, id FROM evaluations")).all())


def edit_verdict(db: Any) -> int:
    tamper(db, "UPDATE evaluations SET verdict = replace(verdict, 'eligible', 'ineligible') WHERE seq = 3")
    return 3


def edit_outcome_and_rehash_nothing(db: Any) -> int:
    tamper(db, "UPDATE evaluations SET as_of = '2020-01-01' WHERE seq = 2")
    return 2


def delete_middle(db: Any) -> int:
    tamper(db, "DELETE FROM evaluations WHERE seq = 3")
    return 4


def swap_two(db: Any) -> int:
    tamper(
        db,
        "UPDATE evaluations SET seq = -1 WHERE seq = 2",
        "UPDATE evaluations SET seq = 2 WHERE seq = 3",
        "UPDATE evaluations SET seq = 3 WHERE seq = -1",
    )
    return 2


def insert_copy(db: Any) -> int:
    tamper(
        db,
        "INSERT INTO evaluations (id, seq, created_at, as_of, lang, position_code, revision, policy_id, "
        "fingerprint, engine_version, input, verdict, outcome, actor, batch_id, row_number, folio, prev_hash, hash) "
        "SELECT 'forged', 6, created_at, as_of, lang, position_code, revision, policy_id, fingerprint, "
        "engine_version, input, verdict, outcome, actor, batch_id, row_number, 'X-1', "
        f"'{'f' * 64}', '{'e' * 64}' FROM evaluations WHERE seq = 5",
    )
    return 6


TAMPERS = {
    "edited verdict": edit_verdict,
    "edited as_of": edit_outcome_and_rehash_nothing,
    "deleted record": delete_middle,
    "swapped records": swap_two,
    "inserted record": insert_copy,
}


@pytest.mark.parametrize("how", TAMPERS, ids=list(TAMPERS))
def test_verify_names_the_first_tampered_record(db: Any, how: str) -> None:
    store(db, 5)
    bad_seq = TAMPERS[how](db)
    ids = seqs_to_ids(db)  # after the tampering: a swapped record now sits at the other's place
    report = verify_chain(db)
    assert not report.ok
    assert report.first_bad is not None
    assert (report.first_bad.seq, report.first_bad.id) == (bad_seq, ids[bad_seq])


def test_deleting_the_last_record_is_named_by_the_chain_head(db: Any) -> None:
    store(db, 3)
    tamper(db, "DELETE FROM evaluations WHERE seq = 3")
    report = verify_chain(db)
    assert report.first_bad is not None
    assert report.first_bad.seq == 3
    assert "deleted" in report.first_bad.problem


def test_a_fork_cannot_be_written(db: Any) -> None:
    """Two records pointing at the same predecessor break the unique prev_hash (RELIABILITY 1.4 backstop)."""
    from sqlalchemy.exc import IntegrityError

    store(db, 2)
    with pytest.raises(IntegrityError):
        tamper(
            db,
            "INSERT INTO evaluations (id, seq, created_at, as_of, lang, position_code, revision, policy_id, "
            "fingerprint, engine_version, input, verdict, outcome, actor, prev_hash, hash) "
            "SELECT 'fork', 3, created_at, as_of, lang, position_code, revision, policy_id, fingerprint, "
            "engine_version, input, verdict, outcome, actor, prev_hash, 'x' FROM evaluations WHERE seq = 2",
        )


@pytest.mark.parametrize("how", ["edited verdict", "deleted record", "swapped records"])
def test_audit_verify_command_names_the_record_and_fails(
    runner: Any, cli_env: dict[str, str], how: str
) -> None:
    db = services.current_database()
    store(db, 5)
    bad_seq = TAMPERS[how](db)
    ids = seqs_to_ids(db)
    result = runner.run("audit", "verify")
    assert result.exit_code == 1
    assert f"record {bad_seq} ({ids[bad_seq]})" in result.output


def test_audit_verify_command_reports_ok(runner: Any, cli_env: dict[str, str]) -> None:
    store(services.current_database(), 2)
    result = runner.run("audit", "verify")
    assert result.exit_code == 0
    assert result.output.startswith("ok: 2 record(s) verify")


@settings(deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )
)
def test_stored_json_text_is_the_canonical_json(value: Any) -> None:
    from rules.canonical import canonical_json
    from screening.storage.chain import canonical_text

    assert canonical_text(value) == canonical_json(value).decode("utf-8")


def test_record_ids_never_start_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    """An id such as "-d8c1…" would be read as an option by `screening audit replay`."""
    from screening.storage import chain

    rolls = iter(["-d8c1SQUg5laS4tjxE2b1g", "d8c1SQUg5laS4tjxE2b1g-"])
    monkeypatch.setattr(chain.secrets, "token_urlsafe", lambda size: next(rolls))
    assert chain.new_evaluation_id() == "d8c1SQUg5laS4tjxE2b1g-"
