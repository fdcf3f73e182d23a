"""`uzit stats`: the summary people quote, checked against the published figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TextIO

import typer

from uzit_cli.cli.common import (
    FormatOption,
    NoHeaderOption,
    RegistryOption,
    WidthOption,
    emit,
    open_registry,
    streams_of,
)
from uzit_cli.cli.filters import (
    CityOption,
    ExportsOption,
    JobsYearOption,
    JoinedBeforeOption,
    JoinedSinceOption,
    MinJobsOption,
    SearchOption,
    SectorOption,
    select_residents,
)
from uzit_cli.output import Format
from uzit_cli.stats import (
    BREAKDOWNS,
    Check,
    breakdown,
    check_published,
    mismatch_message,
    summarize,
)
from uzit_cli.views.stats import group_report, summary_report


def warn_mismatches(checks: Sequence[Check], err: TextIO) -> None:
    """A published figure the records do not reproduce is never a silent pass: a warning on
    `err` (standard error)."""
    for check in checks:
        if not check.matches:
            print(f"uzit: warning: {mismatch_message(check)}", file=err)


def _breakdown_choice(value: str | None) -> str | None:
    if value is not None and value not in BREAKDOWNS:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(BREAKDOWNS)}")
    return value


def stats(
    ctx: typer.Context,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="|".join(BREAKDOWNS),
            callback=_breakdown_choice,
            help="One row per city, sector, joined year or exports-to-Japan value instead of "
            "the headline summary. Example: --by city",
            show_default=False,
        ),
    ] = None,
    sector: SectorOption = None,
    city: CityOption = None,
    exports_to_japan: ExportsOption = None,
    joined_since: JoinedSinceOption = None,
    joined_before: JoinedBeforeOption = None,
    search: SearchOption = None,
    min_jobs: MinJobsOption = None,
    jobs_year: JobsYearOption = None,
    registry: RegistryOption = None,
    output_format: FormatOption = Format.auto,
    no_header: NoHeaderOption = False,
    width: WidthOption = None,
) -> None:
    """Summarise the residents: counts, exporters to Japan, jobs created per year, joins per
    year, headcount and export revenue where reported, and every published figure checked
    against the records (a mismatch is a warning on standard error).

    The filters are those of `uzit list`; with any filter the published-figure check is
    skipped, since the published figures describe the whole registry.

    \b
    Examples:
      uzit stats
      uzit stats --city Tashkent
      uzit stats --by sector
      uzit stats --by city -f csv > by-city.csv
      uzit stats -f json | jq .jobs_created
    """
    streams = streams_of(ctx)
    data = open_registry(registry, streams.err)
    selection = select_residents(
        data, ctx.params, streams.err.file
    )  # also hints at values no resident has
    year, filters, residents = selection.jobs_year, selection.filters, selection.residents
    if by is not None:
        report = group_report(data, breakdown(residents, by), by, residents)
    else:
        checks = None if filters.active else check_published(data.residents, data.info)
        if checks:
            warn_mismatches(checks, streams.err.file)
        summary = summarize(residents, data.info, year)
        report = summary_report(data, summary, checks, len(residents))
    emit(report, output_format, streams.out, header=not no_header, width=width)
