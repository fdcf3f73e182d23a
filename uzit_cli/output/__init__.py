"""The one output layer: every command describes a `Report`; `write_report` renders any format.

Kept free of CLI code (no Typer here) so it can be tested and reused as plain functions.
"""

from uzit_cli.output.report import Column, Format, Report, View
from uzit_cli.output.writers import is_terminal, resolve_format, write_report

__all__ = [
    "Column",
    "Format",
    "Report",
    "View",
    "is_terminal",
    "resolve_format",
    "write_report",
]
