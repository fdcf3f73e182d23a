"""`uzit report`: the figures, checks, breakdowns and projection as one self-contained HTML page.

A thin layer: the options become filters and `ProjectionOptions`, the pure core computes, the
views build the same reports `stats`, `project`, `list` and `sources` write, and the html
writer (`uzit_cli.output.html.render_page`) puts them on one page. The charting library is
imported only with the page, so every other command starts without it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.cli.common import (
    ForceOption,
    OutputClosed,
    RegistryOptions,
    described,
    streams_of,
)
from uzit_cli.cli.filters import FilterOptions
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.cli.projection_options import ProjectionInputs
from uzit_cli.crosstab import labels_from
from uzit_cli.language import N_, _, _n
from uzit_cli.numbers import date, whole
from uzit_cli.output import Format, Report, Streams
from uzit_cli.output.html.page import Page, Section
from uzit_cli.output.streams import utf8
from uzit_cli.projection import project_scenarios
from uzit_cli.registry import STDIN
from uzit_cli.stats import breakdown, check_published, summarize
from uzit_cli.timeline.history import history
from uzit_cli.timeline.snapshots import GitError
from uzit_cli.views.history import history_report, registry_pace
from uzit_cli.views.notices import illustrative_notices
from uzit_cli.views.projection import left_out_text, project_report
from uzit_cli.views.residents import PAGE_COLUMNS, list_report
from uzit_cli.views.sources import sources_report
from uzit_cli.views.stats import group_report, summary_report
from uzit_cli.writing import replacing


@described(
    N_(
        """\
Write one self-contained HTML page to send: the headline figures, the published
figures checked with their sources, residents by city, sector and joined year, the
projection with every input and formula, the residents and the sources, with charts as
inline SVG. No script, no network: it opens offline and prints on A4.

The filters are those of `uzit stats` and apply to the figures and lists; the projection
always starts from the whole registry, as `uzit project` does.

\b
Examples:
  uzit report -o report.html
  uzit report -o tashkent.html --city Tashkent
  uzit report -o - --year 2035 --scenario target > report.html"""
    )
)
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
            help=N_(
                "Where to write the HTML page; '-' writes it to standard output. An existing "
                "file is replaced only with --force. Example: -o report.html"
            ),
        ),
    ],
    force: ForceOption = False,
) -> None:
    streams = streams_of(ctx)
    page = _page(source, inputs, filters, streams)  # computed before any file is opened
    if output == "-":
        try:
            with utf8(streams.out, "HTML") as out:
                out.file.write(page)
                out.file.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        return
    # an existing file, or the registry itself, is refused before any work
    with replacing(Path(output), force=force, reading=source.path) as temporary:
        temporary.write_text(page, encoding="utf-8", newline="\n")


def _page(
    source: RegistryOptions, inputs: ProjectionInputs, filters: FilterOptions, streams: Streams
) -> str:
    """The HTML page the options ask for: the reports of `uzit stats`, `stats --by`, `project
    --explain`, `list` and `sources`, rendered by the html writer."""
    options = inputs.options()
    data = source.open(streams.err)
    selection = filters.select(data, streams.err.file)
    year, residents = selection.jobs_year, selection.residents
    active = selection.filters.active
    projection = project_scenarios(data, options)  # a UsageError exits 2 with the --help hint
    checks = None if active else check_published(data.residents, data.info)
    spellings = labels_from(data.residents)  # labels as the whole registry spells them
    summary = summarize(residents, data.info, year, spellings)
    groups = [
        group_report(data, breakdown(residents, by, spellings), by, residents).views[0]
        for by in ("joined-year", "city", "sector")
    ]
    notices = list(illustrative_notices(data))
    if active:
        words = " ".join(filters.words())
        total = len(data.residents)
        filtered = _n(
            "Filtered ({filters}): {count} of {total} resident.",
            "Filtered ({filters}): {count} of {total} residents.",
            total,
        )
        notices.append(
            filtered.format(filters=words, count=whole(len(residents)), total=whole(total))
        )
    if projection.scenarios:
        projected = project_report(projection, data, Format.html, explain=True)
        projected = replace(projected, notices=[*projected.notices, _(WHOLE_REGISTRY)])
        projection_section = Section("projection", _("Projection"), projected)
    else:
        reasons = left_out_text(projection)
        projection_section = Section(
            "projection",
            _("Projection"),
            empty=_("No projection: {reasons}.").format(reasons=reasons),
        )
    listed = list_report(
        data,
        residents,
        columns=PAGE_COLUMNS,
        jobs_year=year,
        filtered=active,
        screen_limit=None,
    )
    sections = [
        Section("figures", _("Figures"), summary_report(data, summary, checks, residents)),
        Section("groups", _("Residents by joined year, city and sector"), Report(groups)),
        projection_section,
        _history_section(source.path, filtered=active),
        Section("residents", _("Residents"), listed),
        Section("sources", _("Sources"), sources_report(data)),
    ]
    as_of = _("As of {date}").format(date=date(data.info.as_of))
    page = Page(data.info.title, as_of, sections, notices)

    from uzit_cli.output.html import render_page  # the charting library comes with it

    return render_page(page)


WHOLE_REGISTRY = N_(
    "From the whole registry, whatever the filters; every scenario on one scale, so the charts "
    "compare them."
)


def _history_section(path: str, *, filtered: bool) -> Section:
    """`uzit history`'s report for the registry file, when git tracks it; else a line that
    says why there is none. The whole history, whatever the filters, as the command shows it
    (and, with filters, says so)."""
    heading = _("History")
    if path == STDIN:
        return Section(
            "history", heading, empty=_("No history: the registry was read from standard input.")
        )
    try:
        rows, latest = history(path)
    except GitError as error:
        return Section("history", heading, empty=_("No history: {reason}.").format(reason=error))
    report = history_report(rows, registry_pace(rows, latest), latest)
    if filtered:
        report = replace(report, notices=[*report.notices, _(WHOLE_HISTORY)])
    return Section("history", heading, report)


WHOLE_HISTORY = N_("Every committed version of the whole registry, whatever the filters.")
