"""What-if against screening the same file: a stored batch evaluated again under another revision, from its
records in the chain, beside `screen --no-record` of the file it came from, in the same process.

    .venv/bin/python -m bench.what_if [--rows 20000]

The batch is the realistic applicant file (bench/realistic.py: every row distinct); the other revision asks for
three years of experience instead of two. Each side is run three times; the best of each is compared.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.bulk import AS_OF, make_csv

CODE = "8-009-004-C215"
ROUNDS = 3


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    from screening import create_app, services
    from screening.services.batches import screen_file

    with tempfile.TemporaryDirectory(prefix="bench-what-if-") as folder:
        tmp = Path(folder)
        app = create_app({"SCREENING_DATA_DIR": str(tmp / "data"), "SECRET_KEY": "bench"})
        source = tmp / "aspirantes.csv"
        make_csv(source, args.rows)
        with app.app_context():
            _summary, batch_id = screen_file(source, tmp / "r.csv", CODE, config=app.config, as_of=AS_OF)
            assert batch_id is not None
            exported = services.export_profile(CODE)
            services.import_catalog(exported.replace("    years: 2\n", "    years: 3\n"), filename="p.yaml")
            screens, what_ifs = [], []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                screen_file(
                    source, tmp / "r2.csv", CODE, config=app.config, as_of=AS_OF, record=False, revision=2
                )
                screens.append(time.perf_counter() - started)
                started = time.perf_counter()
                report = services.what_if(batch_id, 2)
                what_ifs.append(time.perf_counter() - started)
        app.extensions["screening"].close()
    base, ours = min(screens), min(what_ifs)
    print(f"{args.rows:,} rows, realistic (every row distinct); {report.changed:,} would change outcome")
    print(
        f"{'what-if of the stored batch vs screen --no-record':<52} {ours:7.2f} s vs {base:7.2f} s  ratio {ours / base:5.2f}"
    )


if __name__ == "__main__":
    main()
