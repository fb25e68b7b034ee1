"""Reason messages. Each criterion module registers its message templates here, marked for extraction.

The msgid is English text with ``%(name)s`` placeholders; rules/locale/<lang>/LC_MESSAGES/messages.po
translates it (es is the default language). Reasons in verdicts carry only the code and parameters.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {}


def N_(message: str) -> str:
    """Marks a string for extraction by `pybabel extract -k N_` without translating it here."""
    return message


def register(messages: dict[str, str]) -> None:
    for code, template in messages.items():
        if code in MESSAGES and MESSAGES[code] != template:
            raise AssertionError(f"reason code {code!r} registered twice with different text")
        MESSAGES[code] = template
