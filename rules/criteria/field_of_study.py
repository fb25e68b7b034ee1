"""Criterion `education.field`: is the candidate's carrera a listed field, or an equivalent one (SPEC section 3)?

A listed field, or a compound name containing one, passes. When the profile says "o equivalentes", the taxonomy
(ISCED-F 2013 detailed and narrow fields, CMPE 2016 campos amplios) decides how close any other name is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rules.messages import N_, register
from rules.policy import Policy
from rules.profile import EducationRequirement
from rules.taxonomy import TaxonomyEntry, closest, compound_parts, lookup, near_spelling, normalize_field
from rules.taxonomy import taxonomy_version as _taxonomy_version
from rules.verdict import Outcome, Param, Reason

LISTED = "education.field.listed"
COMPOUND = "education.field.compound"
SPECIALISATION = "education.field.specialisation"
SPELLING = "education.field.spelling"
EQUIVALENT = "education.field.equivalent"
SAME_BROAD_FIELD = "education.field.same_broad_field"
OTHER_BROAD_FIELD = "education.field.other_broad_field"
UNKNOWN = "education.field.unknown"
LISTED_UNKNOWN = "education.field.listed_unknown"
UNCERTAIN_PLACEMENT = "education.field.uncertain_placement"
NOT_LISTED = "education.field.not_listed"
MISSING = "education.field.missing"
NONE_LISTED = "education.field.none_listed"

register(
    {
        LISTED: N_("%(found)s is the listed field %(listed)s."),
        COMPOUND: N_("%(found)s contains the listed field %(listed)s."),
        SPECIALISATION: N_(
            "%(found)s is a specialisation of the listed field %(listed)s (both ISCED-F %(found_code)s)."
        ),
        SPELLING: N_("%(found)s is read as %(read_as)s, the listed field %(listed)s."),
        EQUIVALENT: N_(
            "%(found)s (ISCED-F %(found_code)s) is in the same field of study as the listed field %(listed)s "
            "(ISCED-F %(listed_code)s): accepted as equivalent."
        ),
        SAME_BROAD_FIELD: N_(
            "%(found)s (ISCED-F %(found_code)s) shares only the broad field %(campo_amplio)s with the listed "
            "field %(listed)s (ISCED-F %(listed_code)s); a reviewer decides whether it is equivalent."
        ),
        OTHER_BROAD_FIELD: N_(
            "%(found)s (ISCED-F %(found_code)s, broad field %(found_campo)s) is in a different broad field "
            "from every listed field: %(fields)s."
        ),
        UNKNOWN: N_(
            "%(found)s is not in the field-of-study taxonomy; a reviewer compares it with the listed fields: "
            "%(fields)s."
        ),
        LISTED_UNKNOWN: N_(
            "The listed field %(listed)s is not in the field-of-study taxonomy; a reviewer compares %(found)s "
            "with it."
        ),
        UNCERTAIN_PLACEMENT: N_(
            "The placement of %(program)s in the taxonomy is not certain; a reviewer decides whether %(found)s "
            "(ISCED-F %(found_code)s) is equivalent to %(listed)s (ISCED-F %(listed_code)s)."
        ),
        NOT_LISTED: N_(
            "%(found)s is not one of the listed fields (%(fields)s), and the profile does not accept "
            "equivalents."
        ),
        MISSING: N_("No field of study was given for this degree; the listed fields are: %(fields)s."),
        NONE_LISTED: N_("The profile lists no field of study: any field is accepted."),
    }
)


@dataclass(frozen=True)
class FieldJudgement:
    outcome: Outcome
    reason: Reason
    listed: str | None
    """The listed field the candidate's field matched or was compared with."""
    evidence: dict[str, Any] | None
    """E.g. {"taxonomy": {"found": "0312", "listed": "0312", "campo_amplio": "03", ...}}."""


@dataclass(frozen=True)
class _Placed:
    """A candidate's field (or one part of a compound) as the taxonomy places it."""

    text: str
    entry: TaxonomyEntry
    read_as: str | None = None
    """The taxonomy name a misspelt field was read as."""

    @property
    def certain(self) -> bool:
        return self.entry.confidence == "high" and self.read_as is None

    def possible_campos(self) -> frozenset[str] | None:
        """Where this field may sit; None when unknown (a misspelt name read as another is never certain)."""
        return None if self.read_as is not None else self.entry.possible_campos()


# Among judgements of the same outcome, the more specific reason is kept (listed before equivalent, ...).
_SPECIFICITY = {
    LISTED: 9,
    COMPOUND: 8,
    SPECIALISATION: 8,
    SPELLING: 7,
    EQUIVALENT: 6,
    SAME_BROAD_FIELD: 5,
    UNCERTAIN_PLACEMENT: 4,
    LISTED_UNKNOWN: 3,
    UNKNOWN: 2,
    OTHER_BROAD_FIELD: 1,
    NOT_LISTED: 1,
    MISSING: 0,
    NONE_LISTED: 10,
}


def _rank(judgement: FieldJudgement) -> tuple[int, int, int]:
    # Outcome first, then the more specific reason, then the closer code (same detailed field over narrow).
    taxonomy = (judgement.evidence or {}).get("taxonomy", {})
    same_detailed = 1 if taxonomy and taxonomy.get("found") == taxonomy.get("listed") else 0
    return (judgement.outcome.rank, _SPECIFICITY[judgement.reason.code], same_detailed)


def _better(a: FieldJudgement, b: FieldJudgement | None) -> bool:
    return b is None or _rank(a) > _rank(b)


def _same_program(a: str, b: str) -> bool:
    if normalize_field(a) == normalize_field(b):
        return True
    entry_a, entry_b = lookup(a), lookup(b)
    return entry_a is not None and entry_a == entry_b


def _extends(found: str, listed: str) -> bool:
    """Whether the found name is the listed name followed by more words ("Derecho Fiscal" / "Derecho")."""
    found_key, listed_key = normalize_field(found), normalize_field(listed)
    return found_key.startswith(listed_key + " ")


def _listed_match(found: str, listed: str) -> FieldJudgement | None:
    """The pass a listed field gives: the same name, a synonym, a compound containing it, a misspelling of it."""
    if _same_program(found, listed):
        return FieldJudgement(Outcome.PASS, Reason(LISTED, {"found": found, "listed": listed}), listed, None)
    for part in compound_parts(found):
        if _same_program(part, listed):
            reason = Reason(COMPOUND, {"found": found, "listed": listed, "part": part})
            return FieldJudgement(Outcome.PASS, reason, listed, {"compound": {"part": part}})
    found_entry, listed_entry = lookup(found), lookup(listed)
    if (
        found_entry is not None
        and found_entry.detailed == getattr(listed_entry, "detailed", None)
        and _extends(found, listed)
    ):
        # "Derecho Fiscal" for "Derecho": the listed name, narrowed, in the same detailed field.
        params: dict[str, Param] = {"found": found, "listed": listed, "found_code": found_entry.detailed}
        return FieldJudgement(Outcome.PASS, Reason(SPECIALISATION, params), listed, None)
    if found_entry is not None:
        return None
    # A slip of typing: of the listed name itself, or of a name of the listed program.
    if near_spelling(found, listed):
        reason = Reason(SPELLING, {"found": found, "read_as": listed, "listed": listed})
        return FieldJudgement(Outcome.PASS, reason, listed, {"spelling": {"found": found, "read_as": listed}})
    corrected = closest(found)
    if corrected is not None and _same_program(corrected[1], listed):
        reason = Reason(SPELLING, {"found": found, "read_as": corrected[1], "listed": listed})
        evidence = {"spelling": {"found": found, "read_as": corrected[1]}}
        return FieldJudgement(Outcome.PASS, reason, listed, evidence)
    return None


def _placed(text: str) -> list[_Placed]:
    """Where the taxonomy puts a field name: the whole name, else each part of a compound, else a spelling."""
    entry = lookup(text)
    if entry is not None:
        return [_Placed(text, entry)]
    placed: list[_Placed] = []
    for part in compound_parts(text):
        placed.extend(_placed(part))
    if placed:
        return placed
    corrected = closest(text)
    if corrected is not None:
        return [_Placed(text, corrected[0], read_as=corrected[1])]
    return []


def _evidence(found: _Placed, listed: _Placed) -> dict[str, Any]:
    taxonomy: dict[str, Any] = {
        "version": _taxonomy_version(),
        "found": found.entry.detailed,
        "found_program": found.entry.program,
        "found_campo_amplio": found.entry.campo_amplio,
        "found_confidence": found.entry.confidence,
        "listed": listed.entry.detailed,
        "listed_program": listed.entry.program,
        "listed_campo_amplio": listed.entry.campo_amplio,
        "listed_confidence": listed.entry.confidence,
    }
    if found.entry.campo_amplio is not None and found.entry.campo_amplio == listed.entry.campo_amplio:
        taxonomy["campo_amplio"] = found.entry.campo_amplio
    evidence: dict[str, Any] = {"taxonomy": taxonomy}
    if found.read_as is not None:
        evidence["spelling"] = {"found": found.text, "read_as": found.read_as}
    return evidence


def _narrows(placed: _Placed) -> frozenset[str]:
    """The ISCED-F narrow fields a placed program may sit in: its own and its alternatives'."""
    return frozenset({placed.entry.narrow, *(code[:3] for code in placed.entry.alternatives)})


def _uncertain(
    params: dict[str, Param], uncertain: _Placed, evidence: dict[str, Any], listed_name: str, policy: Policy
) -> FieldJudgement:
    params["program"] = uncertain.entry.program
    return FieldJudgement(
        policy.uncertain_placement, Reason(UNCERTAIN_PLACEMENT, params), listed_name, evidence
    )


def _compare(
    candidate_field: str, found: _Placed, listed_name: str, listed: _Placed, policy: Policy
) -> FieldJudgement | None:
    """The equivalence step of SPEC section 3 for one placed candidate field and one placed listed field; None
    when what is known of the listed field's placement decides nothing for this candidate field."""
    params: dict[str, Param] = {
        "found": candidate_field,
        "found_code": found.entry.detailed,
        "listed": listed_name,
        "listed_code": listed.entry.detailed,
    }
    evidence = _evidence(found, listed)
    if found.entry.detailed == listed.entry.detailed or found.entry.narrow == listed.entry.narrow:
        return FieldJudgement(
            policy.equivalent_narrow_field, Reason(EQUIVALENT, params), listed_name, evidence
        )
    campo_found, campo_listed = found.entry.campo_amplio, listed.entry.campo_amplio
    if campo_found is not None and campo_found == campo_listed:
        params["campo_amplio"] = campo_found
        return FieldJudgement(
            policy.equivalent_broad_field, Reason(SAME_BROAD_FIELD, params), listed_name, evidence
        )
    # The candidate's own field: a placement that is not certain (a medium row whose other placements could
    # share the listed campo amplio, or naming none; an unverified campo amplio; a misspelt name) never fails
    # the candidate on its own.
    possible_found = found.possible_campos()
    if possible_found is None or (campo_listed is not None and campo_listed in possible_found):
        return _uncertain(params, found, evidence, listed_name, policy)
    # A listed field whose placement is not certain reaches only the fields that share a narrow field with one
    # of its placements; for any other field it decides nothing, and the other listed fields do.
    if not listed.certain or campo_listed is None:
        if _narrows(listed) & _narrows(found):
            return _uncertain(params, listed, evidence, listed_name, policy)
        if campo_listed is None or listed.read_as is not None:
            return None
    params["found_campo"] = campo_found
    return FieldJudgement(Outcome.FAIL, Reason(OTHER_BROAD_FIELD, params), listed_name, evidence)


@lru_cache(maxsize=65536)
def judge_field(candidate_field: str, requirement: EducationRequirement, policy: Policy) -> FieldJudgement:
    """Judge a candidate's field of study against every listed field of the profile and keep the best outcome."""
    listed_fields = [name for name in requirement.fields if normalize_field(name)]
    fields: list[str] = list(listed_fields)
    if not listed_fields:
        return FieldJudgement(Outcome.PASS, Reason(NONE_LISTED, {}), None, None)
    if not candidate_field.strip() or not normalize_field(candidate_field):
        outcome = policy.unknown_field if requirement.accepts_equivalents else Outcome.FAIL
        return FieldJudgement(outcome, Reason(MISSING, {"fields": fields}), None, None)
    best: FieldJudgement | None = None
    for listed in listed_fields:
        match = _listed_match(candidate_field, listed)
        if match is not None and _better(match, best):
            best = match
    if best is not None and best.outcome is Outcome.PASS:
        return best
    if not requirement.accepts_equivalents:
        extended = [name for name in listed_fields if _extends(candidate_field, name)]
        if extended and lookup(candidate_field) is None:
            # "Derecho Burocrático" for "Derecho": a narrower name the taxonomy does not know; a reviewer decides.
            reason = Reason(UNKNOWN, {"found": candidate_field, "fields": fields})
            return FieldJudgement(policy.unknown_field, reason, extended[0], None)
        reason = Reason(NOT_LISTED, {"found": candidate_field, "fields": fields})
        return FieldJudgement(Outcome.FAIL, reason, None, None)

    undecided: tuple[_Placed, str, _Placed] | None = None
    found_placed = _placed(candidate_field)
    if not found_placed:
        reason = Reason(UNKNOWN, {"found": candidate_field, "fields": fields})
        return FieldJudgement(policy.unknown_field, reason, None, None)
    for listed in listed_fields:
        listed_placed = _placed(listed)
        if not listed_placed:
            reason = Reason(LISTED_UNKNOWN, {"found": candidate_field, "listed": listed})
            judgement = FieldJudgement(policy.unknown_field, reason, listed, None)
            if _better(judgement, best):
                best = judgement
            continue
        for found in found_placed:
            for listed_one in listed_placed:
                compared = _compare(candidate_field, found, listed, listed_one, policy)
                if compared is None:
                    undecided = undecided or (found, listed, listed_one)
                elif _better(compared, best):
                    best = compared
    if best is None:
        # No listed field's known placement decides: a person does, never a rejection on what is not known.
        assert undecided is not None  # nosec B101 # narrows the type; no best match means an undecided one was kept
        found, listed, listed_one = undecided
        params: dict[str, Param] = {
            "found": candidate_field,
            "found_code": found.entry.detailed,
            "listed": listed,
            "listed_code": listed_one.entry.detailed,
        }
        best = _uncertain(params, listed_one, _evidence(found, listed_one), listed, policy)
    if best.reason.code == OTHER_BROAD_FIELD:
        # Every listed field is in another broad field: the reason names them all.
        params = dict(best.reason.params)
        params["fields"] = fields
        best = FieldJudgement(best.outcome, Reason(OTHER_BROAD_FIELD, params), best.listed, best.evidence)
    return best
