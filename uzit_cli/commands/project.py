"""`uzit project`: residents and jobs year by year under each growth scenario.

The numbers come from the pure `uzit_cli.projection`; this module only turns the options into
`ProjectionOptions` and a `Projection` into a `Report` (and a chart) for the output layer.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from uzit_cli.cli.common import (
    ForceOption,
    FormatOption,
    JqOption,
    NoHeaderOption,
    OutputClosed,
    RegistryOption,
    WidthOption,
    emit,
    illustrative_notices,
    open_registry,
    registry_path,
    streams_of,
    with_jq,
)
from uzit_cli.cli.filters import JobsYearOption
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
from uzit_cli.model import Registry
from uzit_cli.output import (
    Column,
    Format,
    Report,
    Stream,
    Streams,
    View,
    resolve_format,
    write_report,
)
from uzit_cli.output.bars import Chart, ChartGroup, Measure, write_chart
from uzit_cli.output.values import inert
from uzit_cli.problems import UzitError
from uzit_cli.projection import (
    CONTEXT_NOTE,
    ILLUSTRATIVE_NOTE,
    Projection,
    Scenario,
    project_scenarios,
)
from uzit_cli.projection.rates import num

#: TSV, CSV and JSON Lines: one row per scenario and year, at full precision.
ROW_COLUMNS = (
    Column("scenario", "Scenario"),
    Column("year", "Year", "int"),
    Column("residents", "Residents", "number", 1),
    Column("exporting_to_japan", "Exporting to Japan", "number", 1),
    Column("new_jobs", "New jobs", "number"),
    Column("cumulative_jobs", "Jobs since the base year", "number"),
    Column("japan_shortage_share", "Share of Japan's shortage", "share", 2),
    Column("annual_growth_rate", "Growth a year", "share", 2),
)


def _percent(rate: float) -> str:
    """A rate as the tables show it (two decimals), so a caption never disagrees with them."""
    text = f"{rate * 100:.2f}"
    return f"{'0.00' if text == '-0.00' else text} %"


def _number(value: object) -> str:
    """An input's value for people: whole numbers as such, others to six decimals at most."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, int) or (value == int(value) and abs(value) < 1e15):
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))  # years stay 2025
    return f"{value:,.6f}".rstrip("0").rstrip(".")


# --- rows ------------------------------------------------------------------------------------


def projection_rows(projection: Projection) -> list[dict[str, Any]]:
    """One row per scenario and year, for TSV, CSV and JSON Lines."""
    return [
        {
            "scenario": scenario.name,
            **row.as_dict(),
            "annual_growth_rate": scenario.annual_growth_rate,
        }
        for scenario in projection.scenarios
        for row in scenario.years
    ]


def _years(projection: Projection) -> range:
    return range(projection.base_year, projection.target_year + 1)


def side_by_side_view(projection: Projection, registry: Registry) -> View:
    """Scenarios side by side: two rows per year, residents and then jobs since the base year.

    Stacking the two measures keeps the table narrow (under 80 columns for every scenario)
    however many years it covers; jobs are rounded to whole numbers here, for display only.
    """
    columns = [Column("year", "Year"), Column("measure", "")]
    columns.extend(Column(s.name, _marked(s), "number") for s in projection.scenarios)  # whole
    rows: list[dict[str, Any]] = []
    for index, year in enumerate(_years(projection)):
        rows.append(
            {
                "year": str(year),
                "measure": "residents",
                **{s.name: s.years[index].residents for s in projection.scenarios},
            }
        )
        rows.append(
            {
                "year": "",
                "measure": f"jobs since {projection.base_year}",
                **{s.name: round(s.years[index].cumulative_jobs) for s in projection.scenarios},
            }
        )
    rates = ", ".join(
        f"{s.name} {_percent(s.annual_growth_rate)}{_assumed(s)}" for s in projection.scenarios
    )
    return View(
        columns,
        rows,
        title=f"Projection {projection.base_year} → {projection.target_year} · "
        f"{registry.info.title}",
        caption=f"Residents grow a year: {rates}. Jobs since {projection.base_year}: the new "
        "jobs of each year, summed." + _weak_footnotes(projection),
    )


def _assumed(scenario: Scenario) -> str:
    """What a table must say beside a rate that rests on an assumed year (the bundled target:
    the sources say "in the coming years", not 2030)."""
    assumptions = scenario.assumptions
    if not assumptions.get("target_year_is_assumption"):
        return ""
    return (
        f" (to {num(float(assumptions['factor'] or 0))}× by {assumptions['target_year']}, "
        "a year that is an assumption)"
    )


def _marked(scenario: Scenario) -> str:
    """A scenario's name in a table heading; ⚠ marks one shown only because it was asked for."""
    return f"{scenario.name} ⚠" if scenario.weak else scenario.name


def _weak_footnotes(projection: Projection) -> str:
    return "".join(
        f"\n⚠ {s.name}: {'; '.join(s.warnings)}." for s in projection.scenarios if s.weak
    )


def final_year_view(projection: Projection) -> View:
    """Every measure in the last projected year, a row per scenario."""
    year = projection.target_year
    shortage = projection.base.japan_shortage
    columns = [
        Column("scenario", "Scenario"),
        Column("annual_growth_rate", "Growth a year", "share", 2),
        Column("residents", "Residents", "number"),
        Column("exporting_to_japan", "Exporting to Japan", "number"),
        Column("new_jobs", f"New jobs in {year}", "number"),
        Column("cumulative_jobs", f"Jobs since {projection.base_year}", "number"),
    ]
    if shortage:
        note = (
            f"Share of shortage: jobs since {projection.base_year} ÷ {shortage:,}, Japan's IT "
            f"specialist shortage in {projection.base.japan_shortage_year} "
            f"({projection.base.japan_shortage_source}); context only."
        )  # under the table only while the column is in it
        columns.append(
            Column("japan_shortage_share", "Share of shortage", "share", 2, priority=2, note=note)
        )
    rows = [
        {
            "scenario": _marked(scenario),
            "annual_growth_rate": scenario.annual_growth_rate,
            **scenario.years[-1].as_dict(),
        }
        for scenario in projection.scenarios
    ]
    return View(columns, rows, title=f"{year}, by scenario")


def explain_views(projection: Projection, registry: Registry) -> list[View]:
    """Inputs with their origin, formulas with their values, scenarios, notes and sources."""
    inputs = View(
        (
            Column("symbol", "Symbol"),
            Column("value", "Value"),
            Column("origin", "Origin"),
            Column("meaning", "Meaning, and how it is found"),
        ),
        [
            {
                "symbol": item.symbol,
                "value": _number(item.value),
                "origin": item.origin,
                "meaning": f"{item.meaning}: {item.detail}" if item.detail else item.meaning,
            }
            for item in projection.inputs
        ],
        title="Inputs: every number the projection rests on, and where it comes from",
    )
    formulas = View(
        (Column("step", "Step", "int"), Column("formula", "Formula, with this registry's values")),
        [{"step": n, "formula": text} for n, text in enumerate(projection.formulas, start=1)],
        title="Formulas, in words",
        caption="Each scenario's line worked through one year lets a reader redo a row by hand.",
    )
    scenario_rows: list[dict[str, Any]] = [
        {
            "scenario": scenario.name,
            "annual_growth_rate": scenario.annual_growth_rate,
            "description": scenario.description,
            "warnings": "; ".join(scenario.warnings) or None,
        }
        for scenario in projection.scenarios
    ]
    scenario_rows.extend(
        {"scenario": o.name, "annual_growth_rate": None, "description": f"left out: {o.reason}"}
        for o in projection.omitted
    )
    scenarios = View(
        (
            Column("scenario", "Scenario"),
            Column("annual_growth_rate", "Growth a year", "share", 2),
            Column("description", "What it assumes"),
            Column("warnings", "Warnings"),
        ),
        scenario_rows,
        title="Scenarios",
    )
    notes = View(
        (Column("note", "Note"),),
        [{"note": note} for note in projection.notes],
        title="Notes",
    )
    views = [inputs, formulas, scenarios, notes]
    cited = cited_sources(projection, registry)
    if cited:
        views.append(
            View(
                (Column("id", "ID", whole=True), Column("source", "Publisher: title, address")),
                cited,
                title="Sources cited above",
            )
        )
    return views


def cited_sources(projection: Projection, registry: Registry) -> list[dict[str, Any]]:
    """The registry's sources named by an input's origin or detail, in registry order."""
    texts = [f"{item.origin} {item.detail}" for item in projection.inputs]
    texts.extend(str(value) for s in projection.scenarios for value in s.assumptions.values())
    return [
        {
            "id": source.id,
            "source": f"{source.publisher}: {source.title}"
            + (f", {source.url}" if source.url else ""),
        }
        for source in registry.info.sources
        if any(source.id in text for text in texts)
    ]


def people_notices(projection: Projection, registry: Registry) -> list[str]:
    """Illustrative data, context, scenario warnings and left-out scenarios, for tables."""
    notices = list(illustrative_notices(registry))
    notices.extend(note for note in projection.notes if note != ILLUSTRATIVE_NOTE)
    notices.extend(
        f"{scenario.name}: {warning}"
        for scenario in projection.scenarios
        for warning in scenario.warnings
    )
    notices.extend(f"{o.name} is left out: {o.reason}" for o in projection.omitted)
    return notices


def warnings(projection: Projection) -> list[str]:
    """The notices that change what the numbers mean: every one but the illustrative-data and
    context notes. Formats without notices write these to standard error instead."""
    texts = [note for note in projection.notes if note not in (ILLUSTRATIVE_NOTE, CONTEXT_NOTE)]
    texts.extend(
        f"{scenario.name}: {warning}"
        for scenario in projection.scenarios
        for warning in scenario.warnings
    )
    texts.extend(f"{o.name} is left out: {o.reason}" for o in projection.omitted)
    return texts


EXPLAIN_NOTE = (
    "--explain: the explanation is above, on standard error; standard output keeps only the rows"
)


def write_explanation(
    projection: Projection,
    registry: Registry,
    chosen: Format,
    err: Stream,
    *,
    width: int | None = None,
) -> None:
    """--explain with tsv, csv or jsonl (a pipe's default): the explanation's tables go to
    `err`, standard error, so `uzit project --explain | less` still shows them and the rows
    stay parseable. JSON and YAML carry it in the document; tables and Markdown show it."""
    if chosen not in (Format.tsv, Format.csv, Format.jsonl):
        return
    write_report(Report(explain_views(projection, registry)), Format.table, err, width=width)
    err.file.flush()


def write_diagnostics(
    projection: Projection, chosen: Format, err: Stream, *, explain: bool
) -> None:
    """What a machine format has no room for, on `err` (standard error), so nothing is dropped
    silently; written after the output, so a reader gone early (`| head`) ends it quietly."""
    if chosen.for_people:
        return
    lines = [f"uzit: warning: {inert(text)}" for text in warnings(projection)]
    if explain and chosen in (Format.tsv, Format.csv, Format.jsonl):
        lines.append(f"uzit: note: {EXPLAIN_NOTE}")
    if lines:
        err.file.write("\n".join(lines) + "\n")
        err.file.flush()


def project_report(
    projection: Projection, registry: Registry, chosen: Format, *, explain: bool = False
) -> Report:
    """The report for a resolved format: side-by-side tables for people, rows for machines."""
    if chosen.for_people:
        views = [side_by_side_view(projection, registry), final_year_view(projection)]
        if explain:
            views.extend(explain_views(projection, registry))
        return Report(views, notices=people_notices(projection, registry))
    rows = View(ROW_COLUMNS, projection_rows(projection), title="Projection")
    document = None if chosen is Format.jsonl else projection.as_dict()
    return Report([rows], document=document)


def projection_chart(projection: Projection) -> Chart:
    """Residents and jobs since the base year, a block of bars per scenario."""
    measures = (Measure("residents", 0), Measure(f"jobs since {projection.base_year}", 0))
    groups = [
        ChartGroup(
            f"{scenario.name} · residents grow {_percent(scenario.annual_growth_rate)} a year",
            [str(row.year) for row in scenario.years],
            [(row.residents, row.cumulative_jobs) for row in scenario.years],
        )
        for scenario in projection.scenarios
    ]
    return Chart(
        f"Residents and jobs since {projection.base_year}, by year: "
        f"{projection.base_year} → {projection.target_year}",
        measures,
        groups,
        note="One scale for every scenario: a bar of the same length is the same number.",
        shared_scale=True,
    )


# --- the command -----------------------------------------------------------------------------


def project(
    ctx: typer.Context,
    year: YearOption = None,
    scenario: ScenarioOption = None,
    target_factor: TargetFactorOption = None,
    target_year: TargetYearOption = None,
    growth_rate: GrowthRateOption = None,
    exporter_share: ExporterShareOption = None,
    jobs_growth: JobsGrowthOption = 0.0,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also show every input with its value and origin, every formula in words "
            "with its values, the scenarios' assumptions, notes and sources (tables and "
            "markdown; json and yaml always carry inputs and formulas; tsv, csv and jsonl "
            "have no room for them, which a note on standard error says). "
            "Example: uzit project --explain",
        ),
    ] = False,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help="Also draw residents and jobs since the base year as bars: in colour after the "
            "tables on a terminal; as plain ASCII after a table or markdown written to a file "
            "(fenced in markdown); on standard error with tsv, csv, json, jsonl and yaml, so "
            "standard output stays parseable. Example: uzit project --chart",
        ),
    ] = False,
    jobs_year: JobsYearOption = None,
    chart_file: Annotated[
        str | None,
        typer.Option(
            "--chart-file",
            metavar="FILE.svg",
            help="Also write the residents and jobs-since-the-base-year charts, every scenario "
            "on one scale, to an SVG file for a slide; an existing file is replaced only with "
            "--force. Example: --chart-file projection.svg",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Estimate the trend scenario from the as_of snapshots in the registry file's "
            "git history instead of the joined dates, where there are two or more; --explain "
            "says which. Example: uzit project --history --explain",
        ),
    ] = False,
    registry: RegistryOption = None,
    output_format: FormatOption = Format.auto,
    jq: JqOption = None,
    no_header: NoHeaderOption = False,
    width: WidthOption = None,
) -> None:
    """Project residents and the jobs they create, year by year, under growth scenarios.

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
      uzit project -f json > projection.json
    """
    output_format = with_jq(output_format, jq)
    options = projection_options(ctx.params)
    streams = streams_of(ctx)
    data = open_registry(registry, streams.err)
    projection = project_scenarios(data, options)  # a UsageError exits 2 with the --help hint
    if history:  # issue 15: the trend from the registry's own git history
        from uzit_cli.timeline.history import with_history_notes
        from uzit_cli.timeline.trend import history_trend_for, with_history_trend

        found = history_trend_for(registry_path(registry), data)
        projection = with_history_trend(projection, data, options, found)
        projection = with_history_notes(projection, registry_path(registry))
    if not projection.scenarios:
        reasons = "; ".join(f"{o.name} is left out: {o.reason}" for o in projection.omitted)
        raise UzitError(f"no scenario can be projected: {reasons}")

    if chart_file is not None:
        from uzit_cli.output.svg import write_projection_chart  # imports the charting library

        write_projection_chart(projection, chart_file, force=force, reading=registry_path(registry))
    chosen = resolve_format(output_format, streams.out)
    emit(
        project_report(projection, data, chosen, explain=explain),
        chosen,
        streams.out,
        header=not no_header,
        width=width,
        jq=jq,
    )
    if chart:
        _write_chart(projection, chosen, streams)
    if explain:
        write_explanation(projection, data, chosen, streams.err, width=width)
    write_diagnostics(projection, chosen, streams.err, explain=explain)


def _write_chart(projection: Projection, chosen: Format, streams: Streams) -> None:
    stream = streams.out if chosen.for_people else streams.err
    rich = chosen is Format.table and streams.out.is_terminal
    try:
        write_chart(
            projection_chart(projection), stream, rich=rich, fenced=chosen is Format.markdown
        )
        stream.file.flush()
    except BrokenPipeError:
        raise OutputClosed() from None
