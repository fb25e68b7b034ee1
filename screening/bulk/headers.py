"""Header names of bulk files: normalisation, the documented aliases (docs/bulk.md) and the column map.

SPEC section 4 (Bulk files): headers in Spanish or English, any case, with or without accents; several degrees
as ``nivel_2``, ``carrera_2``; jobs as ``puesto_N``, ``area_N``, ``inicio_N``, ``fin_N``, ``horas_N``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rules.errors import Text, text
from rules.vocabulary import fold
from screening.bulk.limits import BulkFileError

MAX_DEGREES = 20
MAX_JOBS = 100

# Words that carry no meaning in a header: "Área de experiencia" = "Area experiencia" = "AREA_EXPERIENCIA".
_FILLER = frozenset({"de", "del", "la", "el", "los", "las", "en", "of", "the", "por", "per", "in", "a"})
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_NUMBERED = re.compile(r"^(.*?)\s*(\d{1,4})$")


def normalise_header(text: str) -> str:
    """Folded header words without separators or filler words: "Años_de Experiencia" -> "anos experiencia"."""
    words = _SEPARATORS.sub(" ", fold(text)).split()
    return " ".join(word for word in words if word not in _FILLER)


# field name -> aliases (already in the form normalise_header gives, checked at import).
_DEGREE_ALIASES = {
    "level": (
        "nivel",
        "nivel instruccion",
        "nivel estudios",
        "nivel academico",
        "escolaridad",
        "ultimo grado estudios",
        "level",
        "education level",
        "degree level",
        "degree",
        "education",
        "level education",
    ),
    "status": (
        "grado avance",
        "estatus",
        "status",
        "avance",
        "situacion academica",
        "estatus academico",
        "degree status",
        "education status",
        "status degree",
    ),
    "field": (
        "carrera",
        "formacion",
        "formacion profesional",
        "profesion",
        "campo estudio",
        "area estudio",
        "field",
        "field study",
        "study field",
        "career",
        "major",
        "degree field",
    ),
    "institution": (
        "institucion",
        "escuela",
        "universidad",
        "institucion educativa",
        "institution",
        "school",
        "university",
    ),
}
_JOB_ALIASES = {
    "title": ("puesto", "cargo", "puesto desempenado", "empleo", "job", "job title", "title", "position"),
    "area": ("area puesto", "job area", "area experiencia puesto"),
    "start": ("inicio", "fecha inicio", "desde", "start", "start date", "from", "inicio puesto"),
    "end": ("fin", "fecha fin", "termino", "fecha termino", "hasta", "end", "end date", "to", "fin puesto"),
    "hours": (
        "horas",
        "horas semana",
        "horas semanales",
        "jornada",
        "hours",
        "hours week",
        "weekly hours",
        "hours per week",
    ),
}
# "area" alone is the summary's area; "area_N" is job N's area.
_NUMBERED_ONLY_JOB = {"area": "area"}
_SINGLE_ALIASES = {
    ("folio",): (
        "folio",
        "numero folio",
        "no folio",
        "num folio",
        "folio aspirante",
        "folio candidato",
        "folio persona aspirante",
        "id",
        "id aspirante",
        "applicant id",
        "candidate id",
        "file number",
        "application id",
    ),
    ("summary", "years"): (
        "anos experiencia",
        "ano experiencia",
        "experiencia anos",
        "anos",
        "years experience",
        "year experience",
        "years",
        "experience years",
        "experiencia laboral anos",
    ),
    ("summary", "area"): (
        "area experiencia",
        "area",
        "experience area",
        "experiencia area",
        "area experiencia laboral",
    ),
    ("knowledge",): ("conocimientos", "conocimiento", "conocimientos deseables", "knowledge"),
    ("skills",): ("habilidades", "habilidad", "skills", "skill"),
    ("competencies",): ("competencias", "competencia", "competencies", "competency"),
    ("gender",): ("sexo", "genero", "gender", "sex"),
}


def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, str]]]:
    single: dict[str, tuple[str, ...]] = {}
    numbered: dict[str, tuple[str, str]] = {}
    for target, aliases in _SINGLE_ALIASES.items():
        for alias in aliases:
            single[normalise_header(alias)] = target
    for kind, table in (("degree", _DEGREE_ALIASES), ("job", _JOB_ALIASES)):
        for name, aliases in table.items():
            for alias in aliases:
                key = normalise_header(alias)
                if numbered.get(key, (kind, name)) != (kind, name) or key in single:
                    raise AssertionError(f"header alias {alias!r} names two columns")
                numbered[key] = (kind, name)
    for key, name in _NUMBERED_ONLY_JOB.items():
        numbered[key] = ("job", name)
    return single, numbered


_SINGLE, _NUMBERED_TABLE = _table()

# Candidate JSON path of every target (SPEC section 4 shape).
_JOB_KEYS = {"title": "title", "area": "area", "start": "start", "end": "end", "hours": "hours_per_week"}


@dataclass(frozen=True)
class Column:
    """What one column of the file means."""

    index: int
    header: str
    """The header as written in the file, shown in errors."""
    target: tuple[str | int, ...]
    """("folio",), ("degree", 0, "level"), ("job", 2, "start"), ("summary", "years"), ("knowledge",) ..."""

    @property
    def path(self) -> str:
        """The candidate JSON path this column fills (``degrees[0].level``)."""
        kind = self.target[0]
        if kind == "degree":
            return f"degrees[{self.target[1]}].{self.target[2]}"
        if kind == "job":
            return f"jobs[{self.target[1]}].{_JOB_KEYS[str(self.target[2])]}"
        if kind == "summary":
            return f"experience_summary.{self.target[1]}"
        return str(kind)


def classify_header(header: str) -> tuple[str | int, ...] | None:
    """The target a header names, or None when it is not one of the documented aliases."""
    key = normalise_header(header)
    if not key:
        return None
    if key in _SINGLE:
        return _SINGLE[key]
    match = _NUMBERED.match(key)
    base, number = (match.group(1).strip(), int(match.group(2))) if match else (key, 1)
    if match is None and key in _NUMBERED_ONLY_JOB:
        return None
    entry = _NUMBERED_TABLE.get(base)
    if entry is None or number < 1:
        return None
    kind, name = entry
    limit = MAX_DEGREES if kind == "degree" else MAX_JOBS
    if number > limit:
        return None
    return (kind, number - 1, name)


@dataclass(frozen=True)
class ColumnMap:
    columns: tuple[Column, ...]
    ignored: tuple[str, ...]
    """Named headers that are not documented aliases: read, never used, listed in the summary."""
    width: int
    """Number of header cells up to the last non-empty one."""

    def by_kind(self, kind: str) -> list[Column]:
        return [column for column in self.columns if column.target[0] == kind]


EXPECTED = text(
    "nivel (level), grado de avance (status), carrera (field), and either años de experiencia + área de "
    "experiencia (years + area) or dated jobs puesto_1, area_1, inicio_1, fin_1"
)


def count_known(headers: Sequence[str]) -> int:
    """How many headers are documented aliases (chooses the delimiter when the sniffer is unsure)."""
    return sum(1 for header in headers if classify_header(header) is not None)


def map_columns(headers: Sequence[str], max_columns: int) -> ColumnMap:
    """The column map of a header row; BulkFileError at once when required columns are missing."""
    cleaned = [header.strip() if isinstance(header, str) else str(header) for header in headers]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if len(cleaned) > max_columns:
        raise BulkFileError(
            text(
                "header row has %(count)s columns; accepted: at most %(limit)s columns",
                count=f"{len(cleaned):,}",
                limit=f"{max_columns:,}",
            )
        )
    columns: list[Column] = []
    ignored: list[str] = []
    seen: dict[tuple[str | int, ...], str] = {}
    for index, header in enumerate(cleaned):
        if not header:
            continue
        target = classify_header(header)
        if target is None:
            ignored.append(header)
            continue
        if target in seen:
            raise BulkFileError(
                text(
                    "columns %(first)s and %(second)s both mean %(path)s; accepted: one column per value",
                    first=repr(seen[target]),
                    second=repr(header),
                    path=Column(index, header, target).path,
                )
            )
        seen[target] = header
        columns.append(Column(index, header, target))
    column_map = ColumnMap(tuple(columns), tuple(ignored), len(cleaned))
    _require(column_map, cleaned)
    return column_map


def _require(column_map: ColumnMap, headers: Sequence[str]) -> None:
    targets = {column.target for column in column_map.columns}
    missing: list[str | Text] = [
        label
        for label, target in (
            ("nivel", ("degree", 0, "level")),
            ("grado de avance", ("degree", 0, "status")),
            ("carrera", ("degree", 0, "field")),
        )
        if target not in targets
    ]
    has_summary = ("summary", "years") in targets and ("summary", "area") in targets
    has_jobs = any(column.target[0] == "job" for column in column_map.columns)
    if not has_summary and not has_jobs:
        missing.append(text("años de experiencia + área de experiencia, or puesto_1/area_1/inicio_1/fin_1"))
    if has_jobs:
        for column in column_map.by_kind("job"):
            number = int(column.target[1])
            for needed in ("area", "start"):
                if ("job", number, needed) not in targets:
                    label = {"area": "area", "start": "inicio"}[needed]
                    missing.append(
                        text(
                            "%(column)s (for %(header)s)",
                            column=f"{label}_{number + 1}",
                            header=repr(column.header),
                        )
                    )
    if missing:
        found: str | Text = ", ".join(repr(header) for header in headers if header) or text("no header")
        raise BulkFileError(
            text(
                "missing columns: %(missing)s; found: %(found)s; expected: %(expected)s",
                missing=_joined(list(dict.fromkeys(missing))),
                found=found,
                expected=EXPECTED,
            )
        )


def _joined(items: list[str | Text]) -> Text:
    """Items written with ", " between them, each in the message's language."""
    names = {f"item{index}": item for index, item in enumerate(items)}
    return Text(", ".join(f"%({name})s" for name in names), tuple(names.items()))
