"""Issue 13 replayed: numbers a newcomer cannot misread, and the edge definitions of the specs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_HEADER, Uzit
from test_projection import registry, resident, scenario

from uzit_cli.model import Target
from uzit_cli.projection import ProjectionOptions, project_scenarios

D = dt.date

# A mid-year snapshot: two residents with 2024 figures, one with a partial 2025 figure.
MID_YEAR = (
    MINIMAL_HEADER.replace("as_of: 2025-02-28", "as_of: 2025-06-30")
    + """\
residents:
  - {id: a, name: A, joined: 2023-05-01, city: Tashkent, sectors: [bpo],
     exports_to_japan: false, jobs_created: {2024: 15, 2025: 2}}
  - {id: b, name: B, joined: 2023-06-01, city: Tashkent, sectors: [bpo],
     exports_to_japan: false, jobs_created: {2024: 30}}
"""
)


@pytest.fixture
def mid_year(write_registry: Callable[[str], Path]) -> str:
    return str(write_registry(MID_YEAR))


def test_a_half_year_is_not_the_jobs_year_of_list_stats_or_project(
    uzit: Uzit, mid_year: str
) -> None:
    rows = uzit("list", "-r", mid_year, "-c", "id,jobs").stdout.splitlines()
    assert rows == ["id\tjobs", "a\t15", "b\t30"]
    assert uzit("list", "-r", mid_year, "--min-jobs", "10", "-c", "id").stdout.split() == [
        "id",
        "a",
        "b",
    ]
    summary = json.loads(uzit("stats", "-r", mid_year, "-f", "json").stdout)
    assert (summary["jobs_year"], summary["mean_jobs_per_job_creator"]) == (2024, 22.5)
    projection = json.loads(uzit("project", "-r", mid_year, "-f", "json").stdout)
    assert projection["base"]["jobs_year"] == 2024
    assert projection["base"]["jobs_per_resident"] == 22.5  # 45 jobs ÷ 2 residents


def test_a_partial_year_asked_for_is_used_everywhere_and_labelled(
    uzit: Uzit, mid_year: str
) -> None:
    table = uzit("list", "-r", mid_year, "--jobs-year", "2025", "-f", "table").stdout
    assert "Jobs 2025 so far" in table
    summary = json.loads(uzit("stats", "-r", mid_year, "--jobs-year", "2025", "-f", "json").stdout)
    assert summary["jobs_year_partial"] is True
    assert summary["mean_jobs_per_job_creator"] == 2.0  # --jobs-year reaches the mean too
    stats_table = uzit("stats", "-r", mid_year, "--jobs-year", "2025", "-f", "table").stdout
    assert "Mean jobs per job-creating resident, so far" in stats_table
    projection = json.loads(
        uzit("project", "-r", mid_year, "--jobs-year", "2025", "-f", "json").stdout
    )
    assert projection["base"]["jobs_year_partial"] is True


def test_a_later_snapshot_reproduces_an_earlier_source(
    uzit: Uzit, write_registry: Callable[[str], Path]
) -> None:
    text = MINIMAL_HEADER.replace("as_of: 2025-02-28", "as_of: 2025-07-31").replace(
        "      publisher: A publisher\n",
        "      publisher: A publisher\n      published: 2025-02-28\n"
        "  published:\n    - {metric: residents, value: 1, source: src}\n",
    ) + (
        "residents:\n"
        "  - {id: a, name: A, joined: 2024-01-10, city: X, sectors: [bpo], "
        "exports_to_japan: false}\n"
        "  - {id: b, name: B, joined: 2025-05-02, city: X, sectors: [bpo], "
        "exports_to_japan: false}\n"
    )
    path = str(write_registry(text))
    summary = json.loads(uzit("stats", "-r", path, "-f", "json").stdout)
    (check,) = summary["published_checks"]
    assert (check["published"], check["computed"], check["as_of"]) == (1, 1, "2025-02-28")
    assert uzit("validate", path).exit_code == 0


def test_a_single_year_of_history_gives_no_trend_even_when_asked() -> None:
    people = [resident(i, D(2024, 3, 1)) for i in range(3)]
    projection = project_scenarios(
        registry(people), ProjectionOptions(scenarios=("trend", "steady"))
    )
    assert [s.name for s in projection.scenarios] == ["steady"]
    assert projection.omitted[0].reason.startswith("only 2024 ends with residents")


def test_a_steady_three_year_trend_is_shown_by_default_unmarked() -> None:
    joined = [D(2021, 6, 1)] * 4 + [D(2022, 6, 1)] * 2 + [D(2023, 6, 1)] * 2 + [D(2024, 6, 1)] * 2
    people = [resident(i, day) for i, day in enumerate(joined)]
    trend = scenario(project_scenarios(registry(people), ProjectionOptions()), "trend")
    assert not trend.weak and trend.warnings == ()
    assert trend.annual_growth_rate == pytest.approx((10 / 4) ** (1 / 3) - 1)


def test_on_31_december_the_base_year_is_complete() -> None:
    people = [resident(1, D(2021, 1, 1), jobs={2025: 7})] + [
        resident(i, D(2021 + i, 1, 1)) for i in range(2, 6)
    ]
    projection = project_scenarios(registry(people, as_of=D(2025, 12, 31)), ProjectionOptions())
    assert projection.base.last_complete_year == 2025
    assert projection.base.jobs_year == 2025 and not projection.base.jobs_year_partial
    trend = scenario(projection, "trend")
    assert (trend.assumptions["from_year"], trend.assumptions["to_year"]) == (2022, 2025)


def test_a_base_year_of_2030_or_later_projects_five_years_by_default() -> None:
    projection = project_scenarios(
        registry([resident(1, D(2031, 1, 1))], as_of=D(2031, 3, 1)), ProjectionOptions()
    )
    assert projection.target_year == 2036


def test_the_latest_residents_target_after_the_base_year_is_used_and_the_others_listed() -> None:
    targets = (
        Target(metric="residents", source="src", factor=1.5, by=2024),
        Target(metric="residents", source="src", factor=3, by=2035),
        Target(metric="residents", source="src", factor=2, by=2030),
    )
    people = [resident(i, D(2024, 3, 1)) for i in range(10)]
    projection = project_scenarios(registry(people, targets=targets), ProjectionOptions())
    assert scenario(projection, "target").assumptions["target_year"] == 2035
    assert any("the others: 1.5× by 2024; 2× by 2030" in note for note in projection.notes)


def test_a_shortage_of_zero_is_a_target_of_zero_with_no_share() -> None:
    zero = Target(metric="japan_it_shortage", source="src", value=0, year=2030)
    people = [resident(i, D(2024, 3, 1), jobs={2024: 5}) for i in range(4)]
    projection = project_scenarios(registry(people, targets=(zero,)), ProjectionOptions())
    assert projection.base.japan_shortage == 0
    assert all(row.japan_shortage_share is None for s in projection.scenarios for row in s.years)
    assert any("target (src) is 0" in note for note in projection.notes)


def test_booleans_read_the_same_in_every_command(uzit: Uzit) -> None:
    groups = uzit("stats", "--by", "exports-to-japan", "-f", "csv").stdout.splitlines()
    values = uzit("list", "-c", "exports_to_japan", "-f", "csv", "--no-header").stdout.split()
    assert {line.split(",")[0] for line in groups[1:]} == set(values) == {"true", "false"}


@pytest.mark.parametrize("year", ["2_030", "٢٠٣٠", "2030.0"])
def test_a_year_is_four_ascii_digits(uzit: Uzit, year: str) -> None:
    result = uzit("project", "--year", year)
    assert result.exit_code == 2
    assert f"'{year}' is not a year" in result.stderr


def test_every_registered_scenario_projects_or_says_why() -> None:
    from uzit_cli.projection.scenarios import SCENARIOS

    people = [resident(i, D(2021 + i % 4, 3, 1), jobs={2024: 3}) for i in range(8)]
    targets = (Target(metric="residents", source="src", factor=2, by=2030),)
    for name in SCENARIOS:
        options = ProjectionOptions(scenarios=(name,), growth_rate=0.1)
        projection = project_scenarios(registry(people, targets=targets), options)
        shown = [s.name for s in projection.scenarios] + [o.name for o in projection.omitted]
        assert shown == [name]
        for scenario_ in projection.scenarios:
            assert scenario_.description and len(scenario_.years) == 6
            assert any(formula.startswith(f"{name}: g = ") for formula in projection.formulas)


def test_a_jobs_year_without_data_says_so_in_project(uzit: Uzit) -> None:
    result = uzit("project", "--jobs-year", "2019", "-f", "csv")
    assert result.exit_code == 0
    assert (
        "uzit: warning: no resident reports jobs created in 2019 (--jobs-year), so jobs per "
        "resident p is 0 and every scenario creates 0 new jobs; years with jobs: 2024"
    ) in result.stderr.splitlines()


def test_a_table_says_when_the_target_year_is_an_assumption(uzit: Uzit) -> None:
    out = " ".join(uzit("project", "-f", "table").stdout.split())
    assert "target 14.87 % (to 2× by 2030, a year that is an assumption)" in out


def test_a_jobs_year_without_data_shows_in_the_stats_table(uzit: Uzit) -> None:
    result = uzit("stats", "--jobs-year", "2019", "-f", "table")
    mean = next(line for line in result.stdout.splitlines() if line.startswith("Mean"))
    assert "2019  — (no jobs in 2019)" in mean
    assert "no resident has jobs data for 2019" in result.stderr


def test_options_given_before_the_command_get_a_hint(uzit: Uzit) -> None:
    result = uzit("-r", "data/residents.yaml", "list")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        "uzit: error: No such option: -r",
        "Options come after the command: 'uzit list -r data/residents.yaml'.",
    ]


# --- one module formats every number people read (issue 23, point 9) ---------------------------


def test_numbers_are_formatted_in_one_way() -> None:
    from uzit_cli.numbers import decimal, money, percent, plain, share, whole

    assert (whole(1234.6), whole(-0.2), decimal(9.666667), decimal(-0.04)) == (
        "1,235",
        "0",
        "9.7",
        "0.0",
    )
    assert (percent(0.1487, 2), percent(-0.00001, 2), percent(0.5)) == (
        "14.87 %",
        "0.00 %",
        "50.0 %",
    )
    assert (share(3, 1204), money(1_250_000.4)) == ("3 of 1,204", "1,250,000")
    assert (plain(2025), plain(790_000.0), plain(9.6666667), plain("record")) == (
        "2025",
        "790,000",
        "9.666667",
        "record",
    )


def test_no_module_but_numbers_formats_a_percentage_or_a_separator_for_people() -> None:
    import re

    package = Path(__file__).resolve().parents[1] / "uzit_cli"
    formatting = re.compile(r"\{[^{}]*(\* ?100[^{}]*:|:,\.\d)")  # f"{x * 100:.1f}", f"{x:,.1f}"
    found = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "numbers.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if formatting.search(line)
    ]
    assert found == []


def test_a_large_percentage_has_separators_and_an_absurd_one_says_more_than() -> None:
    from uzit_cli.numbers import percent

    assert percent(12.5) == "1,250.0 %"
    # a share of a trend run to 2075, or a rate from two snapshots a day apart
    assert percent(1.3e20, 2) == "more than 1,000,000,000 %"
    assert percent(float("nan")) == "—"
    assert percent(-0.5) == "-50.0 %"
