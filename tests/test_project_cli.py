"""`uzit project` through the real CLI: every format, the flags, --explain and --chart."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_HEADER, Uzit

from uzit_cli.output import Format
from uzit_cli.output.bars import Chart, ChartGroup, Measure, bar, chart_lines, write_chart
from uzit_cli.output.writers import FORMATS

DOUBLING = 2 ** (1 / 5) - 1
P = 87 / 9  # jobs per resident: 87 jobs in 2024 by the 9 residents who had joined by then
TSV_HEADER = (
    "scenario\tyear\tresidents\texporting_to_japan\tnew_jobs\tcumulative_jobs\t"
    "japan_shortage_share\tannual_growth_rate"
)
TRY_HELP = "Try 'uzit project --help' for help."
TREND_LEFT_OUT = (
    "trend is left out: it rests on 2 years of history (2022–2024), not 3: no resident had "
    "joined before 2022; its rate is 200.00 % a year (1 to 9 residents), above 100.00 %; kept "
    "for 5 years it multiplies residents by 243 (--scenario trend shows it, marked)"
)
TREND_WARNINGS = f"uzit: warning: {TREND_LEFT_OUT}\n"
EXPLAIN_NOTE = (
    "uzit: note: --explain: the explanation is above, on standard error; standard output keeps "
    "only the rows\n"
)

# No targets and one resident joined in the base year: target and trend cannot be computed.
NO_HISTORY = (
    MINIMAL_HEADER
    + """\
residents:
  - id: only-one
    name: Only One
    joined: 2025-01-10
    city: Bukhara
    sectors: [bpo]
    exports_to_japan: true
"""
)


def is_ascii(text: str) -> bool:
    return all(" " <= char <= "~" for line in text.splitlines() for char in line)


def flat(text: str) -> str:
    """Text with every run of spaces and newlines as one space, for wrapped captions."""
    return " ".join(text.split())


def chart_part(stdout: str) -> str:
    start = stdout.index("Residents and jobs since ")
    return stdout[start:]


def tsv_rows(text: str) -> list[dict[str, str]]:
    lines = text.splitlines()
    keys = lines[0].split("\t")
    return [dict(zip(keys, line.split("\t"), strict=True)) for line in lines[1:]]


def document(uzit: Uzit, *args: str) -> dict[str, object]:
    result = uzit("project", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def scenario(data: dict[str, object], name: str) -> dict[str, object]:
    scenarios = data["scenarios"]
    assert isinstance(scenarios, list)
    return next(s for s in scenarios if s["name"] == name)


def year_rows(data: dict[str, object], name: str) -> list[dict[str, float]]:
    rows = scenario(data, name)["years"]
    assert isinstance(rows, list)
    return rows


# --- the default run -------------------------------------------------------------------------


def test_table_shows_2025_to_2030_side_by_side_with_target_at_20(uzit: Uzit) -> None:
    result = uzit("project", "-f", "table")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    stripped = [line.strip() for line in out.splitlines()]
    # one line, whatever the width of the file (120 by default)
    assert "Projection 2025 → 2030 · Japanese-capital residents of IT Park Uzbekistan" in stripped
    lines = out.splitlines()
    header = next(line for line in lines if line.split()[:1] == ["Year"])
    assert header.split() == ["Year", "target", "steady"]
    by_year = {}
    for index, line in enumerate(lines):
        words = line.split()
        if len(words) == 4 and words[1] == "residents":
            jobs = lines[index + 1].split()
            assert jobs[:3] == ["jobs", "since", "2025"]
            by_year[words[0]] = (words[2:], jobs[3:])
    assert list(by_year) == ["2025", "2026", "2027", "2028", "2029", "2030"]
    # whole residents for people (11.486984 is 11); machine formats keep full precision
    assert by_year["2025"] == (["10", "10"], ["97", "97"])
    assert by_year["2026"] == (["11", "10"], ["208", "193"])
    assert by_year["2030"] == (["20", "10"], ["843", "580"])
    assert (
        "Residents grow a year: target 14.87 % (to 2× by 2030, a year that is an assumption), "
        "steady 0.00 %."
    ) in flat(out)


def test_table_has_the_final_year_by_scenario(uzit: Uzit) -> None:
    out = uzit("project", "-f", "table").stdout
    assert "2030, by scenario" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    # growth, residents, exporting to Japan, new jobs in 2030, total jobs, share of shortage
    assert rows["target"] == ["14.87", "%", "20", "10", "193", "843", "0.11", "%"]
    assert rows["steady"] == ["0.00", "%", "10", "5", "97", "580", "0.07", "%"]
    assert "Share of shortage: jobs since 2025 ÷ 790,000" in out


def test_table_notices_illustrative_context_and_warnings(uzit: Uzit) -> None:
    out = uzit("project", "-f", "table").stdout
    first = out.splitlines()[:4]
    assert first[0].startswith("Illustrative data: the company records are stand-ins")
    assert first[1] == (
        "The share of Japan's IT specialist shortage is context only: jobs in Uzbekistan are "
        "not specialists placed in Japan."
    )
    assert TREND_LEFT_OUT in flat(out)  # wrapped to the table's width


def test_pipe_gives_tsv_one_row_per_scenario_and_year(uzit: Uzit) -> None:
    result = uzit("project")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == TSV_HEADER
    rows = tsv_rows(result.stdout)
    assert [(r["scenario"], r["year"]) for r in rows] == [
        (name, str(year)) for name in ("target", "steady") for year in range(2025, 2031)
    ]
    target_2030 = rows[5]
    assert math.isclose(float(target_2030["residents"]), 20.0, abs_tol=1e-9)
    assert float(rows[1]["residents"]) == pytest.approx(10 * (1 + DOUBLING), abs=1e-9)
    assert float(rows[1]["annual_growth_rate"]) == pytest.approx(DOUBLING, abs=1e-12)
    assert "Illustrative" not in result.stdout
    assert result.stderr == TREND_WARNINGS


def test_no_header_leaves_out_the_header(uzit: Uzit) -> None:
    result = uzit("project", "-f", "tsv", "--no-header")
    assert result.stdout.splitlines()[0].startswith("target\t2025\t10\t5\t")
    assert len(result.stdout.splitlines()) == 12


# --- machine formats -------------------------------------------------------------------------


def test_json_contract(uzit: Uzit) -> None:
    data = document(uzit)
    assert data["base_year"] == 2025 and data["target_year"] == 2030
    base = data["base"]
    assert isinstance(base, dict)
    assert base["residents"] == 10
    assert base["exporting_to_japan"] == 5
    assert base["jobs_year"] == 2024
    assert base["jobs_per_resident"] == pytest.approx(P, abs=1e-12)
    scenarios = data["scenarios"]
    assert isinstance(scenarios, list)
    assert [s["name"] for s in scenarios] == ["target", "steady"]
    for item in scenarios:
        assert {"name", "description", "annual_growth_rate", "assumptions", "years"} <= set(item)
        assert isinstance(item["assumptions"], dict)
        years = item["years"]
        assert [row["year"] for row in years] == list(range(2025, 2031))
        total = 0.0
        for row in years:
            assert set(row) == {
                "year",
                "residents",
                "exporting_to_japan",
                "new_jobs",
                "cumulative_jobs",
                "japan_shortage_share",
            }
            total += row["new_jobs"]
            assert row["cumulative_jobs"] == pytest.approx(total, rel=1e-12)
            assert row["new_jobs"] == pytest.approx(row["residents"] * P, rel=1e-12)
            assert row["exporting_to_japan"] == pytest.approx(row["residents"] / 2, rel=1e-12)
            assert row["japan_shortage_share"] == pytest.approx(total / 790_000, rel=1e-12)
    target = year_rows(data, "target")
    assert abs(target[-1]["residents"] - 20) <= 1e-9
    assert target[1]["residents"] == pytest.approx(11.486983549970351, abs=1e-9)
    assert scenario(data, "target")["annual_growth_rate"] == pytest.approx(DOUBLING, abs=1e-12)
    assert scenario(data, "target")["assumptions"]["target_year_is_assumption"] is True  # type: ignore[index]
    assert [row["residents"] for row in year_rows(data, "steady")] == [10.0] * 6


def test_json_carries_inputs_formulas_and_notes_but_no_people_notices(uzit: Uzit) -> None:
    result = uzit("project", "-f", "json", "--explain")
    data = json.loads(result.stdout)
    assert {"inputs", "formulas", "notes", "omitted"} <= set(data)
    assert "p = jobs created in J ÷ n(J) = 87 ÷ 9 = 9.666667" in data["formulas"]
    assert "Illustrative data:" not in result.stdout
    assert "Illustrative" not in result.stderr  # the document's notes carry it
    assert result.stderr == TREND_WARNINGS


def test_yaml_is_the_same_document_as_json(uzit: Uzit) -> None:
    as_yaml = yaml.safe_load(uzit("project", "-f", "yaml").stdout)
    assert as_yaml == document(uzit)


def test_csv_has_a_row_per_scenario_and_year(uzit: Uzit) -> None:
    result = uzit("project", "-f", "csv", "--year", "2035", "--growth-rate", "25%")
    assert result.exit_code == 0
    assert "\r\n" in result.stdout
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 * 11
    assert [r["scenario"] for r in rows[::11]] == ["target", "steady", "custom"]
    custom_2035 = rows[-1]
    assert custom_2035["year"] == "2035"
    assert float(custom_2035["residents"]) == pytest.approx(10 * 1.25**10, rel=1e-12)
    # the target keeps its rate after 2030
    assert float(rows[10]["residents"]) == pytest.approx(10 * 2**2, rel=1e-12)


def test_jsonl_has_one_object_per_scenario_and_year(uzit: Uzit) -> None:
    lines = uzit("project", "-f", "jsonl").stdout.splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == 2 * 6
    assert list(objects[0]) == TSV_HEADER.split("\t")
    assert objects[5]["scenario"] == "target" and objects[5]["year"] == 2030
    assert abs(objects[5]["residents"] - 20) <= 1e-9


# --- options ---------------------------------------------------------------------------------


def test_scenario_picks_and_orders(uzit: Uzit) -> None:
    data = document(uzit, "--scenario", "steady", "--scenario", "target")
    assert [s["name"] for s in data["scenarios"]] == ["steady", "target"]  # type: ignore[attr-defined]
    table = uzit("project", "-f", "table", "--scenario", "steady", "--scenario", "target")
    header = next(line for line in table.stdout.splitlines() if line.split()[:1] == ["Year"])
    assert header.split() == ["Year", "steady", "target"]
    assert "trend" not in table.stdout


@pytest.mark.parametrize("rate", ["25%", "0.25", " 25 % "])
def test_growth_rate_adds_custom(uzit: Uzit, rate: str) -> None:
    data = document(uzit, "--growth-rate", rate)
    assert [s["name"] for s in data["scenarios"]] == ["target", "steady", "custom"]  # type: ignore[attr-defined]
    custom = scenario(data, "custom")
    assert custom["annual_growth_rate"] == 0.25
    assert [row["residents"] for row in year_rows(data, "custom")][:3] == [10.0, 12.5, 15.625]


def test_custom_alone(uzit: Uzit) -> None:
    result = uzit("project", "--scenario", "custom", "--growth-rate", "-10%", "-f", "table")
    assert result.exit_code == 0
    assert "Residents grow a year: custom -10.00 %." in flat(result.stdout)
    rows = tsv_rows(uzit("project", "--scenario", "custom", "--growth-rate=-0.1").stdout)
    assert float(rows[1]["residents"]) == pytest.approx(9.0)


def test_exporter_share_and_jobs_growth(uzit: Uzit) -> None:
    data = document(uzit, "--exporter-share", "60%", "--jobs-growth", "10%")
    steady = year_rows(data, "steady")
    assert steady[0]["exporting_to_japan"] == pytest.approx(6.0)
    assert steady[2]["new_jobs"] == pytest.approx(10 * P * 1.1**2, rel=1e-12)
    assert data["base"]["exporter_share_origin"] == "flag --exporter-share"  # type: ignore[index]


def test_target_factor_and_year(uzit: Uzit) -> None:
    data = document(uzit, "--target-factor", "1.5", "--target-year", "2027")
    target = year_rows(data, "target")
    assert target[2]["residents"] == pytest.approx(15.0, abs=1e-9)
    assert target[5]["residents"] == pytest.approx(10 * 1.5 ** (5 / 2), abs=1e-9)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2025"], "--year must be from 2026 to 2075"),
        (["--year", "2076"], "--year must be from 2026 to 2075"),
        (["--year", "soon"], "'soon' is not a year"),
        (["--growth-rate", "-100%"], "uzit: error: --growth-rate must be above -100 % (-1)"),
        (["--growth-rate", "-1.5"], "--growth-rate -1.5 would be -150 % a year; write -1.5%"),
        (["--growth-rate", "10"], "--growth-rate 10 would be 1,000 % a year; write 10% for"),
        (["--growth-rate", "fast"], "'fast' is not a rate; write one such as 0.25 or 25%"),
        (["--growth-rate", "nan"], "'nan' is not a rate"),
        (["--growth-rate", "1e300%"], "--growth-rate: '1e300%' is too large to compute with"),
        (
            ["--growth-rate", "1e20%", "--year", "2075"],
            "the custom scenario overflows by 2043: --growth-rate is too large to compute with",
        ),
        (["--exporter-share", "60"], "--exporter-share 60 would be 6,000 %; write 60%"),
        (["--exporter-share", "120%"], "--exporter-share must be from 0 to 1 (0% to 100%)"),
        (["--exporter-share", "-0.1"], "--exporter-share must be from 0 to 1 (0% to 100%)"),
        (["--jobs-growth", "5"], "--jobs-growth 5 would be 500 % a year"),
        (["--jobs-growth", "x"], "--jobs-growth: 'x' is not a rate"),
        (["--target-factor", "1"], "--target-factor must be a finite number above 1"),
        (["--target-factor", "double"], "write a factor above 1"),
        (["--scenario", "trnd"], "Choose from target, trend, steady, custom"),
        (["--scenario", "custom"], "--scenario custom needs --growth-rate"),
    ],
)
def test_bad_flags_are_usage_errors(uzit: Uzit, args: list[str], message: str) -> None:
    result = uzit("project", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("uzit: error: ")
    assert message in lines[0]
    assert lines[1:] == [TRY_HELP]
    assert "Traceback" not in result.stderr


def test_scenarios_that_cannot_be_computed_are_left_out_with_a_reason(
    uzit: Uzit, write_registry: Callable[[str], Path]
) -> None:
    path = str(write_registry(NO_HISTORY))
    table = uzit("project", "-r", path, "-f", "table")
    assert table.exit_code == 0
    assert "target is left out: the registry has no residents target" in table.stdout
    assert "trend is left out: no resident had joined by the end of 2024" in table.stdout
    assert "Illustrative data" not in table.stdout
    assert "Share of" not in table.stdout and "context only" not in table.stdout
    data = document(uzit, "-r", path)
    assert [s["name"] for s in data["scenarios"]] == ["steady"]  # type: ignore[attr-defined]
    assert [o["name"] for o in data["omitted"]] == ["target", "trend"]  # type: ignore[attr-defined]
    nothing = uzit("project", "-r", path, "--scenario", "target")
    assert nothing.exit_code == 1
    assert nothing.stderr.startswith("uzit: error: no scenario can be projected: target is left")


# --- --explain -------------------------------------------------------------------------------


def test_explain_shows_inputs_formulas_and_sources(uzit: Uzit) -> None:
    result = uzit("project", "-f", "table", "--explain", env={"COLUMNS": "400"})
    assert result.exit_code == 0
    out = result.stdout
    for title in ("Inputs:", "Formulas, in words", "Scenarios", "Notes", "Sources cited above"):
        assert title in out
    assert "p = jobs created in J ÷ n(J) = 87 ÷ 9 = 9.666667" in out
    assert "target: g = F^(1 ÷ (T − B)) − 1 = 2^(1 ÷ (2030 − 2025)) − 1 = 0.148698" in out
    assert "target, 2026: R = 10 × 1.148698 = 11.486984" in out
    inputs = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "2025" in inputs["B"] and "record" in inputs["B"]
    assert "2030" in inputs["Y"] and "default" in inputs["Y"]
    assert "790,000" in inputs["V"] and "target meti-2016-06-10" in inputs["V"]
    assert "target trend-2025-02-28" in inputs["T"] and "an assumption" in inputs["T"]
    assert "https://en.trend.az/casia/uzbekistan/4011316.html" in out
    assert "Ministry of Economy, Trade and Industry of Japan (METI)" in out


def test_explain_names_flags_as_origins(uzit: Uzit) -> None:
    out = uzit("project", "-f", "markdown", "--explain", "--growth-rate", "25%").stdout
    assert "| g | 0.25 | flag --growth-rate | annual growth of residents (custom) |" in out
    assert "### Formulas, in words" in out


# --- --chart ---------------------------------------------------------------------------------


def test_chart_after_a_table_in_a_pipe_is_ascii(uzit: Uzit) -> None:
    every = ("--scenario", "target", "--scenario", "trend", "--scenario", "steady")
    result = uzit("project", "-f", "table", "--chart", *every)
    assert result.exit_code == 0
    chart = chart_part(result.stdout)
    assert is_ascii(chart)
    lines = chart.splitlines()
    assert lines[0] == "Residents and jobs since 2025, by year: 2025 -> 2030"
    assert "target - residents grow 14.87 % a year" in lines
    start = lines.index("target - residents grow 14.87 % a year")
    first, last = lines[start + 2], lines[start + 7]
    assert first.startswith("2025  .") and first.rstrip().endswith("97")
    assert last.startswith("2030  .") and last.rstrip().endswith("843")
    # one scale for every scenario: the same values draw the same bars in each of them
    starts = [line for line in lines if line.startswith("2025  ")]
    assert len(starts) == 3 and len(set(starts)) == 1
    trend_2030 = next(line for line in lines if line.rstrip().endswith("35,187"))
    assert trend_2030.count("#") == max(line.count("#") for line in lines) > last.count("#")
    assert result.stderr == ""  # trend's warnings are notices above the table


def test_chart_with_machine_formats_goes_to_stderr(uzit: Uzit) -> None:
    result = uzit("project", "-f", "json", "--chart")
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout stays one JSON document
    assert result.stderr.lstrip().startswith("Residents and jobs since 2025, by year")
    chart, warnings = result.stderr.split("\nuzit: warning: ", 1)
    assert is_ascii(chart)
    assert "uzit: warning: " + warnings == TREND_WARNINGS  # after the chart

    piped = uzit("project", "--chart")
    assert piped.stdout.splitlines()[0] == TSV_HEADER
    assert len(piped.stdout.splitlines()) == 13
    assert "steady - residents grow 0.00 % a year" in piped.stderr
    assert piped.stderr.endswith(TREND_WARNINGS)
    assert is_ascii(piped.stderr.removesuffix(TREND_WARNINGS))


def test_chart_in_markdown_is_a_fenced_block(uzit: Uzit) -> None:
    out = uzit("project", "-f", "markdown", "--chart").stdout
    fenced = out[out.index("```text\n") :]
    assert fenced.rstrip().endswith("```")
    assert is_ascii(fenced)


def sample_chart() -> Chart:
    return Chart(
        "Title → end",
        (Measure("residents", 1), Measure("total jobs", 0)),
        (
            ChartGroup("small", ("2025", "2026"), ((1.0, 0.0), (2.0, 10.0))),
            ChartGroup("big", ("2025", "2026"), ((10.0, 5.0), (1000.0, 50_000.0))),
        ),
        shared_scale=True,
    )


def test_bar_resolution() -> None:
    assert bar(10, 10, 8, unicode=True) == "█" * 8
    assert bar(1, 16, 8, unicode=True) == "▌" + " " * 7
    assert bar(0.001, 10, 8, unicode=True) == "▏" + " " * 7
    assert bar(0, 10, 8, unicode=True) == " " * 8
    assert bar(5, 10, 8, unicode=False) == "####    "
    assert bar(0.001, 10, 4, unicode=False, fill="=") == ".   "
    assert bar(5, 0, 4, unicode=False) == "    "


def test_chart_lines_share_a_scale_when_asked_and_stay_ascii() -> None:
    shared = chart_lines(sample_chart(), width=60)
    assert shared == [
        "Title -> end",
        "",
        "small",
        "      residents                    total jobs",
        "2025  .                      1.0                           0",
        "2026  .                      2.0   .                      10",
        "",
        "big",
        "      residents                    total jobs",
        "2025  .                     10.0   .                       5",
        "2026  ################## 1,000.0   ================== 50,000",
    ]
    own = chart_lines(dataclasses.replace(sample_chart(), shared_scale=False), width=60)
    assert own[4] == "2025  #########              1.0                           0"
    assert own[5] == "2026  ##################     2.0   ==================     10"
    assert own[9:] == shared[9:]


def test_rich_chart_draws_block_bars() -> None:
    stream = io.StringIO()
    write_chart(sample_chart(), stream, rich=True)
    text = stream.getvalue()
    assert "█" in text and "Title → end" in text


def test_rich_chart_falls_back_to_ascii_without_unicode() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    write_chart(sample_chart(), stream, rich=True)
    stream.flush()
    text = raw.getvalue().decode("ascii")
    assert "Title -> end" in text and "==" in text


def test_chart_on_a_terminal_is_drawn_with_blocks(uzit: Uzit) -> None:
    out = uzit("project", "-f", "table", "--chart", "--scenario", "steady", terminal=80).stdout
    chart = chart_part(out)
    assert chart.startswith("Residents and jobs since 2025, by year: 2025 → 2030")
    assert "steady · residents grow 0.00 % a year" in chart
    assert "2030  " + "█" * 20 in chart


# --- warnings and notes on standard error ----------------------------------------------------


@pytest.mark.parametrize(
    "output_format", [f.value for f in Format if f is not Format.auto and not FORMATS[f].for_people]
)
def test_machine_formats_write_each_warning_to_stderr(uzit: Uzit, output_format: str) -> None:
    result = uzit("project", "-f", output_format)
    assert result.exit_code == 0
    assert result.stderr == TREND_WARNINGS
    assert "uzit:" not in result.stdout


def test_jq_keeps_the_warnings_on_stderr(uzit: Uzit) -> None:
    result = uzit("project", "--jq", ".base_year")
    assert result.exit_code == 0
    assert result.stderr == TREND_WARNINGS
    assert "uzit:" not in result.stdout


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_people_formats_show_warnings_as_notices_only(uzit: Uzit, output_format: str) -> None:
    result = uzit("project", "-f", output_format)
    assert result.stderr == ""
    assert TREND_LEFT_OUT in result.stdout.replace("\n", " ").replace("> ", "")


def test_left_out_scenarios_are_warnings_on_stderr_in_a_pipe(
    uzit: Uzit, write_registry: Callable[[str], Path]
) -> None:
    result = uzit("project", "-r", str(write_registry(NO_HISTORY)))  # auto in a pipe: tsv
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == TSV_HEADER
    assert result.stderr.splitlines() == [
        # every warning in lower case after the prefix, as an error is
        "uzit: warning: no resident reports jobs created in a year up to 2024, the last complete "
        "year, so jobs per resident p is 0 and every scenario creates 0 new jobs",
        "uzit: warning: the registry has no japan_it_shortage target with a value, so no share "
        "of Japan's shortage is computed",
        "uzit: warning: target is left out: the registry has no residents target; give "
        "--target-factor and --target-year to set one",
        "uzit: warning: trend is left out: no resident had joined by the end of 2024, so there "
        "is no history to extend",
    ]


def test_a_target_year_before_the_base_year_names_the_option(uzit: Uzit) -> None:
    # the projection spec: T <= B leaves target out, never an error while others remain;
    # the warning says it is the option's year, not the registry's target, that cannot be used
    result = uzit("project", "--target-year", "2020", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "uzit: warning: target is left out: --target-year 2020 is not after the base year 2025; "
        "give --target-year 2026 or later"
    )
    alone = uzit("project", "--target-year", "2020", "--scenario", "target", "-f", "json")
    assert alone.exit_code == 1
    assert alone.stderr.startswith(
        "uzit: error: no scenario can be projected: target is left out: --target-year 2020 "
    )


# Where --explain goes is a property of each format (writers.FORMATS), so the lists follow it.
EXPLAINED_ON_STDERR = [f.value for f, r in FORMATS.items() if r.explanation == "stderr"]
EXPLAINED_IN_THE_OUTPUT = [f.value for f, r in FORMATS.items() if r.explanation != "stderr"]


@pytest.mark.parametrize("output_format", EXPLAINED_ON_STDERR)
def test_explain_without_room_for_it_says_so_on_stderr(uzit: Uzit, output_format: str) -> None:
    plain = uzit("project", "-f", output_format)
    result = uzit("project", "-f", output_format, "--explain")
    assert result.exit_code == 0
    assert result.stdout == plain.stdout
    explanation, diagnostics = result.stderr.split("uzit: warning: ", 1)
    assert explanation.startswith("Inputs: every number the projection rests on")
    assert "Formulas, in words" in explanation and "Sources cited above" in explanation
    assert "uzit: warning: " + diagnostics == TREND_WARNINGS + EXPLAIN_NOTE


@pytest.mark.parametrize("output_format", EXPLAINED_IN_THE_OUTPUT)
def test_explain_with_room_for_it_has_no_note(uzit: Uzit, output_format: str) -> None:
    assert "uzit: note:" not in uzit("project", "-f", output_format, "--explain").stderr


# --- one rounding for rates ------------------------------------------------------------------


def test_caption_rates_match_the_table_to_two_decimals(uzit: Uzit) -> None:
    args = ("--growth-rate", "12.345%", "--scenario", "trend", "--scenario", "custom")
    out = uzit("project", "-f", "table", *args).stdout
    caption = "Residents grow a year: trend 200.00 %, custom 12.35 %."
    assert caption in flat(out)
    rows = {line.split()[0]: line.split()[1:4] for line in out.splitlines() if line.strip()}
    assert rows["trend"] == ["⚠", "200.00", "%"]  # marked: asked for, though weak
    assert rows["custom"] == ["12.35", "%", "18"]  # 10 × 1.12345^5 = 17.9, whole residents


# --- shares after the shortage figure's year -------------------------------------------------

LATER_NOTE = (
    "Japan's IT specialist shortage figure (790,000) is for 2030; the shares for 2031–2035 "
    "still divide by it, since the registry has no later figure"
)


def test_shares_after_the_figure_year_carry_a_note(uzit: Uzit) -> None:
    table = uzit("project", "-f", "table", "--year", "2035")
    assert LATER_NOTE in flat(table.stdout)
    assert table.stderr == ""
    piped = uzit("project", "--year", "2035", "--scenario", "steady")
    assert piped.stderr == f"uzit: warning: {LATER_NOTE}\n"
    assert LATER_NOTE in document(uzit, "--year", "2035")["notes"]  # type: ignore[operator]
    assert uzit("project", "--year", "2030", "--scenario", "steady").stderr == ""


# --- chart headings wrap ---------------------------------------------------------------------


def test_chart_headings_wrap_at_40_columns(uzit: Uzit) -> None:
    out = uzit("project", "-f", "table", "--chart", "--scenario", "trend", terminal=40)
    lines = chart_part(out.stdout).splitlines()
    assert lines[:5] == [
        "Residents and jobs since 2025, by year:",
        "2025 → 2030",
        "One scale for every scenario: a bar of",
        "the same length is the same number.",
        "",
    ]
    assert lines[5] == "trend · residents grow 200.00 % a year"  # 38 columns: fits
    assert lines[6].split() == ["residents", "jobs", "since", "2025"]


def test_chart_lines_wrap_headings_but_not_bars() -> None:
    chart = dataclasses.replace(sample_chart(), note="a note " * 10)
    lines = chart_lines(chart, width=30)
    assert lines[:5] == [
        "Title -> end",
        "a note a note a note a note a",
        "note a note a note a note a",
        "note a note",
        "",
    ]
    assert max(len(line) for line in lines) > 30  # bars keep their minimum width


def test_chart_file_dash_writes_the_svg_to_standard_output(uzit: Uzit) -> None:
    result = uzit("project", "--chart-file", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lstrip().startswith("<")
    assert "</svg>" in result.stdout and "scenario\t" not in result.stdout


def test_a_japanese_chart_keeps_its_words_and_aligns_by_display_cells() -> None:
    from uzit_cli.characters import display_cells

    chart = Chart(
        "コミットされた各版の入居企業数と目標の推移、タシケントとサマルカンドの合計",
        [Measure("入居企業"), Measure("目標の推移", 1)],
        [ChartGroup("履歴", ["2025年2月28日", "2025-06-30"], [[10, 10.0], [12, 11.5]])],
    )
    lines = chart_lines(chart, width=40, encoding="utf-8")
    assert "".join(lines[:3]).startswith("コミットされた各版")  # kept, not '?'
    assert max(display_cells(line) for line in lines[:3]) <= 40  # wrapped by cells
    rows = [line for line in lines if "#" in line]
    starts = {display_cells(line[: line.index("#")]) for line in rows}
    assert len(rows) == 2 and len(starts) == 1  # the bars start in one column
    heading = next(line for line in lines if line.startswith(" ") and "入居企業" in line)
    assert display_cells(heading[: heading.index("入居企業")]) == starts.pop()
    assert "?" in "".join(chart_lines(chart, width=40))  # ASCII only where asked


def test_a_trends_growth_factor_is_a_number_a_reader_reads(uzit: Uzit) -> None:
    def said(year: str) -> str:
        stderr = uzit("project", "--scenario", "trend", "--year", year, "-f", "csv").stderr
        return stderr.split("kept for ")[1].splitlines()[0]

    assert said("2035") == "10 years it multiplies residents by 59,049"
    assert said("2075") == "50 years it multiplies residents by more than 1,000,000"  # 7.17898e+23
