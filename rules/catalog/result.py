"""What reading a catalog gives: the profiles that parsed completely and every problem found (SPEC section 2)."""

from __future__ import annotations

from dataclasses import dataclass

from rules.errors import CatalogProblem
from rules.profile import Profile


@dataclass(frozen=True)
class CatalogParse:
    """Profiles that parsed completely, in catalog order, and the problems (sorted by line) of everything else."""

    profiles: tuple[Profile, ...] = ()
    problems: tuple[CatalogProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems
