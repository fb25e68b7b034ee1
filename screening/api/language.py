"""The language of a response: the `lang` query parameter wins, then Accept-Language, then Spanish."""

from __future__ import annotations

from flask import has_request_context, request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from screening.config import LANGUAGES
from screening.i18n import translated


def _(message: str, **params: object) -> str:
    """An API message in the request's language (`lang` query parameter, then Accept-Language, then Spanish)."""
    lang = request_language() if has_request_context() else "es"
    return translated(lang, message, **params)


def request_language(explicit: str | None = None) -> str:
    """`explicit` when it is a language, else the `lang` query parameter, else Accept-Language, else Spanish."""
    if explicit in LANGUAGES:
        return explicit
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    header = request.headers.get("Accept-Language", "")
    best = parse_accept_header(header, LanguageAccept).best_match(LANGUAGES, default="es")
    return best or "es"
