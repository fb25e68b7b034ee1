"""screening.services.revisions: revisions, differences and what-if, whose records stay as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from screening import services
from screening.services.revisions import UnknownRevision
from tests.app.web.audit_fixtures import record_count, store_records
from tests.conftest import SEED_CODE


@pytest.fixture
def stored(app: Any, data_dir: Path) -> Any:
    with app.app_context():
        services.create_user("rmartinez", "clave de prueba 2026", "recruiter")
    return store_records(app, data_dir)


def test_revisions_are_listed_oldest_first_with_their_fingerprints(app: Any, stored: Any) -> None:
    with app.app_context():
        position = services.revisions_of_position(SEED_CODE)
        assert [r["revision"] for r in position["revisions"]] == [1, 2]
        assert position["revisions"][1]["fingerprint"] == services.get_rule_set(SEED_CODE).fingerprint


def test_a_difference_names_a_revision_the_position_lacks(app: Any, stored: Any) -> None:
    with app.app_context(), pytest.raises(UnknownRevision) as raised:
        services.revision_diff(SEED_CODE, 3, 1)
    assert (raised.value.which, raised.value.revision, raised.value.known) == ("before", 3, (1, 2))


def test_what_if_counts_outcomes_before_and_after(app: Any, stored: Any) -> None:
    before = record_count(app)
    with app.app_context():
        report = services.what_if(stored.batch_id, 2)
    assert (report.records, report.changed, report.not_replayed) == (3, 1, 0)
    assert report.before == {"eligible": 2, "ineligible": 1}
    assert report.after == {"eligible": 1, "ineligible": 2}
    [change] = report.shown
    assert (change.folio, change.before, change.after) == ("L-001", "eligible", "ineligible")
    assert change.criteria == (("experience.years", "pass", "fail"),)
    assert record_count(app) == before


def test_what_if_leaves_out_records_whose_input_was_purged(app: Any, stored: Any) -> None:
    with app.app_context():
        with services.current_database().engine.begin() as connection:
            connection.execute(
                text("UPDATE evaluations SET input = NULL WHERE batch_id = :batch AND folio = 'L-001'"),
                {"batch": stored.batch_id},
            )
        report = services.what_if(stored.batch_id, 2)
    assert (report.records, report.changed, report.not_replayed) == (3, 0, 1)
    assert report.after == {"eligible": 1, "ineligible": 1, "not_replayed": 1}


def test_what_if_of_an_unknown_batch_or_revision(app: Any, stored: Any) -> None:
    with app.app_context():
        with pytest.raises(services.NotFound):
            services.what_if("b_no_existe", 2)
        with pytest.raises(UnknownRevision):
            services.what_if(stored.batch_id, 4)


def test_search_by_folio_batch_and_id(app: Any, stored: Any) -> None:
    with app.app_context():
        assert services.search_records(stored.evaluation_id).kind == "evaluation"
        batch = services.search_records(stored.batch_id, per_page=2)
        assert (batch.kind, batch.total, [i["folio"] for i in batch.items]) == (
            "batch",
            3,
            ["L-001", "L-002"],
        )
        assert services.search_records(stored.batch_id, page=2, per_page=2).items[0]["folio"] == "L-003"
        assert services.search_records("A-0043").kind == "folio"
        assert services.search_records("Z-1").kind == "none"
