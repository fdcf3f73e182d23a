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

import io
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TextIO

from uzit_cli.problems import UzitError

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


def is_utf8(file: TextIO) -> bool:
    """Whether text written to `file` becomes UTF-8 bytes."""
    encoding = (getattr(file, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8", "utf-8-sig")


@contextmanager
def utf8(stream: Stream, what: str) -> Iterator[Stream]:
    """`stream` writing UTF-8 bytes, whatever PYTHONIOENCODING or the locale chose for it: a file
    format with a defined encoding (YAML, JSON, CSV, HTML, SVG) is never written as other text.

    A stream that is not UTF-8 is written through its binary buffer; one without a buffer (a
    text-only stream) is refused with a clear message rather than written lossily. `what` names
    the format in that message. Any command that writes such a format can use this."""
    if is_utf8(stream.file):
        yield stream
        return
    buffer = getattr(stream.file, "buffer", None)
    if buffer is None:
        encoding = getattr(stream.file, "encoding", None) or "unknown"
        raise UzitError(
            f"{what} is written in UTF-8, and this output takes {encoding} text only: "
            "write to a file, or set PYTHONIOENCODING=utf-8"
        )
    stream.file.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield replace(stream, file=wrapper)
        wrapper.flush()
    finally:
        wrapper.detach()  # the stream's buffer stays open for whatever follows
