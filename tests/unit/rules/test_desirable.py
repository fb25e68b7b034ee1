"""Desirable knowledge, skills and competencies: what a declared item credits (SPEC section 3, Outcome)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rules.candidate import Candidate
from rules.criteria.desirable import DesirableRule, evaluate_desirable
from rules.policy import DEFAULT_POLICY
from rules.profile import Competency
from rules.verdict import Desirable

# The seed profile's desirable items (catalog 8-009-004-C215).
RULE = DesirableRule(
    knowledge=(
        "Normativa Electoral.",
        "Normativa en materia de Transparencia.",
        "Normativa en materia de Participación Ciudadana y Medios de Impugnación.",
        "Normativa en materia de Derechos Humanos y Género.",
        "Manejo de Microsoft Office y preferentemente redes sociales.",
        "Interpretación y aplicación de disposiciones normativas.",
        "Manejo de bases de datos, análisis de datos y estadística.",
    ),
    skills=(
        "Iniciativa y toma de decisiones.",
        "Planeación y seguimiento de objetivos.",
        "Compromiso y responsabilidad.",
        "Ética y valores.",
    ),
    competencies=(
        Competency("Institucionales", "Apego a valores institucionales.", 2),
        Competency("Institucionales", "Trabajo colaborativo.", 2),
        Competency("Transversales", "Planeación y estrategia.", 5),
        Competency("Transversales", "Vinculación.", 4),
        Competency("Técnicas", "Diseño de estrategias de aprendizaje.", 5),
        Competency("Técnicas", "Estadística electoral y de participación ciudadana.", 5),
        Competency("Técnicas", "Evaluación del desempeño.", 5),
    ),
)
DECLARED = [
    "Normativa electoral",
    "Ley de Participación Ciudadana de la CDMX",
    "Transparencia y acceso a la información",
    "Derechos humanos",
    "Perspectiva de género",
    "Excel avanzado",
    "Paquetería Office",
    "Bases de datos",
    "Normativa",
    "Estadística",
    "Evaluación",
    "Normatividad",
    "SPSS",
    "Inglés intermedio",
    "Toma de decisiones",
    "Liderazgo",
    "Compromiso",
    "Ética",
]


def desirable(**offer: Any) -> tuple[dict[str, list[Any]], Desirable]:
    offered = Candidate(
        knowledge=tuple(offer.get("knowledge", ())),
        skills=tuple(offer.get("skills", ())),
        competencies=tuple(dict(offer.get("competencies", {})).items()),
    )
    results, score = evaluate_desirable(RULE, offered, DEFAULT_POLICY)
    evidence = {result.id: result.evidence for result in results}
    return evidence, score


def credited(criterion: str, **offer: Any) -> dict[str, str]:
    """Required item -> the declared item credited to it."""
    evidence, _ = desirable(**offer)
    key = "competency" if criterion == "desirable.competencies" else "item"
    return {e[key]: e["by"] for e in evidence[criterion] if e["met"]}


@pytest.mark.parametrize("word", ["Normativa", "Estadística", "Evaluación", "Normatividad", "Datos"])
def test_a_bare_generic_word_meets_nothing(word: str) -> None:
    assert credited("desirable.knowledge", knowledge=[word]) == {}


def test_normativa_and_estadistica_together_meet_nothing() -> None:
    assert desirable(knowledge=["Normativa", "Estadística"])[1].score == 0


@pytest.mark.parametrize(
    ("declared", "required"),
    [
        ("Normativa electoral", "Normativa Electoral."),
        ("Ley de Participación Ciudadana de la CDMX", RULE.knowledge[2]),
        ("Ley General de Transparencia", "Normativa en materia de Transparencia."),
        ("Derechos humanos", "Normativa en materia de Derechos Humanos y Género."),
        ("Excel avanzado", "Manejo de Microsoft Office y preferentemente redes sociales."),
        ("Bases de datos", "Manejo de bases de datos, análisis de datos y estadística."),
    ],
)
def test_a_specific_law_or_subject_meets_its_own_item(declared: str, required: str) -> None:
    assert credited("desirable.knowledge", knowledge=[declared]) == {required: declared}


def test_the_verdict_names_the_declared_item_that_met_each_required_item() -> None:
    evidence, _ = desirable(knowledge=["Inglés", "Excel avanzado"], competencies={"Vinculacion": 4})
    office = evidence["desirable.knowledge"][4]
    vinculacion = evidence["desirable.competencies"][3]
    assert (office["item"], office["met"], office["by"]) == (RULE.knowledge[4], True, "Excel avanzado")
    assert (vinculacion["competency"], vinculacion["by"], vinculacion["rating"]) == (
        "Vinculación.",
        "Vinculacion",
        4,
    )


def test_a_competency_credits_only_the_competency_it_names() -> None:
    assert credited("desirable.competencies", competencies={"Planeación y estrategia": 5}) == {
        "Planeación y estrategia.": "Planeación y estrategia"
    }


@pytest.mark.parametrize("name", ["Evaluación", "Estrategia", "Trabajo en equipo", "Valores"])
def test_a_competency_sharing_a_word_credits_nothing(name: str) -> None:
    evidence, _ = desirable(competencies={name: 5})
    assert [e["by"] for e in evidence["desirable.competencies"] if e["by"]] == []


def test_a_near_spelling_of_a_competency_credits_it() -> None:
    assert credited("desirable.competencies", competencies={"Planeacion y estrategias": 5}) == {
        "Planeación y estrategia.": "Planeacion y estrategias"
    }


def test_one_stuffed_item_credits_one_required_item_at_most() -> None:
    stuffed = "Normativa electoral, transparencia, derechos humanos, Office y bases de datos"
    assert len(credited("desirable.knowledge", knowledge=[stuffed])) == 1


def _score(knowledge: list[str], skills: list[str]) -> int:
    return desirable(knowledge=knowledge, skills=skills)[1].score


words = st.sampled_from(
    [
        "normativa",
        "ley",
        "electoral",
        "office",
        "evaluación",
        "estadística",
        "ventas",
        "cocina",
        "golf",
        "datos",
    ]
)
declared_lists = st.lists(st.sampled_from(DECLARED), max_size=6)
extra_items = st.one_of(st.sampled_from(DECLARED), st.lists(words, min_size=1, max_size=4).map(" ".join))


@given(declared_lists, declared_lists, extra_items)
def test_adding_an_item_that_meets_nothing_never_raises_the_score(
    knowledge: list[str], skills: list[str], extra: str
) -> None:
    assume(_score([extra], [extra]) == 0)
    assert _score([*knowledge, extra], [*skills, extra]) == _score(knowledge, skills)


@given(declared_lists.filter(bool), st.data())
def test_repeating_an_item_or_its_words_never_raises_the_score(
    knowledge: list[str], data: st.DataObject
) -> None:
    item = data.draw(st.sampled_from(knowledge))
    base = _score(knowledge, [])
    assert _score([*knowledge, item, item.upper() + "."], []) <= base
    assert _score([*knowledge, f"{item} {item} {item}"], []) <= base


@given(st.lists(st.sampled_from(["Normativa", "Estadística", "Evaluación", "Normatividad"]), max_size=8))
def test_stuffing_generic_words_meets_nothing(knowledge: list[str]) -> None:
    assert _score(knowledge, knowledge) == 0


def test_no_declared_item_of_the_labelled_set_credits_an_item_it_does_not_name() -> None:
    from pathlib import Path

    import yaml

    data = yaml.safe_load(
        (Path(__file__).parents[2] / "quality" / "desirable.yaml").read_text(encoding="utf-8")
    )
    rule = DesirableRule(
        tuple(data["requirements"]["seed"]["knowledge"]),
        tuple(data["requirements"]["seed"]["skills"]),
        tuple(Competency("", name, 1) for name in data["requirements"]["seed"]["competencies"]),
    )
    wrong = []
    for case in data["cases"]:
        kind, declared = case["kind"], case["declared"]
        offer = (
            Candidate(competencies=((declared, 5),))
            if kind == "competencies"
            else Candidate(**{kind: (declared,)})
        )
        results, _ = evaluate_desirable(rule, offer, DEFAULT_POLICY)
        key = "competency" if kind == "competencies" else "item"
        got = [e[key] for r in results if r.id == f"desirable.{kind}" for e in r.evidence if e["by"]]
        if got and got[0] != case["meets"]:
            wrong.append(declared)
    assert wrong == []


LEGAL = DesirableRule(
    knowledge=(
        "Derecho administrativo.",
        "Ley General de Responsabilidades Administrativas.",
        "Juicio de amparo.",
        "Contratos y convenios.",
        "Redacción jurídica.",
    ),
    skills=("Argumentación jurídica.", "Negociación."),
    competencies=(Competency("", "Liderazgo.", 3), Competency("", "Trabajo en equipo.", 3)),
)


def _credits(rule: DesirableRule, kind: str, declared: str) -> list[str]:
    offer = (
        Candidate(competencies=((declared, 5),))
        if kind == "competencies"
        else Candidate(**{kind: (declared,)})
    )
    results, _ = evaluate_desirable(rule, offer, DEFAULT_POLICY)
    key = "competency" if kind == "competencies" else "item"
    return [e[key] for r in results if r.id == f"desirable.{kind}" for e in r.evidence if e["by"]]


@pytest.mark.parametrize(
    ("declared", "kind"),
    [
        ("Derecho penal", "knowledge"),
        ("Derecho", "knowledge"),
        ("Juicios orales", "knowledge"),
        ("Redacción", "knowledge"),
        ("Argumentación", "skills"),
    ],
)
def test_the_head_of_a_required_item_without_its_complement_meets_nothing(declared: str, kind: str) -> None:
    """ "Derecho" names the kind of "Derecho administrativo", not its subject."""
    assert _credits(LEGAL, kind, declared) == []


@pytest.mark.parametrize(
    ("declared", "item"),
    [
        ("derecho administrativo", "Derecho administrativo."),
        ("Juicio de amparo indirecto", "Juicio de amparo."),
        ("Amparo", "Juicio de amparo."),
        (
            "responsabilidades administrativas de servidores públicos",
            "Ley General de Responsabilidades Administrativas.",
        ),
        ("LGRA", "Ley General de Responsabilidades Administrativas."),
    ],
)
def test_a_head_with_its_complement_or_the_complement_meets_its_item(declared: str, item: str) -> None:
    assert _credits(LEGAL, "knowledge", declared) == [item]


def test_human_rights_are_not_law_in_general() -> None:
    assert credited("desirable.knowledge", knowledge=["Derecho penal"]) == {}
    assert credited("desirable.knowledge", knowledge=["Derecho electoral"]) == {
        "Normativa Electoral.": "Derecho electoral"
    }


@pytest.mark.parametrize("declared", ["Liderasgo", "LIDERAZGO", "liderazgo."])
def test_one_slip_of_typing_in_a_competency_name_still_credits_it(declared: str) -> None:
    assert _credits(LEGAL, "competencies", declared) == ["Liderazgo."]


@pytest.mark.parametrize("declared", ["Liderazgo de equipos", "Trabajo colaborativo", "Equipo"])
def test_a_competency_of_another_name_credits_nothing(declared: str) -> None:
    assert _credits(LEGAL, "competencies", declared) == []


@pytest.mark.parametrize(("declared", "kind"), [("Objetivos", "skills"), ("Presión", "skills")])
def test_one_word_that_is_only_the_object_of_an_items_action_meets_nothing(declared: str, kind: str) -> None:
    rule = DesirableRule((), (*RULE.skills, "Trabajo bajo presión."), ())
    assert _credits(rule, kind, declared) == []


def test_no_declared_item_of_the_generalisation_set_credits_an_item_it_does_not_name() -> None:
    from pathlib import Path

    import yaml

    data = yaml.safe_load(
        (Path(__file__).parents[2] / "quality" / "desirable_generalisation.yaml").read_text(encoding="utf-8")
    )
    rules = {
        key: DesirableRule(
            tuple(value["knowledge"]),
            tuple(value["skills"]),
            tuple(Competency("", name, 1) for name in value["competencies"]),
        )
        for key, value in data["requirements"].items()
    }
    wrong = [
        case["declared"]
        for case in data["cases"]
        if any(
            got != case["meets"]
            for got in _credits(rules[case["requirement"]], case["kind"], case["declared"])
        )
    ]
    assert wrong == []
    assert len(data["cases"]) >= 100
