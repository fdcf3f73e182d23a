"""The one output layer: every command describes a `Report`; `write_report` renders any format
to a `Stream` (output/streams.py: a file, and whether it is a terminal, its width, colour).

Kept free of CLI code (no Typer here) so it can be tested and reused as plain functions.
"""

from uzit_cli.output.report import Column, Format, Report, View
from uzit_cli.output.streams import Stream, Streams
from uzit_cli.output.writers import resolve_format, write_report

__all__ = [
    "Column",
    "Format",
    "Report",
    "Stream",
    "Streams",
    "View",
    "resolve_format",
    "write_report",
]
