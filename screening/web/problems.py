"""An input problem of rules.candidate as a person reads it, in the page's language."""

from __future__ import annotations

from flask_babel import gettext as _

from rules.errors import InputProblem


def problem_text(problem: InputProblem) -> str:
    return str(_("found %(found)s; accepted: %(accepted)s", found=problem.found, accepted=problem.accepted))
