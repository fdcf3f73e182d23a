"""Issue 27: cross-tabs, growth, IT Park as a whole, --jq and validate -q, through the CLI
and the pure functions behind them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import BUNDLED, Uzit

from uzit_cli.crosstab import crosstab
from uzit_cli.growth import compound_rate, span_rate, year_changes
from uzit_cli.model import Resident
from uzit_cli.registry import load_registry

RESIDENTS = load_registry(BUNDLED).residents

ROBOTICS = """\
  - id: example-robotics
    name: Example Robotics
    joined: 2024-05-01
    city: TASHKENT
    sectors: [robotics, outsourcing]
    exports_to_japan: false
    headcount: 12
    jobs_created: {2024: 4}
"""


def with_robotics(tmp_path: Path) -> Path:
    path = tmp_path / "robotics.yaml"
    path.write_text(BUNDLED.read_text(encoding="utf-8") + ROBOTICS, encoding="utf-8")
    return path


def test_jobs_by_city_and_year_shows_tashkent_and_the_year_total(uzit: Uzit) -> None:
    result = uzit("stats", "--by", "city", "--by", "year", "--measure", "jobs", "-f", "table")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2].split() == ["City", "2024", "Total"]
    assert next(line for line in lines if line.startswith("Tashkent")).split() == [
        "Tashkent", "59", "59"
    ]  # fmt: skip
    assert next(line for line in lines if line.startswith("Total")).split() == ["Total", "87", "87"]


def test_a_cross_tab_is_one_record_per_cell_in_machine_formats(uzit: Uzit) -> None:
    result = uzit("stats", "--by", "city", "--by", "year", "--measure", "jobs", "-f", "json")
    records = json.loads(result.stdout)
    assert {"city": "Tashkent", "year": 2024, "jobs": 59} in records
    assert len(records) == 4 and sum(r["jobs"] for r in records) == 87
    csv = uzit("stats", "--by", "sector", "--by", "exports-to-japan", "-f", "csv").stdout
    assert csv.splitlines()[0] == "sector,exports_to_japan,residents"


def test_a_resident_counts_once_per_sector_and_once_in_the_margins() -> None:
    table = crosstab(RESIDENTS, "sector", "joined-year", "residents")
    assert sum(table.row_totals.values()) == 13  # ten residents, three of them in two sectors
    assert table.total == 10 and sum(table.column_totals.values()) == 10
    assert table.column_labels == ("2022", "2023", "2024", "2025")
    assert table.cells["software-development", "2022"] == 1


def test_residents_and_exporters_count_in_the_year_they_joined() -> None:
    table = crosstab(RESIDENTS, "exports-to-japan", "year", "exporters")
    assert dict(table.column_totals) == {"2022": 1, "2023": 2, "2024": 2}  # no exporter in 2025


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--by", "city", "--by", "city"), "--by city is given twice"),
        (("--by", "city", "--by", "sector", "--by", "year"), "--by can be given at most twice"),
        (("--by", "year", "--measure", "headcount"), "headcount has no year"),
        (("--measure", "jobs"), "--measure says what a --by table counts"),
        (("--growth", "--by", "city"), "--growth is a table of its own"),
        (("--by", "town"), "'town' is not one of city, sector, joined-year"),
    ],
)
def test_impossible_cross_tabs_are_usage_errors(uzit: Uzit, args: tuple[str], message: str) -> None:
    result = uzit("stats", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_growth_gives_the_change_and_the_compound_rate_from_the_joined_dates(uzit: Uzit) -> None:
    result = uzit("stats", "--growth", "-f", "json")
    doc = json.loads(result.stdout)
    residents = doc["compound_annual_rates"]["residents"]
    assert (residents["from_year"], residents["to_year"]) == (2022, 2024)
    assert residents["rate"] == pytest.approx(2.0)  # 1 to 9 residents in two years: (9/1)^½ − 1
    last = doc["years"][-1]
    assert (last["year"], last["so_far"], last["residents_change"]) == (2025, True, 1)
    assert last["residents_change_share"] is None  # a year so far is left out of the rates
    table = uzit("stats", "--growth", "-f", "table").stdout
    assert "2025 (so far)" in table and "Residents: 200.0 % a year, compound, 2022–2024" in table


def test_one_definition_of_compound_growth() -> None:
    assert compound_rate(10, 20, 5) == pytest.approx(2 ** (1 / 5) - 1)
    assert compound_rate(0, 5, 2) is None
    changes = year_changes({2022: 2, 2023: 3, 2024: 0, 2025: 4}, last_complete_year=2024)
    assert [c.change for c in changes] == [None, 1, -3, 4]
    assert [c.change_share for c in changes] == [None, 0.5, -1.0, None]
    found = span_rate({2021: 0, 2022: 2, 2023: 8, 2024: 9}, last_complete_year=2023)
    assert found is not None and (found.first, found.last) == (2022, 2023)  # from the first > 0
    assert found.rate == pytest.approx(3.0)  # 2024 is a year so far: left out
    assert span_rate({2023: 5, 2024: 9}, last_complete_year=2023) is None  # one complete year


def test_year_columns_of_a_breakdown_carry_the_change(uzit: Uzit) -> None:
    # bundled: joined 2022 1, 2023 2, 2024 6, 2025 (so far) 1
    table = uzit("stats", "--by", "joined-year", "-f", "table").stdout
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line[:2] == "20"}
    assert rows["2024"][:5] == ["2024", "6", "4", "200.0", "%"]  # next to Residents
    assert rows["2025"][:5] == ["2025", "(so", "far)", "1", "—"]  # empty, and no Change %
    assert rows["2025"][5] == "—"
    assert "Compound annual rate of residents joined: 144.9 % a year" in table
    records = {
        r["group"]: r for r in json.loads(uzit("stats", "--by", "joined-year", "-f", "json").stdout)
    }
    assert (records["2024"]["change"], records["2024"]["change_share"]) == (4, 2.0)
    assert (records["2025"]["change"], records["2025"]["change_share"]) == (None, None)


def test_by_year_carries_the_change_and_says_it_counts_joins(uzit: Uzit) -> None:
    table = uzit("stats", "--by", "year", "-f", "table").stdout
    row = next(line for line in table.splitlines() if line.startswith("2024 "))
    assert row.split() == ["2024", "6", "4", "200.0", "%"]
    records = json.loads(uzit("stats", "--by", "year", "-f", "json").stdout)
    assert records[2] == {"year": 2024, "residents": 6, "change": 4, "change_share": 2.0}
    assert records[3]["change"] is None and records[3]["change_share"] is None
    crossed = uzit("stats", "--by", "city", "--by", "joined-year", "-f", "table").stdout
    assert "Residents joined: change from the year before" in crossed  # not "Residents"


def test_stats_shows_the_residents_as_a_share_of_it_park_with_both_dates(uzit: Uzit) -> None:
    table = uzit("stats", "-f", "table").stdout
    row = next(line for line in table.splitlines() if line.startswith("Foreign-capital"))
    assert row.split()[2:8] == ["574", "2024-09-30", "10", "2025-02-28", "1.7", "%"]
    assert "The dates are 151 days apart" in table
    doc = json.loads(uzit("stats", "-f", "json").stdout)["park_context"]
    assert doc[0]["park_value"] == 574 and doc[0]["share"] == pytest.approx(10 / 574)


def test_a_context_figure_is_read_and_checked(uzit: Uzit, tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    bad = text.replace("metric: foreign_capital_residents", "metric: foreign_residents", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    result = uzit("validate", str(path))
    assert result.exit_code == 1 and "foreign_residents" in result.stderr
    assert "foreign_capital_residents" in result.stderr  # the choices, or the closest


def test_groups_keep_the_registry_spelling_whatever_the_filters(uzit: Uzit, tmp_path: Path) -> None:
    path = str(with_robotics(tmp_path))
    groups = json.loads(
        uzit("stats", "-r", path, "--by", "city", "--sector", "robotics", "-f", "json").stdout
    )
    assert [g["group"] for g in groups] == ["Tashkent"]  # not TASHKENT, the selection's only one
    summary = json.loads(uzit("stats", "-r", path, "--sector", "robotics", "-f", "json").stdout)
    assert summary["by_city"] == {"Tashkent": 1}


def test_jq_filters_the_json_of_a_command(uzit: Uzit) -> None:
    assert uzit("list", "--jq", ".[0].id").stdout == f"{RESIDENTS[0].id}\n"
    tashkent = uzit("list", "--jq", '.[] | select(.city == "Tashkent") | .id').stdout.split()
    assert tashkent == [r.id for r in RESIDENTS if r.city == "Tashkent"]
    assert uzit("stats", "--jq", ".residents").stdout == "10\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--jq", ".["), "--jq: syntax error"),
        (("list", "--jq", ".[0].id[0]"), "--jq: Cannot index string"),
        (("list", "-f", "csv", "--jq", "."), "--jq filters JSON output; leave out -f csv"),
    ],
)
def test_a_bad_jq_expression_is_a_usage_error(uzit: Uzit, args: tuple[str], message: str) -> None:
    result = uzit(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"uzit: error: {message}")


def test_validate_quiet_prints_only_problems(uzit: Uzit, tmp_path: Path) -> None:
    good = uzit("validate", "-q")
    assert (good.exit_code, good.stdout, good.stderr) == (0, "", "")
    path = tmp_path / "bad.yaml"
    path.write_text(BUNDLED.read_text(encoding="utf-8").replace("as_of: 2025-02-28", "as_of: x", 1))
    bad = uzit("validate", "-q", str(path))
    assert bad.exit_code == 1 and bad.stdout == ""
    assert all(line.startswith(f"{path}:") for line in bad.stderr.splitlines()), bad.stderr


def test_a_resident_without_headcount_adds_nothing_to_the_headcount_measure() -> None:
    one = Resident(
        id="x", name="X", joined=dt.date(2024, 1, 1), city="A", sectors=("bpo",),
        exports_to_japan=False, headcount=7,
    )  # fmt: skip
    table = crosstab([*RESIDENTS, one], "city", None, "headcount")
    assert table.total == 7 and dict(table.row_totals)["A"] == 7


def test_a_cross_tab_with_nothing_to_count_says_so(uzit: Uzit) -> None:
    result = uzit("stats", "--by", "city", "--measure", "export-revenue", "-f", "table")
    assert result.exit_code == 0
    assert "Nothing to count: no export revenue (USD) among these residents." in result.stdout
