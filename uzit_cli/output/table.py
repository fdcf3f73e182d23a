"""Rich tables for people. Imported only when a table is drawn: machine formats never load Rich.

On a terminal the columns are fitted to its width here rather than by Rich: text wraps at
spaces as long as every column can keep its longest word (an id, a date, a number never
breaks), and only when even that does not fit are words folded, the first column last.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TextIO, cast

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from uzit_cli.output import layout
from uzit_cli.output.plain_table import plain_lines
from uzit_cli.output.report import Column, Report, View
from uzit_cli.output.values import display_text, inert
from uzit_cli.output.writers import is_terminal, people_columns
from uzit_cli.words import plural

FILE_WIDTH = 120  # a table written to a file or pipe, unless $COLUMNS or --width says
GAP = 2  # columns are separated by two spaces (a divider and one space of padding)
LONGEST_WORD = 24  # a wider word (a long Japanese name, a URL) may fold rather than widen
FLOOR = 4  # the narrowest a column is folded to when nothing else fits

# The same shape as box.SIMPLE_HEAD (a rule under the header, no lines between columns).
#: Tables in files and pipes are drawn as plain lines where that gives what Rich draws (a test
#: renders them both ways and compares).
PLAIN_FILES = True

ASCII_SIMPLE_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich would exit with status 1; let the command end quietly instead (`| head`)."""
        self.quiet = True
        raise BrokenPipeError


def make_console(stream: TextIO, *, width: int | None = None) -> Console:
    """A console that treats all text as data: no markup, no emoji codes, no highlighting.

    Colour follows Rich's rules: only on a terminal, never with NO_COLOR or TERM=dumb.
    """
    terminal = is_terminal(stream)
    # Rich's NO_COLOR keeps bold and dim; no-color.org users want no escapes at all.
    plain = os.environ.get("NO_COLOR", "") != ""
    # Rich draws 80 columns on TERM=dumb unless given both sizes (Emacs sets COLUMNS there).
    size = shutil.get_terminal_size() if terminal else os.terminal_size((file_width(), 25))
    if width is not None:
        size = os.terminal_size((width, size.lines))
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


def write_tables(report: Report, stream: TextIO, *, width: int | None = None) -> None:
    """Draw every view of `report`, fitted to `width` cells: by default the terminal's width,
    or in a file or pipe $COLUMNS, else FILE_WIDTH."""
    terminal = is_terminal(stream)  # not console.is_terminal: FORCE_COLOR must not cut a pipe
    if terminal:
        _write_tables(report, stream, terminal=True, width=width)
        return
    trimmed = _TrimmedLines(stream)
    try:
        _write_tables(report, cast(TextIO, trimmed), terminal=False, width=width or file_width())
    finally:
        trimmed.flush()


def file_width() -> int:
    """The width of a table written to a file or pipe: $COLUMNS when set, else FILE_WIDTH."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return FILE_WIDTH
    return columns if columns > 0 else FILE_WIDTH


def _write_tables(report: Report, stream: TextIO, *, terminal: bool, width: int | None) -> None:
    console = make_console(stream, width=width)
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
        shown = list(rows)
        if view.total is not None:
            shown.append(view.total)
        # Title and caption as lines of their own, wrapped to the width, not to the table.
        if view.title:
            console.print(Text(show(view.title), style="bold"))
        drawn, note = _table(view, shown, unicode=unicode, show=show, fit_to=console.width)
        if view.total is not None and isinstance(drawn, Table) and drawn.rows:
            drawn.rows[-2].end_section = True  # a rule above the total
        lines = None
        if not terminal and unicode and isinstance(drawn, Table) and PLAIN_FILES:
            lines = plain_lines(drawn)  # what Rich would draw, without its layout work
        if lines is not None:
            stream.write("".join(f"{line}\n" for line in lines))
        else:
            console.print(drawn)
        if note:
            console.print(Text(show(note), style="dim"))
        if view.caption:
            console.print(Text(show(view.caption)))
        if hidden:
            footer = f"… {plural(hidden, 'more row')} not shown"
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
    rows: Sequence[Mapping[str, Any]],
    *,
    unicode: bool,
    show: Callable[[str], str],
    fit_to: int,
) -> tuple[RenderableType, str | None]:
    """The view as a table fitted to `fit_to` cells (or as blocks, see layout.py), and a note
    of the columns it left out, if the user asked for them."""
    columns = people_columns(view)
    empty = layout.empty_columns(columns, rows)
    left_out = [c.header for c, gone in zip(columns, empty, strict=True) if gone]
    columns = [c for c, gone in zip(columns, empty, strict=True) if not gone]
    note = None
    if left_out and view.asked:
        note = f"Left out, empty in every row: {', '.join(left_out)}"
    headers = [Text(show(column.header)) for column in columns]
    cells = [
        [_cell(row.get(column.key), column, unicode=unicode, show=show) for column in columns]
        for row in rows
    ]
    wrapped = [column.kind in TEXT_KINDS and not column.whole for column in columns]
    if not columns:
        return _draw(columns, headers, cells, [None] * len(columns), unicode), note
    available = fit_to - GAP * (len(columns) - 1)
    ranges, foldable, urls = _ranges(headers, cells, wrapped)
    if sum(widest for _, _, widest in ranges) > available and any(
        column.short_header for column in columns
    ):
        headers = [Text(show(column.short_header or column.header)) for column in columns]
        ranges, foldable, urls = _ranges(headers, cells, wrapped)
    whole = [url or column.whole for url, column in zip(urls, columns, strict=True)]
    if any(column.cut or column.priority is not None for column in columns):
        measures = [
            _measure(column, text_range, header)
            for column, text_range, header in zip(columns, ranges, headers, strict=True)
        ]
        fit = layout.fit_columns(columns, measures, fit_to, asked=view.asked)
        if view.blocks and (fit.widths is None or fit_to < layout.NARROW):
            return _blocks(columns, cells, fit_to), note
        if fit.dropped:
            dropped = ", ".join(columns[i].header for i in fit.dropped)
            note = (f"{note}; l" if note else "L") + f"eft out to fit {fit_to} columns: {dropped}"
        pick = fit.kept
        columns = [columns[i] for i in pick]
        headers = [headers[i] for i in pick]
        cells = [[row_cells[i] for i in pick] for row_cells in cells]
        if fit.widths is not None:
            return _fitted(columns, headers, cells, fit.widths, unicode), note
        # Even the columns kept do not fit whole: fold them as any other table.
        ranges, wrapped = [ranges[i] for i in pick], [wrapped[i] for i in pick]
        foldable, whole = [foldable[i] for i in pick], [whole[i] for i in pick]
        available = fit_to - GAP * (len(columns) - 1)
    elif view.blocks and (
        fit_to < layout.NARROW or sum(narrow for narrow, _, _ in ranges) > available
    ):
        return _blocks(columns, cells, fit_to), note
    fitted = fit_widths(ranges, available, foldable, whole)
    # Text is broken here, at spaces, commas and hyphens; Rich only draws the lines.
    cells = [
        [
            Text("\n".join(wrap(cell.plain, width)), style=cell.style) if wraps else cell
            for cell, wraps, width in zip(row_cells, wrapped, fitted, strict=True)
        ]
        for row_cells in cells
    ]
    return _draw(columns, headers, cells, list(fitted), unicode), note


def _measure(column: Column, text_range: tuple[int, int, int], header: Text) -> layout.Measure:
    """A column's widths for layout.fit_columns: a cut column shortens to CUT_MIN cells (the
    first in priority, the name, to NAME_MIN) or its header's longest word, a wrapped one to
    its longest word, others not at all."""
    narrowest, compact, widest = text_range
    header_word = max((cell_len(word) for word in header.plain.split()), default=0)
    if column.cut:
        floor = layout.NAME_MIN if column.priority == 1 else layout.CUT_MIN
        narrowest = min(compact, max(floor, header_word))
    elif column.whole or column.kind not in TEXT_KINDS:
        narrowest = compact
    return layout.Measure(widest, compact, narrowest)


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
        table.add_column(
            header,
            justify="right" if column.numeric else ("center" if column.kind == "bool" else "left"),
            overflow="fold",
            width=width,
        )
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


def _blocks(
    columns: Sequence[Column],
    cells: Sequence[Sequence[Text]],
    width: int,
) -> RenderableType:
    """One block per row, `label  value` a line, as `uzit show` prints a resident: empty
    values left out, a whole value (an id, a URL) that does not fit beside its label on a line
    of its own, and one longer than the line broken only after a `/`."""
    labels = [show_label(column.header) for column in columns]
    label_width = min(max((cell_len(label) for label in labels), default=0), width // 3)
    room = max(width - label_width - GAP, 1)
    lines: list[Text] = []
    for number, row_cells in enumerate(cells):
        if number:
            lines.append(Text(""))
        for column, label, cell in zip(columns, labels, row_cells, strict=True):
            if cell.style == "dim" and cell.plain in ("—", "-", ""):
                continue
            label = layout.shorten(label, label_width, measure=cell_len)
            start = Text(label.ljust(label_width + GAP), style="bold")
            whole = column.whole or column.kind not in TEXT_KINDS
            if whole and cell_len(cell.plain) > room:
                lines.append(start)
                lines.extend(Text(part, style=cell.style) for part in at_slashes(cell.plain, width))
                continue
            parts = [cell.plain] if whole else wrap(cell.plain, room)
            for index, part in enumerate(parts):
                prefix = start if not index else Text(" " * (label_width + GAP))
                lines.append(Text.assemble(prefix, Text(part, style=cell.style)))
    return Group(*lines)


def at_slashes(text: str, width: int) -> list[str]:
    """`text` (a URL) in lines of at most `width` cells, broken only after a `/`; a piece
    longer than a line is folded (nothing else can fit a terminal that narrow)."""
    lines = [""]
    for piece in re.findall(r"[^/]*/+|[^/]+", text):
        if lines[-1] and cell_len(lines[-1] + piece) > width:
            lines.append("")
        lines[-1] += piece
    return [folded for line in lines for folded in wrap(line, width)]


def show_label(header: str) -> str:
    return inert(" ".join(header.split()))


TEXT_KINDS = ("text", "list", "years")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


def pieces(word: str) -> list[str]:
    """A word cut after each hyphen or comma that follows a letter (`software-`, `development`):
    where a line may break inside a word. Numbers (`1,100`) and URLs are never cut."""
    if _URL.fullmatch(word):
        return [word]
    found: list[str] = []
    start = 0
    for index in range(1, len(word) - 1):
        if word[index] in "-," and word[index - 1].isalpha():
            found.append(word[start : index + 1])
            start = index + 1
    found.append(word[start:])
    return found


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces, then after hyphens and
    commas, and folded mid-word only where a piece is wider than the line."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            for number, piece in enumerate(pieces(word)):
                joined = f"{line} {piece}" if line and not number else line + piece
                if cell_len(joined) <= width:
                    line = joined
                    continue
                if line:
                    lines.append(line)
                line = ""
                for character in piece:  # only a piece wider than the line gets here
                    if line and cell_len(line + character) > width:
                        lines.append(line)
                        line = ""
                    line += character
        lines.append(line)
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


def _ranges(
    headers: Sequence[Text], cells: Sequence[Sequence[Text]], wrapped: Sequence[bool]
) -> tuple[list[tuple[int, int, int]], list[bool], list[bool]]:
    """Per column, in terminal cells: (the narrowest it goes without folding a word, the widest
    value or header word, the widest line), whether its words may fold, and whether it has a
    URL (kept whole longest).

    Text columns wrap at spaces, hyphens and commas (the longest piece between breaks); other
    columns (numbers, dates) keep their widest value. Headers wrap at spaces only. A column
    with a URL never folds, so the link stays whole; other columns' pieces count up to
    LONGEST_WORD (a longer one folds rather than widens), except the first column's (the key).
    """
    ranges: list[tuple[int, int, int]] = []
    foldable: list[bool] = []
    urls: list[bool] = []
    for index, header in enumerate(headers):
        longest_piece = widest_value = 0
        has_url = False
        for text in (row[index] for row in cells):
            for line in text.plain.splitlines():
                widest_value = max(widest_value, cell_len(line))
                for word in line.split():
                    has_url = has_url or bool(_URL.fullmatch(word))
                    longest_piece = max(longest_piece, *(cell_len(p) for p in pieces(word)))
        header_lines = header.plain.splitlines() or [""]
        header_word = max(cell_len(word) for line in header_lines for word in [*line.split(), ""])
        widest = max(widest_value, *(cell_len(line) for line in header_lines))
        compact = max(widest_value, header_word)
        folds = wrapped[index] and not has_url
        if not wrapped[index]:
            narrowest = compact
        elif index and folds:
            narrowest = max(min(longest_piece, LONGEST_WORD), header_word)
        else:
            narrowest = max(longest_piece, header_word)
        ranges.append((min(narrowest, compact), compact, widest))
        foldable.append(folds)
        urls.append(has_url)
    return ranges, foldable, urls


def fit_widths(
    ranges: Sequence[tuple[int, int, int]],
    available: int,
    foldable: Sequence[bool],
    whole: Sequence[bool] = (),
) -> list[int]:
    """Column widths that fit `available` cells, from `_ranges` per column.

    Each step narrows only as far as it must, the widest columns first: headers wrap; then
    values wrap at spaces, hyphens and commas, the first column (the key) last; then words of
    foldable columns fold, the first column last; numbers and dates stay whole unless even
    that does not fit, and `whole` columns (URLs, to stay clickable) after everything else.
    """
    widths = [widest for _, _, widest in ranges]
    if not widths:
        return widths
    words = [word for word, _, _ in ranges]
    folded = [FLOOR if fold else word for word, fold in zip(words, foldable, strict=True)]
    steps = (
        [compact for _, compact, _ in ranges],
        [ranges[0][1], *words[1:]],
        words,
        [words[0], *folded[1:]],
        folded,
        [word if keep else FLOOR for word, keep in zip(words, whole, strict=True)]
        if whole
        else folded,
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
