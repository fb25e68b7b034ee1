"""The pages' language: `?lang=` (remembered in a cookie), then the cookie, then Accept-Language, then Spanish.

Texts go through Flask-Babel; the catalog is screening/web/locale/<lang>/LC_MESSAGES/messages.po (English msgids,
es-MX translations), read from the .po once per process as rules/locale reads its own: no compiled files kept.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, Response, g, request
from flask_babel import Babel, Domain

from rules.locale import DEFAULT_LANGUAGE, LANGUAGES
from screening.api.language import request_language

LANG_COOKIE = "lang"
LANG_COOKIE_SECONDS = 365 * 24 * 3600
BABEL_LOCALES = {"es": "es_MX", "en": "en"}
"""Babel's locale for each language: dates and numbers as written in Mexico ("30 de mayo de 2027")."""


def page_language() -> str:
    """es or en for this request (SPEC section 7)."""
    lang: str | None = g.get("page_lang")
    if lang is None:
        asked = request.args.get("lang")
        cookie = request.cookies.get(LANG_COOKIE)
        if asked in LANGUAGES:
            lang = asked
        elif cookie in LANGUAGES:
            lang = cookie
        else:
            lang = request_language(None)
        g.page_lang = lang
    return lang


@cache
def catalog(lang: str) -> NullTranslations:
    """The pages' catalog of a language; English is the msgids themselves."""
    if lang == "en":
        return NullTranslations()
    source = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", "messages.po")
    with source.open("rb") as handle:
        messages = read_po(handle, locale=BABEL_LOCALES.get(lang, lang))
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return Translations(buffer)


class PoDomain(Domain):  # type: ignore[misc]
    """Flask-Babel's domain with the catalog above instead of compiled .mo files."""

    def get_translations(self) -> Any:
        return catalog(page_language())


def remember_language(response: Response) -> Response:
    """A `?lang=` choice is kept in a cookie, so the next page opens in the same language."""
    asked = request.args.get("lang")
    if asked in LANGUAGES and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(
            LANG_COOKIE,
            asked,
            max_age=LANG_COOKIE_SECONDS,
            secure=request.is_secure,
            httponly=True,
            samesite="Lax",
        )
    return response


def init_i18n(app: Flask) -> Babel:
    babel = Babel(
        app,
        default_locale=BABEL_LOCALES[DEFAULT_LANGUAGE],
        default_timezone=str(app.config.get("SCREENING_TIMEZONE", "America/Mexico_City")),
        locale_selector=lambda: BABEL_LOCALES[page_language()],
    )
    babel.domain_instance = PoDomain()
    return babel
