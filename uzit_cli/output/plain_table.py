"""A table for a file or pipe, drawn as plain lines instead of through Rich's renderer.

`uzit list -f table > file` of 10,000 residents spent most of its time in Rich laying out cells
that table.py had already fitted to their widths (issue 19: 5-9x the time of TSV). Where every
column has its width and every cell line fits it, these lines are exactly what Rich draws for
the same table (box SIMPLE_HEAD without edges, one space of right padding, a space between
columns); `plain_lines` returns None for anything else, and Rich draws it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

GAP = "  "  # a cell's right padding, then the box's column separator


class _NotPlain(Exception):
    """A cell that plain lines cannot draw as Rich would: Rich draws the table."""


def plain_lines(table: Table, rule: str = "─") -> list[str] | None:
    """The table's lines (trailing spaces included), or None where Rich must draw it."""
    columns = table.columns
    widths = [column.width for column in columns]
    if not columns or any(width is None for width in widths):
        return None
    sized = [int(width or 0) for width in widths]
    justify = [column.justify for column in columns]
    cells = [list(column.cells) for column in columns]
    try:
        lines = _row([column.header for column in columns], sized, justify, bottom=True)
        lines.append(rule * (sum(sized) + len(GAP) * (len(sized) - 1)))
        for index, row in enumerate(table.rows):
            lines.extend(_row([cell[index] for cell in cells], sized, justify))
            if row.end_section and index < len(table.rows) - 1:
                lines.append("")
    except _NotPlain:
        return None
    return lines


def _row(
    cells: Sequence[object], widths: Sequence[int], justify: Sequence[str], *, bottom: bool = False
) -> list[str]:
    """One row's lines; a header row is aligned to the bottom, as Rich aligns it."""
    blocks = [
        _cell(cell, width, how) for cell, width, how in zip(cells, widths, justify, strict=True)
    ]
    height = max((len(block) for block in blocks), default=0)
    padded = [
        ([" " * width] * (height - len(block)) + block) if bottom else block
        for block, width in zip(blocks, widths, strict=True)
    ]
    return [
        GAP.join(
            block[i] if i < len(block) else " " * width
            for block, width in zip(padded, widths, strict=True)
        )
        for i in range(height)
    ]


def _cell(cell: object, width: int, justify: str) -> list[str]:
    if isinstance(cell, Text):
        text = cell.plain
    elif isinstance(cell, str):
        text = cell
    else:
        raise _NotPlain
    lines = []
    for line in (piece for whole in text.split("\n") for piece in _wrapped(whole, width)):
        excess = width - cell_len(line)
        if justify == "right":
            lines.append(" " * excess + line)
        elif justify == "center":
            left = excess // 2
            lines.append(" " * left + line + " " * (excess - left))
        else:
            lines.append(line + " " * excess)
    return lines


def _wrapped(line: str, width: int) -> list[str]:
    """A line wrapped at single spaces as Rich wraps it (greedily); a word wider than the
    column, or any other spacing, is left to Rich."""
    if cell_len(line) <= width:
        return [line]
    words = line.split(" ")
    if "\t" in line or "" in words or any(cell_len(word) > width for word in words):
        raise _NotPlain
    lines, current = [], words[0]
    for word in words[1:]:
        if cell_len(current) + 1 + cell_len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    return [*lines, current]
