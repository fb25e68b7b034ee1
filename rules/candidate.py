"""The candidate model and its validation: every problem names its field path, what was found, what is accepted.

SPEC section 4 (Candidate JSON). Unknown keys are rejected; personal data is optional and never reaches a rule.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, TypeVar

from rules.errors import InputErrors, InputProblem, Text, VocabularyError, text
from rules.vocabulary import Level, Status, parse_level, parse_status

MAX_TEXT = 2000
MAX_DEGREES = 20
MAX_JOBS = 100
MAX_ITEMS = 200
MAX_COMPETENCIES = 100
MAX_NAME = 200
"""Characters of a competency's name (the key of `competencies`)."""
MAX_READ_TEXT = 6000
"""Characters of every text of degrees, jobs, experience_summary, knowledge, skills and competencies added up:
the rules' work grows with the text they read (about 2 us a character), so this bounds what any accepted
candidate costs (bench/load.py bodies: the worst accepted body against a typical one). Real candidates write
a few hundred characters in all (bench/realistic.py: at most 674 in 10,000); with 8,000 the worst
body cost 18x a typical one, too close to 20x."""
MAX_UNKNOWN_KEYS = 10
"""Unknown keys named one by one in an object; past this many, one problem counts them all."""
MAX_SHOWN_KEY = 40
"""Characters of a key shown in a problem's path; a longer key is cut with "..."."""
MAX_YEARS = Decimal(80)
MAX_HOURS = Decimal(168)
EARLIEST = date(1900, 1, 1)

PERSONAL_KEYS = frozenset({"name", "email", "curp", "gender"})
TOP_KEYS = frozenset(
    {"folio", "degrees", "jobs", "experience_summary", "knowledge", "skills", "competencies"} | PERSONAL_KEYS
)
DEGREE_KEYS = frozenset({"level", "status", "field", "institution"})
JOB_KEYS = frozenset({"title", "area", "start", "end", "hours_per_week"})
SUMMARY_KEYS = frozenset({"years", "area"})

# Dates as people write them (SPEC section 3 names the ISO forms; day first is how dates are written in Mexico,
# and the bulk reader passes such cells on as written).
# re.ASCII: digits are 0-9 only; full-width (２０２１) or Arabic-Indic digits are not read as a date.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", re.ASCII)
_YEAR_FIRST = re.compile(r"^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?$", re.ASCII)
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", re.ASCII)
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$", re.ASCII)


@dataclass(frozen=True)
class Degree:
    level: Level
    status: Status
    field: str
    institution: str | None = None


@dataclass(frozen=True)
class Job:
    title: str
    area: str
    start: date
    end: date | None
    """None: ongoing, runs to as_of."""
    hours_per_week: Decimal | None = None


@dataclass(frozen=True)
class ExperienceSummary:
    years: Decimal
    area: str


@dataclass(frozen=True)
class Candidate:
    folio: str | None = None
    degrees: tuple[Degree, ...] = ()
    jobs: tuple[Job, ...] = ()
    experience_summary: ExperienceSummary | None = None
    knowledge: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    competencies: tuple[tuple[str, int], ...] = ()


_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate: JSON's reader takes the escape \\ud800 as such a code point, which is no character and
cannot be written as UTF-8 (nor stored, hashed or answered)."""


def visible(text: str) -> str:
    """`text` with any lone surrogate written as its escape (\\ud800), so it can be shown and encoded."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _cut(key: Any) -> str:
    shown = str(key)
    return shown if len(shown) <= MAX_SHOWN_KEY else shown[: MAX_SHOWN_KEY - 3] + "..."


def _key(key: Any) -> str:
    """A key as a problem's path shows it: cut to MAX_SHOWN_KEY characters, so a huge key is not echoed, and
    any lone surrogate written as its escape."""
    return visible(_cut(key))


def _show(value: Any) -> str | Text:
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:77] + "..."
        return f'"{visible(shown)}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return Text("an object")
    if isinstance(value, list | tuple):
        return Text("a list")
    return str(value)


DATE_ACCEPTED = "a date such as 2021-03-15 or 2021-03 (year first), 15/03/2021 or 03/2021 (day first)"
_DATE_FORMS = Text(DATE_ACCEPTED)
_MONTH_RANGE = Text("a month from 1 to 12 in a date such as 2021-03-15 or 2021-03, 15/03/2021 or 03/2021")
_IN_CALENDAR = Text("a day that exists in that month, in a date such as 2021-03-15 or 15/03/2021")
_FROM_EARLIEST = text("a date from %(earliest)s on", earliest=EARLIEST.isoformat())
_UNICODE_TEXT = Text(
    "Unicode text (an escape such as \\ud83d only as half of a pair that makes one character)"
)
_DECIMALS = tuple(Decimal(n) for n in range(169))


def _date_parts(text: str) -> tuple[int, int, int | None] | None:
    """Year, month and day (None for a month-only date) of a date in one of the accepted forms."""
    if match := _ISO_DATE.match(text) or _YEAR_FIRST.match(text):
        year, month, day = match.groups()
        return int(year), int(month), None if day is None else int(day)
    if match := _DAY_FIRST.match(text):
        day, month, year = match.groups()
        return int(year), int(month), int(day)
    if match := _MONTH_YEAR.match(text):
        month, year = match.groups()
        return int(year), int(month), None
    return None


@lru_cache(maxsize=65536)
def parse_date_text(value: str, end: bool) -> date | Text:
    """The date a text names, or what is accepted instead. Month-only dates per SPEC section 3."""
    parts = _date_parts(value.strip())
    if parts is None:
        return _DATE_FORMS
    year, month, day = parts
    if not 1 <= month <= 12:
        return _MONTH_RANGE
    if year < EARLIEST.year:
        return _FROM_EARLIEST  # year 0 cannot even be built as a date
    if day is None:
        # A month-only start is the first day of that month, a month-only end the last day.
        day_number = calendar.monthrange(year, month)[1] if end else 1
    else:
        day_number = day
        if not 1 <= day_number <= calendar.monthrange(year, month)[1]:
            return _IN_CALENDAR
    result = date(year, month, day_number)
    if result < EARLIEST:
        return _FROM_EARLIEST
    return result


class _Reader:
    """Collects every problem of one input before raising, so a person fixes them all at once."""

    def __init__(self) -> None:
        self.problems: list[InputProblem] = []

    def problem(self, path: str, found: Any, accepted: str | Text, *, raw: bool = False) -> None:
        """`raw`: `found` is already a description (a text or a Text), not the value found."""
        self.problems.append(InputProblem.of(path, found if raw else _show(found), accepted))

    def keys(self, path: str, data: Mapping[str, Any], allowed: frozenset[str]) -> None:
        if data.keys() <= allowed:
            return
        accepted = text("one of %(keys)s", keys=", ".join(sorted(allowed)))
        unknown = [key for key in data if key not in allowed]
        for key in unknown[:MAX_UNKNOWN_KEYS]:
            where = f"{path}.{_key(key)}" if path else _key(key)
            self.problem(where, text("unknown key %(key)s", key=repr(_cut(key))), accepted, raw=True)
        if len(unknown) > MAX_UNKNOWN_KEYS:
            self.problem(
                path or "(candidate)",
                text("%(count)s unknown keys", count=len(unknown)),
                text(
                    "one of %(keys)s (the first %(limit)s unknown keys are named)",
                    keys=", ".join(sorted(allowed)),
                    limit=MAX_UNKNOWN_KEYS,
                ),
                raw=True,
            )

    def surrogate(self, path: str, value: str) -> bool:
        """Whether `value` holds a lone surrogate (a problem at `path` then)."""
        if value.isascii():
            return False
        found = _SURROGATE.search(value)
        if found is None:
            return False
        self.problem(
            path,
            text("a text with a lone surrogate (%(code)s)", code=f"\\u{ord(found.group()):04x}"),
            _UNICODE_TEXT,
            raw=True,
        )
        return True

    def text(self, path: str, value: Any, *, required: bool) -> str | None:
        if type(value) is str and len(value) <= MAX_TEXT:
            if self.surrogate(path, value):
                return None
            stripped = value.strip()
            if stripped:
                return stripped
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                found = Text("nothing") if value is None else _show(value)
                self.problem(path, found, Text("a non-empty text"), raw=True)
            return None
        if not isinstance(value, str):
            self.problem(path, value, Text("a text"))
            return None
        self.problem(
            path,
            text("a text of %(count)s characters", count=len(value)),
            text("at most %(limit)s characters", limit=MAX_TEXT),
            raw=True,
        )
        return None

    def number(self, path: str, value: Any, *, low: Decimal, high: Decimal, what: str) -> Decimal | None:
        """`what`: the accepted range's template, with %(low)s and %(high)s."""
        if type(value) is int and low <= value <= high:
            return _DECIMALS[value] if value < len(_DECIMALS) else Decimal(value)
        accepted = text(what, low=str(low), high=str(high))
        if isinstance(value, bool) or value is None:
            self.problem(path, value, accepted)
            return None
        if isinstance(value, int | Decimal):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        elif isinstance(value, str):
            if not value.isascii():  # Decimal() reads full-width and other digits; the reader takes 0-9 only
                self.problem(path, value, accepted)
                return None
            try:
                number = Decimal(value.strip().replace(",", "."))
            except InvalidOperation:
                self.problem(path, value, accepted)
                return None
        else:
            self.problem(path, value, accepted)
            return None
        if not number.is_finite() or number < low or number > high:
            self.problem(path, value, accepted)
            return None
        return number

    def day(self, path: str, value: Any, *, end: bool) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            self.problem(path, value, _DATE_FORMS)
            return None
        result = parse_date_text(value, end)
        if isinstance(result, Text):
            self.problem(path, value, result)
            return None
        return result

    def items(self, path: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.problem(path, value, Text("a list of texts"))
            return ()
        if len(value) > MAX_ITEMS:
            self.problem(
                path,
                text("%(count)s items", count=len(value)),
                text("at most %(limit)s", limit=MAX_ITEMS),
                raw=True,
            )
            return ()
        out = []
        for index, item in enumerate(value):
            read = self.text(f"{path}[{index}]", item, required=True)
            if read is not None:
                out.append(read)
        return tuple(out)


def _degree(reader: _Reader, path: str, data: Any) -> Degree | None:
    if not isinstance(data, Mapping):
        reader.problem(path, data, Text("an object with level, status and field"))
        return None
    reader.keys(path, data, DEGREE_KEYS)
    values = (data.get("level"), data.get("status"), data.get("field"), data.get("institution"))
    if all(value is None or type(value) is str for value in values):
        # Files repeat the same degrees: read each distinct one once.
        degree, problems = _degree_from_texts(*values)
    else:
        sub = _Reader()
        degree = _read_degree(sub, *values)
        problems = tuple(sub.problems)
    for problem in problems:
        reader.problems.append(problem.under(path))
    return degree


@lru_cache(maxsize=16384)
def _degree_from_texts(
    level: str | None, status: str | None, field: str | None, institution: str | None
) -> tuple[Degree | None, tuple[InputProblem, ...]]:
    sub = _Reader()
    degree = _read_degree(sub, level, status, field, institution)
    return degree, tuple(sub.problems)


def _read_degree(
    reader: _Reader, level_value: Any, status_value: Any, field_value: Any, institution_value: Any
) -> Degree | None:
    """A degree from its four values; problem paths are relative (`level`, `status`, ...)."""
    level: Level | None = None
    status: Status | None = None
    level_text = reader.text("level", level_value, required=True)
    if level_text is not None:
        try:
            level = parse_level(level_text)
        except VocabularyError as exc:
            reader.problem("level", level_text, Text(exc.accepted))
    status_text = reader.text("status", status_value, required=True)
    if status_text is not None:
        try:
            status = parse_status(status_text)
        except VocabularyError as exc:
            reader.problem("status", status_text, Text(exc.accepted))
    field = reader.text("field", field_value, required=True)
    institution = reader.text("institution", institution_value, required=False)
    if level is None or status is None or field is None:
        return None
    return Degree(level=level, status=status, field=field, institution=institution)


def _job(reader: _Reader, path: str, data: Any) -> Job | None:
    if not isinstance(data, Mapping):
        reader.problem(path, data, Text("an object with title, area, start, end and hours_per_week"))
        return None
    reader.keys(path, data, JOB_KEYS)
    title = reader.text(f"{path}.title", data.get("title"), required=False) or ""
    area = reader.text(f"{path}.area", data.get("area"), required=True)
    start = reader.day(f"{path}.start", data.get("start"), end=False)
    end: date | None = None
    if data.get("end") is not None and data.get("end") != "":
        end = reader.day(f"{path}.end", data.get("end"), end=True)
        if end is None:
            return None
        if start is not None and end < start:
            reader.problem(
                f"{path}.end",
                data.get("end"),
                text("a date on or after the start (%(start)s)", start=start.isoformat()),
            )
            return None
    hours: Decimal | None = None
    if data.get("hours_per_week") is not None:
        hours = reader.number(
            f"{path}.hours_per_week",
            data.get("hours_per_week"),
            low=Decimal("0.5"),
            high=MAX_HOURS,
            what="hours per week from %(low)s to %(high)s",
        )
        if hours is None:
            return None
    if area is None or start is None:
        return None
    return Job(title=title, area=area, start=start, end=end, hours_per_week=hours)


def _competencies(reader: _Reader, value: Any) -> tuple[tuple[str, int], ...]:
    accepted = Text("a self-rating, a whole number from 0 to 5")
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        reader.problem("competencies", value, Text('an object such as {"Planeación y estrategia": 4}'))
        return ()
    if len(value) > MAX_COMPETENCIES:
        reader.problem(
            "competencies",
            text("%(count)s %(key)s", count=len(value), key="competencies"),
            text("at most %(limit)s", limit=MAX_COMPETENCIES),
            raw=True,
        )
        return ()
    out = []
    for name, rating in value.items():
        path = f"competencies[{_cut(name)!r}]"
        if not isinstance(name, str) or not name.strip():
            reader.problem(path, name, Text("a competency name"))
            continue
        if reader.surrogate(path, name):
            continue
        if len(name) > MAX_NAME:
            reader.problem(
                path,
                text("a name of %(count)s characters", count=len(name)),
                text("at most %(limit)s characters", limit=MAX_NAME),
                raw=True,
            )
            continue
        if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 5:
            digits = rating.strip() if isinstance(rating, str) else ""
            if digits.isascii() and digits.isdigit() and 0 <= int(digits) <= 5:
                out.append((name.strip(), int(rating)))
                continue
            reader.problem(path, rating, accepted)
            continue
        out.append((name.strip(), rating))
    return tuple(out)


T = TypeVar("T")


def _list_of(
    reader: _Reader, key: str, value: Any, limit: int, read: Callable[[_Reader, str, Any], T | None]
) -> list[T]:
    """The items of a list field read one by one (`degrees[0]`, `degrees[1]`, ...); problems are collected."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        reader.problem(key, value, text("a list of %(key)s", key=key))
        return []
    if len(value) > limit:
        reader.problem(
            key,
            text("%(count)s %(key)s", count=len(value), key=key),
            text("at most %(limit)s", limit=limit),
            raw=True,
        )
        return []
    items = [read(reader, f"{key}[{index}]", item) for index, item in enumerate(value)]
    return [item for item in items if item is not None]


def _texts_length(values: Any) -> int:
    return sum(len(value.strip()) for value in values if isinstance(value, str))


def _read_text(data: Mapping[str, Any]) -> int:
    """Characters of the texts the rules read (MAX_READ_TEXT), added up from the candidate's JSON once each list
    is known to be within its own limit (a list over it is a problem already)."""
    total = 0
    for key, limit in (("degrees", MAX_DEGREES), ("jobs", MAX_JOBS)):
        items = data.get(key)
        if isinstance(items, list | tuple) and len(items) <= limit:
            for item in items:
                if isinstance(item, Mapping):
                    names = DEGREE_KEYS if key == "degrees" else ("title", "area")
                    total += _texts_length(item.get(name) for name in names)
    summary = data.get("experience_summary")
    if isinstance(summary, Mapping):
        total += _texts_length([summary.get("area")])
    for key in ("knowledge", "skills"):
        items = data.get(key)
        if isinstance(items, list | tuple) and len(items) <= MAX_ITEMS:
            total += _texts_length(items)
    competencies = data.get("competencies")
    if isinstance(competencies, Mapping) and len(competencies) <= MAX_COMPETENCIES:
        total += _texts_length(competencies)
    return total


def parse_candidate(data: Any) -> Candidate:
    """A Candidate from its JSON form, or InputErrors listing every problem found."""
    reader = _Reader()
    if not isinstance(data, Mapping):
        raise InputErrors([InputProblem.of("(candidate)", _show(data), Text("a JSON object"))])
    reader.keys("", data, TOP_KEYS)

    folio_value = data.get("folio")
    folio: str | None = None
    if isinstance(folio_value, int) and not isinstance(folio_value, bool):
        folio = str(folio_value)
    elif folio_value is not None:
        folio = reader.text("folio", folio_value, required=False)

    raw_jobs = data.get("jobs")
    raw_jobs = [] if raw_jobs is None else raw_jobs
    degrees = _list_of(reader, "degrees", data.get("degrees", []), MAX_DEGREES, _degree)
    jobs = _list_of(reader, "jobs", raw_jobs, MAX_JOBS, _job)

    summary: ExperienceSummary | None = None
    raw_summary = data.get("experience_summary")
    if raw_summary is not None:
        if raw_jobs:
            reader.problem(
                "experience_summary",
                Text("both jobs and experience_summary"),
                Text("experience_summary only when there are no jobs"),
                raw=True,
            )
        elif not isinstance(raw_summary, Mapping):
            reader.problem("experience_summary", raw_summary, Text('an object {"years": 3, "area": "..."}'))
        else:
            reader.keys("experience_summary", raw_summary, SUMMARY_KEYS)
            years = reader.number(
                "experience_summary.years",
                raw_summary.get("years"),
                low=Decimal(0),
                high=MAX_YEARS,
                what="a number of years from %(low)s to %(high)s",
            )
            area = reader.text("experience_summary.area", raw_summary.get("area"), required=True)
            if years is not None and area is not None:
                summary = ExperienceSummary(years=years, area=area)

    knowledge = reader.items("knowledge", data.get("knowledge"))
    skills = reader.items("skills", data.get("skills"))
    competencies = _competencies(reader, data.get("competencies"))
    for key in PERSONAL_KEYS & data.keys():
        reader.text(key, data[key], required=False)
    read_text = _read_text(data)
    if read_text > MAX_READ_TEXT:
        reader.problem(
            "(candidate)",
            text(
                "texts of %(count)s characters in all (degrees, jobs, experience_summary, knowledge, skills and "
                "competencies)",
                count=read_text,
            ),
            text("at most %(limit)s characters in all", limit=MAX_READ_TEXT),
            raw=True,
        )

    if reader.problems:
        raise InputErrors(reader.problems)
    return Candidate(
        folio=folio,
        degrees=tuple(degrees),
        jobs=tuple(jobs),
        experience_summary=summary,
        knowledge=knowledge,
        skills=skills,
        competencies=competencies,
    )


def check_as_of(candidate: Candidate, as_of: date) -> None:
    """SPEC section 3: a job that starts after `as_of` is an input error, named by its field."""
    problems = [
        InputProblem.of(
            f"jobs[{index}].start",
            f'"{job.start.isoformat()}"',
            text("a start on or before the evaluation date (as_of %(as_of)s)", as_of=as_of.isoformat()),
        )
        for index, job in enumerate(candidate.jobs)
        if job.start > as_of
    ]
    if problems:
        raise InputErrors(problems)
