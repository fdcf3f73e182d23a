"""Horizontal bar charts for people: Rich on a terminal, plain ASCII anywhere else.

A chart is a few groups (one per scenario) of labelled rows (one per year), each row with one
bar per measure (residents, total jobs), each bar followed by its value. Each group is drawn to
its own scale unless `shared_scale`: one runaway scenario would otherwise flatten every other
into slivers. The layout is computed once and drawn as styled Rich text or as plain lines.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from uzit_cli.characters import display_cells
from uzit_cli.numbers import decimal
from uzit_cli.output.streams import Stream, described

if TYPE_CHECKING:
    from rich.console import RenderableType

DEFAULT_WIDTH = 80
MIN_BAR = 8
EIGHTHS = " ▏▎▍▌▋▊▉"  # index k: a cell k/8 full
FULL_BLOCK = "█"
ASCII_FULL = "#="  # one character per measure, since plain text has no colour
ASCII_TINY = "."  # a value above zero that rounds to no whole cell
GAP = "   "
STYLES = ("cyan", "magenta", "green", "yellow")


@dataclass(frozen=True)
class Measure:
    """What one bar shows: its heading and how many decimals its value is printed with.
    Measures of one `unit` (residents, and a target path in residents) are drawn to one scale,
    so bars of the same length are the same number; others each to their own."""

    title: str
    digits: int = 0
    unit: str | None = None


@dataclass(frozen=True)
class ChartGroup:
    """One block of bars (a scenario): `values[i][m]` is row i's value of measure m. A chart
    of one block gives it no `title` (""): the chart's own title is its heading."""

    title: str
    labels: Sequence[str]
    values: Sequence[Sequence[float]]


@dataclass(frozen=True)
class Chart:
    title: str
    measures: Sequence[Measure]
    groups: Sequence[ChartGroup]
    note: str | None = None
    shared_scale: bool = False


@dataclass(frozen=True)
class _Layout:
    label_width: int
    bar_width: int
    value_widths: tuple[int, ...]
    scales: tuple[tuple[float, ...], ...]  # per group, per measure: the value of a full bar


def _value_text(value: float, measure: Measure) -> str:
    return decimal(value, measure.digits)


def _layout(chart: Chart, width: int) -> _Layout:
    labels = [label for group in chart.groups for label in group.labels]
    label_width = max((display_cells(label) for label in labels), default=0)
    count = len(chart.measures)
    value_widths: list[int] = []
    for index, measure in enumerate(chart.measures):
        texts = [_value_text(row[index], measure) for group in chart.groups for row in group.values]
        title = display_cells(measure.title) - MIN_BAR
        value_widths.append(max([len(text) for text in texts] + [title, 1]))
    fixed = label_width + 2 + sum(1 + w for w in value_widths) + len(GAP) * (count - 1)
    bar_width = max(MIN_BAR, (width - fixed) // max(count, 1))
    scales = [_united(_scales(group.values, count), chart.measures) for group in chart.groups]
    if chart.shared_scale:
        shared = tuple(max((s[m] for s in scales), default=0.0) for m in range(count))
        scales = [shared for _ in scales]
    return _Layout(label_width, bar_width, tuple(value_widths), tuple(scales))


def _scales(values: Sequence[Sequence[float]], count: int) -> tuple[float, ...]:
    """The largest finite value of each measure, 0 when none is above 0."""
    return tuple(
        max((row[m] for row in values if math.isfinite(row[m]) and row[m] > 0), default=0.0)
        for m in range(count)
    )


def _united(scales: tuple[float, ...], measures: Sequence[Measure]) -> tuple[float, ...]:
    """The scales of measures of one unit raised to the largest of them."""
    largest: dict[str, float] = {}
    for scale, measure in zip(scales, measures, strict=True):
        if measure.unit is not None:
            largest[measure.unit] = max(largest.get(measure.unit, 0.0), scale)
    return tuple(
        scale if measure.unit is None else largest[measure.unit]
        for scale, measure in zip(scales, measures, strict=True)
    )


def bar(value: float, scale: float, width: int, *, unicode: bool, fill: str = "#") -> str:
    """A bar `width` cells long at `scale`, padded with spaces to `width`.

    Unicode bars have eighth-cell resolution; ASCII bars round to whole cells. A value above
    zero always shows at least a sliver, so "small" never reads as "none".
    """
    if not (scale > 0 and math.isfinite(value) and value > 0):
        return " " * width
    cells = min(value / scale, 1.0) * width
    if unicode:
        eighths = max(1, round(cells * 8))
        whole, part = divmod(eighths, 8)
        text = FULL_BLOCK * whole + (EIGHTHS[part] if part else "")
    else:
        whole = round(cells)
        text = fill * whole if whole else ASCII_TINY
    return text.ljust(width)


@dataclass(frozen=True)
class _Piece:
    text: str
    style: str = ""


def _lines(chart: Chart, width: int, *, unicode: bool) -> list[list[_Piece]]:
    layout = _layout(chart, width)
    indent = " " * (layout.label_width + 2)
    lines = _wrapped(chart.title, width, "bold")
    if chart.note:
        lines.extend(_wrapped(chart.note, width, "dim"))
    for group, scales in zip(chart.groups, layout.scales, strict=True):
        if group.title:  # one heading per block: an untitled group is under the chart's
            lines.append([])
            lines.extend(_wrapped(group.title, width, "bold"))
        heading = GAP.join(
            _padded(measure.title, layout.bar_width + 1 + layout.value_widths[index])
            for index, measure in enumerate(chart.measures)
        )
        lines.append([_Piece(indent + heading.rstrip(), "dim")])
        for label, row in zip(group.labels, group.values, strict=True):
            pieces = [_Piece(_padded(label, layout.label_width, right=True) + "  ")]
            for index, measure in enumerate(chart.measures):
                if index:
                    pieces.append(_Piece(GAP))
                fill = ASCII_FULL[index % len(ASCII_FULL)]
                drawn = bar(row[index], scales[index], layout.bar_width, unicode=unicode, fill=fill)
                pieces.append(_Piece(drawn, STYLES[index % len(STYLES)]))
                value = _value_text(row[index], measure).rjust(layout.value_widths[index])
                pieces.append(_Piece(" " + value))
            lines.append(pieces)
    return lines


def _padded(text: str, width: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells (a wide character is two), on the left when
    `right`-aligned."""
    padding = " " * max(width - display_cells(text), 0)
    return padding + text if right else text + padding


def _wrapped(text: str, width: int, style: str) -> list[list[_Piece]]:
    """Headings wrap at word boundaries (only bar rows are cropped): a narrow terminal still
    shows every word. A line still wider than `width` cells (Japanese has no spaces, and a
    wide character takes two cells) is broken between characters."""
    width = max(width, 20)
    lines: list[list[_Piece]] = []
    for part in textwrap.wrap(text, width, break_on_hyphens=False) or [""]:
        while display_cells(part) > width:
            cut = next(n for n in range(len(part), 0, -1) if display_cells(part[:n]) <= width)
            lines.append([_Piece(part[:cut], style)])
            part = part[cut:]
        lines.append([_Piece(part, style)])
    return lines


def ascii_text(text: str, encoding: str = "ascii") -> str:
    """Text for plain lines: common symbols spelled out in ASCII; any other character that is
    not printable ASCII kept when `encoding` holds it (the words of a Japanese or Russian chart
    in a UTF-8 file), else shown as '?'."""
    for symbol, spelled in _ASCII_SPELLINGS.items():
        text = text.replace(symbol, spelled)
    if text.isascii() and text.isprintable():
        return text
    return "".join(char if " " <= char <= "~" or _holds(encoding, char) else "?" for char in text)


def _holds(encoding: str, char: str) -> bool:
    if not char.isprintable():
        return False
    try:
        char.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


_ASCII_SPELLINGS = {
    "→": "->",
    "·": "-",
    "×": "x",
    "÷": "/",
    "−": "-",
    "–": "-",
    "—": "--",
    "…": "...",
    "\t": " ",
}


def chart_lines(
    chart: Chart, *, width: int = DEFAULT_WIDTH, unicode: bool = False, encoding: str = "ascii"
) -> list[str]:
    """The chart as plain lines, trailing spaces removed: unless `unicode`, bars in ASCII and
    text in what `encoding` holds (printable ASCII by default; see `ascii_text`)."""
    lines = [
        "".join(piece.text for piece in line).rstrip()
        for line in _lines(chart, width, unicode=unicode)
    ]
    return lines if unicode else [ascii_text(line, encoding) for line in lines]


def chart_renderable(chart: Chart, *, width: int = DEFAULT_WIDTH) -> RenderableType:
    """The chart as Rich text: block-character bars, one colour per measure."""
    from rich.console import Group
    from rich.text import Text

    from uzit_cli.output.values import inert

    texts = []
    for line in _lines(chart, width, unicode=True):
        text = Text(no_wrap=True, overflow="crop")
        for piece in line:
            text.append(inert(piece.text), style=piece.style or None)
        text.rstrip()
        texts.append(text)
    return Group(*texts)


def write_chart(chart: Chart, stream: Stream | TextIO, *, rich: bool, fenced: bool = False) -> None:
    """Write the chart after a report: Rich on a terminal, else plain ASCII lines.

    `fenced` wraps the ASCII lines in a Markdown code block, so Markdown output stays Markdown.
    """
    stream = described(stream)
    if rich:
        from uzit_cli.output.console import make_console  # NO_COLOR, COLUMNS and pipes alike

        console = make_console(stream)
        if console.encoding.lower().startswith("utf"):  # block characters need Unicode
            console.print()
            console.print(chart_renderable(chart, width=min(console.width, 100)))
            return
    lines = chart_lines(chart, encoding=getattr(stream.file, "encoding", None) or "ascii")
    if fenced:
        lines = ["```text", *lines, "```"]
    stream.file.write("\n" + "\n".join(lines) + "\n")
