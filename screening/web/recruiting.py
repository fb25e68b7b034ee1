"""The recruiters' pages (`/reclutamiento`, SPEC sections 4, 6 and 7): their batches and the upload of a CSV or
XLSX file for a position; the preview before screening (format, encoding, delimiter, sheet, where the header
is, how each header was read, ignored columns, the first rows) with confirm or cancel; the batch page
(progress, counts, results filtered and sorted, each row's verdict, downloads); its adverse-impact report.

Everything goes through screening.services (recruiting, batches): no page reads storage or bulk files itself.
A recruiter sees only their own uploads and batches (another's: 403).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from rules.errors import UnknownPosition
from rules.impact import MIN_GROUP
from screening import services
from screening.bulk.headers import Column
from screening.bulk.limits import BulkFileError
from screening.bulk.screener import OUTCOMES
from screening.config import upload_limits
from screening.services.batches import batch_status, impact_report
from screening.services.recruiting import (
    HEAD_ROWS,
    NotYours,
    batch_of,
    batch_results,
    batches_of,
    cancel_upload,
    confirm_upload,
    preview_upload,
    receive_upload,
    result_file,
)
from screening.web.answers import FieldError
from screening.web.errors import error_page
from screening.web.i18n import page_language
from screening.web.results import criterion_name, criterion_rows
from screening.web.staff import guard_blueprint, staff_principal

bp = Blueprint("recruiting", __name__, url_prefix="/reclutamiento")
guard_blueprint(bp, "recruiter")
bp.context_processor(lambda: {"criterion_name": criterion_name, "group_name": group_name})

PER_PAGE = 50
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OUTCOME_FILTERS = {
    "elegible": "eligible",
    "no-elegible": "ineligible",
    "revision": "review",
    "invalida": "invalid",
}
"""The `resultado` filter's values in the address, and the outcome each one shows."""
SORTS = {"fila": "row", "puntaje": "score"}
OUTCOME_NAMES = {
    "eligible": _l("Eligible"),
    "ineligible": _l("Not eligible"),
    "review": _l("To be reviewed"),
    "invalid": _l("Invalid row"),
}
STATUS_NAMES = {
    "queued": _l("Waiting to start"),
    "running": _l("Screening"),
    "done": _l("Finished"),
    "failed": _l("Failed"),
}
GROUP_NAMES = {
    "mujer": _l("Women"),
    "hombre": _l("Men"),
    "no binario": _l("Non-binary"),
    "otro": _l("Other answers"),
    "sin dato": _l("Not given"),
}
FIELD_NAMES = {
    "folio": _l("Folio"),
    "gender": _l("Sex (for the adverse-impact report only, never screened)"),
    "knowledge": _l("Knowledge"),
    "skills": _l("Skills"),
    "competencies": _l("Competencies"),
    ("summary", "years"): _l("Years of experience"),
    ("summary", "area"): _l("Area of experience"),
    ("degree", "level"): _l("Degree %(num)s: level"),
    ("degree", "status"): _l("Degree %(num)s: status"),
    ("degree", "field"): _l("Degree %(num)s: field of study"),
    ("degree", "institution"): _l("Degree %(num)s: institution"),
    ("job", "title"): _l("Job %(num)s: title"),
    ("job", "area"): _l("Job %(num)s: area"),
    ("job", "start"): _l("Job %(num)s: start"),
    ("job", "end"): _l("Job %(num)s: end"),
    ("job", "hours"): _l("Job %(num)s: hours a week"),
}


def area_nav() -> list[tuple[str, str, str]]:
    return [("home", url_for("recruiting.home"), _("Batches and uploads"))]


def _render(template: str, code: int = 200, **context: Any) -> Any:
    return render_template(template, area_nav=area_nav(), **context), code


@bp.errorhandler(NotYours)
def _not_yours(error: NotYours) -> Any:
    if error.kind == "upload":
        message = _("This upload was made by another recruiter: only they can see or screen it.")
    else:
        message = _("This batch belongs to another recruiter: only they can see its results.")
    return error_page(403, _("This page is not for your account"), message)


def group_name(group: str) -> str:
    known = GROUP_NAMES.get(group)
    if known is not None:
        return str(known)
    return str(_("“%(value)s” (as written in the file)", value=group.upper()))


def field_name(column: Column | None) -> str:
    if column is None:
        return str(_("Not used (ignored)"))
    target = column.target
    if target[0] in ("degree", "job"):
        return str(FIELD_NAMES[(str(target[0]), str(target[2]))]) % {"num": int(target[1]) + 1}
    if target[0] == "summary":
        return str(FIELD_NAMES[("summary", str(target[1]))])
    return str(FIELD_NAMES.get(str(target[0]), column.path))


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and 0 < len(text) <= 6 else 1


def _positions() -> list[dict[str, Any]]:
    return list(services.list_positions(per_page=500)["items"])


def _principal() -> Any:
    return staff_principal()


# --- home and upload ---------------------------------------------------------------------------------------------


def _home(errors: list[FieldError], status: int = 200, chosen: str | None = None) -> Any:
    principal = _principal()
    page = _page_number(request.args.get("pagina"))
    batches, total = batches_of(principal, page)
    pages = max(1, -(-total // 25))
    chosen = chosen if chosen is not None else request.args.get("puesto", "")
    return _render(
        "recruiting/home.html",
        status,
        errors=errors,
        positions=_positions(),
        chosen=chosen,
        batches=batches,
        total=total,
        page=page,
        pages=pages,
        status_names=STATUS_NAMES,
        max_bytes=upload_limits(current_app.config).max_file_bytes,
    )


@bp.get("/")
def home() -> Any:
    return _home([])


def _upload_error(message: str, status: int = 422, field: str = "file") -> FieldError:
    return FieldError(field, field, message, "upload")


@bp.post("/cargas")
def upload() -> Any:
    """Store the file and go to its preview; a file refused as a whole comes back on the form, named."""
    code = (request.form.get("position") or "").strip()
    file = request.files.get("file")
    errors = []
    if not code:
        errors.append(_upload_error(_("Choose the position the candidates apply to"), field="position"))
    if file is None or not file.filename:
        errors.append(_upload_error(_("Choose a CSV or XLSX file of candidates")))
    if errors or file is None:
        return _home(errors, 422, code)
    limits = upload_limits(current_app.config)
    try:
        received = receive_upload(file.stream, file.filename, code, _principal(), limits)
    except UnknownPosition:
        message = _("There is no position with the code %(code)s; choose one of the list", code=code[:100])
        return _home([_upload_error(message, field="position")], 422, "")
    except BulkFileError as exc:
        problem = exc.in_language(page_language())
        if exc.too_large:
            return _home([_upload_error(_("The file is too large: %(problem)s", problem=problem))], 413, code)
        return _home(
            [_upload_error(_("The file cannot be screened: %(problem)s", problem=problem))], 422, code
        )
    return redirect(url_for("recruiting.preview", upload_id=received.id), 303)


def _header_row_arg(text: str | None) -> int | None:
    if text and text.isdigit() and len(text) <= 3 and 1 <= int(text) <= HEAD_ROWS:
        return int(text)
    return None


@bp.get("/cargas/<upload_id>")
def preview(upload_id: str) -> Any:
    sheet = request.args.get("hoja") or None
    if sheet is not None and len(sheet) > 200:
        sheet = None
    header_row = _header_row_arg(request.args.get("encabezados"))
    found = preview_upload(
        upload_id, _principal(), upload_limits(current_app.config), sheet=sheet, header_row=header_row
    )
    rule_set = services.get_rule_set(found.upload.position_code, found.upload.revision)
    problem = None if found.problem is None else found.problem.in_language(page_language())
    return _render(
        "recruiting/preview.html",
        200 if found.ready else 422,
        preview=found,
        rule_set=rule_set,
        problem=problem,
        delimiter_label=_delimiter_label(found.delimiter_name),
        field_name=field_name,
        head_rows=HEAD_ROWS,
        errors=[],
    )


def _delimiter_label(name: str | None) -> str | None:
    if name is None:
        return None
    names = {"comma": _("comma (,)"), "semicolon": _("semicolon (;)"), "tab": _("tab")}
    return str(names.get(name, name))


@bp.post("/cargas/<upload_id>/confirmar")
def confirm(upload_id: str) -> Any:
    sheet = request.form.get("sheet") or None
    header_row = _header_row_arg(request.form.get("header_row"))
    batch_id = confirm_upload(
        upload_id, _principal(), sheet=sheet, header_row=header_row, lang=page_language()
    )
    return redirect(url_for("recruiting.batch", batch_id=batch_id), 303)


@bp.post("/cargas/<upload_id>/cancelar")
def cancel(upload_id: str) -> Any:
    cancel_upload(upload_id, _principal())
    return redirect(url_for("recruiting.home", cancelada=1), 303)


# --- a batch -----------------------------------------------------------------------------------------------------


@bp.get("/lotes/<batch_id>")
def batch(batch_id: str) -> Any:
    found = batch_of(batch_id, _principal())
    status = batch_status(found, page_language())
    rule_set = services.get_rule_set(found.position_code, found.revision)
    chosen = request.args.get("resultado", "")
    outcome = OUTCOME_FILTERS.get(chosen)
    sort_key = request.args.get("orden", "fila")
    sort = SORTS.get(sort_key, "row")
    results = batch_results(
        found, outcome=outcome, sort=sort, page=_page_number(request.args.get("pagina")), per_page=PER_PAGE
    )
    if found.status in ("queued", "running"):
        _resume_if_needed()
    return _render(
        "recruiting/batch.html",
        batch=found,
        status=status,
        rule_set=rule_set,
        results=results,
        chosen=chosen if outcome else "",
        sort_key=sort_key if sort_key in SORTS else "fila",
        filters=OUTCOME_FILTERS,
        outcome_names=OUTCOME_NAMES,
        status_names=STATUS_NAMES,
        outcomes=OUTCOMES,
        report=impact_report(found),
    )


def _resume_if_needed() -> None:
    """A server restarted since the upload: the embedded worker starts and resumes unfinished batches."""
    if not current_app.config.get("CELERY_BROKER_URL"):
        from screening.worker.embedded import embedded_worker

        embedded_worker(services.current())


@bp.get("/lotes/<batch_id>/estado")
def batch_state(batch_id: str) -> Any:
    """The batch's status as the batch API gives it (GET /api/v1/batches/<id>), for the page's progress."""
    found = batch_of(batch_id, _principal())
    if found.status in ("queued", "running"):
        _resume_if_needed()
    body = batch_status(found, page_language())
    body["status_text"] = str(STATUS_NAMES.get(found.status, found.status))
    return jsonify(body)


@bp.get("/lotes/<batch_id>/resultados.<kind>")
def download(batch_id: str, kind: str) -> Any:
    found = batch_of(batch_id, _principal())
    if kind not in MEDIA_TYPES:
        return error_page(
            404,
            _("Page not found"),
            _("Results are downloaded as CSV or XLSX; there is no %(kind)s.", kind=kind[:10]),
        )
    path = result_file(found, kind)
    if path is None:
        return error_page(
            409,
            _("The results are not ready"),
            _(
                "The batch is still being screened (or it failed); its results can be downloaded once it is finished."
            ),
        )
    return send_file(
        path, mimetype=MEDIA_TYPES[kind], as_attachment=True, download_name=f"resultados-{found.id}.{kind}"
    )


@bp.get("/lotes/<batch_id>/impacto")
def impact(batch_id: str) -> Any:
    found = batch_of(batch_id, _principal())
    report = impact_report(found)
    return _render(
        "recruiting/impact.html",
        batch=found,
        rule_set=services.get_rule_set(found.position_code, found.revision),
        report=report,
        chart=None if report is None else impact_chart(report),
        status_names=STATUS_NAMES,
        min_group=MIN_GROUP,
    )


@bp.get("/lotes/<batch_id>/evaluaciones/<evaluation_id>")
def verdict(batch_id: str, evaluation_id: str) -> Any:
    """One row's verdict: the record the batch stored for it, criterion by criterion."""
    found = batch_of(batch_id, _principal())
    record = services.audit_record(evaluation_id)
    if record["batch_id"] != found.id:
        raise services.NotFound("evaluation", evaluation_id)
    rule_set = services.get_rule_set(record["position"]["code"], record["position"]["revision"])
    verdict_body = record["verdict"]
    return _render(
        "recruiting/verdict.html",
        batch=found,
        record=record,
        rule_set=rule_set,
        verdict=verdict_body,
        criteria=[] if verdict_body is None else criterion_rows(rule_set, verdict_body),
        open_names=[criterion_name(c) for c in record["effective"]["open"]],
    )


# --- the adverse-impact chart ---------------------------------------------------------------------------------------

CHART_WIDTH = 640
LABEL_WIDTH = 180
BAR_SPACE = 360
BAR_HEIGHT = 28
ROW_HEIGHT = 44
CHART_TOP = 30


def impact_chart(report: Any) -> dict[str, Any]:
    """The bar chart's geometry: one bar per group shown (selection rate, 0-100 %), and the four-fifths line
    at 80 % of the highest rate. Drawn by the template as SVG; the table beside it is its text alternative."""
    from rules.impact import FOUR_FIFTHS

    bars = []
    highest = max((group.rate for group in report.groups), default=0)
    for index, group in enumerate(report.groups):
        y = CHART_TOP + index * ROW_HEIGHT
        width = round(float(group.rate) * BAR_SPACE, 1)
        bars.append(
            {
                "label": group_name(group.group),
                "y": y,
                "text_y": y + BAR_HEIGHT / 2 + 5,
                "width": max(width, 1.0),
                "value_x": LABEL_WIDTH + width + 8,
                "rate": percent(group.rate),
                "flagged": group.below_four_fifths,
            }
        )
    line_x = LABEL_WIDTH + round(float(highest * FOUR_FIFTHS) * BAR_SPACE, 1)
    height = CHART_TOP + len(bars) * ROW_HEIGHT + 10
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "line_x": line_x if highest else None,
        "threshold": percent(highest * FOUR_FIFTHS),
    }


def percent(value: Any) -> str:
    from flask_babel import format_percent

    return str(format_percent(float(value), "#,##0.0%"))


bp.add_app_template_global(percent, "percent")
