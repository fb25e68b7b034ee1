"""Which revision is the newest is cached for a few seconds per process, never longer (docs/storage.md)."""

from __future__ import annotations

from typing import Any

import pytest

from screening import services
from tests.conftest import SEED_CODE


def changed_catalog(db: Any) -> str:
    exported = services.export_profile(SEED_CODE, db=db)
    assert "    years: 2\n" in exported
    return exported.replace("    years: 2\n", "    years: 3\n")


def test_an_import_in_this_process_is_used_at_once(app: Any) -> None:
    db = app.extensions["screening"]
    assert services.get_rule_set(SEED_CODE, db=db).revision == 1
    services.import_catalog(changed_catalog(db), filename="perfil.yaml", db=db)
    assert services.get_rule_set(SEED_CODE, db=db).revision == 2


def test_an_import_elsewhere_is_used_once_the_head_is_stale(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = app.extensions["screening"]  # the app's context: its rule-set cache lasts between calls
    clock = [1000.0]
    monkeypatch.setattr(db.rule_sets, "clock", lambda: clock[0])
    assert services.get_rule_set(SEED_CODE, db=db).revision == 1
    # Another process imports: this process's head entry is not told.
    cached = dict(db.rule_sets.heads)
    services.import_catalog(changed_catalog(db), filename="perfil.yaml", db=db)
    db.rule_sets.heads.update(cached)
    assert services.get_rule_set(SEED_CODE, db=db).revision == 1
    clock[0] += services.HEAD_SECONDS + 0.1
    assert services.get_rule_set(SEED_CODE, db=db).revision == 2
    # A named revision stays what it was.
    assert services.get_rule_set(SEED_CODE, 1, db=db).experience.years == 2
