"""One JSON shape for every error (SPEC section 4, RELIABILITY 2.1):
``{"code", "status", "message", "errors": [{"path", "found", "accepted"}], "request_id"}``.

Nothing a client sends turns into a 500; an unexpected exception is logged with the request id (no personal
data, no request body) and answered with that id only.
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

import marshmallow as ma
from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from rules.candidate import visible
from rules.errors import InputErrors, UnknownPosition
from rules.render import problem_in
from screening.api.language import _, request_language
from screening.services.context import NotFound
from screening.storage.database import DatabaseUnavailable, StorageNotWritable, cannot_write

log = logging.getLogger("screening.api")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ProblemSchema(ma.Schema):
    path = ma.fields.String(required=True, metadata={"description": "Field path, e.g. degrees[0].level"})
    found = ma.fields.String(required=True, metadata={"description": "What was found there"})
    accepted = ma.fields.String(required=True, metadata={"description": "What is accepted"})


class ErrorSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Machine-readable error code"})
    status = ma.fields.Integer(required=True, metadata={"description": "HTTP status"})
    message = ma.fields.String(required=True)
    errors = ma.fields.List(ma.fields.Nested(ProblemSchema), required=True)
    request_id = ma.fields.String(required=True)


def request_id() -> str:
    if not has_request_context():
        return "-"
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else secrets.token_hex(8)
    value: str = g.request_id
    return value


def error_response(
    status: int,
    message: str,
    errors: list[dict[str, str]] | None = None,
    *,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {
        "code": code or CODES.get(status, "error"),
        "status": status,
        "message": visible(message),
        "errors": [{key: visible(str(value)) for key, value in error.items()} for error in errors or []],
        "request_id": request_id(),
    }
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _show(value: Any) -> str:
    if isinstance(value, str):
        return '"' + (value if len(value) <= 80 else value[:77] + "...") + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return str(value)


_MISSING = object()


def _value_at(data: Any, keys: list[str]) -> Any:
    for key in keys:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return _MISSING
    return data


def _path(keys: list[str]) -> str:
    out = ""
    for key in keys:
        out += f"[{key}]" if key.isdigit() else (f".{key}" if out else key)
    return out


def _library_messages() -> list[tuple[re.Pattern[str], str]]:
    # The English msgids are extracted from these calls; `_` below writes them in the request's language.
    def N_(message: str) -> str:
        return message

    return [
        (re.compile(pattern), message)
        for pattern, message in (
            (r"Not a valid date\.", N_("a date such as 2025-06-30 (YYYY-MM-DD)")),
            (r"Not a valid integer\.", N_("a whole number")),
            (r"Not a valid number\.", N_("a number")),
            (r"Not a valid boolean\.", N_("true or false")),
            (r"Not a valid string\.", N_("a text")),
            (r"Field may not be null\.", N_("a value, not null")),
            (r"Must be one of: (?P<choices>.*)\.", N_("one of: %(choices)s")),
            (
                r"Must be greater than or equal to (?P<min>\S+) and less than or equal to (?P<max>\S+)\.",
                N_("a number from %(min)s to %(max)s"),
            ),
            (r"Must be greater than or equal to (?P<min>\S+)\.", N_("a number of at least %(min)s")),
            (r"Must be less than or equal to (?P<max>\S+)\.", N_("a number of at most %(max)s")),
            (r"Longer than maximum length (?P<max>\d+)\.", N_("at most %(max)s characters")),
            (r"Shorter than minimum length (?P<min>\d+)\.", N_("at least %(min)s characters")),
            (
                r"Length must be between (?P<min>\d+) and (?P<max>\d+)\.",
                N_("between %(min)s and %(max)s characters"),
            ),
        )
    ]


_LIBRARY_MESSAGES = _library_messages()
"""marshmallow's own messages (English, in its words) as what the API accepts, in the request's language."""


def _accepted(text: str) -> str:
    for pattern, message in _LIBRARY_MESSAGES:
        found = pattern.fullmatch(text)
        if found:
            return _(message, **found.groupdict())
    return _(text)


def marshmallow_problems(messages: Any) -> list[dict[str, str]]:
    """webargs messages ({"json": {"degrees": {"0": {"level": ["..."]}}}}) as path/found/accepted problems."""
    problems: list[dict[str, str]] = []
    if not isinstance(messages, dict):
        return [{"path": "(body)", "found": "", "accepted": str(messages)}]
    for location, tree in messages.items():
        source: Any = None
        if location == "json":
            source = request.get_json(silent=True)
        elif location == "query":
            source = request.args.to_dict(flat=True)

        def walk(node: Any, keys: list[str], source: Any = source) -> None:
            if isinstance(node, dict):
                for key, child in node.items():
                    walk(child, [*keys, str(key)], source)
                return
            texts = node if isinstance(node, list) else [node]
            if keys and keys[-1] in ("key", "value") and len(keys) > 1:
                # marshmallow's Dict errors: {"name": {"value": [...]}}
                keys = keys[:-1]
            found = _value_at(source, keys)
            if found is _MISSING:
                found_text = (
                    _("nothing") if any("required" in str(t).lower() for t in texts) else _("an unknown key")
                )
            else:
                found_text = _show(found)
            path = _path(keys) or "(body)"
            accepted = " ".join(_accepted(str(t)) for t in texts)
            if texts == ["Missing data for required field."]:
                accepted = _("a value: this field is required")
            if texts == ["Unknown field."]:
                found_text, accepted = (
                    _("unknown key %(key)s", key=repr(keys[-1])),
                    _("only the keys the API documents for this object"),
                )
            problems.append({"path": path, "found": found_text, "accepted": accepted})

        walk(tree, [])
    return problems


def handle_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    headers = dict(data.get("headers") or {})
    valid_methods = getattr(error, "valid_methods", None)
    if status == 405 and valid_methods:
        headers["Allow"] = ", ".join(valid_methods)
    messages = data.get("messages")
    if status == 422 and messages:
        return error_response(
            422, _("The input cannot be read."), marshmallow_problems(messages), headers=headers
        )
    if status == 400 and messages:
        return error_response(
            400, _("The request body is not valid JSON."), [], code="malformed_json", headers=headers
        )
    if status == 413:
        # A multipart upload has the upload limit; any other body the JSON one (screening.create_app).
        if request.mimetype == "multipart/form-data":
            limit = current_app.config.get("MAX_UPLOAD_BYTES")
            return error_response(
                413, _("The request body is too large (limit %(limit)s bytes for uploads).", limit=limit)
            )
        limit = current_app.config.get("MAX_JSON_BYTES")
        return error_response(
            413, _("The request body is too large (limit %(limit)s bytes for JSON bodies).", limit=limit)
        )
    if status == 500:
        return _internal_error(error.original_exception if hasattr(error, "original_exception") else error)
    message = data.get("message") or _http_message(error)
    return error_response(status, str(message), data.get("errors"), code=data.get("code"), headers=headers)


def _http_message(error: HTTPException) -> str:
    """Werkzeug's answers, in the request's language."""
    status = error.code or 500
    if status == 404:
        return _("There is nothing at this address.")
    if status == 405:
        return _("This address does not accept the method %(method)s.", method=request.method)
    if status == 429:
        return _(
            "Too many requests in a short time (at most %(limit)s); try again later.", limit=error.description
        )
    if status == 415:
        return _("The request body must be JSON (Content-Type: application/json).")
    return str(error.description or error.name)


def _input_errors(error: InputErrors) -> Response:
    lang = request_language()
    shown = [problem_in(p, lang) for p in error.problems]
    problems = [{"path": p.path, "found": p.found, "accepted": p.accepted} for p in shown]
    return error_response(422, _("The input cannot be read."), problems)


def _unknown_position(error: UnknownPosition) -> Response:
    return error_response(404, _("There is no position %(code)s.", code=error.shown))


def _not_found(error: NotFound) -> Response:
    messages = {
        "evaluation": _("There is no evaluation with that id."),
        "batch": _("There is no batch with that id."),
        "token": _("There is no token with that id."),
        "user": _("There is no user with that id."),
    }
    return error_response(404, messages.get(error.what) or _("There is nothing with that id."))


def _unavailable(error: Exception) -> Response:
    log.warning("database unavailable [request %s]: %s", request_id(), type(error).__name__)
    retry = str(current_app.config.get("RETRY_AFTER_SECONDS", 5))
    return error_response(
        503, _("The database is not available; try again shortly."), headers={"Retry-After": retry}
    )


def _cannot_write(error: Exception) -> Response:
    # RELIABILITY 2.2: a full disk or read-only storage is a clear error; the transaction was rolled back.
    cause = error.orig if isinstance(error, DBAPIError) else error
    log.error("storage cannot be written [request %s]: %s", request_id(), type(cause).__name__)
    retry = str(current_app.config.get("RETRY_AFTER_SECONDS", 5))
    return error_response(
        503,
        _("The database cannot be written (disk full or read-only storage); nothing was stored."),
        code="storage_full",
        headers={"Retry-After": retry},
    )


def _database_error(error: DBAPIError) -> Response:
    if cannot_write(error):
        return _cannot_write(error)
    if isinstance(error, OperationalError) or error.connection_invalidated:
        return _unavailable(error)
    return _internal_error(error)


def _internal_error(error: BaseException | None) -> Response:
    # Only the type and the request id are logged: an exception message may quote personal data.
    rid = request_id()
    log.error(
        "unexpected error [request %s] %s %s: %s",
        rid,
        request.method if has_request_context() else "-",
        request.path if has_request_context() else "-",
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if isinstance(error, BaseException) else None,
    )
    return error_response(500, _("Internal error; quote request id %(id)s.", id=rid))


def _unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    return _internal_error(error)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InputErrors, _input_errors)
    app.register_error_handler(UnknownPosition, _unknown_position)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(DatabaseUnavailable, _unavailable)
    app.register_error_handler(StorageNotWritable, _cannot_write)
    app.register_error_handler(PoolTimeout, _unavailable)
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(Exception, _unexpected)

    @app.after_request
    def _tag_request(response: Response) -> Response:
        response.headers["X-Request-ID"] = request_id()
        return response
