"""Profile + Policy -> RuleSet: one rule object per criterion family, with the rule set's fingerprint.

SPEC section 2 (Compilation): the fingerprint is sha256 over the canonical JSON of the compiled rules, the policy
and the engine's version (and the taxonomy's, since a changed taxonomy changes verdicts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rules import ENGINE_VERSION
from rules.canonical import fingerprint_of
from rules.criteria.desirable import DesirableRule
from rules.criteria.education import EducationRule
from rules.criteria.experience import ExperienceRule
from rules.policy import DEFAULT_POLICY, Policy
from rules.profile import Profile
from rules.taxonomy import TAXONOMY_VERSION

CRITERION_IDS: tuple[str, ...] = (
    EducationRule.criterion_ids + ExperienceRule.criterion_ids + DesirableRule.criterion_ids
)
"""Every criterion a verdict reports, in verdict order (SPEC section 4)."""


@dataclass(frozen=True)
class RuleSet:
    code: str
    title: str
    education: EducationRule
    experience: ExperienceRule
    desirable: DesirableRule
    policy: Policy
    profile: Profile
    revision: int | None
    fingerprint: str

    @property
    def rules(self) -> tuple[EducationRule, ExperienceRule, DesirableRule]:
        return (self.education, self.experience, self.desirable)

    def to_dict(self) -> dict[str, Any]:
        """The compiled requirements as data (GET /positions/<code>, `screening show`)."""
        return {
            "position": {"code": self.code, "title": self.title, "revision": self.revision},
            "fingerprint": self.fingerprint,
            "engine_version": ENGINE_VERSION,
            "taxonomy_version": TAXONOMY_VERSION,
            "policy": self.policy.to_dict(),
            "rules": [rule.to_dict() for rule in self.rules],
        }


def compiled_content(code: str, title: str, rules: list[dict[str, Any]], policy: Policy) -> dict[str, Any]:
    return {
        "position": {"code": code, "title": title},
        "rules": rules,
        "policy": policy.to_dict(),
        "engine_version": ENGINE_VERSION,
        "taxonomy_version": TAXONOMY_VERSION,
    }


def compile_profile(
    profile: Profile, policy: Policy = DEFAULT_POLICY, revision: int | None = None
) -> RuleSet:
    education = EducationRule(
        level=profile.education.level,
        status=profile.education.status,
        fields=profile.education.fields,
        accepts_equivalents=profile.education.accepts_equivalents,
        text=profile.education.text,
    )
    experience = ExperienceRule(
        years=profile.experience.years, areas=profile.experience.areas, text=profile.experience.text
    )
    desirable = DesirableRule(
        knowledge=profile.knowledge, skills=profile.skills, competencies=profile.competencies
    )
    content = compiled_content(
        profile.code, profile.title, [education.to_dict(), experience.to_dict(), desirable.to_dict()], policy
    )
    return RuleSet(
        code=profile.code,
        title=profile.title,
        education=education,
        experience=experience,
        desirable=desirable,
        policy=policy,
        profile=profile,
        revision=revision,
        fingerprint=fingerprint_of(content),
    )
