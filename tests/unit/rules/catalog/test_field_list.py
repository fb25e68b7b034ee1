"""Formación Profesional texts split into field names, and the markers that accept equivalents."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.catalog import split_field_list


@pytest.mark.parametrize(
    ("text", "fields", "equivalents"),
    [
        (
            "Ciencia Política, Administración Pública, Derecho, Sociología, Economía, Pedagogía o equivalentes.",
            ("Ciencia Política", "Administración Pública", "Derecho", "Sociología", "Economía", "Pedagogía"),
            True,
        ),
        ("Contaduría, Administración o Economía", ("Contaduría", "Administración", "Economía"), False),
        ("Contaduría, Administración y Economía.", ("Contaduría", "Administración", "Economía"), False),
        (
            "Ciencias Políticas y Administración Pública",
            ("Ciencias Políticas y Administración Pública",),
            False,
        ),
        (
            "Ciencias Políticas y Administración Pública, Derecho o afines.",
            ("Ciencias Políticas y Administración Pública", "Derecho"),
            True,
        ),
        ("Derecho o Ciencia Política", ("Derecho", "Ciencia Política"), False),
        ("Informática, Computación o carreras afines", ("Informática", "Computación"), True),
        ("Comunicación u otras equivalentes.", ("Comunicación",), True),
        ("Geografía o área afín", ("Geografía",), True),
        ("Derecho o afín", ("Derecho",), True),
        ("Derecho, Economía, o equivalentes", ("Derecho", "Economía"), True),
        ("Administración de Empresas o de Negocios", ("Administración de Empresas o de Negocios",), False),
        (
            "Derecho; Ciencias de la Comunicación y de la Información",
            ("Derecho", "Ciencias de la Comunicación y de la Información"),
            False,
        ),
        (
            "Ingeniería (Sistemas, Computación), Actuaría",
            ("Ingeniería (Sistemas, Computación)", "Actuaría"),
            False,
        ),
        ("No aplica", (), False),
        ("Indistinta.", (), False),
        ("", (), False),
    ],
)
def test_split_field_list(text: str, fields: tuple[str, ...], equivalents: bool) -> None:
    assert split_field_list(text) == (fields, equivalents)


def test_field_names_keep_no_trailing_period() -> None:
    fields, _ = split_field_list("Derecho., Economía.")
    assert fields == ("Derecho", "Economía")


@given(st.text(max_size=200))
def test_split_field_list_gives_clean_names_for_any_text(text: str) -> None:
    fields, equivalents = split_field_list(text)
    assert isinstance(equivalents, bool)
    assert all(name and name == name.strip() and not name.endswith(".") for name in fields)
