"""Issue 17: `uzit export` (xlsx, SQLite), `uzit import`, and spreadsheet-ready list output."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import BUNDLED, MINIMAL_HEADER, Uzit
from openpyxl.utils import get_column_letter
from subprocesses import Loaded, modules_after

from uzit_cli.exchange.export import sheets
from uzit_cli.output.writers import FORMATS
from uzit_cli.registry import load_registry
from uzit_cli.year_columns import spread_names, year_column

SAKURA_JA = "エグザンプル・サクラ・システムズ"
FORMULA = '=HYPERLINK("https://example.org","click")'
RISKY = (
    MINIMAL_HEADER
    + f"""\
residents:
  - id: risky
    name: Risky
    website: https://example.org
    joined: 2022-05-01
    city: Tashkent
    sectors: [bpo]
    exports_to_japan: false
    jobs_created: {{2023: 4, 2024: 6}}
    sources: [src]
    note: '{FORMULA}'
"""
)


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import invoke

    path = tmp_path_factory.mktemp("xlsx") / "residents.xlsx"
    result = invoke("export", str(path))
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def database_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import invoke

    path = tmp_path_factory.mktemp("sqlite") / "residents.sqlite"
    assert invoke("export", str(path)).exit_code == 0
    return path


def stats_json(uzit: Uzit, *args: str) -> dict[str, object]:
    result = uzit("stats", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


# ------------------------------------------------------------------------------ workbook


def test_workbook_has_every_sheet(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    assert book.sheetnames == [
        "Residents",
        "Sources",
        "Figures",
        "Published",
        "Targets",
        "Context",
        "Projection target",
        "Projection steady",
        "About",
    ]


def test_residents_sheet_has_a_column_per_jobs_year_and_typed_cells(workbook_path: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_path)["Residents"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert "jobs_2024" in header and "jobs_created" not in header
    sakura = dict(zip(header, rows[1], strict=True))
    assert sakura["name_ja"] == SAKURA_JA
    assert sakura["joined"] == dt.datetime(2022, 9, 14)
    assert sakura["exports_to_japan"] is True
    assert sum(row[header.index("jobs_2024")] or 0 for row in rows[1:]) == 87
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}11"
    # fitted to name_ja in display cells: a Japanese character takes two
    assert sheet.column_dimensions["C"].width == 2 * len(SAKURA_JA) + 2


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (make test installs it when run as root)",
)
def test_libreoffice_reads_the_residents_sheet_as_uzit_lists_them(
    uzit: Uzit, workbook_path: Path, tmp_path: Path
) -> None:
    """Another spreadsheet program, headless, reads the workbook's first sheet back as the CSV
    that `uzit list -f csv` writes: same columns, one per jobs year, Japanese names intact."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",  # no shared profile
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, double quote, UTF-8
            "--outdir",
            str(tmp_path),
            str(workbook_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = (tmp_path / workbook_path.with_suffix(".csv").name).read_text(encoding="utf-8")
    listed = uzit("list", "-f", "csv").stdout.replace("\r\n", "\n")
    as_uzit_writes_booleans = converted.replace(",TRUE,", ",true,").replace(",FALSE,", ",false,")
    assert as_uzit_writes_booleans.splitlines() == listed.splitlines()
    assert "エグザンプル・サクラ・システムズ" in converted


def test_about_sheet_says_which_snapshot(workbook_path: Path) -> None:
    rows = openpyxl.load_workbook(workbook_path)["About"].iter_rows(min_row=2, values_only=True)
    about = dict(rows)  # type: ignore[arg-type]
    assert about["as_of"] == dt.datetime(2025, 2, 28)
    assert about["illustrative"] is True
    assert str(about["notice"]).startswith("Illustrative data")
    assert about["uzit_version"] == "0.1.0"


def test_published_sheet_checks_the_figures(workbook_path: Path) -> None:
    rows = list(openpyxl.load_workbook(workbook_path)["Published"].iter_rows(values_only=True))
    assert rows[3] == ("jobs_created", 2024, 87, 87, True, "trend-2025-02-28", None)  # no as_of


def test_formula_like_text_is_written_as_text(
    uzit: Uzit, write_registry: Callable[..., Path], tmp_path: Path
) -> None:
    registry = write_registry(RISKY)
    out = tmp_path / "risky.xlsx"
    assert uzit("export", str(out), "-r", str(registry)).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Residents"]
    header = [cell.value for cell in sheet[1]]
    note = sheet.cell(2, header.index("note") + 1)
    assert (note.value, note.data_type) == (FORMULA, "s")  # a formula would have type "f"
    assert header[9:11] == ["jobs_2023", "jobs_2024"]


def test_projection_sheets_are_the_scenarios_of_uzit_project() -> None:
    made = {name: rows for name, _, rows in sheets(load_registry(BUNDLED))}
    assert made["Projection steady"][0][:3] == [2025, 10, 5]


# ------------------------------------------------------------------------------ database


def test_sqlite_jobs_match_uzit_stats(uzit: Uzit, database_path: Path) -> None:
    stats = stats_json(uzit)
    with sqlite3.connect(database_path) as db:
        jobs = db.execute("select sum(jobs) from jobs_created where year = 2024").fetchone()[0]
        residents = db.execute("select count(*) from residents").fetchone()[0]
        exporting = db.execute("select count(*) from residents where exports_to_japan").fetchone()
        by_city = dict(db.execute("select city, count(*) from residents group by city"))
    assert jobs == 87 == stats["jobs_created"]["2024"]  # type: ignore[index]
    assert residents == stats["residents"]
    assert exporting[0] == stats["exporting_to_japan"]
    assert by_city == stats["by_city"]


def test_sqlite_keys_hold_and_meta_says_which_snapshot(database_path: Path) -> None:
    with sqlite3.connect(database_path) as db:
        assert db.execute("pragma foreign_key_check").fetchall() == []
        meta = dict(db.execute("select key, value from meta"))
        sectors = db.execute(
            "select count(*) from resident_sectors where sector = 'software-development'"
        ).fetchone()[0]
        cited = db.execute(
            "select count(distinct resident_id) from resident_sources "
            "join sources on sources.id = source_id where publisher = 'Trend News Agency'"
        ).fetchone()[0]
    assert (meta["as_of"], meta["illustrative"]) == ("2025-02-28", "true")
    assert sectors == 3  # as `uzit stats --by sector` counts software-development
    assert cited == 10


def test_an_existing_file_is_replaced_only_with_force(uzit: Uzit, tmp_path: Path) -> None:
    out = tmp_path / "out.db"
    out.write_text("keep me", encoding="utf-8")
    refused = uzit("export", str(out))
    assert refused.exit_code == 1
    assert "already exists; use --force to replace it" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert uzit("export", str(out), "--force").exit_code == 0
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from residents").fetchone()[0] == 10


def test_an_unknown_suffix_is_a_usage_error(uzit: Uzit, tmp_path: Path) -> None:
    result = uzit("export", str(tmp_path / "out.ods"))
    assert result.exit_code == 2
    assert "name it .xlsx" in result.stderr


# ------------------------------------------------------------------------------ import


def test_import_round_trip_reproduces_the_stats(
    uzit: Uzit, workbook_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "registry.yaml"
    result = uzit("import", str(workbook_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert stats_json(uzit, "-r", str(out)) == stats_json(uzit)
    original = uzit("list", "-f", "json").stdout
    assert uzit("list", "-f", "json", "-r", str(out)).stdout == original
    again = uzit("import", str(workbook_path), "-o", str(out))
    assert again.exit_code == 1 and "--force" in again.stderr
    assert uzit("fmt", "--check", str(out)).exit_code == 0  # written as fmt writes it
    residents = BUNDLED.read_text(encoding="utf-8").split("\nresidents:\n")[1]
    assert out.read_text(encoding="utf-8").endswith(residents)  # as the bundled one has them


def test_an_edited_workbook_imports_with_the_edit(
    uzit: Uzit, workbook_path: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(workbook_path)
    sheet = book["Residents"]
    sheet.cell(2, 10).value = 20  # sakura's jobs_2024: 18 -> 20
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    out = tmp_path / "edited.yaml"
    assert uzit("import", str(edited), "-o", str(out)).exit_code == 0
    assert stats_json(uzit, "-r", str(out))["jobs_created"] == {"2024": 89}


def test_a_published_figure_keeps_its_date_through_xlsx_and_sqlite(
    uzit: Uzit, tmp_path: Path
) -> None:
    dated = BUNDLED.read_text(encoding="utf-8").replace(
        "{metric: residents, value: 10, source: trend-2025-02-28}",
        "{metric: residents, value: 10, source: trend-2025-02-28, as_of: 2025-02-20}",
    )
    assert "as_of: 2025-02-20" in dated
    registry = tmp_path / "dated.yaml"
    registry.write_text(dated, encoding="utf-8")
    book, back, db = tmp_path / "d.xlsx", tmp_path / "back.yaml", tmp_path / "d.sqlite"
    assert uzit("export", str(book), "-r", str(registry)).exit_code == 0
    assert uzit("import", str(book), "-o", str(back)).exit_code == 0
    assert load_registry(back).info.published == load_registry(registry).info.published
    assert uzit("export", str(db), "-r", str(registry)).exit_code == 0
    with sqlite3.connect(db) as connection:
        dates = connection.execute("select as_of from published order by position").fetchall()
    assert dates == [("2025-02-20",), (None,), (None,)]


def test_an_edit_that_breaks_a_rule_writes_nothing(
    uzit: Uzit, workbook_path: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(workbook_path)
    book["Residents"].cell(2, 5).value = None  # city is required
    edited = tmp_path / "broken.xlsx"
    book.save(edited)
    out = tmp_path / "broken.yaml"
    result = uzit("import", str(edited), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "broken.xlsx: Residents!E2 (city, resident example-sakura-systems): empty, but every "
        "resident needs a city",
        "uzit: error: broken.xlsx: 1 problem; nothing was done",
    ]
    assert not out.exists()
    assert not list(tmp_path.glob(".broken.yaml.*"))  # nor the temporary file


def test_import_of_a_file_that_is_not_a_workbook(uzit: Uzit, tmp_path: Path) -> None:
    disguised = tmp_path / "residents.xlsx"
    shutil.copy(BUNDLED, disguised)
    result = uzit("import", str(disguised), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert result.stderr.startswith("uzit: error: cannot read")
    assert "Traceback" not in result.stderr
    named = uzit("import", str(BUNDLED), "-o", str(tmp_path / "x.yaml"))
    assert named.exit_code == 2
    assert named.stderr.startswith(
        "uzit: error: cannot tell how to read 'residents.yaml': name it .xlsx, .csv or .tsv\n"
    )


# ------------------------------------------------------------------------------ list and show


def test_csv_bom_and_one_column_per_jobs_year(uzit: Uzit) -> None:
    result = uzit("list", "-f", "csv", "--bom")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeffid,name,name_ja,")
    header, sakura = result.stdout.splitlines()[:2]
    assert "jobs_2024" in header.split(",") and "jobs_created" not in header
    assert ",18," in sakura and SAKURA_JA in sakura


def test_packed_years_keeps_the_one_cell_form(uzit: Uzit) -> None:
    lines = uzit("list", "-f", "csv", "--packed-years").stdout.splitlines()
    assert "jobs_created" in lines[0].split(",") and ",2024:18," in lines[1]


def test_bom_is_refused_outside_csv_and_tsv(uzit: Uzit) -> None:
    result = uzit("list", "-f", "json", "--bom")
    assert result.exit_code == 2
    assert "--bom is for tsv and csv output" in result.stderr


def test_columns_accepts_a_jobs_year(uzit: Uzit) -> None:
    rows = json.loads(uzit("list", "-f", "json", "--columns", "id,jobs_2024").stdout)
    assert rows[0] == {"id": "example-sakura-systems", "jobs_2024": 18}
    assert sum(row["jobs_2024"] or 0 for row in rows) == 87


def test_columns_refuses_a_year_without_data(uzit: Uzit) -> None:
    result = uzit("list", "--columns", "id,jobs_2019")
    assert result.exit_code == 2
    assert "no resident reports jobs_created for 2019 (years with data: 2024)" in result.stderr


def test_list_json_stays_an_array_and_with_meta_is_an_envelope(uzit: Uzit) -> None:
    assert isinstance(json.loads(uzit("list", "-f", "json").stdout), list)
    document = json.loads(uzit("list", "-f", "json", "--with-meta").stdout)
    assert list(document)[:4] == ["as_of", "illustrative", "title", "uzit_version"]
    assert (document["as_of"], document["illustrative"]) == ("2025-02-28", True)
    assert len(document["residents"]) == 10


def test_with_meta_in_csv_puts_the_snapshot_on_every_row(uzit: Uzit) -> None:
    lines = uzit("list", "-f", "csv", "-c", "id", "--with-meta").stdout.splitlines()
    assert lines[:2] == ["id,as_of,illustrative", "example-sakura-systems,2025-02-28,true"]


def test_with_meta_in_every_row_format_puts_the_snapshot_on_every_row(uzit: Uzit) -> None:
    for name, record in FORMATS.items():
        if record.shape == "rows":  # a new such format gets it from its record
            lines = uzit("list", "-f", name.value, "-c", "id", "--with-meta").stdout.splitlines()
            assert "as_of" in lines[0] and "2025-02-28" in lines[-1], name


def test_show_with_meta(uzit: Uzit) -> None:
    result = uzit("show", "example-sakura-systems", "-f", "json", "--with-meta")
    document = json.loads(result.stdout)
    assert document["as_of"] == "2025-02-28" and document["resident"]["name_ja"] == SAKURA_JA


def test_with_meta_changes_the_wrapper_and_never_the_records(uzit: Uzit) -> None:
    # example-bukhara-edtech has no export_markets: a null there would fail `validate`
    for name, record in FORMATS.items():
        if record.shape != "document":  # json and yaml, and a new such format from its record
            continue
        for command, key in (
            (("list",), "residents"),
            (("show", "example-bukhara-edtech"), "resident"),
        ):
            plain = yaml.safe_load(uzit(*command, "-f", name.value).stdout)
            wrapped = yaml.safe_load(uzit(*command, "-f", name.value, "--with-meta").stdout)
            assert wrapped[key] == plain, (name, command)
    shown = json.loads(uzit("show", "example-bukhara-edtech", "-f", "json").stdout)
    assert "export_markets" not in shown  # left out, as in `uzit list -f json`


def test_spread_names_and_year_column() -> None:
    residents = load_registry(BUNDLED).residents
    assert spread_names(["id", "jobs_created", "export_revenue_usd"], residents) == (
        "id",
        "jobs_2024",
    )
    assert year_column("export_revenue_usd_2025") == ("export_revenue_usd", 2025)
    assert year_column("jobs_total") is None


# ------------------------------------------------------------------------------ start-up


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Loaded]:
    """One interpreter: two other commands first, as new processes run them, then export and
    import of a workbook."""
    folder = tmp_path_factory.mktemp("probe")
    book, back = folder / "out.xlsx", folder / "back.yaml"
    runs = modules_after(
        [
            ["stats", "-f", "json"],
            ["list", "-f", "csv", "--bom"],
            ["export", str(book)],
            ["import", str(book), "-o", str(back)],
        ]
    )
    assert back.read_text(encoding="utf-8").startswith("# Imported by `uzit import` from out.xlsx")
    return {run.args[0]: run for run in runs}


def test_other_commands_do_not_import_openpyxl(probe: dict[str, Loaded]) -> None:
    assert probe["stats"].status == probe["list"].status == 0
    loaded = probe["list"].after  # after both
    assert "openpyxl" not in loaded, "openpyxl imported"
    assert "uzit_cli.exchange.export" not in loaded
    assert "sqlite3" not in loaded


def test_export_and_import_never_import_pydantic(probe: dict[str, Loaded]) -> None:
    assert probe["export"].status == probe["import"].status == 0
    assert "openpyxl" in probe["export"].new  # the control: this probe sees what loads
    assert not [m for m in probe["import"].after if m.startswith("pydantic")], "pydantic imported"


def test_a_workbook_without_projection_sheets_says_why(
    uzit: Uzit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from uzit_cli.exchange import export
    from uzit_cli.problems import UzitError

    def overflowing(*args: object) -> None:
        raise UzitError("the jobs created in 2024 add up to a number too large to compute with")

    monkeypatch.setattr(export, "project_scenarios", overflowing)
    book = tmp_path / "r.xlsx"
    result = uzit("export", str(book))
    assert result.exit_code == 0
    why = "no projection sheets: the jobs created in 2024 add up to a number too large to compute"
    assert result.stderr.splitlines()[0] == f"uzit: warning: {why} with"
    workbook = openpyxl.load_workbook(book)
    assert not any(name.startswith("Projection") for name in workbook.sheetnames)
    about = dict(workbook["About"].iter_rows(min_row=2, values_only=True))  # type: ignore[arg-type]
    assert about["projection"] == f"{why} with"
