"""`screening audit show|replay` (T12): a stored record replays identically, also with an old as_of and after
a restart of the process."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import text

from screening import services

SEED = "8-009-004-C215"


def stored(candidate: dict[str, Any], as_of: date = date(2023, 4, 1)) -> str:
    evaluation_id = services.run_evaluation(
        SEED, candidate, as_of=as_of, store=True, actor="token:tok_test"
    ).evaluation_id
    assert evaluation_id is not None
    return evaluation_id


def test_show_prints_the_stored_record(runner: Any, candidate: dict[str, Any]) -> None:
    evaluation_id = stored(candidate)
    record = json.loads(runner.run("audit", "show", evaluation_id).stdout)
    assert (record["id"], record["input"], record["as_of"]) == (evaluation_id, candidate, "2023-04-01")


def test_show_by_folio(runner: Any, candidate: dict[str, Any]) -> None:
    stored(candidate)
    stored(candidate, date(2024, 4, 1))
    records = json.loads(runner.run("audit", "show", "--folio", "A-0042").stdout)
    assert [r["as_of"] for r in records] == ["2024-04-01", "2023-04-01"]


def test_show_needs_an_id_or_a_folio(runner: Any) -> None:
    assert (
        runner.invoke(__import__("screening.cli", fromlist=["main"]).main, ["audit", "show"]).exit_code == 2
    )


def test_replay_of_an_old_as_of_is_identical(runner: Any, candidate: dict[str, Any]) -> None:
    evaluation_id = stored(candidate, date(2022, 3, 31))  # the job started in 2021-03: one year credited
    result = runner.run("audit", "replay", evaluation_id)
    assert (result.exit_code, result.stdout.strip()) == (0, f"identical: {evaluation_id}")


def test_replay_is_identical_after_a_restart(runner: Any, candidate: dict[str, Any]) -> None:
    evaluation_id = stored(candidate)  # each command is a fresh process state: a restart
    assert runner.run("audit", "replay", evaluation_id).exit_code == 0


def test_replay_names_the_criteria_that_differ(runner: Any, candidate: dict[str, Any]) -> None:
    evaluation_id = stored(candidate)
    with services.current_database().engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE evaluations SET input = replace(input, 'Licenciatura', 'Bachillerato') WHERE id = :id"
            ),
            {"id": evaluation_id},
        )
    result = runner.run("audit", "replay", evaluation_id)
    assert result.exit_code == 1
    assert "different" in result.stdout
    assert "education.level: stored pass replayed fail" in result.stdout


def test_replay_of_an_unknown_id_exits_1(runner: Any) -> None:
    result = runner.run("audit", "replay", "nope")
    assert result.exit_code == 1
    assert "evaluation: found 'nope'" in result.stderr
