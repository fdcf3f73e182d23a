"""Issue 24 (points 11, 12, 36, 10): workbooks someone edited, or that Excel cannot open, and
the workbook's layout; `uzit import`'s reading of every kind of cell a spreadsheet makes."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import MINIMAL_HEADER, Uzit, invoke
from subprocesses import environment
from subprocesses import uzit as uzit_process

from uzit_cli import language
from uzit_cli.exchange import importing
from uzit_cli.exchange.export import display_cells, number_format
from uzit_cli.exchange.sheets import sheet_title

SAKURA_JA = "エグザンプル・サクラ・システムズ"


def registry_with(
    tmp_path: Path, *, name: str = "Hostile", joined: str = "2022-05-01", note: str = "A note"
) -> Path:
    """A one-resident registry whose name, joined date and note are what a test gives."""
    path = tmp_path / "hostile.yaml"
    path.write_text(
        MINIMAL_HEADER
        + f"""\
residents:
  - id: hostile
    name: {name}
    joined: {joined}
    city: Tashkent
    sectors: [bpo]
    exports_to_japan: false
    jobs_created: {{2024: 1200}}
    export_revenue_usd: {{2024: 250000}}
    sources: [src]
    note: {note}
""",
        encoding="utf-8",
    )
    return path


def list_json(uzit: Uzit, registry: Path) -> Any:
    result = uzit("list", "-f", "json", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# Every kind of value that is hard for a workbook: each goes out and back equal, or is refused
# by `export` with a message that names it (and no file is written).
ROUND_TRIPS = {
    "formula": ("note", "'=HYPERLINK(\"x\")'"),
    "japanese": ("name", f"'{SAKURA_JA}'"),
    "looks like a number": ("name", "'0012'"),
    "looks like a boolean": ("name", "'TRUE'"),
    "looks like a date": ("name", "'2024-01-01'"),
    "line breaks": ("note", '"two\\nlines"'),
    "the longest cell": ("note", "x" * 32_767),
    "Excel's day zero": ("joined", "1899-12-31"),
    "before Excel's leap day": ("joined", "1900-02-28"),
    "before 1900": ("joined", "1868-10-23"),
}
REFUSED = {
    "U+FFFF": ("name", '"a\\uffffb"', "U+FFFF"),
    "U+FFFE": ("note", '"a\\ufffeb"', "U+FFFE"),
    "a cell too long": ("note", "x" * 32_768, "32,768 characters long"),
}


@pytest.mark.parametrize("kind", ROUND_TRIPS)
def test_a_hard_value_goes_through_a_workbook_and_back_equal(
    uzit: Uzit, tmp_path: Path, kind: str
) -> None:
    key, value = ROUND_TRIPS[kind]
    registry = registry_with(tmp_path, **{key: value})
    book, back = tmp_path / "r.xlsx", tmp_path / "back.yaml"
    assert uzit("export", str(book), "-r", str(registry)).exit_code == 0
    result = uzit("import", str(book), "-o", str(back))
    assert result.exit_code == 0, result.stderr
    assert list_json(uzit, back) == list_json(uzit, registry)


@pytest.mark.parametrize("kind", REFUSED)
def test_a_value_no_workbook_holds_is_refused(uzit: Uzit, tmp_path: Path, kind: str) -> None:
    key, value, said = REFUSED[kind]
    registry = registry_with(tmp_path, **{key: value})
    book = tmp_path / "r.xlsx"
    result = uzit("export", str(book), "-r", str(registry))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"uzit: error: cannot write a workbook: sheet Residents, id hostile, {key} "
    )
    assert said in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [registry]  # nor a temporary file


def test_a_workbook_of_invalid_xml_is_an_error_not_a_traceback(uzit: Uzit, tmp_path: Path) -> None:
    book = tmp_path / "r.xlsx"
    assert uzit("export", str(book)).exit_code == 0
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":  # what openpyxl wrote for U+FFFF
                data = data.replace(b"Example Sakura", "Example \uffff".encode())
            target.writestr(item, data)
    result = uzit("import", str(broken), "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"uzit: error: cannot read {broken} as an .xlsx workbook: ")
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def exported_book(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bundled registry's workbook, exported once for the module."""
    path = tmp_path_factory.mktemp("book") / "residents.xlsx"
    assert invoke("export", str(path)).exit_code == 0
    return path.read_bytes()


@pytest.fixture
def book(tmp_path: Path, exported_book: bytes) -> Path:
    """A copy of that workbook of the test's own."""
    path = tmp_path / "residents.xlsx"
    path.write_bytes(exported_book)
    return path


def edited(book: Path, edit: Any) -> Path:
    workbook = openpyxl.load_workbook(book)
    edit(workbook["Residents"])
    path = book.with_name("edited.xlsx")
    workbook.save(path)
    return path


def test_problems_name_the_sheet_cell_header_and_resident(uzit: Uzit, book: Path) -> None:
    def edit(sheet: Any) -> None:
        sheet["J3"] = -3  # jobs_2024 of the second resident
        sheet["D5"] = "Tashkent"  # a text in `joined`

    result = uzit("import", str(edited(book, edit)), "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "edited.xlsx: Residents!J3 (jobs_2024, resident example-fuji-data-lab): "
        "must be 0 or more, not -3",
        "edited.xlsx: Residents!D5 (joined, resident example-origami-games): expected a date "
        "(a date cell, or YYYY-MM-DD text), not the text 'Tashkent'",
        "uzit: error: edited.xlsx: 2 problems; nothing was done",
    ]


def test_a_time_cell_is_a_problem_of_its_cell_not_a_traceback(uzit: Uzit, book: Path) -> None:
    def edit(sheet: Any) -> None:
        sheet["D2"] = dt.time(9, 30)
        sheet["D2"].number_format = "hh:mm"

    result = uzit("import", str(edited(book, edit)), "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "edited.xlsx: Residents!D2 (joined, resident example-sakura-systems): expected a date "
        "(a date cell, or YYYY-MM-DD text), not the text '09:30:00'"
    )


def test_an_extra_column_is_ignored_and_said_so(uzit: Uzit, book: Path) -> None:
    def edit(sheet: Any) -> None:
        sheet["N1"] = "analyst_comment"
        sheet["N2"] = "check the 2024 figure"

    result = uzit("import", str(edited(book, edit)), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "uzit: warning: edited.xlsx, sheet Residents: column 'analyst_comment' is not a resident "
        "field; ignored\n"
    )
    assert "check the" not in result.stdout


def test_headers_are_read_ignoring_case_and_spacing(uzit: Uzit, book: Path) -> None:
    def edit(sheet: Any) -> None:
        sheet["J1"] = "Jobs 2024"
        sheet["E1"] = " City "

    result = uzit("import", str(edited(book, edit)), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "jobs_created: {2024: 18}\n" in result.stdout


def test_a_misspelt_column_is_refused_with_the_name_it_resembles(uzit: Uzit, book: Path) -> None:
    result = uzit("import", str(edited(book, lambda sheet: sheet.cell(1, 5, "ctiy"))), "-o", "-")
    assert result.exit_code == 1
    assert result.stderr == (
        "uzit: error: edited.xlsx, sheet Residents: unknown column 'ctiy'; did you mean 'city'?\n"
    )


def test_a_sheet_declaring_every_cell_is_read_within_the_header_and_rows(
    uzit: Uzit, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet whose XML says `A1:XFD1048576` (and holds a stray cell far right) is read
    cell for cell under its header only: openpyxl would pad each row to 16,384 columns and
    add a million empty rows."""
    huge = book.with_name("huge.xlsx")
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(huge, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data
                )
                first, rest = data.split(b"</row>", 1)  # a stray cell in the second row
                data = (
                    first
                    + b"</row>"
                    + rest.replace(b"</row>", b'<c r="XFD2"><v>1</v></c></row>', 1)
                )
            target.writestr(item, data)
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    cells_by_row = ReadOnlyWorksheet._cells_by_row
    read = 0

    def counted(*args: Any, **kwargs: Any) -> Iterator[tuple[Any, ...]]:
        nonlocal read
        for row in cells_by_row(*args, **kwargs):
            read += len(row)
            assert read < 10_000, "read far more cells than the workbook holds"
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counted)
    result = uzit("import", str(huge), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert read < 1_000


def test_imports_comment_is_in_the_readers_language_as_inits_are(uzit: Uzit, book: Path) -> None:
    result = uzit("import", str(book), "-o", "-", "--lang", "ru")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "# Импортировано командой `uzit import` из residents.xlsx.\n# Формат: "
    )


def test_import_writes_utf8_whatever_the_locale(book: Path) -> None:
    result = uzit_process(
        "import", str(book), "-o", "-", env=environment({"PYTHONIOENCODING": "ascii"})
    )
    assert result.returncode == 0, result.err
    text = result.stdout.decode("utf-8")
    assert f"name_ja: {SAKURA_JA}\n" in text and "\\u30a8" not in text


# ------------------------------------------------------------------------------ the layout


def test_numbers_are_formatted_by_their_column(tmp_path: Path, uzit: Uzit) -> None:
    book = tmp_path / "r.xlsx"
    assert uzit("export", str(book), "-r", str(registry_with(tmp_path))).exit_code == 0
    workbook = openpyxl.load_workbook(book)
    residents = workbook["Residents"]
    header = [cell.value for cell in residents[1]]
    row = dict(zip(header, residents[2], strict=True))
    assert row["jobs_2024"].number_format == "#,##0"
    assert row["export_revenue_usd_2024"].number_format == '#,##0 "USD"'
    figures = {row[0].value: row[1] for row in workbook["Figures"].iter_rows(min_row=2)}
    assert figures["exporting_to_japan_share"].number_format == "0.0%"
    assert figures["jobs_year"].number_format == "0"  # 2024, not 2,024


def test_number_format_of_each_kind_of_column() -> None:
    assert number_format("residents", 1200) == "#,##0"
    assert number_format("residents", 11.5) == "#,##0.0"
    assert number_format("japan_shortage_share", 0.0001) == "0.000%"
    assert number_format("by", 2030) == "0"
    assert number_format("export_revenue_usd_2024", 1.5) == '#,##0 "USD"'
    assert number_format("exports_to_japan", True) is None
    assert number_format("name", "x") is None


def test_every_sheet_prints_landscape_as_wide_as_the_page_with_its_header(book: Path) -> None:
    for sheet in openpyxl.load_workbook(book).worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"


def test_display_cells_count_wide_characters_twice() -> None:
    assert display_cells("abc") == 3
    assert display_cells(SAKURA_JA) == 2 * len(SAKURA_JA)
    assert display_cells("Café") == 4


# ---------------------------------------------------------------- cells a spreadsheet changes

CELLS = [
    # (reader, cell, value read)
    ("text", 12.0, "12"),
    ("text", 12.5, "12.5"),
    ("text", True, True),
    ("list", "a, b ,,c", ["a", "b", "c"]),
    ("list", None, None),
    ("date", dt.datetime(2024, 5, 1, 0, 0), dt.date(2024, 5, 1)),
    ("date", " 2024-05-01 ", dt.date(2024, 5, 1)),
    ("date", "1 May", "1 May"),
    ("bool", "TRUE", True),
    ("bool", " false ", False),
    ("bool", 1, True),
    ("bool", 0.0, False),
    ("bool", "yes", True),
    ("bool", "maybe", "maybe"),
    ("int", 18.0, 18),
    ("int", " -3 ", -3),
    ("int", 18.5, 18.5),
    ("int", "1,200", 1200),
    ("int", "1 200", 1200),
    ("int", "12,34", "12,34"),
    ("date", 45716.5, 45716.5),  # a serial with a time of day: not a day
    ("date", 2024, 2024),  # a year, not a serial
    ("number", "2.5", 2.5),
    ("number", "lots", "lots"),
    ("number", 7.0, 7),
]


@pytest.mark.parametrize(("kind", "cell", "value"), CELLS)
def test_a_cell_as_a_spreadsheet_leaves_it_is_read_back(kind: str, cell: Any, value: Any) -> None:
    assert importing._CELL[kind](cell) == value  # type: ignore[index]


def test_a_time_or_duration_cell_is_read_as_text() -> None:
    assert importing._plain(dt.time(0, 0)) == "00:00:00"
    assert importing._plain(dt.timedelta(hours=30)) == "1 day, 6:00:00"
    assert importing._plain(3) == 3


def test_exports_to_no_market_survives_list_and_a_workbook(uzit: Uzit, tmp_path: Path) -> None:
    """`export_markets: []` says something (no market); a field left out says nothing."""
    registry = registry_with(tmp_path)
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace(
            "exports_to_japan: false\n", "exports_to_japan: false\n    export_markets: []\n"
        )
        + text.split("residents:\n", 1)[1].replace("id: hostile", "id: silent"),
        encoding="utf-8",
    )
    (given, left_out) = list_json(uzit, registry)
    assert given["export_markets"] == [] and "export_markets" not in left_out
    assert "  export_markets: []\n" in uzit("list", "-f", "yaml", "-r", str(registry)).stdout
    book = tmp_path / "r.xlsx"
    assert uzit("export", str(book), "-r", str(registry)).exit_code == 0
    cells = [
        row[7] for row in openpyxl.load_workbook(book)["Residents"].iter_rows(values_only=True)
    ]
    assert cells == ["export_markets", "[]", None]
    back = uzit("import", str(book), "-o", "-").stdout
    assert back.count("export_markets: []") == 1
    assert (
        uzit("diff", str(registry), "-", input=back).stdout == "change\tkind\tid\tfield\told\tnew\n"
    )


@pytest.fixture
def english_after() -> Iterator[None]:
    """English again after a test that speaks another language in this process."""
    yield
    language.use("en")


@pytest.mark.parametrize(
    ("lang", "projections", "about"),
    [
        ("ru", ["Прогноз (целевой)", "Прогноз (без роста)"], "Версия формата"),
        ("ja", ["予測(目標)", "予測(現状維持)"], "形式のバージョン"),
    ],
)
def test_a_translated_workbook_titles_its_sheets_in_its_language_and_keeps_the_english_headers(
    uzit: Uzit, tmp_path: Path, english_after: None, lang: str, projections: list[str], about: str
) -> None:
    english, translated = tmp_path / "en.xlsx", tmp_path / f"{lang}.xlsx"
    assert uzit("export", str(english)).exit_code == 0
    assert uzit("export", str(translated), env={"UZIT_LANG": lang}).exit_code == 0
    en_book, book = openpyxl.load_workbook(english), openpyxl.load_workbook(translated)
    language.use(lang)
    titles = [sheet_title(name) for name in en_book.sheetnames]  # as the catalogue says
    assert book.sheetnames == titles and titles[0] != en_book.sheetnames[0]
    assert titles[-3:-1] == projections  # the scenarios by their labels, not their ids
    for en_sheet, sheet in zip(en_book.worksheets, book.worksheets, strict=True):
        heads = [[cell.value for cell in each[1]] for each in (en_sheet, sheet)]
        assert heads[0] == heads[1][: len(heads[0])]  # machine keys in every language
    # About keeps its keys and values, and says what each key means in a third column
    rows = list(book.worksheets[-1].iter_rows(values_only=True))
    assert rows[0] == ("key", "value", "label") and rows[1][::2] == ("schema", about)
    assert not any(str(row[1]).startswith("Illustrative data") for row in rows)
    # and `uzit import`, in any language, reads it back as it reads the English one; sheets
    # whose titles are in no language it knows, by their headers
    for sheet in book.worksheets:
        sheet.title = f"S{book.worksheets.index(sheet)}"
    renamed = tmp_path / "renamed.xlsx"
    book.save(renamed)
    for each in (english, translated, renamed):
        assert uzit("import", str(each), "-o", str(each.with_suffix(".yaml"))).exit_code == 0
    expected = english.with_suffix(".yaml").read_text(encoding="utf-8").split("\n", 1)[1]
    for each in (translated, renamed):  # the same registry, but for the line naming the file
        assert each.with_suffix(".yaml").read_text(encoding="utf-8").split("\n", 1)[1] == expected
