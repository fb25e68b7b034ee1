"""The language of a response: the `lang` query parameter wins, then Accept-Language, then Spanish."""

from __future__ import annotations

from functools import lru_cache

from flask import has_request_context, request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from screening.i18n import translated

LANGUAGES = ("es", "en")


def _(message: str, **params: object) -> str:
    """An API message in the request's language (`lang` query parameter, then Accept-Language, then Spanish)."""
    lang = request_language(request.args.get("lang")) if has_request_context() else "es"
    return translated(lang, message, **params)


def request_language(explicit: str | None = None) -> str:
    if explicit in LANGUAGES:
        return explicit
    return _best_language(request.headers.get("Accept-Language", ""))


@lru_cache(maxsize=256)
def _best_language(header: str) -> str:
    """The language an Accept-Language header asks for, read once per distinct header (clients send the same
    few over and over)."""
    best = parse_accept_header(header, LanguageAccept).best_match(LANGUAGES, default="es")
    return best or "es"
