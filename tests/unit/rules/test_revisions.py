from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from rules.profile import Competency, Profile
from rules.revisions import Change, ChangeKind, diff_profiles
from rules.vocabulary import Level, Status
from tests.unit.rules.conftest import SEED_AREAS, seed_profile

SEED = seed_profile()


def kinds(changes: tuple[Change, ...]) -> list[tuple[str, str, object, object]]:
    return [(c.requirement, c.kind.value, c.before, c.after) for c in changes]


def test_identical_profiles_have_no_differences() -> None:
    assert diff_profiles(SEED, seed_profile()) == ()


def test_more_years_and_a_higher_level_are_mandatory_changes() -> None:
    after = replace(
        SEED,
        education=replace(SEED.education, level=Level.MAESTRIA),
        experience=replace(SEED.experience, years=3),
    )
    changes = diff_profiles(SEED, after)
    assert kinds(changes) == [
        ("education.level", "changed", "Licenciatura", "Maestría"),
        ("experience.years", "changed", 2, 3),
    ]
    assert all(c.mandatory for c in changes)


def test_a_field_removed_and_another_added_are_listed_apart() -> None:
    fields = (*(f for f in SEED.education.fields if f != "Pedagogía"), "Trabajo Social")
    after = replace(SEED, education=replace(SEED.education, fields=fields))
    assert kinds(diff_profiles(SEED, after)) == [
        ("education.fields", "removed", "Pedagogía", None),
        ("education.fields", "added", None, "Trabajo Social"),
    ]


def test_an_item_written_with_other_accents_is_reworded_not_replaced() -> None:
    knowledge = ("Normativa electoral.", *SEED.knowledge[1:])
    after = replace(SEED, knowledge=knowledge)
    assert kinds(diff_profiles(SEED, after)) == [
        ("knowledge", "changed", "Normativa Electoral.", "Normativa electoral."),
    ]


def test_a_competency_grade_raised_is_a_change_of_that_competency() -> None:
    competencies = (SEED.competencies[0], Competency("Transversales", "Planeación y estrategia.", 4))
    changes = diff_profiles(SEED, replace(SEED, competencies=competencies))
    assert kinds(changes) == [
        (
            "competencies",
            "changed",
            "Planeación y estrategia. (Transversales, 5)",
            "Planeación y estrategia. (Transversales, 4)",
        ),
    ]
    assert not changes[0].mandatory


def test_status_and_equivalents_changes_are_mandatory() -> None:
    after = replace(SEED, education=replace(SEED.education, status=Status.PASANTE, accepts_equivalents=False))
    assert kinds(diff_profiles(SEED, after)) == [
        ("education.status", "changed", "Título", "Pasante"),
        ("education.accepts_equivalents", "changed", True, False),
    ]


def test_a_reworded_published_text_shows_when_the_rules_read_the_same() -> None:
    after = replace(SEED, experience=replace(SEED.experience, text=SEED.experience.text + " "))
    assert kinds(diff_profiles(SEED, after)) == [
        ("experience.text", "changed", SEED.experience.text, SEED.experience.text + " "),
    ]


def test_an_area_dropped_hides_the_text_change_that_carried_it() -> None:
    areas = SEED_AREAS[:-1]
    after = replace(SEED, experience=replace(SEED.experience, areas=areas, text="; ".join(areas)))
    assert kinds(diff_profiles(SEED, after)) == [("experience.areas", "removed", "trabajo de campo", None)]


def test_a_new_title_is_an_identification_change() -> None:
    after = replace(SEED, identification=replace(SEED.identification, title="Director de Participación"))
    [change] = diff_profiles(SEED, after)
    assert (change.requirement, change.kind, change.mandatory) == (
        "identification.title",
        ChangeKind.CHANGED,
        False,
    )


_ITEMS = st.lists(
    st.sampled_from(["Normativa Electoral.", "Estadística", "Oratoria", "Excel", "SIG"]), unique=True
)


@given(before=_ITEMS, after=_ITEMS)
def test_applying_the_differences_gives_the_new_list(before: list[str], after: list[str]) -> None:
    old: Profile = replace(SEED, skills=tuple(before))
    new: Profile = replace(SEED, skills=tuple(after))
    changes = diff_profiles(old, new)
    result = [item for item in before if not any(c.before == item and c.after is None for c in changes)]
    result += [str(c.after) for c in changes if c.kind is ChangeKind.ADDED]
    assert sorted(result) == sorted(after)
    assert diff_profiles(new, new) == ()
