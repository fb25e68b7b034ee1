"""Parser of the IECM catalog text layout (SPEC sections 1-2): values on one line, their labels on the next.

The page header repeats on every page and is skipped wherever it appears; numbered lists run across page
breaks; a blank type cell in the competency table inherits the type above. Every line it cannot read is a
problem with its line number, and a profile with any problem is left out of the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from rules.areas import split_areas
from rules.catalog.field_list import split_field_list
from rules.catalog.result import CatalogParse
from rules.errors import CatalogProblem, Text, VocabularyError
from rules.errors import text as msg
from rules.profile import Competency, EducationRequirement, ExperienceRequirement, Identification, Profile
from rules.vocabulary import fold, fold_words, parse_level, parse_status

V = TypeVar("V")

IDENTIFICATION = "IDENTIFICACIÓN DEL PUESTO"
EDUCATION = "Instrucción Formal Requerida"
EXPERIENCE = "Experiencia Laboral Requerida"
KNOWLEDGE = "Conocimientos Deseables"
SKILLS = "Habilidad"
FUNCTIONS = "Funciones"
COMPETENCIES = "Competencias"

_SECTION_TITLES = {
    "identificacion del puesto": IDENTIFICATION,
    "instruccion formal requerida": EDUCATION,
    "experiencia laboral requerida": EXPERIENCE,
    "conocimientos deseables": KNOWLEDGE,
    "conocimientos": KNOWLEDGE,
    "habilidad": SKILLS,
    "habilidades": SKILLS,
    "funciones": FUNCTIONS,
    "competencias": COMPETENCIES,
    "tipo competencia grado de dominio": COMPETENCIES,
}
_ORDER = {
    IDENTIFICATION: 0,
    EDUCATION: 1,
    EXPERIENCE: 2,
    KNOWLEDGE: 3,
    SKILLS: 4,
    FUNCTIONS: 5,
    COMPETENCIES: 6,
}
_PAIR_SECTIONS = (IDENTIFICATION, EDUCATION, EXPERIENCE)
_LIST_SECTIONS = (KNOWLEDGE, SKILLS, FUNCTIONS)
_REQUIRED = (IDENTIFICATION, EDUCATION, EXPERIENCE)
# Sub-headings that carry no value of their own ("Posición Jerárquica" heads the two level numbers).
_SUBHEADINGS = {"posicion jerarquica": IDENTIFICATION}

# folded label -> (section, model field, label as published)
_LABELS: dict[str, tuple[str, str, str]] = {
    "codigo": (IDENTIFICATION, "code", "Código"),
    "clave": (IDENTIFICATION, "code", "Código"),
    "cargo puesto": (IDENTIFICATION, "title", "Cargo/Puesto"),
    "cargo": (IDENTIFICATION, "title", "Cargo/Puesto"),
    "puesto": (IDENTIFICATION, "title", "Cargo/Puesto"),
    "adscripcion": (IDENTIFICATION, "unit", "Adscripción"),
    "superior jerarquico": (IDENTIFICATION, "superior", "Superior Jerárquico"),
    "tipo de designacion": (IDENTIFICATION, "appointment_type", "Tipo de Designación"),
    "grado ocupacional": (IDENTIFICATION, "occupational_grade", "Grado ocupacional"),
    "nivel de responsabilidad": (IDENTIFICATION, "responsibility_level", "Nivel de Responsabilidad"),
    "nivel jerarquico": (IDENTIFICATION, "hierarchy_level", "Nivel Jerárquico"),
    "nivel de instruccion": (EDUCATION, "level", "Nivel de Instrucción"),
    "grado de avance": (EDUCATION, "status", "Grado de Avance"),
    "formacion profesional": (EDUCATION, "fields", "Formación Profesional"),
    "anos de experiencia": (EXPERIENCE, "years", "Años de Experiencia"),
    "area de experiencia": (EXPERIENCE, "area", "Área de Experiencia"),
    "areas de experiencia": (EXPERIENCE, "area", "Área de Experiencia"),
}
_LABEL_OF = {name: label for _, name, label in _LABELS.values()}

_COMPETENCY_TYPES = {
    "institucionales": "Institucionales",
    "institucional": "Institucionales",
    "transversales": "Transversales",
    "transversal": "Transversales",
    "tecnicas": "Técnicas",
    "tecnica": "Técnicas",
}

_HEADER_TITLE = "catalogo de cargos y puestos de la rama administrativa del iecm"
_HEADER_FIELD = re.compile(r"^(c[óo]digo|revisi[óo]n|fecha de expedici[óo]n) *: *([^\t]*)$", re.IGNORECASE)
_HEADER_KEYS = {"codigo": "code", "revision": "revision", "fecha de expedicion": "issued"}
_DOCUMENT_ID = re.compile(r"^[A-Z]{2,10}(?:-[A-Z0-9]+)+$")
_DATE = re.compile(r"^\d{1,2}[-/]\d{1,2}[-/]\d{2,4}$")
_PAGE_NUMBER = re.compile(r"^(?:p[áa]gina|p[áa]g\.)\s*\d+(?:\s+de\s+\d+)?$", re.IGNORECASE)

_TAB_CELLS = re.compile(r" *\t *")
_SPACE_CELLS = re.compile(r" {2,}")
_ITEM = re.compile(r"^(?P<number>\d{1,3})[.)]?(?:(?P<strong> *\t[ \t]*| {2,})|(?P<weak> ))(?P<text>\S.*)$")
_BARE_NUMBER = re.compile(r"^(?P<number>\d{1,3})[.)]?$")
_GRADE = re.compile(r"^\d{1,3}\.?$")
_YEARS = re.compile(r"^(?P<years>\d{1,2})(?:\s*(?:años?|anos?))?\.?$", re.IGNORECASE)
_NO_YEARS = frozenset(
    {"no aplica", "n/a", "na", "sin experiencia", "no requerida", "no requerido", "ninguna"}
)

_LONGEST_TITLE = 90
_LONGEST_LABELS = 160
_MAX_WRAPPED_ROW = 4
_MAX_TITLE_LINES = 4
_MAX_BLANKS = 3
_SHORTEST_TITLE_PART = 12


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """The folded form labels and titles are looked up by (cached: the same few lines repeat on every page)."""
    return fold_words(text)


def _clean(line: str) -> str:
    return line.replace("\f", "").replace("\u00a0", " ").replace("\u200b", "").rstrip()


def _cells(line: str) -> list[str]:
    """A line's cells: split on tabs when there are any, otherwise on runs of two or more spaces."""
    parts = _TAB_CELLS.split(line) if "\t" in line else _SPACE_CELLS.split(line)
    return [" ".join(part.split()) for part in parts]


def _join(left: str, right: str) -> str:
    return f"{left} {right}".strip() if left and right else left or right


def _merge_wrapped(rows: list[list[str]]) -> list[str]:
    """One row of values from a line and the lines its values wrapped onto."""
    merged = list(rows[0])
    for parts in rows[1:]:
        if len(parts) == len(merged) > 1:
            # The wrap kept the columns: each part continues the cell above it.
            merged = [_join(above, below) for above, below in zip(merged, parts, strict=True)]
            continue
        while len(parts) > 1 and not parts[0]:
            parts = parts[1:]
        merged[-1] = _join(merged[-1], parts[0])
        merged.extend(parts[1:])
    return merged


def split_experience_areas(text: str) -> tuple[str, ...]:
    """The areas of an Área de Experiencia text, as the profile model stores them (rules.areas splits them)."""
    return split_areas(text)


@dataclass
class _Draft:
    """What has been read of one profile so far, with the line each value came from."""

    start: int
    source: dict[str, str]
    section: str = ""
    sections: dict[str, int] = field(default_factory=dict)
    values: dict[str, tuple[str, int]] = field(default_factory=dict)
    pending: list[tuple[int, list[str]]] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    next_number: dict[str, int] = field(default_factory=dict)
    competencies: list[Competency] = field(default_factory=list)
    competency_type: str = ""
    wrapped_row: tuple[int, list[str], int] | None = None
    problems: list[tuple[int, str, Text]] = field(default_factory=list)

    def problem(self, line: int, section: str, message: Text) -> None:
        self.problems.append((line, section, message))

    @property
    def code(self) -> str | None:
        found = self.values.get("code")
        return found[0] if found and found[0] else None


class _TextParser:
    def __init__(self, text: str) -> None:
        normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = [_clean(line) for line in normalised.split("\n")]
        self.outside: list[CatalogProblem] = []
        self.finished: list[tuple[_Draft, Profile | None]] = []
        self.draft: _Draft | None = None
        self.header: dict[str, str] = {}
        self.building: dict[str, str] | None = None

    # -- the page header -------------------------------------------------------------------------------------

    def _header_lines(self, index: int) -> int:
        """How many lines from `index` belong to the page header (0 when the line is content)."""
        line = self.lines[index].strip()
        if len(line) < _LONGEST_TITLE and (
            line.startswith("**") or line.endswith("**") or line[:1].isalpha()
        ):
            taken = self._header_title(index)
            if taken:
                return taken
        match = _HEADER_FIELD.match(line)
        if match:
            building = self._building()
            key = _HEADER_KEYS[fold(match[1])]
            if key == "revision" and "revision" in building:
                key = "revision_date" if _DATE.match(match[2].strip()) else "revision_2"
            building.setdefault(key, match[2].strip())
            return 1
        if _DOCUMENT_ID.match(line) and (self.building is not None or line.startswith("IECM-")):
            self._building().setdefault("document", line)
            return 1
        if _PAGE_NUMBER.match(line):
            return 1
        return 0

    def _header_title(self, index: int) -> int:
        """Lines taken by the page title: a bold block up to its closing "**" or up to the header's fields, or
        the IECM title (or a part of it, when extraction lost a line) followed by the header's fields."""
        first = self.lines[index].strip()
        bold = first.startswith("**")
        folded = fold(first.strip("*"))
        if not bold and (len(folded) < _SHORTEST_TITLE_PART or folded not in _HEADER_TITLE):
            return 0
        taken = [first]
        position = index + 1
        closed = first.endswith("**") and len(first) > 2
        while not closed and folded != _HEADER_TITLE and len(taken) <= _MAX_TITLE_LINES:
            following = self._next_content(position)
            if following is None:
                break
            line = self.lines[following].strip()
            if _HEADER_FIELD.match(line) or _DOCUMENT_ID.match(line):
                break
            candidate = fold(line.strip("*"))
            if not bold and f"{folded} {candidate}" not in _HEADER_TITLE:
                break
            taken.append(line)
            folded = f"{folded} {candidate}"
            position = following + 1
            closed = line.endswith("**")
        # A title is closed by its bold marks or followed by the header's fields; a function that cites the
        # catalog by name is neither, and stays content.
        if not (closed or self._header_field_follows(position)):
            return 0
        self.building = {"title": " ".join(" ".join(taken).replace("*", " ").split())}
        return position - index

    def _next_content(self, position: int) -> int | None:
        for following in range(position, min(position + _MAX_BLANKS + 1, len(self.lines))):
            if self.lines[following].strip():
                return following
        return None

    def _header_field_follows(self, position: int) -> bool:
        for line in self.lines[position : position + _MAX_BLANKS + 1]:
            if line.strip():
                return bool(_HEADER_FIELD.match(line.strip()) or _DOCUMENT_ID.match(line.strip()))
        return False

    def _building(self) -> dict[str, str]:
        if self.building is None:
            self.building = {}
        return self.building

    def _close_header(self) -> None:
        if self.building is not None:
            self.header = self.building
            self.building = None
            if self.draft is not None and not self.draft.source:
                self.draft.source = dict(self.header)

    # -- the main loop -----------------------------------------------------------------------------------------

    def run(self) -> CatalogParse:
        index = 0
        previous = ""
        while index < len(self.lines):
            if not self.lines[index].strip():
                index += 1
                continue
            taken = self._header_lines(index)
            if taken:
                index += taken
                continue
            self._close_header()
            line = self.lines[index]
            if line.strip() == previous and self.draft is not None:
                # Extraction that doubled a line would otherwise double a value or an item's text silently.
                self.draft.problem(
                    index + 1,
                    self.draft.section,
                    msg("line repeats the line above: %(line)s", line=repr(previous)),
                )
            else:
                self._content_line(index + 1, line)
            previous = line.strip()
            index += 1
        self._close_header()
        self._finish_draft()
        return self._result()

    def _content_line(self, number: int, line: str) -> None:
        cells = _cells(line)
        title = _section_title(line, cells)
        if title is not None:
            self._enter_section(number, title)
            return
        draft = self.draft
        if draft is None:
            self.outside.append(
                CatalogProblem.of(
                    number, "", msg("text outside any profile: %(line)s", line=repr(line.strip()))
                )
            )
        elif draft.section in _PAIR_SECTIONS:
            self._pair_line(draft, number, line, cells)
        elif draft.section in _LIST_SECTIONS:
            self._list_line(draft, number, line, cells)
        else:
            self._competency_line(draft, number, cells)

    def _enter_section(self, number: int, title: str) -> None:
        draft = self.draft
        starts_profile = (
            draft is None
            or title == IDENTIFICATION
            # A required section seen again, or after later ones: the next profile began without its title.
            or (title in _REQUIRED and (title in draft.sections or _ORDER[draft.section] > _ORDER[title]))
        )
        if starts_profile:
            self._finish_draft()
            draft = self.draft = _Draft(start=number, source=dict(self.header))
        else:
            assert draft is not None  # nosec B101 # narrows the type; a clause line only follows its position header
            self._close_section(draft)
        draft.section = title
        draft.sections.setdefault(title, number)

    def _close_section(self, draft: _Draft) -> None:
        for line, cells in draft.pending:
            draft.problem(
                line, draft.section, msg("values with no labels under them: %(cells)s", cells=_shown(cells))
            )
        draft.pending.clear()
        if draft.wrapped_row is not None:
            line, cells, _ = draft.wrapped_row
            draft.problem(
                line, COMPETENCIES, msg("competency row with no grade: %(cells)s", cells=_shown(cells))
            )
            draft.wrapped_row = None

    # -- values and their labels ------------------------------------------------------------------------------

    def _pair_line(self, draft: _Draft, number: int, line: str, cells: list[str]) -> None:
        filled = [cell for cell in cells if cell]
        keys = [_key(cell) for cell in filled] if len(line) <= _LONGEST_LABELS else []
        if keys and all(key in _LABELS for key in keys):
            self._labels_line(draft, number, [_LABELS[key] for key in keys])
        elif len(keys) == 1 and _SUBHEADINGS.get(keys[0]) == draft.section:
            return
        else:
            draft.pending.append((number, cells))

    def _labels_line(self, draft: _Draft, number: int, labels: list[tuple[str, str, str]]) -> None:
        names = ", ".join(label for _, _, label in labels)
        misplaced = [label for section, _, label in labels if section != draft.section]
        if misplaced:
            owner = _LABELS[_key(misplaced[0])][0]
            draft.problem(
                number,
                draft.section,
                msg(
                    "label %(label)s belongs to section %(section)s, whose title is missing before it",
                    label=repr(misplaced[0]),
                    section=repr(owner),
                ),
            )
            for line, cells in draft.pending:
                draft.problem(
                    line,
                    draft.section,
                    msg(
                        "values of section %(section)s read without it: %(cells)s",
                        section=repr(owner),
                        cells=_shown(cells),
                    ),
                )
            draft.pending.clear()
            return
        if not draft.pending:
            draft.problem(
                number, draft.section, msg("labels with no values above them: %(labels)s", labels=names)
            )
            return
        first = draft.pending[0][0]
        values = _merge_wrapped([cells for _, cells in draft.pending])
        draft.pending.clear()
        while len(values) > len(labels) and not values[-1]:
            values.pop()
        while len(values) > len(labels) and not values[0]:
            values.pop(0)
        if len(values) > len(labels):
            draft.problem(
                first,
                draft.section,
                msg(
                    "%(values)s values for %(count)s labels (%(labels)s): %(cells)s",
                    values=len(values),
                    count=len(labels),
                    labels=names,
                    cells=_shown(values),
                ),
            )
            return
        values += [""] * (len(labels) - len(values))
        for (_, name, label), value in zip(labels, values, strict=True):
            if name in draft.values:
                draft.problem(
                    number, draft.section, msg("%(label)s appears twice in this profile", label=label)
                )
            else:
                draft.values[name] = (value, first)

    # -- numbered lists ---------------------------------------------------------------------------------------

    def _list_line(self, draft: _Draft, number: int, line: str, cells: list[str]) -> None:
        section = draft.section
        items = draft.lists.setdefault(section, [])
        expected = draft.next_number.get(section, 1)
        stripped = line.strip()
        item = _ITEM.match(stripped)
        bare = _BARE_NUMBER.match(stripped) if item is None else None
        found = item or bare
        if found is not None:
            at = int(found["number"])
            if at == expected or (item is not None and item["strong"]):
                if at != expected:
                    slip = (
                        msg(
                            "item %(at)s where item %(expected)s was expected (the numbering repeats)",
                            at=at,
                            expected=expected,
                        )
                        if at < expected
                        else msg(
                            "item %(at)s where item %(expected)s was expected (the numbering skips)",
                            at=at,
                            expected=expected,
                        )
                    )
                    draft.problem(number, section, slip)
                items.append(" ".join(item["text"].split()) if item is not None else "")
                # After a repeated number, count on from the expected one: one slip gives one problem.
                draft.next_number[section] = max(at, expected) + 1
                return
            if bare is not None:
                draft.problem(
                    number,
                    section,
                    msg("number %(at)s where item %(expected)s was expected", at=at, expected=expected),
                )
                return
        filled = [cell for cell in cells if cell]
        if not items:
            draft.problem(
                number, section, msg("text where item 1 was expected: %(text)s", text=repr(stripped))
            )
        elif len(filled) != 1:
            draft.problem(
                number,
                section,
                msg("a line with several columns inside a numbered list: %(cells)s", cells=_shown(filled)),
            )
        else:
            items[-1] = _join(items[-1], filled[0])

    # -- the competency table ---------------------------------------------------------------------------------

    def _competency_line(self, draft: _Draft, number: int, cells: list[str]) -> None:
        filled = [cell for cell in cells if cell]
        line = number
        if draft.wrapped_row is not None:
            first, above, count = draft.wrapped_row
            draft.wrapped_row = None
            # A row that opens with a blank type cell or a type word is the next row, not the rest of this one.
            new_row = len(filled) >= 2 and (not cells[0] or _competency_type(filled[0]) is not None)
            if new_row:
                draft.problem(
                    first, COMPETENCIES, msg("competency row with no grade: %(cells)s", cells=_shown(above))
                )
            elif len(filled) == 1 and _GRADE.match(filled[0]):
                filled, line = [*above, filled[0]], first
            else:
                filled, line = [*above[:-1], _join(above[-1], filled[0]), *filled[1:]], first
                if not _GRADE.match(filled[-1]):
                    if count >= _MAX_WRAPPED_ROW:
                        draft.problem(
                            first,
                            COMPETENCIES,
                            msg("competency row with no grade: %(cells)s", cells=_shown(filled)),
                        )
                    else:
                        draft.wrapped_row = (first, filled, count + 1)
                    return
        if len(filled) == 1 and _competency_type(filled[0]):
            draft.competency_type = _competency_type(filled[0]) or ""
            return
        if not _GRADE.match(filled[-1]):
            draft.wrapped_row = (line, filled, 1)
            return
        grade = int(filled[-1].rstrip("."))
        if len(filled) == 3:
            kind = _competency_type(filled[0])
            if kind is None:
                draft.problem(
                    line,
                    COMPETENCIES,
                    msg(
                        "competency type: found %(found)s; accepted: Institucionales, Transversales, Técnicas",
                        found=repr(filled[0]),
                    ),
                )
                return
            draft.competency_type = kind
            name = filled[1]
        elif len(filled) == 2 and not _competency_type(filled[0]):
            name = filled[0]
            if not draft.competency_type:
                draft.problem(
                    line,
                    COMPETENCIES,
                    msg("competency %(name)s with a blank type and no type above it", name=repr(name)),
                )
                return
        else:
            draft.problem(
                line,
                COMPETENCIES,
                msg(
                    "competency row: found %(cells)s; accepted: type, competency, grade (the type may be blank "
                    "to repeat the one above)",
                    cells=_shown(filled),
                ),
            )
            return
        if not 1 <= grade <= 5:
            draft.problem(
                line,
                COMPETENCIES,
                msg(
                    "Grado de Dominio of %(name)s: found %(grade)s; accepted: 1 to 5",
                    name=repr(name),
                    grade=grade,
                ),
            )
            return
        draft.competencies.append(Competency(draft.competency_type, name, grade))

    # -- assembling profiles ----------------------------------------------------------------------------------

    def _finish_draft(self) -> None:
        draft = self.draft
        if draft is None:
            return
        self.draft = None
        self._close_section(draft)
        self.finished.append((draft, _assemble(draft)))

    def _result(self) -> CatalogParse:
        starts: dict[str, list[int]] = {}
        for draft, _ in self.finished:
            if draft.code is not None:
                starts.setdefault(draft.code, []).append(draft.sections.get(IDENTIFICATION, draft.start))
        profiles: list[Profile] = []
        problems = list(self.outside)
        for draft, profile in self.finished:
            code = draft.code
            lines = starts.get(code, []) if code is not None else []
            if len(lines) > 1:
                where = ", ".join(str(line) for line in lines)
                draft.problem(
                    draft.sections.get(IDENTIFICATION, draft.start),
                    IDENTIFICATION,
                    msg(
                        "code %(code)s appears %(count)s times in this catalog (lines %(lines)s)",
                        code=str(code),
                        count=len(lines),
                        lines=where,
                    ),
                )
                profile = None
            if profile is not None:
                profiles.append(profile)
            problems.extend(
                CatalogProblem.of(line, section, message, code) for line, section, message in draft.problems
            )
        problems.sort(key=lambda problem: problem.line)
        return CatalogParse(tuple(profiles), tuple(problems))


def _section_title(line: str, cells: list[str]) -> str | None:
    if len(line) > _LONGEST_TITLE:
        return None
    return _SECTION_TITLES.get(_key(" ".join(cell for cell in cells if cell)))


def _competency_type(text: str) -> str | None:
    return _COMPETENCY_TYPES.get(fold(text))


def _shown(cells: list[str]) -> str:
    return " | ".join(repr(cell) for cell in cells)


def _value(draft: _Draft, name: str, section: str) -> tuple[str, int] | None:
    found = draft.values.get(name)
    if found is None or not found[0]:
        line = found[1] if found else draft.sections[section]
        draft.problem(line, section, msg("no %(label)s given", label=_LABEL_OF[name]))
        return None
    return found


def _assemble(draft: _Draft) -> Profile | None:
    """The profile a draft describes, or None after recording why it cannot be one."""
    for section in _REQUIRED:
        if section not in draft.sections:
            draft.problem(
                draft.start,
                section,
                msg(
                    "missing required section %(section)s in the profile starting at line %(line)s",
                    section=repr(section),
                    line=draft.start,
                ),
            )
    for section, items in draft.lists.items():
        for position, text in enumerate(items, start=1):
            if not text:
                draft.problem(
                    draft.sections[section], section, msg("item %(position)s has no text", position=position)
                )
    identification = _identification(draft) if IDENTIFICATION in draft.sections else None
    education = _education(draft) if EDUCATION in draft.sections else None
    experience = _experience(draft) if EXPERIENCE in draft.sections else None
    if draft.problems or identification is None or education is None or experience is None:
        return None
    return Profile(
        identification=identification,
        education=education,
        experience=experience,
        knowledge=tuple(draft.lists.get(KNOWLEDGE, ())),
        skills=tuple(draft.lists.get(SKILLS, ())),
        competencies=tuple(draft.competencies),
        functions=tuple(draft.lists.get(FUNCTIONS, ())),
        source=dict(draft.source),
    )


def _identification(draft: _Draft) -> Identification | None:
    code = _value(draft, "code", IDENTIFICATION)
    title = _value(draft, "title", IDENTIFICATION)
    if code is None or title is None:
        return None
    if any(char.isspace() for char in code[0]):
        draft.problem(
            code[1],
            IDENTIFICATION,
            msg("Código: found %(found)s; accepted: a code without spaces", found=repr(code[0])),
        )
        return None

    def value_of(name: str) -> str:
        return draft.values.get(name, ("", 0))[0]

    return Identification(
        code=code[0],
        title=title[0],
        unit=value_of("unit"),
        superior=value_of("superior"),
        appointment_type=value_of("appointment_type"),
        occupational_grade=value_of("occupational_grade"),
        responsibility_level=value_of("responsibility_level"),
        hierarchy_level=value_of("hierarchy_level"),
    )


def _vocabulary(
    draft: _Draft, value: tuple[str, int] | None, parse: Callable[[str], V], label: str
) -> V | None:
    """A level or status word of the education section, or a problem on its line naming what is accepted."""
    if value is None:
        return None
    try:
        return parse(value[0])
    except VocabularyError as error:
        draft.problem(
            value[1],
            EDUCATION,
            msg(
                "%(label)s: found %(found)s; accepted: %(accepted)s",
                label=label,
                found=repr(error.found),
                accepted=Text(error.accepted),
            ),
        )
        return None


def _education(draft: _Draft) -> EducationRequirement | None:
    level_value = _value(draft, "level", EDUCATION)
    status_value = _value(draft, "status", EDUCATION)
    fields_value = draft.values.get("fields")
    if fields_value is None:
        draft.problem(draft.sections[EDUCATION], EDUCATION, msg("no Formación Profesional given"))
    level = _vocabulary(draft, level_value, parse_level, "Nivel de Instrucción")
    status = _vocabulary(draft, status_value, parse_status, "Grado de Avance")
    if level is None or status is None or fields_value is None:
        return None
    fields, accepts_equivalents = split_field_list(fields_value[0])
    return EducationRequirement(level, status, fields, accepts_equivalents, fields_value[0])


def _experience(draft: _Draft) -> ExperienceRequirement | None:
    years_value = _value(draft, "years", EXPERIENCE)
    area_value = draft.values.get("area")
    if area_value is None:
        draft.problem(draft.sections[EXPERIENCE], EXPERIENCE, msg("no Área de Experiencia given"))
    if years_value is None:
        return None
    years: int | None = None
    match = _YEARS.match(years_value[0])
    if match is not None:
        years = int(match["years"])
    elif fold(years_value[0]) in _NO_YEARS:
        years = 0
    else:
        draft.problem(
            years_value[1],
            EXPERIENCE,
            msg(
                "Años de Experiencia: found %(found)s; accepted: a whole number of years (2, 2 años) or No aplica",
                found=repr(years_value[0]),
            ),
        )
    if years is None or area_value is None:
        return None
    text = area_value[0]
    areas = () if fold(text) in _NO_YEARS else split_experience_areas(text)
    return ExperienceRequirement(years, areas, text)


def parse_catalog_text(text: str) -> CatalogParse:
    """Every profile of a catalog in the IECM text layout, and a problem for each line it cannot read."""
    return _TextParser(text).run()
