"""The Rich console every table and chart is drawn with: all text is data, colour and width
decided in one place."""

from __future__ import annotations

import os
import shutil
from typing import TextIO

from rich.console import Console

from uzit_cli.output.writers import is_terminal

FILE_WIDTH = 120  # a table written to a file or pipe, unless $COLUMNS or --width says


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


def file_width() -> int:
    """The width of a table written to a file or pipe: $COLUMNS when set, else FILE_WIDTH."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return FILE_WIDTH
    return columns if columns > 0 else FILE_WIDTH
