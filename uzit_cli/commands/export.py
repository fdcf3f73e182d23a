"""`uzit export FILE`: the registry as an Excel workbook or a SQLite database (issue 17)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.cli.common import ForceOption, RegistryOptions, described, streams_of
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.language import N_, _, _n
from uzit_cli.numbers import date, whole
from uzit_cli.output.values import inert
from uzit_cli.problems import UsageError
from uzit_cli.writing import replacing

WORKBOOK_SUFFIXES = (".xlsx",)
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


@described(
    N_(
        """\
Export the registry to an Excel workbook or a SQLite database, for a spreadsheet or SQL.

The workbook has the sheets Residents (one column per jobs year, dates as dates,
booleans as TRUE/FALSE), Sources, Figures (the headline figures of `uzit stats`),
Published (the published figures and the computed ones), Targets, one "Projection NAME"
per scenario of `uzit project`, and About (as_of, title, the illustrative notice, the
uzit version). Registry text is always written as text, never as a formula. The
database has the tables residents, resident_sectors, jobs_created (resident_id, year,
jobs), export_revenue_usd, export_markets, sources, resident_sources, published, targets
and meta, with primary and foreign keys. `uzit import` reads the workbook back.

\b
Examples:
  uzit export residents.xlsx
  uzit export residents.sqlite --force
  sqlite3 residents.sqlite 'select sum(jobs) from jobs_created'"""
    )
)
@takes_groups
def export(
    ctx: typer.Context,
    source: RegistryOptions,
    file_name: Annotated[
        str,  # not Path: uzit converts str options itself, without pydantic (see coercion.py)
        typer.Argument(
            metavar="FILE",
            help=N_(
                "The file to write; its suffix picks the kind: .xlsx (Excel workbook) or "
                ".sqlite, .sqlite3, .db (SQLite database). Example: residents.xlsx"
            ),
            show_default=False,
        ),
    ],
    force: ForceOption = False,
) -> None:
    file = Path(file_name)
    streams = streams_of(ctx)
    suffix = file.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + DATABASE_SUFFIXES:
        raise UsageError(
            _(
                "cannot tell what to write from '{file}': name it .xlsx for a workbook, "
                ".sqlite or .db for a database"
            ).format(file=file.name)
        )
    from uzit_cli.exchange import (
        export as core,  # openpyxl, stats and projection: only when exporting
    )

    writer = core.write_workbook if suffix in WORKBOOK_SUFFIXES else core.write_sqlite
    with replacing(file, force=force, reading=source.path) as temporary:  # refuses FILE first
        data = source.open(streams.err)
        left_out = writer(data, temporary)
    for reason in left_out:  # the About sheet says it too
        print(_("uzit: warning: {message}").format(message=inert(reason)), file=streams.err.file)
    count = len(data.residents)
    if data.info.illustrative:
        wrote = _n(
            "uzit: wrote {file} ({count} resident, illustrative, as of {date})",
            "uzit: wrote {file} ({count} residents, illustrative, as of {date})",
            count,
        )
    else:
        wrote = _n(
            "uzit: wrote {file} ({count} resident, as of {date})",
            "uzit: wrote {file} ({count} residents, as of {date})",
            count,
        )
    shown = wrote.format(file=file, count=whole(count), date=date(data.info.as_of))
    print(shown, file=streams.err.file)
