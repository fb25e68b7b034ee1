"""Reads need no write: `screening audit verify` and `audit show` work on a read-only copy of the data
directory (an archive on read-only media), and write nothing there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.app.disks import read_only_view

SEED = "8-009-004-C215"


def _screening(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "SCREENING_DATA_DIR": str(data_dir), "SCREENING_LANG": "en"}
    environ.pop("DATABASE_URL", None)
    command = [str(Path(sys.executable).with_name("screening")), *args]
    return subprocess.run(command, capture_output=True, text=True, env=environ, timeout=120)


def test_audit_verify_and_show_work_on_a_read_only_copy(
    runner: Any, data_dir: Path, tmp_path: Path, candidate: dict[str, Any]
) -> None:
    from screening import services

    ids = []
    for folio in ("A-1", "A-2", "A-3"):
        ids.append(
            services.run_evaluation(
                SEED, {**candidate, "folio": folio}, store=True, actor="cli"
            ).evaluation_id
        )
    services.current_database().dispose()
    archive = tmp_path / "archive"
    shutil.copytree(data_dir, archive)
    before = sorted(path.name for path in archive.iterdir())

    with read_only_view(archive, tmp_path / "read-only") as view:
        verified = _screening(view, "audit", "verify")
        assert verified.returncode == 0, verified.stderr
        assert verified.stdout.startswith("ok: 3 records verify")
        shown = _screening(view, "audit", "show", str(ids[1]))
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["input"]["folio"] == "A-2"
    assert sorted(path.name for path in archive.iterdir()) == before
