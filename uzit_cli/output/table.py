"""Rich tables for people. Imported only when a table is drawn: machine formats never load Rich.

On a terminal the columns are fitted to its width here rather than by Rich: text wraps at
spaces (then hyphens and commas), and a header word, an id, a date or a number never breaks.
When even that does not fit, columns are left out (see layout.py) or, when none may be, the
table is drawn as one block per row.

The parts: `console` (the Rich console, its colour and width), `layout` (which columns are
kept, cut to fit), `column_widths` (wrapped columns narrowed to fit), `wrapping` (where text
breaks), `blocks` (a block per row when narrow) and `plain_table` (plain lines for files).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TextIO, cast

from rich import box
from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from uzit_cli.language import _, _n
from uzit_cli.numbers import whole
from uzit_cli.output import layout
from uzit_cli.output.blocks import draw_blocks
from uzit_cli.output.column_widths import column_ranges, fit_widths, header_word
from uzit_cli.output.console import make_console
from uzit_cli.output.plain_table import plain_lines
from uzit_cli.output.report import Column, Report, View
from uzit_cli.output.streams import Stream, described
from uzit_cli.output.values import display_text, header_text, inert, joined, note_text
from uzit_cli.output.wrapping import TEXT_KINDS, has_wide, wrap

#: Tables in files and pipes are drawn as plain lines where that gives what Rich draws (a test
#: renders them both ways and compares).
PLAIN_FILES = True

# The same shape as box.SIMPLE_HEAD (a rule under the header, no lines between columns).
ASCII_SIMPLE_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


class _TrimmedLines:
    """A stream that writes each line without the trailing spaces Rich pads cells with, for a
    table written to a file or pipe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending.rstrip(" "))
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False


def write_tables(report: Report, stream: Stream | TextIO, *, width: int | None = None) -> None:
    """Draw every view of `report`, fitted to `width` cells: by default the stream's width (a
    terminal's, or in a file or pipe $COLUMNS, else FILE_WIDTH)."""
    stream = described(stream)
    if stream.is_terminal:
        _write_tables(report, stream, width=width)
        return
    trimmed = _TrimmedLines(stream.file)
    try:
        _write_tables(report, dataclasses.replace(stream, file=cast(TextIO, trimmed)), width=width)
    finally:
        trimmed.flush()


def _write_tables(report: Report, stream: Stream, *, width: int | None) -> None:
    console = make_console(stream, width=width)
    terminal = stream.is_terminal
    unicode = console.encoding.lower().startswith("utf")
    show = _shown_as(console.encoding)
    for notice in report.notices:
        console.print(Text(show(notice), style="bold yellow"))
    for index, view in enumerate(report.views):
        if index:
            console.print()
        rows: Iterable[Mapping[str, Any]] = view.rows
        hidden = 0
        if view.screen_limit is not None and terminal and not stream.paged:
            rows, hidden = _first(view.rows, view.screen_limit)
        shown = list(rows)
        if view.total is not None:
            shown.append(view.total)
        # Title and caption as lines of their own, wrapped to the width, not to the table.
        if view.title:
            console.print(Text(show(view.title), style="bold"))
        drawn, note, kept = _table(view, shown, unicode=unicode, show=show, fit_to=console.width)
        if view.total is not None and isinstance(drawn, Table) and drawn.rows:
            drawn.rows[-2].end_section = True  # a rule above the total
        lines = None
        if not terminal and unicode and isinstance(drawn, Table) and PLAIN_FILES:
            lines = plain_lines(drawn)  # what Rich would draw, without its layout work
        if lines is not None:
            stream.file.write("".join(f"{line}\n" for line in lines))
        else:
            console.print(drawn, crop=False)  # a whole value longer than the line stays whole
        if note:
            console.print(Text(show(note), style="dim"))
        for column in kept:
            if column.note:
                console.print(Text(show(note_text(column))))
        if view.caption:
            console.print(Text(show(view.caption)))
        if hidden:
            footer = _n("… {count} more row not shown", "… {count} more rows not shown", hidden)
            footer = footer.format(count=whole(hidden))
            if view.more_hint:
                footer = _("{footer}; {hint}").format(footer=footer, hint=view.more_hint)
            console.print(Text(show(footer), style="dim"))


def _first(rows: Iterable[Mapping[str, Any]], limit: int) -> tuple[list[Mapping[str, Any]], int]:
    """The first `limit` rows, and how many follow them (counted, never drawn)."""
    iterator: Iterator[Mapping[str, Any]] = iter(rows)
    shown = list(islice(iterator, limit))
    return shown, sum(1 for _ in iterator)


def _table(
    view: View,
    rows: Sequence[Mapping[str, Any]],
    *,
    unicode: bool,
    show: Callable[[str], str],
    fit_to: int,
) -> tuple[RenderableType, str | None, list[Column]]:
    """The view as a table fitted to `fit_to` cells, or as one block per row when its columns
    do not fit without breaking a word, a number or a whole value (or, for a view that allows
    it, below layout.NARROW); a note of the columns it left out; and the columns it shows."""
    columns = view.people_columns()
    empty = layout.empty_columns(columns, rows)
    left_out = [header_text(c) for c, gone in zip(columns, empty, strict=True) if gone]
    columns = [c for c, gone in zip(columns, empty, strict=True) if not gone]
    note = None
    if left_out and view.asked:
        note = _("Left out, empty in every row: {columns}").format(columns=joined(left_out))
    headers = [Text(show(header_text(column))) for column in columns]
    cells = [
        [_cell(row.get(column.key), column, unicode=unicode, show=show) for column in columns]
        for row in rows
    ]
    wrapped = [column.kind in TEXT_KINDS and not column.whole for column in columns]
    if not columns:
        return _draw(columns, headers, cells, [], unicode), note, columns
    available = fit_to - layout.GAP * (len(columns) - 1)
    ranges = column_ranges(headers, cells, wrapped)
    if sum(widest for _, _, widest in ranges) > available and any(
        column.short_header for column in columns
    ):
        headers = [Text(show(header_text(column, short=True))) for column in columns]
        ranges = column_ranges(headers, cells, wrapped)
    narrow = view.blocks and fit_to < layout.NARROW
    if any(column.cut or column.priority is not None for column in columns):
        measures = [
            _measure(column, text_range, header)
            for column, text_range, header in zip(columns, ranges, headers, strict=True)
        ]
        fit = layout.fit_columns(columns, measures, fit_to, asked=view.asked)
        if narrow or fit.widths is None:
            return draw_blocks(columns, cells, fit_to), note, columns
        if fit.dropped:
            dropped = _n(
                "Left out to fit {width} column: {columns}",
                "Left out to fit {width} columns: {columns}",
                fit_to,
            ).format(
                width=whole(fit_to), columns=joined(header_text(columns[i]) for i in fit.dropped)
            )
            note = _("{note}; {more}").format(note=note, more=dropped) if note else dropped
        pick = fit.kept
        columns = [columns[i] for i in pick]
        headers = [headers[i] for i in pick]
        cells = [[row_cells[i] for i in pick] for row_cells in cells]
        return _fitted(columns, headers, cells, fit.widths, unicode), note, columns
    fitted = None if narrow else fit_widths(ranges, available)
    if fitted is None:  # below NARROW, or a word, number or whole value would have to break
        return draw_blocks(columns, cells, fit_to), note, columns
    # Text is broken here, at spaces, commas and hyphens; Rich only draws the lines.
    cells = [
        [
            Text("\n".join(wrap(cell.plain, width)), style=cell.style) if wraps else cell
            for cell, wraps, width in zip(row_cells, wrapped, fitted, strict=True)
        ]
        for row_cells in cells
    ]
    return _draw(columns, headers, cells, list(fitted), unicode), note, columns


def _measure(column: Column, text_range: tuple[int, int, int], header: Text) -> layout.Measure:
    """A column's widths for layout.fit_columns: a cut column shortens to CUT_MIN cells (the
    first in priority, the name, to NAME_MIN) or its header's longest word, a wrapped one to
    its longest word (the first in priority, say a problem's message, keeps NAME_MIN while
    other columns go), others not at all."""
    narrowest, compact, widest = text_range
    header_floor = header_word(header.plain)
    shortest = None
    if column.cut:
        floor = layout.NAME_MIN if column.priority == 1 else layout.CUT_MIN
        narrowest = min(compact, max(floor, header_floor))
        shortest = min(compact, max(layout.CUT_MIN, header_floor))
    elif column.whole or column.kind not in TEXT_KINDS:
        narrowest = compact
    elif column.priority == 1:
        shortest = narrowest  # wrapped at its longest word only once the others have gone
        narrowest = min(compact, max(layout.NAME_MIN, narrowest))
    return layout.Measure(widest, compact, narrowest, shortest)


def _fitted(
    columns: Sequence[Column],
    headers: Sequence[Text],
    cells: Sequence[Sequence[Text]],
    widths: Sequence[int],
    unicode: bool,
) -> Table:
    """Cells cut to one line (`cut` columns) or wrapped at spaces (other text) at `widths`."""
    ellipsis = "…" if unicode else "..."
    shaped = []
    for row_cells in cells:
        line = []
        for cell, column, width in zip(row_cells, columns, widths, strict=True):
            if column.cut:
                shortened = layout.shorten(cell.plain, width, ellipsis=ellipsis, measure=cell_len)
                cell = Text(shortened, style=cell.style)
            elif column.kind in TEXT_KINDS and not column.whole:
                cell = Text("\n".join(wrap(cell.plain, width)), style=cell.style)
            line.append(cell)
        shaped.append(line)
    return _draw(columns, headers, shaped, list(widths), unicode)


def _draw(
    columns: Sequence[Column],
    headers: Sequence[Text],
    cells: Sequence[Sequence[Text]],
    widths: Sequence[int | None],
    unicode: bool,
) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD if unicode else ASCII_SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
        pad_edge=False,
        header_style="bold",
    )
    for column, header, width in zip(columns, headers, widths, strict=True):
        if width is not None and has_wide(header.plain):  # Japanese, broken as Japanese breaks
            header = Text("\n".join(_balanced(header.plain, width)), style=header.style)
        table.add_column(
            header,
            justify="right" if column.numeric else ("center" if column.kind == "bool" else "left"),
            overflow="fold",
            width=width,
        )
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


def _balanced(header: str, width: int) -> list[str]:
    """A Japanese header in as few lines of `width` cells as `wrap` gives, of lengths as even
    as it allows (`不足に占` / `める割合`, not `不足に占める割` / `合`)."""
    lines = wrap(header, width)
    for narrower in range(-(-cell_len(header) // len(lines)), width):
        even = wrap(header, narrower)
        if len(even) <= len(lines):
            return even
    return lines


def _shown_as(encoding: str) -> Callable[[str], str]:
    """Text made inert and, for a terminal that is not UTF-8 (LANG=C), escaped to what it can
    show, so that columns are measured by what is printed (`\\u30b5`, not a wide サ)."""
    if encoding.lower().startswith("utf"):
        return inert

    def show(text: str) -> str:
        return inert(text).encode(encoding, "backslashreplace").decode(encoding)

    return show


def _cell(value: Any, column: Column, *, unicode: bool, show: Callable[[str], str]) -> Text:
    text = show(display_text(value, column, unicode=unicode))
    if value is None or (isinstance(value, (tuple, list, Mapping)) and not value):
        return Text(text, style="dim")
    if value is True:
        return Text(text, style="green")
    if value is False:
        return Text(text, style="red")
    return Text(text)
