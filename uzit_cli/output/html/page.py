"""The whole report page: what it shows (`ReportInput`), its style sheet, and `render()`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from uzit_cli import __version__
from uzit_cli.model import Registry, Resident
from uzit_cli.output.html.markup import section, text
from uzit_cli.output.html.projection_section import projection_section
from uzit_cli.output.html.sections import (
    checks_section,
    groups_section,
    headline,
    residents_section,
    sources_section,
)
from uzit_cli.output.svg import FONT_STACK
from uzit_cli.projection import Projection
from uzit_cli.stats import Check, Summary

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


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
