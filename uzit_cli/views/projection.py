"""The projection as reports: the scenarios side by side, the final year, the explanation (every
input, formula, scenario, note and source), the rows for machines and the charts. `uzit project`
and the HTML page render the same views."""

from __future__ import annotations

from typing import Any

from uzit_cli.model import Registry
from uzit_cli.numbers import formula as num
from uzit_cli.numbers import percent, plain, whole
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.output.bars import Chart, ChartGroup, Measure
from uzit_cli.output.report import Figure, Series
from uzit_cli.output.writers import FORMATS
from uzit_cli.projection import (
    CONTEXT_NOTE,
    ILLUSTRATIVE_NOTE,
    Projection,
    Scenario,
)
from uzit_cli.views.notices import illustrative_notices

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
        f"{s.name} {percent(s.annual_growth_rate, 2)}{_assumed(s)}" for s in projection.scenarios
    )
    return View(
        columns,
        rows,
        title=f"Projection {projection.base_year} → {projection.target_year} · "
        f"{registry.info.title}",
        caption=f"Residents grow a year: {rates}. Jobs since {projection.base_year}: the new "
        "jobs of each year, summed." + _weak_footnotes(projection),
        figures=projection_figures(projection),
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
            f"Share of shortage: jobs since {projection.base_year} ÷ {whole(shortage)}, Japan's IT "
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
                "value": plain(item.value),
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


def project_report(
    projection: Projection,
    registry: Registry,
    chosen: Format,
    *,
    explain: bool = False,
    chart: bool = False,
) -> Report:
    """The report for a resolved format: side-by-side tables for people, rows for machines.
    The explanation and the chart are part of it; the format decides where they go."""
    explanation = explain_views(projection, registry) if explain else ()
    drawn = projection_chart(projection) if chart else None
    if FORMATS[chosen].for_people:
        views = [side_by_side_view(projection, registry), final_year_view(projection)]
        return Report(
            views,
            notices=people_notices(projection, registry),
            explanation=explanation,
            chart=drawn,
        )
    rows = View(ROW_COLUMNS, projection_rows(projection), title="Projection")
    document = None if chosen is Format.jsonl else projection.as_dict()
    return Report(
        [rows],
        document=document,
        explanation=explanation,
        chart=drawn,
        warnings=warnings(projection),
    )


def projection_figures(projection: Projection) -> list[Figure]:
    """Residents, and jobs since the base year, per scenario: every scenario on one scale."""
    years = [str(row.year) for row in projection.scenarios[0].years]
    span = f"{projection.base_year} → {projection.target_year}"
    return [
        Figure(
            "line",
            f"Residents by scenario, {span}",
            years,
            [Series(s.name, [row.residents for row in s.years]) for s in projection.scenarios],
            axis="residents",
            caption="Residents per scenario.",
        ),
        Figure(
            "line",
            f"Jobs created since {projection.base_year}, cumulative, by scenario",
            years,
            [
                Series(s.name, [row.cumulative_jobs for row in s.years])
                for s in projection.scenarios
            ],
            axis=f"jobs since {projection.base_year}",
            caption=f"Jobs created since {projection.base_year}, summed, per scenario.",
        ),
    ]


def projection_chart(projection: Projection) -> Chart:
    """Residents and jobs since the base year, a block of bars per scenario."""
    measures = (Measure("residents", 0), Measure(f"jobs since {projection.base_year}", 0))
    groups = [
        ChartGroup(
            f"{scenario.name} · residents grow {percent(scenario.annual_growth_rate, 2)} a year",
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
