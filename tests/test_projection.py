"""The projection model against numbers worked out by hand."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uzit_cli.model import Registry, RegistryInfo, Resident, Source, Target
from uzit_cli.problems import UsageError, UzitError
from uzit_cli.projection import (
    CONTEXT_NOTE,
    ILLUSTRATIVE_NOTE,
    Projection,
    ProjectionOptions,
    Scenario,
    parse_rate,
    parse_share,
    project_scenarios,
    validate_options,
)
from uzit_cli.registry import bundled_registry_path, load_registry, parse_registry

DOUBLING = 2 ** (1 / 5) - 1


def resident(
    n: int, joined: dt.date, *, exports: bool = False, jobs: dict[int, int] | None = None
) -> Resident:
    return Resident(
        id=f"r{n}",
        name=f"Resident {n}",
        joined=joined,
        city="Tashkent",
        sectors=("bpo",),
        exports_to_japan=exports,
        jobs_created=MappingProxyType(jobs or {}),
    )


def registry(
    residents: list[Resident],
    *,
    as_of: dt.date = dt.date(2025, 2, 28),
    targets: tuple[Target, ...] = (),
    illustrative: bool = False,
) -> Registry:
    info = RegistryInfo(
        title="Test registry",
        as_of=as_of,
        illustrative=illustrative,
        sources=(Source(id="src", title="S", publisher="P"),),
        targets=targets,
    )
    return Registry(schema=1, info=info, residents=tuple(residents))


def ten_residents(**kwargs: object) -> Registry:
    """10 residents joined 2024-03-01, 4 exporting to Japan, 5 jobs each in 2024."""
    people = [resident(i, dt.date(2024, 3, 1), exports=i < 4, jobs={2024: 5}) for i in range(10)]
    return registry(people, **kwargs)  # type: ignore[arg-type]


DOUBLE_BY_2030 = Target(
    metric="residents", source="src", factor=2, by=2030, note="2030 is an assumption"
)
SHORTAGE = Target(metric="japan_it_shortage", source="src", value=790_000, year=2030)


def scenario(projection: Projection, name: str) -> Scenario:
    return next(s for s in projection.scenarios if s.name == name)


@pytest.fixture(scope="module")
def bundled() -> Registry:
    return load_registry(bundled_registry_path())


# --- parse_rate ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.25", 0.25),
        ("25%", 0.25),
        ("-0.1", -0.1),
        ("12.5 %", 0.125),
        (" 1e-2 ", 0.01),
        ("-10%", -0.1),
        ("14.87%", 0.1487),
        ("+0.3", 0.3),
        ("0", 0.0),
        ("150%", 1.5),  # 100 % or more is written as a percentage
    ],
)
def test_parse_rate_accepts_fractions_and_percentages(text: str, expected: float) -> None:
    assert parse_rate(text, "--growth-rate") == expected


@pytest.mark.parametrize("text", ["-0", "-0%", "-0.0 %"])
def test_negative_zero_is_zero(text: str) -> None:
    value = parse_rate(text, "--growth-rate")
    assert value == 0 and math.copysign(1, value) == 1
    assert math.copysign(1, parse_share(text, "--exporter-share")) == 1


@pytest.mark.parametrize(
    ("flag", "text", "message"),
    [
        (
            "--growth-rate",
            "10",
            "--growth-rate 10 would be 1,000 % a year; write 10% for 10 per cent, "
            "or 1000% if you mean 1,000 %",
        ),
        ("--jobs-growth", "5", "--jobs-growth 5 would be 500 % a year; write 5%"),
        ("--growth-rate", "-1", "--growth-rate -1 would be -100 % a year; write -1%"),
        ("--exporter-share", "60", "--exporter-share 60 would be 6,000 %; write 60%"),
    ],
)
def test_a_bare_number_of_one_or_more_is_ambiguous(flag: str, text: str, message: str) -> None:
    parse = parse_share if flag == "--exporter-share" else parse_rate
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        parse(text, flag)


@pytest.mark.parametrize(
    ("flag", "text", "message"),
    [
        ("--growth-rate", "-100%", "--growth-rate must be above -100 % (-1), not -100%"),
        ("--growth-rate", "-100.0000001%", "not -100.0000001%"),
        ("--exporter-share", "100.0000001%", "from 0 to 1 (0% to 100%), not 100.0000001%"),
        ("--exporter-share", "-0.1", "--exporter-share must be from 0 to 1 (0% to 100%), not -0.1"),
    ],
)
def test_range_messages_show_the_value_as_typed(flag: str, text: str, message: str) -> None:
    parse = parse_share if flag == "--exporter-share" else parse_rate
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        parse(text, flag)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "--growth-rate: 'abc' is not a rate; write one such as 0.25 or 25%"),
        ("", "'' is not a rate"),
        ("%", "'%' is not a rate"),
        ("25%%", "'25%%' is not a rate"),
        ("0x10", "'0x10' is not a rate"),
        ("1_0%", "'1_0%' is not a rate"),
        ("٣%", "'٣%' is not a rate"),
        ("nan", "'nan' is not a rate"),
        ("inf", "'inf' is not a rate"),
        ("-Infinity%", "'-Infinity%' is not a rate"),
        ("1e999%", "'1e999%' is too large"),
        ("1e999999999999999999%", "is too large"),
    ],
)
def test_parse_rate_rejects_what_is_not_a_finite_number(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_rate(text, "--growth-rate")


# --- the worked example: doubling 10 residents over 5 years ---


def test_target_doubling_ten_residents_over_five_years() -> None:
    projection = project_scenarios(ten_residents(targets=(DOUBLE_BY_2030,)), ProjectionOptions())
    target = scenario(projection, "target")
    assert target.annual_growth_rate == pytest.approx(DOUBLING, abs=1e-9)
    assert target.annual_growth_rate == pytest.approx(0.148698, abs=1e-6)
    residents = {row.year: row.residents for row in target.years}
    assert list(residents) == [2025, 2026, 2027, 2028, 2029, 2030]
    assert residents[2025] == 10
    assert residents[2026] == pytest.approx(11.486983549970351, abs=1e-9)
    assert round(residents[2026], 3) == 11.487
    assert residents[2030] == pytest.approx(20, abs=1e-9)
    assert residents[2030] == 20.0  # exactly: computed as R0 × F^((y − B) ÷ (T − B))
    for year, value in residents.items():
        assert value == pytest.approx(10 * (1 + DOUBLING) ** (year - 2025), abs=1e-9)
    assert target.assumptions["target_year_is_assumption"] is True
    assert target.assumptions["target_note"] == "2030 is an assumption"
    assert target.description == (
        "residents grow 14.87 % a year to reach 2× by 2030 (the year is an assumption)"
    )


def test_target_keeps_its_rate_after_the_target_year() -> None:
    options = ProjectionOptions(year=2032)
    target = scenario(
        project_scenarios(ten_residents(targets=(DOUBLE_BY_2030,)), options), "target"
    )
    assert target.years[-1].residents == pytest.approx(10 * 2 ** (7 / 5), abs=1e-9)
    assert target.assumptions["same_rate_after_target_year"] is True
    assert target.description.endswith(", and at the same rate after it")


def test_target_from_flags_when_the_registry_has_none() -> None:
    options = ProjectionOptions(target_factor=3, target_year=2027)
    projection = project_scenarios(ten_residents(), options)
    target = scenario(projection, "target")
    assert target.annual_growth_rate == pytest.approx(3**0.5 - 1, abs=1e-12)
    assert target.years[2].residents == 30.0
    assert target.years[-1].residents == pytest.approx(10 * 3**2.5, abs=1e-9)
    origins = {i.symbol: i.origin for i in projection.inputs}
    assert origins["F"] == "flag --target-factor"
    assert origins["T"] == "flag --target-year"
    assert target.assumptions["target_year_is_assumption"] is True


def test_target_flags_override_the_registry_target() -> None:
    options = ProjectionOptions(target_factor=4)
    projection = project_scenarios(ten_residents(targets=(DOUBLE_BY_2030,)), options)
    target = scenario(projection, "target")
    assert target.years[-1].residents == 40.0
    origins = {i.symbol: i.origin for i in projection.inputs}
    assert origins["F"] == "flag --target-factor"
    assert origins["T"] == "target src"


def test_target_year_not_an_assumption_without_a_note_saying_so() -> None:
    quoted = Target(metric="residents", source="src", factor=2, by=2030, note="quoted")
    target = scenario(
        project_scenarios(ten_residents(targets=(quoted,)), ProjectionOptions()), "target"
    )
    assert target.assumptions["target_year_is_assumption"] is False
    assert "assumption" not in target.description


def test_target_left_out_without_a_target() -> None:
    projection = project_scenarios(ten_residents(), ProjectionOptions())
    assert [s.name for s in projection.scenarios] == ["steady"]
    assert [o.name for o in projection.omitted] == ["target", "trend"]  # all joined in 2024
    assert projection.omitted[0].reason == (
        "the registry has no residents target; give --target-factor and --target-year to set one"
    )
    only_factor = project_scenarios(ten_residents(), ProjectionOptions(target_factor=2))
    assert only_factor.omitted[0].reason.endswith("give --target-year to set one")


def test_target_left_out_when_its_year_is_not_after_the_base_year() -> None:
    past = Target(metric="residents", source="src", factor=2, by=2025)
    projection = project_scenarios(ten_residents(targets=(past,)), ProjectionOptions())
    assert projection.omitted[0].name == "target"
    assert projection.omitted[0].reason == (
        "the residents target year 2025 is not after the base year 2025; "
        "give --target-year 2026 or later"
    )


YAML = """\
schema: 1
registry:
  title: Small
  as_of: 2025-06-30
  sources:
    - {id: src, title: S, publisher: P}
  targets:
%s
residents:
%s
"""


def yaml_registry(targets: str, residents: str) -> Registry:
    return parse_registry((YAML % (targets, residents)).encode(), "small.yaml")


FIVE = "\n".join(
    f"  - {{id: r{i}, name: R{i}, joined: 2024-0{i + 1}-01, city: Tashkent, sectors: [bpo],"
    f" exports_to_japan: {'true' if i < 2 else 'false'}, jobs_created: {{2024: {i + 1}}}}}"
    for i in range(5)
)


def test_doubling_from_a_yaml_registry() -> None:
    reg = yaml_registry(
        "    - {metric: residents, factor: 2, by: 2030, source: src}\n"
        "    - {metric: japan_it_shortage, value: 1000, year: 2030, source: src}",
        FIVE,
    )
    projection = project_scenarios(reg, ProjectionOptions())
    assert projection.base.residents == 5
    assert projection.base.exporter_share == 0.4
    assert projection.base.jobs_per_resident == 3.0  # (1 + 2 + 3 + 4 + 5) ÷ 5
    target = scenario(projection, "target")
    assert target.years[-1].residents == 10.0
    steady = scenario(projection, "steady")
    assert [row.new_jobs for row in steady.years] == [15.0] * 6
    assert steady.years[-1].japan_shortage_share == 90 / 1000
    assert projection.omitted[0].name == "trend"  # everyone joined during 2024


def test_target_as_an_absolute_value_from_yaml() -> None:
    reg = yaml_registry("    - {metric: residents, value: 15, year: 2028, source: src}", FIVE)
    projection = project_scenarios(reg, ProjectionOptions(year=2028))
    target = scenario(projection, "target")
    assert target.assumptions["factor"] == 3.0
    assert target.annual_growth_rate == pytest.approx(3 ** (1 / 3) - 1, abs=1e-12)
    assert target.years[-1].residents == 15.0
    factor = next(i for i in projection.inputs if i.symbol == "F")
    assert factor.detail == "the target's 15 residents ÷ R0 = 15 ÷ 5"


# --- steady, cumulative jobs, shortage share ---


def test_steady_keeps_the_base_residents(bundled: Registry) -> None:
    steady = scenario(project_scenarios(bundled, ProjectionOptions()), "steady")
    assert steady.annual_growth_rate == 0
    assert [row.residents for row in steady.years] == [10.0] * 6
    assert [row.exporting_to_japan for row in steady.years] == [5.0] * 6
    assert all(row.new_jobs == pytest.approx(870 / 9, abs=1e-9) for row in steady.years)


def test_cumulative_jobs_are_the_sum_of_the_yearly_ones(bundled: Registry) -> None:
    projection = project_scenarios(bundled, ProjectionOptions(year=2040, growth_rate=0.1))
    for result in projection.scenarios:
        running = 0.0
        for row in result.years:
            running += row.new_jobs
            assert row.cumulative_jobs == pytest.approx(running, rel=1e-12)
        assert result.years[-1].cumulative_jobs == pytest.approx(
            math.fsum(row.new_jobs for row in result.years), rel=1e-12
        )


def test_shortage_share_is_cumulative_jobs_over_790000(bundled: Registry) -> None:
    projection = project_scenarios(bundled, ProjectionOptions())
    assert projection.base.japan_shortage == 790_000
    assert projection.base.japan_shortage_source == "meti-2016-06-10"
    for result in projection.scenarios:
        for row in result.years:
            assert row.japan_shortage_share == row.cumulative_jobs / 790_000
    steady = scenario(projection, "steady")
    assert steady.years[-1].japan_shortage_share == pytest.approx(580 / 790_000, abs=1e-12)
    assert CONTEXT_NOTE in projection.notes


def test_no_shortage_share_without_the_target() -> None:
    projection = project_scenarios(ten_residents(), ProjectionOptions())
    assert all(row.japan_shortage_share is None for s in projection.scenarios for row in s.years)
    assert CONTEXT_NOTE not in projection.notes
    assert any("no japan_it_shortage target" in note for note in projection.notes)


# --- the bundled registry ---


def test_bundled_base_jobs_per_resident_is_87_over_9(bundled: Registry) -> None:
    base = project_scenarios(bundled, ProjectionOptions()).base
    assert base.base_year == 2025
    assert base.residents == 10
    assert base.exporting_to_japan == 5
    assert base.exporter_share == 0.5
    assert base.jobs_year == 2024
    assert base.jobs_in_jobs_year == 87
    assert base.residents_in_jobs_year == 9
    assert base.jobs_per_resident == 87 / 9


def test_bundled_trend_from_the_joined_years(bundled: Registry) -> None:
    joined = [r.joined.year for r in bundled.residents]

    def n(year: int) -> int:
        return sum(1 for y in joined if y <= year)

    last = 2024
    k = min(3, last - min(joined))
    expected = (n(last) / n(last - k)) ** (1 / k) - 1
    assert (k, n(last), n(last - k)) == (2, 9, 1)  # the bundled data: 2022, 2023, 2023, 2024 × 6

    shown = project_scenarios(bundled, ProjectionOptions())
    (left_out,) = shown.omitted  # two years of history and 200 % a year: not by default
    assert left_out.name == "trend"
    assert left_out.reason.endswith("(--scenario trend shows it, marked)")
    projection = project_scenarios(bundled, ProjectionOptions(scenarios=("trend",)))
    trend = scenario(projection, "trend")
    assert trend.weak
    assert trend.annual_growth_rate == pytest.approx(expected, abs=1e-12)
    assert trend.annual_growth_rate == pytest.approx(2.0, abs=1e-12)
    assert trend.years[1].residents == pytest.approx(30.0, abs=1e-9)
    assert trend.assumptions["from_year"] == 2022
    assert trend.assumptions["years"] == 2
    assert trend.warnings == (
        "it rests on 2 years of history (2022–2024), not 3: no resident had joined before 2022",
        "its rate is 200.00 % a year (1 to 9 residents), above 100.00 %; kept for 5 years it "
        "multiplies residents by 243",
    )


def test_bundled_projection_shows_every_scenario_and_its_notices(bundled: Registry) -> None:
    projection = project_scenarios(bundled, ProjectionOptions())
    assert (projection.base_year, projection.target_year) == (2025, 2030)
    assert [s.name for s in projection.scenarios] == ["target", "steady"]
    assert [o.name for o in projection.omitted] == ["trend"]
    assert scenario(projection, "target").years[-1].residents == 20.0
    assert projection.notes[0] == ILLUSTRATIVE_NOTE
    assert "p = jobs created in J ÷ n(J) = 87 ÷ 9 = 9.666667" in projection.formulas
    assert (
        "target: g = F^(1 ÷ (T − B)) − 1 = 2^(1 ÷ (2030 − 2025)) − 1 = 0.148698 (14.87 % a year); "
        "computed as R(y) = R0 × F^((y − B) ÷ (T − B)), the same number"
    ) in projection.formulas
    inputs = {i.symbol: i for i in projection.inputs}
    assert inputs["R0"].value == 10
    assert inputs["R0"].origin == "record"
    assert inputs["V"].origin == "target meti-2016-06-10"
    assert inputs["T"].origin == "target trend-2025-02-28"
    assert inputs["T"].detail.startswith("an assumption: ")
    assert inputs["j"].origin == "assumption"
    for result in projection.scenarios:
        assert "\n" not in result.description and result.description


def test_as_dict_is_json_with_the_documented_keys(bundled: Registry) -> None:
    data = json.loads(json.dumps(project_scenarios(bundled, ProjectionOptions()).as_dict()))
    assert data["base_year"] == 2025 and data["target_year"] == 2030
    assert {"residents", "exporting_to_japan", "jobs_per_resident", "jobs_year"} <= set(
        data["base"]
    )
    first = data["scenarios"][0]
    assert set(first) >= {"name", "description", "annual_growth_rate", "assumptions", "years"}
    assert set(first["years"][0]) == {
        "year",
        "residents",
        "exporting_to_japan",
        "new_jobs",
        "cumulative_jobs",
        "japan_shortage_share",
    }


# --- overrides ---


def test_exporter_share_override(bundled: Registry) -> None:
    projection = project_scenarios(bundled, ProjectionOptions(exporter_share=0.2))
    assert projection.base.exporter_share == 0.2
    assert projection.base.exporter_share_origin == "flag --exporter-share"
    assert projection.base.exporting_to_japan == 5  # the record count is unchanged
    for result in projection.scenarios:
        for row in result.years:
            assert row.exporting_to_japan == 0.2 * row.residents
    assert scenario(projection, "target").years[-1].exporting_to_japan == pytest.approx(4.0)


def test_jobs_growth(bundled: Registry) -> None:
    projection = project_scenarios(bundled, ProjectionOptions(jobs_growth=0.1))
    steady = scenario(projection, "steady")
    for t, row in enumerate(steady.years):
        assert row.new_jobs == pytest.approx(10 * 87 / 9 * 1.1**t, rel=1e-12)
    target = scenario(projection, "target")
    assert target.years[-1].new_jobs == pytest.approx(20 * 87 / 9 * 1.1**5, rel=1e-12)
    assert next(i for i in projection.inputs if i.symbol == "j").origin == "flag --jobs-growth"


def test_custom_only_when_a_growth_rate_is_given(bundled: Registry) -> None:
    names = [s.name for s in project_scenarios(bundled, ProjectionOptions()).scenarios]
    assert "custom" not in names
    projection = project_scenarios(bundled, ProjectionOptions(growth_rate=-0.5))
    custom = scenario(projection, "custom")
    assert [row.residents for row in custom.years] == [10, 5, 2.5, 1.25, 0.625, 0.3125]
    assert custom.description == "residents grow -50.00 % a year, as given by --growth-rate"


def test_scenarios_in_the_order_asked_without_repeats(bundled: Registry) -> None:
    options = ProjectionOptions(scenarios=("steady", "target", "steady"))
    projection = project_scenarios(bundled, options)
    assert [s.name for s in projection.scenarios] == ["steady", "target"]


# --- degenerate registries ---


def test_no_residents_does_not_crash() -> None:
    projection = project_scenarios(
        registry([], targets=(DOUBLE_BY_2030,)), ProjectionOptions(growth_rate=0.3)
    )
    assert projection.base.residents == 0
    assert projection.base.exporter_share == 0
    assert projection.base.jobs_per_resident == 0
    assert [s.name for s in projection.scenarios] == ["target", "steady", "custom"]
    assert projection.omitted[0].name == "trend"
    assert projection.omitted[0].reason == (
        "no resident had joined by the end of 2024, so there is no history to extend"
    )
    for result in projection.scenarios:
        assert all(row.residents == 0 and row.cumulative_jobs == 0 for row in result.years)
    assert any("no residents" in note for note in projection.notes)
    assert any("p is 0" in note for note in projection.notes)


def test_no_jobs_data_gives_zero_jobs_with_a_note() -> None:
    people = [resident(i, dt.date(2020 + i, 1, 1)) for i in range(4)]
    projection = project_scenarios(registry(people), ProjectionOptions())
    assert projection.base.jobs_year is None
    assert projection.base.jobs_per_resident == 0
    assert all(row.new_jobs == 0 for s in projection.scenarios for row in s.years)
    assert (
        "no resident reports jobs created in a year up to 2024, the last complete year, so jobs "
        "per resident p is 0 and every scenario creates 0 new jobs"
    ) in projection.notes


def test_jobs_in_the_base_year_are_not_the_jobs_year() -> None:
    people = [resident(0, dt.date(2023, 1, 1), jobs={2023: 4, 2025: 100})]
    base = project_scenarios(registry(people), ProjectionOptions()).base
    assert (base.jobs_year, base.jobs_per_resident) == (2023, 4.0)


def test_trend_uses_at_most_three_years_without_a_history_warning() -> None:
    # year-end counts: 2019: 1, 2020: 2, 2021: 3, 2022: 4, 2023: 5, 2024: 8
    years = [2019, 2020, 2021, 2022, 2023, 2024, 2024, 2024]
    people = [resident(i, dt.date(y, 6, 1)) for i, y in enumerate(years)]
    trend = scenario(project_scenarios(registry(people), ProjectionOptions()), "trend")
    assert trend.annual_growth_rate == pytest.approx((8 / 3) ** (1 / 3) - 1, abs=1e-12)
    assert (trend.assumptions["from_year"], trend.assumptions["to_year"]) == (2021, 2024)
    assert trend.warnings == ()


def test_trend_left_out_with_one_year_of_residents() -> None:
    people = [resident(i, dt.date(2024, 5, 1)) for i in range(3)]
    projection = project_scenarios(registry(people), ProjectionOptions(scenarios=("trend",)))
    assert projection.scenarios == ()
    assert projection.omitted[0].reason == (
        "only 2024 ends with residents (none before), so there is no year-on-year growth to measure"
    )


# --- usage errors ---


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ProjectionOptions(year=2025),
            "--year must be from 2026 to 2075 (after the base year 2025",
        ),
        (ProjectionOptions(year=2076), "--year must be from 2026 to 2075"),
        (ProjectionOptions(year=1990), "not 1990"),
        (ProjectionOptions(growth_rate=-1.0), "--growth-rate must be above -100 % (-1), not -1"),
        (ProjectionOptions(growth_rate=-1.5), "must be above -100 % (-1), not -1.5"),
        (ProjectionOptions(growth_rate=math.nan), "--growth-rate must be above -100 %"),
        (ProjectionOptions(growth_rate=math.inf), "not inf"),
        (ProjectionOptions(jobs_growth=-2.0), "--jobs-growth must be above -100 % (-1), not -2"),
        (
            ProjectionOptions(exporter_share=1.5),
            "--exporter-share must be from 0 to 1 (0% to 100%)",
        ),
        (ProjectionOptions(exporter_share=-0.1), "not -0.1"),
        (ProjectionOptions(exporter_share=math.nan), "--exporter-share must be from 0 to 1"),
        (ProjectionOptions(target_factor=1.0), "--target-factor must be a finite number above 1"),
        (ProjectionOptions(target_factor=0.5), "(2 to double), not 0.5"),
        (ProjectionOptions(target_factor=math.inf), "--target-factor must be a finite number"),
        (
            ProjectionOptions(scenarios=("trned",)),
            "unknown scenario 'trned'; did you mean 'trend'?",
        ),
        (ProjectionOptions(scenarios=("zzz",)), "Choose from target, trend, steady, custom"),
        (ProjectionOptions(scenarios=("custom",)), "--scenario custom needs --growth-rate RATE"),
        (
            ProjectionOptions(year=2075, growth_rate=1e7),
            "the custom scenario overflows by 2069: --growth-rate is too large to compute with "
            "over 44 years; choose a smaller --growth-rate or an earlier --year",
        ),
        (
            # 1.4e6 a year stays finite alone, but 10 residents × 87/9 jobs × it does not
            ProjectionOptions(year=2075, growth_rate=1.4e6),
            "the custom scenario overflows by 2075: --growth-rate is too large",
        ),
        (
            ProjectionOptions(year=2075, jobs_growth=1e7),
            "the target scenario overflows by 2069: --jobs-growth is too large",
        ),
    ],
)
def test_usage_errors_state_the_valid_range(
    bundled: Registry, options: ProjectionOptions, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        project_scenarios(bundled, options)
    assert message in str(caught.value)
    assert caught.value.exit_code == 2
    if "scenario overflows" not in message:  # only the registry's numbers make that one
        with pytest.raises(UsageError):
            validate_options(options, 2025)


def test_an_overflow_from_the_registry_is_a_data_error() -> None:
    huge = Target(metric="residents", source="src", factor=1e300, by=2026)
    with pytest.raises(UzitError) as caught:
        project_scenarios(ten_residents(targets=(huge,)), ProjectionOptions(year=2030))
    assert str(caught.value).startswith(
        "the target scenario overflows by 2027: the target factor, from the registry, is too large"
    )
    assert caught.value.exit_code == 1


def test_a_target_year_not_after_the_base_year_leaves_target_out(bundled: Registry) -> None:
    projection = project_scenarios(bundled, ProjectionOptions(target_year=2025))
    assert [s.name for s in projection.scenarios] == ["steady"]
    (left_out,) = [o for o in projection.omitted if o.name == "target"]
    assert left_out.reason.startswith("--target-year 2025 is not after the base year 2025")


def test_valid_extremes_are_accepted(bundled: Registry) -> None:
    options = ProjectionOptions(
        year=2075, growth_rate=-0.99, exporter_share=1, target_factor=1.0001, target_year=2026
    )
    projection = project_scenarios(bundled, options)
    assert projection.scenarios[-1].years[-1].year == 2075
    assert len(projection.scenarios[0].years) == 51


# --- properties ---


@settings(deadline=None)
@given(
    r0=st.integers(min_value=0, max_value=40),
    rates=st.lists(
        st.floats(min_value=-0.9, max_value=2.0, allow_nan=False), min_size=2, max_size=2
    ),
    jobs_growth=st.floats(min_value=-0.9, max_value=1.0, allow_nan=False),
    years=st.integers(min_value=1, max_value=50),
)
def test_residents_rise_with_the_rate_and_jobs_accumulate(
    r0: int, rates: list[float], jobs_growth: float, years: int
) -> None:
    low, high = sorted(rates)
    people = [
        resident(i, dt.date(2020 + i % 5, 1, 1), exports=i % 2 == 0, jobs={2024: i % 7})
        for i in range(r0)
    ]
    reg = registry(people)

    def project(rate: float) -> Scenario:
        options = ProjectionOptions(
            year=2025 + years, scenarios=("custom",), growth_rate=rate, jobs_growth=jobs_growth
        )
        return project_scenarios(reg, options).scenarios[0]

    slow, fast = project(low), project(high)
    assert len(slow.years) == years + 1
    assert slow.years[0].residents == fast.years[0].residents == r0
    for a, b in zip(slow.years, fast.years, strict=True):
        assert a.residents <= b.residents
    for result in (slow, fast):
        cumulative = [row.cumulative_jobs for row in result.years]
        assert all(x <= y for x, y in itertools.pairwise(cumulative))
        assert all(row.new_jobs >= 0 for row in result.years)


@pytest.mark.parametrize(("count", "value"), [(0, 15), (10, 0)])
def test_absolute_target_left_out_when_there_is_nothing_to_grow(count: int, value: int) -> None:
    absolute = Target(metric="residents", source="src", value=value, year=2030)
    people = [resident(i, dt.date(2023, 1, 1)) for i in range(count)]
    projection = project_scenarios(registry(people, targets=(absolute,)), ProjectionOptions())
    assert projection.omitted[0].name == "target"
    assert projection.omitted[0].reason == (
        f"the residents target is {value} residents, and there are {count} residents to grow "
        "from; give --target-factor instead"
    )


def test_shares_after_the_shortage_figure_year_carry_a_note(bundled: Registry) -> None:
    notes = project_scenarios(bundled, ProjectionOptions(year=2035)).notes
    assert notes[notes.index(CONTEXT_NOTE) + 1] == (
        "Japan's IT specialist shortage figure (790,000) is for 2030; the shares for "
        "2031–2035 still divide by it, since the registry has no later figure"
    )
    one_year = project_scenarios(bundled, ProjectionOptions(year=2031)).notes
    assert one_year[-1].endswith(
        "the shares for 2031 still divide by it, since the registry has no later figure"
    )
    assert notes[:-1] == project_scenarios(bundled, ProjectionOptions(year=2030)).notes


@settings(max_examples=50)
@given(
    st.decimals(min_value=-1000, max_value=1000, allow_nan=False, places=9),
    st.sampled_from(["rate", "share"]),
)
def test_every_value_a_rate_message_suggests_is_accepted(number: object, kind: str) -> None:
    parse = parse_rate if kind == "rate" else parse_share
    try:
        parse(f"{number}", "--x")
    except ValueError as error:
        for suggested in re.findall(r"(?:write|or) (-?[0-9.]+%) (?:for|if)", str(error)):
            parse(suggested, "--x")  # raises if the message suggested a refused value
