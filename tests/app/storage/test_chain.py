"""The evaluation chain: hashes, idempotent batch chunks, and tampering named by `audit verify` (T10)."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from rules.canonical import canonical_json, sha256_hex
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
        "input": {"folio": "A-0042", "degrees": [{"level": "Licenciatura"}]},
        "folio": "A-0042",
    }
    values.update(changes)
    return NewEvaluation(**values)


def store(db: Any, count: int, *, shared_verdict: bool = False) -> list[str]:
    """`count` records, one transaction each; each with its own verdict unless `shared_verdict`."""
    ids = []
    for number in range(count):
        verdict = {
            "outcome": "eligible",
            "criteria": [],
            "as_of": f"2025-06-{1 + (0 if shared_verdict else number):02d}",
        }
        with db.write() as session:
            ids += append_evaluations(session, [new_record(folio=f"F-{number}", verdict=verdict)])
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
    for name in ("verdict_hash", "input_hash", "as_of", "actor", "prev_hash", "folio", "revision", "format"):
        changed = dict(fields, **{name: "tampered"})
        assert record_hash(changed) != row.hash, name


def test_record_hash_is_the_sha256_of_the_canonical_json_of_its_fields_with_the_verdict_hash(db: Any) -> None:
    """docs/storage.md: the verdict enters the record hash as the SHA-256 of its canonical JSON (a Merkle step)."""
    verdict = {"outcome": "review", "criteria": [{"id": "education.field", "found": "Ciencia Política"}]}
    with db.write() as session:
        [record_id] = append_evaluations(session, [new_record(verdict=verdict)])
    with db.read() as session:
        row = services.repo.get_evaluation(session, record_id)
        assert row is not None
        fields = record_fields(row)
        body = row.verdict
    assert fields["verdict_hash"] == sha256_hex(canonical_json(verdict))
    assert body == canonical_json(verdict).decode("utf-8")
    assert row.hash == sha256_hex(canonical_json(fields))


def test_records_that_share_a_verdict_store_its_body_once(db: Any) -> None:
    same = {"outcome": "eligible", "criteria": []}
    other = {"outcome": "ineligible", "criteria": []}
    with db.write() as session:
        append_evaluations(session, [new_record(verdict=same), new_record(verdict=other)])
    with db.write() as session:
        append_evaluations(session, [new_record(verdict=dict(same)), new_record(verdict=same)])
    with db.engine.connect() as connection:
        bodies = dict(connection.execute(text("SELECT hash, body FROM verdict_bodies")).all())
        named = connection.execute(text("SELECT verdict_hash FROM evaluations ORDER BY seq")).scalars().all()
    assert len(bodies) == 2
    assert all(sha256_hex(body.encode("utf-8")) == key for key, body in bodies.items())
    assert named[0] == named[2] == named[3] != named[1]
    assert verify_chain(db).ok


def test_reading_a_record_gives_its_verdict_back(db: Any) -> None:
    verdict = {"outcome": "eligible", "criteria": [], "found": "Administración Pública"}
    with db.write() as session:
        [record_id] = append_evaluations(session, [new_record(verdict=verdict)])
    assert services.get_evaluation(record_id, db=db)["verdict"] == verdict
    assert services.find_by_folio("A-0042", db=db)["items"][0]["verdict"] == verdict


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
    tamper(
        db,
        "UPDATE verdict_bodies SET body = replace(body, 'eligible', 'ineligible') "
        "WHERE hash = (SELECT verdict_hash FROM evaluations WHERE seq = 3)",
    )
    return 3


def edit_verdict_hash(db: Any) -> int:
    """Point a record at another stored verdict: its own hash no longer matches."""
    tamper(
        db,
        "UPDATE evaluations SET verdict_hash = (SELECT verdict_hash FROM evaluations WHERE seq = 1) WHERE seq = 4",
    )
    return 4


def delete_verdict_body(db: Any) -> int:
    """Delete the body record 2 names, with the foreign key checks off, as someone editing the file would."""
    with sqlite3.connect(db.url.database) as connection:
        connection.execute(
            "DELETE FROM verdict_bodies WHERE hash = (SELECT verdict_hash FROM evaluations WHERE seq = 2)"
        )
    connection.close()
    return 2


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
        "fingerprint, engine_version, input, verdict_hash, outcome, actor, batch_id, row_number, folio, prev_hash, "
        "hash, format, input_hash) SELECT 'forged', 6, created_at, as_of, lang, position_code, revision, "
        "policy_id, fingerprint, engine_version, input, verdict_hash, outcome, actor, batch_id, row_number, 'X-1', "
        f"'{'f' * 64}', '{'e' * 64}', format, input_hash FROM evaluations WHERE seq = 5",
    )
    return 6


def edit_input(db: Any) -> int:
    """Change the stored input while leaving its hash: the input no longer matches the hash the record covers."""
    tamper(db, "UPDATE evaluations SET input = replace(input, 'Licenciatura', 'Doctorado') WHERE seq = 3")
    return 3


def purge_input_and_its_hash(db: Any) -> int:
    """Remove the input and its hash (retention leaves the hash): the record's own hash no longer matches."""
    tamper(db, "UPDATE evaluations SET input = NULL, input_hash = NULL WHERE seq = 2")
    return 2


TAMPERS = {
    "edited input": edit_input,
    "input and its hash removed": purge_input_and_its_hash,
    "edited verdict": edit_verdict,
    "verdict swapped for another": edit_verdict_hash,
    "deleted verdict": delete_verdict_body,
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


@pytest.mark.parametrize(("how", "problem"), [("edited verdict", "edited"), ("deleted verdict", "missing")])
def test_verify_says_what_happened_to_the_verdict(db: Any, how: str, problem: str) -> None:
    store(db, 5)
    TAMPERS[how](db)
    report = verify_chain(db)
    assert report.first_bad is not None
    assert "verdict" in report.first_bad.problem and problem in report.first_bad.problem


@pytest.mark.parametrize("how", TAMPERS, ids=list(TAMPERS))
def test_what_happened_is_written_in_spanish_and_english(db: Any, how: str) -> None:
    """An auditor reads the problem in their language: the Spanish catalog holds every verify message."""
    store(db, 5)
    TAMPERS[how](db)
    bad = verify_chain(db).first_bad
    assert bad is not None
    assert bad.problem_in("en") == bad.problem
    spanish = bad.problem_in("es")
    assert spanish != bad.problem
    assert any(word in spanish for word in ("editad", "borr", "insertad", "reorden"))
    assert verify_chain(db).to_dict("es")["first_bad"]["problem"] == spanish


def test_an_edited_shared_verdict_names_the_first_record_that_uses_it(db: Any) -> None:
    ids = store(db, 4, shared_verdict=True)
    tamper(db, "UPDATE verdict_bodies SET body = replace(body, 'eligible', 'ineligible')")
    report = verify_chain(db)
    assert report.first_bad is not None
    assert (report.first_bad.seq, report.first_bad.id) == (1, ids[0])


def test_a_record_cannot_name_a_verdict_that_is_not_stored(db: Any) -> None:
    """The foreign key from a record to its body (RELIABILITY 2.2: never half a record)."""
    from sqlalchemy.exc import IntegrityError

    store(db, 1)
    with pytest.raises(IntegrityError):
        tamper(db, f"UPDATE evaluations SET verdict_hash = '{'0' * 64}' WHERE seq = 1")


def test_a_body_wrongly_said_to_be_stored_makes_the_append_fail_whole(db: Any) -> None:
    """A caller's `stored_bodies` hint cannot leave a record without its body: the foreign key refuses it."""
    from sqlalchemy.exc import IntegrityError

    from screening.storage.chain import HashedVerdict

    verdict = HashedVerdict.of({"outcome": "eligible", "criteria": []})
    with pytest.raises(IntegrityError), db.write() as session:
        append_evaluations(session, [new_record(verdict=verdict)], stored_bodies={verdict.hash})
    assert (verify_chain(db).records, verify_chain(db).head_seq) == (0, 0)


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
            "fingerprint, engine_version, input, verdict_hash, outcome, actor, prev_hash, hash) "
            "SELECT 'fork', 3, created_at, as_of, lang, position_code, revision, policy_id, fingerprint, "
            "engine_version, input, verdict_hash, outcome, actor, prev_hash, 'x' FROM evaluations WHERE seq = 2",
        )


@pytest.mark.parametrize("how", ["edited verdict", "deleted verdict", "deleted record", "swapped records"])
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
    assert result.output.startswith("ok: 2 records verify")


def test_record_ids_never_start_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    """An id such as "-d8c1…" would be read as an option by `screening audit replay`: the time prefix comes
    first, even when the random part starts with "-"."""
    from screening.storage import chain

    monkeypatch.setattr(chain.secrets, "token_bytes", lambda size: b"\xf8" * size)  # base64 "-" characters
    assert chain.new_evaluation_id("6925f1a0").startswith("6925f1a0-")
    assert not chain.new_evaluation_id().startswith("-")


def test_record_ids_made_later_sort_after_earlier_ones() -> None:
    """The time prefix: new ids go to the end of the id index."""
    from datetime import UTC, datetime

    from screening.storage.chain import id_prefix, new_evaluation_id

    earlier = new_evaluation_id(id_prefix(datetime(2026, 11, 26, 4, 0, tzinfo=UTC)))
    later = new_evaluation_id(id_prefix(datetime(2026, 11, 26, 4, 0, 1, tzinfo=UTC)))
    assert earlier < later
    assert len(later) == 8 + 24


def test_ids_made_together_are_distinct() -> None:
    from screening.storage.chain import new_evaluation_ids

    ids = new_evaluation_ids(500, "6925f1a0")
    assert len(set(ids)) == 500
    assert all(len(i) == 32 and i.startswith("6925f1a0") for i in ids)


def test_a_record_with_a_value_the_template_does_not_write_is_hashed_whole_and_verifies(db: Any) -> None:
    class Folio(str):
        """Text of a subclass: written through canonical_json rather than the template."""

    with db.write() as session:
        append_evaluations(session, [new_record(folio=Folio("Pen\u0303a-7")), new_record(folio="A-2")])
    assert verify_chain(db).ok


@pytest.mark.parametrize(
    ("deleted", "named", "english", "spanish"),
    [
        ("seq = 2", 3, "1 record before it deleted", "se borró 1 registro antes de este"),
        ("seq IN (2, 3)", 4, "2 records before it deleted", "se borraron 2 registros antes de este"),
    ],
)
def test_a_gap_in_the_sequence_counts_the_deleted_records_in_each_language(
    db: Any, deleted: str, named: int, english: str, spanish: str
) -> None:
    """The problem counts with the plural rule of the reader's language, never "record(s)"."""
    store(db, 4)
    tamper(db, f"DELETE FROM evaluations WHERE {deleted}")
    bad = verify_chain(db).first_bad
    assert bad is not None and bad.seq == named
    assert bad.problem.endswith(english)
    assert bad.problem_in("es").endswith(spanish)


def test_audit_verify_command_counts_in_the_readers_language(runner: Any, cli_env: dict[str, str]) -> None:
    store(services.current_database(), 1)
    spanish = runner.run("audit", "verify", "--lang", "es")
    assert spanish.exit_code == 0
    assert spanish.output.startswith("ok: 1 registro se verifica; cabeza 1 ")
    assert "registros por tipo: evaluation 1" in spanish.output
    english = runner.run("audit", "verify", "--lang", "en")
    assert english.output.startswith("ok: 1 record verifies; head 1 ")
