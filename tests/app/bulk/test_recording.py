"""Recording bulk rows: each distinct verdict stored once, and every stored text byte for byte the canonical JSON
(rules/canonical.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from rules.canonical import canonical_json, sha256_hex
from tests.app.bulk.conftest import AS_OF, HEADER, SEED_CODE, csv_bytes


def test_recorded_rows_store_each_distinct_verdict_once_in_canonical_form(
    runner: Any, tmp_path: Path
) -> None:
    """Rows that read alike (folio and gender aside) name one stored verdict body; every stored text is its
    own canonical JSON; the chain verifies."""
    from screening import services
    from screening.config import load_config

    alike = ["Licenciatura", "Titulada", "Ciencia Poli\u0301tica", "3", "Evaluación de proyectos", "Mujer"]
    other = ["Maestría", "Titulado", "Derecho", "5", "Trabajo de campo", "Hombre"]
    rows = [
        ["A-0001", *alike[:5], alike[5]],
        ["Pen\u0303a-2", *alike[:5], "Hombre"],
        ["A-0003", *other[:5], other[5]],
        ["A-0004", *alike[:5], ""],
    ]
    source = tmp_path / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, rows, encoding="utf-8", delimiter=","))
    output = tmp_path / "resultado.csv"
    result = runner.run("screen", "-p", SEED_CODE, str(source), "-o", str(output), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    with open(output, encoding="utf-8-sig", newline="") as handle:
        ids = [row["evaluation_id"] for row in csv.DictReader(handle)]
    database = services.prepare_database(load_config())
    with database.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT id, input, verdict_hash FROM evaluations ORDER BY seq")
        ).all()
        bodies = dict(connection.execute(text("SELECT hash, body FROM verdict_bodies")).all())
    assert [row.id for row in stored] == ids
    assert [row.verdict_hash for row in stored].count(stored[0].verdict_hash) == 3
    assert len(bodies) == 2
    for row in stored:
        assert row.input == canonical_json(json.loads(row.input)).decode("utf-8")
    assert json.loads(stored[1].input)["folio"] == "Pe\u00f1a-2"
    for key, body in bodies.items():
        assert body == canonical_json(json.loads(body)).decode("utf-8")
        assert sha256_hex(body.encode("utf-8")) == key
    assert services.verify(db=database).ok
