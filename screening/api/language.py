"""The language of a response: the `lang` query parameter wins, then Accept-Language, then Spanish."""

from __future__ import annotations

from flask import request

LANGUAGES = ("es", "en")


def request_language(explicit: str | None = None) -> str:
    if explicit in LANGUAGES:
        return explicit
    best = request.accept_languages.best_match(LANGUAGES, default="es")
    return best or "es"
