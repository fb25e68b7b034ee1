"""Settling reviews, publishing and retention as services: decisions and publications are chain entries that
refer to what they settle; retention removes inputs while the chain still verifies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from rules.errors import InputErrors
from screening import services
from screening.services.accounts import Principal
from screening.services.decisions import NotYours, batch_reviews, decide
from screening.services.publications import OpenReviews, get_publication, publication_csv, publish
from screening.services.retention import apply_retention
from tests.app.web.review_fixtures import ReviewBatch, screen_review_batch


@pytest.fixture
def batch(app: Any, data_dir: Path, staff_users: dict[str, str]) -> ReviewBatch:
    return screen_review_batch(app, data_dir)


def recruiter(batch: ReviewBatch) -> Principal:
    return Principal(batch.actor, "recruiter", "rmartinez")


def test_the_batch_lists_its_reviews_and_how_many_are_open(app: Any, batch: ReviewBatch) -> None:
    with app.app_context():
        reviews = batch_reviews(batch.batch_id, recruiter(batch))
    assert [r.folio for r in reviews.rows] == ["R-003", "R-004"]
    assert reviews.open_count == 2
    assert reviews.rows[0].under_review == ("education.field",)
    assert set(reviews.rows[1].under_review) == {"experience.area", "experience.years"}


def test_a_decision_is_a_chain_entry_that_settles_the_review(app: Any, batch: ReviewBatch) -> None:
    with app.app_context():
        head_before = services.verify().head_seq
        made = decide(
            batch.ids["R-003"], [("education.field", "pass", "Afín: plan de estudios")], recruiter(batch)
        )
        reviews = batch_reviews(batch.batch_id, recruiter(batch))
        report = services.verify()
        record = services.audit_record(batch.ids["R-003"])
    assert made.seq == head_before + 1
    assert report.ok and report.kinds["decision"] == 1
    row = reviews.rows[0]
    assert (row.engine_outcome, row.effective_outcome, row.open) == ("review", "eligible", ())
    assert reviews.open_count == 1
    assert record["outcome"] == "review"  # the evaluation is never edited
    assert record["effective"]["outcome"] == "eligible"
    assert record["follow_ups"][0]["by"] == "rmartinez"
    assert record["follow_ups"][0]["criteria"][0]["reason"] == "Afín: plan de estudios"


def test_a_later_decision_replaces_an_earlier_one(app: Any, batch: ReviewBatch) -> None:
    with app.app_context():
        decide(batch.ids["R-003"], [("education.field", "pass", "Afín")], recruiter(batch))
        decide(batch.ids["R-003"], [("education.field", "fail", "Revisado: no afín")], recruiter(batch))
        row = batch_reviews(batch.batch_id, recruiter(batch)).rows[0]
    assert row.effective_outcome == "ineligible"
    assert len(row.decisions) == 2


@pytest.mark.parametrize(
    ("entries", "path"),
    [
        ([("education.field", "pass", "  ")], "decisions[0].reason"),
        ([("education.field", "pass", "x" * 2001)], "decisions[0].reason"),
        ([("education.level", "pass", "ya cumple")], "decisions[0].criterion"),
        ([("education.field", "maybe", "no sé")], "decisions[0].outcome"),
    ],
)
def test_a_bad_decision_is_refused_naming_the_field(
    app: Any, batch: ReviewBatch, entries: list[tuple[str, str, str]], path: str
) -> None:
    with app.app_context():
        head = services.verify().head_seq
        with pytest.raises(InputErrors) as caught:
            decide(batch.ids["R-003"], entries, recruiter(batch))
        assert services.verify().head_seq == head
    assert caught.value.problems[0].path == path


def test_another_recruiter_may_not_decide_or_publish(app: Any, batch: ReviewBatch) -> None:
    other = Principal("user:999", "recruiter", "lperez")
    with app.app_context():
        with pytest.raises(NotYours):
            decide(batch.ids["R-003"], [("education.field", "pass", "Afín")], other)
        with pytest.raises(NotYours):
            publish(batch.batch_id, other, confirm_open_reviews=True)
        with pytest.raises(NotYours):
            batch_reviews(batch.batch_id, Principal("user:1", "auditor", "aortiz"))


def test_publishing_is_refused_while_reviews_are_open_unless_confirmed(app: Any, batch: ReviewBatch) -> None:
    with app.app_context():
        with pytest.raises(OpenReviews) as caught:
            publish(batch.batch_id, recruiter(batch))
        assert caught.value.count == 2
        published = publish(batch.batch_id, recruiter(batch), confirm_open_reviews=True)
        again = get_publication(published["id"])
    assert published["folios"] == ["R-002"]
    assert published["published_with_open_reviews"] is True and published["open_reviews"] == 2
    assert again == published


def test_a_publication_lists_the_folios_that_qualify_after_decisions_and_no_personal_data(
    app: Any, batch: ReviewBatch
) -> None:
    with app.app_context():
        decide(batch.ids["R-003"], [("education.field", "pass", "Afín")], recruiter(batch))
        decide(
            batch.ids["R-004"],
            [("experience.area", "fail", "No es del área"), ("experience.years", "fail", "No del área")],
            recruiter(batch),
        )
        published = publish(batch.batch_id, recruiter(batch))
        report = services.verify()
        with services.current_database().read() as session:
            body = session.execute(
                text("SELECT body FROM chain_entries WHERE id = :id"), {"id": published["id"]}
            ).scalar_one()
    assert published["folios"] == ["R-002", "R-003"]
    assert published["published_with_open_reviews"] is False
    assert report.ok and report.kinds["publication"] == 1
    for personal in ("Gómez", "Pérez", "GOMA800101", "Ciencia Política", "Gastronomía"):
        assert personal not in body
    csv_text = publication_csv(published, ("folio", "puesto", "revision", "fecha"))
    assert csv_text.splitlines()[1:] == [
        f"R-002,8-009-004-C215,1,{published['published_on']}",
        f"R-003,8-009-004-C215,1,{published['published_on']}",
    ]


def test_an_edited_decision_is_named_by_verify(app: Any, batch: ReviewBatch) -> None:
    with app.app_context():
        made = decide(batch.ids["R-003"], [("education.field", "fail", "No afín")], recruiter(batch))
        with services.current_database().engine.begin() as connection:
            connection.execute(
                text("UPDATE chain_entries SET body = replace(body, '\"fail\"', '\"pass\"') WHERE id = :id"),
                {"id": made.id},
            )
        report = services.verify()
    assert not report.ok
    assert report.first_bad is not None and report.first_bad.id == made.id
    assert "does not match its hash" in report.first_bad.problem


def test_retention_removes_inputs_and_batch_files_and_the_chain_still_verifies(
    app: Any, batch: ReviewBatch, data_dir: Path
) -> None:
    later = datetime.now(UTC) + timedelta(days=1826)
    folder = data_dir / "batches" / batch.batch_id
    folder.mkdir(parents=True)
    (folder / "input.csv").write_text("Folio;Nombre\nR-001;Ana Gómez\n", encoding="utf-8")
    with app.app_context():
        decide(batch.ids["R-003"], [("education.field", "pass", "Afín")], recruiter(batch))
        dry = apply_retention(dry_run=True, now=later)
        with services.current_database().read() as session:
            kept = session.execute(
                text("SELECT count(*) FROM evaluations WHERE input IS NOT NULL")
            ).scalar_one()
        applied = apply_retention(now=later)
        report = services.verify()
        with services.current_database().read() as session:
            inputs = session.execute(text("SELECT input FROM evaluations")).scalars().all()
        record = services.audit_record(batch.ids["R-003"])
    assert (dry.inputs, dry.batches, dry.entry_id) == (4, 1, None)
    assert kept == 4
    assert (applied.inputs, applied.batches) == (4, 1)
    assert inputs == [None, None, None, None]
    assert report.ok and report.purged == 4 and report.kinds["retention"] == 1
    assert record["input"] is None and record["folio"] == "R-003"
    assert record["effective"]["outcome"] == "eligible"
    assert not folder.exists()
    with app.app_context():
        assert apply_retention(now=later).inputs == 0


def test_retention_keeps_what_is_within_the_period(app: Any, batch: ReviewBatch) -> None:
    with app.app_context():
        report = apply_retention()
        assert services.verify().purged == 0
    assert (report.inputs, report.batches, report.entry_id) == (0, 0, None)
