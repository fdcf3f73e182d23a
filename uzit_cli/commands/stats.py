"""`uzit stats`: the summary people quote, checked against the published figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TextIO

import typer

from uzit_cli.cli.common import (
    OutputOptions,
    RegistryOptions,
    described,
    streams_of,
)
from uzit_cli.cli.filters import FilterOptions
from uzit_cli.cli.option_groups import Completes, takes_groups
from uzit_cli.crosstab import (
    DIMENSIONS,
    MEASURES,
    check_choice,
    crosstab,
    labels_from,
)
from uzit_cli.language import N_, _
from uzit_cli.output.writers import FORMATS
from uzit_cli.problems import UsageError
from uzit_cli.stats import (
    Check,
    breakdown,
    check_published,
    mismatch_phrase,
    summarize,
)
from uzit_cli.views.stats import crosstab_report, group_report, growth_report, summary_report


def warn_mismatches(checks: Sequence[Check], err: TextIO) -> None:
    """A published figure the records do not reproduce is never a silent pass: a warning on
    `err` (standard error)."""
    for check in checks:
        if not check.matches:
            print(_("uzit: warning: {message}").format(message=mismatch_phrase(check)), file=err)


def _dimension_choices(values: list[str] | None) -> list[str] | None:
    for value in values or ():
        if value not in DIMENSIONS:
            raise typer.BadParameter(
                _("'{value}' is not one of {choices}").format(
                    value=value, choices=", ".join(DIMENSIONS)
                )
            )
    return values


def _measure_choice(value: str | None) -> str | None:
    if value is not None and value not in MEASURES:
        raise typer.BadParameter(
            _("'{value}' is not one of {choices}").format(value=value, choices=", ".join(MEASURES))
        )
    return value


@described(
    N_(
        """\
Summarise the residents: counts, exporters to Japan, jobs created per year, joins per
year, headcount and export revenue where reported, and every published figure checked
against the records (a mismatch is a warning on standard error).

The filters are those of `uzit list`; with any filter the published-figure check is
skipped, since the published figures describe the whole registry.

\b
Examples:
  uzit stats
  uzit stats --city Tashkent
  uzit stats --by sector
  uzit stats --by city --by year --measure jobs
  uzit stats --growth
  uzit stats --by city -f csv > by-city.csv
  uzit stats -f json --jq .jobs_created"""
    )
)
@takes_groups
def stats(
    ctx: typer.Context,
    source: RegistryOptions,
    output: OutputOptions,
    filters: FilterOptions,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            metavar="|".join(DIMENSIONS),
            callback=_dimension_choices,
            help=N_(
                "One row per city, sector, exports-to-Japan value, joined year or year "
                "instead of the headline summary; given twice, a cross-tab with the second as "
                "columns and totals on both margins. Example: --by city --by year"
            ),
            show_default=False,
        ),
        Completes("breakdowns"),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            metavar="|".join(MEASURES),
            callback=_measure_choice,
            help=N_(
                "What the cells of a --by table count: residents (the default), exporters "
                "(to Japan), jobs (created), headcount or export-revenue (USD). With --by year, "
                "residents and exporters count in the year they joined. Example: --measure jobs"
            ),
            show_default=False,
        ),
        Completes("measures"),
    ] = None,
    growth: Annotated[
        bool,
        typer.Option(
            "--growth",
            help=N_(
                "Residents and exporters at each year's end and jobs created each year, with "
                "the change from the year before and the compound annual rate. Example: --growth"
            ),
        ),
    ] = False,
) -> None:
    streams = streams_of(ctx)
    data = source.open(streams.err)
    selection = filters.select(data, streams.err.file)  # also hints at values no resident has
    year, residents = selection.jobs_year, selection.residents
    dimensions = by or []
    if growth and (dimensions or measure is not None):
        raise UsageError(_("--growth is a table of its own: leave out --by and --measure"))
    if measure is not None and not dimensions:
        raise UsageError(_("--measure says what a --by table counts: add --by, e.g. --by city"))
    if dimensions:
        check_choice(dimensions, measure or "residents")  # before any branch reads only the first
    spellings = labels_from(data.residents)  # labels as the whole registry spells them
    if growth:
        report = growth_report(data, residents)
    elif len(dimensions) == 2 or measure is not None or "year" in dimensions:
        columns_by = dimensions[1] if len(dimensions) == 2 else None
        table = crosstab(residents, dimensions[0], columns_by, measure or "residents", spellings)
        people = FORMATS[output.chosen(streams.out)].for_people
        report = crosstab_report(data, table, people)
    elif dimensions:
        rows = breakdown(residents, dimensions[0], spellings)
        report = group_report(data, rows, dimensions[0], residents)
    else:
        active = selection.filters.active
        checks = None if active else check_published(data.residents, data.info)
        if checks:
            warn_mismatches(checks, streams.err.file)
        summary = summarize(residents, data.info, year, spellings)
        report = summary_report(data, summary, checks, residents)
    output.write(report, streams.out)
