"""Criteria `desirable.knowledge`, `desirable.skills`, `desirable.competencies` and the desirable score.

SPEC section 3 (Outcome): desirable items never change the outcome; the score (0-100) is the share met. A
declared item credits the required item it names, never another that merely shares a word; a bare generic word
("Normativa") meets nothing; declaring more unrelated items, or repeating one, never raises the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA, Levenshtein

from rules.areas import subject_stems
from rules.candidate import Candidate
from rules.messages import N_, register
from rules.policy import Policy
from rules.profile import Competency
from rules.synonyms import GENERIC_WORDS, STOP_WORDS
from rules.verdict import CriterionResult, Desirable, Outcome, Reason, hash_once
from rules.vocabulary import fold_words

register(
    {
        "desirable.all_met": N_("All %(total)s desirable items met."),
        "desirable.partly_met": N_("%(met)s of %(total)s desirable items met; missing: %(gaps)s."),
        "desirable.none_listed": N_("The profile lists none."),
    }
)

# Two names are one when their edit distance is at most a tenth of their length ("Planeacion y estrategias").
NEAR_SPELLING = 0.9
# A name this long is the same with one slip of typing: a letter missing, extra, wrong, or two swapped
# ("Liderasgo", "Trabajo colavorativo").
_MIN_ONE_SLIP = 6
SPECIFIC_WEIGHT = 3
# Words that name how an item is held rather than what it is ("Manejo de Microsoft Office", "Conocimiento en").
_HOLDING_WORDS = frozenset({"manejo", "conocimiento", "conocimientos", "dominio", "nociones", "uso"})


@dataclass(frozen=True)
class DesirableRule:
    __hash__ = hash_once

    knowledge: tuple[str, ...]
    skills: tuple[str, ...]
    competencies: tuple[Competency, ...]

    criterion_ids = ("desirable.knowledge", "desirable.skills", "desirable.competencies")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": "desirable",
            "knowledge": list(self.knowledge),
            "skills": list(self.skills),
            "competencies": [{"type": c.type, "name": c.name, "grade": c.grade} for c in self.competencies],
        }


@lru_cache(maxsize=65536)
def item_name(text: str) -> str:
    """An item's name for comparison: folded, punctuation, small words and "Manejo de" left out."""
    words = fold_words(text).split()
    return " ".join(w for w in words if w not in STOP_WORDS and w not in _HOLDING_WORDS)


def same_name(a: str, b: str) -> bool:
    """The same item name after normalisation, or one a slip of typing away from the other."""
    first, second = item_name(a), item_name(b)
    if first == second:
        return bool(first)
    if not (first and second):
        return False
    if min(len(first), len(second)) >= _MIN_ONE_SLIP and OSA.distance(first, second, score_cutoff=1) <= 1:
        return True
    return Levenshtein.normalized_similarity(first, second, score_cutoff=NEAR_SPELLING) >= NEAR_SPELLING


@dataclass(frozen=True)
class _Requirement:
    """The required items of one list, with what tells each apart from the others."""

    items: tuple[str, ...]
    distinctive: tuple[frozenset[str], ...]
    """For each item, its stems found in no other item of the list: what a declared item must name."""
    heads: tuple[dict[str, frozenset[str]], ...]
    """For each item, the head of each of its members that has a complement, with the complement's stems:
    "derecho" of "Derecho administrativo", "juicio" of "Juicio de amparo", "derecho" of "Normativa en materia
    de Derechos Humanos" (leading words every item shares, such as "normativa", aside). A head names the kind
    of subject and its complement the subject: a declared item that names a head must name some of its
    complement too ("Derecho penal" is not "Derecho administrativo")."""
    shared: frozenset[str]
    """Stems found in two or more required items of the whole rule: on its own such a word names none."""
    objects: tuple[frozenset[str], ...]
    """For each item, the stems that are the object of an action or of a generic word ("objetivos" of
    "seguimiento de objetivos", "presión" of "Trabajo bajo presión"): on its own such a word names no item."""


@lru_cache(maxsize=1024)
def _requirement(items: tuple[str, ...], rule: DesirableRule) -> _Requirement:
    stems = [frozenset(subject_stems(item)) for item in items]
    distinctive = tuple(
        mine - frozenset().union(*(other for j, other in enumerate(stems) if j != i))
        for i, mine in enumerate(stems)
    )
    seen: dict[str, int] = {}
    every = (*rule.knowledge, *rule.skills, *(c.name for c in rule.competencies))
    for item in every:
        for stem in subject_stems(item):
            seen[stem] = seen.get(stem, 0) + 1
    shared = frozenset(stem for stem, count in seen.items() if count > 1)
    heads = tuple(_heads(item, shared) for item in items)
    objects = tuple(_objects(item) for item in items)
    return _Requirement(items, distinctive, heads, shared, objects)


# Members of a coordinated item: "Compromiso y responsabilidad", "Manejo de bases de datos, análisis de datos".
_COORDINATION = re.compile(r",|;|\s(?:y|e|o|u)\s", re.IGNORECASE)


_ACTION_SUFFIXES = ("cion", "sion", "miento")


def _objects(item: str) -> frozenset[str]:
    """The stems of the members of an item that open with a noun of action or a generic word."""
    found: set[str] = set()
    for member in _COORDINATION.split(item):
        words = item_name(member).split()
        if len(words) > 1 and (words[0].endswith(_ACTION_SUFFIXES) or words[0] in GENERIC_WORDS):
            found.update(subject_stems(" ".join(words[1:])))
    return frozenset(found)


def _heads(item: str, shared: frozenset[str]) -> dict[str, frozenset[str]]:
    """Head -> complement stems, for each member of an item with more than one stem after leading shared ones
    ("Derechos Humanos y Género": {derech: {human}})."""
    heads: dict[str, frozenset[str]] = {}
    for member in _COORDINATION.split(item):
        stems = list(subject_stems(member))
        while len(stems) > 1 and stems[0] in shared:
            stems.pop(0)
        if len(stems) > 1:
            heads[stems[0]] = heads.get(stems[0], frozenset()) | frozenset(stems[1:])
    return heads


def _names(requirement: _Requirement, index: int, declared: str) -> int | None:
    """Whether a declared knowledge or skill names the required item at `index`, and how early in the declared
    text (0 for the same name, else 1 + the position of its first word of that item; None when it does not):
    the same name, or words of that item's own (not shared with another item of the list), unless it is one
    word that several items of the profile share, one broad word ("Normativa", "Estadística", "Datos") or one
    word that is only the object of an item's action ("Objetivos")."""
    if same_name(declared, requirement.items[index]):
        return 0
    stems = subject_stems(declared)
    if len(stems) == 1:
        (stem, weight), *_ = stems.items()
        if weight < SPECIFIC_WEIGHT or stem in requirement.shared or stem in requirement.objects[index]:
            return None
    heads = requirement.heads[index]
    named = [
        n
        for n, stem in enumerate(stems)
        if stem in requirement.distinctive[index] and (stem not in heads or heads[stem] & stems.keys())
    ]
    return 1 + named[0] if named else None


@lru_cache(maxsize=65536)
def _item_ranks(
    declared: str, required_items: tuple[str, ...], rule: DesirableRule
) -> tuple[int | None, ...]:
    """How a declared knowledge or skill names each required item of its list (_names): once per distinct
    declared item, since applicants choose theirs from short lists (with the assignment below looking only
    at items some declared item names, a realistic candidate's desirable items: 139 to 87 µs)."""
    requirement = _requirement(required_items, rule)
    return tuple(_names(requirement, index, declared) for index in range(len(required_items)))


@lru_cache(maxsize=65536)
def _competency_ranks(name: str, rule: DesirableRule) -> tuple[int | None, ...]:
    """A self-rated competency names a required one only by its name (or a near spelling of it)."""
    return tuple(0 if same_name(name, competency.name) else None for competency in rule.competencies)


def _assign(required: int, columns: list[tuple[int | None, ...]]) -> list[int | None]:
    """For each required item, the index of the declared item credited to it (or None), from each declared
    item's ranks (`columns[d][r]`: how early declared item d names required item r, None if not). Each declared item
    credits one required item at most: first the one it names earliest ("Medios de impugnación en materia
    electoral" names medios de impugnación, then the subject), then as many more as augmenting paths allow,
    in list order, so the result is the same every time."""
    edges: dict[int, list[int]] = {}
    for d, column in enumerate(columns):
        for r, rank in enumerate(column):
            if rank is not None:
                edges.setdefault(r, []).append(d)
    credited: list[int | None] = [None] * required
    if not edges:
        return credited
    owner: dict[int, int] = {}
    taken: set[int] = set()
    for d, column in enumerate(columns):
        wanted = [(rank, r) for r, rank in enumerate(column) if rank is not None and r not in taken]
        if wanted:
            owner[d] = min(wanted)[1]
            taken.add(owner[d])

    def place(r: int, visited: set[int]) -> bool:
        for d in edges[r]:
            if d in visited:
                continue
            visited.add(d)
            if d not in owner or place(owner[d], visited):
                owner[d] = r
                return True
        return False

    for r in sorted(edges):
        if r not in taken and place(r, set()):
            taken.add(r)
    for d, r in owner.items():
        credited[r] = d
    return credited


def _distinct(declared: tuple[str, ...]) -> tuple[str, ...]:
    """Declared items once each: repeating one ("Normativa; normativa.") credits nothing more."""
    seen: set[str] = set()
    kept = []
    for item in declared:
        key = item_name(item) or item
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)


def _criterion(
    criterion_id: str, required: Any, found: Any, met: list[str], gaps: list[str], evidence: Any
) -> CriterionResult:
    total = len(met) + len(gaps)
    if total == 0:
        reason = Reason("desirable.none_listed", {})
    elif gaps:
        reason = Reason("desirable.partly_met", {"met": len(met), "total": total, "gaps": gaps})
    else:
        reason = Reason("desirable.all_met", {"total": total})
    outcome = Outcome.FAIL if gaps else Outcome.PASS
    return CriterionResult(criterion_id, False, outcome, required, found, reason, evidence)


@dataclass(frozen=True)
class _Part:
    result: CriterionResult
    met: tuple[str, ...]
    gaps: tuple[str, ...]


@lru_cache(maxsize=8192)
def _items_part(
    criterion_id: str, required_items: tuple[str, ...], offered: tuple[str, ...], rule: DesirableRule
) -> _Part:
    """Knowledge or skills met, each with the declared item that met it; memoised (files repeat lists)."""
    declared = _distinct(offered)
    credited = _assign(len(required_items), [_item_ranks(item, required_items, rule) for item in declared])
    met: list[str] = []
    gaps: list[str] = []
    evidence: list[dict[str, Any]] = []
    for item, by in zip(required_items, credited, strict=True):
        (met if by is not None else gaps).append(item)
        evidence.append({"item": item, "met": by is not None, "by": None if by is None else declared[by]})
    result = _criterion(criterion_id, list(required_items), list(offered), met, gaps, evidence)
    return _Part(result, tuple(met), tuple(gaps))


@lru_cache(maxsize=8192)
def _competencies_part(rule: DesirableRule, offered: tuple[tuple[str, int], ...], at_grade: bool) -> _Part:
    """A self-rated competency credits the competency it names: the same name, or a slip of typing away."""
    competencies = rule.competencies
    names = tuple(name for name, _ in offered)
    credited = _assign(len(competencies), [_competency_ranks(name, rule) for name in names])
    met: list[str] = []
    gaps: list[str] = []
    evidence: list[dict[str, Any]] = []
    for competency, by in zip(competencies, credited, strict=True):
        rating = None if by is None else offered[by][1]
        ok = rating is not None and (rating >= competency.grade if at_grade else rating > competency.grade)
        (met if ok else gaps).append(competency.name)
        evidence.append(
            {
                "competency": competency.name,
                "grade": competency.grade,
                "rating": rating,
                "by": None if by is None else names[by],
                "met": ok,
            }
        )
    result = _criterion(
        "desirable.competencies",
        [{"name": c.name, "type": c.type, "grade": c.grade} for c in competencies],
        dict(offered),
        met,
        gaps,
        evidence,
    )
    return _Part(result, tuple(met), tuple(gaps))


def evaluate_desirable(
    rule: DesirableRule, candidate: Candidate, policy: Policy
) -> tuple[tuple[CriterionResult, ...], Desirable]:
    """The three desirable criteria and the score. Each part is memoised by what it reads (applicants pick
    their lists from short ones, so lists repeat; a whole offer rarely does)."""
    parts = (
        _items_part("desirable.knowledge", rule.knowledge, candidate.knowledge, rule),
        _items_part("desirable.skills", rule.skills, candidate.skills, rule),
        _competencies_part(rule, candidate.competencies, policy.competency_met_at_required_grade),
    )
    met = parts[0].met + parts[1].met + parts[2].met
    gaps = parts[0].gaps + parts[1].gaps + parts[2].gaps
    total = len(met) + len(gaps)
    # Integer percentage, rounded half up, with integer arithmetic (verdicts carry no floats).
    score = (200 * len(met) + total) // (2 * total) if total else 100
    return tuple(part.result for part in parts), Desirable(score=score, met=met, gaps=gaps)
