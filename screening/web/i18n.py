"""The pages' language: `?lang=` (remembered in a cookie), then the cookie, then Accept-Language, then Spanish.

Texts go through Flask-Babel, with the application's catalog (screening.i18n).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, request
from flask_babel import Babel, Domain

from rules.locale import DEFAULT_LANGUAGE, LANGUAGES
from screening.api.language import request_language
from screening.i18n import BABEL_LOCALES, catalog

LANG_COOKIE = "lang"
LANG_COOKIE_SECONDS = 365 * 24 * 3600


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
            lang = request_language()
        g.page_lang = lang
    return lang


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
