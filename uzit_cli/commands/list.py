"""`uzit list`: the residents, filtered, sorted and cut to the columns asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated

import typer

from uzit_cli.cli.common import (
    OutputOptions,
    RegistryOptions,
    described,
    emit,
    help_with,
    streams_of,
)
from uzit_cli.cli.filters import FilterOptions
from uzit_cli.cli.option_groups import Completes, takes_groups
from uzit_cli.cli.spreadsheet_options import (
    PackedYearsOption,
    WithMetaOption,
    spreadsheet_ready,
)
from uzit_cli.language import N_, _, _n
from uzit_cli.model import Resident
from uzit_cli.numbers import whole
from uzit_cli.output.streams import Stream
from uzit_cli.output.writers import formats_where
from uzit_cli.problems import UzitError
from uzit_cli.query import sort_field, sort_residents
from uzit_cli.resident_columns import COLUMN_NAMES, DEFAULT_COLUMNS, RECORD_FIELDS
from uzit_cli.views.residents import default_columns, list_report
from uzit_cli.words import closest
from uzit_cli.year_columns import all_year_columns, per_year_help, year_column


def parse_columns(
    value: str, residents: Callable[[], Sequence[Resident] | None] = lambda: None
) -> tuple[str, ...]:
    """`id, Name,jobs` -> ("id", "name", "jobs"); an unknown name is a usage error, which
    names every column: the per-year ones with the years that `residents()` (the registry's,
    read only then; None when it cannot be read) report."""
    names: list[str] = []
    for part in value.split(","):
        name = part.strip().lower().replace("-", "_")
        if not name:
            continue
        if name not in COLUMN_NAMES and year_column(name) is None:
            known = residents()
            per_year = all_year_columns(known) if known is not None else ()
            suggestion = closest(name, (*COLUMN_NAMES, *per_year))
            message = (
                _("unknown column {column}. Valid columns: {columns}; one per year: {years}")
                if suggestion is None
                else _(
                    "unknown column {column}; did you mean {suggestion}? Valid columns: "
                    "{columns}; one per year: {years}"
                )
            )
            raise typer.BadParameter(
                message.format(
                    column=repr(part.strip()),
                    suggestion=f"'{suggestion}'",
                    columns=", ".join(COLUMN_NAMES),
                    years=per_year_help(known),
                ),
                param_hint="'--columns'",
            )
        if name not in names:
            names.append(name)
    if not names:
        raise typer.BadParameter(
            _("no column given; valid columns: {columns}; one per year: {years}").format(
                columns=", ".join(COLUMN_NAMES), years=per_year_help(residents())
            ),
            param_hint="'--columns'",
        )
    return tuple(names)


def _residents_if_readable(source: RegistryOptions, err: Stream) -> Sequence[Resident] | None:
    """The registry's residents, for a message about --columns; None when it cannot be read
    (its problems are reported when the columns are right)."""
    try:
        return source.open(err).residents
    except UzitError:
        return None


def _check_sort(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return sort_field(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@described(
    N_(
        """\
List residents: filter, sort, pick columns, in any format.

Filters of different kinds combine with AND; a repeated filter matches any of its
values (OR). On a terminal the result is a table; in a pipe it is tab-separated text
with a header row (`uzit list | cut -f1` prints the ids). In csv, json, jsonl and yaml
every field of each record is written with the registry's field names. When nothing
matches, a hint goes to standard error and the exit status is still 0.

\b
Examples:
  uzit list
  uzit list --exports-to-japan --joined-since 2024 --sort jobs --desc
  uzit list --sector ai-data --sector bpo --columns id,name,name_ja
  uzit list --search sakura -f json
  uzit list -f csv > residents.csv"""
    )
)
@takes_groups
def list_residents(
    ctx: typer.Context,
    filters: FilterOptions,
    source: RegistryOptions,
    output: OutputOptions,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="FIELD",
            callback=_check_sort,
            help=N_(
                "Sort by any column (see --columns), ties by id, missing values last; "
                "default: registry order. Example: --sort jobs"
            ),
            show_default=False,
        ),
        Completes("sort_fields"),
    ] = None,
    desc: Annotated[
        bool,
        typer.Option(
            "--desc",
            help=N_(
                "Reverse the order (largest first with --sort; missing values stay last). "
                "Example: --sort joined --desc"
            ),
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            min=0,
            help=N_(
                "Show at most N residents; 0 shows all. Without it a table on a terminal shows "
                "the first 50 and says how many more there are; pipes, files and the other "
                "formats always get every row. Example: --limit 5"
            ),
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            "-c",
            metavar="COL,COL,...",
            help=help_with(
                N_(
                    "Columns to show, in order, in every format: a field of the record "
                    "({fields}), or jobs (created in the jobs year), jobs_total (all years), "
                    "export_revenue (USD, in the jobs year), or one year of a year-keyed field: "
                    "{per_year}. In csv and tsv jobs_created and "
                    "export_revenue_usd become one column per year (see --packed-years). "
                    "Default: {defaults} for table, markdown and tsv (the pipe default); every "
                    "record field (id through note, the registry's names) for {whole}, so they "
                    "round-trip the registry. Example: --columns id,name,name_ja"
                ),
                fields=lambda: ", ".join(RECORD_FIELDS),
                defaults=lambda: ", ".join(DEFAULT_COLUMNS),
                whole=lambda: formats_where(whole_records=True),
                per_year=lambda: per_year_help(None),
            ),
            show_default=False,
        ),
        Completes("column_list"),
    ] = None,
    packed_years: PackedYearsOption = False,
    meta: WithMetaOption = False,
) -> None:
    streams = streams_of(ctx)
    names = None
    if columns is not None:
        names = parse_columns(columns, lambda: _residents_if_readable(source, streams.err))
    data = source.open(streams.err)
    selection = filters.select(data, streams.err.file)
    year, residents = selection.jobs_year, selection.residents
    if sort is not None:
        residents = sort_residents(residents, sort, descending=desc, jobs_year=year)
    elif desc:
        residents.reverse()
    if not residents:
        if data.residents:
            total = len(data.residents)
            none = _n(
                "uzit: no resident matches these filters (the registry has {count} resident; "
                "`uzit list` shows them all)",
                "uzit: no resident matches these filters (the registry has {count} residents; "
                "`uzit list` shows them all)",
                total,
            )
            print(none.format(count=whole(total)), file=streams.err.file)
        else:
            print(_("uzit: the registry has no residents"), file=streams.err.file)
    chosen = output.chosen(streams.out)
    # One column per year in csv and tsv, --bom, --with-meta: see uzit_cli/tabular.py.
    ready = spreadsheet_ready(
        data,
        names or default_columns(chosen),
        chosen,
        bom=output.bom,
        packed=packed_years,
        meta=meta,
    )
    report = list_report(
        data,
        residents,
        columns=ready.base_names,
        jobs_year=year,
        filtered=selection.filters.active,
        limit=limit,
        asked=names is not None,
    )
    report = ready.finish(report, streams.out.file)
    emit(report, chosen, streams.out, header=not output.no_header, width=output.width, jq=output.jq)
