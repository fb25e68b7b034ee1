# mypy: disable-error-code="untyped-decorator"
"""Batches over the API: upload a CSV or XLSX file of candidates, follow it, download the result (SPEC 4)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import current_app, send_file
from flask_smorest import abort
from flask_smorest.fields import Upload
from marshmallow import fields, validate

from screening import services
from screening.api.auth import BEARER, current_principal, require_role
from screening.api.errors import ErrorSchema
from screening.api.json_body import Blueprint
from screening.api.language import _, request_language
from screening.bulk.limits import BulkFileError, BulkLimits
from screening.config import LANGUAGES, upload_limits
from screening.services.batches import (
    batch_status,
    batches_dir,
    create_batch,
    load_batch,
    new_batch_id,
    store_upload,
)
from screening.worker import dispatch

blp = Blueprint("batches", __name__, url_prefix="/api/v1", description="Bulk screening of candidate files")

MEDIA_TYPES = {
    "csv": "text/csv",  # Werkzeug adds "; charset=utf-8" to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class UploadSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "CSV (UTF-8 or Windows-1252; , ; or tab) or XLSX"})


class BatchOptionsSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    as_of = fields.Date(metadata={"description": "Evaluation date (default: today in Mexico City)"})
    lang = fields.String(load_default="es", validate=validate.OneOf(LANGUAGES))
    sheet = fields.String(
        validate=validate.Length(min=1, max=200), metadata={"description": "XLSX sheet name"}
    )


class ResultQuery(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    format = fields.String(load_default="csv", validate=validate.OneOf(["csv", "xlsx"]))


class CountsSchema(ma.Schema):
    eligible = fields.Integer()
    ineligible = fields.Integer()
    review = fields.Integer()
    invalid = fields.Integer()


class GroupSchema(ma.Schema):
    group = fields.String()
    rows = fields.Integer()
    eligible = fields.Integer()
    rate = fields.Float()
    impact_ratio = fields.Float(allow_none=True)


class StatisticsSchema(ma.Schema):
    groups = fields.List(fields.Nested(GroupSchema))
    hidden_groups = fields.Integer(metadata={"description": "Groups under min_group_size rows, not shown"})
    min_group_size = fields.Integer()


class PositionRefSchema(ma.Schema):
    code = fields.String()
    revision = fields.Integer()


class BatchSchema(ma.Schema):
    id = fields.String()
    position = fields.Nested(PositionRefSchema)
    status = fields.String(metadata={"description": "queued, running, done or failed"})
    filename = fields.String(allow_none=True, metadata={"description": "The uploaded name, shown only"})
    encoding = fields.String(allow_none=True)
    delimiter = fields.String(allow_none=True)
    rows_total = fields.Integer(allow_none=True)
    rows_done = fields.Integer()
    counts = fields.Nested(CountsSchema)
    statistics = fields.Nested(StatisticsSchema)
    error = fields.String(allow_none=True)
    created_at = fields.String(allow_none=True)
    finished_at = fields.String(allow_none=True)
    formats = fields.List(fields.String())


def _refused(exc: BulkFileError) -> None:
    if exc.too_large:
        abort(
            413,
            message=_(
                "The file is too large: %(problem)s.",
                problem=exc.in_language(request_language()),
            ),
        )
    problem = exc.in_language(request_language())
    separator = next((sep for sep in (_("; accepted: "), "; accepted: ") if sep in problem), "; accepted: ")
    found, _sep, accepted = problem.partition(separator)
    abort(
        422,
        message=_("The file cannot be screened."),
        errors=[
            {"path": "file", "found": found, "accepted": accepted or _("a CSV or XLSX file of candidates")}
        ],
    )


def _check_file(path: Any, limits: BulkLimits, sheet: str | None) -> None:
    """The checks that need no parser, before answering: size, encoding and header of a CSV; zip, parts and
    extent of an XLSX. The rest is found while the batch runs."""
    from screening.bulk.readers import is_zip, open_table

    if is_zip(path):
        from screening.bulk.xlsx_inspect import inspect_xlsx

        inspect_xlsx(path, limits, sheet)
    else:
        with open_table(path, limits, sheet) as table:
            table.read_header()


@blp.route("/positions/<code>/batches", methods=["POST"])
@blp.arguments(BatchOptionsSchema, location="query", as_kwargs=True)
@blp.arguments(UploadSchema, location="files", as_kwargs=True)
@blp.response(202, BatchSchema)
@blp.alt_response(404, schema=ErrorSchema, description="Unknown position")
@blp.alt_response(413, schema=ErrorSchema, description="File over the upload limit")
@blp.alt_response(422, schema=ErrorSchema, description="A file that cannot be screened")
@blp.doc(security=[BEARER])
@require_role("recruiter")
def submit_batch(code: str, file: Any, lang: str = "es", as_of: Any = None, sheet: str | None = None) -> Any:
    """Upload a file of candidates for a position; it is screened in the background (202 + batch id)."""
    principal = current_principal()
    context = services.current()
    rule_set = services.get_rule_set(code, db=context)
    limits = upload_limits(context.config)
    data_dir = current_app.config["SCREENING_DATA_DIR"]
    batch_id = new_batch_id()
    try:
        key, _size = store_upload(file.stream, data_dir, batch_id, limits)
        _check_file(batches_dir(data_dir) / key, limits, sheet)
    except BulkFileError as exc:
        import shutil

        shutil.rmtree(batches_dir(data_dir) / batch_id, ignore_errors=True)
        _refused(exc)
    as_of = as_of or context.today()
    create_batch(
        context,
        rule_set,
        original_filename=file.filename,
        created_by=principal.actor,
        options={"as_of": as_of.isoformat(), "lang": lang, "sheet": sheet, "source": "api"},
        batch_id=batch_id,
        input_key=key,
    )
    dispatch(context, batch_id)
    batch = load_batch(context, batch_id)
    assert batch is not None  # nosec B101 # narrows the type; the batch was stored just above
    return (
        batch_status(batch, request_language()),
        202,
        {"Location": f"/api/v1/batches/{batch_id}"},
    )


def _readable_batch(batch_id: str) -> Any:
    principal = current_principal()
    batch = load_batch(services.current(), batch_id)
    if batch is None:
        raise services.NotFound("batch", batch_id)
    if principal.role == "recruiter" and batch.created_by != principal.actor:
        # Answered as an unknown batch: whether another recruiter's batch exists is not told.
        raise services.NotFound("batch", batch_id)
    return batch


@blp.route("/batches/<batch_id>")
@blp.response(200, BatchSchema)
@blp.alt_response(404, schema=ErrorSchema, description="Unknown batch")
@blp.doc(security=[BEARER])
@require_role("recruiter", "auditor")
def get_batch(batch_id: str) -> dict[str, Any]:
    """Status, rows done of rows total, counts by outcome and adverse-impact statistics by gender."""
    batch = _readable_batch(batch_id)
    if batch.status in ("queued", "running") and not current_app.config.get("CELERY_BROKER_URL"):
        # A server restarted since the upload: its worker thread starts here and resumes unfinished batches.
        from screening.worker.embedded import embedded_worker

        embedded_worker(services.current())
    return batch_status(batch, request_language())


@blp.route("/batches/<batch_id>/result")
@blp.arguments(ResultQuery, location="query", as_kwargs=True)
@blp.response(200, description="The result file, one row per input row in input order")
@blp.alt_response(404, schema=ErrorSchema, description="Unknown batch")
@blp.alt_response(409, schema=ErrorSchema, description="The batch is not finished")
@blp.doc(security=[BEARER])
@require_role("recruiter", "auditor")
def get_result(batch_id: str, format: str = "csv") -> Any:
    """The result file as CSV (UTF-8 with BOM) or XLSX."""
    batch = _readable_batch(batch_id)
    key = (batch.result_keys or {}).get(format)
    if batch.status != "done" or not key:
        abort(
            409, message=_("The batch is %(status)s; the result exists once it is done.", status=batch.status)
        )
    path = batches_dir(current_app.config["SCREENING_DATA_DIR"]) / str(key)
    return send_file(
        path,
        mimetype=MEDIA_TYPES[format],
        as_attachment=True,
        download_name=f"resultados-{batch.id}.{format}",
    )
