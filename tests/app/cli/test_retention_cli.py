"""`screening retention apply [--dry-run]`: prints what is past RETENTION_DAYS, removes it only without
--dry-run, and `screening audit verify` still verifies, counting the purged inputs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from screening import services
from tests.conftest import SEED_CANDIDATE, SEED_CODE


class _Later(datetime):
    """Six years from now: every record made in the test is past the default five-year period."""

    @classmethod
    def now(cls, tz: Any = None) -> Any:
        return datetime.now(tz or UTC) + timedelta(days=6 * 365)


def test_a_dry_run_removes_nothing_and_a_run_keeps_the_chain_verifying(
    runner: Any, cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = services.current_database()
    for _ in range(2):
        services.run_evaluation(SEED_CODE, SEED_CANDIDATE, store=True, actor="cli", db=db)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setattr("screening.services.retention.datetime", _Later)

    dry = runner.run("retention", "apply", "--dry-run")
    assert dry.exit_code == 0
    assert "Retention period: 1825 days" in dry.output
    assert "Would remove the inputs of 2 evaluations" in dry.output
    assert "nothing was removed" in dry.output

    done = runner.run("retention", "apply")
    assert done.exit_code == 0
    assert "Removed the inputs of 2 evaluations" in done.output
    assert "Recorded in the chain as" in done.output

    verified = runner.run("audit", "verify")
    assert verified.exit_code == 0
    assert "ok: 3 records verify" in verified.output
    assert "records by kind: evaluation 2, retention 1" in verified.output
    assert "purged inputs: 2 records past the retention period verify" in verified.output

    again = runner.run("retention", "apply")
    assert "Removed the inputs of 0 evaluations" in again.output


def test_the_messages_are_in_spanish_under_a_spanish_locale(
    runner: Any, cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    result = runner.run("retention", "apply", "--dry-run")
    assert result.exit_code == 0
    assert "Periodo de conservación: 1825 días" in result.output
    assert "no se eliminó nada" in result.output
