"""Catalog readers: the IECM text layout and the YAML form, both giving Profile models (SPEC section 2)."""

from __future__ import annotations

from rules.catalog.dict_form import profile_from_dict
from rules.catalog.field_list import split_field_list
from rules.catalog.result import CatalogParse
from rules.catalog.text import parse_catalog_text
from rules.catalog.yaml_form import profiles_from_yaml, profiles_to_yaml

__all__ = [
    "CatalogParse",
    "parse_catalog",
    "parse_catalog_text",
    "profile_from_dict",
    "profiles_from_yaml",
    "profiles_to_yaml",
    "split_field_list",
]

_YAML_STARTS = ("profiles:", "identification:")


def looks_like_yaml(text: str, name: str = "") -> bool:
    """True for a .yaml/.yml name, or a text whose first content line opens the YAML form."""
    if name.lower().endswith((".yaml", ".yml")):
        return True
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped != "---":
            return stripped.startswith(_YAML_STARTS)
    return False


def parse_catalog(text: str, name: str = "") -> CatalogParse:
    """The profiles of a catalog in either form: YAML by name or by its first line, else the text layout."""
    return profiles_from_yaml(text) if looks_like_yaml(text, name) else parse_catalog_text(text)
