"""Fuzzing the catalog readers: any input gives a CatalogParse, never another exception (RELIABILITY T18)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.catalog import CatalogParse, parse_catalog_text, profiles_from_yaml, profiles_to_yaml
from rules.profile import Profile
from tests.unit.rules.catalog.catalog_builder import catalog_text, three_profiles

SEED_LINES = (
    (Path(__file__).parents[4] / "screening" / "catalogs" / "iecm.txt")
    .read_text(encoding="utf-8")
    .split("\n")
)
CATALOG_LINES = catalog_text(*three_profiles()).split("\n")
# Pieces of the layout, so that generated texts reach deep into the parser rather than stopping at line 1.
LAYOUT_PIECES = st.sampled_from(sorted(set(SEED_LINES + CATALOG_LINES)))
_fast = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_consistent(parsed: CatalogParse) -> bool:
    codes = [profile.code for profile in parsed.profiles]
    return len(codes) == len(set(codes)) and all(problem.line >= 0 for problem in parsed.problems)


@_fast
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_a_catalog_parse(text: str) -> None:
    assert _is_consistent(parse_catalog_text(text))


@_fast
@given(st.lists(st.one_of(LAYOUT_PIECES, st.text(max_size=60)), max_size=120))
def test_shuffled_layout_lines_give_a_catalog_parse(lines: list[str]) -> None:
    assert _is_consistent(parse_catalog_text("\n".join(lines)))


@_fast
@given(st.data())
def test_seed_with_lines_deleted_or_duplicated_gives_a_catalog_parse(data: st.DataObject) -> None:
    lines = list(SEED_LINES)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[at]
        else:
            lines.insert(at, lines[at])
    parsed = parse_catalog_text("\n".join(lines))
    assert _is_consistent(parsed)
    # A change the parser cannot explain is reported; a profile it returns still has its required parts.
    assert len(parsed.profiles) + len(parsed.problems) >= 1


@pytest.mark.parametrize("lines", [SEED_LINES, CATALOG_LINES], ids=["seed", "three-profiles"])
@pytest.mark.parametrize("change", ["delete", "duplicate"])
def test_losing_or_doubling_any_line_is_reported_or_cannot_be_seen(lines: list[str], change: str) -> None:
    whole = parse_catalog_text("\n".join(lines)).profiles
    for at, line in enumerate(lines):
        if not line.strip():
            continue
        changed = lines[:at] + lines[at + 1 :] if change == "delete" else lines[: at + 1] + lines[at:]
        parsed = parse_catalog_text("\n".join(changed))
        if not parsed.problems:
            assert len(parsed.profiles) == len(whole), (at + 1, line)
            for profile, before in zip(parsed.profiles, whole, strict=True):
                assert profile == before or _cannot_be_seen(profile, before), (at + 1, line)


def _cannot_be_seen(profile: Profile, whole: Profile) -> bool:
    """Changes the layout gives no means to notice: it has no count of items, so a list's last item can go; the
    competency table numbers no rows, and rows below a lost type cell take the type above; a value's last
    wrapped line can go."""
    candidates = [
        replace(whole, knowledge=whole.knowledge[:-1]),
        replace(whole, skills=whole.skills[:-1]),
        replace(whole, functions=whole.functions[:-1]),
    ]
    if profile in candidates or replace(profile, competencies=whole.competencies) == whole:
        return True
    text = profile.experience.text
    return replace(profile, experience=whole.experience) == whole and whole.experience.text.startswith(text)


@_fast
@given(st.text(max_size=1000))
def test_arbitrary_yaml_gives_a_catalog_parse(text: str) -> None:
    assert _is_consistent(profiles_from_yaml(text))


SEED_YAML_LINES = profiles_to_yaml(parse_catalog_text("\n".join(SEED_LINES)).profiles).split("\n")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_seed_yaml_with_lines_deleted_gives_a_catalog_parse(data: st.DataObject) -> None:
    lines = list(SEED_YAML_LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        del lines[data.draw(st.integers(0, len(lines) - 1))]
    assert _is_consistent(profiles_from_yaml("\n".join(lines)))
