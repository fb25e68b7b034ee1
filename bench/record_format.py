"""What the input hash of record format 2 costs when recording, run by hand:

    .venv/bin/python bench/record_format.py [--records 20000] [--baseline-src DIR]

Appends the same realistic candidates (bench/realistic.py, every one distinct) as evaluation records to a fresh
SQLite database, in 2,000-record transactions as a batch does, with this tree's chain (format 2: the record hash
covers the SHA-256 of the input) and with a baseline tree's (`--baseline-src`, e.g. an export of the commit before
format 2, whose record hash covers the input text). Each side runs in a fresh process, interleaved, three rounds,
best of each; prints both times and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3

CHILD = r"""
import json, sys, tempfile, time
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from realistic import Realistic
from screening.storage.chain import NewEvaluation, append_evaluations
from screening.storage.database import Database

count = int(sys.argv[1])
candidates = Realistic(7).candidates(count, date(2025, 6, 30))
verdict = {"outcome": "eligible", "criteria": []}
records = [
    NewEvaluation(as_of=date(2025, 6, 30), lang="es", position_code="8-009-004-C215", revision=1,
                  policy_id="default", fingerprint="f" * 16, engine_version="1.0", verdict=verdict,
                  outcome="eligible", actor="cli", input=c, folio=str(c.get("folio")), batch_id="b_bench",
                  row_number=i + 1)
    for i, c in enumerate(candidates)
]
db = Database(f"sqlite:///{Path(sys.argv[2]) / 'b.db'}")
db.migrate()
start = time.perf_counter()
for low in range(0, count, 2000):
    with db.write() as session:
        append_evaluations(session, records[low:low + 2000])
print(json.dumps({"seconds": time.perf_counter() - start}))
db.dispose()
"""


def run(source: Path, count: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(source)}
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(count), folder, str(ROOT / "bench")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--baseline-src", type=Path, required=True, help="a source tree of the baseline")
    args = parser.parse_args()
    mine, base = [], []
    for _ in range(ROUNDS):
        base.append(run(args.baseline_src, args.records))
        mine.append(run(ROOT, args.records))
    best_mine, best_base = min(mine), min(base)
    print(f"records: {args.records:,} realistic inputs, 2,000 a transaction, SQLite")
    print(f"baseline (hash over the input text): {best_base:.2f} s")
    print(f"format 2 (hash over the input's SHA-256): {best_mine:.2f} s")
    print(f"ratio: {best_mine / best_base:.2f}")


if __name__ == "__main__":
    main()
