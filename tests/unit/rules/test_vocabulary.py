from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.errors import VocabularyError
from rules.vocabulary import Level, Status, fold, parse_level, parse_status


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("LICENCIATURA", Level.LICENCIATURA),
        ("licenciatura ", Level.LICENCIATURA),
        ("Lic.", Level.LICENCIATURA),
        ("Licenciada", Level.LICENCIATURA),
        ("Ing.", Level.LICENCIATURA),
        ("Ingeniería", Level.LICENCIATURA),
        ("Maestría", Level.MAESTRIA),
        ("MAESTRIA", Level.MAESTRIA),
        ("Mtría.", Level.MAESTRIA),
        ("M. en", Level.MAESTRIA),
        ("Maestría en Ciencias Sociales", Level.MAESTRIA),
        ("Dr.", Level.DOCTORADO),
        ("Dra.", Level.DOCTORADO),
        ("Doctorado", Level.DOCTORADO),
        ("Especialidad", Level.ESPECIALIDAD),
        ("TSU", Level.TSU),
        ("Técnico Superior Universitario", Level.TSU),
        ("Preparatoria", Level.BACHILLERATO),
        ("Media superior", Level.BACHILLERATO),
        ("Profesional técnico", Level.BACHILLERATO),
        ("Secundaria", Level.SECUNDARIA),
        ("Primaria", Level.PRIMARIA),
        ("Bachelor's degree", Level.LICENCIATURA),
        ("Master", Level.MAESTRIA),
    ],
)
def test_level_aliases(text: str, level: Level) -> None:
    assert parse_level(text) is level


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Titulado", Status.TITULO),
        ("Titulada", Status.TITULO),
        ("TÍTULO", Status.TITULO),
        ("Grado", Status.TITULO),
        ("Cédula profesional", Status.CEDULA),
        ("cedula", Status.CEDULA),
        ("Pasante", Status.PASANTE),
        ("100 % de créditos", Status.PASANTE),
        ("Certificado de estudios", Status.PASANTE),
        ("Terminada", Status.PASANTE),
        ("En curso", Status.CURSANDO),
        ("Estudiante", Status.CURSANDO),
        ("Trunca", Status.TRUNCA),
        ("Inconclusa", Status.TRUNCA),
        ("Título en trámite", Status.TITULO_EN_TRAMITE),
        ("En trámite de titulación", Status.TITULO_EN_TRAMITE),
        ("EN PROCESO DE TITULACIÓN", Status.TITULO_EN_TRAMITE),
        ("Pasante, en trámite de título", Status.TITULO_EN_TRAMITE),
    ],
)
def test_status_aliases(text: str, status: Status) -> None:
    assert parse_status(text) is status


@pytest.mark.parametrize("text", ["Kinder", "Guardería", "", "Licenciatura Maestría", "Bachiller en"])
def test_unknown_level_is_invalid_not_a_guess(text: str) -> None:
    with pytest.raises(VocabularyError) as caught:
        parse_level(text)
    assert "Licenciatura" in caught.value.accepted


@pytest.mark.parametrize("text", ["más o menos", "casi", "Kinder"])
def test_unknown_status_is_invalid(text: str) -> None:
    with pytest.raises(VocabularyError):
        parse_status(text)


def test_status_order_puts_trunca_with_cursando_below_pasante() -> None:
    assert (
        Status.CURSANDO.rank
        == Status.TRUNCA.rank
        < Status.PASANTE.rank
        < Status.TITULO.rank
        < Status.CEDULA.rank
    )


def test_levels_are_ordinal() -> None:
    assert (
        Level.BACHILLERATO
        < Level.TSU
        < Level.LICENCIATURA
        < Level.ESPECIALIDAD
        < Level.MAESTRIA
        < Level.DOCTORADO
    )


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.sampled_from([label for level in Level for label in (level.label,)]))
def test_case_and_accents_never_change_a_level(label: str) -> None:
    assert parse_level(label.upper()) is parse_level(fold(label)) is parse_level(label)


def test_title_in_progress_has_no_rank_of_its_own() -> None:
    with pytest.raises(ValueError, match="policy"):
        _ = Status.TITULO_EN_TRAMITE.rank


def test_the_policy_never_places_title_in_progress_on_itself() -> None:
    from rules.policy import Policy

    with pytest.raises(ValueError, match="title_in_progress"):
        Policy(title_in_progress=Status.TITULO_EN_TRAMITE)
    assert Policy.from_dict({"title_in_progress": "titulo"}).title_in_progress is Status.TITULO
