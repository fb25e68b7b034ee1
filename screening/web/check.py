"""The self-check (SPEC section 7): `/puestos/<code>/verificar` for one position, `/verificar` for all of them,
and `/comprobantes/<id>` for a stored check.

Question pages after the GOV.UK Design System: studies, jobs, desirable items, check your answers, result. The
answers travel in the form from page to page (hidden fields), so nothing is stored unless a receipt is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from rules.candidate import MAX_DEGREES, MAX_JOBS
from rules.compiler import RuleSet
from screening import services
from screening.web import results
from screening.web.answers import Answers, AnswersForm, errors_for, read_answers
from screening.web.errors import register_page_errors
from screening.web.i18n import page_language

bp = Blueprint("check", __name__)
register_page_errors(bp)

STEPS = ("studies", "jobs", "desirable", "answers")
ROW_LIMITS = {"degrees": MAX_DEGREES, "jobs": MAX_JOBS}
"""Rows a person can add: as many as rules.candidate reads."""
EVALUATING_ENDPOINTS = ("check.position_check", "check.matches")


@dataclass(frozen=True)
class Flow:
    """One self-check: for a position (`rule_set`) or for every position (None)."""

    rule_set: RuleSet | None

    @property
    def competency_names(self) -> list[str]:
        if self.rule_set is None:
            return []
        return [c.name for c in self.rule_set.profile.competencies]

    def action_url(self) -> str:
        if self.rule_set is None:
            return url_for("check.matches")
        return url_for("check.position_check", code=self.rule_set.code)


@bp.route("/puestos/<code>/verificar", methods=["GET", "POST"])
def position_check(code: str) -> Any:
    return _run(Flow(services.get_rule_set(code)))


@bp.route("/verificar", methods=["GET", "POST"])
def matches() -> Any:
    return _run(Flow(None))


def _form(flow: Flow) -> AnswersForm:
    data = request.form if request.method == "POST" else MultiDict()
    form = AnswersForm(data)
    while len(form.competencies.entries) < len(flow.competency_names):
        form.competencies.append_entry()
    return form


def _run(flow: Flow) -> Any:
    form = _form(flow)
    if request.method == "GET":
        return _step(flow, form, "studies", [])
    step = request.form.get("step", "studies")
    step = step if step in (*STEPS, "result") else "studies"
    action = request.form.get("action", "continue")
    answers = read_answers(form, flow.competency_names)

    if action.startswith("add-") or action.startswith("remove-"):
        return _step(flow, _change_rows(form, action), step, [])
    if action == "stay":
        return _step(flow, form, step, []) if step != "result" else _finish(flow, form, answers)
    if action.startswith("goto-") and action[5:] in STEPS:
        return _step(flow, form, action[5:], [])
    if action == "back":
        previous = STEPS[max(0, STEPS.index(step) - 1)] if step in STEPS else "answers"
        return _step(flow, form, previous, [])
    if action in ("result", "save"):
        return _finish(flow, form, answers, save=action == "save")
    # Continue: this step's answers are checked before the next question.
    errors = answers.errors_of(step) if step in STEPS else answers.errors
    if errors:
        return _step(flow, form, step, errors)
    following = STEPS[STEPS.index(step) + 1] if step in STEPS[:-1] else "answers"
    return _step(flow, form, following, [])


def _change_rows(form: AnswersForm, action: str) -> AnswersForm:
    """ "Add another" and "Remove" without JavaScript: the same page again with one row more or less."""
    verb, _, what = action.partition("-")
    name, _, index = what.partition("-")
    rows = form.degrees if name == "degree" else form.jobs
    if verb == "add" and len(rows.entries) < ROW_LIMITS[rows.name]:
        rows.append_entry()
    elif verb == "remove" and index.isdigit() and int(index) < len(rows.entries):
        data = MultiDict(request.form)
        prefix = f"{rows.name}-"
        kept = [e for i, e in enumerate(rows.entries) if i != int(index)]
        for key in list(data.keys()):
            if key.startswith(prefix):
                del data[key]
        for position, entry in enumerate(kept):
            for key, value in _flat(entry.form.data, f"{rows.name}-{position}"):
                data.add(key, value)
        form = AnswersForm(data)
        rows = form.degrees if name == "degree" else form.jobs
        if not rows.entries:
            rows.append_entry()
    return form


def _flat(data: dict[str, Any], prefix: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            out += _flat(value, f"{prefix}-{key}")
        elif value is True:
            out.append((f"{prefix}-{key}", "y"))
        elif value not in (None, False, ""):
            out.append((f"{prefix}-{key}", str(value)))
    return out


def _step(flow: Flow, form: AnswersForm, step: str, errors: list[Any], status: int = 200) -> Any:
    context = _context(flow, form, step, errors)
    return render_template(f"check/{step}.html", **context), 422 if errors else status


def _context(flow: Flow, form: AnswersForm, step: str, errors: list[Any]) -> dict[str, Any]:
    from screening.web.names import LEVEL_NAMES, STATUS_NAMES

    return {
        "flow": flow,
        "rule_set": flow.rule_set,
        "form": form,
        "step": step,
        "errors": errors,
        "errors_for": errors_for,
        "level_choices": [(level.label, str(name)) for level, name in LEVEL_NAMES.items()],
        "status_choices": [(status.label, str(name)) for status, name in STATUS_NAMES.items()],
        "language_form": "answers-form",
        "row_limits": ROW_LIMITS,
        "max_text": 2000,
    }


def _finish(flow: Flow, form: AnswersForm, answers: Answers, *, save: bool = False) -> Any:
    if answers.errors or answers.candidate is None:
        first = next((s for s in STEPS if answers.errors_of(s)), "studies")
        return _step(flow, form, first, answers.errors_of(first))
    lang = page_language()
    context = _context(flow, form, "result", [])
    if flow.rule_set is None:
        as_of = services.today()
        items = services.matches(answers.candidate, as_of, lang)
        context.update(results.matches_view(items, as_of))
        return render_template("check/matches.html", **context)
    done = services.run_evaluation(
        flow.rule_set.code,
        answers.candidate_json,
        lang=lang,
        store=save,
        candidate=answers.candidate,
    )
    if save and done.evaluation_id is not None:
        return redirect(url_for("check.receipt", evaluation_id=done.evaluation_id, guardado=1), 303)
    context.update(results.result_view(flow.rule_set, answers.candidate, done.verdict))
    return render_template("check/result.html", **context)


@bp.get("/comprobantes/<evaluation_id>")
def receipt(evaluation_id: str) -> Any:
    """A stored check, for whoever holds its id; only anonymous receipts are shown here (SPEC section 6)."""
    from rules.candidate import parse_candidate

    if len(evaluation_id) > 100:
        abort(404)
    record = services.get_evaluation(evaluation_id)
    if record["actor"] != services.ANONYMOUS or record["verdict"] is None or record["input"] is None:
        abort(404)
    rule_set = services.get_rule_set(record["position"]["code"], record["position"]["revision"])
    candidate = parse_candidate(record["input"])
    context = {
        "record": record,
        "rule_set": rule_set,
        "saved": request.args.get("guardado") == "1",
        "receipt_url": url_for("check.receipt", evaluation_id=evaluation_id, _external=True),
    }
    context.update(results.result_view(rule_set, candidate, record["verdict"]))
    return render_template("check/receipt.html", **context)  # no-store, as every answer (screening.headers)
