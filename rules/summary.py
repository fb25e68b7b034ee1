"""The one-line main reason of a verdict, for lists of positions (SPEC section 4, POST /matches).

The first failed mandatory criterion says why a candidate is not eligible; without one, the first under review
says what a person must decide; an eligible verdict says that every mandatory requirement is met.
"""

from __future__ import annotations

from rules.messages import N_, register
from rules.verdict import Outcome, Reason, Verdict

register({"summary.eligible": N_("Every mandatory requirement is met.")})

ELIGIBLE = Reason("summary.eligible", {})


def main_reason(verdict: Verdict) -> Reason:
    mandatory = [c for c in verdict.criteria if c.mandatory]
    for wanted in (Outcome.FAIL, Outcome.REVIEW):
        for criterion in mandatory:
            if criterion.outcome is wanted:
                return criterion.reason
    return ELIGIBLE
