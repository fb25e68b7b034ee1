"""Result files: one row per input row in order (T9), formula-like cells neutralised in every column of CSV and
XLSX (T1), no formula in a written workbook (T2), memoised evaluation and row errors naming the column."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.bulk.limits import BulkLimits
from screening.bulk.screener import screen_file
from screening.bulk.writers import (
    COLUMNS,
    CsvResultWriter,
    XlsxResultWriter,
    neutralise,
)
from tests.app.bulk.conftest import HEADER, ROWS, csv_bytes, write_xlsx

AS_OF = date(2025, 6, 30)
HOSTILE = ["=1+1", "+52 55 1234", "-3", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("http://x","a")']


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def screen(
    tmp_path: Path, rule_set: Any, source: Path, suffix: str = ".csv", **options: Any
) -> tuple[Any, Path]:
    output = tmp_path / f"resultado{suffix}"
    summary = screen_file(source, output, rule_set, as_of=AS_OF, lang="es", limits=BulkLimits(), **options)
    return summary, output


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_is_neutralised(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["A-0001", "Licenciatura", "", 3, None, "José = Núñez"])
def test_other_values_are_unchanged(value: object) -> None:
    assert neutralise(value) == value  # type: ignore[arg-type]


WRITERS = [CsvResultWriter, XlsxResultWriter]

_CELL = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.text(alphabet=st.sampled_from(list("ab ,\"\r\n\t'=é;\u2028")), max_size=6),
    st.sampled_from(["", "pass", "fail", "review"]),
)


def assert_written_as_the_csv_module_writes(tmp_path: Path, rows: list[list[Any]]) -> None:
    import io

    path = tmp_path / "r.csv"
    CsvResultWriter(path).write_all(rows)
    expected = io.StringIO()
    expected.write("\ufeff")
    writer = csv.writer(expected)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    assert path.read_bytes().decode("utf-8") == expected.getvalue()


def test_the_csv_result_tells_apart_cells_that_compare_equal(tmp_path: Path) -> None:
    """1, True and 1.0 are equal in Python and written apart by the csv module: so by the writer too."""
    rows = [
        [n, f"F{n}", "eligible", None, value, *["pass"] * 8, "", None, None]
        for n, value in enumerate([1, True, 1.0, 0, False])
    ]
    assert_written_as_the_csv_module_writes(tmp_path, rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.lists(_CELL, min_size=len(COLUMNS), max_size=len(COLUMNS))
        | st.lists(_CELL, min_size=0, max_size=3),
        max_size=12,
    ),
    repeat=st.booleans(),
)
def test_the_csv_result_has_the_csv_modules_bytes(
    tmp_path: Path, rows: list[list[Any]], repeat: bool
) -> None:
    """The CSV writer keeps the text of each distinct run of cells between folio and id, and quotes the
    cells around it itself: the file is byte for byte what csv.writer writes (rows of another width too)."""
    if repeat:  # rows that read alike: the same middle cells with other numbers, folios and ids
        rows = rows + [[number, f"F,{number}", *row[2:-1], f'"{number}'] for number, row in enumerate(rows)]
        rows = [row for row in rows if len(row) == len(COLUMNS) or len(row) <= 3]
    assert_written_as_the_csv_module_writes(tmp_path, rows)


def read_back(path: Path) -> list[list[object]]:
    if path.suffix == ".csv":
        return [list(row) for row in read_csv(path)]
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("writer", WRITERS)
def test_writers_keep_neutralised_text_as_text(tmp_path: Path, writer: Any) -> None:
    path = tmp_path / ("t1.csv" if writer is CsvResultWriter else "t1.xlsx")
    writer(path).write_all([[neutralise(value)] * len(COLUMNS) for value in HOSTILE])
    rows = read_back(path)
    assert rows[0] == list(COLUMNS)
    assert all(str(cell).startswith("'") for row in rows[1:] for cell in row)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_output_column_is_neutralised(tmp_path: Path, seed_rule_set: Any, suffix: str) -> None:
    # User text reaches folio, reasons (the field's name leads its message) and error (the header leads it).
    header = ["=Folio", "=Nivel", "Grado de avance", "Carrera", "Años de experiencia", "Área de experiencia"]
    rows = [
        ["=cmd|' /C calc'!A0", "Licenciatura", "Titulada", "=1+1", "3", "Atención ciudadana"],
        ["@SUM(1)", "+Kinder", "Titulada", "Derecho", "3", "Atención ciudadana"],
        ["-5", "Licenciatura", "Titulada", "\tDerecho", "3", "\rAtención"],
    ]
    source = tmp_path / "hostil.csv"
    source.write_bytes(csv_bytes(header, rows))
    _, output = screen(tmp_path, seed_rule_set, source, suffix=suffix)
    cells = [cell for row in read_back(output)[1:] for cell in row if isinstance(cell, str)]
    assert cells and not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert any(cell.startswith("'=Nivel (degrees[0].level)") for cell in cells)


def test_csv_result_starts_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    CsvResultWriter(path).write_all([])
    assert path.read_bytes().startswith(b"\xef\xbb\xbfrow,folio,outcome")


@pytest.mark.parametrize("writer", WRITERS)
def test_a_failed_write_leaves_no_file(tmp_path: Path, writer: Any) -> None:
    def rows() -> Any:
        yield [1] + [None] * (len(COLUMNS) - 1)
        raise RuntimeError("lectura interrumpida")

    path = tmp_path / ("roto.csv" if writer is CsvResultWriter else "roto.xlsx")
    with pytest.raises(RuntimeError):
        writer(path).write_all(rows())
    assert not path.exists()


def test_screened_csv_has_one_row_per_input_row_and_neutralised_folio(
    tmp_path: Path, seed_rule_set: Any
) -> None:
    source = tmp_path / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, ROWS, encoding="cp1252", delimiter=";"))
    summary, output = screen(tmp_path, seed_rule_set, source)
    rows = read_csv(output)
    assert rows[0] == list(COLUMNS)
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, len(ROWS) + 1)]
    assert rows[5][1] == "'" + ROWS[4][0] and rows[6][1] == "José Núñez Peña ¿?"
    assert (summary.info.encoding, summary.counts["invalid"]) == ("cp1252", 1)


def test_invalid_row_error_names_the_column_and_the_path(tmp_path: Path, seed_rule_set: Any) -> None:
    source = tmp_path / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, ROWS))
    _, output = screen(tmp_path, seed_rule_set, source)
    row = read_csv(output)[4]
    assert row[2] == "invalid"
    assert row[-2].startswith('Nivel (degrees[0].level): se encontró "Kinder"; se acepta: Primaria, ')


def test_the_error_column_is_written_in_the_batch_language(tmp_path: Path, seed_rule_set: Any) -> None:
    source = tmp_path / "aspirantes.csv"
    body = "folio,nivel,estatus,carrera,años,área\r\nA-1,Kinder,Título,Derecho,2,Campo\r\n,,,,,\r\nA-3,Lic.,Título,Derecho,2,Campo,perdido\r\n"
    source.write_text(body, encoding="utf-8")
    for lang, expected in (
        (
            "es",
            [
                'se encontró "Kinder"; se acepta: ',
                "fila vacía; se acepta:",
                'columna 7 (sin encabezado): se encontró "perdido"',
            ],
        ),
        (
            "en",
            ['found "Kinder"; accepted: ', "empty row; accepted:", 'column 7 (no header): found "perdido"'],
        ),
    ):
        output = tmp_path / f"resultado-{lang}.csv"
        screen_file(source, output, seed_rule_set, as_of=AS_OF, lang=lang, limits=BulkLimits())
        errors = [row[-2] for row in read_csv(output)[1:]]
        assert [part in error for part, error in zip(expected, errors, strict=True)] == [True, True, True]


def test_result_columns_carry_outcomes_and_score(tmp_path: Path, seed_rule_set: Any) -> None:
    source = tmp_path / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, ROWS[:1]))
    _, output = screen(tmp_path, seed_rule_set, source)
    header, row = read_csv(output)
    values = dict(zip(header, row, strict=True))
    assert (values["outcome"], values["education.level"], values["desirable.skills"]) == (
        "eligible",
        "pass",
        "fail",
    )
    assert (values["desirable_score"], values["reasons"], values["evaluation_id"]) == ("0", "", "")


def test_reasons_explain_the_outcome_with_the_mandatory_criteria_only(
    tmp_path: Path, seed_rule_set: Any
) -> None:
    source = tmp_path / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, ROWS[2:3]))
    _, output = screen(tmp_path, seed_rule_set, source)
    header, row = read_csv(output)
    values = dict(zip(header, row, strict=True))
    reasons = values["reasons"].split(" | ")
    assert values["outcome"] == "ineligible" and "Pasante" in reasons[0] and len(reasons) == 2
    assert "deseables" not in values["reasons"]


def test_repeated_rows_are_evaluated_once(tmp_path: Path, seed_rule_set: Any) -> None:
    source = tmp_path / "repetidas.csv"
    rows = [[f"A-{n:04d}", *ROWS[n % 2][1:]] for n in range(300)]
    source.write_bytes(csv_bytes(HEADER, rows))
    summary, _ = screen(tmp_path, seed_rule_set, source)
    assert (summary.rows, summary.distinct) == (300, 2)


def test_xlsx_input_gives_xlsx_output_without_formulas(tmp_path: Path, seed_rule_set: Any) -> None:
    import openpyxl

    source = write_xlsx(tmp_path / "aspirantes.xlsx", HEADER, ROWS)
    summary, output = screen(tmp_path, seed_rule_set, source, suffix=".xlsx")
    sheet = openpyxl.load_workbook(output).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert summary.rows == len(ROWS) and values[5][1] == "'" + ROWS[4][0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_file_with_only_a_header_is_an_error_and_leaves_no_result(
    tmp_path: Path, seed_rule_set: Any
) -> None:
    from screening.bulk.limits import BulkFileError

    source = tmp_path / "vacio.csv"
    source.write_bytes(csv_bytes(HEADER, []))
    with pytest.raises(BulkFileError, match="no candidate rows"):
        screen(tmp_path, seed_rule_set, source)
    assert not (tmp_path / "resultado.csv").exists()


cell_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r;,\"'=+-@ñÑ¿"),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.one_of(
            st.lists(cell_text, min_size=len(HEADER), max_size=len(HEADER)),
            st.sampled_from(ROWS),
            st.just([""] * len(HEADER)),
        ),
        min_size=1,
        max_size=25,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
)
def test_row_count_and_order_are_preserved(
    tmp_path_factory: pytest.TempPathFactory,
    seed_rule_set: Any,
    rows: list[list[str]],
    delimiter: str,
    encoding: str,
) -> None:
    folder = tmp_path_factory.mktemp("t9")
    numbered = [
        [f"F{n}", *row[1:]] if any(cell.strip() for cell in row) else row for n, row in enumerate(rows)
    ]
    source = folder / "aspirantes.csv"
    source.write_bytes(csv_bytes(HEADER, numbered, encoding=encoding, delimiter=delimiter))
    non_empty = [n for n, row in enumerate(numbered) if any(cell.strip() for cell in row)]
    if not non_empty:
        return
    _, output = screen(folder, seed_rule_set, source)
    result = read_csv(output)[1:]
    expected = numbered[: non_empty[-1] + 1]
    assert [row[0] for row in result] == [str(n) for n in range(1, len(expected) + 1)]
    assert [row[1] for row in result] == [row[0] if row[0].startswith("F") else "" for row in expected]
