# mypy: disable-error-code="no-any-return"
"""A verdict as the result page shows it: the outcome in words, each criterion with the profile's clause, what
was entered, the outcome and the reason, what would still be needed, and the desirable score.

Reason messages are written again from their codes in the page's language (rules.render), so a receipt stored
in Spanish reads in English as well, without evaluating again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from rules.candidate import Candidate
from rules.compiler import RuleSet
from rules.policy import DEFAULT_POLICY, Policy
from rules.render import reason_message
from rules.shortfall import Shortfall, still_needed
from rules.verdict import Reason
from screening.web.i18n import page_language
from screening.web.names import level_name, levels_from, status_name, statuses_from


def criterion_name(criterion_id: str) -> str:
    names = {
        "education.level": _("Level of studies"),
        "education.status": _("Degree status"),
        "education.field": _("Field of study"),
        "experience.area": _("Area of experience"),
        "experience.years": _("Years of experience"),
    }
    return names.get(criterion_id, criterion_id)


def years_text(value: str) -> str:
    """ "1 año", "2 años", "1.5 años": the plural as the number reads."""
    whole = value.isdigit()
    return ngettext("%(years)s year", "%(years)s years", int(value) if whole else 2, years=value)


def _degree_text(found: Any) -> str:
    if not isinstance(found, dict):
        return _("No degree")
    parts = [
        level_name(str(found.get("level", ""))),
        status_name(str(found.get("status", ""))),
        str(found.get("field", "")),
    ]
    return " · ".join(part for part in parts if part)


def _clause(criterion_id: str, rule_set: RuleSet) -> str:
    education, experience = rule_set.education, rule_set.experience
    if criterion_id == "education.level":
        return _("%(level)s or higher", level=level_name(education.level.label))
    if criterion_id == "education.status":
        return _("%(status)s or higher", status=status_name(education.status.label))
    if criterion_id == "education.field":
        return education.text or "; ".join(education.fields)
    if criterion_id == "experience.area":
        return experience.text
    if criterion_id == "experience.years":
        return years_text(str(experience.years))
    return ""


def _entered(criterion: dict[str, Any], verdict: dict[str, Any]) -> str:
    criterion_id, found = criterion["id"], criterion.get("found")
    if criterion_id.startswith("education."):
        if found is None:
            return _("No degree")
        return _(
            "Degree %(number)s: %(degree)s",
            number=int(found.get("degree", 0)) + 1,
            degree=_degree_text(found),
        )
    if criterion_id == "experience.area":
        areas = [str(a) for a in (found or [])]
        return "; ".join(areas) if areas else _("No jobs")
    if criterion_id == "experience.years":
        credited = str(verdict["experience"]["credited_years"])
        return _("%(years)s credited in the position's areas", years=years_text(credited))
    return ""


def _message(reason: dict[str, Any], lang: str) -> str:
    return reason_message(Reason(reason["code"], reason.get("params") or {}), lang)


def headline(outcome: str) -> str:
    if outcome == "eligible":
        return _("You meet the requirements of this position")
    if outcome == "ineligible":
        return _("You do not meet the requirements of this position")
    return _("A person must review whether you meet the requirements of this position")


def need_lines(shortfall: Shortfall, policy: Policy = DEFAULT_POLICY) -> list[str]:
    """What would still be needed, one sentence each, in the page's language."""
    lines: list[str] = []
    if shortfall.level is not None:
        lines.append(
            _("a degree at the level %(levels)s", levels=_(" or ").join(levels_from(shortfall.level)))
        )
    if shortfall.status is not None:
        lines.append(
            _(
                "a degree with the status %(statuses)s",
                statuses=_(" or ").join(statuses_from(shortfall.status, policy)),
            )
        )
    if shortfall.fields:
        fields = "; ".join(shortfall.fields)
        if shortfall.accepts_equivalents:
            lines.append(
                _("a degree in one of these fields of study, or an equivalent one: %(fields)s", fields=fields)
            )
        else:
            lines.append(_("a degree in one of these fields of study: %(fields)s", fields=fields))
    if shortfall.areas:
        lines.append(
            _("work experience in one of the position's areas: %(areas)s", areas="; ".join(shortfall.areas))
        )
    if shortfall.experience is not None:
        gap = shortfall.experience
        if gap.months >= 12 and gap.months % 12 == 0:
            text = ngettext(
                "you need %(num)s more year of experience in the position's areas",
                "you need %(num)s more years of experience in the position's areas",
                gap.months // 12,
            )
        else:
            text = ngettext(
                "you need %(num)s more month of experience in the position's areas",
                "you need %(num)s more months of experience in the position's areas",
                gap.months,
            )
        if gap.met_on is not None:
            text += _(
                "; with your current job you will reach it on %(date)s", date=format_date(gap.met_on, "long")
            )
        lines.append(text)
    return lines


def criterion_rows(rule_set: RuleSet, verdict: dict[str, Any]) -> list[dict[str, Any]]:
    """Each mandatory criterion of a verdict: its name, the profile's clause it comes from, what was entered,
    the outcome and the reason, in the page's language."""
    lang = page_language()
    return [
        {
            "id": criterion["id"],
            "name": criterion_name(criterion["id"]),
            "clause": _clause(criterion["id"], rule_set),
            "entered": _entered(criterion, verdict),
            "outcome": criterion["outcome"],
            "reason": _message(criterion["reason"], lang),
        }
        for criterion in verdict["criteria"]
        if criterion["mandatory"]
    ]


def reason_text(reason: dict[str, Any]) -> str:
    """A stored reason (code and parameters) in the page's language."""
    return _message(reason, page_language())


def result_view(rule_set: RuleSet, candidate: Candidate, verdict: dict[str, Any]) -> dict[str, Any]:
    lang = page_language()
    criteria = criterion_rows(rule_set, verdict)
    desirable = [c for c in verdict["criteria"] if not c["mandatory"]]
    shortfall = still_needed(rule_set, candidate, date.fromisoformat(verdict["as_of"]))
    met = list(verdict["desirable"]["met"])
    gaps = list(verdict["desirable"]["gaps"])
    total = len(met) + len(gaps)
    return {
        "verdict": verdict,
        "outcome": verdict["outcome"],
        "headline": headline(verdict["outcome"]),
        "criteria": criteria,
        "needs": need_lines(shortfall, rule_set.policy),
        "under_review": [criterion_name(c) for c in shortfall.under_review],
        "eligible_from": date.fromisoformat(verdict["eligible_from"]) if verdict["eligible_from"] else None,
        "as_of": date.fromisoformat(verdict["as_of"]),
        "desirable": {
            "score": verdict["desirable"]["score"],
            "met": met,
            "gaps": gaps,
            "summary": ngettext(
                "%(num)s of %(total)s desirable item met",
                "%(num)s of %(total)s desirable items met",
                len(met),
                total=total,
            ),
            "reasons": [{"name": c["id"], "reason": _message(c["reason"], lang)} for c in desirable],
        },
    }


def matches_view(items: list[dict[str, Any]], as_of: date) -> dict[str, Any]:
    """Every position's outcome, grouped: eligible first, then review, then not eligible."""
    groups: dict[str, list[dict[str, Any]]] = {"eligible": [], "review": [], "ineligible": []}
    for item in items:
        groups[str(item["outcome"])].append(item)
    return {"groups": groups, "as_of": as_of, "total": len(items)}
