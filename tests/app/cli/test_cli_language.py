"""The command line's errors in Spanish with --lang es or a Spanish locale, in English otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_CODE


@pytest.fixture
def kinder(tmp_path: Path) -> Path:
    path = tmp_path / "candidato.json"
    path.write_text(json.dumps({"degrees": [{"level": "Kinder", "status": "Titulado", "field": "Derecho"}]}))
    return path


def test_check_errors_follow_lang_given_on_the_command_line(runner: Any, kinder: Path) -> None:
    result = runner.run("check", "--position", SEED_CODE, str(kinder), "--lang", "es")
    assert result.exit_code == 1
    assert f'{kinder}: degrees[0].level: se encontró "Kinder"; se acepta: Primaria' in result.stderr


def test_check_errors_are_english_in_the_c_locale(
    runner: Any, kinder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    result = runner.run("check", "--position", SEED_CODE, str(kinder))
    assert 'degrees[0].level: found "Kinder"; accepted: Primaria' in result.stderr


def test_a_spanish_locale_gives_spanish_errors(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "es_MX:es")
    result = runner.run("show", "0-000-000-X000")
    assert result.exit_code == 1
    assert (
        "puesto: se encontró '0-000-000-X000'; se acepta: un código que liste `screening positions`"
        in result.stderr
    )
    assert runner.run("positions", "-q", "tesoreria").stderr.strip() == "ningún puesto coincide"


def test_catalog_problems_follow_the_locale(
    runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app.web.catalog_texts import BROKEN

    path = tmp_path / "roto.txt"
    path.write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("LANGUAGE", "es_MX:es")
    result = runner.run("import", str(path))
    assert (
        "Experiencia Laboral Requerida: Años de Experiencia: se encontró 'dos'; se acepta:" in result.stderr
    )
    assert ": línea " in result.stderr
    monkeypatch.setenv("LANGUAGE", "en")
    result = runner.run("import", str(path))
    assert "Experiencia Laboral Requerida: Años de Experiencia: found 'dos'; accepted:" in result.stderr
