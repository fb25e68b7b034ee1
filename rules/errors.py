"""The one exception hierarchy of the domain core; every input problem names its field path."""

from __future__ import annotations

from dataclasses import dataclass, field


class ScreeningError(Exception):
    """Base of every error the domain core raises on purpose."""


@dataclass(frozen=True)
class Text:
    """A message as data: an English template (its msgid in rules/locale) and its parameters. `str()` is the
    English text; rules.render.text_in writes it in another language at the edge."""

    template: str
    params: tuple[tuple[str, str | int | Text], ...] = ()
    """A parameter may be a Text itself, written in the same language as its message."""
    plural: str | None = None
    """The plural template of a message that counts (its parameter `count`): ngettext picks one of the two."""

    @property
    def number(self) -> int:
        """What a message that counts counts (its parameter `count`), for a language's plural rule."""
        count = dict(self.params).get("count")
        return count if isinstance(count, int) else 2

    def __str__(self) -> str:
        template = self.plural if self.plural is not None and self.number != 1 else self.template
        return template % dict(self.params) if self.params else template


def text(template: str, **params: str | int | Text) -> Text:
    return Text(template, tuple(sorted(params.items())))


def plural_text(singular: str, plural: str, count: int, **params: str | int | Text) -> Text:
    """A message that counts: `singular` for one, `plural` otherwise (in each language by its own rule)."""
    return Text(singular, tuple(sorted({**params, "count": count}.items())), plural)


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with an input: where (``degrees[0].level``), what was found, what is accepted.

    `found` and `accepted` are the English texts; `found_text` and `accepted_text`, when the reader gave them,
    the same as templates and parameters, so that each caller writes the problem in its user's language."""

    path: str
    found: str
    accepted: str
    found_text: Text | None = field(default=None, compare=False)
    accepted_text: Text | None = field(default=None, compare=False)

    @classmethod
    def of(cls, path: str, found: str | Text, accepted: str | Text) -> InputProblem:
        return cls(
            path,
            str(found),
            str(accepted),
            found if isinstance(found, Text) else None,
            accepted if isinstance(accepted, Text) else None,
        )

    def under(self, prefix: str) -> InputProblem:
        """The same problem with its path under `prefix` (``level`` -> ``degrees[0].level``)."""
        return InputProblem(
            f"{prefix}.{self.path}", self.found, self.accepted, self.found_text, self.accepted_text
        )

    def __str__(self) -> str:
        return f"{self.path}: found {self.found}; accepted: {self.accepted}"


class InputErrors(ScreeningError):
    """Input that cannot be read; carries every problem found, not only the first."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class VocabularyError(ScreeningError):
    """A level or status word that is not in the vocabulary (SPEC section 3: invalid, not a guess)."""

    def __init__(self, kind: str, found: str, accepted: str) -> None:
        self.kind = kind
        self.found = found
        self.accepted = accepted
        super().__init__(f"unknown {kind} {found!r}; accepted: {accepted}")


@dataclass(frozen=True)
class CatalogProblem:
    """Something in a catalog text the parser could not read, with its line and section.

    `message` is the English text; `message_text`, when the parser gave it, the same as a template and its
    parameters, so that each caller writes the problem in its reader's language (rules.render)."""

    line: int
    section: str
    message: str
    code: str | None = None
    message_text: Text | None = field(default=None, compare=False)

    @classmethod
    def of(cls, line: int, section: str, message: str | Text, code: str | None = None) -> CatalogProblem:
        return cls(line, section, str(message), code, message if isinstance(message, Text) else None)

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.section}" if self.section else "")
        prefix = f"{self.code}: " if self.code else ""
        return f"{prefix}{where}: {self.message}"


class CatalogError(ScreeningError):
    """A catalog (or one profile of it) that cannot be imported."""

    def __init__(self, problems: list[CatalogProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


MAX_CODE_SHOWN = 60
"""Characters of an unknown position code echoed in a message (codes have 14; a longer one is cut)."""


class UnknownPosition(ScreeningError):
    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"unknown position {self.shown!r}")

    @property
    def shown(self) -> str:
        """The code as messages echo it: cut to MAX_CODE_SHOWN characters with "..."."""
        code = self.code
        return code if len(code) <= MAX_CODE_SHOWN else code[: MAX_CODE_SHOWN - 3] + "..."
