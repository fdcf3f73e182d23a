"""`uzit import FILE -o registry.yaml`: a workbook from `uzit export` back as a registry; and
`uzit import FILE.csv --merge registry.yaml`: any sheet of residents merged into a registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TextIO

import typer

from uzit_cli.cli.common import ForceOption, OutputClosed, described, streams_of
from uzit_cli.cli.edit_session import DryRunOption, finish
from uzit_cli.language import N_, _, _n
from uzit_cli.numbers import date, whole
from uzit_cli.output.streams import utf8
from uzit_cli.output.values import inert
from uzit_cli.problems import UsageError
from uzit_cli.writing import replacing


@described(
    N_(
        """\
Read a workbook written by `uzit export` back into a registry file, or merge any sheet
of residents (CSV, TSV or .xlsx) into a registry, after checking the result with every
rule of `uzit validate` (nothing is written when a rule fails, exit 1).

A workbook of `uzit export`: the sheets Residents (jobs_YEAR columns become
jobs_created), Sources, Published, Targets and About are read by their header names;
Figures and the projections are computed, so edits there are ignored. Lists are
comma-separated cells.

Any other table (--merge): the columns are matched to fields by name, case and spacing
ignored, with common aliases, and --map for the rest; a column that names no field is
ignored, and said so. Dates may be date cells, Excel serials, 2025-02-28, 2025/02/28 or
28.02.2025; 02/03/2025 is refused as ambiguous. Every problem names the row, the column
and the cell.

\b
Examples:
  uzit export residents.xlsx
  uzit import residents.xlsx -o registry.yaml
  uzit import colleagues.csv --merge registry.yaml --dry-run
  uzit import list.xlsx --merge registry.yaml --map 'Company Name=name'"""
    )
)
def import_workbook(
    ctx: typer.Context,
    file_name: Annotated[
        str,  # not Path: uzit converts str options itself, without pydantic (see coercion.py)
        typer.Argument(
            metavar="FILE",
            help=N_(
                "An .xlsx workbook written by `uzit export` (edited or not), or with --merge "
                "any .csv, .tsv or .xlsx table of residents. Example: residents.xlsx"
            ),
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help=N_(
                "The registry file to write from a workbook of `uzit export` ('-' writes "
                "standard output). An existing file is replaced only with --force. "
                "Example: -o registry.yaml"
            ),
            show_default=False,
        ),
    ] = None,
    merge: Annotated[
        str | None,
        typer.Option(
            "--merge",
            metavar="REGISTRY",
            help=N_(
                "Merge the table's residents into this registry, in place: a row updates the "
                "resident of its id (of its name where there is no id column), its empty cells "
                "leave fields as they are; other rows are added. Comments and layout are kept. "
                "Example: --merge registry.yaml"
            ),
            show_default=False,
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            metavar="HEADER=FIELD,...",
            help=N_(
                "The field of each column whose header uzit does not know (headers are "
                "matched ignoring case and spacing, with common aliases such as company, 会社名, "
                "city/region). Example: --map 'Company Name=name,Date joined=joined'"
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    force: ForceOption = False,
) -> None:
    file = Path(file_name)
    streams = streams_of(ctx)
    from uzit_cli.exchange import importing  # openpyxl: only when importing

    if (output is None) == (merge is None):
        raise UsageError(
            _(
                "give -o PATH (a registry from a workbook of `uzit export`) or --merge REGISTRY "
                "(a table's residents into a registry)"
            )
            if output is None
            else _("give -o or --merge, not both")
        )
    try:
        columns = importing.parse_map(mapping) if mapping else None
    except ValueError as error:
        raise UsageError(_("--map: {error}").format(error=error)) from None
    suffix = file.suffix.lower()
    if suffix not in importing.TABLE_SUFFIXES:
        raise UsageError(
            _("cannot tell how to read '{file}': name it .xlsx, .csv or .tsv").format(
                file=file.name
            )
        )
    if merge == "-":  # the editing commands' own message names -r, which import has not
        raise UsageError(
            _(
                "--merge takes a registry file: standard input cannot be edited in place; "
                "merge into a copy: --merge copy.yaml"
            )
        )
    if merge is not None:
        _merge(ctx, file, merge, columns, dry_run=dry_run)
        return
    assert output is not None
    if dry_run:
        raise UsageError(_("--dry-run goes with --merge; -o writes a new file"))
    if suffix not in (".xlsx", ".xlsm") or not importing.is_uzit_workbook(file):
        raise UsageError(
            _(
                "{file} is a table of residents, not a workbook of `uzit export` (no sheets "
                "Residents, Sources and About): merge its residents into a registry with "
                "--merge REGISTRY"
            ).format(file=file.name)
        )
    if output == "-":
        imported = importing.import_workbook(file, columns)
        text = importing.registry_yaml(imported.document, file.name)
        importing.checked(text, file.name, imported)
        _tell_ignored(imported.ignored, streams.err.file)
        try:
            with utf8(streams.out, "YAML") as out:  # a registry is UTF-8 whatever the locale
                out.file.write(text)
                out.file.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        return
    # refuses an existing file, or the workbook itself, before reading anything
    with replacing(Path(output), force=force, reading=file_name) as temporary:
        imported = importing.import_workbook(file, columns)
        text = importing.registry_yaml(imported.document, file.name)
        registry = importing.checked(text, file.name, imported)
        temporary.write_text(text, encoding="utf-8")
    _tell_ignored(imported.ignored, streams.err.file)
    count = len(registry.residents)
    wrote = _n(
        "uzit: wrote {file} ({count} resident, as of {date}); it passes `uzit validate`",
        "uzit: wrote {file} ({count} residents, as of {date}); it passes `uzit validate`",
        count,
    )
    as_of = date(registry.info.as_of)
    print(wrote.format(file=output, count=whole(count), date=as_of), file=streams.err.file)


def _merge(
    ctx: typer.Context,
    file: Path,
    into: str,
    columns: dict[str, str] | None,
    *,
    dry_run: bool,
) -> None:
    from uzit_cli.cli.edit_session import open_for_editing
    from uzit_cli.exchange import importing

    document = open_for_editing(into)
    table = importing.read_table(file)
    merged, imported = importing.merge_table(document, table, columns)
    _tell_ignored(imported.ignored, streams_of(ctx).err.file)
    updated = len(merged.updated)
    done = _("merged {file}: {updated} updated, {added} added, {unchanged} as they were").format(
        file=file.name,
        updated=_n("{count} resident", "{count} residents", updated).format(count=whole(updated)),
        added=whole(len(merged.added)),
        unchanged=whole(merged.unchanged),
    )
    finish(ctx, document, dry_run=dry_run, done=done)


def _tell_ignored(ignored: list[str], err: TextIO) -> None:
    for line in ignored:
        print(_("uzit: warning: {message}; ignored").format(message=inert(line)), file=err)
