"""The language of the command line's messages: `--lang` when given on the command line, else the locale of
the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: es_MX.UTF-8 is Spanish), else English (the C locale)."""

from __future__ import annotations

import os

import click
from click.core import ParameterSource

from screening.i18n import catalog, translated


def cli_language() -> str:
    context = click.get_current_context(silent=True)
    given = context is not None and context.get_parameter_source("lang") is ParameterSource.COMMANDLINE
    if context is not None and given:
        return "en" if str(context.params["lang"]).lower().startswith("en") else "es"
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def _(message: str, **params: object) -> str:
    """A message of the command line in its language (see cli_language)."""
    return translated(cli_language(), message, **params)


def ngettext(singular: str, plural: str, count: int, **params: object) -> str:
    """A message that counts, in the command line's language: `singular` for one, `plural` otherwise."""
    template: str = catalog(cli_language()).ngettext(singular, plural, count)
    return template % {"num": count, **params}
