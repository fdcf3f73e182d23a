"""Rich tables for people. Imported only when a table is drawn: machine formats never load Rich."""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from uzit_cli.output.report import Report, View
from uzit_cli.output.values import display_text, inert
from uzit_cli.output.writers import people_columns

WIDE = 100_000  # a table written to a file or pipe is never wrapped or cut


def make_console(stream: TextIO) -> Console:
    """A console that treats all text as data: no markup, no emoji codes, no highlighting."""
    terminal = stream.isatty()
    return Console(
        file=stream,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        width=None if terminal else WIDE,
    )


def write_tables(report: Report, stream: TextIO) -> None:
    console = make_console(stream)
    unicode = console.encoding.lower().startswith("utf")
    for notice in report.notices:
        console.print(Text(inert(notice), style="bold yellow"))
    for index, view in enumerate(report.views):
        if index:
            console.print()
        console.print(_table(view, unicode=unicode))


def _table(view: View, *, unicode: bool) -> Table:
    table = Table(
        title=Text(inert(view.title), style="bold") if view.title else None,
        caption=Text(inert(view.caption)) if view.caption else None,
        box=box.SIMPLE_HEAD if unicode else box.ASCII2,
        header_style="bold",
        title_justify="left",
        caption_justify="left",
        pad_edge=False,
    )
    columns = people_columns(view)
    for column in columns:
        table.add_column(
            Text(column.header),
            justify="right" if column.numeric else ("center" if column.kind == "bool" else "left"),
            overflow="fold",
        )
    for row in view.rows:
        table.add_row(
            *(
                _cell(
                    display_text(row.get(column.key), column, unicode=unicode), row.get(column.key)
                )
                for column in columns
            )
        )
    return table


def _cell(text: str, value: object) -> Text:
    if value is None:
        return Text(text, style="dim")
    if value is True:
        return Text(text, style="green")
    if value is False:
        return Text(text, style="red")
    return Text(text)
