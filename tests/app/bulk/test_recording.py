"""Recording bulk rows: each distinct verdict written and hashed once, inputs written with the row's folio put in
place, and every text byte for byte the canonical JSON (rules/canonical.py)."""

from __future__ import annotations

import csv
import json
import unicodedata
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from rules.canonical import canonical_json, sha256_hex
from screening.bulk.recording import RowTexts
from screening.storage.chain import EncodedText, plain_json_text
from tests.app.bulk.conftest import AS_OF, HEADER, SEED_CODE, csv_bytes

CONTENT: dict[str, Any] = {
    "degrees": [{"level": "Licenciatura", "status": "Titulado", "field": "Ciencia Poli\u0301tica"}],
    "experience_summary": {"years": "2.5", "area": "Organización y administración de procesos"},
    "knowledge": ["Normativa Electoral", "Transparencia"],
}
"""A row content as the runner keeps it (no folio), with a career written with a combining accent (not NFC)."""
VERDICT: dict[str, Any] = {
    "outcome": "eligible",
    "criteria": [{"id": "education.field", "found": "Política"}],
}

FOLIOS = [
    "IECM-0000001",
    "José Núñez",
    "Pen\u0303a",  # the tilde as a combining mark: canonical JSON writes it composed
    '=HYPERLINK("http://x")',
    'comillas "dobles" y \\ barra',
    "línea\nnueva",
    "\u212b-7",  # the Angstrom sign, which NFC replaces by Å
    "folio-\U0001f600",  # outside the Basic Multilingual Plane
    "a\n\u0301b",  # in NFC, but its JSON escape "\\n" puts an n before the mark, which then composes
]


@pytest.mark.parametrize("folio", FOLIOS)
def test_a_rows_input_is_the_canonical_json_of_its_candidate(folio: str) -> None:
    texts = RowTexts()
    first = {**CONTENT, "folio": "A-0001"}
    row = {**CONTENT, "folio": folio}
    assert texts.input(first, VERDICT).text == canonical_json(first).decode("utf-8")
    assert texts.input(row, VERDICT).text == canonical_json(row).decode("utf-8")


@pytest.mark.parametrize("folio", ["", *FOLIOS])
def test_a_rows_input_from_its_shared_content_is_the_canonical_json_of_its_candidate(folio: str) -> None:
    texts = RowTexts()
    candidate = {**CONTENT, "folio": folio} if folio else CONTENT
    texts.row_input(CONTENT, "A-0001")
    given = texts.row_input(CONTENT, folio)
    input_text = given.text if isinstance(given, EncodedText) else given
    assert input_text == canonical_json(candidate).decode("utf-8")
    if isinstance(given, EncodedText):  # its JSON string form, for the record's text
        assert unicodedata.is_normalized("NFC", given.text)
        assert given.json == encode_basestring(given.text)
    else:  # no folio, or a text whose JSON form is not in NFC: the record's text checks it whole
        assert not folio or not unicodedata.is_normalized("NFC", encode_basestring(input_text))


@pytest.mark.parametrize("folio", FOLIOS)
def test_a_record_from_a_rows_encoded_input_is_the_canonical_json_of_its_fields(folio: str) -> None:
    from screening.storage.chain import VARYING_FIELDS, RecordTemplate, record_text

    shared = {
        "as_of": "2025-06-30",
        "lang": "es",
        "position_code": "8-009-004-C215",
        "revision": 1,
        "policy_id": "iecm",
        "fingerprint": "sha256:f",
        "engine_version": "1.0.0",
        "actor": "cli:root",
        "batch_id": "b_1",
    }
    given = RowTexts().row_input(CONTENT, folio)
    input_text, input_json = (given.text, given.json) if isinstance(given, EncodedText) else (given, None)
    varying = {
        "created_at": "2026-11-26T04:40:33.123456+00:00",
        "folio": folio,
        "id": "6b07f66bbsCis6dzGhknT4hWvra6Rfab",
        "input": input_text,
        "outcome": "eligible",
        "prev_hash": "0" * 64,
        "row_number": 7,
        "seq": 8,
        "verdict_hash": "a" * 64,
    }
    fields = {**shared, **varying}
    written = RecordTemplate(shared).text(tuple(varying[name] for name in VARYING_FIELDS), input_json)
    assert written == canonical_json(fields).decode("utf-8") == record_text(fields)


def test_a_row_without_a_folio_is_its_contents_canonical_json() -> None:
    texts = RowTexts()
    texts.input({**CONTENT, "folio": "A-0001"}, VERDICT)
    assert texts.input(CONTENT, VERDICT).text == canonical_json(CONTENT).decode("utf-8")


@pytest.mark.parametrize(
    "other",
    [
        {
            **CONTENT,
            "folio": "B-2",
            "knowledge": ["Derecho electoral"],
        },  # another value under a shared verdict
        {**CONTENT, "folio": "B-2", "skills": ["Ética"]},  # one key more
        {"degrees": CONTENT["degrees"], "folio": "B-2"},  # keys missing
        {**CONTENT, "folio": 7},  # a folio that is not text
    ],
)
def test_a_row_that_does_not_hold_its_contents_values_is_written_whole(other: dict[str, Any]) -> None:
    texts = RowTexts()
    texts.input({**CONTENT, "folio": "A-0001"}, VERDICT)
    assert texts.input(other, VERDICT).text == canonical_json(other).decode("utf-8")


def test_a_verdict_is_written_and_hashed_once_per_object() -> None:
    texts = RowTexts()
    first = texts.verdict(VERDICT)
    assert texts.verdict(VERDICT) is first
    assert first.text == canonical_json(VERDICT).decode("utf-8")
    assert first.hash == sha256_hex(canonical_json(VERDICT))
    changed = {**VERDICT, "outcome": "review"}
    assert texts.verdict(changed).hash != first.hash


def test_real_verdicts_are_plain_json_written_as_canonical_json(db: Any, candidate: dict[str, Any]) -> None:
    """verdict_to_dict gives str, int, bool, None, lists and dicts: the fast path gives canonical_json's bytes,
    also for text that is not NFC and for every language."""
    from screening import services

    candidate["degrees"][0]["field"] = "Ciencia Poli\u0301tica"
    candidate["jobs"][0]["title"] = "Coordinacio\u0301n de Peñas"
    for lang in ("es", "en"):
        verdict = services.run_evaluation(SEED_CODE, candidate, lang=lang, db=db).verdict
        assert plain_json_text(verdict) == canonical_json(verdict).decode("utf-8")


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
