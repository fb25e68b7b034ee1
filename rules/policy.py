"""The default policy of SPEC section 3 and its knobs; every knob is part of the rule-set fingerprint."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from rules.verdict import Outcome, hash_once
from rules.vocabulary import Status


@dataclass(frozen=True)
class Policy:
    __hash__ = hash_once

    policy_id: str = "iecm-default-1"
    full_time_hours: int = 40
    """Hours per week of a full-time job; fewer hours are credited in proportion (SPEC 3, Experience)."""
    days_per_year: int = 365
    """Required N years are met at N x days_per_year credited days: the candidate-favourable reading."""
    higher_level_satisfies: bool = True
    """A Maestría in a listed field satisfies "Licenciatura"."""
    equivalent_narrow_field: Outcome = Outcome.PASS
    """Same detailed or narrow field (ISCED-F) as a listed field, when the profile accepts equivalents."""
    equivalent_broad_field: Outcome = Outcome.REVIEW
    """Same campo amplio (CMPE 2016) as a listed field."""
    unknown_field: Outcome = Outcome.REVIEW
    """A field name the taxonomy does not know."""
    uncertain_placement: Outcome = Outcome.REVIEW
    """A taxonomy row of medium confidence never fails a candidate on its own."""
    count_review_areas: bool = True
    """Jobs whose area is under review may make experience.years `review`, never `pass`."""
    competency_met_at_required_grade: bool = True
    """A competency is met when the self-rating reaches the required grade."""
    title_in_progress: Status = Status.PASANTE
    """Where "Título en trámite" (studies finished, title being issued) stands in the status ladder."""

    def __post_init__(self) -> None:
        if self.title_in_progress is Status.TITULO_EN_TRAMITE:
            raise ValueError(
                "title_in_progress: a status of the ladder (cursando, trunca, pasante, titulo, cedula)"
            )

    def placed(self, status: Status) -> Status:
        """The status a degree counts as: "Título en trámite" where this policy places it (SPEC section 3)."""
        return self.title_in_progress if status is Status.TITULO_EN_TRAMITE else status

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {key: (value.value if isinstance(value, Enum) else value) for key, value in data.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Policy:
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown policy settings: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            default = getattr(cls, key)
            values[key] = type(default)(value) if isinstance(default, Enum) else value
        return cls(**values)


DEFAULT_POLICY = Policy()
