"""The profile model read back from plain data (the inverse of rules.profile.profile_to_dict), with field paths."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rules.catalog.field_list import split_field_list
from rules.catalog.text import split_experience_areas
from rules.errors import CatalogError, CatalogProblem, Text, VocabularyError
from rules.errors import text as msg
from rules.profile import Competency, EducationRequirement, ExperienceRequirement, Identification, Profile
from rules.vocabulary import (
    LEVELS_ACCEPTED,
    STATUSES_ACCEPTED,
    Level,
    Status,
    fold,
    parse_level,
    parse_status,
)

_IDENTIFICATION_KEYS = (
    "code",
    "title",
    "unit",
    "superior",
    "appointment_type",
    "occupational_grade",
    "responsibility_level",
    "hierarchy_level",
)
_EDUCATION_KEYS = ("level", "status", "fields", "accepts_equivalents", "text")
_EXPERIENCE_KEYS = ("years", "areas", "text")
_PROFILE_KEYS = (
    "identification",
    "education",
    "experience",
    "knowledge",
    "skills",
    "competencies",
    "functions",
    "source",
)
_COMPETENCY_KEYS = ("type", "name", "grade")
Word = TypeVar("Word", Level, Status)
COMPETENCY_TYPES = {
    "institucionales": "Institucionales",
    "transversales": "Transversales",
    "tecnicas": "Técnicas",
}


@dataclass
class DictReader:
    """Reads plain data into model values, collecting one (path, message) per problem instead of stopping."""

    problems: list[tuple[str, Text]] = field(default_factory=list)

    def problem(self, path: str, found: object, accepted: str | Text) -> None:
        self.problems.append(
            (path, msg("found %(found)s; accepted: %(accepted)s", found=_describe(found), accepted=accepted))
        )

    def missing(self, path: str, accepted: Text) -> None:
        self.problems.append((path, msg("missing; accepted: %(accepted)s", accepted=accepted)))

    def mapping(self, data: object, path: str, keys: tuple[str, ...]) -> Mapping[str, Any] | None:
        if not isinstance(data, Mapping):
            self.problem(path, data, msg("a mapping with keys %(keys)s", keys=", ".join(keys)))
            return None
        for key in data:
            if key not in keys:
                self.problem(_join(path, str(key)), key, msg("the keys %(keys)s", keys=", ".join(keys)))
        return data

    def text(self, data: Mapping[str, Any], path: str, key: str, required: bool = False) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.missing(_join(path, key), msg("text"))
                return None
            return ""
        value = data[key]
        if not isinstance(value, str):
            self.problem(_join(path, key), value, msg("text (put numbers and dates in quotes)"))
            return None
        if required and not value.strip():
            self.problem(_join(path, key), value, msg("non-empty text"))
            return None
        return value

    def texts(self, data: Mapping[str, Any], path: str, key: str) -> tuple[str, ...] | None:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(_join(path, key), value, msg("a list of texts"))
            return None
        good = True
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem(f"{_join(path, key)}[{index}]", item, msg("non-empty text"))
                good = False
        return tuple(value) if good else None

    def integer(self, data: Mapping[str, Any], path: str, key: str, low: int, high: int | None) -> int | None:
        value = data.get(key)
        bounds = (
            msg("a whole number from %(low)s", low=low)
            if high is None
            else msg("a whole number from %(low)s to %(high)s", low=low, high=high)
        )
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < low
            or (high is not None and value > high)
        ):
            self.problem(_join(path, key), value, bounds)
            return None
        return value

    # -- the model, part by part ---------------------------------------------------------------------------

    def profile(self, data: object, path: str) -> Profile | None:
        before = len(self.problems)
        root = self.mapping(data, path, _PROFILE_KEYS)
        if root is None:
            return None
        for key in ("identification", "education", "experience"):
            if key not in root:
                self.missing(_join(path, key), msg("a mapping (required section)"))
        identification = (
            self.identification(root["identification"], _join(path, "identification"))
            if "identification" in root
            else None
        )
        education = (
            self.education(root["education"], _join(path, "education")) if "education" in root else None
        )
        experience = (
            self.experience(root["experience"], _join(path, "experience")) if "experience" in root else None
        )
        knowledge = self.texts(root, path, "knowledge")
        skills = self.texts(root, path, "skills")
        functions = self.texts(root, path, "functions")
        competencies = self.competencies(root.get("competencies"), _join(path, "competencies"))
        source = self.source(root.get("source"), _join(path, "source"))
        if (
            len(self.problems) > before
            or identification is None
            or education is None
            or experience is None
            or knowledge is None
            or skills is None
            or functions is None
            or competencies is None
            or source is None
        ):
            return None
        return Profile(
            identification, education, experience, knowledge, skills, competencies, functions, source
        )

    def identification(self, data: object, path: str) -> Identification | None:
        section = self.mapping(data, path, _IDENTIFICATION_KEYS)
        if section is None:
            return None
        values = {
            key: self.text(section, path, key, required=key in ("code", "title"))
            for key in _IDENTIFICATION_KEYS
        }
        if any(value is None for value in values.values()):
            return None
        return Identification(**{key: value or "" for key, value in values.items()})

    def education(self, data: object, path: str) -> EducationRequirement | None:
        section = self.mapping(data, path, _EDUCATION_KEYS)
        if section is None:
            return None
        level = self.vocabulary(section, path, "level", parse_level, Level, LEVELS_ACCEPTED)
        status = self.vocabulary(section, path, "status", parse_status, Status, STATUSES_ACCEPTED)
        text = self.text(section, path, "text")
        if "fields" in section:
            fields = self.texts(section, path, "fields")
            accepts = section.get("accepts_equivalents", False)
            if not isinstance(accepts, bool):
                self.problem(_join(path, "accepts_equivalents"), accepts, msg("true or false"))
                return None
        elif text:
            # A hand-written profile may give only the published text: read it as the text layout would.
            fields, accepts = split_field_list(text)
            accepts = section.get("accepts_equivalents", accepts)
            if not isinstance(accepts, bool):
                self.problem(_join(path, "accepts_equivalents"), accepts, msg("true or false"))
                return None
        else:
            self.missing(_join(path, "fields"), msg("a list of fields (or the text)"))
            return None
        if level is None or status is None or fields is None or text is None:
            return None
        return EducationRequirement(level, status, fields, accepts, text)

    def vocabulary(
        self,
        data: Mapping[str, Any],
        path: str,
        key: str,
        parse: Callable[[str], Word],
        kind: type[Word],
        accepted: str,
    ) -> Word | None:
        value = data.get(key)
        if isinstance(value, kind):
            return value
        if not isinstance(value, str):
            self.problem(_join(path, key), value, Text(accepted))
            return None
        try:
            return parse(value)
        except VocabularyError as error:
            self.problem(_join(path, key), error.found, Text(error.accepted))
            return None

    def experience(self, data: object, path: str) -> ExperienceRequirement | None:
        section = self.mapping(data, path, _EXPERIENCE_KEYS)
        if section is None:
            return None
        years = self.integer(section, path, "years", 0, None)
        text = self.text(section, path, "text")
        if "areas" in section:
            areas = self.texts(section, path, "areas")
        elif text:
            areas = split_experience_areas(text)
        else:
            self.missing(_join(path, "areas"), msg("a list of areas (or the text)"))
            return None
        if years is None or text is None or areas is None:
            return None
        return ExperienceRequirement(years, areas, text)

    def competencies(self, data: object, path: str) -> tuple[Competency, ...] | None:
        if data is None:
            return ()
        if not isinstance(data, list):
            self.problem(path, data, msg("a list of competencies (type, name, grade)"))
            return None
        found: list[Competency] = []
        for index, item in enumerate(data):
            where = f"{path}[{index}]"
            row = self.mapping(item, where, _COMPETENCY_KEYS)
            if row is None:
                continue
            kind = self.text(row, where, "type", required=True)
            name = self.text(row, where, "name", required=True)
            grade = self.integer(row, where, "grade", 1, 5)
            canonical = COMPETENCY_TYPES.get(fold(kind)) if kind else None
            if kind and canonical is None:
                self.problem(_join(where, "type"), kind, ", ".join(COMPETENCY_TYPES.values()))
            if canonical is not None and name is not None and grade is not None:
                found.append(Competency(canonical, name, grade))
        return tuple(found) if len(found) == len(data) else None

    def source(self, data: object, path: str) -> dict[str, str] | None:
        if data is None:
            return {}
        if not isinstance(data, Mapping) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in data.items()
        ):
            self.problem(path, data, msg("a mapping of texts (the catalog's page header)"))
            return None
        return dict(data)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: object) -> str | Text:
    if value is None:
        return msg("nothing")
    if isinstance(value, str):
        return repr(value) if len(value) <= 80 else repr(value[:77] + "...")
    if isinstance(value, bool):
        return msg("%(value)s (a boolean)", value=str(value).lower())
    if isinstance(value, int | float):
        return msg("%(value)s (a number)", value=str(value))
    if isinstance(value, Mapping):
        return msg("a mapping")
    if isinstance(value, list):
        return msg("a list")
    return f"{value} ({type(value).__name__})"


def profile_from_dict(data: object) -> Profile:
    """The profile `profile_to_dict` wrote out; CatalogError naming each bad field's path otherwise."""
    reader = DictReader()
    profile = reader.profile(data, "")
    if profile is None:
        raise CatalogError(
            [CatalogProblem.of(0, path, message, _code_of(data)) for path, message in reader.problems]
        )
    return profile


def _code_of(data: object) -> str | None:
    if isinstance(data, Mapping):
        identification = data.get("identification")
        if isinstance(identification, Mapping) and isinstance(identification.get("code"), str):
            return str(identification["code"]) or None
    return None
