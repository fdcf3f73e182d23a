"""The Rich console every table and chart is drawn with: all text is data, and the colour and
width are those decided at start-up (output/streams.py), never Rich's own guess. Japanese text
is broken into lines where Japanese may break (output/wrapping.py): Rich breaks at spaces only,
and would move a whole run of Japanese to the next line."""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from uzit_cli.output.streams import Stream, described
from uzit_cli.output.wrapping import flowed, has_wide


class _Console(Console):
    def print(self, *objects: Any, **options: Any) -> None:
        """Print as Rich does, a paragraph with Japanese in it broken into lines first (not
        a question's prompt, which the answer follows on its line: `名称: `)."""
        width = options.get("width") or self.width
        if options.get("end") != "":
            objects = tuple(_flowed(item, width) for item in objects)
        super().print(*objects, **options)

    def on_broken_pipe(self) -> None:
        """Rich would exit with status 1; let the command end quietly instead (`| head`)."""
        self.quiet = True
        raise BrokenPipeError


def make_console(stream: Stream | TextIO, *, width: int | None = None) -> Console:
    """A console that treats all text as data: no markup, no emoji codes, no highlighting,
    `width` cells wide (by default the stream's), coloured only if the stream may be."""
    stream = described(stream)
    return _Console(
        file=stream.file,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        # Rich only picks the colour level (TERM, COLORTERM); whether, is the stream's answer.
        color_system="auto" if stream.colour else None,
        no_color=False if stream.colour else None,  # --color always wins over NO_COLOR
        force_terminal=stream.is_terminal or stream.colour,
        # Both sizes given: Rich would draw 80 columns on TERM=dumb (Emacs sets COLUMNS there).
        width=stream.width if width is None else width,
        height=stream.height,
    )


def _flowed(item: Any, width: int) -> Any:
    """A paragraph (a string, or text of one style) with Japanese in it in lines of `width`
    cells, broken where Japanese may break; anything else as it is, for Rich to wrap."""
    if isinstance(item, str):
        return flowed(item, width)
    if isinstance(item, Text) and not item.spans and not item.no_wrap and has_wide(item.plain):
        return item.blank_copy(flowed(item.plain, width))
    return item
