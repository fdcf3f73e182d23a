"""`uzit report`: one self-contained HTML page, built by pure functions from the core's results.

Every string that comes from the registry goes through `text()` or `attr()` (HTML-escaped), a
URL becomes a link only when it is http(s), and the page declares a Content-Security-Policy
that forbids scripts and every remote load: no script, font, style sheet or image is fetched.
Charts are inline SVG from `uzit_cli.charts`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from uzit_cli import __version__
from uzit_cli.charts import FONT_STACK, Series, bar_chart, line_chart, projection_charts
from uzit_cli.model import Registry, Resident, Source, last_complete_year
from uzit_cli.projection import Projection, Scenario
from uzit_cli.stats import Check, Summary

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

METRIC_LABELS = {
    "residents": "Residents",
    "exporting_to_japan": "Exporting to Japan",
    "jobs_created": "Jobs created",
}


@dataclass(frozen=True)
class ReportInput:
    """Everything the page shows, computed by the core before any HTML is written."""

    registry: Registry
    residents: Sequence[Resident]  # the residents the filters select
    summary: Summary
    checks: Sequence[Check] | None  # None: skipped because filters are active
    projection: Projection | None
    projection_problem: str | None = None  # why there is no projection
    scope: str | None = None  # the filters in words, when some are active
    notices: Sequence[str] = ()


# --- escaping ----------------------------------------------------------------------------------


def text(value: object) -> str:
    """Any value as HTML text: escaped, so registry text is shown and never run."""
    return html.escape(str(value), quote=True)


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None: anything else is shown as text only."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def link(url: str | None, label: str | None = None) -> str:
    safe = safe_url(url)
    shown = text(label if label is not None else (url or ""))
    if safe is None:
        return shown
    return f'<a href="{attr(safe)}" rel="noopener noreferrer external">{shown}</a>'


# --- numbers -----------------------------------------------------------------------------------


def whole(value: float) -> str:
    return f"{round(value):,}"


def decimal(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def percent(share: float, digits: int = 1) -> str:
    text_ = f"{share * 100:.{digits}f}"
    return f"{'0' if float(text_) == 0 else text_} %"


def plain_number(value: object) -> str:
    """An input's value: whole numbers as such, others to six significant decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, int) or (math.isfinite(value) and value == int(value)):
        number = int(value)
        return f"{number:,}" if abs(number) >= 10_000 else str(number)
    return f"{value:,.6f}".rstrip("0").rstrip(".")


# --- building blocks ---------------------------------------------------------------------------


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[str],
    *,
    numeric: Sequence[int] = (),
    ident: str | None = None,
) -> str:
    """A table with a caption and column headers; `rows` are ready `<tr>` strings."""
    head = "".join(
        f'<th scope="col"{" class=num" if index in numeric else ""}>{text(h)}</th>'
        for index, h in enumerate(headers)
    )
    id_attr = f' id="{attr(ident)}"' if ident else ""
    return (
        f'<div class="scroll"><table{id_attr}><caption>{text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def figure(svg: str, caption: str) -> str:
    return f'<figure class="chart">{svg}<figcaption>{text(caption)}</figcaption></figure>'


def section(ident: str, title: str, body: str) -> str:
    return (
        f'<section id="{ident}" aria-labelledby="{ident}-h">'
        f'<h2 id="{ident}-h">{text(title)}</h2>{body}</section>'
    )


# --- sections ----------------------------------------------------------------------------------


def headline(summary: Summary) -> str:
    s = summary

    def row(label: str, metric: str, shown: str, note: str = "") -> str:
        extra = f' <span class="note">{text(note)}</span>' if note else ""
        return (
            f'<tr><th scope="row">{text(label)}</th>'
            f'<td class="num" data-metric="{attr(metric)}">{text(shown)}</td><td>{extra}</td></tr>'
        )

    rows = [
        row("Residents", "residents", f"{s.residents:,}"),
        row("Exporting to Japan", "exporting_to_japan", f"{s.exporting_to_japan:,}"),
        row(
            "Share exporting to Japan",
            "exporting_to_japan_share",
            percent(s.exporting_to_japan_share),
        ),
    ]
    for year, jobs in s.jobs_created.items():
        creators = s.job_creators_by_year.get(year, 0)
        rows.append(
            row(
                f"Jobs created in {year}",
                f"jobs_created.{year}",
                f"{jobs:,}",
                f"by {creators:,} resident{'' if creators == 1 else 's'}",
            )
        )
    rows.append(row("Jobs created, all years", "jobs_created_total", f"{s.jobs_created_total:,}"))
    if s.jobs_year is not None and s.mean_jobs_per_job_creator is not None:
        rows.append(
            row(
                f"Mean jobs per job-creating resident, {s.jobs_year}",
                "mean_jobs_per_job_creator",
                decimal(s.mean_jobs_per_job_creator),
            )
        )
        if s.median_jobs_per_job_creator is not None:
            rows.append(
                row(
                    f"Median jobs per job-creating resident, {s.jobs_year}",
                    "median_jobs_per_job_creator",
                    decimal(s.median_jobs_per_job_creator),
                )
            )
    if s.headcount_reported:
        rows.append(
            row(
                "Headcount",
                "headcount_total",
                f"{s.headcount_total:,}",
                f"{s.headcount_reported:,} of {s.residents:,} report it",
            )
        )
    else:
        rows.append(row("Headcount", "headcount_total", "not reported"))
    for year, revenue in s.export_revenue_usd.items():
        reporting = s.export_revenue_reported.get(year, 0)
        rows.append(
            row(
                f"Export revenue in {year}, USD",
                f"export_revenue_usd.{year}",
                f"{revenue:,.0f}",
                f"{reporting:,} report it",
            )
        )
    return table(
        "The figures people quote, computed from the records",
        ("Figure", "Value", ""),
        rows,
        numeric=(1,),
        ident="figures-table",
    )


def checks_section(checks: Sequence[Check] | None, registry: Registry) -> str:
    if checks is None:
        return (
            '<p class="notice">Filters are active: the published-figure check is skipped '
            "(the published figures describe the whole registry).</p>"
        )
    if not checks:
        return "<p>The registry states no published figures to check.</p>"
    rows = []
    for check in checks:
        source = registry.info.source(check.source)
        mark = "✓ matches" if check.matches else "✗ differs"
        rows.append(
            f'<tr data-check="{attr(check.metric)}"><th scope="row">'
            f"{text(METRIC_LABELS.get(check.metric, check.metric))}</th>"
            f"<td>{text(check.year if check.year is not None else '—')}</td>"
            f'<td class="num">{check.published:,}</td><td class="num">{check.computed:,}</td>'
            f'<td class="{"ok" if check.matches else "bad"}">{mark}</td>'
            f"<td>{source_line(source, check.source)}</td></tr>"
        )
    reproduced = sum(check.matches for check in checks)
    return table(
        f"Published figures: {reproduced} of {len(checks)} reproduced by the records",
        ("Figure", "Year", "Published", "Computed", "Check", "Source"),
        rows,
        numeric=(2, 3),
    )


def source_line(source: Source | None, source_id: str) -> str:
    if source is None:
        return text(source_id)
    date = f", {source.published.isoformat()}" if source.published else ", undated"
    return (
        f'{text(source.publisher)}: <a href="#source-{attr(source.id)}">'
        f"{text(source.title)}</a>{text(date)}"
    )


def counts_table(caption: str, header: str, counts: Mapping[str, int], key: str) -> str:
    rows = (
        f'<tr data-{key}="{attr(label)}"><th scope="row">{text(label)}</th>'
        f'<td class="num">{count:,}</td></tr>'
        for label, count in counts.items()
    )
    return table(caption, (header, "Residents"), rows, numeric=(1,))


def groups_section(summary: Summary) -> str:
    s = summary
    parts = []
    last = last_complete_year(s.as_of)
    label = {year: f"{year} (so far)" if year > last else str(year) for year in s.joined_by_year}
    joined = {label[year]: count for year, count in s.joined_by_year.items()}
    if joined:
        years = list(joined)
        parts.append(
            figure(
                line_chart(
                    "Residents by the end of each year, and joins in each year",
                    years,
                    [
                        Series("residents at the year's end", list(s.cumulative_by_year.values())),
                        Series("joined in the year", list(s.joined_by_year.values())),
                    ],
                    y_title="residents",
                ),
                "Residents by joined year (from the joined dates).",
            )
        )
        rows = (
            f'<tr data-joined="{year}"><th scope="row">{label[year]}</th>'
            f'<td class="num">{count:,}</td>'
            f'<td class="num">{s.cumulative_by_year.get(year, 0):,}</td></tr>'
            for year, count in s.joined_by_year.items()
        )
        parts.append(
            table(
                "Residents by joined year",
                ("Year", "Joined", "By the year's end"),
                rows,
                numeric=(1, 2),
            )
        )
    if s.by_city:
        parts.append(
            figure(
                bar_chart("Residents by city", s.by_city, x_title="residents"),
                "Residents by city.",
            )
        )
        parts.append(counts_table("Residents by city", "City", s.by_city, "city"))
    if s.by_sector:
        parts.append(
            figure(
                bar_chart("Residents by sector", s.by_sector, x_title="residents"),
                "Residents by sector; a resident with several sectors counts in each.",
            )
        )
        parts.append(
            counts_table(
                "Residents by sector (a resident counts once in each of its sectors)",
                "Sector",
                s.by_sector,
                "sector",
            )
        )
    if not parts:
        return "<p>No resident is selected.</p>"
    return "".join(parts)


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


def residents_section(residents: Sequence[Resident], jobs_year: int | None) -> str:
    if not residents:
        return "<p>No resident is selected.</p>"
    jobs_header = f"Jobs {jobs_year}" if jobs_year is not None else "Jobs"
    rows = []
    for r in residents:
        name_ja = f'<span lang="ja">{text(r.name_ja)}</span>' if r.name_ja else "—"
        jobs = r.jobs_created.get(jobs_year) if jobs_year is not None else None
        rows.append(
            f'<tr data-resident="{attr(r.id)}"><th scope="row" class="name">{text(r.name)}</th>'
            f'<td class="ja">{name_ja}</td><td>{text(r.city)}</td>'
            f"<td>{text(', '.join(r.sectors))}</td><td>{r.joined.isoformat()}</td>"
            f"<td>{'✓ yes' if r.exports_to_japan else 'no'}</td>"
            f'<td class="num">{"—" if jobs is None else f"{jobs:,}"}</td></tr>'
        )
    return table(
        f"{len(residents):,} residents",
        ("Name", "Japanese name", "City", "Sectors", "Joined", "Exports to Japan", jobs_header),
        rows,
        numeric=(6,),
        ident="residents-table",
    )


def sources_section(sources: Sequence[Source]) -> str:
    if not sources:
        return "<p>The registry cites no source.</p>"
    items = []
    for source in sources:
        date = source.published.isoformat() if source.published else "undated"
        address = (
            f'<br><span class="url">{link(source.url)}</span>' if source.url else " (no address)"
        )
        note = f'<br><span class="note">{text(source.note)}</span>' if source.note else ""
        items.append(
            f'<li id="source-{attr(source.id)}"><strong>{text(source.publisher)}</strong>, '
            f"{text(date)}: {text(source.title)} <code>[{text(source.id)}]</code>"
            f"{address}{note}</li>"
        )
    return f'<ol class="sources">{"".join(items)}</ol>'


# --- the page ----------------------------------------------------------------------------------

CSS = """
:root{color-scheme:light;--text:#1a1a1a;--muted:#555;--line:#c8c8c8;--head:#eef2f7;
--ok:#1d5e20;--bad:#a4000f;--notice:#fff4d6;--accent:#1f4e9c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:60rem;padding:1rem;font-family:FONTS;color:var(--text);
background:#fff;line-height:1.5;font-size:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--accent)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:var(--accent)}
.notice{background:var(--notice);border-left:4px solid #8a5a00;padding:.5rem .75rem}
.note{color:var(--muted)}
.scroll{overflow-x:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;min-width:50%}
caption{text-align:left;font-weight:600;padding:.25rem 0;caption-side:top}
th,td{border-bottom:1px solid var(--line);padding:.3rem .6rem;text-align:left;
vertical-align:top}
thead th{background:var(--head)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ok{color:var(--ok);font-weight:600}
.bad{color:var(--bad);font-weight:600}
.ja,[lang=ja]{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans",
"Hiragino Kaku Gothic ProN","Yu Gothic",Meiryo,FONTS}
figure.chart{margin:1rem 0;overflow-x:auto}
figure.chart svg{display:block;width:100%;height:auto;max-width:50rem}
figcaption{color:var(--muted);font-size:.9rem}
code{font-family:ui-monospace,"Cascadia Mono","DejaVu Sans Mono",monospace;font-size:.9em;
overflow-wrap:anywhere}
.formulas li{margin:.2rem 0}
.sources li{margin:.5rem 0;overflow-wrap:anywhere}
nav ul{padding-left:1.2rem;columns:2}
footer{margin-top:2rem;color:var(--muted);font-size:.9rem}
@media (max-width:40rem){body{padding:.6rem}h1{font-size:1.3rem}nav ul{columns:1}
th,td{padding:.25rem .4rem}
figure.chart svg{min-width:32rem}}
@media print{
@page{size:A4;margin:15mm 12mm}
body{max-width:none;padding:0;font-size:10pt}
nav,.screen-only{display:none}
h2{break-after:avoid}
table,figure,.notice{break-inside:avoid}
.scroll,figure.chart{overflow:visible}
table{width:100%}
th,td{padding:.15rem .3rem}
.num{white-space:normal}
a{color:inherit;text-decoration:none}
.sources a::after{content:""}
figure.chart svg{max-width:17cm;min-width:0}
}
""".replace("FONTS", FONT_STACK)

SECTIONS = (
    ("figures", "Headline figures"),
    ("checks", "Published figures, checked"),
    ("groups", "Residents by joined year, city and sector"),
    ("projection", "Projection"),
    ("residents", "Residents"),
    ("sources", "Sources"),
)


def render(data: ReportInput) -> str:
    """The whole page, as one string of HTML."""
    info = data.registry.info
    title = f"{info.title} · as of {info.as_of.isoformat()}"
    notices = "".join(f'<p class="notice" role="note">{text(n)}</p>' for n in data.notices)
    scope = f'<p class="notice" role="note">{text(data.scope)}</p>' if data.scope else ""
    nav = "".join(f'<li><a href="#{ident}">{text(name)}</a></li>' for ident, name in SECTIONS)
    bodies = {
        "figures": headline(data.summary),
        "checks": checks_section(data.checks, data.registry),
        "groups": groups_section(data.summary),
        "projection": projection_section(data.projection, data.projection_problem),
        "residents": residents_section(data.residents, data.summary.jobs_year),
        "sources": sources_section(info.sources),
    }
    sections = "".join(section(ident, name, bodies[ident]) for ident, name in SECTIONS)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{text(info.title)}</h1>"
        f'<p>As of <time datetime="{info.as_of.isoformat()}">{info.as_of.isoformat()}</time>'
        f" · made by uzit {text(__version__)}</p>{notices}{scope}"
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav></header>'
        f"<main>{sections}</main>"
        "<footer><p>To print or save as PDF, use the browser's Print command: the page is laid "
        "out for A4, without the contents list.</p></footer>"
        "</body></html>\n"
    )
