"""Field-of-study taxonomy: Mexican degree program names placed in ISCED-F 2013 and CMPE 2016 (docs/taxonomy.md).

The data is `programs.csv`, bundled with the package and read once, at first use.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from rules.errors import CatalogError, CatalogProblem
from rules.taxonomy.isced import CMPE_CAMPOS_AMPLIOS, ISCED_F_DETAILED, cmpe_campo_of
from rules.vocabulary import fold, fold_words

__all__ = [
    "TAXONOMY_VERSION",
    "Confidence",
    "TaxonomyEntry",
    "closest",
    "compound_parts",
    "entries",
    "lookup",
    "near_spelling",
    "normalize_field",
    "parse_programs",
    "taxonomy_version",
]

DATA_FILE = "programs.csv"
COLUMNS = (
    "program",
    "variants",
    "isced_f_2013_detailed",
    "isced_f_detailed_name",
    "cmpe_campo_amplio",
    "confidence",
    "alternatives",
    "note",
)

Confidence = Literal["high", "medium"]

TAXONOMY_VERSION: str
"""Computed from the data file at first use (module ``__getattr__`` below)."""


@dataclass(frozen=True)
class TaxonomyEntry:
    """One degree program of the taxonomy and where ISCED-F 2013 and CMPE 2016 place it."""

    program: str
    detailed: str
    """ISCED-F 2013 detailed field, 4 digits."""
    narrow: str
    """ISCED-F narrow field: the first 3 digits."""
    broad_isced: str
    """ISCED-F broad field: the first 2 digits."""
    campo_amplio: str | None
    """CMPE 2016 campo amplio (01-10); None where it was not verified."""
    confidence: Confidence
    """`medium`: the usual placement, but some programs of that name sit elsewhere."""
    note: str
    alternatives: tuple[str, ...] = ()
    """For a `medium` row, the ISCED-F detailed fields where the other programs of that name sit."""

    def possible_campos(self) -> frozenset[str] | None:
        """The campos amplios a program of this name may be in; None when that is not known (a `medium`
        row naming no alternatives, or a campo amplio not verified)."""
        if self.campo_amplio is None or (self.confidence == "medium" and not self.alternatives):
            return None
        return frozenset({self.campo_amplio, *(cmpe_campo_of(code) for code in self.alternatives)})


# --- normalisation ---------------------------------------------------------------------------------------

_GENDER_SLASH = re.compile(r"(\w+?)([oe])\s*(?:/|\(\s*)\s*(?:a|as|es|os)\b(?:\s*\))?")
# A parenthesis left open at the end is closed by it: fold drops a closing one at the edge ("Derecho (UANL)").
_PARENTHESES = re.compile(r"\([^)]*(?:\)|$)")
# Where a field name may be followed by its institution: "Derecho - UANL", "Licenciado en Pedagogía, UVM".
_TAIL = re.compile(r"(\s[-–—]+\s|,)")
_INSTITUTION_WORDS = frozenset(
    {"universidad", "instituto", "escuela", "facultad", "colegio", "centro", "tec", "tecnologico", "fes"}
)
_SEPARATORS = re.compile(r"[,;/+&|]")
_NON_WORD = re.compile(r"[^\w,]+")

SEPARATOR = ","
CONJUNCTIONS = frozenset({"y", "e", "o", "u", "and", "or"})
STOP_WORDS = frozenset(
    {"de", "del", "la", "las", "el", "los", "en", "y", "e", "a", "al", "para", "of", "the", "in", "and"}
)

# Abbreviations people write in forms ("Lic. en Admon. Pública", "Cs. Políticas", "Ing. en Sist. Comp.").
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "admon": ("administracion",),
    "adm": ("administracion",),
    "admin": ("administracion",),
    "cs": ("ciencias",),
    "cc": ("ciencias",),
    "pub": ("publica",),
    "publ": ("publica",),
    "pol": ("politicas",),
    "polit": ("politicas",),
    "rel": ("relaciones",),
    "rels": ("relaciones",),
    "int": ("internacionales",),
    "intl": ("internacionales",),
    "internac": ("internacionales",),
    "com": ("comunicacion",),
    "comunic": ("comunicacion",),
    "sist": ("sistemas",),
    "comp": ("computacion",),
    "computac": ("computacion",),
    "econ": ("economia",),
    "educ": ("educacion",),
    "psic": ("psicologia",),
    "psicol": ("psicologia",),
    "ind": ("industrial",),
    "quim": ("quimica",),
    "arq": ("arquitectura",),
    "vet": ("veterinaria",),
    "gob": ("gobierno",),
    "mkt": ("mercadotecnia",),
    "rh": ("recursos", "humanos"),
    "rrhh": ("recursos", "humanos"),
    "rrii": ("relaciones", "internacionales"),
    "contab": ("contabilidad",),
    "soc": ("sociales",),
    "hist": ("historia",),
    "ing": ("ingenieria",),
    "ingeniero": ("ingenieria",),
    "ingeniera": ("ingenieria",),
    "lic": ("licenciatura",),
    "licenciado": ("licenciatura",),
    "licenciada": ("licenciatura",),
    "licenciados": ("licenciatura",),
    "licda": ("licenciatura",),
    "licdo": ("licenciatura",),
    "lae": ("licenciatura", "administracion", "empresas"),
    "lcp": ("licenciatura", "contaduria", "publica"),
    "mtria": ("maestria",),
    "mtro": ("maestria",),
    "mtra": ("maestria",),
    "maestro": ("maestria",),
    "maestra": ("maestria",),
    "dr": ("doctorado",),
    "dra": ("doctorado",),
    "doctor": ("doctorado",),
    "doctora": ("doctorado",),
}

# Gender forms of the person who holds the degree, and adjectives agreeing with it, read as one form.
# Where the person noun is also the field's own name (química, física), the person form maps to the field.
_GENDER: dict[str, str] = {
    "abogada": "abogado",
    "contadora": "contador",
    "medica": "medico",
    "cirujana": "cirujano",
    "arquitecta": "arquitecto",
    "psicologa": "psicologo",
    "sociologa": "sociologo",
    "politologa": "politologo",
    "pedagoga": "pedagogo",
    "biologa": "biologo",
    "antropologa": "antropologo",
    "historiadora": "historiador",
    "filosofa": "filosofo",
    "geografa": "geografo",
    "traductora": "traductor",
    "administradora": "administrador",
    "agronoma": "agronomo",
    "farmacobiologa": "farmacobiologo",
    "enfermera": "enfermero",
    "partera": "partero",
    "disenadora": "disenador",
    "nutriologa": "nutriologo",
    "odontologa": "odontologo",
    "comunicologa": "comunicologo",
    "economista": "economista",
    "quimico": "quimica",
    "fisico": "fisica",
    "matematico": "matematica",
    "publico": "publica",
    "politico": "politica",
    "juridico": "juridica",
    "actuario": "actuaria",
    "veterinario": "veterinaria",
    "zootecnista": "zootecnista",
    "geologa": "geologo",
    "musica": "musica",
    "interprete": "interprete",
    "licenciadas": "licenciatura",
}

# Words that name the degree rather than the field ("Licenciatura en", "Maestría en", "Bachelor of Arts in").
_LEVEL_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("tecnico", "superior", "universitario"),
    ("bachelor", "of", "science"),
    ("bachelor", "of", "arts"),
    ("bachelor", "s", "degree"),
    ("bachelors", "degree"),
    ("bachelor", "degree"),
    ("master", "of", "science"),
    ("master", "of", "arts"),
    ("master", "s", "degree"),
    ("licenciatura",),
    ("maestria",),
    ("doctorado",),
    ("especialidad",),
    ("especializacion",),
    ("posgrado",),
    ("carrera",),
    ("programa",),
    ("tsu",),
    ("bachelor",),
    ("bachelors",),
    ("master",),
    ("masters",),
    ("degree",),
    ("ba",),
    ("bsc",),
    ("bs",),
    ("msc",),
    ("phd",),
    ("titulo",),
    ("grado",),
)
_PREFIX_LINKS = frozenset({"en", "de", "in", "of", "el", "area", "profesional", "universitaria"})
_TRAILING_NOISE = frozenset(
    {
        "equivalente",
        "equivalentes",
        "afin",
        "afines",
        "titulado",
        "titulada",
        "trunca",
        "trunco",
        "pasante",
        "unam",
        "ipn",
        "uam",
        "uacm",
        "tecnm",
    }
)


def _fold_gender_slash(text: str) -> str:
    # "licenciado/a", "licenciado(a)", "ingeniero (a)": keep the first form.
    return _GENDER_SLASH.sub(lambda m: m.group(1) + m.group(2), text)


@lru_cache(maxsize=1)
def _field_words() -> frozenset[str]:
    """Every word of a program name or variant in the bundled data (folded), small words aside."""
    data = resources.files(__name__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    words: set[str] = set(_ABBREVIATIONS) | set(_GENDER)
    for row in csv.DictReader(io.StringIO(data)):
        for name in (row["program"], *row["variants"].split(";")):
            words.update(fold_words(name).split())
    return frozenset(words - STOP_WORDS)


def _without_institution(folded: str) -> str:
    """The name without a trailing part that names an institution or a place rather than a field: one that
    opens with "Universidad", "Instituto", ... or holds no word of any program name ("UNAM", "Tec de
    Monterrey"). Parts that name a field stay: "Ciencias Políticas, Administración Pública" is a compound."""
    parts = _TAIL.split(folded)
    while len(parts) > 2:
        words = [w for w in fold_words(parts[-1]).split() if w not in STOP_WORDS]
        if words and words[0] not in _INSTITUTION_WORDS and set(words) & _field_words():
            break
        del parts[-2:]
    return "".join(parts)


def _raw_tokens(text: str) -> list[str]:
    folded = _fold_gender_slash(fold(text))
    folded = _without_institution(_PARENTHESES.sub(" ", folded))
    folded = _SEPARATORS.sub(f" {SEPARATOR} ", folded)
    tokens: list[str] = []
    for word in _NON_WORD.sub(" ", folded.replace("_", " ")).split():
        tokens.extend(_ABBREVIATIONS.get(word, (word,)))
    tokens = [_GENDER.get(token, token) for token in tokens]
    # "Ingeniero Mecatrónico", "Ingeniero Petrolero": the adjective agrees with "ingeniería", the field.
    for i in range(1, len(tokens)):
        if tokens[i - 1] == "ingenieria" and tokens[i].endswith(("ico", "ero")) and len(tokens[i]) > 5:
            tokens[i] = tokens[i][:-1] + "a"
    # "C.P." alone or leading: Contador(a) Público(a).
    if tokens[:2] == ["c", "p"]:
        tokens = ["contaduria", "publica", *tokens[2:]]
    return tokens


def _strip_level_prefix(tokens: list[str]) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        for prefix in _LEVEL_PREFIXES:
            if tuple(tokens[: len(prefix)]) == prefix and len(tokens) > len(prefix):
                rest = tokens[len(prefix) :]
                while rest and rest[0] in _PREFIX_LINKS:
                    rest = rest[1:]
                if rest and rest[0] != SEPARATOR:
                    tokens = rest
                    changed = True
                break
    return tokens


def _strip_trailing_noise(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and (
        tokens[-1] in _TRAILING_NOISE or tokens[-1] in CONJUNCTIONS or tokens[-1] == SEPARATOR
    ):
        tokens = tokens[:-1]
    return tokens


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """The words of a field name after normalisation; read once per name (normalize_field, lookup and
    compound_parts all start here, and judging a new realistic field name went from 315 to 125 µs)."""
    tokens = _strip_trailing_noise(_strip_level_prefix(_raw_tokens(text)))
    while tokens and tokens[0] == SEPARATOR:
        tokens = tokens[1:]
    return tuple(tokens)


def _singular(word: str) -> str:
    """A crude Spanish singular, applied to names and queries alike: relaciones -> relacion, ciencias -> ciencia."""
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("es") and len(word) > 4 and word[-3] in "lrndyz":
        return word[:-2]
    return word[:-1]


def _key(tokens: Sequence[str]) -> str:
    return " ".join(_singular(t) for t in tokens if t not in STOP_WORDS and t != SEPARATOR)


@lru_cache(maxsize=65536)
def normalize_field(name: str) -> str:
    """The comparison form of a field name: no case, accents, degree prefix, gender form, plural or stop words.

    "Lic. en Ciencias Políticas" and "Ciencia Política" both give "ciencia politica".
    """
    key = _key(_tokens(name))
    return key or fold(name)


_QUALIFIERS = frozenset(
    {
        "acentuacion",
        "especialidad",
        "especializacion",
        "orientacion",
        "enfasis",
        "mencion",
        "opcion",
        "terminal",
        "salida",
        "area",
        "concentracion",
    }
)


def _without_qualifier(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """ "Derecho con acentuación en Derecho Electoral" -> "Derecho": the program before its orientation."""
    for i in range(1, len(tokens) - 1):
        if tokens[i] == "con" and tokens[i + 1] in _QUALIFIERS:
            return tokens[:i]
    return tokens


@lru_cache(maxsize=65536)
def _lookup_keys(name: str) -> tuple[str, ...]:
    tokens = _tokens(name)
    keys = [_key(tokens)]
    # A program named with its orientation is looked up whole first (normal schools name their programs
    # "Educación Secundaria con Especialidad en ..."), then without it.
    if _without_qualifier(tokens) != tokens:
        tokens = _without_qualifier(tokens)
        keys.append(_key(tokens))
    # "Ingeniería en Computación": the program is named after its subject, which is looked up on its own
    # when the whole name is not in the taxonomy. "Ingeniería Química" (no "en") is itself an engineering name.
    if len(tokens) > 2 and tokens[0] == "ingenieria" and tokens[1] in {"en", "de", "del"}:
        keys.append(_key(tokens[2:]))
    return tuple(key for key in keys if key)


@lru_cache(maxsize=65536)
def compound_parts(name: str) -> tuple[str, ...]:
    """The parts of a compound name ("Ciencias Políticas y Administración Pública" -> two parts), or ()."""
    parts: list[list[str]] = [[]]
    for token in _tokens(name):
        if token == SEPARATOR or token in CONJUNCTIONS:
            parts.append([])
        else:
            parts[-1].append(token)
    texts = tuple(" ".join(_strip_level_prefix(part)) for part in parts if _key(part))
    return texts if len(texts) > 1 else ()


# --- data ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Taxonomy:
    version: str
    entries: tuple[TaxonomyEntry, ...]
    by_key: dict[str, tuple[TaxonomyEntry, str]]
    """Normalised name -> (entry, the program name or variant as written in the data)."""


def _problem(line: int, message: str) -> CatalogProblem:
    return CatalogProblem(line, DATA_FILE, message)


def parse_programs(data: bytes) -> _Taxonomy:
    """Read and check the data file: every problem is reported with its line, none is skipped silently."""
    problems: list[CatalogProblem] = []
    reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise CatalogError([_problem(1, f"columns {reader.fieldnames}; expected {', '.join(COLUMNS)}")])
    entries: list[TaxonomyEntry] = []
    by_key: dict[str, tuple[TaxonomyEntry, str]] = {}
    for row in reader:
        line = reader.line_num
        program = row["program"].strip()
        detailed = row["isced_f_2013_detailed"].strip()
        campo = row["cmpe_campo_amplio"].strip()
        confidence = row["confidence"].strip()
        if not program:
            problems.append(_problem(line, "empty program name"))
            continue
        if detailed not in ISCED_F_DETAILED:
            problems.append(_problem(line, f"{program}: {detailed!r} is not an ISCED-F 2013 detailed field"))
            continue
        if row["isced_f_detailed_name"].strip() != ISCED_F_DETAILED[detailed]:
            problems.append(
                _problem(
                    line,
                    f"{program}: {detailed} is named {ISCED_F_DETAILED[detailed]!r}, "
                    f"found {row['isced_f_detailed_name']!r}",
                )
            )
        if campo and (campo not in CMPE_CAMPOS_AMPLIOS or campo != cmpe_campo_of(detailed)):
            problems.append(
                _problem(
                    line,
                    f"{program}: campo amplio {campo!r} does not hold ISCED-F {detailed}; "
                    f"expected {cmpe_campo_of(detailed)} or empty",
                )
            )
            continue
        if confidence not in ("high", "medium"):
            problems.append(_problem(line, f"{program}: confidence {confidence!r}; accepted: high, medium"))
            continue
        alternatives = tuple(row["alternatives"].split())
        unknown = [code for code in alternatives if code not in ISCED_F_DETAILED or code == detailed]
        if unknown or (alternatives and confidence != "medium"):
            problems.append(
                _problem(
                    line,
                    f"{program}: alternatives {row['alternatives']!r}; accepted: other "
                    "ISCED-F detailed fields, on medium-confidence rows only",
                )
            )
            continue
        entry = TaxonomyEntry(
            program=program,
            detailed=detailed,
            narrow=detailed[:3],
            broad_isced=detailed[:2],
            campo_amplio=campo or None,
            confidence="high" if confidence == "high" else "medium",
            note=row["note"].strip(),
            alternatives=alternatives,
        )
        entries.append(entry)
        names = [program, *(v.strip() for v in row["variants"].split(";") if v.strip())]
        for name in names:
            key = normalize_field(name)
            held = by_key.get(key)
            if held is not None and held[0].program != program:
                problems.append(
                    _problem(line, f"{name!r} reads as {key!r}, already the name of {held[0].program}")
                )
                continue
            by_key.setdefault(key, (entry, name))
    programs = [entry.program for entry in entries]
    for duplicate in sorted({p for p in programs if programs.count(p) > 1}):
        problems.append(_problem(0, f"program {duplicate!r} appears more than once"))
    if problems:
        raise CatalogError(problems)
    version = hashlib.sha256(data).hexdigest()[:12]
    return _Taxonomy(version, tuple(entries), by_key)


@lru_cache(maxsize=1)
def _taxonomy() -> _Taxonomy:
    # The one read the core allows itself: its own bundled data, once.
    data = resources.files(__name__).joinpath(DATA_FILE).read_bytes()
    return parse_programs(data)


def taxonomy_version() -> str:
    """A short SHA-256 of the data file's bytes: part of every rule-set fingerprint."""
    return _taxonomy().version


def entries() -> tuple[TaxonomyEntry, ...]:
    return _taxonomy().entries


@lru_cache(maxsize=65536)
def lookup(name: str) -> TaxonomyEntry | None:
    """The program a field name names, by its normalised form; None when the taxonomy does not know it."""
    by_key = _taxonomy().by_key
    for key in _lookup_keys(name):
        held = by_key.get(key)
        if held is not None:
            return held[0]
    return None


def _spelling_limit(key: str) -> int:
    # Very short names are too close to each other to correct; long ones bear two slips.
    if len(key) < 6:
        return 0
    return 1 if len(key) < 16 else 2


def near_spelling(found: str, name: str) -> bool:
    """Whether two field names differ by a slip of typing only (normalised forms within 1-2 edits)."""
    a, b = normalize_field(found), normalize_field(name)
    if a == b:
        return True
    limit = min(_spelling_limit(a), _spelling_limit(b))
    return limit > 0 and OSA.distance(a, b, score_cutoff=limit) <= limit


@lru_cache(maxsize=1)
def _correctable() -> tuple[list[str], list[tuple[TaxonomyEntry, str]]]:
    """The normalised names long enough to be corrected, and what each holds, in the data's order."""
    held = [(key, value) for key, value in _taxonomy().by_key.items() if _spelling_limit(key) > 0]
    return [key for key, _ in held], [value for _, value in held]


@lru_cache(maxsize=65536)
def closest(name: str) -> tuple[TaxonomyEntry, str] | None:
    """The one program whose name the given one misspells ("Adminstracion Publica"), with the name it
    was read as; None when no name is that close or two programs are equally close."""
    key = normalize_field(name)
    limit = _spelling_limit(key)
    if limit == 0:
        return None
    keys, held = _correctable()
    # Optimal string alignment distance (a transposition is one edit) over every name, cut off at the limit.
    found = process.extract(key, keys, scorer=OSA.distance, score_cutoff=limit, limit=None)
    if not found:
        return None
    best_distance = min(distance for _, distance, _ in found)
    best: dict[str, tuple[TaxonomyEntry, str]] = {}
    for index in sorted(index for _, distance, index in found if distance == best_distance):
        best.setdefault(held[index][0].program, held[index])
    if len(best) != 1:
        return None
    return next(iter(best.values()))


def __getattr__(name: str) -> str:
    # TAXONOMY_VERSION is computed from the data at first use, not at import.
    if name == "TAXONOMY_VERSION":
        return taxonomy_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
