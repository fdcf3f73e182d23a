"""The report's projection section: the charts, the years and the final year by scenario, and
every input, formula and assumption, so that a reader can redo a row by hand."""

from __future__ import annotations

from uzit_cli.output.html.markup import (
    attr,
    decimal,
    figure,
    percent,
    plain_number,
    table,
    text,
    whole,
)
from uzit_cli.output.svg import projection_charts
from uzit_cli.projection import Projection, Scenario


def projection_section(projection: Projection | None, problem: str | None) -> str:
    if projection is None:
        reason = problem or "no scenario can be computed"
        return f'<p class="notice">No projection: {text(reason)}.</p>'
    p = projection
    residents_svg, jobs_svg = projection_charts(p)
    warnings = [f"{s.name}: {warning}" for s in p.scenarios for warning in s.warnings]
    warnings.extend(f"{o.name} is left out: {o.reason}" for o in p.omitted)
    parts = [
        *(f'<p class="notice" role="note">{text(warning)}</p>' for warning in warnings),
        '<p class="note">From the whole registry, whatever the filters; every scenario on one '
        "scale, so the charts compare them.</p>",
        figure(residents_svg, "Residents per scenario."),
        figure(jobs_svg, f"Jobs created since {p.base_year}, summed, per scenario."),
        _scenario_years(p),
        _final_year(p),
        _inputs(p),
        _formulas(p),
        _scenarios(p),
    ]
    if p.notes:
        items = "".join(f"<li>{text(note)}</li>" for note in p.notes)
        parts.append(f"<h3>Notes</h3><ul>{items}</ul>")
    return "".join(parts)


def _scenario_years(p: Projection) -> str:
    headers = ["Year"]
    for s in p.scenarios:
        headers.extend((f"{s.name}: residents", f"{s.name}: jobs since {p.base_year}"))
    rows = []
    for index, year in enumerate(range(p.base_year, p.target_year + 1)):
        cells = "".join(
            f'<td class="num">{decimal(s.years[index].residents)}</td>'
            f'<td class="num">{whole(s.years[index].cumulative_jobs)}</td>'
            for s in p.scenarios
        )
        rows.append(f'<tr><th scope="row">{year}</th>{cells}</tr>')
    return table(
        f"Projection {p.base_year} → {p.target_year}: residents and jobs since "
        f"{p.base_year}, by scenario",
        headers,
        rows,
        numeric=tuple(range(1, len(headers))),
        ident="projection-table",
    )


def _final_year(p: Projection) -> str:
    shortage = p.base.japan_shortage
    headers = [
        "Scenario",
        "Growth a year",
        "Residents",
        "Exporting to Japan",
        f"New jobs in {p.target_year}",
        f"Jobs since {p.base_year}",
    ]
    if shortage:
        headers.append("Share of Japan's shortage")
    rows = []
    for s in p.scenarios:
        last = s.years[-1]
        share = ""
        if shortage:
            value = last.japan_shortage_share
            share = f'<td class="num">{percent(value, 2) if value is not None else "—"}</td>'
        rows.append(
            f'<tr data-scenario="{attr(s.name)}"><th scope="row">{text(s.name)}</th>'
            f'<td class="num">{percent(s.annual_growth_rate, 2)}</td>'
            f'<td class="num">{decimal(last.residents)}</td>'
            f'<td class="num">{decimal(last.exporting_to_japan)}</td>'
            f'<td class="num">{whole(last.new_jobs)}</td>'
            f'<td class="num">{whole(last.cumulative_jobs)}</td>{share}</tr>'
        )
    caption = f"{p.target_year}, by scenario"
    if shortage:
        caption += (
            f". Share of shortage: jobs since {p.base_year} ÷ {shortage:,}, Japan's IT "
            f"specialist shortage in {p.base.japan_shortage_year} "
            f"({p.base.japan_shortage_source}); context only"
        )
    return table(caption, headers, rows, numeric=tuple(range(1, len(headers))))


def _inputs(p: Projection) -> str:
    rows = (
        f'<tr><th scope="row"><code>{text(item.symbol)}</code></th>'
        f'<td class="num">{text(plain_number(item.value))}</td><td>{text(item.origin)}</td>'
        f"<td>{text(item.meaning)}{': ' + text(item.detail) if item.detail else ''}</td></tr>"
        for item in p.inputs
    )
    return "<h3>Inputs</h3>" + table(
        "Every number the projection rests on, and where it comes from",
        ("Symbol", "Value", "Origin", "Meaning, and how it is found"),
        rows,
        numeric=(1,),
    )


def _formulas(p: Projection) -> str:
    items = "".join(f"<li><code>{text(formula)}</code></li>" for formula in p.formulas)
    return (
        "<h3>Formulas, with this registry's values</h3>"
        f'<ol class="formulas">{items}</ol>'
        "<p class=note>Each scenario's line worked through one year lets a reader redo a row "
        "by hand.</p>"
    )


def _scenario_row(s: Scenario) -> str:
    assumptions = "; ".join(f"{key}: {plain_number(value)}" for key, value in s.assumptions.items())
    warnings = "; ".join(s.warnings)
    return (
        f'<tr><th scope="row">{text(s.name)}</th>'
        f'<td class="num">{percent(s.annual_growth_rate, 2)}</td>'
        f"<td>{text(s.description)}</td><td>{text(assumptions)}</td>"
        f'<td class="{"bad" if warnings else ""}">{text(warnings)}</td></tr>'
    )


def _scenarios(p: Projection) -> str:
    rows = [_scenario_row(s) for s in p.scenarios]
    rows.extend(
        f'<tr><th scope="row">{text(o.name)}</th><td class="num">—</td>'
        f"<td>left out: {text(o.reason)}</td><td></td><td></td></tr>"
        for o in p.omitted
    )
    return "<h3>Scenarios</h3>" + table(
        "What each scenario assumes",
        ("Scenario", "Growth a year", "What it assumes", "Assumptions", "Warnings"),
        rows,
        numeric=(1,),
    )
