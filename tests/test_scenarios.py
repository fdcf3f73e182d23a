"""Every registered scenario computes with each of its example options, and its own options
reach `uzit project` and `uzit report` from its declaration alone (issue 23, point 5)."""

from __future__ import annotations

import pytest
from conftest import Uzit

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


@pytest.mark.parametrize("command", ["list", "stats", "project", "report"])
def test_a_jobs_year_after_the_year_of_as_of_is_a_usage_error(uzit: Uzit, command: str) -> None:
    result = uzit(command, "--jobs-year", "2026", *(["-o", "-"] if command == "report" else []))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "uzit: error: --jobs-year 2026 is after the registry's as_of year (2025): no record "
        "can hold jobs for it; give 2025 or earlier"
    )
