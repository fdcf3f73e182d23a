"""Standard output and standard error, and what uzit decides about them once, at start-up.

As httpie's `Environment` and gh's `IOStreams` do: whether each stream is a terminal, the
width a table is fitted to and whether it is coloured are worked out here, when uzit starts
(`Streams.detect()` in `cli.run`), and the output layer and the commands read those answers
instead of asking `sys.stdout` again. Commands find them in Typer's `ctx.obj`
(`cli.common.streams_of`).

A test builds its own and passes it to `cli.run(argv, streams=...)`: with
`Stream(io.StringIO(), is_terminal=True, width=60)` a StringIO is a 60-column terminal, and
`Stream.detect(file, terminal=True)` one whose width and colour come from the environment as
they would at start-up (see `tests/conftest.py`, `invoke(..., terminal=60)`).

The rules, which are those Rich and the code applied before they were gathered here:

- a stream is a terminal when its `isatty()` says so (a closed stream is not);
- a table on a terminal is fitted to $COLUMNS, else the terminal's size (`shutil`), else 80;
  in a file or pipe to $COLUMNS, else FILE_WIDTH;
- colour only on a terminal (TTY_COMPATIBLE=1 or FORCE_COLOR=something count as one,
  TTY_COMPATIBLE=0 or an empty FORCE_COLOR as not), never with NO_COLOR (no escape at all, not
  even bold) nor on TERM=dumb or unknown.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from typing import TextIO

FILE_WIDTH = 120  # a table written to a file or pipe, unless $COLUMNS or --width says
FILE_LINES = 25


@dataclass(frozen=True)
class Stream:
    """One output stream and what was decided about it. `width` and `height` are the size a
    table or chart is fitted to (unless --width says); `colour` whether it may be coloured."""

    file: TextIO
    is_terminal: bool = False
    width: int = FILE_WIDTH
    height: int = FILE_LINES
    colour: bool = False

    @classmethod
    def detect(cls, file: TextIO, *, terminal: bool | None = None) -> Stream:
        """`file` as it is now, in this process's environment (see the module's rules).
        `terminal` overrides what `file.isatty()` says: a test's StringIO stands in for a
        terminal, and $COLUMNS gives its width."""
        if terminal is None:
            terminal = _isatty(file)
        if terminal:
            size = shutil.get_terminal_size()
        else:
            size = os.terminal_size((file_width(), FILE_LINES))
        return cls(file, terminal, size.columns, size.lines, colour=_coloured(terminal))


@dataclass(frozen=True)
class Streams:
    """Standard output (`out`) and standard error (`err`)."""

    out: Stream
    err: Stream

    @classmethod
    def detect(cls, stdout: TextIO | None = None, stderr: TextIO | None = None) -> Streams:
        """The process's standard streams (or those given), as they are now."""
        return cls(
            Stream.detect(sys.stdout if stdout is None else stdout),
            Stream.detect(sys.stderr if stderr is None else stderr),
        )


def described(stream: Stream | TextIO) -> Stream:
    """`stream` as a Stream: a bare file (the output layer used as a library) is detected as
    it is now. The CLI always passes the Streams it decided on at start-up."""
    return stream if isinstance(stream, Stream) else Stream.detect(stream)


def file_width() -> int:
    """The width of a table written to a file or pipe: $COLUMNS when set, else FILE_WIDTH."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return FILE_WIDTH
    return columns if columns > 0 else FILE_WIDTH


def _isatty(file: TextIO) -> bool:
    try:
        return file.isatty()
    except (AttributeError, ValueError):
        return False


def _coloured(terminal: bool) -> bool:
    environ = os.environ
    if environ.get("NO_COLOR", "") != "":
        return False
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        terminal = compatible == "1"
    elif "FORCE_COLOR" in environ:  # https://force-color.org/
        terminal = environ["FORCE_COLOR"] != ""
    return terminal and environ.get("TERM", "").lower() not in ("dumb", "unknown")
