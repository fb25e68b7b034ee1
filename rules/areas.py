"""Experience areas: how a profile's Área de Experiencia text splits into areas, and how a candidate's area text
matches one of them, with the words that prove it (SPEC section 3, Experience). docs/areas.md explains both.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from rules.synonyms import (
    BROAD_WORDS,
    GENERIC_WORDS,
    MANAGEMENT_WORDS,
    PHRASE_SYNONYMS,
    ROLE_WORDS,
    STOP_WORDS,
    WORD_SYNONYMS,
)
from rules.verdict import Outcome
from rules.vocabulary import fold

__all__ = ["AreaMatch", "match_area", "split_areas"]

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
    """pass: clear match of the substance of one area; review: weak or only generic overlap; fail: none."""
    area_index: int | None
    """Index of the best required area, None when nothing overlaps."""
    area: str | None
    """That area's text."""
    words: tuple[str, ...]
    """The candidate's words that matched, as the candidate wrote them."""
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
# Consecutive words shared with an area ("trabajo de campo", "evaluación de proyectos") weigh this much more.
PHRASE_BONUS = 2
_LONGEST_PHRASE = max(len(phrase.split()) for phrase in PHRASE_SYNONYMS)

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


_WORD_SYNONYMS = dict(WORD_SYNONYMS)
for _key, _canonical in WORD_SYNONYMS.items():
    if len(_key) >= _MIN_FUZZY_LENGTH:
        for _form in _inflections(_key):
            _WORD_SYNONYMS.setdefault(_form, _canonical)


def _weight(stem: str) -> int:
    if stem in _GENERIC_STEMS:
        return GENERIC_WEIGHT
    if stem in _BROAD_STEMS:
        return BROAD_WEIGHT
    return SPECIFIC_WEIGHT


@dataclass(frozen=True)
class _Term:
    stem: str
    word: str
    """The folded catalog word the term stands for (after synonyms)."""
    weight: int
    source: str
    """The words as the text wrote them (one word, or the phrase a synonym replaced)."""


def _canonical_words(word: str) -> tuple[str, ...]:
    if word in _WORD_SYNONYMS:
        return tuple(_WORD_SYNONYMS[word].split())
    if word in STOP_WORDS or word in ROLE_WORDS or len(word) < 2:
        return ()
    return (word,)


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[_Term, ...]:
    """The subject-matter terms of a text, after phrase and word synonyms, stop words and stemming."""
    matches = list(_WORD.finditer(text))
    folded = [fold(m.group(0)) for m in matches]
    terms: list[_Term] = []
    index = 0
    while index < len(matches):
        for size in range(min(_LONGEST_PHRASE, len(matches) - index), 0, -1):
            phrase = " ".join(folded[index : index + size])
            if phrase in PHRASE_SYNONYMS:
                canonical = tuple(PHRASE_SYNONYMS[phrase].split())
                source = text[matches[index].start() : matches[index + size - 1].end()]
                break
        else:
            size = 1
            canonical = _canonical_words(folded[index])
            source = matches[index].group(0)
        for word in canonical:
            if word in STOP_WORDS:
                continue
            stem = _stem(word)
            terms.append(_Term(stem=stem, word=word, weight=_weight(stem), source=source))
        index += size
    return tuple(terms)


@dataclass(frozen=True)
class _IndexedArea:
    text: str
    stems: dict[str, int]
    """Stem -> weight."""
    words: dict[str, str]
    """Folded word (and stem) -> stem, for misspelt or differently derived candidate words."""
    pairs: frozenset[tuple[str, str]]
    """Stems that follow each other in the area ("trabaj", "camp"): a shared pair is a shared phrase."""
    management: frozenset[str]
    """Stems of managing nouns in the area (rules.synonyms.MANAGEMENT_WORDS)."""
    weight: int
    """Sum of the weights of the area's non-generic stems."""


@lru_cache(maxsize=4096)
def _index_areas(required_areas: tuple[str, ...]) -> tuple[_IndexedArea, ...]:
    """The stems of every required area, computed once per tuple of areas."""
    indexed = []
    for area in required_areas:
        terms = _terms(area)
        stems = {t.stem: t.weight for t in terms}
        words = {t.word: t.stem for t in terms}
        words.update({t.stem: t.stem for t in terms})
        pairs = frozenset(itertools.pairwise(t.stem for t in terms))
        management = frozenset(stem for stem in stems if stem in _MANAGEMENT_STEMS)
        # The substance of an area is in its non-generic words; an area of generic words only is all generic.
        weight = sum(w for w in stems.values() if w > GENERIC_WEIGHT) or sum(stems.values())
        indexed.append(_IndexedArea(area, stems, words, pairs, management, weight))
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


def _related_stem(term: _Term, area: _IndexedArea) -> str | None:
    """The one area stem a candidate term is a variant of, if exactly one."""
    found = {
        stem
        for word, stem in area.words.items()
        for mine in (term.word, term.stem)
        if _same_family(mine, word)
    }
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class _Overlap:
    """What one candidate text shares with one area."""

    matched: dict[str, int]
    """Area stem -> its weight, for every area stem the candidate has."""
    candidate_stems: frozenset[str]
    """The candidate's stems that matched (directly, as a variant, or as a related managing noun)."""
    management: int
    """Managing nouns of the candidate related to another managing noun of the area (weight 1 each)."""
    phrases: int
    """Pairs of consecutive stems shared with the area."""
    sources: tuple[str, ...]


def _overlap(candidate: tuple[_Term, ...], area: _IndexedArea) -> _Overlap:
    matched: dict[str, int] = {}
    candidate_stems: set[str] = set()
    management: set[str] = set()
    mapped: list[str | None] = []
    sources: list[str] = []
    for term in candidate:
        stem = term.stem if term.stem in area.stems else _related_stem(term, area)
        mapped.append(stem)
        if stem is not None:
            matched[stem] = area.stems[stem]
        elif term.stem in _MANAGEMENT_STEMS and area.management:
            management.add(term.stem)
        else:
            continue
        candidate_stems.add(term.stem)
        if term.source not in sources:
            sources.append(term.source)
    # A pair of generic words ("programas y actividades") is still generic.
    pairs = {
        (a, b)
        for a, b in itertools.pairwise(mapped)
        if a and b and (a, b) in area.pairs and max(area.stems[a], area.stems[b]) > GENERIC_WEIGHT
    }
    return _Overlap(matched, frozenset(candidate_stems), len(management), len(pairs), tuple(sources))


def _judge(
    overlap: _Overlap, area: _IndexedArea, candidate_weights: dict[str, int], relevant: frozenset[str]
) -> tuple[Outcome, int]:
    """Outcome and score of a candidate text against one required area.

    Area coverage: the weight the candidate shares with the area (plus a bonus per shared phrase) over the
    area's weight, capped so that a long area is met by its substance. Candidate coverage: the share of the
    candidate's own weight that is relevant to any required area, so a text that lists several duties is not
    penalised for the duties that belong to other required areas. A specific text that shares only generic
    words is unrelated (fail); a vague one, or one with a related managing noun, is for a person (review).
    """
    if not overlap.sources:
        return Outcome.FAIL, 0
    substantive = (
        sum(w for w in overlap.matched.values() if w > GENERIC_WEIGHT) + PHRASE_BONUS * overlap.phrases
    )
    shared = sum(overlap.matched.values()) + overlap.management + PHRASE_BONUS * overlap.phrases
    area_coverage = min(1.0, shared / min(area.weight, AREA_WEIGHT_CAP))
    # Generic words say nothing of where the candidate's substance lies, unless they are all there is.
    weights = {s: w for s, w in candidate_weights.items() if w > GENERIC_WEIGHT} or candidate_weights
    candidate_coverage = sum(w for s, w in weights.items() if s in relevant) / sum(weights.values())
    score = round(100 * (2 * area_coverage + candidate_coverage) / 3)
    if substantive >= BROAD_WEIGHT and shared >= SPECIFIC_WEIGHT and score >= PASS_SCORE:
        return Outcome.PASS, score
    if substantive or overlap.management:
        return Outcome.REVIEW, score
    vague = all(w == GENERIC_WEIGHT for w in candidate_weights.values())
    return (Outcome.REVIEW if vague or candidate_coverage >= 0.5 else Outcome.FAIL), score


@lru_cache(maxsize=65536)
def match_area(candidate_text: str, required_areas: tuple[str, ...]) -> AreaMatch:
    """The best match of a candidate's area text (a job's area, or a knowledge item) among required areas.

    Ties go to the better outcome, then the higher score, then the earlier area. Memoised: bulk files repeat
    the same texts thousands of times.
    """
    candidate = _terms(candidate_text)
    areas = _index_areas(required_areas)
    overlaps = [_overlap(candidate, area) for area in areas]
    candidate_weights = {t.stem: t.weight for t in candidate}
    relevant = frozenset(stem for overlap in overlaps for stem in overlap.candidate_stems)
    best = AreaMatch(Outcome.FAIL, None, None, (), 0)
    for index, (area, overlap) in enumerate(zip(areas, overlaps, strict=True)):
        if not overlap.sources:
            continue
        outcome, score = _judge(overlap, area, candidate_weights, relevant)
        if best.area_index is None or (outcome.rank, score) > (best.outcome.rank, best.score):
            best = AreaMatch(outcome, index, area.text, overlap.sources, score)
    return best
