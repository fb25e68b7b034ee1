"""Fuzzed bulk readers (T18): any bytes, as CSV or as a damaged workbook, give rows or the project's own
BulkFileError, never another exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.readers import open_table
from tests.app.bulk.conftest import HEADER, ROWS, csv_bytes, write_xlsx

LIMITS = BulkLimits(max_field_chars=1000, max_columns=50)
HEAD = csv_bytes(HEADER, [])


def read_or_refuse(path: Path) -> int:
    try:
        with open_table(path, LIMITS) as table:
            return sum(1 for _ in table)
    except BulkFileError as error:
        assert error.message
        return -1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=3000), with_header=st.booleans())
def test_any_bytes_read_as_csv_are_rows_or_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, with_header: bool
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "datos.csv"
    path.write_bytes((HEAD if with_header else b"") + body)
    read_or_refuse(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(
        alphabet=st.characters(exclude_categories=("Cs",), include_characters=';,\t"\r\n'), max_size=2000
    )
)
def test_any_text_after_a_header_is_rows_or_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "texto.csv"
    path.write_bytes(HEAD + text.encode("utf-8"))
    read_or_refuse(path)


@pytest.fixture(scope="module")
def workbook_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_xlsx(tmp_path_factory.mktemp("libro") / "libro.xlsx", HEADER, ROWS).read_bytes()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_workbooks_are_rows_or_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory, workbook_bytes: bytes, data: st.DataObject
) -> None:
    damaged = bytearray(workbook_bytes)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(damaged) // 2, len(damaged)))
    path = tmp_path_factory.mktemp("fuzz") / "danado.xlsx"
    path.write_bytes(bytes(damaged[:cut]))
    read_or_refuse(path)
