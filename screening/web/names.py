"""Names of the vocabulary's levels and statuses as the pages show them, in the page's language.

The value a form sends is the vocabulary's own label (rules.vocabulary reads it); only what a person reads changes.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from rules.policy import Policy
from rules.vocabulary import Level, Status

LEVEL_NAMES = {
    Level.PRIMARIA: _l("Primary school (Primaria)"),
    Level.SECUNDARIA: _l("Lower secondary school (Secundaria)"),
    Level.BACHILLERATO: _l("Upper secondary school (Bachillerato, Preparatoria)"),
    Level.TSU: _l("Higher technical degree (Técnico Superior Universitario)"),
    Level.LICENCIATURA: _l("Bachelor's degree (Licenciatura, Ingeniería)"),
    Level.ESPECIALIDAD: _l("Specialisation (Especialidad)"),
    Level.MAESTRIA: _l("Master's degree (Maestría)"),
    Level.DOCTORADO: _l("Doctorate (Doctorado)"),
}

STATUS_NAMES = {
    Status.CURSANDO: _l("Still studying (Cursando)"),
    Status.TRUNCA: _l("Left unfinished (Trunca)"),
    Status.PASANTE: _l("Studies finished, no title yet (Pasante, 100 % de créditos)"),
    Status.TITULO: _l("Title or degree awarded (Título)"),
    # After Título, so that typing "Ti" in the list still selects the most common answer.
    Status.TITULO_EN_TRAMITE: _l("Title being issued (Título en trámite)"),
    Status.CEDULA: _l("Professional licence (Cédula profesional)"),
}


def level_name(label: str) -> str:
    """The page's name of a level given by its vocabulary label ("Licenciatura")."""
    for level, name in LEVEL_NAMES.items():
        if level.label == label:
            return str(name)
    return label


def status_name(label: str) -> str:
    for status, name in STATUS_NAMES.items():
        if status.label == label:
            return str(name)
    return label


def levels_from(level: Level) -> list[str]:
    """The level and every higher one, by name: what a requirement accepts (SPEC section 3, Education)."""
    return [str(LEVEL_NAMES[other]) for other in Level if other >= level]


def statuses_from(status: Status, policy: Policy) -> list[str]:
    """The status and every status that counts as it or higher under the policy ("Título en trámite" where
    the policy places it)."""
    required = policy.placed(status).rank
    return [str(STATUS_NAMES[other]) for other in Status if policy.placed(other).rank >= required]
