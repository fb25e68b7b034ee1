"""Run by test_bulk_xlsx_memory.py in a process of its own: four concurrent uploads of an XLSX bomb to the
batch API, then prints the process's memory as JSON (kB): resident before, the peak, and resident after.

    python tests/app/bulk/bomb_uploads.py BOMB.xlsx DATA_DIR
"""

from __future__ import annotations

import gc
import io
import json
import sys
import threading
from pathlib import Path

URL = "/api/v1/positions/8-009-004-C215/batches"
UPLOADS = 4


def status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def reset_peak() -> None:
    """VmHWM starts again from the resident size now (Linux: 5 to clear_refs), so the peak measured is the
    uploads' and not that of the start (the catalog import)."""
    Path("/proc/self/clear_refs").write_text("5")


def main(bomb: Path, data_dir: Path) -> None:
    from screening import create_app, services

    app = create_app({"SCREENING_DATA_DIR": str(data_dir), "TESTING": True, "SECRET_KEY": "test"})
    with app.app_context():
        secret = services.create_token("recruiter", "bomb")[1]
    headers = {"Authorization": f"Bearer {secret}"}
    content = bomb.read_bytes()
    statuses: list[int] = []
    messages: list[str] = []

    def upload(body: bytes = content) -> None:
        response = app.test_client().post(
            URL, headers=headers, data={"file": (io.BytesIO(body), "bomba.xlsx")}
        )
        statuses.append(response.status_code)
        messages.append(json.dumps(response.get_json(), ensure_ascii=False))

    upload(b"PK\x03\x04 not a zip")  # the same path once, refused at once: its imports are paid now
    statuses.clear()
    messages.clear()
    gc.collect()
    before = status_kb("VmRSS")
    reset_peak()
    threads = [threading.Thread(target=upload) for _ in range(UPLOADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    peak = status_kb("VmHWM")
    gc.collect()
    print(
        json.dumps(
            {
                "before_kb": before,
                "peak_kb": peak,
                "after_kb": status_kb("VmRSS"),
                "statuses": statuses,
                "messages": messages[:1],
            }
        )
    )
    app.extensions["screening"].close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
