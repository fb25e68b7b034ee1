"""Reading CSV files: encoding cascade, delimiters, header aliases, row mapping, hostile input (T7, T8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.bulk.headers import classify_header, map_columns, normalise_header
from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.readers import open_table
from screening.bulk.rows import parse_date_cell, parse_number, row_to_candidate
from tests.app.bulk.conftest import HEADER, ROWS, csv_bytes

LIMITS = BulkLimits()


def read_all(path: Path, limits: BulkLimits = LIMITS) -> tuple[object, list[object]]:
    with open_table(path, limits) as table:
        return table.info, list(table)


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8 (BOM)"), ("cp1252", "cp1252")],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_encoding_and_delimiter_reads_spanish_names(
    tmp_path: Path, encoding: str, reported: str, delimiter: str
) -> None:
    path = tmp_path / "aspirantes.csv"
    path.write_bytes(csv_bytes(HEADER, ROWS, encoding=encoding, delimiter=delimiter))
    info, rows = read_all(path)
    assert (info.encoding, info.delimiter, rows[5].cells[0]) == (reported, delimiter, "José Núñez Peña ¿?")


def test_cp1252_of_two_thousand_lines_is_not_read_as_cp1250(tmp_path: Path) -> None:
    # RELIABILITY 1.1: free detectors chose cp1250 at this size; the cascade never guesses.
    path = tmp_path / "largo.csv"
    path.write_bytes(csv_bytes(HEADER, [ROWS[5]] * 2000, encoding="cp1252", delimiter=";"))
    info, rows = read_all(path)
    assert (info.encoding, rows[-1].cells[0]) == ("cp1252", "José Núñez Peña ¿?")


def test_bom_is_not_glued_to_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(csv_bytes(HEADER, ROWS[:1], encoding="utf-8-sig"))
    with open_table(path, LIMITS) as table:
        assert table.read_header().columns[0].header == "Folio"


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Folio", ("folio",)),
        ("FOLIO", ("folio",)),
        ("nivel", ("degree", 0, "level")),
        ("Nivel de Instrucción", ("degree", 0, "level")),
        ("level", ("degree", 0, "level")),
        ("Grado de avance", ("degree", 0, "status")),
        ("ESTATUS", ("degree", 0, "status")),
        ("status", ("degree", 0, "status")),
        ("Carrera", ("degree", 0, "field")),
        ("Formación", ("degree", 0, "field")),
        ("field", ("degree", 0, "field")),
        ("nivel_2", ("degree", 1, "level")),
        ("Carrera 3", ("degree", 2, "field")),
        ("Años de experiencia", ("summary", "years")),
        ("Año de experiencia", ("summary", "years")),
        ("ANOS_EXPERIENCIA", ("summary", "years")),
        ("years", ("summary", "years")),
        ("Área de experiencia", ("summary", "area")),
        ("AREA_EXPERIENCIA", ("summary", "area")),
        ("area", ("summary", "area")),
        ("puesto_1", ("job", 0, "title")),
        ("area_1", ("job", 0, "area")),
        ("Inicio_2", ("job", 1, "start")),
        ("fin 2", ("job", 1, "end")),
        ("horas_2", ("job", 1, "hours")),
        ("Conocimientos", ("knowledge",)),
        ("Habilidades", ("skills",)),
        ("Competencias", ("competencies",)),
        ("Sexo", ("gender",)),
        ("Género", ("gender",)),
        ("Nombre completo", None),
        ("CURP", None),
        ("nivel_0", None),
    ],
)
def test_header_aliases(header: str, target: tuple[object, ...] | None) -> None:
    assert classify_header(header) == target


def test_header_normalisation_ignores_case_accents_spaces_and_underscores() -> None:
    assert normalise_header("  Área_de   EXPERIENCIA ") == normalise_header("area experiencia")


def test_missing_required_columns_fail_at_once_listing_found_and_expected() -> None:
    with pytest.raises(BulkFileError) as caught:
        map_columns(["Folio", "Nivel", "Nombre"], 500)
    message = caught.value.message
    assert "grado de avance" in message and "carrera" in message and "'Nombre'" in message


def test_two_columns_with_one_meaning_are_refused() -> None:
    with pytest.raises(BulkFileError, match=r"both mean degrees\[0\]\.level"):
        map_columns(["nivel", "Nivel de instrucción", "estatus", "carrera", "años", "área"], 500)


def test_unknown_columns_are_listed_as_ignored(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_bytes(csv_bytes(["Nombre", *HEADER, "Correo"], [["Ana", *ROWS[0], "ana@example.mx"]]))
    info, _ = read_all(path)
    assert info.columns.ignored == ("Nombre", "Correo")


def test_delimiter_falls_back_to_the_one_giving_most_known_columns(tmp_path: Path) -> None:
    # Commas inside unquoted Spanish text make the sniffer's job hard; the header decides.
    path = tmp_path / "texto.csv"
    lines = [
        "folio;nivel;estatus;carrera;años;área",
        "A-1;Licenciatura;Título;Derecho;2;Planeación, elaboración",
    ]
    path.write_text("\r\n".join(lines), encoding="utf-8")
    info, rows = read_all(path)
    assert (info.delimiter, rows[0].cells[5]) == (";", "Planeación, elaboración")


def test_a_title_row_with_commas_above_the_headers_does_not_choose_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "convocatoria.csv"
    lines = [
        "Convocatoria 2026, aspirantes al puesto, primera etapa",
        "",
        ";".join(HEADER),
        ";".join(ROWS[0]),
    ]
    path.write_text("\r\n".join(lines), encoding="utf-8")
    with open_table(path, BulkLimits(), header_row=3) as table:
        rows = list(table)
        assert table.info.delimiter == ";"
        assert table.info.headers == HEADER
    assert [row.cells[0] for row in rows] == ["A-0001"] and rows[0].number == 1


def test_without_header_row_a_title_row_is_read_as_the_header_and_refused(tmp_path: Path) -> None:
    path = tmp_path / "convocatoria.csv"
    path.write_text("\r\n".join(["Convocatoria 2026", ";".join(HEADER), ";".join(ROWS[0])]), encoding="utf-8")
    with pytest.raises(BulkFileError, match="missing columns"), open_table(path, BulkLimits()) as table:
        table.read_header()


def test_trailing_empty_rows_and_columns_are_ignored_but_inner_empty_rows_are_invalid(tmp_path: Path) -> None:
    path = tmp_path / "vacias.csv"
    body = "folio,nivel,estatus,carrera,años,área,,\r\nA-1,Lic.,Título,Derecho,2,Campo,,\r\n,,,,,,,\r\n"
    body += "A-2,Lic.,Título,Derecho,3,Campo,,\r\n\r\n,,,\r\n\r\n"
    path.write_text(body, encoding="utf-8")
    _, rows = read_all(path)
    assert [(row.number, row.error is not None) for row in rows] == [(1, False), (2, True), (3, False)]


def test_value_in_a_column_without_header_makes_the_row_invalid(tmp_path: Path) -> None:
    path = tmp_path / "sin_encabezado.csv"
    path.write_text("folio,nivel,estatus,carrera,años,área\r\nA-1,Lic.,Título,Derecho,2,Campo,perdido\r\n")
    _, rows = read_all(path)
    assert "column 7 (no header)" in str(rows[0].error)


@pytest.mark.parametrize(
    ("text", "value"), [("3", 3), ("2,5", "2.5"), ("2.5", "2.5"), ("0", 0), ("tres", None)]
)
def test_numbers_accept_decimal_commas(text: str, value: object) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021-03", "2021-03"),
        ("15/03/2021", "2021-03-15"),
        ("03/2021", "2021-03"),
        ("2021/3/5", "2021-03-05"),
        ("", None),
        ("Actual", None),
        ("a la fecha", None),
        ("31/02/2021", "31/02/2021"),
        ("marzo", "marzo"),
    ],
)
def test_job_dates_are_read_day_first(text: str, iso: str | None) -> None:
    assert parse_date_cell(text) == iso


def test_row_becomes_candidate_json_with_several_degrees_and_jobs() -> None:
    header = [
        "folio",
        "nivel",
        "estatus",
        "carrera",
        "nivel_2",
        "estatus_2",
        "carrera_2",
        "puesto_1",
        "area_1",
        "inicio_1",
        "fin_1",
        "horas_1",
        "puesto_2",
        "area_2",
        "inicio_2",
        "fin_2",
        "horas_2",
        "conocimientos",
        "habilidades",
        "competencias",
        "sexo",
    ]
    row = [
        "A-7",
        "Licenciatura",
        "Titulada",
        "Derecho",
        "Maestría",
        "En curso",
        "Ciencia Política",
        "Analista",
        "Atención ciudadana",
        "01/03/2020",
        "2021-12",
        "40",
        "Jefa",
        "Evaluación de proyectos",
        "2022-01",
        "actual",
        "20",
        "Normativa electoral; Transparencia",
        "Ética y valores",
        "Planeación y estrategia: 4; Vinculación: 3",
        "Mujer",
    ]
    mapped = row_to_candidate(row, map_columns(header, 500))
    assert mapped.candidate == {
        "folio": "A-7",
        "degrees": [
            {"level": "Licenciatura", "status": "Titulada", "field": "Derecho"},
            {"level": "Maestría", "status": "En curso", "field": "Ciencia Política"},
        ],
        "jobs": [
            {
                "title": "Analista",
                "area": "Atención ciudadana",
                "start": "2020-03-01",
                "end": "2021-12",
                "hours_per_week": 40,
            },
            {
                "title": "Jefa",
                "area": "Evaluación de proyectos",
                "start": "2022-01",
                "end": None,
                "hours_per_week": 20,
            },
        ],
        "knowledge": ["Normativa electoral", "Transparencia"],
        "skills": ["Ética y valores"],
        "competencies": {"Planeación y estrategia": 4, "Vinculación": 3},
    }


def test_gender_never_reaches_the_candidate() -> None:
    mapped = row_to_candidate(ROWS[0], map_columns(HEADER, 500))
    assert (mapped.gender, "gender" in str(mapped.candidate), "Mujer" in str(mapped.candidate)) == (
        "mujer",
        False,
        False,
    )


def test_competencies_without_grade_are_a_problem_naming_the_column() -> None:
    header = ["folio", "nivel", "estatus", "carrera", "años", "área", "competencias"]
    mapped = row_to_candidate(
        ["A", "Lic.", "Título", "Derecho", "2", "x", "Vinculación"], map_columns(header, 500)
    )
    assert [problem.path for problem in mapped.problems] == ["competencies"]


# --- hostile CSV (T8) ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\r\n\r\n,,,\r\n", "no header row"),
        (b"folio,nivel\x00,estatus\r\n", "NUL byte at offset 11"),
        (bytes(range(256)) * 40, "binary file, not CSV"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100 + b"folio", "control bytes"),
        (b"folio,nivel\r\n\x81\x8d", "neither UTF-8 nor Windows-1252"),
        (b"\xff\xfef\x00o\x00", "UTF-16"),
        (b"Nombre,Correo\r\nAna,ana@example.mx\r\n", "missing columns"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel 97-2003"),
    ],
)
def test_hostile_csv_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "hostil.csv"
    path.write_bytes(content)
    with pytest.raises(BulkFileError, match=message):
        read_all(path)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "grande.csv"
    path.write_bytes(csv_bytes(HEADER, ROWS * 100))
    with pytest.raises(BulkFileError) as caught:
        read_all(path, BulkLimits(max_file_bytes=1000))
    assert caught.value.too_large


def test_a_ten_megabyte_cell_makes_its_row_invalid_and_the_next_rows_survive(tmp_path: Path) -> None:
    path = tmp_path / "celda.csv"
    giant = "x" * (10 * 1024 * 1024)
    path.write_bytes(csv_bytes(HEADER, [ROWS[0], [giant, *ROWS[1][1:]], ROWS[2]]))
    _, rows = read_all(path)
    assert [row.error is None for row in rows] == [True, False, True]
    assert "longer than 100,000 characters" in str(rows[1].error)


def test_unterminated_quote_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "comillas.csv"
    path.write_bytes(csv_bytes(HEADER, ROWS[:2]) + b'A-9,"Licenciatura,Titulada\r\nA-10,Lic.\r\n')
    _, rows = read_all(path)
    assert len(rows) == 3


def test_ten_thousand_columns_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ancho.csv"
    header = HEADER + [f"columna {n}" for n in range(10_000)]
    path.write_bytes(csv_bytes(header, [ROWS[0] + ["x"] * 10_000]))
    with pytest.raises(BulkFileError, match="header row has 10,007 columns; accepted: at most 500 columns"):
        read_all(path)


def test_a_row_wider_than_the_limit_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "fila_ancha.csv"
    path.write_bytes(csv_bytes(HEADER, [ROWS[0] + ["x"] * 10_000, ROWS[1]]))
    _, rows = read_all(path)
    assert [row.error is None for row in rows] == [False, True]


@pytest.mark.parametrize(
    ("cell", "group"),
    [
        ("Mujer", "mujer"),
        ("FEMENINO", "mujer"),
        ("Hombre", "hombre"),
        ("male", "hombre"),
        ("No binario", "no binario"),
        ("non-binary", "no binario"),
        ("", "sin dato"),
        (None, "sin dato"),
        ("M", "m"),
        ("H", "h"),
        ("Ana María Pérez", "otro"),
    ],
)
def test_gender_groups_keep_no_free_text(cell: str | None, group: str) -> None:
    from screening.bulk.rows import gender_group

    assert gender_group(cell) == group
