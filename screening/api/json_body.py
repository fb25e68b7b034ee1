# mypy: disable-error-code="misc"
"""How the API reads a JSON body: only `application/json` (415 otherwise, no body included), never empty or
broken (400 `malformed_json` naming what was found), and never deeper than Python's reader can go (a body of
1,000 nested arrays is a 400, not a RecursionError). Every blueprint of the API is this module's `Blueprint`.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

import flask_smorest
import marshmallow as ma
from flask import Request
from webargs import core
from webargs.flaskparser import FlaskParser, abort

from screening.api.language import _

MAX_DEPTH_SHOWN = 500
"""The nesting a body may have, as the 400 states it: Python's reader stops somewhere under its recursion limit
(1,000 frames, shared with the request's own); a candidate needs 3 levels."""


def _refuse(status: int, message: str, found: str, accepted: str) -> NoReturn:
    abort(
        status,
        message=message,
        errors=[{"path": "(body)", "found": found, "accepted": accepted}],
        code="malformed_json" if status == 400 else "unsupported_media_type",
    )


class JsonBodyParser(FlaskParser):
    """webargs' Flask parser, strict about the JSON body (webargs reads a body of another type as no body)."""

    def load_json(self, req: Request, schema: ma.Schema) -> Any:
        accepted = _("a JSON object (Content-Type: application/json)")
        if not core.is_json(req.mimetype):
            found = (
                _("a body of type %(type)s", type=req.mimetype[:100])
                if req.mimetype
                else _("a body without Content-Type")
            )
            _refuse(
                415, _("The request body must be JSON (Content-Type: application/json)."), found, accepted
            )
        data = req.get_data(cache=True)
        message = _("The request body is not valid JSON.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            _refuse(400, message, _("bytes that are not UTF-8 at byte %(at)s", at=error.start), accepted)
        if not text.strip():
            _refuse(400, message, _("an empty body"), accepted)
        try:
            return json.loads(text)
        except RecursionError:
            _refuse(
                400,
                message,
                _("arrays or objects nested too deeply"),
                _("JSON nested at most %(limit)s levels deep", limit=MAX_DEPTH_SHOWN),
            )
        except json.JSONDecodeError as error:
            _refuse(
                400,
                message,
                _(
                    "text that is not JSON at line %(line)s, column %(column)s",
                    line=error.lineno,
                    column=error.colno,
                ),
                accepted,
            )


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint reading JSON bodies with JsonBodyParser."""

    ARGUMENTS_PARSER = JsonBodyParser()
