"""Plurals through ngettext: "1 año", "2 años", "Se cumple 1 de 7 elementos", never "1 años"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rules.shortfall import ExperienceShortfall, Shortfall


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("es", "1", "1 año"),
        ("es", "2", "2 años"),
        ("es", "1.5", "1.5 años"),
        ("en", "1", "1 year"),
        ("en", "0", "0 years"),
    ],
)
def test_years_agree_with_their_number(app: Any, lang: str, value: str, expected: str) -> None:
    from screening.web.results import years_text

    with app.test_request_context(f"/?lang={lang}"):
        assert years_text(value) == expected


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (1, "te falta 1 mes de experiencia en las áreas del puesto"),
        (7, "te faltan 7 meses de experiencia en las áreas del puesto"),
        (12, "te falta 1 año de experiencia en las áreas del puesto"),
        (24, "te faltan 2 años de experiencia en las áreas del puesto"),
    ],
)
def test_what_is_still_needed_agrees_with_its_number(app: Any, months: int, expected: str) -> None:
    from screening.web.results import need_lines

    with app.test_request_context("/"):
        [line] = need_lines(
            Shortfall(experience=ExperienceShortfall(days=months * 30, months=months, met_on=None))
        )
    assert line == expected


def test_the_day_it_will_be_met_is_written_in_words(app: Any) -> None:
    from screening.web.results import need_lines

    gap = Shortfall(experience=ExperienceShortfall(days=210, months=7, met_on=date(2027, 5, 30)))
    with app.test_request_context("/"):
        [line] = need_lines(gap)
    assert line == (
        "te faltan 7 meses de experiencia en las áreas del puesto; con tu empleo actual los cumplirás el "
        "30 de mayo de 2027"
    )
    with app.test_request_context("/?lang=en"):
        [english] = need_lines(gap)
    assert english.endswith("with your current job you will reach it on May 30, 2027")


def test_desirable_summary_agrees_with_the_number_met(app: Any) -> None:
    from flask_babel import ngettext

    with app.test_request_context("/"):
        one = ngettext(
            "%(num)s of %(total)s desirable item met", "%(num)s of %(total)s desirable items met", 1, total=7
        )
        three = ngettext(
            "%(num)s of %(total)s desirable item met", "%(num)s of %(total)s desirable items met", 3, total=7
        )
    assert (one, three) == ("Se cumple 1 de 7 elementos deseables", "Se cumplen 3 de 7 elementos deseables")
