"""The YAML form: the profile model written out, read back to equal profiles, with a path for each bad field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.areas import split_areas
from rules.catalog import parse_catalog_text, profile_from_dict, profiles_from_yaml, profiles_to_yaml
from rules.errors import CatalogError
from rules.profile import (
    Competency,
    EducationRequirement,
    ExperienceRequirement,
    Identification,
    Profile,
    profile_to_dict,
)
from rules.vocabulary import Level, Status
from tests.unit.rules.catalog.catalog_builder import catalog_text, three_profiles

SEED = Path(__file__).parents[4] / "screening" / "catalogs" / "iecm.txt"


@pytest.fixture(scope="module")
def seed_profile() -> Profile:
    return parse_catalog_text(SEED.read_text(encoding="utf-8")).profiles[0]


def test_seed_round_trips_through_yaml(seed_profile: Profile) -> None:
    parsed = profiles_from_yaml(profiles_to_yaml([seed_profile]))
    assert parsed.problems == ()
    assert parsed.profiles == (seed_profile,)
    assert parsed.profiles[0].source == seed_profile.source


def test_yaml_is_the_profile_model_written_out(seed_profile: Profile) -> None:
    data = yaml.safe_load(profiles_to_yaml([seed_profile]))
    written = data["profiles"][0]
    assert {key: value for key, value in written.items() if key != "source"} == profile_to_dict(seed_profile)
    assert written["identification"]["hierarchy_level"] == "009"


def test_yaml_keeps_spanish_letters_readable(seed_profile: Profile) -> None:
    assert "Participación Ciudadana" in profiles_to_yaml([seed_profile])


def test_single_profile_mapping_is_accepted(seed_profile: Profile) -> None:
    text = yaml.safe_dump(profile_to_dict(seed_profile), allow_unicode=True, sort_keys=False)
    assert profiles_from_yaml(text).profiles == (seed_profile,)


HAND_WRITTEN = """\
profiles:
- identification:
    code: 8-020-001-C900
    title: Analista de Sistemas
  education:
    level: Lic.
    status: Titulada
    text: Informática, Computación o carreras afines.
  experience:
    years: 1
    text: Desarrollo de sistemas, administración de bases de datos.
"""


def test_hand_written_profile_may_give_only_the_published_texts() -> None:
    (profile,) = profiles_from_yaml(HAND_WRITTEN).profiles
    assert (profile.education.level, profile.education.status) == (Level.LICENCIATURA, Status.TITULO)
    assert profile.education.fields == ("Informática", "Computación")
    assert profile.education.accepts_equivalents is True
    assert profile.experience.areas == split_areas(profile.experience.text)
    assert profile.experience.areas == ("Desarrollo de sistemas", "administración de bases de datos")
    assert (profile.knowledge, profile.competencies) == ((), ())


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "words"),
    [
        ("level: Lic.", "level: Kinder", "profiles[0].education.level", 6, "'Kinder'"),
        ("years: 1", "years: 1.5", "profiles[0].experience.years", 10, "whole number"),
        ("years: 1", "years: -1", "profiles[0].experience.years", 10, "whole number"),
        ("code: 8-020-001-C900", "code: 8020", "profiles[0].identification.code", 3, "quotes"),
        ("    title: Analista de Sistemas\n", "", "profiles[0].identification.title", 2, "missing"),
        (
            "    status: Titulada\n",
            "    status: Titulada\n    nivel: Lic.\n",
            "profiles[0].education.nivel",
            8,
            "nivel",
        ),
    ],
    ids=[
        "unknown-level",
        "fractional-years",
        "negative-years",
        "number-as-code",
        "missing-title",
        "unknown-key",
    ],
)
def test_bad_field_is_a_problem_with_its_path_and_line(
    old: str, new: str, path: str, line: int, words: str
) -> None:
    parsed = profiles_from_yaml(HAND_WRITTEN.replace(old, new))
    assert parsed.profiles == ()
    (problem,) = parsed.problems
    assert (problem.section, problem.line) == (path, line)
    assert words in problem.message


def test_bad_profile_does_not_stop_the_others(seed_profile: Profile) -> None:
    good = profile_to_dict(seed_profile)
    bad = profile_to_dict(seed_profile) | {
        "competencies": [{"type": "Blandas", "name": "Empatía", "grade": 7}]
    }
    bad["identification"]["code"] = "8-009-004-C216"
    parsed = profiles_from_yaml(yaml.safe_dump({"profiles": [bad, good]}, allow_unicode=True))
    assert parsed.profiles == (seed_profile,)
    assert {p.section for p in parsed.problems} == {
        "profiles[0].competencies[0].type",
        "profiles[0].competencies[0].grade",
    }
    assert all(p.code == "8-009-004-C216" and p.line > 0 for p in parsed.problems)


def test_duplicated_code_in_yaml_is_a_problem(seed_profile: Profile) -> None:
    parsed = profiles_from_yaml(profiles_to_yaml([seed_profile, seed_profile]))
    assert parsed.profiles == ()
    assert [p.section for p in parsed.problems] == [
        "profiles[0].identification.code",
        "profiles[1].identification.code",
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("profiles: [\n- a\n", 2),
        ("profiles:\n  - identification: {code: 'x'\n", 3),
        ("- 1\n- 2\n", 1),
        ("", 0),
    ],
    ids=["unclosed-list", "unclosed-mapping", "not-a-mapping", "empty"],
)
def test_unreadable_yaml_is_one_problem_with_a_line(text: str, line: int) -> None:
    parsed = profiles_from_yaml(text)
    assert parsed.profiles == ()
    (problem,) = parsed.problems
    assert problem.line == line


def test_profile_from_dict_raises_with_every_path() -> None:
    with pytest.raises(CatalogError) as raised:
        profile_from_dict({"identification": {"code": "8-1"}, "education": {"level": "Kinder"}})
    paths = {problem.section for problem in raised.value.problems}
    assert paths == {
        "identification.title",
        "experience",
        "education.level",
        "education.status",
        "education.fields",
    }
    assert all(problem.code == "8-1" for problem in raised.value.problems)


def test_aliases_cannot_make_reading_blow_up() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 8)]
    parsed = profiles_from_yaml("\n".join(lines) + "\nprofiles: [*a7]\n")
    assert parsed.profiles == ()
    assert len(parsed.problems) == 1


# -- generated profiles ------------------------------------------------------------------------------------------

_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_name = _text.filter(lambda value: value.strip() != "")
_profiles = st.builds(
    Profile,
    identification=st.builds(
        Identification,
        code=_name,
        title=_name,
        unit=_text,
        superior=_text,
        appointment_type=_text,
        occupational_grade=_text,
        responsibility_level=_text,
        hierarchy_level=_text,
    ),
    education=st.builds(
        EducationRequirement,
        level=st.sampled_from(Level),
        status=st.sampled_from(Status),
        fields=st.lists(_name, max_size=5).map(tuple),
        accepts_equivalents=st.booleans(),
        text=_text,
    ),
    experience=st.builds(
        ExperienceRequirement,
        years=st.integers(0, 40),
        areas=st.lists(_name, max_size=4).map(tuple),
        text=_text,
    ),
    knowledge=st.lists(_name, max_size=4).map(tuple),
    skills=st.lists(_name, max_size=4).map(tuple),
    competencies=st.lists(
        st.builds(
            Competency,
            type=st.sampled_from(["Institucionales", "Transversales", "Técnicas"]),
            name=_name,
            grade=st.integers(1, 5),
        ),
        max_size=4,
    ).map(tuple),
    functions=st.lists(_name, max_size=4).map(tuple),
    source=st.dictionaries(st.sampled_from(["title", "document", "revision"]), _text, max_size=3),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_profiles, max_size=3, unique_by=lambda profile: profile.code))
def test_generated_profiles_round_trip_through_yaml(profiles: list[Profile]) -> None:
    parsed = profiles_from_yaml(profiles_to_yaml(profiles))
    assert parsed.problems == ()
    assert parsed.profiles == tuple(profiles)
    assert [p.source for p in parsed.profiles] == [p.source for p in profiles]


@settings(max_examples=100, deadline=None)
@given(_profiles)
def test_profile_from_dict_inverts_profile_to_dict(profile: Profile) -> None:
    assert profile_from_dict(profile_to_dict(profile)) == profile


def test_parsed_catalog_round_trips_through_yaml() -> None:
    profiles = parse_catalog_text(catalog_text(*three_profiles())).profiles
    assert len(profiles) == 3
    assert profiles_from_yaml(profiles_to_yaml(profiles)).profiles == profiles


def test_number_like_texts_are_quoted_for_every_yaml_reader(seed_profile: Profile) -> None:
    written = profiles_to_yaml([seed_profile])
    assert "hierarchy_level: '009'" in written
    assert "responsibility_level: '004'" in written
