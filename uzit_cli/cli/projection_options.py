"""The options of a projection, shared by `uzit project` and `uzit report`: declared once.

Rates are read by projection.rates (`0.25` or `25%`; a bare number of 1 or more is refused as
ambiguous), and `projection_options` turns the values into ProjectionOptions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import typer

from uzit_cli.problems import UsageError
from uzit_cli.projection import DEFAULT_YEAR, ProjectionOptions, parse_rate, parse_share

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
        raise typer.BadParameter(f"'{text}' is not a year: write one such as 2030")
    return int(text.strip())


def _factor(text: str | float) -> float:
    if isinstance(text, (int, float)):
        return float(text)
    try:
        return float(text.strip())
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' is not a number: write a factor above 1, such as 2 to double"
        ) from None


YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        parser=_year,
        help=f"Last year to project, after the registry's base year (the year of its "
        f"as_of) and at most 50 years on. Default: {DEFAULT_YEAR}, or five years on when "
        f"the base year is {DEFAULT_YEAR} or later. Example: --year 2035",
        show_default=False,
    ),
]


ScenarioOption = Annotated[
    list[str] | None,
    typer.Option(
        "--scenario",
        metavar="NAME",
        help="Scenario to show, repeatable, in the order given: target, trend, steady or "
        "custom (custom needs --growth-rate). Default: every scenario that can be "
        "computed. Example: --scenario target --scenario steady",
        show_default=False,
    ),
]


TargetFactorOption = Annotated[
    OptionalNumber,
    typer.Option(
        "--target-factor",
        metavar="F",
        parser=_factor,
        help="Growth factor of residents for the target scenario, above 1 (2 doubles). "
        "Default: the registry's residents target. Example: --target-factor 1.5",
        show_default=False,
    ),
]


TargetYearOption = Annotated[
    int | None,
    typer.Option(
        "--target-year",
        metavar="YEAR",
        parser=_year,
        help="Year by which the target scenario reaches its factor, after the base year (one "
        "that is not leaves target out, with a warning). Default: the registry's residents "
        "target. Example: --target-year 2028",
        show_default=False,
    ),
]


GrowthRateOption = Annotated[
    OptionalNumber,
    typer.Option(
        "--growth-rate",
        metavar="RATE",
        parser=_reader(parse_rate, "--growth-rate"),
        help="Annual growth of residents for a custom scenario, above -100%: a fraction "
        "between -1 and 1, or a percentage (a bare 10 is refused as ambiguous: write 10% "
        "or 1000%); adds the custom scenario. Example: --growth-rate 25%",
        show_default=False,
    ),
]


ExporterShareOption = Annotated[
    OptionalNumber,
    typer.Option(
        "--exporter-share",
        metavar="SHARE",
        parser=_reader(parse_share, "--exporter-share"),
        help="Share of residents exporting to Japan, from 0 to 1 (or 0% to 100%). "
        "Default: the registry's current share. Example: --exporter-share 60%",
        show_default=False,
    ),
]


JobsGrowthOption = Annotated[
    float,
    typer.Option(
        "--jobs-growth",
        metavar="RATE",
        parser=_reader(parse_rate, "--jobs-growth"),
        help="Annual growth of new jobs per resident, above -100%, in the forms of "
        "--growth-rate. Default: 0 (each "
        "resident keeps creating as many jobs a year as in the last year with data). "
        "Example: --jobs-growth 5%",
        show_default=False,
    ),
]


def projection_options(params: Mapping[str, Any]) -> ProjectionOptions:
    """The projection the options above ask for, from a command's `ctx.params`."""
    return ProjectionOptions(
        year=params.get("year"),
        scenarios=tuple(params.get("scenario") or ()),
        target_factor=params.get("target_factor"),
        target_year=params.get("target_year"),
        growth_rate=params.get("growth_rate"),
        exporter_share=params.get("exporter_share"),
        jobs_growth=params.get("jobs_growth") or 0.0,
        jobs_year=params.get("jobs_year"),
    )
