"""`screening import`, `positions`, `show`, `export`: revisions are added, never overwritten (SPEC section 2)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest

SEED = "8-009-004-C215"


def seed_text() -> str:
    return resources.files("screening.catalogs").joinpath("iecm.txt").read_text(encoding="utf-8")


def test_positions_works_without_an_import(runner: Any) -> None:
    result = runner.run("positions")
    assert result.exit_code == 0
    assert result.output.startswith(f"{SEED}\t1\tDirectora o Director de Organizaciones")


def test_importing_identical_content_changes_nothing(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "iecm.txt"
    source.write_text(seed_text(), encoding="utf-8")
    result = runner.run("import", str(source))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"unchanged    {SEED} revision 1")


def test_changed_content_adds_a_revision_and_keeps_the_old_one(runner: Any, tmp_path: Path) -> None:
    changed = tmp_path / "iecm-2024.txt"
    changed.write_text(
        seed_text().replace("Normativa Electoral.", "Normativa Electoral y de Partidos."), encoding="utf-8"
    )
    result = runner.run("import", str(changed))
    assert result.exit_code == 0
    assert f"new revision {SEED} revision 2" in result.stdout
    assert "(revision 2)" in runner.run("show", SEED, "--lang", "en").output
    assert "(revision 1)" in runner.run("show", SEED, "--revision", "1", "--lang", "en").output
    again = runner.run("import", str(changed))
    assert f"unchanged    {SEED} revision 2" in again.stdout


def test_export_then_import_is_unchanged_with_the_same_fingerprint(runner: Any, tmp_path: Path) -> None:
    from screening import services

    before = services.get_rule_set(SEED).fingerprint
    exported = tmp_path / "perfil.yaml"
    assert runner.run("export", SEED, "-o", str(exported)).exit_code == 0
    result = runner.run("import", str(exported))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"unchanged    {SEED} revision 1")
    assert services.get_rule_set(SEED).fingerprint == before


def test_export_to_stdout_is_yaml(runner: Any) -> None:
    import yaml

    document = yaml.safe_load(runner.run("export", SEED).stdout)
    assert document is not None


def test_a_profile_missing_a_section_fails_with_line_numbers_and_exit_1(runner: Any, tmp_path: Path) -> None:
    text = seed_text()
    start = text.index("Experiencia Laboral Requerida")
    end = text.index("Conocimientos Deseables")
    broken = tmp_path / "roto.txt"
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    result = runner.run("import", str(broken))
    assert result.exit_code == 1
    assert "line" in result.stderr
    assert "failed" in result.stderr


def test_cp1252_text_is_read(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "windows.txt"
    source.write_bytes(seed_text().encode("cp1252"))
    result = runner.run("import", str(source))
    assert result.exit_code == 0
    assert "unchanged" in result.stdout


@pytest.mark.parametrize("lang,word", [("es", "Licenciatura"), ("en", "Education")])
def test_show_in_each_language(runner: Any, lang: str, word: str) -> None:
    result = runner.run("show", SEED, "--lang", lang)
    assert result.exit_code == 0
    assert word in result.output


def test_unknown_code_names_the_problem_and_exits_1(runner: Any) -> None:
    result = runner.run("show", "0-000-000-X000")
    assert result.exit_code == 1
    assert "position: found '0-000-000-X000'" in result.stderr


def test_positions_search(runner: Any) -> None:
    assert runner.run("positions", "-q", "participacion").output.count("\n") == 1
    assert runner.run("positions", "-q", "tesoreria").stderr.strip() == "no positions match"
