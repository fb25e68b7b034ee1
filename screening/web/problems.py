"""An input problem of rules.candidate as a person reads it, in the page's language."""

from __future__ import annotations

from flask_babel import gettext as _

from rules.errors import InputProblem, Text
from rules.render import problem_in
from screening.web.i18n import page_language

NOTHING = Text("nothing")


def problem_text(problem: InputProblem) -> str:
    shown = problem_in(problem, page_language())
    if problem.found_text == NOTHING:
        return str(_("nothing was given; accepted: %(accepted)s", accepted=shown.accepted))
    return str(_("found %(found)s; accepted: %(accepted)s", found=shown.found, accepted=shown.accepted))
