"""`uzit list` through the real CLI: every filter, sort, column and format, parsed back and
compared with the registry; markup in names; the terminal row limit, a closed pipe and Ctrl-C
in real subprocesses."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BUNDLED, MINIMAL_HEADER, ROOT, Uzit

from uzit_cli.model import RESIDENT_FIELDS, Resident, ResidentField
from uzit_cli.output import Format
from uzit_cli.registry import load_registry, parse_registry
from uzit_cli.resident_columns import COLUMN_NAMES, RECORD_FIELDS

IDS = [
    "example-sakura-systems",
    "example-fuji-data-lab",
    "example-kaizen-bpo",
    "example-origami-games",
    "example-hikari-software",
    "example-bukhara-edtech",
    "example-silk-road-consulting",
    "example-registan-creative",
    "example-fergana-it-services",
    "example-tsukuba-ai",
]
TSV_HEADER = "id\tname\tcity\tsectors\tjoined\texports_to_japan\tjobs\theadcount"
TRY_HELP = "Try 'uzit list --help' for help."

# Every field filled in, with text that needs quoting or escaping in some format.
FULL = (
    MINIMAL_HEADER
    + """\
    - id: other
      title: Another source
      publisher: Someone else
      url: https://example.org/other
      published: 2024-12-01
residents:
  - id: full-one
    name: 'Full One, "Quoted" [bold]Ltd[/bold]'
    name_ja: フル・ワン株式会社
    joined: 2023-03-15
    city: Tashkent
    sectors: [outsourcing, ai-data]
    exports_to_japan: true
    export_markets: [JP, US]
    headcount: 1250
    jobs_created: {2023: 40, 2024: 1100}
    export_revenue_usd: {2023: 125000.5, 2024: 2500000}
    website: https://example.com/full-one
    sources: [src, other]
    note: "Two lines:\\nsecond one\\twith a tab, a backslash \\\\ and | pipes"
  - id: bare-two
    name: Bare Two
    joined: 2024-06-30
    city: samarkand
    sectors: [bpo]
    exports_to_japan: false
  - id: third
    name: Third
    joined: 2024-01-01
    city: Tashkent
    sectors: [ai-data]
    exports_to_japan: false
    jobs_created: {2024: 1100}
"""
)


@pytest.fixture
def full(write_registry: Callable[[str, str], Path]) -> str:
    return str(write_registry(FULL, "full.yaml"))


def ids(stdout: str) -> list[str]:
    """The first field of each TSV line after the header: what `cut -f1` gives."""
    return [line.split("\t")[0] for line in stdout.splitlines()[1:]]


def listing(uzit: Uzit, *args: str) -> list[str]:
    result = uzit("list", *args)
    assert result.exit_code == 0, result.stderr
    return ids(result.stdout)


# The default output in a pipe.


def test_in_a_pipe_the_default_is_tsv_with_the_default_columns(uzit: Uzit) -> None:
    result = uzit("list")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == TSV_HEADER
    assert lines[1] == (
        "example-sakura-systems\tExample Sakura Systems\tTashkent\t"
        "outsourcing,software-development\t2022-09-14\ttrue\t18\t"
    )
    assert (
        lines[-1]
        == "example-tsukuba-ai\tExample Tsukuba AI\tTashkent\tai-data\t2025-01-20\tfalse\t\t"
    )
    assert len(lines) == 11


def test_cut_f1_prints_the_ids(uzit: Uzit) -> None:
    assert listing(uzit) == IDS  # registry order
    result = uzit("list", "--no-header")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == IDS


def test_jobs_in_the_last_year_with_data_add_up_to_the_published_87(uzit: Uzit) -> None:
    rows = [line.split("\t") for line in uzit("list").stdout.splitlines()[1:]]
    jobs = [int(row[6]) for row in rows if row[6]]
    assert sum(jobs) == 87 and len(jobs) == 9


# Machine formats carry every field, equal to the registry's values.


def as_json(resident: Resident, *, every_field: bool = False) -> dict[str, Any]:
    """A resident as JSON should carry it, computed here independently of the output layer:
    the fields the record has (absent ones, None or no years, are left out unless
    `every_field`, as with fields asked for by --columns)."""

    def value(kind: str, item: Any) -> Any:
        if item is None:
            return None
        if kind == "date":
            return item.isoformat()
        if kind == "list":
            return list(item)
        if kind == "years":
            return {str(year): amount for year, amount in item.items()}
        return item

    record = {f.name: value(f.spec.kind, getattr(resident, f.name)) for f in RESIDENT_FIELDS}
    if every_field:
        return record
    return {key: value for key, value in record.items() if value not in (None, {}, [])}


@pytest.mark.parametrize("path", ["bundled", "full"])
def test_json_round_trips_every_field_of_the_registry(uzit: Uzit, full: str, path: str) -> None:
    source = str(BUNDLED) if path == "bundled" else full
    result = uzit("list", "-r", source, "-f", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    registry = load_registry(source)
    assert records == [as_json(r) for r in registry.residents]
    assert all(
        list(record) == [name for name in RECORD_FIELDS if name in record] for record in records
    )
    assert result.stdout.count("\n") == 1  # compact in a pipe


def test_jsonl_and_yaml_carry_the_same_records(uzit: Uzit, full: str) -> None:
    expected = [as_json(r) for r in load_registry(full).residents]
    jsonl = uzit("list", "-r", full, "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in jsonl] == expected
    assert yaml.safe_load(uzit("list", "-r", full, "-f", "yaml").stdout) == expected


def pasted_back(records: Any) -> tuple[Resident, ...]:
    """Records written by `uzit list` pasted under `residents:` after the bundled registry's
    header, and read by the registry's own parser (which raises on any problem)."""
    text = BUNDLED.read_text(encoding="utf-8")
    header = text[text.index("schema: 1") : text.index("\nresidents:")]
    body = yaml.safe_dump({"residents": records}, allow_unicode=True, sort_keys=False)
    return parse_registry((header + "\n" + body).encode(), "pasted.yaml").residents


@pytest.mark.parametrize("path", ["bundled", "full"])
def test_yaml_pasted_back_as_residents_validates_and_is_equal(
    uzit: Uzit, full: str, path: str
) -> None:
    source = str(BUNDLED) if path == "bundled" else full
    output = uzit("list", "-r", source, "-f", "yaml").stdout
    assert "null" not in output and "{}" not in output
    # Pasted as text, as a user would: indented under the registry's own header.
    text = Path(source).read_text(encoding="utf-8")
    header = text[: text.index("\nresidents:")]
    pasted = header + "\nresidents:\n" + "".join(f"  {line}\n" for line in output.splitlines())
    residents = parse_registry(pasted.encode(), "pasted.yaml").residents
    assert residents == load_registry(source).residents


def test_json_pasted_back_as_residents_validates_and_is_equal(uzit: Uzit) -> None:
    records = json.loads(uzit("list", "-f", "json").stdout)
    assert len(records) == 10
    assert all(None not in record.values() and {} not in record.values() for record in records)
    assert pasted_back(records) == load_registry(BUNDLED).residents
    jsonl = uzit("list", "-f", "jsonl").stdout.splitlines()
    assert pasted_back([json.loads(line) for line in jsonl]) == load_registry(BUNDLED).residents


def test_csv_keeps_fixed_columns_with_empty_cells(uzit: Uzit) -> None:
    # --packed-years: one cell per year-keyed field (issue 17 spreads them into columns)
    rows = list(csv.reader(io.StringIO(uzit("list", "-f", "csv", "--packed-years").stdout)))
    assert rows[0] == list(RECORD_FIELDS)
    assert all(len(row) == len(RECORD_FIELDS) for row in rows)
    sakura = dict(zip(rows[0], rows[1], strict=True))
    assert sakura["headcount"] == "" and sakura["website"] == ""


def from_csv(record: dict[str, str]) -> dict[str, Any]:
    """A CSV record read back into registry values, field by field as each is declared: an
    empty cell is the field's default (None, no items or no years)."""
    scalar: dict[str, Callable[[str], Any]] = {
        "text": str,
        "date": dt.date.fromisoformat,
        "bool": {"true": True, "false": False}.__getitem__,
        "int": int,
        "number": float,
    }
    defaults = {f.name: f.default for f in dataclasses.fields(Resident)}

    def value(field: ResidentField, text: str) -> Any:
        kind = field.spec.kind
        if kind == "years":
            assert field.spec.per_year is not None
            amount = scalar[field.spec.per_year[1]]
            pairs = (item.split(":") for item in text.split(",") if item)
            return {int(year): amount(value) for year, value in pairs}
        if not text:
            return defaults[field.name]
        if kind == "list":
            return tuple(text.split(","))
        return scalar[kind](text)

    return {field.name: value(field, record[field.name]) for field in RESIDENT_FIELDS}


@pytest.mark.parametrize("path", ["bundled", "full"])
def test_csv_round_trips_every_field_of_the_registry(uzit: Uzit, full: str, path: str) -> None:
    source = str(BUNDLED) if path == "bundled" else full
    result = uzit("list", "-r", source, "-f", "csv", "--packed-years")
    assert result.exit_code == 0
    assert result.stdout.startswith(",".join(RECORD_FIELDS) + "\r\n")
    records = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    registry = load_registry(source)
    assert [from_csv(record) for record in records] == [
        {field: getattr(r, field) for field in RECORD_FIELDS} for r in registry.residents
    ]


def test_csv_quotes_commas_quotes_and_newlines(uzit: Uzit, full: str) -> None:
    text = uzit("list", "-r", full, "-f", "csv", "--columns", "id,name,note").stdout
    assert text.splitlines()[1] == 'full-one,"Full One, ""Quoted"" [bold]Ltd[/bold]","Two lines:'
    assert 'second one\twith a tab, a backslash \\ and | pipes"\r\n' in text


def test_tsv_escapes_tabs_newlines_and_backslashes(uzit: Uzit, full: str) -> None:
    result = uzit("list", "-r", full, "--columns", "id,note")
    assert result.stdout.splitlines()[1] == (
        "full-one\tTwo lines:\\nsecond one\\twith a tab, a backslash \\\\ and | pipes"
    )


def test_markdown_escapes_registry_text(uzit: Uzit, full: str) -> None:
    result = uzit("list", "-r", full, "-f", "markdown", "--columns", "id,name,note,headcount")
    lines = result.stdout.splitlines()
    assert "| ID | Name | Note | Headcount |" in lines
    assert "|---|---|---|---:|" in lines
    assert (
        '| full-one | Full One, "Quoted" \\[bold\\]Ltd\\[/bold\\] | Two lines:<br>second one'
        "\twith a tab, a backslash \\\\ and \\| pipes | 1,250 |"
    ) in lines


# The table: title, caption, notice, numbers, markup kept literal.


def test_table_has_title_caption_notice_and_symbols(uzit: Uzit) -> None:
    result = uzit("list", "-f", "table", env={"COLUMNS": "200"})
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Illustrative data: the company records are stand-ins")
    assert (
        lines[1].rstrip() == "Japanese-capital residents of IT Park Uzbekistan · as of 2025-02-28"
    )
    headers = [cell.strip() for cell in lines[2].split("  ") if cell.strip()]
    assert headers == [
        *("ID", "Name", "City", "Sectors", "Joined", "Exports to Japan", "Jobs 2024")
    ]
    assert lines[-1].rstrip() == "10 residents · 5 export to Japan"
    assert result.stdout.count("✓") == 5 and result.stdout.count("✗") == 5
    assert "\x1b" not in result.stdout  # a table written to a pipe is never coloured


def test_table_numbers_have_separators_and_align_right(uzit: Uzit, full: str) -> None:
    result = uzit(
        "list", "-r", full, "-f", "table", "--columns", "id,headcount,jobs,export_revenue"
    )
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("ID"))
    assert "Jobs 2024" in header and "Export revenue 2024, USD" in header
    row = next(line for line in lines if line.startswith("full-one"))
    assert row.split() == ["full-one", "1,250", "1,100", "2,500,000"]
    end = header.index("Headcount") + len("Headcount")
    assert row.index("1,250") + len("1,250") == end


def test_markup_in_registry_text_prints_literally(uzit: Uzit, full: str) -> None:
    result = uzit("list", "-r", full, "-f", "table", "--columns", "id,name")
    assert 'Full One, "Quoted" [bold]Ltd[/bold]' in result.stdout
    assert "\x1b" not in result.stdout


CITIES = load_registry(BUNDLED).residents


def test_japanese_names_line_up_in_a_table(uzit: Uzit) -> None:
    from rich.cells import cell_len

    result = uzit("list", "-f", "table", "--columns", "id,name_ja,city")
    rows = [line for line in result.stdout.splitlines() if line.startswith("example-")]
    assert len(rows) == 10
    # The city column starts at the same display cell whatever the width of the Japanese name.
    city_starts = {cell_len(row[: row.index(r.city)]) for row, r in zip(rows, CITIES, strict=True)}
    assert len(city_starts) == 1
    assert "エグザンプル・サクラ・システムズ" in result.stdout


def test_caption_counts_matches_of_the_whole_and_the_limit(uzit: Uzit) -> None:
    result = uzit("list", "-f", "table", "--city", "Tashkent", "--limit", "2")
    assert result.stdout.splitlines()[-1].rstrip() == (
        "6 residents of 10 (first 2 shown) · 4 export to Japan"
    )
    one = uzit("list", "-f", "table", "--search", "kaizen")
    assert one.stdout.splitlines()[-1].rstrip() == "1 resident of 10 · 1 exports to Japan"


# Filters: AND across kinds, OR within one.


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--sector", "ai-data"], ["example-fuji-data-lab", "example-tsukuba-ai"]),
        (
            ["--sector", "bpo", "--sector", "edtech"],
            ["example-kaizen-bpo", "example-bukhara-edtech"],
        ),
        (["--city", "SAMARKAND"], ["example-kaizen-bpo", "example-registan-creative"]),
        (
            ["--city", "bukhara", "--city", "Fergana"],
            ["example-bukhara-edtech", "example-fergana-it-services"],
        ),
        (["--exports-to-japan"], IDS[:5]),
        (["--no-exports-to-japan"], IDS[5:]),
        (["--joined-since", "2024-09-02"], IDS[7:]),
        (["--joined-since", "2025"], ["example-tsukuba-ai"]),
        (["--joined-before", "2024"], IDS[:3]),
        (["--joined-before", "2023-11-20"], IDS[:2]),
        (["--search", "SAKURA"], ["example-sakura-systems"]),
        (["--search", "フジ"], ["example-fuji-data-lab"]),
        (["-s", "kaizen", "-s", "ツクバ"], ["example-kaizen-bpo", "example-tsukuba-ai"]),
        (["--search", "road-cons"], ["example-silk-road-consulting"]),
        (["--min-jobs", "12"], IDS[:3]),
        (["--min-jobs", "0"], IDS),
        (["--min-jobs", "1", "--jobs-year", "2024"], IDS[:9]),
        (
            ["--exports-to-japan", "--city", "Tashkent", "--sector", "software-development"],
            ["example-sakura-systems", "example-fuji-data-lab", "example-hikari-software"],
        ),
    ],
)
def test_filters(uzit: Uzit, args: list[str], expected: list[str]) -> None:
    assert listing(uzit, *args) == expected


def test_the_new_user_question_in_one_command(uzit: Uzit) -> None:
    """Exporters to Japan in Tashkent that joined in 2024, sorted by jobs."""
    result = uzit(
        "list",
        "--exports-to-japan",
        "--city",
        "tashkent",
        "--joined-since",
        "2024",
        "--joined-before",
        "2025",
        "--sort",
        "jobs",
        "--desc",
    )
    assert result.stdout.splitlines()[1:] == [
        "example-origami-games\tExample Origami Games\tTashkent\tgamedev,creative\t"
        "2024-02-12\ttrue\t11\t",
        "example-hikari-software\tExample Hikari Software\tTashkent\tsoftware-development\t"
        "2024-04-08\ttrue\t9\t",
    ]


def test_an_unknown_filter_value_gives_a_hint_and_an_empty_result(uzit: Uzit) -> None:
    result = uzit("list", "--city", "Tashknet")
    assert result.exit_code == 0
    assert result.stdout == TSV_HEADER + "\n"
    lines = result.stderr.splitlines()
    assert lines[0] == "uzit: no resident has city 'Tashknet'; did you mean 'Tashkent'?"
    assert lines[1] == (
        "uzit: no resident matches these filters (the registry has 10 residents; "
        "`uzit list` shows them all)"
    )
    as_json = uzit("list", "--sector", "gamedevv", "-f", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []
    assert "did you mean 'gamedev'?" in as_json.stderr


def test_filters_that_match_nothing_together_say_so(uzit: Uzit) -> None:
    result = uzit("list", "--city", "Fergana", "--exports-to-japan")
    assert result.exit_code == 0 and result.stdout == TSV_HEADER + "\n"
    assert result.stderr.startswith("uzit: no resident matches these filters")


def test_an_empty_registry(uzit: Uzit, write_registry: Callable[[str, str], Path]) -> None:
    path = write_registry(MINIMAL_HEADER + "residents: []\n", "empty.yaml")
    result = uzit("list", "-r", str(path))
    assert result.exit_code == 0 and result.stdout == TSV_HEADER + "\n"
    assert result.stderr == "uzit: the registry has no residents\n"
    table = uzit("list", "-r", str(path), "-f", "table")
    assert "0 residents · 0 export to Japan" in table.stdout
    assert "Jobs 2" not in table.stdout and "Jobs" in table.stdout  # no year has data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--joined-since", "last year"], "is not a date or a year"),
        (["--joined-before", "2024-02-30"], "2024-02-30 is not a calendar date"),
        (["--min-jobs", "-1"], "'--min-jobs': -1 is below the minimum of 0."),
        (["--min-jobs", "3.5"], "'--min-jobs': '3.5' is not a whole number."),
        (["--limit", "-5"], "'-n': -5 is below the minimum of 0."),
        (["--jobs-year", "24"], "'--jobs-year': 24 is below the minimum of 1000."),
        (["--jobs-year", "10000"], "'--jobs-year': 10000 is above the maximum of 9999."),
        (["-f", "xml"], "'-f': 'xml' is not one of " + ", ".join(f"'{f.value}'" for f in Format)),
    ],
)
def test_bad_option_values_are_usage_errors(uzit: Uzit, args: list[str], message: str) -> None:
    result = uzit("list", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("uzit: error: Invalid value for")
    assert message in result.stderr
    assert result.stderr.splitlines()[-1] == TRY_HELP
    assert result.stdout == ""


# Sorting: any field, ties by id, missing values last in either direction.


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--sort", "jobs"],
            [
                "example-fergana-it-services",
                "example-registan-creative",
                "example-silk-road-consulting",
                "example-bukhara-edtech",
                "example-hikari-software",
                "example-origami-games",
                "example-kaizen-bpo",
                "example-fuji-data-lab",
                "example-sakura-systems",
                "example-tsukuba-ai",
            ],
        ),
        (["--sort", "jobs", "--desc"], IDS),
        (["--sort", "id"], sorted(IDS)),
        (["--sort", "ID", "--desc"], sorted(IDS, reverse=True)),
        (["--sort", "joined", "--desc"], IDS[::-1]),
        (["--sort", "name"], sorted(IDS)),
        (
            ["--sort", "city"],
            [
                "example-bukhara-edtech",
                "example-fergana-it-services",
                "example-kaizen-bpo",
                "example-registan-creative",
                "example-fuji-data-lab",
                "example-hikari-software",
                "example-origami-games",
                "example-sakura-systems",
                "example-silk-road-consulting",
                "example-tsukuba-ai",
            ],
        ),
        (["--sort", "exports-to-japan", "--desc"], sorted(IDS[:5]) + sorted(IDS[5:])),
        (
            ["--sort", "name_ja"],
            [
                "example-origami-games",
                "example-sakura-systems",
                "example-tsukuba-ai",
                "example-fuji-data-lab",
                *sorted(
                    [
                        "example-kaizen-bpo",
                        "example-hikari-software",
                        "example-bukhara-edtech",
                        "example-silk-road-consulting",
                        "example-registan-creative",
                        "example-fergana-it-services",
                    ]
                ),
            ],
        ),
        (["--desc"], IDS[::-1]),
    ],
)
def test_sort(uzit: Uzit, args: list[str], expected: list[str]) -> None:
    assert listing(uzit, *args) == expected


def test_sort_by_every_column_is_accepted_and_keeps_every_resident(uzit: Uzit, full: str) -> None:
    from uzit_cli.query import SORT_FIELDS

    assert SORT_FIELDS == COLUMN_NAMES  # any column can be sorted on
    for field in SORT_FIELDS:
        for direction in ([], ["--desc"]):
            got = listing(uzit, "-r", full, "--sort", field, *direction)
            assert sorted(got) == ["bare-two", "full-one", "third"], field


def test_sort_ties_are_broken_by_id_and_missing_values_stay_last(uzit: Uzit, full: str) -> None:
    # full-one and third both created 1,100 jobs in 2024; bare-two has no jobs data
    assert listing(uzit, "-r", full, "--sort", "jobs") == ["full-one", "third", "bare-two"]
    assert listing(uzit, "-r", full, "--sort", "jobs", "--desc") == [
        "full-one",
        "third",
        "bare-two",
    ]
    assert listing(uzit, "-r", full, "--sort", "headcount", "--desc") == [
        "full-one",
        "bare-two",
        "third",
    ]


def test_an_unknown_sort_field_is_a_usage_error_listing_the_fields(uzit: Uzit) -> None:
    result = uzit("list", "--sort", "jbos")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("uzit: error: Invalid value for '--sort': unknown sort field 'jbos'")
    assert "; did you mean 'jobs'? Valid fields: " in first
    valid = ", ".join(COLUMN_NAMES) + ", or jobs_YEAR, export_revenue_usd_YEAR"
    assert first.endswith("Valid fields: " + valid)
    assert result.stderr.splitlines()[-1] == TRY_HELP


def test_sort_takes_a_year_column_as_columns_does(uzit: Uzit) -> None:
    result = uzit("list", "--sort", "jobs_2024", "--desc", "-c", "id,jobs_2024", "-n", "2")
    assert result.stdout.splitlines()[1:] == [
        "example-sakura-systems\t18",
        "example-fuji-data-lab\t14",
    ]


# Columns, limit and jobs year.


def test_columns_in_any_order_and_spelling(uzit: Uzit) -> None:
    result = uzit("list", "--columns", " name_ja, ID ,jobs-total", "--limit", "1")
    assert result.stdout.splitlines() == [
        "name_ja\tid\tjobs_total",
        "エグザンプル・サクラ・システムズ\texample-sakura-systems\t18",
    ]


@pytest.mark.parametrize("column", COLUMN_NAMES)
def test_every_column_in_every_format(uzit: Uzit, full: str, column: str) -> None:
    registry = load_registry(full)
    for fmt in (f.value for f in Format if f is not Format.auto):
        result = uzit("list", "-r", full, "-f", fmt, "--columns", f"id,{column}")
        assert result.exit_code == 0, (fmt, result.stderr)
    records = json.loads(uzit("list", "-r", full, "-f", "json", "-c", f"id,{column}").stdout)
    assert [list(record) for record in records] == [
        ["id", column] if column != "id" else ["id"]
    ] * 3
    if column in RECORD_FIELDS:
        assert [record[column] for record in records] == [
            as_json(r, every_field=True)[column] for r in registry.residents
        ]


def test_derived_columns_use_the_jobs_year(uzit: Uzit, full: str) -> None:
    columns = "id,jobs,jobs_total,export_revenue"
    last = json.loads(uzit("list", "-r", full, "-f", "json", "-c", columns).stdout)
    assert last[0] == {
        "id": "full-one",
        "jobs": 1100,
        "jobs_total": 1140,
        "export_revenue": 2500000.0,
    }
    assert last[1] == {"id": "bare-two", "jobs": None, "jobs_total": None, "export_revenue": None}
    earlier = uzit("list", "-r", full, "-f", "json", "-c", columns, "--jobs-year", "2023")
    assert json.loads(earlier.stdout)[0] == {
        "id": "full-one",
        "jobs": 40,
        "jobs_total": 1140,
        "export_revenue": 125000.5,
    }
    table = uzit("list", "-r", full, "-f", "table", "-c", columns, "--jobs-year", "2023")
    assert "Jobs 2023" in table.stdout and "Export revenue 2023, USD" in table.stdout


def test_an_unknown_column_is_a_usage_error_listing_the_columns(uzit: Uzit) -> None:
    """Every column, the per-year ones with the years this registry has data for (without them
    when the registry cannot be read: its problems come once the columns are right)."""
    per_year = "jobs_YEAR (2024), export_revenue_usd_YEAR (no year with data)"
    result = uzit("list", "--columns", "id,nmae")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "uzit: error: Invalid value for '--columns': unknown column 'nmae'; did you mean 'name'? "
        f"Valid columns: {', '.join(COLUMN_NAMES)}; one per year: {per_year}"
    )
    assert lines[-1] == TRY_HELP
    assert "did you mean 'jobs_2024'?" in uzit("list", "-c", "jobs_224").stderr
    unread = uzit("list", "-c", "nosuch", "-r", "missing.yaml")
    assert unread.exit_code == 2
    assert "; one per year: jobs_YEAR, export_revenue_usd_YEAR\n" in unread.stderr
    empty = uzit("list", "--columns", " , ")
    assert empty.exit_code == 2 and "no column given" in empty.stderr


def test_limit(uzit: Uzit) -> None:
    assert listing(uzit, "--limit", "3") == IDS[:3]
    assert listing(uzit, "-n", "0") == IDS
    assert listing(uzit, "--sort", "jobs", "--limit", "1") == ["example-fergana-it-services"]
    records = json.loads(uzit("list", "-f", "json", "--limit", "2").stdout)
    assert [r["id"] for r in records] == IDS[:2]


def test_no_header(uzit: Uzit) -> None:
    for fmt in ("tsv", "csv"):
        result = uzit("list", "-f", fmt, "--no-header", "--limit", "1", "-c", "id,city")
        assert result.stdout in (
            "example-sakura-systems\tTashkent\n",
            "example-sakura-systems,Tashkent\r\n",
        )


def test_help_documents_the_defaults(uzit: Uzit) -> None:
    text = " ".join(uzit("list", "--help").stdout.split())
    assert "every record field" in text and "round-trip" in text
    assert "shows the first 50" in text


# Real processes: a terminal, a pipe closed early, Ctrl-C.


def big_registry(count: int) -> str:
    lines = [MINIMAL_HEADER, "residents:\n"]
    for index in range(count):
        lines.append(
            f"  - id: resident-{index:05d}\n"
            f"    name: Resident {index:05d}\n"
            "    joined: 2024-01-01\n"
            "    city: Tashkent\n"
            "    sectors: [outsourcing]\n"
            "    exports_to_japan: false\n"
            f"    jobs_created: {{2024: {index % 50}}}\n"
        )
    return "".join(lines)


def environment(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("UZIT_REGISTRY", "FORCE_COLOR", "COLUMNS", "LINES")
    }
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def test_on_a_terminal_the_table_shows_the_first_50_rows_and_says_how_to_see_all(
    uzit: Uzit, tmp_path: Path
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(big_registry(120), encoding="utf-8")
    on_a_terminal = {"terminal": 120, "env": {"TERM": "xterm"}}
    text = uzit("list", "-r", str(path), **on_a_terminal).stdout
    assert text.count("resident-") == 50
    assert "resident-00049" in text and "resident-00050" not in text
    assert "… 70 more rows not shown; --limit 0 shows all, -f tsv prints them as plain text" in text
    assert "120 residents · 0 export to Japan" in text
    everything = uzit("list", "-r", str(path), "--limit", "0", **on_a_terminal).stdout
    assert everything.count("resident-") == 120 and "not shown" not in everything
    some = uzit("list", "-r", str(path), "--limit", "60", **on_a_terminal).stdout
    assert some.count("resident-") == 60 and "not shown" not in some
    assert "120 residents (first 60 shown)" in some


def test_head_1_in_a_real_shell_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(big_registry(5000), encoding="utf-8")
    command = f"{sys.executable} -m uzit_cli list -r {path} | head -1"
    result = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, env=environment(), timeout=60
    )
    assert result.stdout == TSV_HEADER + "\n"
    assert result.stderr == ""


# `head -1` of every format, and Ctrl-C: tests/test_process.py, once each.
