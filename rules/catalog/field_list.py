"""Splitting a Formación Profesional text into field names, and spotting "o equivalentes" (SPEC section 2)."""

from __future__ import annotations

import re

from rules.vocabulary import fold

# "o equivalentes", "u otras equivalentes", "o carreras afines", "o afín", "o afines", "o área afín", "y afines".
_EQUIVALENTS = re.compile(
    r"[\s,;]*\b[ouye]\s+(?:(?:otras?|otros?)\s+)?"
    r"(?:(?:carreras?|[áa]reas?|disciplinas?|licenciaturas?|profesiones?)\s+)?"
    r"(?:equivalentes?|af[ií]n(?:es)?|similares)\s*$",
    re.IGNORECASE,
)
# A whole text that names no field: the profile asks for a level only.
_NO_FIELD = frozenset(
    {
        "",
        "no aplica",
        "n/a",
        "na",
        "no requerida",
        "no requerido",
        "indistinta",
        "indistinto",
        "cualquier carrera",
        "cualquier area",
        "cualquiera",
    }
)
_LAST_OR = re.compile(r"^(?P<left>.+)\s+[ou]\s+(?P<right>\S.*)$")
_LAST_AND = re.compile(r"^(?P<left>.+)\s+[ye]\s+(?P<right>\S.*)$")
# Words that cannot open a field's name: "Administración de Empresas o de Negocios" stays whole.
_FUNCTION_WORDS = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "el",
        "en",
        "para",
        "con",
        "a",
        "al",
        "y",
        "e",
        "o",
        "u",
        "su",
        "sus",
        "otra",
        "otras",
        "otro",
        "otros",
        "sobre",
        "por",
    }
)


def split_top_level(text: str, separators: str = ",;") -> list[str]:
    """Pieces of `text` between separators that are not inside parentheses or brackets, stripped."""
    pieces: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char in separators and depth == 0:
            pieces.append(text[start:index].strip())
            start = index + 1
    pieces.append(text[start:].strip())
    return pieces


def strip_final_period(text: str) -> str:
    """`text` without surrounding spaces and without the periods (and stray commas) that close it."""
    return text.strip().rstrip(".;, \t").strip()


def _looks_like_name(text: str) -> bool:
    words = fold(text).split(" ")
    return (
        bool(words)
        and len(words[0]) >= 2
        and words[0] not in _FUNCTION_WORDS
        and any(c.isalpha() for c in text)
    )


def _split_last(item: str, pattern: re.Pattern[str]) -> list[str]:
    match = pattern.match(item)
    if match is None:
        return [item]
    left, right = strip_final_period(match["left"]), strip_final_period(match["right"])
    if _looks_like_name(left) and _looks_like_name(right):
        return [left, right]
    return [item]


def split_field_list(text: str) -> tuple[tuple[str, ...], bool]:
    """The field names a Formación Profesional text lists, and whether it accepts equivalents.

    "Contaduría, Administración o Economía." gives three names; a compound such as "Ciencias Políticas y
    Administración Pública" standing alone between commas stays one name. An empty or "No aplica" text gives
    no names.
    """
    body = strip_final_period(" ".join(text.split()))
    if fold(body) in _NO_FIELD:
        return (), False
    marker = _EQUIVALENTS.search(body)
    accepts_equivalents = marker is not None
    if marker is not None:
        body = strip_final_period(body[: marker.start()])
    items = [strip_final_period(piece) for piece in split_top_level(body)]
    items = [item for item in items if item]
    if not items:
        return (), accepts_equivalents
    # The conjunction before the last item: "A, B o C" and "A, B y C"; a lone "A y B" is one compound name.
    last = _split_last(items[-1], _LAST_OR)
    if len(last) == 1 and len(items) > 1:
        last = _split_last(items[-1], _LAST_AND)
    return tuple(items[:-1] + last), accepts_equivalents
