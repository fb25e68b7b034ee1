"""What changed between two revisions of a profile, requirement by requirement (SPEC section 2, Revisions).

Items of a list (fields, areas, knowledge, skills, competencies, functions) are paired by their folded text, so
a change of case or accents reads as a reworded item rather than one removed and another added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from rules.profile import Competency, Profile
from rules.vocabulary import fold

__all__ = ["Change", "ChangeKind", "diff_profiles"]


class ChangeKind(Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


Value = str | int | bool | None


@dataclass(frozen=True)
class Change:
    requirement: str
    """Where in the profile: `education.level`, `experience.areas`, `knowledge`, `identification.title`, ..."""
    kind: ChangeKind
    before: Value
    after: Value
    mandatory: bool
    """True when the requirement decides eligibility (education and experience), false for the rest."""


_IDENTIFICATION = (
    "title",
    "unit",
    "superior",
    "appointment_type",
    "occupational_grade",
    "responsibility_level",
    "hierarchy_level",
)


def _value(requirement: str, before: Value, after: Value, *, mandatory: bool) -> list[Change]:
    if before == after:
        return []
    return [Change(requirement, ChangeKind.CHANGED, before, after, mandatory)]


def _items(requirement: str, before: Sequence[str], after: Sequence[str], *, mandatory: bool) -> list[Change]:
    """Items removed (in the old order), reworded, then added (in the new order)."""
    old = {fold(item): item for item in before}
    new = {fold(item): item for item in after}
    changes = [
        Change(requirement, ChangeKind.REMOVED, item, None, mandatory)
        for key, item in old.items()
        if key not in new
    ]
    changes += [
        Change(requirement, ChangeKind.CHANGED, item, new[key], mandatory)
        for key, item in old.items()
        if key in new and new[key] != item
    ]
    changes += [
        Change(requirement, ChangeKind.ADDED, None, item, mandatory)
        for key, item in new.items()
        if key not in old
    ]
    return changes


def _competency(competency: Competency) -> str:
    return f"{competency.name} ({competency.type}, {competency.grade})"


def _competencies(before: Sequence[Competency], after: Sequence[Competency]) -> list[Change]:
    old = {fold(c.name): c for c in before}
    new = {fold(c.name): c for c in after}
    changes = [
        Change("competencies", ChangeKind.REMOVED, _competency(c), None, False)
        for key, c in old.items()
        if key not in new
    ]
    changes += [
        Change("competencies", ChangeKind.CHANGED, _competency(c), _competency(new[key]), False)
        for key, c in old.items()
        if key in new and new[key] != c
    ]
    changes += [
        Change("competencies", ChangeKind.ADDED, None, _competency(c), False)
        for key, c in new.items()
        if key not in old
    ]
    return changes


def _published_text(requirement: str, before: str, after: str, section: list[Change]) -> list[Change]:
    """The text as published, when it changed while what the rules read from it did not (a reworded clause)."""
    return [] if section else _value(requirement, before, after, mandatory=False)


def diff_profiles(before: Profile, after: Profile) -> tuple[Change, ...]:
    """Every difference from `before` to `after`, mandatory requirements first, in the profile's order."""
    old_education, new_education = before.education, after.education
    old_experience, new_experience = before.experience, after.experience
    education = [
        *_value("education.level", old_education.level.label, new_education.level.label, mandatory=True),
        *_value("education.status", old_education.status.label, new_education.status.label, mandatory=True),
        *_items("education.fields", old_education.fields, new_education.fields, mandatory=True),
        *_value(
            "education.accepts_equivalents",
            old_education.accepts_equivalents,
            new_education.accepts_equivalents,
            mandatory=True,
        ),
    ]
    experience = [
        *_value("experience.years", old_experience.years, new_experience.years, mandatory=True),
        *_items("experience.areas", old_experience.areas, new_experience.areas, mandatory=True),
    ]
    changes = [
        *education,
        *_published_text("education.text", old_education.text, new_education.text, education),
        *experience,
        *_published_text("experience.text", old_experience.text, new_experience.text, experience),
        *_items("knowledge", before.knowledge, after.knowledge, mandatory=False),
        *_items("skills", before.skills, after.skills, mandatory=False),
        *_competencies(before.competencies, after.competencies),
        *_items("functions", before.functions, after.functions, mandatory=False),
    ]
    for name in _IDENTIFICATION:
        changes += _value(
            f"identification.{name}",
            getattr(before.identification, name),
            getattr(after.identification, name),
            mandatory=False,
        )
    return tuple(changes)
