"""Ordinal degree levels and statuses with their aliases, and the text normalisation all matching uses.

SPEC section 3 (Vocabulary): matching ignores case, accents, gender forms and surrounding spaces;
abbreviations are aliases; anything outside the vocabulary is invalid input, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum, IntEnum
from functools import lru_cache
from typing import TypeVar

from rules.errors import VocabularyError

E = TypeVar("E")

_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\s.,;:()\-–—'\"]+|[\s.,;:()\-–—'\"]+$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents (ñ kept as n), single spaces, no punctuation at the edges. Idempotent."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = _SPACES.sub(" ", stripped.casefold()).strip()
    return _EDGE_PUNCT.sub("", lowered)


def fold_words(text: str) -> str:
    """`fold`, with every punctuation mark inside the text turned into a space (for alias look-ups)."""
    return _SPACES.sub(" ", re.sub(r"[^\w\s]", " ", fold(text))).strip()


class Level(IntEnum):
    """Nivel de instrucción, in SPEC order: a higher level satisfies a lower required one."""

    PRIMARIA = 1
    SECUNDARIA = 2
    BACHILLERATO = 3
    TSU = 4
    LICENCIATURA = 5
    ESPECIALIDAD = 6
    MAESTRIA = 7
    DOCTORADO = 8

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.PRIMARIA: "Primaria",
    Level.SECUNDARIA: "Secundaria",
    Level.BACHILLERATO: "Bachillerato",
    Level.TSU: "Técnico Superior Universitario",
    Level.LICENCIATURA: "Licenciatura",
    Level.ESPECIALIDAD: "Especialidad",
    Level.MAESTRIA: "Maestría",
    Level.DOCTORADO: "Doctorado",
}

_LEVEL_ALIASES: dict[Level, tuple[str, ...]] = {
    Level.PRIMARIA: ("primaria", "educacion primaria", "primary", "primary school", "elementary school"),
    Level.SECUNDARIA: (
        "secundaria",
        "educacion secundaria",
        "secondary",
        "secondary school",
        "middle school",
        "junior high school",
    ),
    Level.BACHILLERATO: (
        "bachillerato",
        "preparatoria",
        "prepa",
        "media superior",
        "educacion media superior",
        "bachillerato tecnologico",
        "bachillerato general",
        "profesional tecnico",
        "profesional tecnico bachiller",
        "carrera tecnica",
        "tecnico",
        "tecnica",
        "high school",
        "upper secondary",
    ),
    Level.TSU: (
        "tecnico superior universitario",
        "tecnica superior universitaria",
        "tsu",
        "t s u",
        "tecnico superior",
        "profesional asociado",
        "associate",
        "associate degree",
    ),
    Level.LICENCIATURA: (
        "licenciatura",
        "lic",
        "licenciado",
        "licenciada",
        "licenciado a",
        "ingenieria",
        "ing",
        "ingeniero",
        "ingeniera",
        "ingeniero a",
        "profesional",
        "bachelor",
        "bachelors",
        "bachelor s",
        "bachelor s degree",
        "bachelors degree",
        "bachelor degree",
        "undergraduate",
        "undergraduate degree",
        "normal superior",
        "licenciatura normal",
    ),
    Level.ESPECIALIDAD: (
        "especialidad",
        "especializacion",
        "esp",
        "especialista",
        "specialty",
        "specialization",
        "postgraduate diploma",
    ),
    Level.MAESTRIA: (
        "maestria",
        "mtria",
        "mtra",
        "mtro",
        "maestro",
        "maestra",
        "maestro a",
        "m en",
        "msc",
        "ma",
        "mba",
        "master",
        "masters",
        "master s",
        "master s degree",
        "masters degree",
        "master degree",
    ),
    Level.DOCTORADO: (
        "doctorado",
        "dr",
        "dra",
        "doctor",
        "doctora",
        "doctor a",
        "phd",
        "ph d",
        "doctorate",
        "doctoral degree",
    ),
}


class Status(Enum):
    """Grado de avance. Cursando and trunca share a rank (SPEC section 3); compare with `.rank`."""

    CURSANDO = "cursando"
    TRUNCA = "trunca"
    PASANTE = "pasante"
    TITULO_EN_TRAMITE = "titulo_en_tramite"
    """Studies finished, the title being issued: placed in the ladder by a policy setting
    (rules.policy.Policy.title_in_progress), so it has no rank of its own."""
    TITULO = "titulo"
    CEDULA = "cedula"

    __hash__ = object.__hash__  # members are singletons; identity hashing keeps per-value caches cheap

    @property
    def rank(self) -> int:
        rank = _STATUS_RANK.get(self._value_)
        if rank is None:
            raise ValueError(f"{self.label} has no rank of its own: the policy places it (title_in_progress)")
        return rank

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_RANK = {"cursando": 1, "trunca": 1, "pasante": 2, "titulo": 3, "cedula": 4}
_STATUS_LABELS = {
    Status.CURSANDO: "Cursando",
    Status.TRUNCA: "Trunca",
    Status.PASANTE: "Pasante",
    Status.TITULO_EN_TRAMITE: "Título en trámite",
    Status.TITULO: "Título",
    Status.CEDULA: "Cédula profesional",
}

_STATUS_ALIASES: dict[Status, tuple[str, ...]] = {
    Status.CURSANDO: (
        "cursando",
        "en curso",
        "estudiante",
        "estudiando",
        "in progress",
        "studying",
        "student",
        "ongoing",
        "current",
    ),
    Status.TRUNCA: (
        "trunca",
        "trunco",
        "inconclusa",
        "inconcluso",
        "incompleta",
        "incompleto",
        "sin concluir",
        "no concluida",
        "incomplete",
        "unfinished",
        "dropped out",
    ),
    Status.PASANTE: (
        "pasante",
        "terminada",
        "terminado",
        "concluida",
        "concluido",
        "100 de creditos",
        "100 creditos",
        "cien por ciento de creditos",
        "creditos completos",
        "certificado de estudios",
        "certificado",
        "egresado",
        "egresada",
        "egresado a",
        "completed",
        "finished",
        "graduate without degree",
        "all credits",
    ),
    Status.TITULO_EN_TRAMITE: (
        "titulo en tramite",
        "en tramite de titulo",
        "en tramite de titulacion",
        "tramite de titulo",
        "tramite de titulacion",
        "titulacion en tramite",
        "titulo en proceso",
        "en proceso de titulacion",
        "proceso de titulacion",
        "en titulacion",
        "pasante en tramite de titulo",
        "pasante en proceso de titulacion",
        "degree in process",
        "degree pending",
        "pending degree",
    ),
    Status.TITULO: (
        "titulo",
        "titulado",
        "titulada",
        "titulado a",
        "con titulo",
        "grado",
        "con grado",
        "graduado",
        "graduada",
        "degree",
        "degree awarded",
        "graduated",
        "titled",
    ),
    Status.CEDULA: (
        "cedula",
        "cedula profesional",
        "con cedula",
        "con cedula profesional",
        "titulo y cedula",
        "titulado con cedula",
        "titulada con cedula",
        "professional license",
        "licensed",
    ),
}


def _alias_table(aliases: dict[E, tuple[str, ...]]) -> dict[str, E]:
    table: dict[str, E] = {}
    for member, words in aliases.items():
        for word in words:
            key = fold_words(word)
            if key in table and table[key] != member:
                raise AssertionError(f"alias {word!r} names two members")
            table[key] = member
    return table


_LEVELS = _alias_table(_LEVEL_ALIASES)
_STATUSES = _alias_table(_STATUS_ALIASES)

LEVELS_ACCEPTED = (
    ", ".join(level.label for level in Level) + " (and abbreviations such as Lic., Ing., Mtría., Dr.)"
)
STATUSES_ACCEPTED = (
    "Cursando, Trunca, Pasante, Título en trámite, Título, Cédula profesional "
    "(and forms such as Titulada, En curso, En trámite de titulación)"
)


@lru_cache(maxsize=4096)
def parse_level(text: str) -> Level:
    """The level a word names ("LICENCIATURA", "Lic.", "Maestra", "M. en"); VocabularyError otherwise."""
    key = fold_words(text)
    level = _LEVELS.get(key)
    if level is None:
        # "Licenciatura en Derecho", "Maestría en Ciencias": the level word leads the degree's name.
        for size in (4, 3, 2, 1):
            head = " ".join(key.split(" ")[:size])
            if head != key and head in _LEVELS and key.split(" ")[size : size + 1] in (["en"], ["de"]):
                return _LEVELS[head]
        raise VocabularyError("level", text, LEVELS_ACCEPTED)
    return level


@lru_cache(maxsize=4096)
def parse_status(text: str) -> Status:
    """The status a word names ("Titulada", "Cédula profesional", "100 % de créditos")."""
    status = _STATUSES.get(fold_words(text))
    if status is None:
        raise VocabularyError("status", text, STATUSES_ACCEPTED)
    return status
