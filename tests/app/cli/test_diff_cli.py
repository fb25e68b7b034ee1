"""`screening diff CODE REV_A REV_B`: every requirement that changed between two revisions, in the command
line's language; a revision the position does not have names what is accepted (SPEC section 2)."""

from __future__ import annotations

from typing import Any

import pytest

from screening import services
from tests.conftest import SEED_CODE


@pytest.fixture
def two_revisions(cli_env: dict[str, str]) -> None:
    services.prepare_database(services.load_config())
    exported = services.export_profile(SEED_CODE)
    changed = exported.replace("    years: 2\n", "    years: 3\n").replace(
        "- Normativa Electoral.\n", "- Normativa Electoral y de Partidos.\n"
    )
    assert changed != exported
    services.import_catalog(changed, filename="perfil.yaml")


def test_diff_lists_each_change_mandatory_first(runner: Any, two_revisions: None) -> None:
    result = runner.run("diff", SEED_CODE, "1", "2", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{SEED_CODE} Directora o Director") and lines[0].endswith(
        "revision 1 → revision 2"
    )
    assert lines[1].startswith("fingerprint: sha256:")
    assert lines[2:5] == [
        "changed  Years of experience (mandatory) [experience.years]: 2 → 3",
        "removed  Desirable knowledge [knowledge]: “Normativa Electoral.”",
        "added    Desirable knowledge [knowledge]: “Normativa Electoral y de Partidos.”",
    ]
    assert lines[5] == "3 changes"


def test_diff_in_spanish(runner: Any, two_revisions: None) -> None:
    result = runner.run("diff", SEED_CODE, "2", "1", "--lang", "es")
    assert "cambiado  Años de experiencia (obligatorio) [experience.years]: 3 → 2" in result.stdout
    assert result.stdout.splitlines()[-1] == "3 cambios"


def test_diff_of_a_revision_with_itself_has_no_differences(runner: Any, two_revisions: None) -> None:
    result = runner.run("diff", SEED_CODE, "2", "2", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "no differences: the two revisions ask for the same"


def test_a_revision_the_position_lacks_names_those_it_has(runner: Any, two_revisions: None) -> None:
    result = runner.run("diff", SEED_CODE, "1", "5", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"REV_B: found 5; accepted: a revision of {SEED_CODE} (1, 2)"


def test_an_unknown_position_exits_1(runner: Any, two_revisions: None) -> None:
    result = runner.run("diff", "0-000-000-X000", "1", "2", "--lang", "en")
    assert result.exit_code == 1
    assert "position: found '0-000-000-X000'" in result.stderr


def test_a_revision_that_is_not_a_number_is_a_usage_error(runner: Any, two_revisions: None) -> None:
    from screening.cli import main

    result = runner.invoke(main, ["diff", SEED_CODE, "uno", "2"])
    assert result.exit_code == 2
    assert "'uno' is not a valid integer" in result.output
