"""Experience areas: how a profile's Área de Experiencia text splits into areas, and how a candidate's area text
matches one of them, with the words that prove it (SPEC section 3, Experience). docs/areas.md explains both.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from rules.synonyms import (
    AMBIGUOUS_WORDS,
    BROAD_WORDS,
    DOMAINS,
    GENERIC_WORDS,
    MANAGEMENT_WORDS,
    NEIGHBOUR_DOMAINS,
    OUTSIDE_CATALOG,
    PHRASE_SYNONYMS,
    QUALIFIED_NOUNS,
    ROLE_WORDS,
    STOP_WORDS,
    WORD_SYNONYMS,
)
from rules.verdict import Outcome
from rules.vocabulary import fold

__all__ = ["AreaMatch", "match_area", "split_areas", "subject_stems"]

# ---------------------------------------------------------------------------------------------------------------
# Splitting

_WORD = re.compile(r"[^\W\d_]+")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LEADING_MARKER = re.compile(r"(?:\s+|[-•·*–—]+|\d{1,2}\s*[.)\-]|[a-zA-Z]\)|\([a-zA-Z0-9]{1,3}\))+")
_LEADING_CONNECTOR = re.compile(
    r"(?:y|e|o|u|as[ií] como|adem[aá]s de|asimismo|tambi[eé]n|as well as|and|or)\s+", re.IGNORECASE
)
_TRAILING_FILLER = re.compile(r"(?:[\s.,;:]+|\s*\b(?:etc|entre otr[oa]s|and so on)\b\.?)+$", re.IGNORECASE)
# A full stop ends a sentence after a word of five letters or more and before a capital letter.
_LAST_WORD = re.compile(r"[^\W\d_]{5,}$")
_LONG_WORD = 40
_CAPITAL_AFTER = re.compile(r"\s+[A-ZÁÉÍÓÚÑ]")
_FILLER_ONLY = frozenset({"etc", "entre", "otros", "otras", "otro", "otra", "demas"})

_CONNECTORS = frozenset({"y", "e", "o", "u", "ni"})
_PREPOSITIONS = frozenset({"de", "del", "en", "con", "para", "a", "al", "sobre", "ante", "hacia"})
_NOMINAL_SUFFIXES = ("cion", "ciones", "sion", "siones", "miento", "mientos")
# Nouns of action that do not end in -ción or -miento ("Diseño, implementación y evaluación de ...").
_NOMINAL_WORDS = _word_set(
    """
    diseno manejo control analisis desarrollo registro apoyo estudio estudios monitoreo diagnostico
    uso soporte tramite tramites resguardo acopio calculo fomento impulso cuidado despacho
    """
)
# Adjectives that continue the previous fragment's noun ("recursos humanos, materiales y financieros").
_ADJECTIVE_SUFFIXES = ("ales", "ivos", "ivas", "ieros", "ieras", "arios", "arias", "icos")
_ADJECTIVES = _word_set(
    """
    federal federales estatal estatales municipal municipales local locales regional regionales
    nacional nacionales internacional internacionales distrital distritales social sociales fiscal
    fiscales financiero financiera presupuestal presupuestales contable contables juridico juridica
    juridicos juridicas administrativo administrativa operativo operativa tecnico tecnica humanos
    materiales electoral
    """
)
_NOT_ADJECTIVES = frozenset({"manuales", "tribunales", "canales", "personales", "principales", "actuales"})


def _is_nominal(word: str) -> bool:
    return word in _NOMINAL_WORDS or word.endswith(_NOMINAL_SUFFIXES)


def _is_adjective(word: str) -> bool:
    if word in _NOT_ADJECTIVES:
        return False
    return word in _ADJECTIVES or word.endswith(_ADJECTIVE_SUFFIXES)


def _is_bare_action(words: list[str]) -> bool:
    """Only nouns of action and conjunctions: "Planeación", "diseño e implementación"."""
    content = [w for w in words if w not in _CONNECTORS]
    return bool(content) and all(_is_nominal(w) for w in content)


def _governs_an_object(words: list[str]) -> bool:
    """Opens with coordinated nouns of action and a preposition: "elaboración y ejecución de programas".

    The conjunction closes a Spanish list ("A, B y C de X"), so a bare fragment before it belongs to it.
    """
    seen_connector = False
    for position, word in enumerate(words):
        if word in _CONNECTORS:
            seen_connector = True
        elif not _is_nominal(word):
            return seen_connector and position >= 3 and word in _PREPOSITIONS
    return False


def _continues_previous(words: list[str]) -> bool:
    """A fragment with no head of its own: it starts with a preposition or holds only adjectives."""
    if not words:
        return False
    if words[0] in _PREPOSITIONS:
        return True
    content = [w for w in words if w not in _CONNECTORS]
    return bool(content) and all(_is_adjective(w) and not _is_nominal(w) for w in content)


def _fragment_spans(text: str) -> list[tuple[int, int]]:
    """Top-level pieces between commas, semicolons, line breaks, bullets and sentence ends."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        if depth:
            continue
        cut = False
        if char in ";\n•·":
            cut = True
        elif char == ",":
            # "1,5 años": a decimal comma is not a separator.
            cut = not (0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit())
        elif char == ".":
            # A sentence ends at ". " before a capital; "Admón. de", "Lic. en" are abbreviations.
            before = _LAST_WORD.search(text, max(start, index - _LONG_WORD), index)
            cut = before is not None and _CAPITAL_AFTER.match(text, index + 1) is not None
        if cut:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return spans


def _clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without list markers, a leading conjunction or trailing "etc."; None when nothing is left."""
    while start < end:
        lead = _LEADING_MARKER.match(text, start, end) or _LEADING_CONNECTOR.match(text, start, end)
        if lead is None or lead.end() == start:
            break
        start = lead.end()
    trailing = _TRAILING_FILLER.search(text, start, end)
    if trailing:
        end = trailing.start()
    words = _WORD.findall(fold(text[start:end]))
    if not words or all(w in _FILLER_ONLY for w in words):
        return None
    return start, end


@lru_cache(maxsize=4096)
def split_areas(text: str) -> tuple[str, ...]:
    """The areas a reviewer reads in an Área de Experiencia text, each as written in the text.

    Commas separate areas, except that a fragment made only of nouns of action ("Planeación") joins the list
    that closes on the object they govern ("elaboración y ejecución de programas"), and a fragment with no head
    ("materiales y financieros", "de programas sociales") continues the previous one.
    """
    spans = [s for s in (_clean_span(text, a, b) for a, b in _fragment_spans(text)) if s is not None]
    words = [_WORD.findall(fold(text[a:b])) for a, b in spans]

    groups: list[list[int]] = []
    index = 0
    while index < len(spans):
        if _is_bare_action(words[index]):
            following = index
            while following < len(spans) and _is_bare_action(words[following]):
                following += 1
            if following < len(spans) and _governs_an_object(words[following]):
                groups.append(list(range(index, following + 1)))
                index = following + 1
                continue
        if groups and _continues_previous(words[index]):
            groups[-1].append(index)
        else:
            groups.append([index])
        index += 1

    areas: list[str] = []
    for group in groups:
        start, end = spans[group[0]][0], spans[group[-1]][1]
        areas.append(" ".join(text[start:end].split()))
    return tuple(areas)


# ---------------------------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class AreaMatch:
    """How a candidate's area text matches the best of the required areas, with the evidence."""

    outcome: Outcome
    """pass: clear match of the substance of one area; review: related, vague or unknown; fail: clearly elsewhere."""
    area_index: int | None
    """Index of the best required area, None when nothing overlaps."""
    area: str | None
    """That area's text."""
    words: tuple[str, ...]
    """The candidate's words that matched or relate, as the candidate wrote them, joined into the phrases they
    form ("Trabajo de campo", "recorridos territoriales")."""
    score: int
    """0-100. An integer: verdicts are hashed, so no floats."""


# Generic words weigh 1, broad ones 2, all others 3 (rules/synonyms.py).
GENERIC_WEIGHT = 1
BROAD_WEIGHT = 2
SPECIFIC_WEIGHT = 3
# Two specific words make a full match of an area, however long the area's text.
AREA_WEIGHT_CAP = 2 * SPECIFIC_WEIGHT
# Score to pass: two thirds area coverage, one third candidate coverage (see _judge).
PASS_SCORE = 60
_MIN_FUZZY_LENGTH = 5
# A stem of this length that starts another is the same family ("presupuest", "presupuestal").
_MIN_PREFIX_LENGTH = 6
# An unknown word this long is read as the known word one letter away, if there is exactly one ("cuidadania").
_MIN_CORRECTION_LENGTH = 6
# An unknown word written in capitals with this many letters is an acronym: the name of an employer.
_MIN_ACRONYM = 2
_MAX_ACRONYM = 8
# A stem shorter than this ("medi", "vent") stands for too many words: such words are matched as written.
_MIN_CONCEPT_STEM = 5
# Consecutive words shared with an area ("trabajo de campo", "evaluación de proyectos") weigh this much more.
PHRASE_BONUS = 2

_stemmer = Stemmer.Stemmer("spanish")
# A PyStemmer object keeps state between calls and is not safe to share between threads.
_stemmer_lock = threading.Lock()


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    with _stemmer_lock:
        return str(_stemmer.stemWord(word))


_GENERIC_STEMS = frozenset(_stem(w) for w in GENERIC_WORDS)
_BROAD_STEMS = frozenset(_stem(w) for w in BROAD_WORDS) - _GENERIC_STEMS
# Generic managing nouns ("operación", "dirección") relate to nothing: they are in every job description.
_MANAGEMENT_STEMS = frozenset(_stem(w) for w in MANAGEMENT_WORDS) - _GENERIC_STEMS


def _inflections(word: str) -> tuple[str, ...]:
    """Plural and feminine forms of a synonym key: "supervisor" -> supervisora, supervisores, supervisoras."""
    forms = [word + "s", word + "es"]
    if word.endswith("o"):
        forms += [word[:-1] + "a", word[:-1] + "as"]
    elif word.endswith(("or", "dor")):
        forms += [word + "a", word + "as"]
    return tuple(forms)


def _plural(word: str) -> str:
    if word.endswith("s"):
        return word
    if word.endswith("z"):
        return word[:-1] + "ces"
    return word + ("s" if word[-1] in "aeiou" else "es")


def _phrase_forms(phrase: str) -> list[str]:
    """A phrase with any of its content words in the plural: "mesa directiva" -> "mesas directivas", ..."""
    words = phrase.split()
    content = [i for i, w in enumerate(words) if len(w) >= 4 and w not in STOP_WORDS]
    forms = []
    for chosen in itertools.product((False, True), repeat=len(content)):
        variant = list(words)
        for index, plural in zip(content, chosen, strict=True):
            if plural:
                variant[index] = _plural(variant[index])
        forms.append(" ".join(variant))
    return forms


_WORD_SYNONYMS = dict(WORD_SYNONYMS)
for _key, _canonical in WORD_SYNONYMS.items():
    if len(_key) >= _MIN_FUZZY_LENGTH:
        for _form in _inflections(_key):
            _WORD_SYNONYMS.setdefault(_form, _canonical)

_PHRASES = dict(PHRASE_SYNONYMS)
for _key, _canonical in PHRASE_SYNONYMS.items():
    if len(_key.split()) <= 4:
        for _form in _phrase_forms(_key):
            _PHRASES.setdefault(_form, _canonical)
# The phrase lengths to try at a word, longest first: only phrases that open with it.
_PHRASE_SIZES: dict[str, tuple[int, ...]] = {}
for _phrase in _PHRASES:
    _first, *_rest = _phrase.split()
    _PHRASE_SIZES[_first] = tuple(sorted({*_PHRASE_SIZES.get(_first, ()), 1 + len(_rest)}, reverse=True))


# --- concept families (rules.synonyms.DOMAINS) ---------------------------------------------------------------


def _concept_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Folded word -> concept, and stem -> concept for the stems only one concept has ("domain.concept")."""
    by_word: dict[str, str] = {}
    owners: dict[str, set[str]] = {}
    for domain, concepts in DOMAINS.items():
        for concept, block in concepts.items():
            name = f"{domain}.{concept}"
            for word in block.split():
                by_word.setdefault(word, name)
                owners.setdefault(_stem(word), set()).add(name)
    by_stem = {
        stem: next(iter(names))
        for stem, names in owners.items()
        if len(names) == 1 and stem not in _GENERIC_STEMS and len(stem) >= _MIN_CONCEPT_STEM
    }
    return by_word, by_stem


_CONCEPT_BY_WORD, _CONCEPT_BY_STEM = _concept_tables()
_NEIGHBOURS: dict[str, frozenset[str]] = {
    domain: frozenset({domain} | {other for pair in NEIGHBOUR_DOMAINS if domain in pair for other in pair})
    for domain in DOMAINS
}


def _domain(concept: str) -> str:
    return concept.partition(".")[0]


_PLACE_SUFFIXES = ("orio", "orios")


@lru_cache(maxsize=65536)
def _concept(word: str, stem: str) -> str | None:
    """The concept of a word: as written, by its stem, or by the longest known stem that starts its stem."""
    found = _CONCEPT_BY_WORD.get(word) or _CONCEPT_BY_STEM.get(stem)
    if found is not None or stem in _GENERIC_STEMS:
        return found
    # A noun of the place of an activity ("consultorio", "laboratorio") is not the activity.
    if word.endswith(_PLACE_SUFFIXES):
        return None
    for length in range(len(stem) - 1, _MIN_PREFIX_LENGTH - 1, -1):
        found = _CONCEPT_BY_STEM.get(stem[:length])
        if found is not None:
            return found
    return None


# --- near spellings -----------------------------------------------------------------------------------------

_KNOWN_WORDS = frozenset(
    itertools.chain(
        _WORD_SYNONYMS,
        STOP_WORDS,
        ROLE_WORDS,
        GENERIC_WORDS,
        BROAD_WORDS,
        MANAGEMENT_WORDS,
        _CONCEPT_BY_WORD,
        (word for phrase in _PHRASES for word in phrase.split()),
    )
)
_KNOWN_STEMS = _GENERIC_STEMS | _BROAD_STEMS | _MANAGEMENT_STEMS | frozenset(_CONCEPT_BY_STEM)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _deletion_index() -> dict[str, tuple[str, ...]]:
    """Each known word under every form it takes with one letter deleted (tuples: the collector skips them)."""
    index: dict[str, set[str]] = {}
    for word in _KNOWN_WORDS:
        if len(word) >= _MIN_CORRECTION_LENGTH - 1:
            for deleted in _deletions(word):
                index.setdefault(deleted, set()).add(word)
    return {deleted: tuple(sorted(words)) for deleted, words in index.items()}


_DELETIONS = _deletion_index()


def _canonical_words(word: str) -> tuple[str, ...]:
    if word in _WORD_SYNONYMS:
        return tuple(_WORD_SYNONYMS[word].split())
    if word in STOP_WORDS or word in ROLE_WORDS or len(word) < 2:
        return ()
    return (word,)


@lru_cache(maxsize=65536)
def _spelled(word: str) -> tuple[str, ...]:
    """The catalog words of a word, reading an unknown word as the one known word a letter away, if any.

    "cuidadania" is read as "ciudadania" (two letters swapped), "capacitacon" as "capacitacion". A word that is
    known, or an inflection of a known stem, is never changed; nor is a word with two possible readings.
    """
    canonical = _canonical_words(word)
    if canonical != (word,) or len(word) < _MIN_CORRECTION_LENGTH or word in _KNOWN_WORDS:
        return canonical
    if _stem(word) in _KNOWN_STEMS:
        return canonical
    near = set(_DELETIONS.get(word, ()))
    for deleted in _deletions(word):
        if deleted in _KNOWN_WORDS:
            near.add(deleted)
        near.update(_DELETIONS.get(deleted, ()))
    readings = {
        _canonical_words(known) for known in near if known[0] == word[0] and _within_one_edit(known, word)
    }
    return readings.pop() if len(readings) == 1 else canonical


def _is_a_name(written: str, word: str, mixed_case: bool, proper_nouns: bool) -> bool:
    """An unknown acronym in a text that is not all capitals names an employer or a place ("SEDUVI", "CNDH"),
    and so does an unknown capitalised word inside a text written in sentence case ("Guardia en Liverpool").

    Known acronyms keep their meaning ("CAE", "TI", "MIR"), and a capitalised word one letter from a known one
    is read as it; in a text written all in capitals nothing can be told apart, so every word is read, and in
    a text with every word capitalised only acronyms are names.
    """
    if not mixed_case or word in _KNOWN_WORDS or _concept(word, _stem(word)) is not None:
        return False
    if _MIN_ACRONYM <= len(written) <= _MAX_ACRONYM and written.isupper():
        return True
    return (
        proper_nouns
        and written[:1].isupper()
        and written[1:].islower()
        and _stem(word) not in _KNOWN_STEMS
        and _spelled(word) == (word,)
    )


def _sentence_case(matches: list[re.Match[str]]) -> bool:
    """Whether capitals in a text mark names: some word of four letters or more after the first is in lower
    case (in "Coordinador De Proyectos Sociales" every word is capitalised, and a capital says nothing)."""
    return any(
        m.group(0)[0].islower() and len(m.group(0)) >= 4 and fold(m.group(0)) not in STOP_WORDS
        for m in matches[1:]
    )


def _weight(stem: str) -> int:
    if stem in _GENERIC_STEMS:
        return GENERIC_WEIGHT
    if stem in _BROAD_STEMS:
        return BROAD_WEIGHT
    return SPECIFIC_WEIGHT


class _Term(NamedTuple):
    """A term of a text (a named tuple: every text makes several, and a tuple is made faster than a frozen
    dataclass)."""

    stem: str
    word: str
    """The folded catalog word the term stands for (after synonyms)."""
    weight: int
    source: str
    """The words as the text wrote them (one word, or the phrase a synonym replaced)."""
    concept: str | None
    """The concept family of the word ("field.field", "legal.litigation"), None when it has none."""
    start: int = 0
    end: int = 0
    """Where the source is in the text: the evidence quotes the text from there."""


class _Piece(NamedTuple):
    """A word of the text, or the phrase a phrase synonym read, with its terms."""

    start: int
    end: int
    folded: str
    phrase: bool
    terms: tuple[_Term, ...]


@lru_cache(maxsize=65536)
def _reading(written: str, phrase: bool) -> tuple[tuple[str, str, int, str | None], ...]:
    """(stem, word, weight, concept) of each catalog word a folded word or phrase stands for, stop words left
    out: a word is read once, however many texts hold it (with phrases looked up by their first word,
    reading a realistic text's words: 57 to 33 µs)."""
    words = _PHRASES[written].split() if phrase else _spelled(written)
    readings = []
    for word in words:
        if word not in STOP_WORDS:
            stem = _stem(word)
            readings.append((stem, word, _weight(stem), _concept(word, stem)))
    return tuple(readings)


def _pieces(text: str) -> list[_Piece]:
    matches = list(_WORD.finditer(text))
    folded = [fold(m.group(0)) for m in matches]
    mixed_case = text != text.upper()
    proper_nouns = _sentence_case(matches)
    pieces: list[_Piece] = []
    index = 0
    while index < len(matches):
        phrase = False
        for size in _PHRASE_SIZES.get(folded[index], ()):
            words = " ".join(folded[index : index + size])
            if index + size <= len(matches) and words in _PHRASES:
                phrase = True
                break
        else:
            size = 1
            words = folded[index]
        start, end = matches[index].start(), matches[index + size - 1].end()
        # The first word of a text is capitalised as any sentence is: never read as a name on that alone.
        if not phrase and _is_a_name(matches[index].group(0), words, mixed_case, proper_nouns and index > 0):
            readings: tuple[tuple[str, str, int, str | None], ...] = ()
        else:
            readings = _reading(words, phrase)
        # Terms and pieces are made with tuple.__new__: a text makes dozens, and the named tuples' own
        # __new__ is a Python call each (first sight of a realistic text: 10 % of its time).
        if not readings:
            terms: tuple[_Term, ...] = ()
        else:
            source = text[start:end]
            terms = tuple(
                _new(_Term, (stem, word, weight, source, concept, start, end))
                for stem, word, weight, concept in readings
            )
        pieces.append(_new(_Piece, (start, end, words, phrase, terms)))
        index += size
    return pieces


_new = tuple.__new__


# --- words with several senses (rules.synonyms.AMBIGUOUS_WORDS) ------------------------------------------------

# A word of several senses takes the sense of any domain outside the catalog the rest of the text names, besides
# the other senses listed for it ("Vendedor de campo": sales).
_AMBIGUOUS = {
    _stem(word): (*others, *sorted(OUTSIDE_CATALOG - set(others))) for word, others in AMBIGUOUS_WORDS.items()
}
_HEAD_STEMS = _BROAD_STEMS | _MANAGEMENT_STEMS
_QUALIFIED = frozenset(_stem(word) for word in QUALIFIED_NOUNS)
# Words between a noun and its qualifier: "campo de golf", "campo de la colonia".
_QUALIFIER_LINKS = frozenset({"de", "del", "la", "el", "los", "las"})
_SENSE_TAG = "#"
_FIRST_CONCEPT = {domain: f"{domain}.{next(iter(concepts))}" for domain, concepts in DOMAINS.items()}


def _qualifier(text: str, pieces: list[_Piece], index: int) -> tuple[_Term, ...]:
    """The terms of the word that qualifies the noun at `index` ("golf" in "campo de golf"), if any."""
    previous = pieces[index]
    for piece in pieces[index + 1 :]:
        if text[previous.end : piece.start].strip(" "):
            return ()
        if piece.folded not in _QUALIFIER_LINKS:
            return tuple(t for t in piece.terms if t.weight == SPECIFIC_WEIGHT)
        previous = piece
    return ()


def _sense(text: str, pieces: list[_Piece], index: int, own: str, others: tuple[str, ...]) -> str | None:
    """The domain a word of several senses has in this text: its own, another listed one, or None (a noun
    whose qualifier names something else: "campo de pruebas")."""
    kept = _NEIGHBOURS[own]
    term = pieces[index].terms[0]
    if term.stem in _QUALIFIED:
        qualifier = {_domain(t.concept) for t in _qualifier(text, pieces, index) if t.concept}
        if qualifier or _qualifier(text, pieces, index):
            if qualifier & kept:
                return own
            return next((d for d in others if d in qualifier), None)
    context: dict[str, int] = {}
    for number, piece in enumerate(pieces):
        if number == index:
            continue
        for other in piece.terms:
            if other.concept is not None and other.weight > GENERIC_WEIGHT and other.stem not in _AMBIGUOUS:
                context[_domain(other.concept)] = context.get(_domain(other.concept), 0) + other.weight
    if any(domain in kept for domain in context):
        return own
    placed = [d for d in others if d in context]
    return max(placed, key=lambda d: context[d]) if placed else own


def _shift(pieces: list[_Piece], index: int, domain: str | None) -> None:
    """Read the one term of the piece at `index` as a word of `domain` (None: of no domain at all)."""
    piece = pieces[index]
    term = piece.terms[0]
    tag = f"{_SENSE_TAG}{domain or 'other'}"
    concept = _FIRST_CONCEPT[domain] if domain else None
    shifted = _Term(term.stem + tag, term.word + tag, term.weight, term.source, concept, term.start, term.end)
    pieces[index] = _Piece(piece.start, piece.end, piece.folded, piece.phrase, (shifted,))


# What ends the complement of a noun of action: punctuation, or a conjunction that starts another member.
_COMPLEMENT_END = re.compile(r"[,;:()\[\]/\n.]")
_COMPLEMENT_UNKNOWN = 2
# Conjunctions start another member; "en" starts where the work was done, not what it was about.
_COMPLEMENT_STOPS = _CONNECTORS | {"en"}


# Nouns of action in -ncia ("vigilancia", "asistencia"): heads too, though not cut apart as such in splitting.
_ACTION_SUFFIXES = ("ancia", "encia")


def _is_head(piece: _Piece) -> bool:
    """A noun of action or a broad work word, written as one word: what it is about is in its complement."""
    if piece.phrase or len(piece.terms) != 1 or _SENSE_TAG in piece.terms[0].stem:
        return False
    stem, word = piece.terms[0].stem, piece.terms[0].word
    return (
        _is_nominal(piece.folded)
        or _is_nominal(word)
        or word.endswith(_ACTION_SUFFIXES)
        or stem in _HEAD_STEMS
    )


def _complement_domain(text: str, pieces: list[_Piece], index: int) -> str | None:
    """The domain outside the catalog that the complement of the head at `index` names, if it names one:
    "Evaluación **médica** de pacientes", "Planeación de rutas de **reparto**", "Seguimiento de **pedidos**".

    The complement is read word by word up to punctuation or a conjunction: a word of a domain outside the
    catalog places the head there; an unknown word is passed over (two at most); anything else (a generic
    word such as "proyectos" or "personal", a word of the catalog's domains) keeps the head's own sense.
    """
    previous = pieces[index]
    unknown = 0
    for piece in pieces[index + 1 :]:
        if _COMPLEMENT_END.search(text, previous.end, piece.start) or piece.folded in _COMPLEMENT_STOPS:
            return None
        previous = piece
        if not piece.terms:
            continue
        specific = [t for t in piece.terms if t.weight == SPECIFIC_WEIGHT]
        if not specific or len(specific) < len(piece.terms):
            return None
        domains = {_domain(t.concept) for t in specific if t.concept is not None}
        if not domains:
            unknown += 1
            if unknown > _COMPLEMENT_UNKNOWN:
                return None
            continue
        outside = sorted(domains & OUTSIDE_CATALOG)
        return outside[0] if outside and len(outside) == len(domains) else None
    return None


def _read_qualified_phrase(text: str, pieces: list[_Piece], index: int) -> None:
    """A phrase that ends in a noun of several senses read in another sense when a qualifier of that sense
    follows it: "Trabajo en campo agrícola" is farm work, as "campo agrícola" is."""
    piece = pieces[index]
    last = _stem(piece.folded.rsplit(" ", 1)[-1])
    if last not in _QUALIFIED:
        return
    qualifier = {_domain(t.concept) for t in _qualifier(text, pieces, index) if t.concept}
    if not qualifier:
        return
    for term in piece.terms:
        if term.stem == last and term.concept is not None:
            own = _domain(term.concept)
            if qualifier & _NEIGHBOURS[own]:
                return
            domain = next((d for d in _AMBIGUOUS[last] if d in qualifier), None)
            if domain is None:
                return
            tag = f"{_SENSE_TAG}{domain}"
            terms = tuple(
                t._replace(stem=t.stem + tag, word=t.word + tag, concept=_FIRST_CONCEPT[domain])
                if t.concept is not None and _domain(t.concept) == own
                else t
                for t in piece.terms
            )
            pieces[index] = piece._replace(terms=terms)
            return


def _read_senses(text: str, pieces: list[_Piece]) -> None:
    """Each single written word of several senses, read in the sense the rest of the text gives it; then each
    noun of action read in the sense its complement gives it (_complement_domain)."""
    for index, piece in enumerate(pieces):
        if piece.phrase:
            _read_qualified_phrase(text, pieces, index)
            continue
        if len(piece.terms) != 1:
            continue
        term = piece.terms[0]
        others = _AMBIGUOUS.get(term.stem)
        # A synonym ("field" -> campo) says which sense it means; only the word as written has several.
        if others is None or term.concept is None or term.word != piece.folded:
            continue
        own = _domain(term.concept)
        domain = _sense(text, pieces, index, own, others)
        if domain != own:
            _shift(pieces, index, domain)
    shifts = [
        (index, domain)
        for index, piece in enumerate(pieces)
        if piece.terms and _is_head(piece)
        for domain in (_complement_domain(text, pieces, index),)
        if domain is not None
    ]
    if not shifts:
        return
    # A text that names work of the catalog's domains elsewhere keeps its heads' senses ("Contraloría social y
    # seguimiento de obras públicas").
    public_work = any(
        t.concept is not None and _domain(t.concept) not in OUTSIDE_CATALOG and not _is_head(piece)
        for piece in pieces
        for t in piece.terms
    )
    if not public_work:
        for index, domain in shifts:
            _shift(pieces, index, domain)


# A small memo: one candidate's texts (up to 100 jobs) are read once against every position of a catalog
# (matches over 500 positions: 169 -> 110 ms; bench/engine.py within noise: first sight 26-29x, warm 6.4-6.8x,
# against 26x and 6.4x without it); a large one would keep a file's texts and slow every collection.
@lru_cache(maxsize=128)
def _terms(text: str) -> tuple[_Term, ...]:
    """The subject-matter terms of a text, after phrase and word synonyms, stop words, stemming and senses."""
    pieces = _pieces(text)
    _read_senses(text, pieces)
    return tuple(term for piece in pieces for term in piece.terms)


@dataclass(frozen=True)
class _IndexedArea:
    text: str
    stems: dict[str, int]
    """Stem -> weight."""
    pairs: frozenset[tuple[str, str]]
    """Stems that follow each other in the area ("trabaj", "camp"): a shared pair is a shared phrase."""
    management: frozenset[str]
    """Stems of managing nouns in the area (rules.synonyms.MANAGEMENT_WORDS)."""
    concepts: dict[str, tuple[str, ...]]
    """Concept -> the area's stems of that concept."""
    domains: frozenset[str]
    """The domains of the area's concepts and their neighbours: a candidate word of one of them is related."""
    weight: int
    """Sum of the weights of the area's non-generic stems."""
    members: tuple[tuple[frozenset[str], int], ...]
    """The kinds of work the area coordinates, as (stems, weight), when it lists several (_members)."""


# Members of a coordination: "contabilidad y registro de operaciones financieras" lists two kinds of work.
_COORDINATION = re.compile(r",|;|\s(?:y|e|o|u)\s", re.IGNORECASE)


def _members(area: str, terms: tuple[_Term, ...]) -> tuple[tuple[frozenset[str], int], ...]:
    """The members of an area that coordinates several kinds of work, each with a specific word of its own,
    as (stems, weight); () when there are fewer than two. Experience in one member meets the area
    ("Contabilidad" meets "contabilidad y registro de operaciones financieras"). Bare nouns of action belong to
    the object that follows them ("Planeación, elaboración y ejecución de programas" is one member)."""
    cuts = [0, *(m.start() for m in _COORDINATION.finditer(area)), len(area)]
    members: list[tuple[frozenset[str], int]] = []
    pending: dict[str, int] = {}
    for start, end in itertools.pairwise(cuts):
        inside = {**pending, **{t.stem: t.weight for t in terms if start <= t.start < end}}
        if _is_bare_action(_WORD.findall(fold(area[start:end]))) and end < len(area):
            pending = inside
            continue
        pending = {}
        if any(w == SPECIFIC_WEIGHT for w in inside.values()):
            members.append((frozenset(inside), sum(inside.values())))
    return tuple(members) if len(members) > 1 else ()


@lru_cache(maxsize=4096)
def _index_areas(required_areas: tuple[str, ...]) -> tuple[_IndexedArea, ...]:
    """The stems of every required area, computed once per tuple of areas."""
    indexed = []
    for area in required_areas:
        terms = _terms(area)
        stems = {t.stem: t.weight for t in terms}
        pairs = frozenset(itertools.pairwise(t.stem for t in terms))
        management = frozenset(stem for stem in stems if stem in _MANAGEMENT_STEMS)
        concepts: dict[str, tuple[str, ...]] = {}
        for term in terms:
            if term.concept is not None and term.stem not in concepts.get(term.concept, ()):
                concepts[term.concept] = (*concepts.get(term.concept, ()), term.stem)
        domains = frozenset(d for concept in concepts for d in _NEIGHBOURS[_domain(concept)])
        # The substance of an area is in its non-generic words; an area of generic words only is all generic.
        weight = sum(w for w in stems.values() if w > GENERIC_WEIGHT) or sum(stems.values())
        members = _members(area, terms)
        indexed.append(_IndexedArea(area, stems, pairs, management, concepts, domains, weight, members))
    return tuple(indexed)


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance at most 1: one letter missing, extra, wrong or two letters swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i:] == b[i + 1 :]


def _same_family(mine: str, theirs: str) -> bool:
    """A misspelling ("ciudadna", "proyetos") or a derivation the stemmer keeps apart ("presupuestal")."""
    if len(mine) < _MIN_FUZZY_LENGTH or len(theirs) < _MIN_FUZZY_LENGTH or mine[:2] != theirs[:2]:
        return False
    shorter, longer = sorted((mine, theirs), key=len)
    return _within_one_edit(mine, theirs) or (
        len(shorter) >= _MIN_PREFIX_LENGTH and longer.startswith(shorter)
    )


@lru_cache(maxsize=4096)
def _area_words(area_text: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """The area's folded words and stems, each with the stem it stands for, by their first two letters."""
    buckets: dict[str, set[tuple[str, str]]] = {}
    for term in _terms(area_text):
        if _SENSE_TAG in term.stem:
            continue  # a word read in another sense has no variants: "vigilancia" is not "vigilancia#health"
        for word in (term.word, term.stem):
            if len(word) >= _MIN_FUZZY_LENGTH:
                buckets.setdefault(word[:2], set()).add((word, term.stem))
    return {start: tuple(sorted(words)) for start, words in buckets.items()}


@lru_cache(maxsize=65536)
def _variant_of(word: str, stem: str, area_text: str) -> str | None:
    """The one area stem a candidate word (or its stem) is a variant of, if exactly one."""
    buckets = _area_words(area_text)
    found = {
        their_stem
        for mine in {word, stem}
        for theirs, their_stem in buckets.get(mine[:2], ())
        if _same_family(mine, theirs)
    }
    return found.pop() if len(found) == 1 else None


class _Overlap(NamedTuple):
    """What one candidate text shares with one area."""

    matched: dict[str, int]
    """Area stem -> its weight, for every area stem the candidate has (as such, as a variant or by concept)."""
    candidate_stems: frozenset[str]
    """The candidate's stems that matched (directly, as a variant, by concept, or as a related managing noun)."""
    management: int
    """Managing nouns of the candidate related to another managing noun of the area (weight 1 each)."""
    related: frozenset[str]
    """The candidate's stems of the area's domains (or neighbouring ones) but of another concept."""
    phrases: int
    """Pairs of consecutive stems shared with the area."""
    spans: tuple[tuple[int, int], ...]
    """Where the candidate's words that matched or relate are in its text."""


# How one term relates to one area: the area stem it matches (as such or as a variant), or the area's stems of
# its concept, or that it is a managing noun facing another (MANAGING) or a word of the area's domains (RELATED).
_MATCHES, _MANAGING, _RELATED = 0, 1, 2
_Link = tuple[int, str | None, tuple[str, ...], int]


@lru_cache(maxsize=65536)
def _links(stem: str, word: str, concept: str | None, required_areas: tuple[str, ...]) -> tuple[_Link, ...]:
    """(area index, matched stem, same-concept stems, kind) for every required area a term relates to.
    Computed once per distinct term and set of areas, so a text costs a look-up per word, not per word and
    area (a realistic text against the seed's six areas: 58 to 19 µs)."""
    links: list[_Link] = []
    for index, area in enumerate(_index_areas(required_areas)):
        if stem in area.stems:
            direct: str | None = stem
        elif _SENSE_TAG in stem or concept is not None:
            # A word read in another sense is no variant of the area's words, nor is a word of a known concept
            # ("plantación" is not a slip of "planeación"): its concept says what it matches.
            direct = None
        else:
            direct = _variant_of(word, stem, area.text)
        same_concept = area.concepts.get(concept, ()) if direct is None and concept is not None else ()
        if direct is not None or same_concept:
            links.append((index, direct, same_concept, _MATCHES))
        elif stem in _MANAGEMENT_STEMS and area.management:
            links.append((index, None, (), _MANAGING))
        elif concept is not None and _domain(concept) in area.domains:
            links.append((index, None, (), _RELATED))
    return tuple(links)


class _Tally:
    """What a text shares with one area so far, while its terms are read (_overlaps)."""

    __slots__ = ("candidate_stems", "management", "matched", "pairs", "previous", "related", "spans")

    def __init__(self) -> None:
        self.matched: dict[str, int] = {}
        self.candidate_stems: set[str] = set()
        self.management: set[str] = set()
        self.related: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        self.spans: list[tuple[int, int]] = []
        self.previous: tuple[int, str] = (-2, "")


def _overlaps(
    candidate: tuple[_Term, ...], areas: tuple[_IndexedArea, ...], required_areas: tuple[str, ...]
) -> dict[int, _Overlap]:
    """What the candidate's text shares with each area it touches (by index), in one pass over its terms."""
    tallies: dict[int, _Tally] = {}
    for position, term in enumerate(candidate):
        for index, direct, same_concept, kind in _links(term.stem, term.word, term.concept, required_areas):
            tally = tallies.get(index)
            if tally is None:
                tally = tallies[index] = _Tally()
            if kind == _MATCHES:
                area = areas[index]
                mine = tally.matched
                stem = direct or next((s for s in same_concept if s not in mine), same_concept[0])
                mine[stem] = area.stems[stem]
                tally.candidate_stems.add(term.stem)
                last_position, last_stem = tally.previous
                # A pair of generic words ("programas y actividades") is still generic.
                if (
                    last_position == position - 1
                    and (last_stem, stem) in area.pairs
                    and max(area.stems[last_stem], area.stems[stem]) > GENERIC_WEIGHT
                ):
                    tally.pairs.add((last_stem, stem))
                tally.previous = (position, stem)
            elif kind == _MANAGING:
                tally.management.add(term.stem)
                tally.candidate_stems.add(term.stem)
            else:
                tally.related.add(term.stem)
            if (term.start, term.end) not in tally.spans:
                tally.spans.append((term.start, term.end))
    return {
        index: _Overlap(
            tally.matched,
            frozenset(tally.candidate_stems),
            len(tally.management),
            frozenset(tally.related),
            len(tally.pairs),
            tuple(tally.spans),
        )
        for index, tally in sorted(tallies.items())
    }


def _evidence(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    """The candidate's words that carried the match, as written, joined into the phrases they form: the words
    apart only by spaces, abbreviation points and small words ("Trabajo de campo", "Atn. a la ciudadanía")."""
    phrases: list[list[int]] = []
    for start, end in sorted(spans):
        if phrases:
            gap = text[phrases[-1][1] : start]
            if _WORD.sub("", gap).strip(" .") == "" and all(
                fold(w) in STOP_WORDS for w in _WORD.findall(gap)
            ):
                phrases[-1][1] = end
                continue
        phrases.append([start, end])
    return tuple(text[start:end] for start, end in phrases)


class _Candidate(NamedTuple):
    """What the candidate's text says as a whole, against every required area at once."""

    coverage: float
    """The share of the candidate's own weight that is relevant to any required area (generic words aside,
    unless they are all there is)."""
    relevant: frozenset[str]
    """Stems that match some required area (as such, as a variant, by concept, or as a managing noun)."""
    relevant_weight: int
    """Weight of the relevant stems that are not generic: the candidate's substance that is in the areas."""
    elsewhere_weight: int
    """Weight of the stems of other domains, related to no required area: substance that is elsewhere."""
    clearly_elsewhere: bool
    """Words of other domains, none related to any area, and no more unknown words than those."""
    substance_elsewhere: bool
    """The same, counting only the specific words, all in domains outside the catalog: the broad words it
    shares with an area ("organización", "atención") are about what its specific words name ("Organización
    de eventos sociales y bodas", "Atención a pacientes")."""


def _kind(
    terms: list[_Term], relevant: frozenset[str], related: frozenset[str], domains: frozenset[str]
) -> tuple[str, bool]:
    """Whether the terms of one written word are relevant, related, elsewhere or unknown, and whether, being
    elsewhere, they are all in domains outside the catalog."""
    if any(t.stem in relevant for t in terms):
        return "relevant", False
    if any(t.stem in related for t in terms):
        return "related", False
    known = [_domain(t.concept) for t in terms if t.concept is not None]
    if not known:
        return "unknown", False
    if any(domain in domains for domain in known):
        return "related", False
    return "elsewhere", all(domain in OUTSIDE_CATALOG for domain in known)


def _kinds(
    sources: Iterable[list[_Term]],
    relevant: frozenset[str],
    related: frozenset[str],
    domains: frozenset[str],
) -> tuple[dict[str, int], dict[str, int]]:
    """Weight of the written words that are relevant, related, elsewhere or unknown, counting the terms
    heavier than generic, and counting only the specific ones; each written word weighs its heaviest term.
    "outside": the part of elsewhere in the domains of jobs outside the catalog."""
    tallies = (
        {"relevant": 0, "related": 0, "elsewhere": 0, "outside": 0, "unknown": 0},
        {"relevant": 0, "related": 0, "elsewhere": 0, "outside": 0, "unknown": 0},
    )
    for terms in sources:
        substantive = [t for t in terms if t.weight > GENERIC_WEIGHT]
        if not substantive:
            continue
        heaviest = max(t.weight for t in substantive)
        kind, outside = _kind(substantive, relevant, related, domains)
        weight, specific = tallies
        weight[kind] += heaviest
        weight["outside"] += heaviest if outside else 0
        if heaviest == SPECIFIC_WEIGHT:
            if len(substantive) > 1 and any(t.weight < SPECIFIC_WEIGHT for t in substantive):
                kind, outside = _kind(
                    [t for t in substantive if t.weight == SPECIFIC_WEIGHT], relevant, related, domains
                )
            specific[kind] += heaviest
            specific["outside"] += heaviest if outside else 0
    return tallies


def _elsewhere(weight: dict[str, int], kind: str = "elsewhere", named: bool = False) -> bool:
    """Words of other domains (of `kind`: any, or outside the catalog), none related, no fewer than unknown
    unless the text opens by naming work outside the catalog (`named`: "Vendedor de seguros de vida")."""
    return (
        weight[kind] > 0
        and weight[kind] == weight["elsewhere"]
        and not weight["relevant"]
        and not weight["related"]
        and (named or weight[kind] >= weight["unknown"])
    )


def _opens_outside(candidate: tuple[_Term, ...], domains: frozenset[str]) -> bool:
    """Whether the first specific word of the text (ranks, employers and small words aside) is of a domain
    outside the catalog and of no required area: the job it names ("Vendedor ...", "Chofer ...")."""
    first = min((t for t in candidate if t.weight == SPECIFIC_WEIGHT), key=lambda t: t.start, default=None)
    if first is None or first.concept is None:
        return False
    domain = _domain(first.concept)
    return domain in OUTSIDE_CATALOG and domain not in domains


@lru_cache(maxsize=4096)
def _all_domains(required_areas: tuple[str, ...]) -> frozenset[str]:
    """The domains of every required area and their neighbours."""
    return frozenset(domain for area in _index_areas(required_areas) for domain in area.domains)


@lru_cache(maxsize=4096)
def _all_known(required_areas: tuple[str, ...]) -> bool:
    """Whether the vocabulary knows enough of the required areas to call a text foreign to them: fewer than
    half of them are areas whose specific words all lie in no known domain ("Protección civil", "gestión
    integral de riesgos", "atención de emergencias"). Of such a profile nothing tells that a text is foreign."""
    unknown = 0
    for area in required_areas:
        terms = _terms(area)
        if any(t.weight == SPECIFIC_WEIGHT for t in terms) and not any(t.concept for t in terms):
            unknown += 1
    return 2 * unknown < len(required_areas)


def _read_candidate(
    candidate: tuple[_Term, ...], required_areas: tuple[str, ...], overlaps: Iterable[_Overlap]
) -> _Candidate:
    """Sort the candidate's words as written into relevant, related, elsewhere and unknown, with their weight.

    A word is weighed as written, whatever it stands for: a synonym for two catalog words ("encuestador" ->
    encuesta, campo) is still one word of the candidate's, and it is relevant if any of them is.
    """
    overlaps = list(overlaps)
    relevant = frozenset(stem for overlap in overlaps for stem in overlap.candidate_stems)
    related = frozenset(stem for overlap in overlaps for stem in overlap.related)
    domains = _all_domains(required_areas)
    sources: dict[tuple[int, int], list[_Term]] = {}
    for term in candidate:
        sources.setdefault((term.start, term.end), []).append(term)
    weight, specific = _kinds(sources.values(), relevant, related, domains)
    named = _opens_outside(candidate, domains)
    known = _all_known(required_areas)
    # Generic words say nothing of where the candidate's substance lies, unless they are all there is.
    every = {t.stem: t.weight for t in candidate}
    weights = {s: w for s, w in every.items() if w > GENERIC_WEIGHT} or every
    coverage = sum(w for s, w in weights.items() if s in relevant) / sum(weights.values()) if weights else 0.0
    return _Candidate(
        coverage,
        relevant,
        weight["relevant"],
        weight["elsewhere"],
        known and _elsewhere(weight, named=named),
        known and _elsewhere(specific, "outside", named=named),
    )


def _judge(overlap: _Overlap, area: _IndexedArea, candidate: _Candidate) -> tuple[Outcome, int]:
    """Outcome and score of a candidate text against one required area.

    Area coverage: the weight the candidate shares with the area (plus a bonus per shared phrase) over the
    area's weight, capped so that a long area is met by its substance. Candidate coverage: the share of the
    candidate's own weight that is relevant to any required area, so a text that lists several duties is not
    penalised for the duties that belong to other required areas. A pass also needs more of the candidate's
    substance in the areas than in other domains ("Ventas en campo" is for a person). A text that shares only
    generic words, or only related words, is for a person (review), unless it clearly belongs elsewhere.
    """
    substantive = (
        sum(w for w in overlap.matched.values() if w > GENERIC_WEIGHT) + PHRASE_BONUS * overlap.phrases
    )
    shared = sum(overlap.matched.values()) + overlap.management + PHRASE_BONUS * overlap.phrases
    area_coverage = min(1.0, shared / min(area.weight, AREA_WEIGHT_CAP))
    for stems, weight in area.members:
        member = sum(w for s, w in overlap.matched.items() if s in stems)
        area_coverage = max(area_coverage, min(1.0, member / min(weight, AREA_WEIGHT_CAP)))
    score = round(100 * (2 * area_coverage + candidate.coverage) / 3)
    if candidate.substance_elsewhere:
        return Outcome.FAIL, score
    if (
        substantive >= SPECIFIC_WEIGHT
        and shared >= SPECIFIC_WEIGHT
        and score >= PASS_SCORE
        and candidate.relevant_weight > candidate.elsewhere_weight
    ):
        return Outcome.PASS, score
    if substantive or overlap.management or overlap.related or not candidate.clearly_elsewhere:
        return Outcome.REVIEW, score
    return Outcome.FAIL, score


@lru_cache(maxsize=65536)
def match_area(candidate_text: str, required_areas: tuple[str, ...]) -> AreaMatch:
    """The best match of a candidate's area text (a job's area, or a knowledge item) among required areas.

    Ties go to the better outcome, then the higher score, then the area sharing more, then the earlier area. With nothing shared with any
    area, the text is `fail` when it clearly belongs elsewhere (words of other domains only, or an empty
    text) and `review` otherwise (unknown words, or only ranks and employers). Memoised: bulk files repeat the
    same texts thousands of times.
    """
    terms = _terms(candidate_text)
    areas = _index_areas(required_areas)
    overlaps = _overlaps(terms, areas, required_areas)
    candidate = _read_candidate(terms, required_areas, overlaps.values())
    best: tuple[tuple[int, int, int], int, Outcome, int, _Overlap] | None = None
    for index, overlap in overlaps.items():
        outcome, score = _judge(overlap, areas[index], candidate)
        # Among equal outcomes and scores, the area that shares more with the text.
        rank = (outcome.rank, score, sum(overlap.matched.values()) + overlap.phrases)
        if best is None or rank > best[0]:
            best = (rank, index, outcome, score, overlap)
    if best is not None:
        _, index, outcome, score, overlap = best
        return AreaMatch(outcome, index, areas[index].text, _evidence(candidate_text, overlap.spans), score)
    says_something = bool(_WORD.search(candidate_text)) and bool(required_areas)
    if says_something and not (candidate.clearly_elsewhere or candidate.substance_elsewhere):
        return AreaMatch(Outcome.REVIEW, None, None, (), 0)
    return AreaMatch(Outcome.FAIL, None, None, (), 0)


@lru_cache(maxsize=65536)
def subject_stems(text: str) -> dict[str, int]:
    """The stems of what a short text is about, with their weight (2 broad, 3 specific): its words after
    synonyms ("Excel" -> office), spellings, names, senses and stemming, without stop, role or generic words.
    Desirable items are compared by these (rules.criteria.desirable)."""
    return {t.stem: t.weight for t in _terms(text) if t.weight > GENERIC_WEIGHT}
