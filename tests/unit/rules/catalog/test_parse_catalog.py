"""parse_catalog picks the form: YAML by file name or first line, else the IECM text layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.catalog import parse_catalog, parse_catalog_text, profiles_to_yaml

SEED_TEXT = (Path(__file__).parents[4] / "screening" / "catalogs" / "iecm.txt").read_text(encoding="utf-8")
SEED = parse_catalog_text(SEED_TEXT).profiles


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (profiles_to_yaml(SEED), ""),
        (profiles_to_yaml(SEED), "catalogo.YML"),
        ("# catálogo exportado\n---\n" + profiles_to_yaml(SEED), ""),
        (profiles_to_yaml(SEED).replace("profiles:\n- ", "").replace("\n  ", "\n"), "perfil.yaml"),
        (SEED_TEXT, "iecm.txt"),
        (SEED_TEXT, ""),
    ],
    ids=["yaml-by-content", "yaml-by-name", "yaml-after-comment", "one-profile-yaml", "text-by-name", "text"],
)
def test_parse_catalog_reads_either_form_to_the_same_profile(text: str, name: str) -> None:
    parsed = parse_catalog(text, name)
    assert parsed.problems == ()
    assert parsed.profiles == SEED


def test_text_layout_named_yaml_is_read_as_yaml_and_reported() -> None:
    parsed = parse_catalog(SEED_TEXT, "catalogo.yaml")
    assert parsed.profiles == ()
    assert len(parsed.problems) == 1
