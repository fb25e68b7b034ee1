"""T4, memory: inspecting uploads holds bounded memory in the web process. Four concurrent uploads of an XLSX
whose sheet inflates to 1 GiB while its zip headers declare 5,000 bytes are refused, and the server process
grows by at most 64 MB meanwhile (the bound is a contract of the inspection, measured in a process of its own).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.app.bulk.test_bulk_xlsx import (
    CONTENT_TYPES,
    ROOT_RELS,
    SHEET_OPEN,
    WORKBOOK,
    WORKBOOK_RELS,
    _patch_central,
)

GIB = 1 << 30
BOUND_KB = 64 * 1024


def forged_bomb(path: Path, inflated: int = GIB, declared: int = 5000) -> Path:
    """A workbook whose sheet part inflates to `inflated` bytes (blank space inside <sheetData>), streamed into
    the zip, with the sheet's declared size in the central directory forged to `declared`."""
    block = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(SHEET_OPEN.encode() + b"<sheetData>")
            for _ in range(inflated // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    _patch_central(path, b"xl/worksheets/sheet1.xml", size=declared)
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return forged_bomb(tmp_path_factory.mktemp("bomb") / "bomba.xlsx")


def test_the_bomb_is_what_it_claims(bomb: Path) -> None:
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size == 5000
    assert bomb.stat().st_size < 4 * 1024 * 1024  # about 1,000 times smaller than what it inflates to


@pytest.mark.slow
def test_four_concurrent_bomb_uploads_grow_the_server_by_at_most_64_mb(bomb: Path, tmp_path: Path) -> None:
    script = Path(__file__).with_name("bomb_uploads.py")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, str(script), str(bomb), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["statuses"] == [422] * 4, figures["messages"]
    assert "pasan de" in figures["messages"][0]  # "las partes del XLSX pasan de ... bytes", the API's Spanish
    assert figures["peak_kb"] - figures["before_kb"] <= BOUND_KB, figures
    assert figures["after_kb"] - figures["before_kb"] <= BOUND_KB, figures
