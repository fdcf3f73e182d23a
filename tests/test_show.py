"""`uzit show ID` through the real CLI: every field, sources resolved, every format, and the
unknown-id error with its suggestions."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED, MINIMAL_HEADER, Uzit

from uzit_cli.registry import load_registry
from uzit_cli.resident_columns import RECORD_FIELDS

SAKURA = "example-sakura-systems"
TREND = {
    "id": "trend-2025-02-28",
    "title": "Interview with Sakurai Akihiro, advisor to the Minister of Digital Technologies "
    "of Uzbekistan",
    "publisher": "Trend News Agency",
    "published": "2025-02-28",
    "url": "https://en.trend.az/casia/uzbekistan/4011316.html",
}

FULL = (
    MINIMAL_HEADER
    + """\
      url: https://example.org/a-source
      published: 2024-05-01
    - id: undated
      title: "An undated [b]page[/b]"
      publisher: Someone
residents:
  - id: full-one
    name: "Full One [red]Ltd[/red]"
    name_ja: フル・ワン
    joined: 2023-03-15
    city: Tashkent
    sectors: [outsourcing, ai-data]
    exports_to_japan: true
    export_markets: [JP, US]
    headcount: 1250
    jobs_created: {2023: 40, 2024: 1100}
    export_revenue_usd: {2024: 2500000}
    website: https://example.com/full-one
    sources: [src, undated]
    note: "Two lines:\\nthe second"
"""
)


@pytest.fixture
def full(write_registry: Callable[[str, str], Path]) -> str:
    return str(write_registry(FULL, "full.yaml"))


def test_tsv_is_one_field_a_line_with_the_registry_names(uzit: Uzit) -> None:
    result = uzit("show", SAKURA)
    assert result.exit_code == 0 and result.stderr == ""
    values = {
        "id": SAKURA,
        "name": "Example Sakura Systems",
        "name_ja": "エグザンプル・サクラ・システムズ",
        "joined": "2022-09-14",
        "city": "Tashkent",
        "sectors": "outsourcing,software-development",
        "exports_to_japan": "true",
        "export_markets": "JP",
        "jobs_created": "2024:18",
        "sources": "trend-2025-02-28",
        "note": "Illustrative stand-in; not a real company.",
    }
    # every declared field, in the registry's order; the ones Sakura lacks are empty
    assert result.stdout.splitlines() == [
        "field\tvalue",
        *(f"{name}\t{values.get(name, '')}" for name in RECORD_FIELDS),
    ]
    assert "headcount\t" in result.stdout.splitlines()


def test_json_is_the_record_with_sources_resolved(uzit: Uzit) -> None:
    result = uzit("show", SAKURA, "-f", "json")
    record = json.loads(result.stdout)
    # Absent optional fields are left out, not written as null or {}.
    (sakura,) = [r for r in load_registry(BUNDLED).residents if r.id == SAKURA]
    assert list(record) == [
        name for name in RECORD_FIELDS if getattr(sakura, name) not in (None, (), {})
    ]
    assert not {"headcount", "export_revenue_usd", "website"} & set(record)
    assert record["jobs_created"] == {"2024": 18}
    assert record["exports_to_japan"] is True
    source = record["sources"][0]
    assert {key: source[key] for key in TREND} == TREND
    assert source["note"].startswith("10 Japanese-capital IT Park residents")


def test_json_of_a_full_record(uzit: Uzit, full: str) -> None:
    record = json.loads(uzit("show", "full-one", "-r", full, "-f", "json").stdout)
    assert record == {
        "id": "full-one",
        "name": "Full One [red]Ltd[/red]",
        "name_ja": "フル・ワン",
        "joined": "2023-03-15",
        "city": "Tashkent",
        "sectors": ["outsourcing", "ai-data"],
        "exports_to_japan": True,
        "export_markets": ["JP", "US"],
        "headcount": 1250,
        "jobs_created": {"2023": 40, "2024": 1100},
        "export_revenue_usd": {"2024": 2500000},
        "website": "https://example.com/full-one",
        "sources": [
            {
                "id": "src",
                "title": "A source",
                "publisher": "A publisher",
                "published": "2024-05-01",
                "url": "https://example.org/a-source",
            },
            {
                "id": "undated",
                "title": "An undated [b]page[/b]",
                "publisher": "Someone",
            },
        ],
        "note": "Two lines:\nthe second",
    }
    assert yaml.safe_load(uzit("show", "full-one", "-r", full, "-f", "yaml").stdout) == record
    jsonl = uzit("show", "full-one", "-r", full, "-f", "jsonl").stdout
    assert jsonl.count("\n") == 1 and json.loads(jsonl) == record


def test_table_shows_every_field_and_the_sources(uzit: Uzit, full: str) -> None:
    result = uzit("show", "full-one", "-r", full, "-f", "table")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "Full One [red]Ltd[/red]"  # markup prints literally
    assert lines[1].split() == ["Field", "Value"]
    body = "\n".join(lines)
    for expected in (
        "ID                   full-one",
        "Japanese name        フル・ワン",
        "Exports to Japan     ✓",
        "Export markets       JP, US",
        "Headcount            1,250",
        "Jobs created         2023: 40, 2024: 1,100",
        "Export revenue, USD  2024: 2,500,000",
        "Sources              A source\n"
        "                     A publisher, 2024-05-01\n"
        "                     https://example.org/a-source\n"
        "\n"
        "                     An undated [b]page[/b]\n"
        "                     Someone",
        "Note                 Two lines:\n                     the second",
    ):
        assert expected in body
    assert lines[-1] == "Test registry · as of 2025-02-28"
    assert "\x1b" not in result.stdout


def test_table_of_the_bundled_registry_says_it_is_illustrative(uzit: Uzit) -> None:
    result = uzit("show", SAKURA, "-f", "table")
    assert result.stdout.startswith("Illustrative data:")
    assert "Headcount            —" in result.stdout
    assert "Trend News Agency, 2025-02-28" in result.stdout
    assert TREND["url"] in result.stdout


def test_csv_and_markdown(uzit: Uzit, full: str) -> None:
    records = list(
        csv.reader(io.StringIO(uzit("show", "full-one", "-r", full, "-f", "csv").stdout))
    )
    assert records[0] == ["field", "value"]
    assert dict(records[1:])["jobs_created"] == "2023:40,2024:1100"
    assert dict(records[1:])["note"] == "Two lines:\nthe second"
    markdown = uzit("show", "full-one", "-r", full, "-f", "markdown").stdout
    assert "### Full One \\[red\\]Ltd\\[/red\\]" in markdown
    assert (
        "| Sources | A source<br>A publisher, 2024-05-01<br>https\\://example.org/a-source<br>"
        in (markdown)
    )


def test_the_id_is_found_in_any_case(uzit: Uzit) -> None:
    result = uzit("show", SAKURA.upper())
    assert result.exit_code == 0 and f"id\t{SAKURA}" in result.stdout


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        (
            "example-sakura-sytems",
            "no resident with id 'example-sakura-sytems'; did you mean 'example-sakura-systems'?",
        ),
        ("sakura", "no resident with id 'sakura'; did you mean 'example-sakura-systems'?"),
        (
            "example-f",
            "no resident with id 'example-f'; did you mean 'example-fuji-data-lab' or "
            "'example-fergana-it-services'?",
        ),
        ("zzz", "no resident with id 'zzz'; `uzit list` shows the ids"),
    ],
)
def test_an_unknown_id_exits_1_and_suggests(uzit: Uzit, wanted: str, message: str) -> None:
    result = uzit("show", wanted)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"uzit: error: {message}\n"


def test_a_missing_id_is_a_usage_error(uzit: Uzit) -> None:
    result = uzit("show")
    assert result.exit_code == 2
    assert "Missing argument 'ID'" in result.stderr
