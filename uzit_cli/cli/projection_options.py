"""The options of a projection, shared by `uzit project` and `uzit report`: declared once.

Rates are read by projection.rates (`0.25` or `25%`; a bare number of 1 or more is refused as
ambiguous), and `projection_options` turns the values into ProjectionOptions.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

import typer

from uzit_cli.cli.common import help_with
from uzit_cli.cli.filters import JobsYearOption
from uzit_cli.cli.option_groups import Completes
from uzit_cli.language import N_, _
from uzit_cli.problems import UsageError
from uzit_cli.projection import (
    SCENARIOS,
    ProjectionOptions,
    parse_rate,
    parse_share,
)
from uzit_cli.projection.scenarios import ScenarioOption

OptionalNumber = float | None


def _reader(parse: Callable[[str, str], float], flag: str) -> Callable[[str | float], float]:
    """A Typer parser for one rate option: "0.25" or "25%"; bad text is a usage error whose
    message names the option. Typer also passes the default through it, already a number."""

    def read(text: str | float) -> float:
        if isinstance(text, (int, float)):
            return float(text)
        try:
            return parse(text, flag)
        except ValueError as error:  # the message names the option already
            raise UsageError(str(error)) from None

    return read


def _year(text: str | int) -> int:
    """Typer parser for years; the range depends on the registry, so it is checked later."""
    if isinstance(text, int):
        return text
    if not re.fullmatch(r"[0-9]{1,4}", text.strip()):  # not 2_030, not other scripts' digits
        raise typer.BadParameter(
            _("'{text}' is not a year: write one such as 2030").format(text=text)
        )
    return int(text.strip())


YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        parser=_year,
        help=N_(
            "Last year to project, after the registry's base year (the year of its as_of) and at "
            "most 50 years on. Default: 2030, or five years on when 2030 is not in that range. "
            "Example: --year 2035"
        ),
        show_default=False,
    ),
]


ScenarioOption_ = Annotated[
    list[str] | None,
    typer.Option(
        "--scenario",
        metavar="NAME",
        help=N_(
            "Scenario to show, repeatable, in the order given: target, the registry's residents "
            "target (or --target-factor and --target-year); trend, the compound growth of "
            "year-end resident counts over the last complete years (with --history: between the "
            "as_of snapshots in the registry's git history); steady, no new residents after the "
            "base year; custom, --growth-rate RATE a year. Default: every scenario that can be "
            "computed. Example: --scenario target --scenario steady"
        ),
        show_default=False,
    ),
    Completes("scenarios"),
]


ExporterShareOption = Annotated[
    OptionalNumber,
    typer.Option(
        "--exporter-share",
        metavar="SHARE",
        parser=_reader(parse_share, "--exporter-share"),
        help=N_(
            "Share of residents exporting to Japan, from 0 to 1 (or 0% to 100%). "
            "Default: the registry's current share. Example: --exporter-share 60%"
        ),
        show_default=False,
    ),
]


JobsGrowthOption = Annotated[
    float,
    typer.Option(
        "--jobs-growth",
        metavar="RATE",
        parser=_reader(parse_rate, "--jobs-growth"),
        help=N_(
            "Annual growth of new jobs per resident, above -100%, in the forms of "
            "--growth-rate. Default: 0 (each resident keeps creating as many jobs a year as in "
            "the jobs year, see --jobs-year). Example: --jobs-growth 5%"
        ),
        show_default=False,
    ),
]


def _scenario_parameter(option: ScenarioOption) -> inspect.Parameter:
    """A scenario's own option (projection/scenarios.py) as a Typer option."""

    def read(text: str | float) -> float | int:
        if isinstance(text, (int, float)):  # Typer passes the default through too
            return text
        try:
            return option.read(text)
        except ValueError as error:  # the message names the option already
            raise UsageError(str(error)) from None

    annotation = Annotated[
        option.kind | None,  # type: ignore[name-defined]
        typer.Option(
            option.flag,
            metavar=option.metavar,
            parser=read,
            help=_help(option),
            show_default=False,
        ),
    ]
    return inspect.Parameter(
        option.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=None
    )


def _help(option: ScenarioOption) -> str:
    """The option's help and its example, English for Typer, each part translated when shown."""
    return help_with(
        N_("{help} Example: {flag} {example}"),
        help=lambda: _(option.help),
        flag=lambda: option.flag,
        example=lambda: option.example,
    )


def scenario_parameters() -> list[inspect.Parameter]:
    """Every scenario's own options, in the order of SCENARIOS."""
    return [
        _scenario_parameter(option)
        for scenario in SCENARIOS.values()
        for option in scenario.options
    ]


def projection_options(
    params: Mapping[str, Any], extras: Mapping[str, Any] | None = None
) -> ProjectionOptions:
    """The projection the options above ask for, from a command's `ctx.params` (or the
    group's values), and the scenarios' own options in `extras`."""
    return ProjectionOptions.of(
        year=params.get("year"),
        scenarios=tuple(params.get("scenario") or ()),
        exporter_share=params.get("exporter_share"),
        jobs_growth=params.get("jobs_growth") or 0.0,
        jobs_year=params.get("jobs_year"),
        **{name: value for name, value in (extras or {}).items()},
    )


@dataclass(frozen=True)
class ProjectionInputs:
    """The options of a projection: --year, --scenario, the exporter share and the jobs
    inputs, and each scenario's own options (declared with the scenario)."""

    GROUP: ClassVar[bool] = True
    year: YearOption = None
    scenario: ScenarioOption_ = None
    exporter_share: ExporterShareOption = None
    jobs_growth: JobsGrowthOption = 0.0
    jobs_year: JobsYearOption = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    @staticmethod
    def extra_parameters() -> list[inspect.Parameter]:
        return scenario_parameters()

    def options(self) -> ProjectionOptions:
        """The projection asked for, as the core takes it."""
        return projection_options(vars(self), self.extras)
