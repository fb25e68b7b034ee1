"""One row of a bulk file -> the candidate JSON of SPEC section 4, with errors that name the row's columns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from rules.errors import InputProblem
from rules.render import problem_in
from rules.vocabulary import fold
from screening.bulk.headers import Column, ColumnMap
from screening.i18n import translated

Cell = str | int | float | bool | date | datetime | None

_ONGOING = frozenset(
    fold(word)
    for word in (
        "actual",
        "actualmente",
        "a la fecha",
        "presente",
        "vigente",
        "hoy",
        "en curso",
        "current",
        "present",
        "ongoing",
        "now",
        "to date",
    )
)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?$")
_NUMBER = re.compile(r"^[+]?\d+(?:[.,]\d+)?$")
# One-letter codes stay as written: "M" is mujer in CURP's convention and male in English forms.
_GENDERS = {
    "mujer": "mujer",
    "femenino": "mujer",
    "female": "mujer",
    "woman": "mujer",
    "hombre": "hombre",
    "masculino": "hombre",
    "male": "hombre",
    "man": "hombre",
    "no binario": "no binario",
    "no binaria": "no binario",
    "non binary": "no binario",
    "nonbinary": "no binario",
    "otro": "otro",
    "other": "otro",
    "prefiero no decir": "sin dato",
    "no especificado": "sin dato",
}


def cell_text(cell: Cell) -> str:
    """A cell as the text a person sees: whole numbers without ".0", dates as ISO, text stripped."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def is_empty(cells: Sequence[Cell]) -> bool:
    return all(cell_text(cell) == "" for cell in cells)


def parse_number(text: str) -> int | str | None:
    """Years or hours: "3" -> 3, "2,5" or "2.5" -> "2.5" (decimal text, never a float); None if not a number."""
    if not _NUMBER.match(text):
        return None
    plain = text.lstrip("+").replace(",", ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


def parse_date_cell(cell: Cell) -> str | None:
    """A job date as ISO text: Excel dates, "2021-03", "15/03/2021" (day first, as written in Mexico),
    "03/2021"; empty or "actual" is None (ongoing). Anything else is passed on as written, for the
    candidate validation to name."""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    text = cell_text(cell)
    if not text or fold(text) in _ONGOING:
        return None
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        return _iso(year, month, day) or text
    if match := _MY.match(text):
        month, year = int(match.group(1)), int(match.group(2))
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else text
    if match := _YMD_SLASH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if match.group(3) is None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else text
        return _iso(year, month, int(match.group(3))) or text
    return text


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def split_list(text: str) -> list[str]:
    """Knowledge and skills: items separated by ";" or line breaks."""
    return [item.strip() for item in re.split(r"[;\n\r]+", text) if item.strip()]


def gender_group(cell: Cell) -> str:
    """The group a gender cell counts in for batch statistics (never part of the candidate)."""
    text = fold(cell_text(cell)).replace("-", " ")
    if not text:
        return "sin dato"
    # One letter stays as written ("M" is mujer in CURP, male in English forms); any other text is "otro",
    # so no free text a person typed is ever kept in the statistics.
    if len(text) == 1 and text.isalpha():
        return text
    return _GENDERS.get(text, "otro")


@dataclass(frozen=True)
class MappedRow:
    candidate: dict[str, Any]
    folio: str
    gender: str | None
    problems: tuple[InputProblem, ...]
    """Problems found while reading the cells (numbers, lists); the candidate validation finds the rest."""


def row_to_candidate(cells: Sequence[Cell], columns: ColumnMap) -> MappedRow:
    """The candidate JSON a row describes; empty cells are left out, the gender column never enters it."""
    problems: list[InputProblem] = []
    degrees: dict[int, dict[str, Any]] = {}
    jobs: dict[int, dict[str, Any]] = {}
    summary: dict[str, Any] = {}
    candidate: dict[str, Any] = {}
    folio = ""
    gender: str | None = None
    for column in columns.columns:
        cell = cells[column.index] if column.index < len(cells) else None
        kind = column.target[0]
        if kind == "gender":
            gender = gender_group(cell)
            continue
        text = cell_text(cell)
        if kind == "job" and column.target[2] in ("start", "end"):
            if text:
                jobs.setdefault(int(column.target[1]), {})[_job_key(column)] = parse_date_cell(cell)
            continue
        if not text:
            continue
        if kind == "folio":
            folio = text
            candidate["folio"] = text
        elif kind == "degree":
            degrees.setdefault(int(column.target[1]), {})[str(column.target[2])] = text
        elif kind == "job":
            value: Any = text
            if column.target[2] == "hours":
                value = _number(text, column, "hours per week such as 40 or 20", problems)
            jobs.setdefault(int(column.target[1]), {})[_job_key(column)] = value
        elif kind == "summary":
            if column.target[1] == "years":
                summary["years"] = _number(text, column, "a number of years such as 2 or 2,5", problems)
            else:
                summary["area"] = text
        elif kind in ("knowledge", "skills"):
            candidate[str(kind)] = split_list(text)
        elif kind == "competencies":
            candidate["competencies"] = _competencies(text, column, problems)
    if degrees:
        candidate["degrees"] = [degrees[number] for number in sorted(degrees)]
    if jobs:
        for job in jobs.values():
            job.setdefault("end", None)
        candidate["jobs"] = [jobs[number] for number in sorted(jobs)]
    if summary:
        candidate["experience_summary"] = summary
    return MappedRow(candidate, folio, gender, tuple(problems))


def _job_key(column: Column) -> str:
    return column.path.rsplit(".", 1)[1]


def _number(text: str, column: Column, accepted: str, problems: list[InputProblem]) -> int | str:
    value = parse_number(text)
    if value is None:
        problems.append(InputProblem(column.path, f'"{text}"', accepted))
        return text
    return value


def _competencies(text: str, column: Column, problems: list[InputProblem]) -> dict[str, int]:
    """ "Planeación y estrategia: 4; Vinculación: 3" -> {"Planeación y estrategia": 4, "Vinculación": 3}."""
    result: dict[str, int] = {}
    for item in split_list(text):
        name, colon, grade = item.rpartition(":")
        grade_value = parse_number(grade.strip()) if colon else None
        if not colon or not name.strip() or not isinstance(grade_value, int):
            problems.append(
                InputProblem(
                    column.path, f'"{item}"', '"competencia: grado; ..." with a whole grade from 1 to 5'
                )
            )
            continue
        result[name.strip()] = grade_value
    return result


def describe_problem(problem: InputProblem, columns: ColumnMap, lang: str) -> str:
    """An input problem in the `error` column, in `lang`: ``nivel (degrees[0].level): found "Kinder"; accepted:
    ...`` (Spanish: ``se encontró ...; se acepta: ...``)."""
    shown = problem_in(problem, lang)
    header = header_for_path(problem.path, columns)
    where = f"{header} ({problem.path})" if header else problem.path
    return translated(
        lang,
        "%(where)s: found %(found)s; accepted: %(accepted)s",
        where=where,
        found=shown.found,
        accepted=shown.accepted,
    )


def header_for_path(path: str, columns: ColumnMap) -> str | None:
    """The header of the column a candidate path came from (longest matching path prefix)."""
    best: tuple[int, str] | None = None
    for column in columns.columns:
        column_path = column.path
        if (
            path == column_path or path.startswith(column_path + ".") or path.startswith(column_path + "[")
        ) and (best is None or len(column_path) > best[0]):
            best = (len(column_path), column.header)
    return best[1] if best else None
