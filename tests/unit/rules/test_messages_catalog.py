"""The domain core's Spanish catalog (rules/locale) holds every message the core keeps as data (rules.errors
Text: input problems, catalog problems), translated, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

from rules.vocabulary import LEVELS_ACCEPTED, STATUSES_ACCEPTED

ROOT = Path(__file__).resolve().parents[3]
CATALOG = ROOT / "rules" / "locale" / "es" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# rules.errors.text under the names the modules import it by, and the Text class itself.
KEYWORDS = {"text", "msg", "Text", "plural_text"}


def _catalog() -> dict[str, str | tuple[str, ...]]:
    with CATALOG.open("rb") as handle:
        return {
            (entry.id[0] if isinstance(entry.id, tuple) else entry.id): entry.string
            for entry in read_po(handle, locale="es_MX")
            if entry.id
        }


def _kept_as_data() -> list[tuple[str, str]]:
    """(module, template) of every call of rules.errors.text (as `text` or `msg`), plural_text or Text with a
    literal template: a method that shares the name (`reader.text(...)`) is not one."""
    found = []
    for path in sorted((ROOT / "rules").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in KEYWORDS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((path.name, node.args[0].value))
    return found


def test_the_catalog_modules_are_read() -> None:
    names = {name for name, _ in _kept_as_data()}
    assert {"text.py", "dict_form.py", "yaml_form.py", "candidate.py"} <= names


def test_every_message_kept_as_data_is_translated() -> None:
    catalog = _catalog()
    missing = []
    for name, key in _kept_as_data():
        if not catalog.get(key):
            missing.append(f"{name}: {key}")
    for accepted in (LEVELS_ACCEPTED, STATUSES_ACCEPTED):
        if not catalog.get(accepted):
            missing.append(f"vocabulary.py: {accepted}")
    assert missing == [], "translate in rules/locale/es: " + "; ".join(sorted(set(missing)))


def test_translations_keep_every_placeholder() -> None:
    for key, translated in _catalog().items():
        wanted = set(PLACEHOLDER.findall(key))
        for text in translated if isinstance(translated, tuple) else (translated,):
            assert set(PLACEHOLDER.findall(text)) == wanted, key
