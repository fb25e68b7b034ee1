"""Reading XLSX files: inspection before parsing, the parser in a child process, hostile workbooks
(RELIABILITY 1.3, 2.4; T4, T5, T6)."""

from __future__ import annotations

import struct
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.readers import open_table
from screening.bulk.xlsx_inspect import column_number, inspect_xlsx
from tests.app.bulk.conftest import HEADER, ROWS, write_xlsx

LIMITS = BulkLimits()

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Aspirantes" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main">'
)


def inline_row(number: int, values: list[str], with_refs: bool = True) -> str:
    cells = []
    for index, value in enumerate(values):
        ref = f' r="{chr(65 + index)}{number}"' if with_refs else ""
        cells.append(f'<c{ref} t="inlineStr"><is><t>{escape(value)}</t></is></c>')
    row_ref = f' r="{number}"' if with_refs else ""
    return f"<row{row_ref}>{''.join(cells)}</row>"


def sheet_xml(rows: str, dimension: str | None = None, prolog: str = "") -> str:
    head = SHEET_OPEN if not prolog else '<?xml version="1.0"?>' + prolog + SHEET_OPEN.split("?>", 1)[1]
    dimension_tag = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{head}{dimension_tag}<sheetData>{rows}</sheetData></worksheet>"


def raw_xlsx(path: Path, sheet: str | bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def good_rows() -> str:
    return "".join(inline_row(n, values) for n, values in enumerate([HEADER, *ROWS], start=1))


def read_all(
    path: Path, limits: BulkLimits = LIMITS, sheet: str | None = None
) -> tuple[object, list[object]]:
    with open_table(path, limits, sheet) as table:
        return table.info, list(table)


def test_workbook_rows_dates_and_numbers_are_read(tmp_path: Path) -> None:
    header = ["folio", "nivel", "estatus", "carrera", "puesto_1", "area_1", "inicio_1", "fin_1", "horas_1"]
    rows = [
        [
            1234,
            "Licenciatura",
            "Titulada",
            "Derecho",
            "Analista",
            "Atención ciudadana",
            datetime(2020, 3, 1),
            None,
            40,
        ]
    ]
    info, read = read_all(write_xlsx(tmp_path / "libro.xlsx", header, rows))
    assert (info.kind, info.sheet, read[0].cells[0], read[0].cells[6], read[0].cells[8]) == (
        "xlsx",
        "Aspirantes",
        1234.0,
        date(2020, 3, 1),
        40.0,
    )


def test_hand_written_workbook_with_inline_strings_is_read(tmp_path: Path) -> None:
    _, rows = read_all(raw_xlsx(tmp_path / "a.xlsx", sheet_xml(good_rows(), "A1:G7")))
    assert [row.cells[0] for row in rows] == [row[0] for row in ROWS]


def test_named_sheet_is_read_and_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hojas.xlsx", HEADER, ROWS, sheet="Registro 2025")
    assert read_all(path, sheet="registro 2025")[0].sheet == "Registro 2025"
    with pytest.raises(BulkFileError, match="'Registro 2025'"):
        read_all(path, sheet="Hoja1")


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("XFD", 16384)])
def test_column_letters(letters: str, number: int) -> None:
    assert column_number(letters) == number


def test_last_cell_of_the_sheet_is_refused_by_its_dimension(tmp_path: Path) -> None:
    # RELIABILITY 1.3: this 4.8 KB file aborts the whole process inside calamine.
    path = tmp_path / "xfd.xlsx"
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "folio")
    sheet.write_string(1048575, 16383, "fin")
    book.close()
    with pytest.raises(BulkFileError, match="16,384 columns"):
        inspect_xlsx(path, LIMITS)


def test_last_cell_without_dimension_is_refused_by_the_cell_references(tmp_path: Path) -> None:
    rows = (
        inline_row(1, HEADER) + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    with pytest.raises(BulkFileError, match="the sheet's cells span 1,048,576 rows by 16,384 columns"):
        inspect_xlsx(raw_xlsx(tmp_path / "sin_dimension.xlsx", sheet_xml(rows)), LIMITS)


def test_a_false_small_dimension_does_not_hide_the_real_extent(tmp_path: Path) -> None:
    rows = inline_row(1, HEADER) + '<row r="2"><c r="T1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    with pytest.raises(BulkFileError, match="1,048,576 rows by 20 columns"):
        inspect_xlsx(raw_xlsx(tmp_path / "mentira.xlsx", sheet_xml(rows, "A1:B2")), LIMITS)


def test_cells_without_references_are_counted_into_the_extent(tmp_path: Path) -> None:
    wide = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 600 + "</row>"
    with pytest.raises(BulkFileError, match="607 columns"):
        inspect_xlsx(raw_xlsx(tmp_path / "sin_ref.xlsx", sheet_xml(inline_row(1, HEADER) + wide)), LIMITS)


def test_rows_without_references_are_read(tmp_path: Path) -> None:
    rows = "".join(inline_row(0, values, with_refs=False) for values in [HEADER, *ROWS])
    _, read = read_all(raw_xlsx(tmp_path / "implicito.xlsx", sheet_xml(rows)))
    assert len(read) == len(ROWS)


def test_ten_thousand_columns_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ancho.xlsx", HEADER + [f"c{n}" for n in range(10_000)], [ROWS[0]])
    with pytest.raises(BulkFileError, match="10,007 columns"):
        inspect_xlsx(path, LIMITS)


def test_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    padding = " " * (64 * 1024 * 1024)
    path = raw_xlsx(
        tmp_path / "bomba.xlsx", sheet_xml(good_rows()).replace("<sheetData>", padding + "<sheetData>")
    )
    with pytest.raises(BulkFileError, match="zip bomb"):
        inspect_xlsx(path, LIMITS)


def _patch_central(
    path: Path, name: bytes, *, size: int | None = None, offset_of: bytes | None = None
) -> None:
    """Forge a central-directory record: its declared size, or its local header offset (another entry's)."""
    data = bytearray(path.read_bytes())
    offsets = {}
    position = data.find(b"PK\x01\x02")
    records = []
    while position >= 0:
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[position + 28 : position + 34])
        entry = bytes(data[position + 46 : position + 46 + name_length])
        offsets[entry] = struct.unpack("<I", data[position + 42 : position + 46])[0]
        records.append((position, entry))
        position = data.find(b"PK\x01\x02", position + 46 + name_length + extra_length + comment_length)
    for position, entry in records:
        if entry != name:
            continue
        if size is not None:
            data[position + 24 : position + 28] = struct.pack("<I", size)
        if offset_of is not None:
            data[position + 42 : position + 46] = struct.pack("<I", offsets[offset_of])
    path.write_bytes(bytes(data))


def test_zip_bomb_with_forged_sizes_is_stopped_by_the_inflation_cap(tmp_path: Path) -> None:
    padding = " " * (40 * 1024 * 1024)
    path = raw_xlsx(
        tmp_path / "forjada.xlsx", sheet_xml(good_rows()).replace("<sheetData>", padding + "<sheetData>")
    )
    _patch_central(path, b"xl/worksheets/sheet1.xml", size=1000)
    with pytest.raises(BulkFileError, match="inflate to more than 10,485,760 bytes"):
        inspect_xlsx(path, BulkLimits(max_inflated_bytes=10 * 1024 * 1024))


def test_overlapping_entries_are_refused(tmp_path: Path) -> None:
    path = raw_xlsx(tmp_path / "solapada.xlsx", sheet_xml(good_rows()), {"xl/styles.xml": b"<styleSheet/>"})
    _patch_central(path, b"xl/styles.xml", offset_of=b"xl/worksheets/sheet1.xml")
    with pytest.raises(BulkFileError, match="overlap"):
        inspect_xlsx(path, LIMITS)


def test_many_entries_are_refused(tmp_path: Path) -> None:
    extra = {f"xl/media/image{n}.xml": b"<a/>" for n in range(1_100)}
    with pytest.raises(BulkFileError, match="1,105 zip entries"):
        inspect_xlsx(raw_xlsx(tmp_path / "muchas.xlsx", sheet_xml(good_rows()), extra), LIMITS)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}, "external workbooks"),
        ({"xl/vbaProject.bin": b"\x00" * 64}, "macros"),
    ],
)
def test_external_links_and_macros_are_refused(tmp_path: Path, extra: dict[str, bytes], message: str) -> None:
    with pytest.raises(BulkFileError, match=message):
        inspect_xlsx(raw_xlsx(tmp_path / "externo.xlsx", sheet_xml(good_rows()), extra), LIMITS)


def test_billion_laughs_is_refused_before_any_parser(tmp_path: Path) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    rows = inline_row(1, HEADER) + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    with pytest.raises(BulkFileError, match="DTD or entities"):
        inspect_xlsx(raw_xlsx(tmp_path / "risas.xlsx", sheet_xml(rows, prolog=prolog)), LIMITS)


def test_dtd_in_any_part_is_refused(tmp_path: Path) -> None:
    extra = {"docProps/core.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'}
    with pytest.raises(BulkFileError, match=r"docProps/core\.xml"):
        inspect_xlsx(raw_xlsx(tmp_path / "dtd.xlsx", sheet_xml(good_rows()), extra), LIMITS)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 esto no es un zip", "not a readable XLSX"),
        (b"PK\x05\x06" + b"\x00" * 18, "holds no entries"),
    ],
)
def test_broken_zip_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "roto.xlsx"
    path.write_bytes(content)
    with pytest.raises(BulkFileError, match=message):
        read_all(path)


def test_zip_without_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "otro.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("documento.txt", "hola")
    with pytest.raises(BulkFileError, match=r"no xl/workbook\.xml"):
        read_all(path)


def test_a_parser_without_memory_fails_the_file_and_this_process_keeps_working(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "libro.xlsx", HEADER, ROWS)
    with pytest.raises(BulkFileError, match="invalid file: the XLSX parser"):
        read_all(path, BulkLimits(child_memory_bytes=8 * 1024 * 1024))
    assert len(read_all(path)[1]) == len(ROWS)


def test_a_parser_that_aborts_is_an_invalid_file_not_a_dead_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tafia/calamine#693: the parser dies with SIGABRT; only its child process goes.
    import screening.bulk.xlsx_source as xlsx_source

    monkeypatch.setattr(xlsx_source, "CHILD_MODULE", "tests.app.bulk.aborting_parser")
    path = write_xlsx(tmp_path / "libro.xlsx", HEADER, ROWS)
    with pytest.raises(BulkFileError, match="killed by SIGABRT"):
        read_all(path)


def test_formula_cells_in_the_input_are_read_as_their_values(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 1, ROWS[0][1:])
    sheet.write_formula(1, 0, '=CONCATENATE("A-","0001")', None, "A-0001")
    book.close()
    _, rows = read_all(path)
    assert rows[0].cells[0] == "A-0001"


def test_deflate_stream_is_inflated_in_bounded_pieces() -> None:
    # The inflater never returns more than the read size at once, whatever the ratio.
    from screening.bulk.xlsx_inspect import READ, _bounded

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = compressor.compress(b"\x00" * (20 * READ)) + compressor.flush()
    pieces = list(_bounded(zlib.decompressobj(-15), data))
    assert max(len(piece) for piece in pieces) <= READ and sum(len(p) for p in pieces) == 20 * READ


def test_the_parser_child_starts_when_the_file_is_opened_and_stops_when_it_is_closed(tmp_path: Path) -> None:
    """The child parses while the caller is still starting up (before any row is asked for), and a table
    closed without being read leaves no child behind."""
    path = write_xlsx(tmp_path / "aspirantes.xlsx", HEADER, ROWS)
    table = open_table(path, LIMITS)
    child = table._close.process  # type: ignore[attr-defined]
    assert child.pid > 0
    table.close()
    assert child.returncode is not None
    with open_table(path, LIMITS) as again:
        assert [row.cells[0] for row in again][: len(ROWS)] == [row[0] for row in ROWS]
    assert again._close.process.returncode is not None  # type: ignore[attr-defined]


def _outcome(path: Path, workers: int) -> object:
    try:
        return inspect_xlsx(path, LIMITS, workers=workers)
    except BulkFileError as exc:
        return exc.message


@pytest.mark.parametrize(
    "late",
    [
        "",  # an ordinary sheet
        '<row r="30001"><c r="T1048576" t="inlineStr"><is><t>x</t></is></c></row>',  # a far cell, late
        '<row r="30001"><c r="XFD30001" t="inlineStr"><is><t>x</t></is></c></row>',  # a wide one
        "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 700 + "</row>",  # cells without references
        '<row r="900000"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row>',  # a far row
    ],
)
@pytest.mark.parametrize("after", [2500, 4200, 30000])
def test_a_scan_split_with_a_forked_copy_finds_what_one_pass_finds(
    tmp_path: Path, late: str, after: int
) -> None:
    """The XLSX child splits the sheet's scan (every other region of 256 KB) with a forked copy of itself: the
    plan or the refusal is the one a single pass gives, whichever share of the regions the telling row is in."""
    rows = [inline_row(number, [f"F-{number}", "Licenciatura", "Titulado"]) for number in range(1, 30001)]
    rows.insert(after, late)
    path = raw_xlsx(tmp_path / "grande.xlsx", sheet_xml("".join(rows)))
    assert _outcome(path, 2) == _outcome(path, 1)
