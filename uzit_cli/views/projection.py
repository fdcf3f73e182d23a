"""The projection as reports: the scenarios side by side, the final year, the explanation (every
input, formula, scenario, note and source), the rows for machines and the charts. `uzit project`
and the HTML page render the same views.

Views for people are in the reader's language: headers and titles here, the projection's own
words through `shown` (projection/text.py), scenarios by their translated label (the id, which
`--scenario` takes, beside it in the explanation). The rows and the document for machines are
English and use the ids, the same bytes in every language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from uzit_cli.language import _, _p, english
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
    Omitted,
    Projection,
    Scenario,
    scenario_heading,
    scenario_label,
)
from uzit_cli.projection.text import joined_reasons, shown
from uzit_cli.views.notices import illustrative_notices

#: TSV, CSV and JSON Lines: one row per scenario and year, at full precision (machine formats
#: write the keys; the headers are never shown, so they are not translated).
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


def _named(name: str) -> str:
    """The label, and the id `--scenario` takes beside it where the two differ."""
    label = scenario_heading(name)
    return label if label == name else _("{label} ({scenario})").format(label=label, scenario=name)


def _listed(texts: Iterable[object]) -> str:
    """Reasons or warnings in one sentence, each in the reader's language."""
    return shown(joined_reasons(texts))


def _warned(scenario: Scenario, warning: object) -> str:
    return _("{scenario}: {warning}").format(
        scenario=scenario_label(scenario.name), warning=shown(warning)
    )


def _left_out(omitted: Omitted) -> str:
    return _("{scenario} is left out: {reason}").format(
        scenario=scenario_label(omitted.name), reason=shown(omitted.reason)
    )


def side_by_side_view(projection: Projection, registry: Registry) -> View:
    """Scenarios side by side: two rows per year, residents and then jobs since the base year.

    Stacking the two measures keeps the table narrow (under 80 columns for every scenario)
    however many years it covers; jobs are rounded to whole numbers here, for display only.
    """
    b = projection.base_year
    columns = [Column("year", _("Year")), Column("measure", "")]
    columns.extend(Column(s.name, _marked(s), "number") for s in projection.scenarios)  # whole
    rows: list[dict[str, Any]] = []
    for index, year in enumerate(_years(projection)):
        rows.append(
            {
                "year": str(year),
                "measure": _("residents"),
                **{s.name: s.years[index].residents for s in projection.scenarios},
            }
        )
        rows.append(
            {
                "year": "",
                "measure": _("jobs since {year}").format(year=b),
                **{s.name: round(s.years[index].cumulative_jobs) for s in projection.scenarios},
            }
        )
    # Translators: what separates the scenarios' rates in "Residents grow a year: …"
    rates = _(", ").join(_rate_of(s) for s in projection.scenarios)
    caption = _(
        "Residents grow a year: {rates}. Jobs since {year}: the new jobs of each year, summed."
    ).format(rates=rates, year=b)
    return View(
        columns,
        rows,
        title=_("Projection {base} → {year} · {title}").format(
            base=b, year=projection.target_year, title=registry.info.title
        ),
        caption=caption + _weak_footnotes(projection),
        figures=projection_figures(projection),
    )


def _rate_of(scenario: Scenario) -> str:
    """A scenario's yearly rate, and what a table must say beside a rate that rests on an
    assumed year (the bundled target: the sources say "in the coming years", not 2030)."""
    assumptions = scenario.assumptions
    values = {
        "scenario": scenario_label(scenario.name),
        "rate": percent(scenario.annual_growth_rate, 2),
    }
    if not assumptions.get("target_year_is_assumption"):
        return _("{scenario} {rate}").format(**values)
    return _("{scenario} {rate} (to {factor}× by {year}, a year that is an assumption)").format(
        factor=num(float(assumptions["factor"] or 0)), year=assumptions["target_year"], **values
    )


def _marked(scenario: Scenario) -> str:
    """A scenario's label in a table heading; ⚠ marks one shown only because it was asked for."""
    label = scenario_heading(scenario.name)
    return f"{label} ⚠" if scenario.weak else label


def _weak_footnotes(projection: Projection) -> str:
    return "".join(
        "\n"
        + _("⚠ {scenario}: {warnings}.").format(
            scenario=scenario_heading(s.name), warnings=_listed(s.warnings)
        )
        for s in projection.scenarios
        if s.weak
    )


def final_year_view(projection: Projection) -> View:
    """Every measure in the last projected year, a row per scenario."""
    year = projection.target_year
    shortage = projection.base.japan_shortage
    columns = [
        Column("scenario", _("Scenario")),
        Column("annual_growth_rate", _("Growth a year"), "share", 2),
        Column("residents", _("Residents"), "number"),
        Column("exporting_to_japan", _("Exporting to Japan"), "number"),
        Column("new_jobs", _("New jobs in {year}").format(year=year), "number"),
        Column(
            "cumulative_jobs", _("Jobs since {year}").format(year=projection.base_year), "number"
        ),
    ]
    if shortage:
        note = _(
            "Share of shortage: jobs since {base} ÷ {shortage}, Japan's IT specialist shortage "
            "in {year} ({source}); context only."
        ).format(
            base=projection.base_year,
            shortage=whole(shortage),
            year=projection.base.japan_shortage_year,
            source=projection.base.japan_shortage_source,
        )  # under the table only while the column is in it
        columns.append(
            Column(
                "japan_shortage_share", _("Share of shortage"), "share", 2, priority=2, note=note
            )
        )
    rows = [
        {
            "scenario": _marked(scenario),
            "annual_growth_rate": scenario.annual_growth_rate,
            **scenario.years[-1].as_dict(),
        }
        for scenario in projection.scenarios
    ]
    return View(columns, rows, title=_("{year}, by scenario").format(year=year))


def explain_views(projection: Projection, registry: Registry) -> list[View]:
    """Inputs with their origin, formulas with their values, scenarios, notes and sources."""
    inputs = View(
        (
            Column("symbol", _("Symbol")),
            Column("value", _("Value")),
            Column("origin", _("Origin")),
            Column("meaning", _("Meaning, and how it is found")),
        ),
        [
            {
                "symbol": item.symbol,
                "value": plain(item.value),
                "origin": origin_shown(item.origin),
                "meaning": _("{meaning}: {detail}").format(
                    meaning=shown(item.meaning), detail=shown(item.detail)
                )
                if item.detail
                else shown(item.meaning),
            }
            for item in projection.inputs
        ],
        title=_("Inputs: every number the projection rests on, and where it comes from"),
    )
    formulas = View(
        (
            Column("step", _("Step"), "int"),
            Column("formula", _("Formula, with this registry's values")),
        ),
        [
            {"step": n, "formula": shown(text)}
            for n, text in enumerate(projection.formulas, start=1)
        ],
        title=_("Formulas, in words"),
        caption=_("Each scenario's line worked through one year lets a reader redo a row by hand."),
    )
    scenario_rows: list[dict[str, Any]] = [
        {
            "scenario": _named(scenario.name),
            "annual_growth_rate": scenario.annual_growth_rate,
            "description": shown(scenario.description),
            "warnings": _listed(scenario.warnings) or None,
        }
        for scenario in projection.scenarios
    ]
    scenario_rows.extend(
        {
            "scenario": _named(o.name),
            "annual_growth_rate": None,
            "description": _("left out: {reason}").format(reason=shown(o.reason)),
        }
        for o in projection.omitted
    )
    scenarios = View(
        (
            Column("scenario", _("Scenario")),
            Column("annual_growth_rate", _("Growth a year"), "share", 2),
            Column("description", _("What it assumes")),
            Column("warnings", _("Warnings")),
        ),
        scenario_rows,
        title=_("Scenarios"),
    )
    notes = View(
        (Column("note", _("Note")),),
        [{"note": shown(note)} for note in projection.notes],
        title=_("Notes"),
    )
    views = [inputs, formulas, scenarios, notes]
    cited = cited_sources(projection, registry)
    if cited:
        views.append(
            View(
                (
                    Column("id", _("ID"), whole=True),
                    Column("source", _("Publisher: title, address")),
                ),
                cited,
                title=_("Sources cited above"),
            )
        )
    return views


def origin_shown(origin: str) -> str:
    """Where an input comes from, in the reader's language: `record`, `default`, `assumption`,
    `git history`, `flag --x` (the flag as typed) or `target <source id>` (the id as it is)."""
    kind, _space, rest = origin.partition(" ")
    if kind == "flag" and rest:
        return _("flag {flag}").format(flag=rest)
    if kind == "target" and rest:
        return _("target {source}").format(source=rest)
    words = {
        "record": _p("origin", "record"),
        "default": _p("origin", "default"),
        "assumption": _p("origin", "assumption"),
        "git history": _p("origin", "git history"),
        "published figure": _p("origin", "published figure"),
    }
    return words.get(origin, origin)


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
    notices.extend(shown(note) for note in projection.notes if note != ILLUSTRATIVE_NOTE)
    notices.extend(
        _warned(scenario, warning)
        for scenario in projection.scenarios
        for warning in scenario.warnings
    )
    notices.extend(_left_out(o) for o in projection.omitted)
    return notices


def warnings(projection: Projection) -> list[str]:
    """The notices that change what the numbers mean: every one but the illustrative-data and
    context notes. Formats without notices write these to standard error instead."""
    texts = [
        shown(note) for note in projection.notes if note not in (ILLUSTRATIVE_NOTE, CONTEXT_NOTE)
    ]
    texts.extend(
        _warned(scenario, warning)
        for scenario in projection.scenarios
        for warning in scenario.warnings
    )
    texts.extend(_left_out(o) for o in projection.omitted)
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
    with english():  # the document is the same bytes in every language
        document = None if chosen is Format.jsonl else projection.as_dict()
    return Report(
        [rows],
        document=document,
        explanation=explanation,
        chart=drawn,
        warnings=warnings(projection),
    )


def left_out_text(projection: Projection) -> str:
    """Every scenario left out and why, in one sentence in the reader's language."""
    return _listed(_left_out(o) for o in projection.omitted)


def nothing_projected(projection: Projection) -> str:
    """The error when every scenario is left out: each one's reason."""
    return _("no scenario can be projected: {reasons}").format(reasons=left_out_text(projection))


def figures_title(projection: Projection) -> str:
    """The title of the charts in an SVG file (`project --chart-file`)."""
    return _("Projection {base} → {year}, by scenario").format(
        base=projection.base_year, year=projection.target_year
    )


def projection_figures(projection: Projection) -> list[Figure]:
    """Residents, and jobs since the base year, per scenario: every scenario on one scale."""
    years = [str(row.year) for row in projection.scenarios[0].years]
    b = projection.base_year
    return [
        Figure(
            "line",
            _("Residents by scenario, {base} → {year}").format(base=b, year=projection.target_year),
            years,
            [
                Series(scenario_heading(s.name), [row.residents for row in s.years])
                for s in projection.scenarios
            ],
            axis=_("residents"),
            caption=_("Residents per scenario."),
        ),
        Figure(
            "line",
            _("Jobs created since {year}, cumulative, by scenario").format(year=b),
            years,
            [
                Series(scenario_heading(s.name), [row.cumulative_jobs for row in s.years])
                for s in projection.scenarios
            ],
            axis=_("jobs since {year}").format(year=b),
            caption=_("Jobs created since {year}, summed, per scenario.").format(year=b),
        ),
    ]


def _growth_subtitle(rate: float) -> str:
    """A scenario's subtitle in the bar chart: the same English whatever the rate, but other
    languages say "does not change" for a rate of 0 rather than "grows 0%"."""
    if rate == 0:
        return _p("residents do not grow", "{scenario} · residents grow {rate} a year")
    return _("{scenario} · residents grow {rate} a year")


def projection_chart(projection: Projection) -> Chart:
    """Residents and jobs since the base year, a block of bars per scenario."""
    b = projection.base_year
    measures = (Measure(_("residents"), 0), Measure(_("jobs since {year}").format(year=b), 0))
    groups = [
        ChartGroup(
            _growth_subtitle(scenario.annual_growth_rate).format(
                scenario=scenario_heading(scenario.name),
                rate=percent(scenario.annual_growth_rate, 2),
            ),
            [str(row.year) for row in scenario.years],
            [(row.residents, row.cumulative_jobs) for row in scenario.years],
        )
        for scenario in projection.scenarios
    ]
    return Chart(
        _("Residents and jobs since {base}, by year: {base} → {year}").format(
            base=b, year=projection.target_year
        ),
        measures,
        groups,
        note=_("One scale for every scenario: a bar of the same length is the same number."),
        shared_scale=True,
    )
