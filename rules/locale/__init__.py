"""Message catalogs for reasons: es (Mexico, the default) and en. English templates are the msgids."""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"


def normalize_language(value: str | None) -> str:
    """'es-MX', 'en_US', 'EN' -> 'es' / 'en'; anything else -> the default language."""
    if not value:
        return DEFAULT_LANGUAGE
    head = value.strip().lower().replace("_", "-").split("-")[0]
    return head if head in LANGUAGES else DEFAULT_LANGUAGE


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of a language, read from its .po once (no compiled files are kept in the source tree)."""
    if lang == "en":
        return gettext.NullTranslations()
    source = resources.files(__package__).joinpath(lang, "LC_MESSAGES", "messages.po")
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
