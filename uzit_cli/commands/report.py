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
    RegistryOptions,
    illustrative_notices,
    streams_of,
)
from uzit_cli.cli.filters import FilterOptions
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.cli.projection_options import ProjectionInputs
from uzit_cli.output import Streams
from uzit_cli.projection import project_scenarios
from uzit_cli.stats import check_published, summarize
from uzit_cli.words import plural
from uzit_cli.writing import replacing


def _scope(selected: int, total: int, words: list[str]) -> str:
    return f"Filtered ({' '.join(words)}): {selected:,} of {plural(total, 'resident')}."


@takes_groups
def report(
    ctx: typer.Context,
    source: RegistryOptions,
    inputs: ProjectionInputs,
    filters: FilterOptions,
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
        page = _page(source, inputs, filters, streams)
        try:
            streams.out.file.write(page)
            streams.out.file.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        return
    # an existing file, or the registry itself, is refused before any work
    with replacing(Path(output), force=force, reading=source.path) as temporary:
        temporary.write_text(_page(source, inputs, filters, streams), encoding="utf-8")


def _page(
    source: RegistryOptions, inputs: ProjectionInputs, filters: FilterOptions, streams: Streams
) -> str:
    """The HTML page the options ask for."""
    options = inputs.options()
    data = source.open(streams.err)
    selection = filters.select(data, streams.err.file)
    year_of_jobs, residents = selection.jobs_year, selection.residents
    active = selection.filters.active
    projection = project_scenarios(data, options)  # a UsageError exits 2 with the --help hint
    problem = None
    if not projection.scenarios:
        problem = "; ".join(f"{o.name} is left out: {o.reason}" for o in projection.omitted)
    scope = None
    if active:
        scope = _scope(len(residents), len(data.residents), filters.words())

    from uzit_cli.output.html import ReportInput, render  # the charting library comes with it

    return render(
        ReportInput(
            registry=data,
            residents=residents,
            summary=summarize(residents, data.info, year_of_jobs),
            checks=None if active else check_published(data.residents, data.info),
            projection=projection if projection.scenarios else None,
            projection_problem=problem,
            scope=scope,
            notices=illustrative_notices(data),
        )
    )
