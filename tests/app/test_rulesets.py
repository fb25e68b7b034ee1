"""The rule set read from the embedded database file with the standard library is the one the services read;
anything unexpected sends the caller to the full path (None)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from screening import services
from screening.services.catalogs import rule_set_from_sqlite
from tests.conftest import SEED_CODE


def database_file(db: Any) -> Path:
    return Path(str(db.url.database))


def test_the_light_reader_gives_the_services_rule_set(db: Any) -> None:
    light = rule_set_from_sqlite(database_file(db), SEED_CODE)
    assert light is not None
    full = services.get_rule_set(SEED_CODE, db=db)
    assert (light.fingerprint, light.revision) == (full.fingerprint, full.revision)


def test_the_light_reader_follows_a_new_revision_and_a_named_one(db: Any) -> None:
    exported = services.export_profile(SEED_CODE, db=db)
    services.import_catalog(exported.replace("    years: 2\n", "    years: 3\n"), filename="p.yaml", db=db)
    newest = rule_set_from_sqlite(database_file(db), SEED_CODE)
    first = rule_set_from_sqlite(database_file(db), SEED_CODE, 1)
    assert newest is not None and first is not None
    assert (newest.revision, newest.experience.years) == (2, 3)
    assert (first.revision, first.experience.years) == (1, 2)


def test_the_light_reader_answers_none_when_unsure(db: Any, tmp_path: Path) -> None:
    assert rule_set_from_sqlite(tmp_path / "nothing.db", SEED_CODE) is None
    assert rule_set_from_sqlite(database_file(db), "0-000-000-X000") is None
    assert rule_set_from_sqlite(database_file(db), SEED_CODE, 99) is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert rule_set_from_sqlite(junk, SEED_CODE) is None
    with sqlite3.connect(database_file(db)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
    assert rule_set_from_sqlite(database_file(db), SEED_CODE) is None


def test_screening_without_recording_does_not_import_sqlalchemy(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """The light reader's point: `screen --no-record` on a prepared embedded database starts without it."""
    source = tmp_path / "uno.csv"
    source.write_text(
        "Folio;Nivel;Grado de avance;Carrera;Años de experiencia;Área de experiencia\n"
        "A-1;Licenciatura;Titulado;Derecho;3;Trabajo de campo\n",
        encoding="utf-8",
    )
    services.prepare_database(services.load_config())
    code = (
        "import sys; from screening.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(sorted(name for name in sys.modules if name.startswith('sqlalchemy'))[:3])"
    )
    command = [
        sys.executable,
        "-c",
        code,
        "screen",
        "-p",
        SEED_CODE,
        str(source),
        "-o",
        str(tmp_path / "r.csv"),
    ]
    result = subprocess.run(
        [*command, "--no-record"], capture_output=True, text=True, env=cli_env, check=True
    )
    assert result.stdout.strip() == "[]"
