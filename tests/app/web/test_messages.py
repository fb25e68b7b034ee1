"""The pages' Spanish catalog holds every message the pages use, translated, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
CATALOG = ROOT / "screening" / "locale" / "es" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _used_messages() -> set[str | tuple[str, ...]]:
    method_map = [("screening/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None}
    found: set[str | tuple[str, ...]] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=keywords
    ):
        found.add(message)
    return found


def test_every_message_of_the_pages_is_translated_to_spanish() -> None:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="es_MX")
    missing = []
    for message in _used_messages():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        if entry is None or not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            missing.append(key)
    assert missing == [], "run the extraction in docs/web.md and translate: " + "; ".join(sorted(missing))


def test_every_message_written_as_data_is_translated_to_spanish() -> None:
    """Messages kept as template and parameters (rules.errors.text: bulk refusals, chain verification) are
    written in the reader's language later, from the same catalog."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="es_MX")
    users = [
        path
        for path in (ROOT / "screening").rglob("*.py")
        if re.search(
            r"^from rules\.errors import .*\b(plural_)?text\b", path.read_text(encoding="utf-8"), re.M
        )
    ]
    assert any(path.name == "chain.py" for path in users)
    missing = []
    for path in users:
        with path.open("rb") as handle:
            for _lineno, _funcname, message, _comments in extract_python(
                handle, {"text": None, "plural_text": (1, 2)}, [], {}
            ):
                key = message[0] if isinstance(message, tuple) else message
                entry = catalog.get(key)
                if key and (entry is None or not entry.string):
                    missing.append(f"{path.name}: {key}")
    assert missing == [], "translate in screening/locale/es: " + "; ".join(sorted(missing))


def test_translations_keep_every_placeholder() -> None:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="es_MX")
    for entry in catalog:
        if not entry.id:
            continue
        source = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        wanted = set(PLACEHOLDER.findall(" ".join(source)))
        for text in entry.string if isinstance(entry.string, tuple) else (entry.string,):
            assert set(PLACEHOLDER.findall(text)) <= wanted | {"num"}, entry.id
            assert wanted - {"num"} <= set(PLACEHOLDER.findall(text)), entry.id
