"""Rich tables for people. Imported only when a table is drawn: machine formats never load Rich.

On a terminal the columns are fitted to its width here rather than by Rich: text wraps at
spaces as long as every column can keep its longest word (an id, a date, a number never
breaks), and only when even that does not fit are words folded, the first column last.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from uzit_cli.output.report import Column, Report, View
from uzit_cli.output.values import display_text, inert
from uzit_cli.output.writers import is_terminal, people_columns

WIDE = 100_000  # a table written to a file or pipe is never wrapped or cut
GAP = 2  # columns are separated by two spaces (a divider and one space of padding)
LONGEST_WORD = 24  # a wider word (a long Japanese name, a URL) may fold rather than widen
FLOOR = 4  # the narrowest a column is folded to when nothing else fits

# The same shape as box.SIMPLE_HEAD (a rule under the header, no lines between columns).
ASCII_SIMPLE_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich would exit with status 1; let the command end quietly instead (`| head`)."""
        self.quiet = True
        raise BrokenPipeError


def make_console(stream: TextIO) -> Console:
    """A console that treats all text as data: no markup, no emoji codes, no highlighting.

    Colour follows Rich's rules: only on a terminal, never with NO_COLOR or TERM=dumb.
    """
    terminal = is_terminal(stream)
    # Rich's NO_COLOR keeps bold and dim; no-color.org users want no escapes at all.
    plain = os.environ.get("NO_COLOR", "") != ""
    # Rich draws 80 columns on TERM=dumb unless given both sizes (Emacs sets COLUMNS there).
    size = shutil.get_terminal_size() if terminal else os.terminal_size((WIDE, 25))
    return _Console(
        file=stream,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        color_system=None if plain else "auto",
        width=size.columns,
        height=size.lines,
    )


def write_tables(report: Report, stream: TextIO) -> None:
    console = make_console(stream)
    terminal = is_terminal(stream)  # not console.is_terminal: FORCE_COLOR must not cut a pipe
    unicode = console.encoding.lower().startswith("utf")
    show = _shown_as(console.encoding)
    for notice in report.notices:
        console.print(Text(show(notice), style="bold yellow"))
    for index, view in enumerate(report.views):
        if index:
            console.print()
        rows: Iterable[Mapping[str, Any]] = view.rows
        hidden = 0
        if view.screen_limit is not None and terminal:
            rows, hidden = _first(view.rows, view.screen_limit)
        fit_to = console.width if terminal else None
        # Title and caption as lines of their own: wrapped to the terminal, not to the table,
        # and never wrapped in a file or pipe.
        if view.title:
            console.print(Text(show(view.title), style="bold"))
        console.print(_table(view, rows, unicode=unicode, show=show, fit_to=fit_to))
        if view.caption:
            console.print(Text(show(view.caption)))
        if hidden:
            footer = f"… {hidden:,} more row{'' if hidden == 1 else 's'} not shown"
            if view.more_hint:
                footer += f"; {view.more_hint}"
            console.print(Text(show(footer), style="dim"))


def _first(rows: Iterable[Mapping[str, Any]], limit: int) -> tuple[list[Mapping[str, Any]], int]:
    """The first `limit` rows, and how many follow them (counted, never drawn)."""
    iterator: Iterator[Mapping[str, Any]] = iter(rows)
    shown = list(islice(iterator, limit))
    return shown, sum(1 for _ in iterator)


def _table(
    view: View,
    rows: Iterable[Mapping[str, Any]],
    *,
    unicode: bool,
    show: Callable[[str], str],
    fit_to: int | None,
) -> Table:
    columns = people_columns(view)
    headers = [Text(show(column.header)) for column in columns]
    cells = [
        [_cell(row.get(column.key), column, unicode=unicode, show=show) for column in columns]
        for row in rows
    ]
    widths: list[int | None] = [None] * len(columns)
    if fit_to is not None and columns:
        available = fit_to - GAP * (len(columns) - 1)
        foldable = [column.kind in ("text", "list", "years") for column in columns]
        widths = list(fit_widths(_ranges(headers, cells), available, foldable))
    table = Table(
        box=box.SIMPLE_HEAD if unicode else ASCII_SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
        pad_edge=False,
        header_style="bold",
    )
    for column, header, width in zip(columns, headers, widths, strict=True):
        table.add_column(
            header,
            justify="right" if column.numeric else ("center" if column.kind == "bool" else "left"),
            overflow="fold",
            width=width,
        )
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


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


def _ranges(headers: Sequence[Text], cells: Sequence[Sequence[Text]]) -> list[tuple[int, int, int]]:
    """Per column, in terminal cells: (the longest word, the widest value or header word, the
    widest line). The first column's longest word is never capped: it is the key (an id)."""
    ranges = []
    for index, header in enumerate(headers):
        longest_word = widest_value = 0
        for text in (row[index] for row in cells):
            for line in text.plain.splitlines():
                widest_value = max(widest_value, cell_len(line))
                longest_word = max(longest_word, *(cell_len(word) for word in line.split()), 0)
        header_lines = header.plain.splitlines() or [""]
        header_word = max(cell_len(word) for line in header_lines for word in [*line.split(), ""])
        widest = max(widest_value, *(cell_len(line) for line in header_lines))
        compact = max(widest_value, header_word)
        word = max(longest_word, header_word)
        if index:
            word = min(word, LONGEST_WORD)
        ranges.append((min(word, compact), compact, widest))
    return ranges


def fit_widths(
    ranges: Sequence[tuple[int, int, int]], available: int, foldable: Sequence[bool]
) -> list[int]:
    """Column widths that fit `available` cells, from `_ranges` per column.

    Each step narrows only as far as it must, the widest columns first: headers wrap, then
    values wrap at spaces (never below their longest word), then words of text columns fold
    (numbers and dates stay whole), then every column but the first, then the first too.
    """
    widths = [widest for _, _, widest in ranges]
    first_kept = [widths[0]] if widths else []
    steps = (
        [compact for _, compact, _ in ranges],
        [word for word, _, _ in ranges],
        first_kept
        + [
            FLOOR if fold else word
            for (word, _, _), fold in zip(ranges[1:], foldable[1:], strict=True)
        ],
        first_kept + [FLOOR] * (len(ranges) - 1),
        [FLOOR] * len(ranges),
    )
    for floors in steps:
        if sum(widths) <= available:
            break
        widths = _level(
            widths,
            [min(floor, width) for floor, width in zip(floors, widths, strict=True)],
            available,
        )
    return widths


def _level(widths: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """Cap every column at one level (never below its floor), as high as still fits."""

    def capped(level: int) -> list[int]:
        return [max(floor, min(width, level)) for width, floor in zip(widths, floors, strict=True)]

    low, high = 0, max(widths)
    while low < high:  # the highest level whose total fits
        middle = (low + high + 1) // 2
        if sum(capped(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    result = capped(low)
    # Hand out what the integer level left over, one cell each to the columns it capped.
    spare = available - sum(result)
    for index, width in enumerate(widths):
        if spare <= 0:
            break
        if result[index] < width:
            result[index] += 1
            spare -= 1
    return result
