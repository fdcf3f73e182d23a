"""Issue 25, point 6: `uzit import` of any CSV, TSV or .xlsx table of residents, merged into a
registry (`--merge`, `--map`, `--dry-run`)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import BUNDLED, Uzit

from uzit_cli.exchange.importing import CellError, _date, parse_map

COLLEAGUES = """\
Company,日本語名,Date joined,City / Region,Sector,Exports to Japan,Jobs 2025,analyst_comment,Source
Example Sakura Systems,,,,,,25,looks right,
Example Nagoya Robotics,名古屋ロボティクス,28.02.2025,Tashkent,software-development,no,3,new,\
trend-2025-02-28
"""


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.yaml"
    shutil.copy(BUNDLED, path)
    return path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def resident(uzit: Uzit, registry: Path, resident_id: str) -> dict[str, object]:
    result = uzit("show", resident_id, "-f", "json", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_a_csv_of_another_layout_merges_by_name_keeping_the_file(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    csv = write(tmp_path, "colleagues.csv", COLLEAGUES)
    before = registry.read_bytes()
    dry = uzit("import", str(csv), "--merge", str(registry), "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "+    jobs_created: {2024: 18, 2025: 25}\n" in dry.stdout
    assert "+  - id: example-nagoya-robotics\n" in dry.stdout
    assert registry.read_bytes() == before
    result = uzit("import", str(csv), "--merge", str(registry))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "uzit: warning: colleagues.csv: column 'analyst_comment' is not a resident field; ignored",
        f"{registry}: merged colleagues.csv: 1 resident updated, 1 added, 0 as they were",
        f"{registry}:51:7: warning: published residents is 10 (trend-2025-02-28, as of "
        "2025-02-28) but the records give 11",
    ]
    text = registry.read_text(encoding="utf-8")
    assert text.startswith(BUNDLED.read_text(encoding="utf-8").split("schema:")[0])  # comments
    assert resident(uzit, registry, "example-sakura-systems")["jobs_created"] == {
        "2024": 18,
        "2025": 25,
    }
    added = resident(uzit, registry, "example-nagoya-robotics")
    assert added["name_ja"] == "名古屋ロボティクス" and added["joined"] == "2025-02-28"
    assert added["exports_to_japan"] is False and added["city"] == "Tashkent"


def test_a_row_that_exports_to_japan_is_added_as_uzit_add_adds_it(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    added = tmp_path / "added.yaml"
    shutil.copy(registry, added)
    fields = ("--joined", "2025-01-05", "--city", "Tashkent", "--sector", "bpo")
    done = uzit("add", "--name", "X New", *fields, "--exports-to-japan", "-r", str(added))
    assert done.exit_code == 0, done.stderr
    csv = "name,joined,city,sectors,exports_to_japan\nX New,2025-01-05,Tashkent,bpo,true\n"
    merged = uzit("import", str(write(tmp_path, "x.csv", csv)), "--merge", str(registry))
    assert merged.exit_code == 0, merged.stderr
    assert registry.read_text() == added.read_text()
    assert "    export_markets: [JP]\n" in added.read_text()


def test_a_tsv_with_an_id_column_and_map_updates_by_id(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    tsv = write(tmp_path, "update.tsv", "ID\tFirma\tOrt\nexample-kaizen-bpo\t\tBukhara\n")
    result = uzit("import", str(tsv), "--merge", str(registry), "--map", "Firma=name,Ort=city")
    assert result.exit_code == 0, result.stderr
    kaizen = resident(uzit, registry, "example-kaizen-bpo")
    assert kaizen["city"] == "Bukhara" and kaizen["name"] == "Example Kaizen BPO"


SOURCE = "trend-2025-02-28"  # the bundled registry's source


def _workbook(tmp_path: Path, *rows: list[Any], title: str | None = None) -> Path:
    """`list.xlsx` in `tmp_path`: one sheet (titled `title`) of `rows`."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if title is not None:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    path = tmp_path / "list.xlsx"
    book.save(path)
    return path


def test_a_workbook_of_another_layout_with_date_cells_and_serials(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path,
        ["id", "Company Name", "joined", "city", "sectors", "exports to japan", "source"],
        ["one", "Example One", dt.datetime(2025, 1, 6), "Tashkent", "bpo", False, SOURCE],
        ["two", "Example Two", 45716, "Samarkand", "bpo; edtech", "TRUE", SOURCE],
    )
    result = uzit("import", str(path), "--merge", str(registry))
    assert result.exit_code == 0, result.stderr
    assert resident(uzit, registry, "one")["joined"] == "2025-01-06"
    two = resident(uzit, registry, "two")
    assert two["joined"] == "2025-02-28" and two["sectors"] == ["bpo", "edtech"]


def test_every_problem_names_the_file_row_column_and_cell(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    bad = write(
        tmp_path,
        "bad.csv",
        "Company Name;When;City;Sector;Exports to Japan;Jobs 2025\n"
        "Example Sakura Systems;;;;;-4\n"
        "Example New One;02/03/2025;Tashkent;bpo;maybe;1\n",
    )
    before = registry.read_bytes()
    result = uzit("import", str(bad), "--merge", str(registry), "--map", "When=joined")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "bad.csv: row 2, column 'Jobs 2025' (resident Example Sakura Systems): "
        "must be 0 or more, not -4",
        "bad.csv: row 3, column 'When' (resident Example New One): the date '02/03/2025' is "
        "ambiguous: 2 March 2025 or 3 February 2025? write it 2025-03-02 or 2025-02-03",
        "bad.csv: row 3, column 'Exports to Japan' (resident Example New One): expected true "
        "or false, not the text 'maybe'",
        "uzit: error: bad.csv: 3 problems; nothing was done",
    ]
    assert registry.read_bytes() == before


def test_a_problem_in_a_sheet_names_the_workbook_first(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path,
        ["id", "name", "joined"],
        ["example-kaizen-bpo", "Example Kaizen BPO", "soon"],
        title="入居企業",
    )
    result = uzit("import", str(path), "--merge", str(registry), "-n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("list.xlsx: 入居企業!C2 (joined, ")
    assert result.stderr.splitlines()[-1] == "uzit: error: list.xlsx: 1 problem; nothing was done"


def test_a_header_may_be_a_fields_label_in_any_language_uzit_speaks(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    table = write(
        tmp_path, "t.csv", "id,都市,Численность сотрудников\nexample-kaizen-bpo,Bukhara,40\n"
    )
    result = uzit("import", str(table), "--merge", str(registry))
    assert result.exit_code == 0, result.stderr
    assert "not a resident field" not in result.stderr
    found = resident(uzit, registry, "example-kaizen-bpo")
    assert (found["city"], found["headcount"]) == ("Bukhara", 40)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "x.yaml"], "t.csv is a table of residents, not a workbook of `uzit export`"),
        (["-o", "x.yaml", "--merge", "r.yaml"], "give -o or --merge, not both"),
        ([], "give -o PATH (a registry from a workbook of `uzit export`) or --merge REGISTRY"),
        (["--merge", "r.yaml", "--map", "A=joind"], "--map: 'joind' is not a resident field; "),
    ],
)
def test_usage_errors(uzit: Uzit, tmp_path: Path, args: list[str], said: str) -> None:
    table = write(tmp_path, "t.csv", "name\nX\n")
    result = uzit("import", str(table), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"uzit: error: {said}")


def test_a_csv_that_is_not_utf8_is_refused_clearly(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    table = tmp_path / "sjis.csv"
    table.write_bytes("name\n名古屋\n".encode("cp932"))
    result = uzit("import", str(table), "--merge", str(registry))
    assert result.exit_code == 1
    assert result.stderr == (
        f"uzit: error: cannot read {table}: byte 6 is not UTF-8; save it as UTF-8 "
        "(Excel: CSV UTF-8)\n"
    )


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (45716, dt.date(2025, 2, 28)),
        ("45716", dt.date(2025, 2, 28)),
        ("28.02.2025", dt.date(2025, 2, 28)),
        ("2025/02/28", dt.date(2025, 2, 28)),
        ("28/02/2025", dt.date(2025, 2, 28)),
        ("02/28/2025", dt.date(2025, 2, 28)),
        ("03/03/2025", dt.date(2025, 3, 3)),
        ("2025-02-28 00:00:00", dt.date(2025, 2, 28)),
        ("2024", "2024"),  # a year, not a serial: the loader says what is wrong
    ],
)
def test_dates_in_the_forms_spreadsheets_write(cell: object, day: object) -> None:
    assert _date(cell) == day


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("02/03/2025", "ambiguous: 2 March 2025 or 3 February 2025"),
        ("31.02.2025", "'31.02.2025' is no day of the calendar"),
    ],
)
def test_an_ambiguous_or_impossible_date_is_refused(cell: str, said: str) -> None:
    with pytest.raises(CellError, match=said):
        _date(cell)


def test_parse_map() -> None:
    assert parse_map("Company Name=name, Date joined=joined,Jobs=jobs_2025") == {
        "Company Name": "name",
        "Date joined": "joined",
        "Jobs": "jobs_2025",
    }
    with pytest.raises(ValueError, match="'Company Name' is not HEADER=FIELD"):
        parse_map("Company Name")


@pytest.mark.parametrize(
    ("text", "args", "said"),
    [
        ("name,Company\nA,B\n", [], "t.csv: two columns for name"),
        ("city\nTashkent\n", [], "t.csv: no column id or name to match residents by"),
        ("name\nA\n", ["--map", "Firma=name"], "t.csv: no column 'Firma' to map; its columns "),
        ("name\nA,B\n", [], "t.csv: row 2 has more cells than the header"),
        ("id,name\nx,A\nx,B\n", [], "t.csv: rows 2 and 3 are both resident x"),
    ],
)
def test_a_table_uzit_cannot_merge(
    uzit: Uzit, registry: Path, tmp_path: Path, text: str, args: list[str], said: str
) -> None:
    table = write(tmp_path, "t.csv", text)
    before = registry.read_bytes()
    result = uzit("import", str(table), "--merge", str(registry), *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"uzit: error: {said}")
    assert registry.read_bytes() == before


def test_a_new_row_without_a_required_column_is_named(
    uzit: Uzit, registry: Path, tmp_path: Path
) -> None:
    table = write(tmp_path, "t.csv", "name,joined\nExample Sakura Systems,\nNew One,2025-01-02\n")
    result = uzit("import", str(table), "--merge", str(registry))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "t.csv: row 3 (resident New One): no city, sectors, exports_to_japan, which every "
        "resident needs",
        "uzit: error: t.csv: 1 problem; nothing was done",
    ]


def test_merge_into_standard_input_is_refused_naming_merge(uzit: Uzit, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("id,name\nx,X\n", encoding="utf-8")
    result = uzit("import", str(table), "--merge", "-")
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("uzit: error: --merge takes a registry file")
        and "-r" not in (result.stderr.splitlines()[0])
    )
