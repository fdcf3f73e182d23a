"""`uzit list`: the residents, filtered, sorted and cut to the columns asked for."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated, Any

import typer

from uzit_cli.cli.common import (
    FormatOption,
    JqOption,
    NoHeaderOption,
    RegistryOption,
    WidthOption,
    emit,
    illustrative_notices,
    open_registry,
    streams_of,
    with_jq,
)
from uzit_cli.cli.filters import (
    CityOption,
    ExportsOption,
    JobsYearOption,
    JoinedBeforeOption,
    JoinedSinceOption,
    MinJobsOption,
    SearchOption,
    SectorOption,
    select_residents,
)
from uzit_cli.cli.spreadsheet_options import (
    BomOption,
    PackedYearsOption,
    WithMetaOption,
    spreadsheet_ready,
)
from uzit_cli.model import Registry, Resident
from uzit_cli.output import Column, Format, Report, View, resolve_format
from uzit_cli.query import sort_field, sort_residents
from uzit_cli.resident_columns import (
    COLUMN_NAMES,
    COLUMNS,
    DEFAULT_COLUMNS,
    RECORD_FIELDS,
    WHOLE_COLUMNS,
    resident_row,
)
from uzit_cli.words import did_you_mean, plural
from uzit_cli.year_columns import year_column

#: Rows a table shows on a terminal unless --limit is given (the rest are counted in a footer).
SCREEN_LIMIT = 50
MORE_HINT = "--limit 0 shows all, -f tsv prints them as plain text"


def columns_for(names: Sequence[str], jobs_year: int | None, so_far: bool = False) -> list[Column]:
    """The columns named, with headings for people; the jobs headings say which year, and
    `so_far` when that year had not ended at the registry's as_of."""
    return [
        Column(
            name,
            COLUMNS[name].heading(jobs_year, so_far),
            COLUMNS[name].kind,
            short_header=COLUMNS[name].short_label,
            priority=COLUMNS[name].priority,
            cut=COLUMNS[name].kind in ("text", "list") and name not in WHOLE_COLUMNS,
            whole=name in WHOLE_COLUMNS,
        )
        for name in names
    ]


def default_columns(chosen: Format) -> tuple[str, ...]:
    """Machine formats and CSV carry every field of the record (so they round-trip the
    registry); tables, Markdown and TSV (a pipe's default) show the short default columns."""
    if chosen.whole_records:
        return RECORD_FIELDS
    return DEFAULT_COLUMNS


def jobs_year_is_partial(registry: Registry, jobs_year: int | None) -> bool:
    return jobs_year is not None and jobs_year > registry.info.last_complete_year


def list_report(
    registry: Registry,
    residents: Sequence[Resident],
    *,
    columns: Sequence[str],
    jobs_year: int | None,
    filtered: bool = False,
    limit: int | None = None,
    screen_limit: int | None = SCREEN_LIMIT,
    asked: bool = False,
) -> Report:
    """The report of `residents` (already filtered and sorted), cut to `limit` rows.

    `limit` None or 0 keeps every row; `screen_limit` then caps a table on a terminal only.
    """
    matched = len(residents)
    shown = residents[:limit] if limit else residents
    exporting = sum(1 for r in residents if r.exports_to_japan)
    caption = plural(matched, "resident")
    if filtered:
        caption += f" of {len(registry.residents):,}"
    if len(shown) < matched:
        caption += f" (first {len(shown):,} shown)"
    caption += f" · {exporting:,} export{'s' if exporting == 1 else ''} to Japan"

    def rows() -> Iterator[dict[str, Any]]:
        for resident in shown:
            yield resident_row(resident, jobs_year)

    view = View(
        columns_for(columns, jobs_year, jobs_year_is_partial(registry, jobs_year)),
        rows(),
        title=f"{registry.info.title} · as of {registry.info.as_of.isoformat()}",
        caption=caption,
        screen_limit=screen_limit if limit is None else None,  # --limit, even 0, is obeyed
        more_hint=MORE_HINT,
        # Whole records leave out absent fields, so JSON and YAML paste back into a registry
        # as they are; columns asked for by name are always there (null when absent).
        omit_absent=tuple(columns) == RECORD_FIELDS,
        asked=asked,
        blocks=True,
    )
    return Report([view], notices=illustrative_notices(registry))


def parse_columns(value: str) -> tuple[str, ...]:
    """`id, Name,jobs` -> ("id", "name", "jobs"); an unknown name is a usage error."""
    names: list[str] = []
    for part in value.split(","):
        name = part.strip().lower().replace("-", "_")
        if not name:
            continue
        if name not in COLUMN_NAMES and year_column(name) is None:
            raise typer.BadParameter(
                f"unknown column {part.strip()!r}{did_you_mean(name, COLUMN_NAMES, '.')} "
                f"Valid columns: {', '.join(COLUMN_NAMES)}",
                param_hint="'--columns'",
            )
        if name not in names:
            names.append(name)
    if not names:
        raise typer.BadParameter(
            f"no column given; valid columns: {', '.join(COLUMN_NAMES)}", param_hint="'--columns'"
        )
    return tuple(names)


def _check_sort(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return sort_field(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def list_residents(
    ctx: typer.Context,
    sector: SectorOption = None,
    city: CityOption = None,
    exports_to_japan: ExportsOption = None,
    joined_since: JoinedSinceOption = None,
    joined_before: JoinedBeforeOption = None,
    search: SearchOption = None,
    min_jobs: MinJobsOption = None,
    jobs_year: JobsYearOption = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="FIELD",
            callback=_check_sort,
            help="Sort by any column (see --columns), ties by id, missing values last; "
            "default: registry order. Example: --sort jobs",
            show_default=False,
        ),
    ] = None,
    desc: Annotated[
        bool,
        typer.Option(
            "--desc",
            help="Reverse the order (largest first with --sort; missing values stay last). "
            "Example: --sort joined --desc",
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            min=0,
            help=f"Show at most N residents; 0 shows all. Without it a table on a terminal "
            f"shows the first {SCREEN_LIMIT} and says how many more there are; pipes, files "
            "and the other formats always get every row. Example: --limit 5",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            "-c",
            metavar="COL,COL,...",
            help="Columns to show, in order, in every format: a field of the record "
            f"({', '.join(RECORD_FIELDS)}), or jobs (created in the jobs year), jobs_total "
            "(all years), export_revenue (USD, in the jobs year), or one year of a year-keyed "
            "field: jobs_YEAR or export_revenue_usd_YEAR. In csv and tsv jobs_created and "
            "export_revenue_usd become one column per year (see --packed-years). "
            f"Default: {', '.join(DEFAULT_COLUMNS)} for table, "
            "markdown and tsv (the pipe default); every record field (id through note, the "
            "registry's names) for csv, json, jsonl and yaml, so they round-trip the registry. "
            "Example: --columns id,name,name_ja",
            show_default=False,
        ),
    ] = None,
    registry: RegistryOption = None,
    output_format: FormatOption = Format.auto,
    jq: JqOption = None,
    no_header: NoHeaderOption = False,
    bom: BomOption = False,
    packed_years: PackedYearsOption = False,
    meta: WithMetaOption = False,
    width: WidthOption = None,
) -> None:
    """List residents: filter, sort, pick columns, in any format.

    Filters of different kinds combine with AND; a repeated filter matches any of its
    values (OR). On a terminal the result is a table; in a pipe it is tab-separated text
    with a header row (`uzit list | cut -f1` prints the ids). In csv, json, jsonl and yaml
    every field of each record is written with the registry's field names. When nothing
    matches, a hint goes to standard error and the exit status is still 0.

    \b
    Examples:
      uzit list
      uzit list --exports-to-japan --city Tashkent --joined-since 2024 --sort jobs --desc
      uzit list --sector ai-data --sector bpo --columns id,name,name_ja
      uzit list --search sakura -f json
      uzit list -f csv > residents.csv
    """
    output_format = with_jq(output_format, jq)
    names = parse_columns(columns) if columns is not None else None
    streams = streams_of(ctx)
    data = open_registry(registry, streams.err)
    selection = select_residents(data, ctx.params, streams.err.file)
    year, filters, residents = selection.jobs_year, selection.filters, selection.residents
    if sort is not None:
        residents = sort_residents(residents, sort, descending=desc, jobs_year=year)
    elif desc:
        residents.reverse()
    if not residents:
        if data.residents:
            print(
                f"uzit: no resident matches these filters (the registry has "
                f"{plural(len(data.residents), 'resident')}; `uzit list` shows them all)",
                file=streams.err.file,
            )
        else:
            print("uzit: the registry has no residents", file=streams.err.file)
    chosen = resolve_format(output_format, streams.out)
    # One column per year in csv and tsv, --bom, --with-meta: see uzit_cli/views/tabular.py.
    ready = spreadsheet_ready(
        data, names or default_columns(chosen), chosen, bom=bom, packed=packed_years, meta=meta
    )
    report = list_report(
        data,
        residents,
        columns=ready.base_names,
        jobs_year=year,
        filtered=filters.active,
        limit=limit,
        asked=names is not None,
    )
    report = ready.finish(report, streams.out.file)
    emit(report, chosen, streams.out, header=not no_header, width=width, jq=jq)
