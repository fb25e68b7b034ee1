"""The language of a response: the `lang` query parameter wins, then Accept-Language, then Spanish."""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from screening.config import LANGUAGES


def request_language(explicit: str | None = None) -> str:
    if explicit in LANGUAGES:
        return explicit
    header = request.headers.get("Accept-Language", "")
    best = parse_accept_header(header, LanguageAccept).best_match(LANGUAGES, default="es")
    return best or "es"
