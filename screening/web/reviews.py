"""Settling reviews (`/reclutamiento/lotes/<batch>/revisiones`, SPEC section 5): the recruiter who screened a
batch lists its rows the engine left under review, each with the criteria under review and their evidence, and
decides each criterion (cumple / no cumple) with a written reason. Each decision is a new record of the chain
(screening.services.decisions); the engine's outcome stays as it was, and the effective outcome and who decided
are shown beside it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from rules.decisions import MAX_REASON
from rules.errors import InputErrors
from screening import services
from screening.services.decisions import (
    NotYours,
    ReviewRow,
    batch_reviews,
    decide,
    open_reviews,
    review_row,
)
from screening.web.answers import FieldError
from screening.web.errors import error_page
from screening.web.results import criterion_name, criterion_rows
from screening.web.staff import guard_blueprint, staff_principal

bp = Blueprint("reviews", __name__, url_prefix="/reclutamiento/lotes")
guard_blueprint(bp, "recruiter")
bp.context_processor(lambda: {"criterion_name": criterion_name, "max_reason": MAX_REASON})
bp.app_context_processor(lambda: {"batch_open_reviews": batch_open_reviews})


def batch_open_reviews(batch_id: str) -> tuple[int, int]:
    """(reviews still open, rows left under review): for the batch's own page (recruiting/_batch_reviews.html)."""
    return open_reviews(batch_id)


@bp.errorhandler(NotYours)
def _not_yours(_error: NotYours) -> Any:
    return error_page(
        403,
        _("This batch is not yours"),
        _("Only the recruiter who screened a batch settles its reviews and publishes it."),
    )


def area_nav(batch_id: str) -> list[tuple[str, str, str]]:
    links = []
    if "recruiting.home" in current_app.view_functions:
        links.append(("recruiting", url_for("recruiting.home"), _("Recruitment")))
    links.append(("reviews", url_for("reviews.batch", batch_id=batch_id), _("Reviews")))
    links.append(("publish", url_for("publishing.publish", batch_id=batch_id), _("Publish")))
    return links


def render(template: str, batch_id: str, status: int = 200, **context: Any) -> Any:
    return (
        render_template(
            template, area_nav=area_nav(batch_id), area_label=_("Pages of this batch"), **context
        ),
        status,
    )


def batch_page_url(batch_id: str) -> str | None:
    """The batch's own page, where the recruiting area has one."""
    if "recruiting.batch" in current_app.view_functions:
        return url_for("recruiting.batch", batch_id=batch_id)
    return None


@bp.get("/<batch_id>/revisiones")
def batch(batch_id: str) -> Any:
    reviews = batch_reviews(batch_id, staff_principal())
    return render(
        "reviews/batch.html",
        batch_id,
        batch=reviews.batch,
        rows=reviews.rows,
        open_count=reviews.open_count,
        batch_url=batch_page_url(batch_id),
        active_page="reviews",
    )


def _criteria(row: ReviewRow) -> list[dict[str, Any]]:
    """The criteria under review of the row, with the profile's clause, what was found and the reason."""
    rule_set = services.get_rule_set(row.verdict["position"]["code"], row.verdict["position"]["revision"])
    by_id = {c["id"]: c for c in criterion_rows(rule_set, row.verdict)}
    return [by_id[c] for c in row.under_review if c in by_id]


def _decided_now(row: ReviewRow) -> dict[str, dict[str, str]]:
    """The decision in force per criterion (the latest), with who made it."""
    latest: dict[str, dict[str, str]] = {}
    for decision in row.decisions:
        for entry in decision.criteria:
            latest[entry["criterion"]] = {**entry, "by": decision.by, "created_at": decision.created_at}
    return latest


def _form_entries(row: ReviewRow) -> tuple[list[tuple[str, str, str]], list[FieldError], dict[str, Any]]:
    """(entries, errors, what was typed): a criterion with an outcome chosen is decided; a reason typed for a
    criterion without an outcome is an error, and so is a form that decides nothing."""
    entries: list[tuple[str, str, str]] = []
    errors: list[FieldError] = []
    typed: dict[str, Any] = {}
    for criterion in row.under_review:
        outcome = request.form.get(f"outcome-{criterion}", "")
        reason = request.form.get(f"reason-{criterion}", "")
        typed[criterion] = {"outcome": outcome, "reason": reason}
        name = criterion_name(criterion)
        field = f"criterion-{criterion}"
        if outcome not in ("", "pass", "fail"):
            errors.append(
                FieldError(
                    field, f"outcome-{criterion}-pass", _("%(name)s: choose Met or Not met", name=name), ""
                )
            )
        elif outcome:
            if not reason.strip():
                errors.append(
                    FieldError(
                        field,
                        f"reason-{criterion}",
                        _("%(name)s: write the reason for the decision", name=name),
                        "",
                    )
                )
            elif len(reason) > MAX_REASON:
                errors.append(
                    FieldError(
                        field,
                        f"reason-{criterion}",
                        _(
                            "%(name)s: the reason has %(found)s characters; at most %(num)s are accepted",
                            name=name,
                            found=len(reason),
                            num=MAX_REASON,
                        ),
                        "",
                    )
                )
            else:
                entries.append((criterion, outcome, reason))
        elif reason.strip():
            errors.append(
                FieldError(
                    field,
                    f"outcome-{criterion}-pass",
                    _("%(name)s: choose Met or Not met for the reason you wrote", name=name),
                    "",
                )
            )
    if not entries and not errors and row.under_review:
        first = row.under_review[0]
        errors.append(
            FieldError(
                f"criterion-{first}",
                f"outcome-{first}-pass",
                _("Decide at least one criterion: choose Met or Not met and write the reason"),
                "",
            )
        )
    return entries, errors, typed


def _problem_errors(exc: InputErrors, entries: list[tuple[str, str, str]]) -> list[FieldError]:
    """Problems the domain found (e.g. control characters in a reason), shown beside the criterion's field."""
    errors = []
    for problem in exc.problems:
        index_text = problem.path.partition("[")[2].partition("]")[0]
        criterion = (
            entries[int(index_text)][0] if index_text.isdigit() and int(index_text) < len(entries) else ""
        )
        name = criterion_name(criterion) if criterion else _("Decision")
        errors.append(
            FieldError(
                f"criterion-{criterion}",
                f"reason-{criterion}",
                _(
                    "%(name)s: found %(found)s; accepted: %(accepted)s",
                    name=name,
                    found=problem.found,
                    accepted=problem.accepted,
                ),
                "",
            )
        )
    return errors


@bp.route("/<batch_id>/revisiones/<evaluation_id>", methods=["GET", "POST"])
def decide_row(batch_id: str, evaluation_id: str) -> Any:
    """GET: the row's criteria under review and the decision form; POST: record the decisions (303 back)."""
    principal = staff_principal()
    status, row = review_row(evaluation_id, principal)
    if status["id"] != batch_id:
        raise services.NotFound("evaluation", evaluation_id)
    errors: list[FieldError] = []
    typed: dict[str, Any] = {}
    if request.method == "POST":
        entries, errors, typed = _form_entries(row)
        if not errors:
            try:
                decide(evaluation_id, entries, principal)
            except InputErrors as exc:
                errors = _problem_errors(exc, entries)
            else:
                return redirect(
                    url_for("reviews.decide_row", batch_id=batch_id, evaluation_id=evaluation_id, guardado=1),
                    303,
                )
    return render(
        "reviews/decide.html",
        batch_id,
        422 if errors else 200,
        batch=status,
        row=row,
        criteria=_criteria(row),
        decided=_decided_now(row),
        typed=typed,
        errors=errors,
        saved=request.method == "GET" and request.args.get("guardado") == "1",
        active_page="reviews",
    )
