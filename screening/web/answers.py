# mypy: disable-error-code="misc,no-any-return"
"""The self-check's answers: WTForms classes for the questions, and their reading into a candidate (SPEC 4).

The form checks only what is particular to a web form (a date typed as day, month and year; control characters;
a row left wholly empty); everything else is read by rules.candidate, the reader the API, the CLI and the bulk
files use, and each of its problems is shown beside the field it names (`degrees[0].level` -> degrees-0-level).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, StringField

from rules.candidate import MAX_TEXT, Candidate, parse_candidate
from rules.errors import InputErrors, InputProblem
from screening.web.problems import problem_text


class DateForm(Form):
    day = StringField()
    month = StringField()
    year = StringField()


class DegreeForm(Form):
    level = StringField()
    status = StringField()
    field = StringField()
    institution = StringField()


class JobForm(Form):
    title = StringField()
    area = StringField()
    start = FormField(DateForm)
    end = FormField(DateForm)
    current = BooleanField()
    hours = StringField()


class AnswersForm(Form):
    """Every answer of the self-check; each step shows its part and carries the others as hidden fields, so
    nothing is kept on the server between steps (SPEC section 6: a check without receipt stores nothing)."""

    # No max_entries: WTForms would drop the rows past it without a word; every posted row is read, and more
    # than rules.candidate accepts (MAX_DEGREES, MAX_JOBS) is its error, shown on the page.
    degrees = FieldList(FormField(DegreeForm), min_entries=1)
    jobs = FieldList(FormField(JobForm), min_entries=1)
    knowledge = FieldList(StringField())
    """One position's desirable knowledge items ticked (their text), or for every position one per line."""
    skills = FieldList(StringField())
    knowledge_text = StringField()
    skills_text = StringField()
    competencies = FieldList(StringField())
    """Self-ratings 0-5, in the order of the position's competencies (blank: not rated)."""


@dataclass(frozen=True)
class FieldError:
    """A problem shown beside a field (`field`, the id of its group) and in the error summary (`target`)."""

    field: str
    target: str
    message: str
    step: str

    @property
    def summary(self) -> str:
        return self.message


@dataclass
class Answers:
    candidate_json: dict[str, Any]
    """The candidate JSON of SPEC section 4 the answers make (what a receipt stores as its input)."""
    errors: list[FieldError] = field(default_factory=list)
    candidate: Candidate | None = None

    def errors_of(self, step: str) -> list[FieldError]:
        return [e for e in self.errors if e.step == step]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _clean(text: str | None) -> str:
    return (text or "").strip()


def _digits(text: str) -> bool:
    """Digits 0-9 only: full-width (２０２１) and other digits are refused, as the candidate reader does."""
    return text.isascii() and text.isdigit()


def _control_character(text: str) -> str | None:
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


class _Reading:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, field_id: str, message: str, step: str, target: str | None = None) -> None:
        self.errors.append(FieldError(field_id, target or field_id, message, step))

    def text(self, field_id: str, value: str | None, where: str, step: str) -> str:
        text = _clean(value)
        code = _control_character(text)
        if code is not None:
            self.error(
                field_id,
                _(
                    "%(where)s: found a control character (%(code)s); accepted: letters, numbers, spaces and punctuation",
                    where=where,
                    code=code,
                ),
                step,
            )
        if len(text) > MAX_TEXT:
            self.error(
                field_id,
                _(
                    "%(where)s: found a text of %(found)s characters; accepted: at most %(limit)s characters",
                    where=where,
                    found=len(text),
                    limit=MAX_TEXT,
                ),
                step,
            )
        return text

    def date(self, form: DateForm, field_id: str, where: str, step: str) -> str | None:
        """A date typed as day (optional), month and year, as the candidate JSON writes it (YYYY-MM[-DD])."""
        day, month, year = _clean(form.day.data), _clean(form.month.data), _clean(form.year.data)
        first = f"{field_id}-day" if day else f"{field_id}-month"
        if not (day or month or year):
            return None
        typed = "/".join(part for part in (day, month, year) if part)
        if not month or not year:
            missing = _("the month") if not month else _("the year")
            self.error(
                field_id,
                _(
                    "%(where)s: found “%(typed)s”, without %(missing)s; accepted: a month and a year, such as 3 2021",
                    where=where,
                    typed=typed,
                    missing=missing,
                ),
                step,
                f"{field_id}-month" if not month else f"{field_id}-year",
            )
            return None
        if not (_digits(month) and 1 <= int(month) <= 12):
            self.error(
                field_id,
                _(
                    "%(where)s: found the month “%(found)s”; accepted: a month as a number from 1 to 12",
                    where=where,
                    found=month,
                ),
                step,
                f"{field_id}-month",
            )
            return None
        if not (_digits(year) and len(year) == 4):
            self.error(
                field_id,
                _(
                    "%(where)s: found the year “%(found)s”; accepted: a year of four digits, such as 2021",
                    where=where,
                    found=year,
                ),
                step,
                f"{field_id}-year",
            )
            return None
        if day and not (_digits(day) and 1 <= int(day) <= 31):
            self.error(
                field_id,
                _(
                    "%(where)s: found the day “%(found)s”; accepted: a day as a number from 1 to 31, or none",
                    where=where,
                    found=day,
                ),
                step,
                first,
            )
            return None
        text = f"{int(year):04d}-{int(month):02d}"
        return f"{text}-{int(day):02d}" if day else text


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def degree_label(index: int) -> str:
    return _("Degree %(number)s", number=index + 1)


def job_label(index: int) -> str:
    return _("Job %(number)s", number=index + 1)


def read_answers(form: AnswersForm, competency_names: Sequence[str] = ()) -> Answers:
    """The candidate JSON the answers make, with every problem found (the form's own, then the reader's)."""
    reading = _Reading()
    degrees: list[dict[str, Any]] = []
    degree_rows: list[int] = []
    for index, entry in enumerate(form.degrees.entries):
        sub: DegreeForm = entry.form
        prefix = f"degrees-{index}"
        where = degree_label(index)
        values = {
            "level": reading.text(f"{prefix}-level", sub.level.data, where, "studies"),
            "status": reading.text(f"{prefix}-status", sub.status.data, where, "studies"),
            "field": reading.text(f"{prefix}-field", sub.field.data, where, "studies"),
            "institution": reading.text(f"{prefix}-institution", sub.institution.data, where, "studies"),
        }
        if not any(values.values()):
            continue  # a row left empty ("Add another" pressed and not filled in) says nothing
        if not values["institution"]:
            del values["institution"]
        degrees.append({key: value or None for key, value in values.items()})
        degree_rows.append(index)

    jobs: list[dict[str, Any]] = []
    job_rows: list[int] = []
    for index, entry in enumerate(form.jobs.entries):
        job: JobForm = entry.form
        prefix = f"jobs-{index}"
        where = job_label(index)
        title = reading.text(f"{prefix}-title", job.title.data, where, "jobs")
        area = reading.text(f"{prefix}-area", job.area.data, where, "jobs")
        hours = reading.text(f"{prefix}-hours", job.hours.data, where, "jobs")
        start = reading.date(job.start.form, f"{prefix}-start", _("%(job)s, start date", job=where), "jobs")
        end = reading.date(job.end.form, f"{prefix}-end", _("%(job)s, end date", job=where), "jobs")
        typed_dates = any(
            _clean(part.data)
            for date in (job.start.form, job.end.form)
            for part in (date.day, date.month, date.year)
        )
        if not (title or area or hours or typed_dates or job.current.data):
            continue
        if end is None and not job.current.data and not _has_error(reading, f"{prefix}-end"):
            reading.error(
                f"{prefix}-end",
                _(
                    "%(job)s, end date: found nothing; accepted: the month and year it ended, or “I work here now” ticked",
                    job=where,
                ),
                "jobs",
                f"{prefix}-end-month",
            )
        if start is None and not _has_error(reading, f"{prefix}-start"):
            reading.error(
                f"{prefix}-start",
                _("%(job)s, start date: found nothing; accepted: the month and year it started", job=where),
                "jobs",
                f"{prefix}-start-month",
            )
        jobs.append(
            {
                "title": title or None,
                "area": area or None,
                "start": start,
                "end": None if job.current.data else end,
                "hours_per_week": hours or None,
            }
        )
        job_rows.append(index)

    candidate_json: dict[str, Any] = {"degrees": degrees, "jobs": jobs}
    knowledge = [_clean(item) for item in form.knowledge.data if _clean(item)] + _lines(
        form.knowledge_text.data
    )
    skills = [_clean(item) for item in form.skills.data if _clean(item)] + _lines(form.skills_text.data)
    for name, items in (("knowledge", knowledge), ("skills", skills)):
        for item in items:
            reading.text(
                f"{name}_text", item, _("Knowledge") if name == "knowledge" else _("Skills"), "desirable"
            )
        if items:
            candidate_json[name] = items
    ratings: dict[str, Any] = {}
    for index, (name, entry) in enumerate(zip(competency_names, form.competencies.entries, strict=False)):
        value = _clean(entry.data)
        if value:
            ratings[name] = value
            if not (_digits(value) and 0 <= int(value) <= 5):
                reading.error(
                    f"competencies-{index}",
                    _(
                        "%(name)s: found “%(found)s”; accepted: a whole number from 0 to 5",
                        name=name,
                        found=value,
                    ),
                    "desirable",
                )
    if ratings:
        candidate_json["competencies"] = {name: int(v) if _digits(v) else v for name, v in ratings.items()}

    answers = Answers(_without_nones(candidate_json), reading.errors)
    if reading.errors:
        return answers
    try:
        answers.candidate = parse_candidate(answers.candidate_json)
    except InputErrors as exc:
        answers.errors = [
            _field_error(problem, degree_rows, job_rows, competency_names) for problem in exc.problems
        ]
    return answers


def _has_error(reading: _Reading, field_id: str) -> bool:
    return any(e.field == field_id for e in reading.errors)


def _without_nones(candidate_json: dict[str, Any]) -> dict[str, Any]:
    """Empty answers are left out, so the reader reports them as missing rather than as null."""
    out = dict(candidate_json)
    out["degrees"] = [{k: v for k, v in d.items() if v is not None} for d in candidate_json["degrees"]]
    out["jobs"] = [
        {k: v for k, v in job.items() if v is not None or k == "end"} for job in candidate_json["jobs"]
    ]
    return out


_PATH = re.compile(r"^(degrees|jobs)\[(\d+)\]\.(\w+)$")
_FIELD_OF = {"hours_per_week": "hours"}
_LABELS = {
    "level": _l("level of studies"),
    "status": _l("degree status"),
    "field": _l("field of study"),
    "institution": _l("institution"),
    "title": _l("position"),
    "area": _l("area of experience"),
    "start": _l("start date"),
    "end": _l("end date"),
    "hours_per_week": _l("hours a week"),
}


def _field_error(
    problem: InputProblem, degree_rows: list[int], job_rows: list[int], competency_names: Sequence[str]
) -> FieldError:
    """A problem of rules.candidate placed beside the form field its path names."""
    match = _PATH.match(problem.path)
    if problem.path == "(candidate)":
        # The texts added up (rules.candidate.MAX_READ_TEXT): most of them are the jobs' areas.
        return FieldError("jobs-0-area", "jobs-0-area", problem_text(problem), "jobs")
    if problem.path in ("degrees", "jobs"):
        field_id = "degrees-0-level" if problem.path == "degrees" else "jobs-0-area"
        label = _("Degrees") if problem.path == "degrees" else _("Jobs")
        step = "studies" if problem.path == "degrees" else "jobs"
        return FieldError(field_id, field_id, f"{label}: {problem_text(problem)}", step)
    if match is None:
        step = "desirable" if problem.path.startswith(("knowledge", "skills", "competencies")) else "studies"
        target = "knowledge_text" if problem.path.startswith("knowledge") else "skills_text"
        if problem.path.startswith("competencies"):
            target = "competencies-0"
        return FieldError(target, target, problem_text(problem), step)
    kind, index, key = match.group(1), int(match.group(2)), match.group(3)
    row = (degree_rows if kind == "degrees" else job_rows)[index]
    field_id = f"{kind}-{row}-{_FIELD_OF.get(key, key)}"
    target = f"{field_id}-month" if key in ("start", "end") else field_id
    where = degree_label(row) if kind == "degrees" else job_label(row)
    label = str(_LABELS.get(key, key))
    return FieldError(
        field_id,
        target,
        _("%(where)s, %(label)s: %(problem)s", where=where, label=label, problem=problem_text(problem)),
        "studies" if kind == "degrees" else "jobs",
    )


def errors_for(errors: Iterable[FieldError], field_id: str) -> list[FieldError]:
    return [e for e in errors if e.field == field_id]
