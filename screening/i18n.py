"""The application's messages (pages, API and CLI): English msgids, translated in screening/locale/<lang>.

Read from the .po once per process, as rules/locale reads its own: no compiled catalog is kept in the tree.
The messages are extracted with Babel (`pybabel extract -F screening/babel.cfg`, see docs/web.md).
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from rules.errors import Text
from rules.locale import normalize_language

BABEL_LOCALES = {"es": "es_MX", "en": "en"}
"""Babel's locale for each language: dates and numbers as written in Mexico ("30 de mayo de 2027")."""


@cache
def catalog(lang: str) -> NullTranslations:
    """The catalog of a language; English is the msgids themselves."""
    lang = normalize_language(lang)
    if lang == "en":
        return NullTranslations()
    source = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", "messages.po")
    with source.open("rb") as handle:
        messages = read_po(handle, locale=BABEL_LOCALES.get(lang, lang))
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return Translations(buffer)


def translated(lang: str, message: str, **params: object) -> str:
    """`message` in `lang`, its %(name)s placeholders filled in."""
    text: str = catalog(lang).gettext(message)
    return text % params if params else text


def written(lang: str, value: Text) -> str:
    """A message kept as data (rules.errors.Text) in `lang`, its parameters that are messages too."""
    params = {name: written(lang, v) if isinstance(v, Text) else v for name, v in value.params}
    if value.plural is not None:
        template: str = catalog(lang).ngettext(value.template, value.plural, value.number)
        return template % params
    return translated(lang, value.template, **params)
