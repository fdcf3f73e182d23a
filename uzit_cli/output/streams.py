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
- colour only on a terminal (TTY_COMPATIBLE=1, FORCE_COLOR=something or CLICOLOR_FORCE other
  than 0 count as one, TTY_COMPATIBLE=0, an empty FORCE_COLOR or CLICOLOR=0 as not), never with
  NO_COLOR (no escape at all, not even bold) nor on TERM=dumb or unknown; `--color always` or
  `never` overrides all of these (cli/common.py). Colour is for tables only: whether
  output is a table (`-f auto`) depends on `is_terminal`, which no variable changes, so piped
  TSV, CSV, JSON and YAML are never coloured.
- a pager, as git has one: when uzit runs as a program (`Streams.detect(paging=True)` in
  `cli.main`) and standard output is a terminal, output is held until it is taller than the
  screen, and then it and the rest go through $UZIT_PAGER, else $PAGER, else `less -FRX`
  (colours kept); output that fits is written as it is. An empty pager, or `cat`, means none;
  so does `uzit --no-pager` (`PagedOutput.stop_paging`). A paged table shows every row.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TextIO, cast

from uzit_cli.language import _
from uzit_cli.problems import UzitError

DEFAULT_PAGER = "less -FRX"

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

    @property
    def paged(self) -> bool:
        """Whether the output may go through a pager (which shows every row of a table)."""
        return isinstance(self.file, PagedOutput) and self.file.paging

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
    def detect(
        cls, stdout: TextIO | None = None, stderr: TextIO | None = None, *, paging: bool = False
    ) -> Streams:
        """The process's standard streams (or those given), as they are now; with `paging`,
        standard output on a terminal goes through a pager when it is taller than the screen
        and a pager is set (see the module)."""
        out = Stream.detect(sys.stdout if stdout is None else stdout)
        command = pager_command()
        if paging and out.is_terminal and command is not None:
            paged = PagedOutput(out.file, out.height, command)
            out = Stream(cast(TextIO, paged), True, out.width, out.height, out.colour)
        return cls(out, Stream.detect(sys.stderr if stderr is None else stderr))


def pager_command() -> str | None:
    """$UZIT_PAGER, else $PAGER, else `less -FRX`; None when the one set is empty or `cat`."""
    environ = os.environ
    command = environ.get("UZIT_PAGER", environ.get("PAGER", DEFAULT_PAGER)).strip()
    return None if command in ("", "cat") else command


class PagedOutput(io.TextIOBase):
    """Standard output on a terminal, held until it is taller than the screen (`height`
    lines), then sent with the rest through the pager `command` (run by the shell, as git
    runs its pager). `finish()` writes out what fits, or waits for the pager to be closed.
    A pager whose program is not found is no pager: the output is written as it is."""

    def __init__(self, file: TextIO, height: int, command: str) -> None:
        super().__init__()
        self.file = file
        self.height = max(height, 2)
        self.command = command
        self.paging = True
        self._held: list[str] = []
        self._lines = 0
        self._pager: subprocess.Popen[str] | None = None

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.file, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.file.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._pager is not None:
            assert self._pager.stdin is not None
            return self._pager.stdin.write(text)
        if not self.paging:
            return self.file.write(text)
        self._held.append(text)
        self._lines += text.count("\n")
        if self._lines >= self.height:  # one line stays for the shell's prompt
            self._start()
        return len(text)

    def _start(self) -> None:
        if not _runnable(self.command):
            self.stop_paging()
            return
        environ = dict(os.environ)
        environ.setdefault("LESS", "FRX")  # as git: quit if one screen, colours, no clearing
        try:
            self._pager = subprocess.Popen(
                self.command,
                shell=True,
                stdin=subprocess.PIPE,
                text=True,
                encoding=self.encoding,
                errors="backslashreplace",
                env=environ,
            )
        except OSError:
            self.stop_paging()
            return
        held, self._held = "".join(self._held), []
        self.write(held)

    def stop_paging(self) -> None:
        """No pager from here on (`--no-pager`): what is held is written out, and the rest
        goes straight to the terminal. Too late once a pager has started."""
        if self._pager is None and self.paging:
            self.paging = False
            held, self._held = "".join(self._held), []
            self.file.write(held)

    def flush(self) -> None:
        """Held output stays held (it may yet need the pager); the rest is flushed."""
        if self._pager is not None and self._pager.stdin is not None:
            self._pager.stdin.flush()
        elif not self.paging:
            self.file.flush()

    def finish(self) -> None:
        """The end of the output: write what was held (it fits the screen), or close the
        pager's input and wait until it is quit (Ctrl-C is the pager's, meanwhile)."""
        if self._pager is None:
            self.stop_paging()
            self.file.flush()
            return
        pager, self._pager = self._pager, None
        self.paging = False
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            assert pager.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # the pager was quit before the end
                pager.stdin.close()
            pager.wait()
        finally:
            signal.signal(signal.SIGINT, previous)


def _runnable(command: str) -> bool:
    """Whether the pager's program exists (a shell would only say so on standard error)."""
    import shlex  # only when a pager may start

    try:
        words = shlex.split(command)
    except ValueError:
        return False
    return bool(words) and shutil.which(words[0]) is not None


def finish_output(file: TextIO) -> None:
    """Flush standard output at the end of a run: a pager gets the rest, and is waited for."""
    if isinstance(file, PagedOutput):
        file.finish()
    else:
        file.flush()


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
    if environ.get("NO_COLOR", "") != "":  # https://no-color.org/
        return False
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        terminal = compatible == "1"
    elif "FORCE_COLOR" in environ:  # https://force-color.org/
        terminal = environ["FORCE_COLOR"] != ""
    elif environ.get("CLICOLOR_FORCE", "0") != "0":  # https://bixense.com/clicolors/
        terminal = True
    elif environ.get("CLICOLOR") == "0":
        terminal = False
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
            _(
                "{format} is written in UTF-8, and this output takes {encoding} text only: "
                "write to a file, or set PYTHONIOENCODING=utf-8"
            ).format(format=what, encoding=encoding)
        )
    stream.file.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield replace(stream, file=wrapper)
        wrapper.flush()
    finally:
        wrapper.detach()  # the stream's buffer stays open for whatever follows
