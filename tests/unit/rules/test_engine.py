from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.candidate import parse_candidate
from rules.canonical import canonical_json
from rules.compiler import RuleSet, compile_profile
from rules.engine import evaluate
from rules.policy import Policy
from rules.render import describe_rule_set, verdict_to_dict
from rules.verdict import Verdict
from rules.vocabulary import fold
from tests.unit.rules.conftest import candidate, seed_profile

AS_OF = date(2026, 6, 30)
RULES = compile_profile(seed_profile())


def run(data: dict[str, Any], as_of: date = AS_OF, rules: RuleSet = RULES) -> Verdict:
    return evaluate(rules, parse_candidate(data), as_of)


def test_candidate_meeting_everything_is_eligible() -> None:
    verdict = run(candidate())
    assert verdict.outcome.value == "eligible"
    assert all(c.outcome.value == "pass" for c in verdict.criteria if c.mandatory)


def test_desirable_items_never_change_the_outcome() -> None:
    verdict = run(candidate())
    assert verdict.desirable.score == 0
    assert verdict.outcome.value == "eligible"


def test_desirable_score_is_the_share_met() -> None:
    verdict = run(
        candidate(
            knowledge=["Normativa electoral", "Manejo de Microsoft Office"],
            skills=["Compromiso y responsabilidad"],
            competencies={"Trabajo colaborativo": 3, "Planeación y estrategia": 4},
        )
    )
    # 3 knowledge + 2 skills + 2 competencies = 7 items; met: 2 + 1 + 1 (rating 4 < grade 5).
    assert verdict.desirable.score == 57
    assert "Planeación y estrategia." in verdict.desirable.gaps


def test_verdict_renders_in_spanish_and_english_without_reevaluating() -> None:
    verdict = run(candidate())
    es = verdict_to_dict(verdict, "es")
    en = verdict_to_dict(verdict, "en")
    assert es["criteria"][0]["reason"]["code"] == en["criteria"][0]["reason"]["code"]
    assert es["criteria"][0]["reason"]["message"] != en["criteria"][0]["reason"]["message"]
    assert "grado" in es["criteria"][0]["reason"]["message"].lower()
    assert "degree" in en["criteria"][0]["reason"]["message"].lower()


def test_remembered_messages_tell_apart_values_that_compare_equal() -> None:
    """Messages are remembered per (code, language, parameters): 1 and True, 2 and "2", a list and its
    text, each keep their own message, in the language asked for."""
    from rules.render import message, reason_message
    from rules.verdict import Reason

    params: list[dict[str, Any]] = [
        {"credited": 1, "required": 2},
        {"credited": True, "required": 2},
        {"credited": "2", "required": 2},
        {"credited": None, "required": "2"},
        {"credited": ["a", "b"], "required": 2},
        {"credited": "a; b", "required": 2},
    ]
    for _ in range(2):
        for lang in ("es", "en", "EN-us"):
            for values in params:
                reason = Reason("experience.years.met", values)
                assert reason_message(reason, lang) == message("experience.years.met", values, lang)
    assert reason_message(Reason("experience.years.met", params[1]), "en").startswith("yes years")


def test_verdict_json_has_the_spec_shape() -> None:
    data = verdict_to_dict(run(candidate()), "es")
    assert set(data) >= {
        "position",
        "fingerprint",
        "engine_version",
        "as_of",
        "lang",
        "outcome",
        "eligible_from",
        "criteria",
        "desirable",
        "experience",
    }
    assert [c["id"] for c in data["criteria"]] == [
        "education.level",
        "education.status",
        "education.field",
        "experience.area",
        "experience.years",
        "desirable.knowledge",
        "desirable.skills",
        "desirable.competencies",
    ]
    canonical_json(data)  # no floats, nothing that cannot be hashed
    json.dumps(data)


def test_fingerprint_changes_with_the_policy_and_not_with_the_revision_number() -> None:
    other = compile_profile(seed_profile(), Policy(full_time_hours=48))
    assert other.fingerprint != RULES.fingerprint
    assert compile_profile(seed_profile(), revision=7).fingerprint == RULES.fingerprint
    assert RULES.fingerprint.startswith("sha256:") and len(RULES.fingerprint) == 71


def test_show_lists_requirements_in_both_languages() -> None:
    assert "Licenciatura" in describe_rule_set(RULES, "es") and "trabajo de campo" in describe_rule_set(
        RULES, "es"
    )
    assert "Years: at least 2" in describe_rule_set(RULES, "en")


def test_without_equivalents_only_listed_fields_pass() -> None:
    strict = compile_profile(seed_profile(accepts_equivalents=False))
    data = candidate(
        degrees=[{"level": "Licenciatura", "status": "Titulado", "field": "Relaciones Internacionales"}]
    )
    assert run(data, rules=strict).criterion("education.field").outcome.value == "fail"


# Properties (SPEC section 3 invariants) ------------------------------------------------------------------------

LEVELS = st.sampled_from(["Bachillerato", "TSU", "Licenciatura", "Maestría", "Doctorado"])
STATUSES = st.sampled_from(["En curso", "Trunca", "Pasante", "Titulado", "Cédula profesional"])
FIELDS = st.sampled_from(
    [
        "Ciencia Política",
        "Derecho",
        "Sociología",
        "Medicina",
        "Relaciones Internacionales",
        "Ingeniería Civil",
        "Contaduría Pública",
    ]
)
AREAS = st.sampled_from(
    [
        "Evaluación de proyectos y atención ciudadana",
        "Trabajo de campo en encuestas",
        "Venta de automóviles",
        "Organización y administración de procesos",
        "Auxiliar administrativo",
    ]
)
DATES = st.dates(min_value=date(2010, 1, 1), max_value=date(2026, 6, 1))
degrees_st = st.fixed_dictionaries({"level": LEVELS, "status": STATUSES, "field": FIELDS})
jobs_st = st.builds(
    lambda area, start, length, ongoing, hours: {
        "title": "Puesto",
        "area": area,
        "start": start.isoformat(),
        "end": None if ongoing else (start + timedelta(days=length)).isoformat(),
        "hours_per_week": hours,
    },
    AREAS,
    DATES,
    st.integers(0, 2000),
    st.booleans(),
    st.sampled_from([10, 20, 30, 40, 48]),
)
candidates_st = st.builds(
    lambda degrees, jobs: {"degrees": degrees, "jobs": jobs},
    st.lists(degrees_st, max_size=3),
    st.lists(jobs_st, max_size=4),
)
RANK = {"pass": 2, "review": 1, "fail": 0}
OVERALL = {"eligible": 2, "review": 1, "ineligible": 0}


@settings(max_examples=60, deadline=None)
@given(candidates_st, degrees_st)
def test_adding_a_degree_never_makes_a_verdict_worse(data: dict[str, Any], extra: dict[str, Any]) -> None:
    before = run(data)
    after = run({**data, "degrees": [*data["degrees"], extra]})
    assert OVERALL[after.outcome.value] >= OVERALL[before.outcome.value]


@settings(max_examples=60, deadline=None)
@given(candidates_st, jobs_st)
def test_adding_a_job_never_makes_a_verdict_worse(data: dict[str, Any], extra: dict[str, Any]) -> None:
    before = run(data)
    after = run({**data, "jobs": [*data["jobs"], extra]})
    assert OVERALL[after.outcome.value] >= OVERALL[before.outcome.value]
    for cid in ("experience.area", "experience.years"):
        assert RANK[after.criterion(cid).outcome.value] >= RANK[before.criterion(cid).outcome.value]


@settings(max_examples=60, deadline=None)
@given(candidates_st, st.integers(1, 1500))
def test_a_later_as_of_never_reduces_ongoing_experience(data: dict[str, Any], days: int) -> None:
    early = run(data, as_of=date(2026, 6, 30))
    late = run(data, as_of=date(2026, 6, 30) + timedelta(days=days))
    assert float(late.experience.credited_days) >= float(early.experience.credited_days)


@settings(max_examples=40, deadline=None)
@given(candidates_st)
def test_case_and_accents_never_change_a_verdict(data: dict[str, Any]) -> None:
    def shout(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: shout(v) if k in ("level", "status", "field", "area") else v for k, v in value.items()}
        if isinstance(value, list):
            return [shout(v) for v in value]
        return fold(value).upper() if isinstance(value, str) else value

    plain = verdict_to_dict(run(data), "es")
    loud = verdict_to_dict(run({k: shout(v) for k, v in data.items()}), "es")
    assert [(c["id"], c["outcome"]) for c in plain["criteria"]] == [
        (c["id"], c["outcome"]) for c in loud["criteria"]
    ]
    assert plain["outcome"] == loud["outcome"]


@settings(max_examples=40, deadline=None)
@given(candidates_st)
def test_same_fingerprint_input_and_as_of_give_byte_identical_verdicts(data: dict[str, Any]) -> None:
    first = canonical_json(verdict_to_dict(run(data), "es"))
    second = canonical_json(
        verdict_to_dict(evaluate(compile_profile(seed_profile()), parse_candidate(data), AS_OF), "es")
    )
    assert first == second
