"""Every registered scenario computes with each of its example options, and its own options
reach `uzit project` and `uzit report` from its declaration alone (issue 23, point 5)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, Uzit

from uzit_cli.projection import SCENARIOS, ProjectionOptions, project_scenarios
from uzit_cli.registry import bundled_registry_path, load_registry

CASES = [
    (name, index, example)
    for name, scenario in SCENARIOS.items()
    for index, example in enumerate(scenario.examples)
]


def test_every_scenario_has_examples_and_every_example_is_run() -> None:
    assert {name for name, _, _ in CASES} == set(SCENARIOS)


@pytest.mark.parametrize(("name", "index", "example"), CASES)
def test_each_scenario_computes_with_its_example_options(
    name: str, index: int, example: dict[str, object]
) -> None:
    registry = load_registry(str(bundled_registry_path()))
    projection = project_scenarios(registry, ProjectionOptions.of(scenarios=(name,), **example))
    assert projection.omitted == ()
    (scenario,) = projection.scenarios
    assert scenario.name == name
    assert len(scenario.years) == projection.target_year - projection.base_year + 1
    assert scenario.years[0].residents == projection.base.residents


@pytest.mark.parametrize("command", ["project", "report"])
def test_each_scenario_option_is_an_option_of_the_commands(uzit: Uzit, command: str) -> None:
    helped = uzit(command, "--help").stdout
    for scenario in SCENARIOS.values():
        assert scenario.name in helped
        for option in scenario.options:
            assert f"{option.flag} {option.metavar}" in helped
            assert f"Example: {option.flag} {option.example}" in " ".join(helped.split())


def test_the_readme_documents_every_scenario_and_its_options() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| scenario | annual growth of residents |", 1)[1].split("\n\n", 1)[0]
    for scenario in SCENARIOS.values():
        assert f"| `{scenario.name}` |" in table
        for option in scenario.options:
            assert option.flag in table, f"{scenario.name}: README's table lacks {option.flag}"


REGISTRY_1969 = """\
schema: 1
registry:
  title: Test registry
  as_of: 1969-06-30
  sources:
    - id: src
      title: A source
      publisher: A publisher
residents:
  - id: one
    name: One
    joined: 1968-01-10
    city: Nukus
    sectors: [bpo]
    exports_to_japan: false
    jobs_created: {1968: 3}
"""


def test_the_default_year_is_five_years_on_where_2030_cannot_be_projected(
    uzit: Uzit,
    write_registry,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    path = str(write_registry(REGISTRY_1969))
    rows = uzit("project", "-r", path, "-f", "tsv", "--no-header").stdout.splitlines()
    assert rows[-1].split("\t")[:2] == ["steady", "1974"]
    page = tmp_path / "r.html"
    assert uzit("report", "-r", path, "-o", str(page)).exit_code == 0
    from openpyxl import load_workbook

    book = tmp_path / "r.xlsx"
    assert uzit("export", "-r", path, str(book)).exit_code == 0
    assert "Projection steady" in load_workbook(book, read_only=True).sheetnames


@pytest.mark.parametrize("command", ["list", "stats", "project", "report"])
def test_a_jobs_year_after_the_year_of_as_of_is_a_usage_error(uzit: Uzit, command: str) -> None:
    result = uzit(command, "--jobs-year", "2026", *(["-o", "-"] if command == "report" else []))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "uzit: error: --jobs-year 2026 is after the registry's as_of year (2025): no record "
        "can hold jobs for it; give 2025 or earlier"
    )


TARGETS = """\
schema: 1
registry:
  title: Test registry
  as_of: 2025-02-28
  sources:
    - id: src
      title: A source
      publisher: A publisher
  targets:
    - {metric: residents, factor: 3, by: 2024, source: src}
    - {metric: residents, factor: 2, by: 2025, source: src}
    - {metric: residents, factor: 4, by: 2025, source: src}
    - {metric: japan_it_shortage, value: 1000, year: 2030, source: src}
    - {metric: japan_it_shortage, value: 2000, year: 2040, source: src}
residents:
  - id: one
    name: One
    joined: 2023-01-10
    city: Nukus
    sectors: [bpo]
    exports_to_japan: false
    jobs_created: {2024: 3}
"""


def test_target_year_revives_the_latest_target_first_in_file_on_ties(
    uzit: Uzit,
    write_registry,  # type: ignore[no-untyped-def]
) -> None:
    path = str(write_registry(TARGETS))
    result = uzit(
        "project", "-r", path, "--target-year", "2028", "--scenario", "target", "-f", "json"
    )
    document = json.loads(result.stdout)
    (target,) = document["scenarios"]
    assert target["assumptions"]["factor"] == 2  # 2025's first, not its second (4)
    assert target["assumptions"]["target_year"] == 2028
    assert (
        "the registry has 3 residents targets; the one with the latest year is used (2025; its "
        "factor, by --target-year 2028); the others: 3× by 2024; 4× by 2025"
    ) in document["notes"]
    assert "after 2025 is used (2025)" not in result.stderr + result.stdout


def test_the_latest_shortage_target_is_used_and_the_others_listed(
    uzit: Uzit,
    write_registry,  # type: ignore[no-untyped-def]
) -> None:
    path = str(write_registry(TARGETS))
    document = json.loads(uzit("project", "-r", path, "-f", "json", "--scenario", "steady").stdout)
    assert document["base"]["japan_shortage"] == 2000
    assert (
        "the registry has 2 japan_it_shortage targets; the one with the latest year is used "
        "(2040); the others: 1000 in 2030 (src)"
    ) in document["notes"]
