"""`uzit project`: residents and jobs year by year under each growth scenario.

The numbers come from the pure `uzit_cli.projection`; this module only turns the options into
`ProjectionOptions` and a `Projection` into a `Report` (and a chart) for the output layer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from uzit_cli.cli.common import (
    ForceOption,
    OutputClosed,
    OutputOptions,
    RegistryOptions,
    described,
    help_with,
    streams_of,
)
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.cli.projection_options import ProjectionInputs
from uzit_cli.language import N_, _
from uzit_cli.output.streams import utf8
from uzit_cli.output.values import inert
from uzit_cli.output.writers import formats_where
from uzit_cli.problems import UzitError
from uzit_cli.projection import project_scenarios
from uzit_cli.views.projection import (
    figures_title,
    nothing_projected,
    project_report,
    projection_figures,
    warnings,
)

# --- the command -----------------------------------------------------------------------------


@described(
    N_(
        """\
Project residents and the jobs they create, year by year, under growth scenarios.

From the base year (the year of the registry's as_of) to --year, one row per year:
residents, residents exporting to Japan, new jobs, jobs since the base year (summed), and
those jobs as a share of Japan's projected IT specialist shortage (context only: jobs in
Uzbekistan are not specialists placed in Japan). Scenarios: target (the registry's
growth target), trend (the growth of the registry's own join dates), steady (no new
residents) and custom (--growth-rate). Tables round; other formats keep full precision.

\b
Examples:
  uzit project
  uzit project --year 2035 --scenario target --scenario steady
  uzit project --growth-rate 25% --exporter-share 60% --explain
  uzit project --chart
  uzit project -f json > projection.json"""
    )
)
@takes_groups
def project(
    ctx: typer.Context,
    source: RegistryOptions,
    output: OutputOptions,
    inputs: ProjectionInputs,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help=help_with(
                N_(
                    "Also show every input with its value and origin, every formula in words "
                    "with its values, the scenarios' assumptions, notes and sources (after the "
                    "tables in {inline}; {document} always carry inputs and formulas; with "
                    "{stderr} they go to standard error, with a note). Example: uzit project "
                    "--explain"
                ),
                inline=lambda: formats_where(explanation="inline"),
                document=lambda: formats_where(explanation="document"),
                stderr=lambda: formats_where(explanation="stderr"),
            ),
        ),
    ] = False,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help=help_with(
                N_(
                    "Also draw residents and jobs since the base year as bars: in colour after "
                    "the tables on a terminal; as plain ASCII after a table or markdown written "
                    "to a file (fenced in markdown), inside the page with html; on standard "
                    "error with {stderr}, so standard output stays parseable. Example: uzit "
                    "project --chart"
                ),
                stderr=lambda: formats_where(chart="stderr"),
            ),
        ),
    ] = False,
    chart_file: Annotated[
        str | None,
        typer.Option(
            "--chart-file",
            metavar="FILE.svg",
            help=N_(
                "Also write the residents and jobs-since-the-base-year charts, every scenario "
                "on one scale, to an SVG file for a slide; an existing file is replaced only with "
                "--force; '-' writes the SVG to standard output instead of the tables. "
                "Example: --chart-file projection.svg"
            ),
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help=N_(
                "Estimate the trend scenario from the as_of snapshots in the registry file's "
                "git history instead of the joined dates. As from the joined dates, it is shown "
                "by default only when the snapshots are 3 or more years apart and the rate is at "
                "most 100 % a year, else left out with the reason (--scenario trend shows it, "
                "marked). Example: uzit project --history --explain"
            ),
        ),
    ] = False,
) -> None:
    options = inputs.options()
    streams = streams_of(ctx)
    data = source.open(streams.err)
    if history:  # issue 15: the trend from the registry's own git history
        from uzit_cli.timeline.trend import snapshots_for

        options = replace(options, history=snapshots_for(source.path, data))
    projection = project_scenarios(data, options)  # a UsageError exits 2 with the --help hint
    if history:  # a shallow clone, say, is a note with its fix
        from uzit_cli.timeline.history import with_history_notes

        projection = with_history_notes(projection, source.path)
    if not projection.scenarios:
        raise UzitError(nothing_projected(projection))

    if chart_file == "-":  # the SVG is standard output, instead of the tables
        from uzit_cli.output.svg import figures_svg  # imports the charting library

        title = figures_title(projection)
        try:
            with utf8(streams.out, "SVG") as out:  # SVG is UTF-8 whatever the locale
                out.file.write(figures_svg(projection_figures(projection), title))
                out.file.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        for text in warnings(projection):
            print(_("uzit: warning: {message}").format(message=inert(text)), file=streams.err.file)
        return
    if chart_file is not None:
        from uzit_cli.output.svg import write_figures  # imports the charting library

        title = figures_title(projection)
        write_figures(
            projection_figures(projection), title, chart_file, force=force, reading=source.path
        )
    chosen = output.chosen(streams.out)
    output.emit(
        project_report(projection, data, chosen, explain=explain, chart=chart),
        chosen,
        streams.out,
        err=streams.err,
    )
