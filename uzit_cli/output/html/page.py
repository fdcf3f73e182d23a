"""The HTML writer: any `Report`, or a `Page` of several, as one self-contained page.

The page renders the same views every other format renders: its labels, notes, "so far" and
assumption markers are those of the table and the machine formats, and its numbers come from
output/numbers.py through `display_text`. Every string from the registry is escaped
(`markup.text`), a URL becomes a link only when it is http(s) with a host, and the page declares
a Content-Security-Policy that forbids scripts and every remote load. Figures are inline SVG
(uzit_cli.output.svg), drawn only when a view has one, so that pygal is imported only then.

The output is deterministic: the same report gives the same bytes (no random ids, no time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from uzit_cli import __version__
from uzit_cli.language import _, _p, current
from uzit_cli.output.fonts import font_stack
from uzit_cli.output.html.markup import attr, link, safe_url, text
from uzit_cli.output.layout import empty_columns
from uzit_cli.output.report import Column, Figure, Report, View
from uzit_cli.output.values import display_text, header_text, inert, joined, note_text


@dataclass(frozen=True)
class Section:
    """A part of a page: a heading and the report shown under it (or, without one, a line that
    says why there is nothing)."""

    ident: str
    heading: str
    report: Report | None = None
    empty: str | None = None


@dataclass(frozen=True)
class Page:
    """Several reports as one document with a contents list (`uzit report`): the HTML writer
    renders a lone `Report` as a page of one section. (Declared here, with the page, so that
    no other command imports it.)"""

    title: str
    subtitle: str
    sections: Sequence[Section]
    notices: Sequence[str] = ()


CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

# Phones (below 40rem) get each row of a table as a block of `label: value` lines, so no column
# is cut or scrolled out of sight; wider screens get the table, and the page grows to fit it.
_CSS = """
:root{color-scheme:light;--text:#1a1a1a;--muted:#555;--line:#c8c8c8;--head:#eef2f7;
--notice:#fff4d6;--accent:#1f4e9c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:80rem;padding:1rem;font-family:FONTS;color:var(--text);
background:#fff;line-height:1.5;font-size:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--accent)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:var(--accent)}
.notice{background:var(--notice);border-left:4px solid #8a5a00;padding:.5rem .75rem}
.note{color:var(--muted);white-space:pre-line}
table{border-collapse:collapse;margin:.5rem 0 1rem;max-width:100%}
caption{text-align:left;font-weight:600;padding:.25rem 0;caption-side:top}
th,td{border-bottom:1px solid var(--line);padding:.3rem .6rem;text-align:left;
vertical-align:top;overflow-wrap:break-word}
thead th{background:var(--head)}
tfoot td,tfoot th{border-top:2px solid var(--line);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
thead th.num{white-space:normal;overflow-wrap:normal}
.whole{white-space:nowrap}
thead th,td>[lang=ja]{word-break:keep-all}
time,.date{white-space:nowrap}
[lang=ja]{font-family:JAPANESE}
figure.chart{margin:1rem 0}
figure.chart svg{display:block;width:100%;height:auto;max-width:50rem}
figcaption{color:var(--muted);font-size:.9rem}
pre{overflow-x:auto;font-size:.85rem}
nav ul{padding-left:1.2rem;columns:2}
footer{margin-top:2rem;color:var(--muted);font-size:.9rem}
@media (max-width:40rem){body{padding:.6rem}h1{font-size:1.3rem}nav ul{columns:1}
table,thead,tbody,tfoot,tr,th,td,caption{display:block}
thead{position:absolute;left:-9999px}
tr{border-bottom:1px solid var(--line);padding:.3rem 0}
th,td{border:0;padding:.1rem 0;text-align:left}
td[data-label]::before,th[data-label]::before{content:attr(data-label) SEPARATOR;
color:var(--muted);font-weight:400}
.num,.whole{text-align:left;white-space:normal}
span.whole{display:inline-block;max-width:100%;overflow-wrap:anywhere}}
@media print{
@page{size:A4;margin:15mm 12mm}
body{max-width:none;padding:0;font-size:10pt}
nav{display:none}
h2,h3,caption{break-after:avoid}
table,tr,figure,.notice{break-inside:avoid}
thead{display:table-header-group}
table{width:100%}
th,td{padding:.15rem .3rem}
a{color:inherit;text-decoration:none}
figure.chart svg{max-width:17cm}
}
"""


def css(language: str) -> str:
    """The style sheet of a page in `language`: its fonts first (see output/fonts.py), and the
    separator of a phone's `label: value` lines as the language writes it."""
    separator = _p("label and value", ": ")
    quoted = '"' + separator.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (
        _CSS.replace("JAPANESE", font_stack("ja"))
        .replace("FONTS", font_stack(language))
        .replace("SEPARATOR", quoted)
    )


#: What prose keeps on one line: an ISO date, with the slug it ends if any (a source id such as
#: `trend-2025-02-28`), and an option (`--growth-rate`).
_KEPT = re.compile(
    r"(?<![\w-])(?:(?P<slug>(?:[a-z0-9]+-)+)?\d{4}-\d{2}-\d{2}|(?P<option>--[a-z][a-z0-9-]*))"
    r"(?![\w-])"
)


def _kept(match: re.Match[str]) -> str:
    kind = "date" if match["slug"] is None and match["option"] is None else "whole"
    return f'<span class="{kind}">{match.group()}</span>'


def prose(value: object) -> str:
    """Text for the page, escaped, with every ISO date, source id ending in one, and option
    kept on one line (never broken at their hyphens)."""
    escaped = text(value)
    if "-" not in escaped:
        return escaped
    return _KEPT.sub(_kept, escaped)


def _cell(value: Any, column: Column) -> str:
    """One cell's content: the text a table shows, escaped; a URL as a link, Japanese marked."""
    shown = display_text(value, column)
    if column.kind == "date" and value is not None:
        machine = value.isoformat() if hasattr(value, "isoformat") else shown
        return f'<time datetime="{attr(machine)}">{text(shown)}</time>'
    if column.whole and isinstance(value, str) and safe_url(value):
        return link(value, breaks=True)
    if column.whole:  # on one line as it is (`.whole`)
        return text(shown)
    if column.key.endswith("_ja") and value:
        return f'<span lang="ja">{prose(shown)}</span>'
    if column.kind == "list" and isinstance(value, (tuple, list)) and value:
        # each item whole (`software-development`, `ソフトウェア開発`), a line breaking between
        return joined(f'<span class="whole">{text(inert(str(item)))}</span>' for item in value)
    return prose(shown)


#: A column of a table with the tags around each of its cells, made once per table, and the
#: cells already made for its values: a column of cities or sectors repeats a few values down
#: 10,000 rows, and a cell depends on its value alone.
_Placed = tuple[Column, str, str, dict[tuple[type, Any], str]]
_MAX_SEEN = 512  # cells remembered per column


def _placed(columns: Sequence[Column]) -> list[_Placed]:
    """Each column with its cells' opening and closing tags: the first a row header; the
    label a narrow page shows beside each value."""
    placed: list[_Placed] = []
    for index, column in enumerate(columns):
        tag = "th" if index == 0 else "td"
        scope = ' scope="row"' if index == 0 else ""
        classes = " ".join(
            name for name, on in (("num", column.numeric), ("whole", column.whole)) if on
        )
        label = f' data-label="{attr(header_text(column))}"' if column.header else ""
        key = f' data-key="{attr(column.key)}"'
        css = f' class="{classes}"' if classes else ""
        placed.append((column, f"<{tag}{scope}{css}{key}{label}>", f"</{tag}>", {}))
    return placed


def _row(row: Mapping[str, Any], placed: Sequence[_Placed]) -> str:
    cells = []
    for column, opening, closing, seen in placed:
        value = row.get(column.key)
        key = (type(value), value)  # by type too: 1, 1.0 and True are equal keys, not cells
        try:
            cell = seen.get(key)
        except TypeError:  # a mapping of years: no key
            cell = _cell(value, column)
        else:
            if cell is None:
                cell = _cell(value, column)
                if len(seen) < _MAX_SEEN:
                    seen[key] = cell
        cells.append(f"{opening}{cell}{closing}")
    return "<tr>" + "".join(cells) + "</tr>"


def _figure(figure: Figure, ident: str) -> str:
    from uzit_cli.output.svg import draw  # the charting library, only for a view that has a figure

    caption = f"<figcaption>{prose(figure.caption)}</figcaption>" if figure.caption else ""
    return f'<figure class="chart">{draw(figure, ident)}{caption}</figure>'


def render_view(view: View, ident: str) -> str:
    """One view: its figures, then its table (title as caption), then its notes and caption."""
    rows = list(view.rows)
    columns = view.people_columns()
    empty = empty_columns(columns, rows)  # as a table leaves them out
    left_out = [header_text(c) for c, gone in zip(columns, empty, strict=True) if gone]
    columns = [c for c, gone in zip(columns, empty, strict=True) if not gone]
    parts = [_figure(figure, f"{ident}-f{n}") for n, figure in enumerate(view.figures, 1)]
    head = "".join(
        f'<th scope="col"{" class=num" if column.numeric else ""}>{text(header_text(column))}</th>'
        for column in columns
    )
    caption = f"<caption>{prose(view.title)}</caption>" if view.title else ""
    placed = _placed(columns)
    body = "".join(_row(row, placed) for row in rows)
    foot = f"<tfoot>{_row(view.total, placed)}</tfoot>" if view.total is not None else ""
    parts.append(
        f'<table id="{attr(ident)}">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody>{foot}</table>"
    )
    notes = [note_text(column) for column in columns if column.note]
    if left_out and view.asked:
        notes.append(_("Left out, empty in every row: {columns}").format(columns=joined(left_out)))
    notes.extend([view.caption] if view.caption else [])
    parts.extend(f'<p class="note">{prose(note)}</p>' for note in notes)
    return "".join(parts)


def _notices(notices: Iterable[str]) -> str:
    return "".join(f'<p class="notice" role="note">{prose(n)}</p>' for n in notices)


def render_report(report: Report, ident: str, shown: Sequence[str] = ()) -> str:
    """A report's notices (but those the page `shown` already), views, explanation and chart,
    as the body of one section."""
    parts = [_notices(notice for notice in report.notices if notice not in shown)]
    views = [*report.views, *report.explanation]
    parts.extend(render_view(view, f"{ident}-{n}") for n, view in enumerate(views, 1))
    if report.chart is not None:
        from uzit_cli.output.bars import Chart, chart_lines

        assert isinstance(report.chart, Chart)
        lines = chart_lines(report.chart, encoding="utf-8")
        parts.append(f"<pre>{text(chr(10).join(lines))}</pre>")
    return "".join(parts)


def _section(section: Section, shown: Sequence[str]) -> str:
    ident = section.ident
    if section.report is not None:
        body = render_report(section.report, ident, shown)
    else:
        empty = section.empty or _("Nothing to show.")
        body = f'<p class="notice">{text(empty)}</p>'
    return (
        f'<section id="{attr(ident)}" aria-labelledby="{attr(ident)}-h">'
        f'<h2 id="{attr(ident)}-h">{text(section.heading)}</h2>{body}</section>'
    )


def render_page(page: Page) -> str:
    """The whole page, as one string of HTML."""
    nav = ""
    if len(page.sections) > 1:
        items = "".join(
            f'<li><a href="#{attr(s.ident)}">{text(s.heading)}</a></li>' for s in page.sections
        )
        contents = _("Contents")
        nav = f'<nav aria-label="{attr(contents)}"><ul>{items}</ul></nav>'
    made_by = _("made by uzit {version}").format(version=__version__)
    made = " · ".join(part for part in (page.subtitle, made_by) if part)
    language = current()
    footer = _(
        "To print or save as PDF, use the browser's Print command: the page is laid out for "
        "A4, without the contents list."
    )
    sections = "".join(_section(section, page.notices) for section in page.sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{attr(language)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(page.title)}</title><style>{css(language)}</style></head><body>"
        f"<header><h1>{prose(page.title)}</h1><p>{prose(made)}</p>"
        f"{_notices(page.notices)}{nav}</header>"
        f"<main>{sections}</main>"
        f"<footer><p>{text(footer)}</p></footer>"
        "</body></html>\n"
    )


def report_page(report: Report) -> str:
    """A lone report (`-f html`) as a page of one section, titled by its first view."""
    title = next((view.title for view in report.views if view.title), None) or "uzit"
    return render_page(Page(title, "", [Section("result", title, report)]))
