"""A table too wide for its width drawn as one block per row, `label  value` a line, as
`uzit show` prints a resident."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from uzit_cli.output import layout
from uzit_cli.output.report import Column
from uzit_cli.output.values import header_text, inert
from uzit_cli.output.wrapping import TEXT_KINDS, URL, wrap


def draw_blocks(
    columns: Sequence[Column],
    cells: Sequence[Sequence[Text]],
    width: int,
) -> RenderableType:
    """One block per row: empty values left out, text wrapped beside its label, and a whole
    value (an id, a number, a URL) that does not fit beside its label on a line of its own,
    never broken: one longer than the line is written as one line for the terminal to wrap,
    so that copying it gives the whole value (a working link). Print it with `crop=False`."""
    labels = [_label(header_text(column)) for column in columns]
    label_width = min(max((cell_len(label) for label in labels), default=0), width // 3)
    room = max(width - label_width - layout.GAP, 1)
    lines: list[Text] = []
    for number, row_cells in enumerate(cells):
        if number:
            lines.append(Text(""))
        for column, label, cell in zip(columns, labels, row_cells, strict=True):
            if cell.style == "dim" and cell.plain in ("—", "-", ""):
                continue
            label = layout.shorten(label, label_width, measure=cell_len)
            start = Text(label + " " * (label_width + layout.GAP - cell_len(label)), style="bold")
            whole = column.whole or column.kind not in TEXT_KINDS
            if whole and cell_len(cell.plain) > room:
                lines.append(Text(label, style="bold"))
                lines.append(Text(cell.plain, style=cell.style, no_wrap=True, overflow="ignore"))
                continue
            parts = [cell.plain] if whole else wrap(cell.plain, room)
            for index, part in enumerate(parts):
                if cell_len(part) > room and URL.fullmatch(part):
                    # a URL wider than the room beside the label: on a line of its own, not
                    # indented, so that one that fits the line is never wrapped by the terminal
                    if not index:
                        lines.append(Text(label, style="bold"))
                    lines.append(Text(part, style=cell.style, no_wrap=True, overflow="ignore"))
                    continue
                prefix = start if not index else Text(" " * (label_width + layout.GAP))
                line = Text.assemble(prefix, Text(part, style=cell.style))
                line.no_wrap, line.overflow = True, "ignore"  # wrapped above; a URL stays whole
                lines.append(line)
    return Group(*lines)


def _label(header: str) -> str:
    return inert(" ".join(header.split()))
