"""Catalog texts for the import tests: the bundled IECM catalog, a version of it whose seed profile asks other
years of experience and another knowledge item, and a second profile with two lines the parser cannot read."""

from __future__ import annotations

from importlib import resources

SEED = "8-009-004-C215"
CATALOG = resources.files("screening.catalogs").joinpath("iecm.txt").read_text(encoding="utf-8")


def changed_catalog(years: int = 3, knowledge: str = "Normativa Electoral local.") -> str:
    return CATALOG.replace("2\tPlaneación, elaboración", f"{years}\tPlaneación, elaboración").replace(
        "1\tNormativa Electoral.", f"1\t{knowledge}"
    )


BROKEN = (
    CATALOG.replace(SEED, "8-009-004-C999")
    .replace("Licenciatura\tTítulo", "Kínder\tTítulo")
    .replace("2\tPlaneación, elaboración", "dos\tPlaneación, elaboración")
)
"""A second profile (8-009-004-C999) whose level and years cannot be read."""
