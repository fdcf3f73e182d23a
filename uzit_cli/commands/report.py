"""`uzit report`: the figures, checks, breakdowns and projection as one self-contained HTML page.

A thin layer: the options become filters and `ProjectionOptions`, the pure core computes, and
`uzit_cli.output.html.render` writes the page. The charting library is imported only here (via
report_html and charts), so every other command starts without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.cli.common import (
    ForceOption,
    OutputClosed,
    RegistryOption,
    illustrative_notices,
    open_registry,
    registry_path,
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
    filter_words,
    select_residents,
)
from uzit_cli.cli.projection_options import (
    ExporterShareOption,
    GrowthRateOption,
    JobsGrowthOption,
    ScenarioOption,
    TargetFactorOption,
    TargetYearOption,
    YearOption,
    projection_options,
)
from uzit_cli.output import Streams
from uzit_cli.projection import project_scenarios
from uzit_cli.stats import check_published, summarize
from uzit_cli.words import plural
from uzit_cli.writing import replacing


def _scope(selected: int, total: int, words: list[str]) -> str:
    return f"Filtered ({' '.join(words)}): {selected:,} of {plural(total, 'resident')}."


def report(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the HTML page; '-' writes it to standard output. An existing "
            "file is replaced only with --force. Example: -o report.html",
        ),
    ],
    force: ForceOption = False,
    year: YearOption = None,
    scenario: ScenarioOption = None,
    target_factor: TargetFactorOption = None,
    target_year: TargetYearOption = None,
    growth_rate: GrowthRateOption = None,
    exporter_share: ExporterShareOption = None,
    jobs_growth: JobsGrowthOption = 0.0,
    sector: SectorOption = None,
    city: CityOption = None,
    exports_to_japan: ExportsOption = None,
    joined_since: JoinedSinceOption = None,
    joined_before: JoinedBeforeOption = None,
    search: SearchOption = None,
    min_jobs: MinJobsOption = None,
    jobs_year: JobsYearOption = None,
    registry: RegistryOption = None,
) -> None:
    """Write one self-contained HTML page to send: the headline figures, the published
    figures checked with their sources, residents by city, sector and joined year, the
    projection with every input and formula, the residents and the sources, with charts as
    inline SVG. No script, no network: it opens offline and prints on A4.

    The filters are those of `uzit stats` and apply to the figures and lists; the projection
    always starts from the whole registry, as `uzit project` does.

    \b
    Examples:
      uzit report -o report.html
      uzit report -o tashkent.html --city Tashkent
      uzit report -o - --year 2035 --scenario target > report.html
    """
    streams = streams_of(ctx)
    if output == "-":
        page = _page(ctx, registry, streams)
        try:
            streams.out.file.write(page)
            streams.out.file.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        return
    # an existing file, or the registry itself, is refused before any work
    with replacing(Path(output), force=force, reading=registry_path(registry)) as temporary:
        temporary.write_text(_page(ctx, registry, streams), encoding="utf-8")


def _page(ctx: typer.Context, registry: str | None, streams: Streams) -> str:
    """The HTML page for the options in `ctx.params`."""
    options = projection_options(ctx.params)
    data = open_registry(registry, streams.err)
    selection = select_residents(data, ctx.params, streams.err.file)
    year_of_jobs, filters, residents = (
        selection.jobs_year,
        selection.filters,
        selection.residents,
    )
    projection = project_scenarios(data, options)  # a UsageError exits 2 with the --help hint
    problem = None
    if not projection.scenarios:
        problem = "; ".join(f"{o.name} is left out: {o.reason}" for o in projection.omitted)
    scope = None
    if filters.active:
        scope = _scope(len(residents), len(data.residents), filter_words(ctx.params))

    from uzit_cli.crosstab import labels_from
    from uzit_cli.output.html import ReportInput, render  # the charting library comes with it

    return render(
        ReportInput(
            registry=data,
            residents=residents,
            summary=summarize(
                residents, data.info, year_of_jobs, spellings=labels_from(data.residents)
            ),
            checks=None if filters.active else check_published(data.residents, data.info),
            projection=projection if projection.scenarios else None,
            projection_problem=problem,
            scope=scope,
            notices=illustrative_notices(data),
        )
    )
