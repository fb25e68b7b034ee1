"""The language of a response: the `lang` query parameter wins, then Accept-Language, then Spanish."""

from __future__ import annotations

from functools import lru_cache

from flask import request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from screening.config import LANGUAGES


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
