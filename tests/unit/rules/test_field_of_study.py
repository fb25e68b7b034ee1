"""Criterion education.field: listed fields, compounds and equivalents through the taxonomy (SPEC section 3)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import rules.criteria.field_of_study as field_of_study
from rules.criteria.field_of_study import FieldJudgement, judge_field
from rules.locale import translations
from rules.messages import MESSAGES
from rules.policy import DEFAULT_POLICY, Policy
from rules.profile import EducationRequirement
from rules.render import message
from rules.taxonomy import entries
from rules.verdict import Outcome
from rules.vocabulary import Level, Status

QUALITY_FILE = Path(__file__).parents[2] / "quality" / "fields.yaml"

SEED = EducationRequirement(
    Level.LICENCIATURA,
    Status.TITULO,
    ("Ciencia Política", "Administración Pública", "Derecho", "Sociología", "Economía", "Pedagogía"),
    accepts_equivalents=True,
    text="Ciencia Política, Administración Pública, Derecho, Sociología, Economía, Pedagogía o equivalentes.",
)
LAW_ONLY = EducationRequirement(Level.LICENCIATURA, Status.TITULO, ("Derecho",), accepts_equivalents=False)
LAW_OR_EQUIVALENT = replace(LAW_ONLY, accepts_equivalents=True)
TOURISM_OR_EQUIVALENT = EducationRequirement(Level.LICENCIATURA, Status.TITULO, ("Turismo",), True)
MEDICINE_ONLY = EducationRequirement(Level.LICENCIATURA, Status.TITULO, ("Medicina",), False)

CODES = sorted(
    value
    for name, value in vars(field_of_study).items()
    if isinstance(value, str) and value.startswith("education.field.")
)


def judge(
    field: str, requirement: EducationRequirement = SEED, policy: Policy = DEFAULT_POLICY
) -> FieldJudgement:
    return judge_field(field, requirement, policy)


@pytest.mark.parametrize(
    ("field", "listed"),
    [
        ("Lic. en Sociologia", "Sociología"),
        ("Licenciado en Derecho", "Derecho"),
        ("Abogada", "Derecho"),
        ("CIENCIAS POLITICAS", "Ciencia Política"),
        ("Politología", "Ciencia Política"),
        ("Lic. en Admon. Pública", "Administración Pública"),
        ("Gestión Pública", "Administración Pública"),
        ("Economista", "Economía"),
        ("Pedagoga", "Pedagogía"),
    ],
)
def test_a_listed_field_however_written_passes(field: str, listed: str) -> None:
    judgement = judge(field)
    assert (judgement.outcome, judgement.reason.code, judgement.listed) == (
        Outcome.PASS,
        "education.field.listed",
        listed,
    )


@pytest.mark.parametrize(
    ("field", "listed"),
    [
        ("Ciencias Políticas y Administración Pública", "Ciencia Política"),
        ("Lic. en Economía y Finanzas", "Economía"),
        ("Sociología / Antropología", "Sociología"),
    ],
)
def test_a_compound_name_containing_a_listed_field_passes(field: str, listed: str) -> None:
    judgement = judge(field)
    assert (judgement.outcome, judgement.reason.code, judgement.listed) == (
        Outcome.PASS,
        "education.field.compound",
        listed,
    )


def test_a_compound_passes_even_without_equivalents() -> None:
    assert judge("Derecho y Criminología", LAW_ONLY).outcome is Outcome.PASS


def test_a_veterinary_degree_is_not_medicine() -> None:
    judgement = judge("Medicina Veterinaria y Zootecnia", MEDICINE_ONLY)
    assert (judgement.outcome, judgement.reason.code) == (Outcome.FAIL, "education.field.not_listed")


def test_a_specialisation_of_a_listed_field_in_its_detailed_field_passes_without_equivalents() -> None:
    judgement = judge("Lic. en Derecho Fiscal", LAW_ONLY)
    assert (judgement.outcome, judgement.reason.code) == (Outcome.PASS, "education.field.specialisation")
    assert judgement.reason.params["found_code"] == "0421"


def test_an_unknown_narrowing_of_a_listed_field_is_reviewed_without_equivalents() -> None:
    judgement = judge("Derecho Burocrático", LAW_ONLY)
    assert (judgement.outcome, judgement.reason.code, judgement.listed) == (
        Outcome.REVIEW,
        "education.field.unknown",
        "Derecho",
    )


@pytest.mark.parametrize(
    ("field", "listed", "found_code"),
    [
        ("Relaciones Internacionales", "Ciencia Política", "0312"),
        ("Ciencias de la Educación", "Pedagogía", "0111"),
        ("Antropología Social", "Sociología", "0314"),
        ("Administración de Empresas", "Administración Pública", "0413"),
        ("Contaduría Pública", "Administración Pública", "0411"),
    ],
)
def test_the_same_detailed_or_narrow_field_passes_as_equivalent(
    field: str, listed: str, found_code: str
) -> None:
    judgement = judge(field)
    assert (judgement.outcome, judgement.reason.code, judgement.listed) == (
        Outcome.PASS,
        "education.field.equivalent",
        listed,
    )
    assert judgement.evidence is not None
    taxonomy = judgement.evidence["taxonomy"]
    assert taxonomy["found"] == found_code
    assert taxonomy["listed"][:3] == found_code[:3]


def test_equivalence_evidence_names_codes_campo_and_taxonomy_version() -> None:
    judgement = judge("Relaciones Internacionales")
    assert judgement.evidence is not None
    taxonomy = judgement.evidence["taxonomy"]
    assert (taxonomy["found"], taxonomy["listed"], taxonomy["campo_amplio"]) == ("0312", "0312", "03")
    assert re.fullmatch(r"[0-9a-f]{12}", taxonomy["version"])
    assert judgement.reason.params == {
        "found": "Relaciones Internacionales",
        "found_code": "0312",
        "listed": "Ciencia Política",
        "listed_code": "0312",
    }


def test_the_same_campo_amplio_only_is_reviewed() -> None:
    judgement = judge("Periodismo")
    assert (judgement.outcome, judgement.reason.code) == (Outcome.REVIEW, "education.field.same_broad_field")
    assert judgement.reason.params["campo_amplio"] == "03"


def test_law_shares_campo_03_with_the_social_sciences_as_cmpe_places_it() -> None:
    requirement = EducationRequirement(Level.LICENCIATURA, Status.TITULO, ("Sociología",), True)
    judgement = judge("Derecho", requirement)
    assert (judgement.outcome, judgement.reason.code) == (Outcome.REVIEW, "education.field.same_broad_field")


@pytest.mark.parametrize("field", ["Medicina", "Ingeniería Civil", "Historia", "Biología", "Gastronomía"])
def test_another_campo_amplio_fails_and_the_reason_names_every_listed_field(field: str) -> None:
    judgement = judge(field)
    assert (judgement.outcome, judgement.reason.code) == (Outcome.FAIL, "education.field.other_broad_field")
    assert judgement.reason.params["fields"] == list(SEED.fields)


@pytest.mark.parametrize(
    "field", ["Criminología", "Criminalística", "Estudios Latinoamericanos", "Humanidades"]
)
def test_a_name_the_taxonomy_does_not_know_is_reviewed(field: str) -> None:
    judgement = judge(field)
    assert (judgement.outcome, judgement.reason.code, judgement.listed) == (
        Outcome.REVIEW,
        "education.field.unknown",
        None,
    )


def test_a_listed_field_the_taxonomy_does_not_know_is_reviewed() -> None:
    requirement = EducationRequirement(Level.LICENCIATURA, Status.TITULO, ("Criminalística",), True)
    judgement = judge("Derecho", requirement)
    assert (judgement.outcome, judgement.reason.code) == (Outcome.REVIEW, "education.field.listed_unknown")


def test_a_medium_row_without_known_alternatives_never_fails_on_its_own() -> None:
    judgement = judge("Animación", LAW_OR_EQUIVALENT)
    assert (judgement.outcome, judgement.reason.code) == (
        Outcome.REVIEW,
        "education.field.uncertain_placement",
    )
    assert judgement.reason.params["program"] == "Animación"


def test_a_medium_row_whose_other_placement_shares_the_campo_is_reviewed() -> None:
    # Educación Física is 0114 (campo 01); some programs of that name are sports (1014, campo 10).
    judgement = judge("Educación Física", TOURISM_OR_EQUIVALENT)
    assert (judgement.outcome, judgement.reason.code) == (
        Outcome.REVIEW,
        "education.field.uncertain_placement",
    )


def test_geography_is_reviewed_for_social_sciences_as_human_geography_sits_there() -> None:
    judgement = judge("Lic. en Geografía")
    assert (judgement.outcome, judgement.reason.code) == (
        Outcome.REVIEW,
        "education.field.uncertain_placement",
    )


def test_a_medium_row_whose_every_placement_is_elsewhere_fails() -> None:
    # Diseño Gráfico is 0211 or 0212: campo 02 either way, never 03.
    judgement = judge("Diseño Gráfico", LAW_OR_EQUIVALENT)
    assert (judgement.outcome, judgement.reason.code) == (Outcome.FAIL, "education.field.other_broad_field")


def test_an_unverified_campo_amplio_never_fails() -> None:
    judgement = judge("Trabajo Social", LAW_OR_EQUIVALENT)
    assert (judgement.outcome, judgement.reason.code) == (
        Outcome.REVIEW,
        "education.field.uncertain_placement",
    )


@pytest.mark.parametrize(
    "field", ["Música", "Arquitectura", "Odontología", "Historia", "Filosofía", "Ingeniería Química"]
)
def test_a_listed_field_of_uncertain_placement_leaves_unrelated_fields_their_verdict(field: str) -> None:
    # Trabajo Social's campo amplio is not verified: it must not turn these fails into reviews.
    with_social_work = replace(SEED, fields=(*SEED.fields, "Trabajo Social"))
    with_it, without = judge(field, with_social_work), judge(field, SEED)
    assert (with_it.outcome, with_it.reason.code, with_it.listed) == (
        without.outcome,
        without.reason.code,
        without.listed,
    )
    assert with_it.outcome is Outcome.FAIL


def test_a_listed_medium_field_reviews_the_fields_sharing_a_narrow_field_of_its_placements() -> None:
    # Ciencias de la Comunicación is 0321, and some programs of that name are advertising (0414).
    communication = EducationRequirement(
        Level.LICENCIATURA, Status.TITULO, ("Ciencias de la Comunicación",), True
    )
    judgement = judge("Mercadotecnia", communication)
    assert (judgement.outcome, judgement.reason.code) == (
        Outcome.REVIEW,
        "education.field.uncertain_placement",
    )
    assert judgement.reason.params["program"] == "Ciencias de la Comunicación"
    assert judge("Odontología", communication).outcome is Outcome.FAIL


def test_when_no_listed_placement_decides_a_person_does() -> None:
    social_work = EducationRequirement(Level.LICENCIATURA, Status.TITULO, ("Trabajo Social",), True)
    judgement = judge("Música", social_work)
    assert (judgement.outcome, judgement.reason.code) == (
        Outcome.REVIEW,
        "education.field.uncertain_placement",
    )


def test_a_misspelt_listed_field_passes_and_says_how_it_was_read() -> None:
    judgement = judge("Adminstracion Publica")
    assert (judgement.outcome, judgement.reason.code) == (Outcome.PASS, "education.field.spelling")
    assert judgement.reason.params["read_as"] == "Administración Pública"


def test_a_misspelt_name_read_as_another_campo_is_reviewed_not_failed() -> None:
    judgement = judge("Medicna Veterinaria")
    assert (judgement.outcome, judgement.reason.code) == (
        Outcome.REVIEW,
        "education.field.uncertain_placement",
    )
    assert judgement.evidence is not None and "spelling" in judgement.evidence


def test_the_best_outcome_over_every_listed_field_is_kept() -> None:
    # Contaduría is another campo than Ciencia Política, but the same narrow field as Administración Pública.
    judgement = judge("Contaduría Pública")
    assert (judgement.outcome, judgement.listed) == (Outcome.PASS, "Administración Pública")


@pytest.mark.parametrize("field", ["Ciencias Políticas", "Relaciones Internacionales", "Criminología"])
def test_without_equivalents_only_listed_fields_pass(field: str) -> None:
    judgement = judge(field, LAW_ONLY)
    assert (judgement.outcome, judgement.reason.code) == (Outcome.FAIL, "education.field.not_listed")
    assert judgement.reason.params["fields"] == ["Derecho"]


@pytest.mark.parametrize(
    ("knob", "field", "requirement", "outcome"),
    [
        ("equivalent_narrow_field", "Relaciones Internacionales", SEED, Outcome.REVIEW),
        ("equivalent_broad_field", "Periodismo", SEED, Outcome.FAIL),
        ("unknown_field", "Criminología", SEED, Outcome.FAIL),
        ("uncertain_placement", "Animación", LAW_OR_EQUIVALENT, Outcome.FAIL),
    ],
)
def test_each_policy_knob_sets_its_outcome(
    knob: str, field: str, requirement: EducationRequirement, outcome: Outcome
) -> None:
    policy = replace(DEFAULT_POLICY, **{knob: outcome})
    assert judge(field, requirement, policy).outcome is outcome


@pytest.mark.parametrize(("requirement", "outcome"), [(SEED, Outcome.REVIEW), (LAW_ONLY, Outcome.FAIL)])
def test_a_missing_field_is_said_so(requirement: EducationRequirement, outcome: Outcome) -> None:
    judgement = judge("  ", requirement)
    assert (judgement.outcome, judgement.reason.code) == (outcome, "education.field.missing")


def test_a_profile_listing_no_field_accepts_any() -> None:
    requirement = EducationRequirement(Level.LICENCIATURA, Status.TITULO, (), False)
    assert judge("Gastronomía", requirement).reason.code == "education.field.none_listed"


def test_judgements_are_memoised_per_field_requirement_and_policy() -> None:
    first = judge("Lic. en Ciencias Políticas")
    assert judge("Lic. en Ciencias Políticas") is first
    assert judge("Lic. en Ciencias Políticas", LAW_OR_EQUIVALENT) is not first


@pytest.mark.parametrize("code", CODES)
def test_every_reason_is_registered_and_translated_to_spanish_with_the_same_placeholders(code: str) -> None:
    english = MESSAGES[code]
    spanish = translations("es").gettext(english)
    assert spanish != english
    assert sorted(re.findall(r"%\((\w+)\)s", spanish)) == sorted(re.findall(r"%\((\w+)\)s", english))


def _quality() -> tuple[dict[str, EducationRequirement], list[dict[str, Any]]]:
    data = yaml.safe_load(QUALITY_FILE.read_text(encoding="utf-8"))
    requirements = {
        name: EducationRequirement(
            Level.LICENCIATURA, Status.TITULO, tuple(spec["fields"]), bool(spec["accepts_equivalents"])
        )
        for name, spec in data["requirements"].items()
    }
    return requirements, data["cases"]


REQUIREMENTS, CASES = _quality()


def test_the_quality_set_is_well_formed() -> None:
    assert len(CASES) >= 150
    for case in CASES:
        assert set(case) == {"field", "requirement", "expected"}
        assert case["requirement"] in REQUIREMENTS
        assert case["expected"] in ("pass", "review", "fail")
    assert any(not r.accepts_equivalents for r in REQUIREMENTS.values())


def test_no_field_a_reviewer_passes_is_rejected() -> None:
    rejected = [
        case["field"]
        for case in CASES
        if case["expected"] == "pass"
        and judge(case["field"], REQUIREMENTS[case["requirement"]]).outcome is Outcome.FAIL
    ]
    assert rejected == []


def test_at_least_nine_in_ten_of_the_reviewer_passes_are_judged_pass() -> None:
    passes = [case for case in CASES if case["expected"] == "pass"]
    judged = [
        case
        for case in passes
        if judge(case["field"], REQUIREMENTS[case["requirement"]]).outcome is Outcome.PASS
    ]
    assert len(judged) >= 0.9 * len(passes)


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['requirement']}:{case['field']}")
def test_every_quality_reason_renders_in_spanish_and_english(case: dict[str, Any]) -> None:
    judgement = judge(case["field"], REQUIREMENTS[case["requirement"]])
    for lang in ("es", "en"):
        assert "%(" not in message(judgement.reason.code, judgement.reason.params, lang)


@given(st.text(max_size=60), st.sampled_from([SEED, LAW_ONLY, LAW_OR_EQUIVALENT]))
def test_any_field_text_gets_a_registered_reason(field: str, requirement: EducationRequirement) -> None:
    judgement = judge(field, requirement)
    assert judgement.reason.code in CODES
    message(judgement.reason.code, judgement.reason.params, "es")


@given(st.sampled_from([entry.program for entry in entries()]), st.booleans())
def test_a_program_listed_in_a_profile_passes_however_cased(program: str, equivalents: bool) -> None:
    requirement = EducationRequirement(
        Level.LICENCIATURA, Status.TITULO, ("Gastronomía", program), equivalents
    )
    assert judge(program.upper(), requirement).outcome is Outcome.PASS


_MEDIUM = sorted(e.program for e in entries() if e.confidence == "medium")
_BY_PROGRAM = {e.program: e for e in entries()}


def _narrow_fields(program: str) -> frozenset[str]:
    entry = _BY_PROGRAM[program]
    return frozenset({entry.narrow, *(code[:3] for code in entry.alternatives)})


@given(st.sampled_from(_MEDIUM), st.sampled_from(sorted(_BY_PROGRAM)))
def test_a_listed_medium_field_reviews_only_fields_sharing_its_narrow_field(medium: str, field: str) -> None:
    """A listed field of uncertain placement sends a field to review on account of its own placement only when
    that field shares a narrow field with one of its placements; any other verdict is the one the profile
    gives without it, or one its broad field gives (equivalents by campo amplio)."""
    with_it = judge(field, replace(SEED, fields=(*SEED.fields, medium)))
    if (
        with_it.reason.code == "education.field.uncertain_placement"
        and with_it.reason.params.get("program") == _BY_PROGRAM[medium].program
        and with_it.listed == medium
    ):
        assert _narrow_fields(medium) & _narrow_fields(field)
