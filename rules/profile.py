"""The profile model: what one catalog entry says, frozen and typed, with no behaviour (SPEC section 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rules.vocabulary import Level, Status


@dataclass(frozen=True)
class Identification:
    code: str
    title: str
    unit: str = ""
    superior: str = ""
    appointment_type: str = ""
    occupational_grade: str = ""
    responsibility_level: str = ""
    hierarchy_level: str = ""


@dataclass(frozen=True)
class EducationRequirement:
    level: Level
    status: Status
    fields: tuple[str, ...]
    accepts_equivalents: bool
    text: str = ""
    """The Formación Profesional text as published."""


@dataclass(frozen=True)
class ExperienceRequirement:
    years: int
    areas: tuple[str, ...]
    text: str
    """The Área de Experiencia text as published; `areas` is how the parser split it."""


@dataclass(frozen=True)
class Competency:
    type: str
    """Institucionales, Transversales or Técnicas."""
    name: str
    grade: int
    """Grado de dominio required, 1-5."""


@dataclass(frozen=True)
class Profile:
    identification: Identification
    education: EducationRequirement
    experience: ExperienceRequirement
    knowledge: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    competencies: tuple[Competency, ...] = ()
    functions: tuple[str, ...] = ()
    source: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Document header (catalog code, revision dates); informative, not part of the content."""

    @property
    def code(self) -> str:
        return self.identification.code

    @property
    def title(self) -> str:
        return self.identification.title


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The profile written out as plain data (the YAML form and the canonical content for revisions)."""
    ident = profile.identification
    return {
        "identification": {
            "code": ident.code,
            "title": ident.title,
            "unit": ident.unit,
            "superior": ident.superior,
            "appointment_type": ident.appointment_type,
            "occupational_grade": ident.occupational_grade,
            "responsibility_level": ident.responsibility_level,
            "hierarchy_level": ident.hierarchy_level,
        },
        "education": {
            "level": profile.education.level.label,
            "status": profile.education.status.label,
            "fields": list(profile.education.fields),
            "accepts_equivalents": profile.education.accepts_equivalents,
            "text": profile.education.text,
        },
        "experience": {
            "years": profile.experience.years,
            "areas": list(profile.experience.areas),
            "text": profile.experience.text,
        },
        "knowledge": list(profile.knowledge),
        "skills": list(profile.skills),
        "competencies": [{"type": c.type, "name": c.name, "grade": c.grade} for c in profile.competencies],
        "functions": list(profile.functions),
    }
