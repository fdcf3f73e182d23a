"""`uzit stats` through the real CLI: the figures people quote, and the published-figure check."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from conftest import BUNDLED, MINIMAL_HEADER, Uzit

ELEVENTH = """\
  - id: example-eleventh
    name: Example Eleventh
    joined: 2025-02-01
    city: Nukus
    sectors: [bpo]
    exports_to_japan: true
    export_markets: [JP]
    headcount: 40
    jobs_created: {2025: 3}
"""


def with_eleventh(tmp_path: Path) -> Path:
    path = tmp_path / "eleven.yaml"
    path.write_text(BUNDLED.read_text(encoding="utf-8") + ELEVENTH, encoding="utf-8")
    return path


def test_json_contract_on_the_bundled_registry(uzit: Uzit) -> None:
    result = uzit("stats", "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["residents"] == 10
    assert doc["exporting_to_japan"] == 5
    assert doc["exporting_to_japan_share"] == 0.5
    assert doc["jobs_created"] == {"2024": 87}
    assert doc["jobs_created_total"] == 87
    assert doc["joined_by_year"] == {"2022": 1, "2023": 2, "2024": 6, "2025": 1}
    assert doc["by_city"] == {"Tashkent": 6, "Samarkand": 2, "Bukhara": 1, "Fergana": 1}
    assert sum(doc["by_sector"].values()) == 13
    assert doc["as_of"] == "2025-02-28"
    assert doc["illustrative"] is True
    checks = doc["published_checks"]
    assert [
        (c["metric"], c["year"], c["published"], c["computed"], c["matches"]) for c in checks
    ] == [
        ("residents", None, 10, 10, True),
        ("exporting_to_japan", None, 5, 5, True),
        ("jobs_created", 2024, 87, 87, True),
    ]
    assert {c["source"] for c in checks} == {"trend-2025-02-28"}
    assert result.stderr == ""


def test_table_shows_three_ticks_and_the_illustrative_notice(uzit: Uzit) -> None:
    result = uzit("stats", "-f", "table")
    assert result.exit_code == 0
    assert result.stdout.count("✓") == 3 and "✗" not in result.stdout
    assert "Illustrative data" in result.stdout
    assert "87 (by 9 residents)" in result.stdout


def test_the_illustrative_notice_is_true_of_records_that_reproduce_nothing(
    uzit: Uzit, tmp_path: Path
) -> None:
    # a user's own registry marked illustrative, whose one published figure does not match
    registry = tmp_path / "mine.yaml"
    header = MINIMAL_HEADER.replace("  sources:", "  illustrative: true\n  sources:")
    published = "  published:\n    - {metric: residents, value: 5, source: src}\n"
    resident = (
        "residents:\n  - {id: one, name: One, joined: 2024-05-01, city: Bukhara, "
        "sectors: [bpo], exports_to_japan: false}\n"
    )
    registry.write_text(header + published + resident, encoding="utf-8")
    markdown = uzit("stats", "-r", str(registry), "-f", "markdown").stdout
    assert "0 of 1 reproduced by the records" in markdown
    assert "> **Illustrative data: the company records are stand-ins, not real companies.**" in (
        markdown
    )
    assert markdown.count("reproduce") == 1  # the check's line only, never the notice


def test_an_eleventh_resident_changes_the_figures_and_fails_the_check(
    uzit: Uzit, tmp_path: Path
) -> None:
    path = with_eleventh(tmp_path)
    result = uzit("stats", "-r", str(path), "-f", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["residents"] == 11
    assert doc["exporting_to_japan"] == 6
    assert doc["headcount_total"] == 40 and doc["headcount_reported"] == 1
    assert doc["joined_by_year"]["2025"] == 2
    residents_check = doc["published_checks"][0]
    assert residents_check["computed"] == 11 and residents_check["matches"] is False
    assert doc["published_checks"][2]["matches"] is True  # 2025 jobs leave 2024 alone
    assert doc["jobs_created"] == {"2024": 87, "2025": 3}
    stated = "uzit: warning: published residents is 10 (trend-2025-02-28, as of 2025-02-28)"
    assert f"{stated} but the records give 11" in result.stderr
    table = uzit("stats", "-r", str(path), "-f", "table")
    assert table.stdout.count("✗") == 2 and table.stdout.count("✓") == 1


def test_filters_skip_the_published_check_with_a_note(uzit: Uzit) -> None:
    result = uzit("stats", "--city", "tashkent", "-f", "json")
    doc = json.loads(result.stdout)
    assert doc["residents"] == 6
    assert doc["published_checks"] == []
    table = uzit("stats", "--city", "Tashkent", "-f", "table")
    assert "check is skipped" in table.stdout
    assert "filtered: 6 of 10 residents" in table.stdout


def test_by_city_csv_is_ready_for_a_spreadsheet(uzit: Uzit) -> None:
    result = uzit("stats", "--by", "city", "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [
        (r["group"], r["residents"], r["exporting_to_japan"], r["jobs_2024"]) for r in rows
    ] == [
        ("Tashkent", "6", "4", "59"),
        ("Samarkand", "2", "1", "17"),
        ("Bukhara", "1", "0", "8"),
        ("Fergana", "1", "0", "3"),
    ]
    assert result.stdout.endswith("\r\n")


def test_by_sector_says_residents_count_once_per_sector(uzit: Uzit) -> None:
    result = uzit("stats", "--by", "sector", "-f", "table")
    assert "counts once in each of its sectors" in result.stdout


def test_unknown_breakdown_is_a_usage_error(uzit: Uzit) -> None:
    result = uzit("stats", "--by", "country")
    assert result.exit_code == 2
    assert (
        "'country' is not one of city, sector, joined-year, exports-to-japan, year" in result.stderr
    )


def test_tsv_headline_is_long_format(uzit: Uzit) -> None:
    lines = uzit("stats").stdout.splitlines()
    assert lines[0] == "metric\tyear\tvalue\tpublished\tchecked_value\tchecked_on\tsource"
    # computed beside published, with the value it was checked against and the day
    assert "jobs_created\t2024\t87\t87\t87\t2025-02-28\ttrend-2025-02-28" in lines
    assert "residents\t\t10\t10\t10\t2025-02-28\ttrend-2025-02-28" in lines
    assert "jobs_created_total\t\t87\t\t\t\t" in lines


def test_empty_registry(uzit: Uzit, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(
        "schema: 1\nregistry: {title: Empty, as_of: 2025-01-01}\nresidents: []\n", encoding="utf-8"
    )
    doc = json.loads(uzit("stats", "-r", str(path), "-f", "json").stdout)
    assert doc["residents"] == 0 and doc["exporting_to_japan_share"] == 0.0
    assert doc["jobs_created"] == {} and doc["published_checks"] == []
    assert uzit("stats", "-r", str(path), "-f", "table").exit_code == 0


def test_by_joined_year_reads_in_time_order(uzit: Uzit) -> None:
    lines = uzit("stats", "--by", "joined-year", "--no-header").stdout.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [
        ["2022", "1"],
        ["2023", "2"],
        ["2024", "6"],
        ["2025", "1"],
    ]


def test_a_jobs_year_without_data_is_hinted_not_ignored(uzit: Uzit) -> None:
    result = uzit("stats", "--jobs-year", "2023", "-f", "json")
    assert result.exit_code == 0
    assert "no resident has jobs data for 2023; years with data: 2024" in result.stderr


def test_by_tables_end_with_a_total_counting_each_resident_once(uzit: Uzit) -> None:
    table = uzit("stats", "--by", "sector", "-f", "table").stdout.splitlines()
    total = next(line for line in table if line.startswith("Total"))
    assert total.split() == ["Total", "10", "5", "87", "87"]  # not the sum of the sector rows
    assert table[table.index(total) - 1].strip() == ""  # set apart from the groups
    csv_rows = uzit("stats", "--by", "sector", "-f", "csv").stdout.splitlines()
    assert not any(row.startswith("Total") for row in csv_rows)  # machines get the groups only


TWO_IN_NUKUS = """\
schema: 1
registry:
  title: Two residents
  as_of: 2025-02-28
  sources:
    - {id: src, title: A source, publisher: A publisher}
residents:
  - {id: one, name: One, joined: 2024-01-10, city: Nukus, sectors: [bpo], exports_to_japan: false}
  - {id: two, name: Two, joined: 2024-02-10, city: Nukus, sectors: [bpo], exports_to_japan: true}
"""


def test_counts_in_messages_agree_with_their_number(uzit: Uzit, tmp_path: Path) -> None:
    registry = tmp_path / "two.yaml"
    registry.write_text(TWO_IN_NUKUS, encoding="utf-8")
    by_city = uzit("stats", "-r", str(registry), "--by", "city", "-f", "markdown")
    assert "2 residents in 1 group" in by_city.stdout
    assert "1 groups" not in by_city.stdout
    project = uzit("project", "--year", "2026", "-f", "json")  # the trend's warning
    assert "kept for 1 year it multiplies residents by 3" in project.stderr


def test_exports_to_japan_groups_read_yes_and_no_for_people(uzit: Uzit) -> None:
    table = uzit("stats", "--by", "exports-to-japan", terminal=100).stdout.splitlines()
    groups = [line.split()[0] for line in table if line.startswith(("yes", "no", "true", "fals"))]
    assert groups == ["no", "yes"]
    markdown = uzit("stats", "--by", "exports-to-japan", "-f", "markdown").stdout
    assert "| no | 5 |" in markdown and "| yes | 5 |" in markdown
    machine = uzit("stats", "--by", "exports-to-japan", "-f", "csv").stdout.splitlines()
    assert [line.split(",")[0] for line in machine[1:]] == ["false", "true"]


def test_csv_shows_every_published_figure_with_the_value_and_day_it_was_checked_at(
    uzit: Uzit, write_registry: Any
) -> None:
    text = (
        BUNDLED.read_text(encoding="utf-8")
        .replace(
            "    - {metric: exporting_to_japan, value: 5, source: trend-2025-02-28}\n",
            "    - {metric: exporting_to_japan, value: 5, source: trend-2025-02-28}\n"
            "    - {metric: exporting_to_japan, value: 1, as_of: 2024-06-30, source: src-2024}\n",
        )
        .replace(
            "  published:\n",
            "    - {id: src-2024, title: Mid-2024, publisher: A publisher}\n  published:\n",
            1,
        )
    )
    path = str(write_registry(text))
    checks = json.loads(uzit("stats", "-r", path, "-f", "json").stdout)["published_checks"]
    rows = list(csv.DictReader(io.StringIO(uzit("stats", "-r", path, "-f", "csv").stdout)))
    traced = [
        (row["metric"], row["year"], int(row["published"]), int(row["checked_value"]),
         row["checked_on"], row["source"])
        for row in rows if row["published"]
    ]  # fmt: skip
    assert traced == [
        (c["metric"], str(c["year"] or ""), c["published"], c["computed"], c["as_of"], c["source"])
        for c in checks
    ]
    assert len(traced) == 4
