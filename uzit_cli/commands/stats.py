"""`uzit stats`: the summary people quote, checked against the published figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, TextIO

import typer

from uzit_cli.cli.common import (
    FormatOption,
    NoHeaderOption,
    RegistryOption,
    WidthOption,
    emit,
    illustrative_notices,
    open_registry,
    streams_of,
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
from uzit_cli.model import Registry, Resident
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.stats import (
    BREAKDOWNS,
    Check,
    GroupRow,
    Summary,
    breakdown,
    breakdown_caption,
    breakdown_total,
    breakdown_years,
    check_published,
    group_document,
    mismatch_message,
    summarize,
    summary_document,
)
from uzit_cli.words import plural

SUMMARY_COLUMNS = (
    Column("figure", "Figure", audience="people"),
    Column("metric", "metric", audience="machines"),
    Column("year", "Year"),
    Column("value", "value", "number", audience="machines"),
    Column("shown", "Value", audience="people"),
    Column("published", "published", "int", audience="machines"),
    Column("source", "source", audience="machines"),
)

CHECK_COLUMNS = (
    Column("figure", "Figure", audience="people"),
    Column("metric", "metric", audience="machines"),
    Column("year", "Year"),
    Column("as_of", "As of", "date"),
    Column("published", "Published", "int"),
    Column("computed", "Computed", "int"),
    Column("matches", "Matches", "bool"),
    Column("source", "Source", whole=True, priority=2),  # left out first when narrow
)

GROUP_HEADERS = {
    "city": "City",
    "sector": "Sector",
    "joined-year": "Joined",
    "exports-to-japan": "Exports to Japan",
}


#: A group's label as people read it, where the machine label is not a word: the breakdown by
#: exports-to-japan groups by a boolean, which machine formats keep as true/false.
PEOPLE_GROUP_LABELS = {"exports-to-japan": {"true": "yes", "false": "no"}}


def _percent(share: float) -> str:
    return f"{share * 100:.1f} %"


#: The label of each metric, in the summary and in the published-figures table alike.
LABELS = {
    "residents": "Residents",
    "exporting_to_japan": "Exporting to Japan",
    "jobs_created": "Jobs created",
    "jobs_created_total": "Jobs created, all years",
    "mean_jobs_per_job_creator": "Mean jobs per job-creating resident",
    "median_jobs_per_job_creator": "Median jobs per job-creating resident",
    "headcount_total": "Headcount",
    "joined": "Joined",
    "export_revenue_usd": "Export revenue (USD)",
}


def _row(
    metric: str, value: Any, shown: str, year: int | None = None, *, so_far: bool = False
) -> dict[str, Any]:
    """One figure: `so_far` marks a year that had not ended at the registry's as_of."""
    return {
        "figure": LABELS[metric] + (", so far" if so_far else ""),
        "metric": metric,
        "year": str(year) if year is not None else None,
        "value": value,
        "shown": shown,
        "published": None,
        "source": None,
    }


def summary_rows(
    summary: Summary, last_complete_year: int, checks: Sequence[Check] = ()
) -> list[dict[str, Any]]:
    """The headline as figure/value rows: readable in a table, long-format in TSV and CSV.
    Each figure that a source published carries the published value and the source's id."""
    s = summary
    rows = [
        _row("residents", s.residents, f"{s.residents:,}"),
        _row(
            "exporting_to_japan",
            s.exporting_to_japan,
            f"{s.exporting_to_japan:,} ({_percent(s.exporting_to_japan_share)})",
        ),
    ]
    for year, jobs in s.jobs_created.items():
        creators = s.job_creators_by_year.get(year, 0)
        shown = f"{jobs:,} (by {plural(creators, 'resident')})"
        rows.append(_row("jobs_created", jobs, shown, year, so_far=year > last_complete_year))
    rows.append(_row("jobs_created_total", s.jobs_created_total, f"{s.jobs_created_total:,}"))
    if s.jobs_year is not None:  # with no job creators that year (asked for), say so
        for metric, value in (
            ("mean_jobs_per_job_creator", s.mean_jobs_per_job_creator),
            ("median_jobs_per_job_creator", s.median_jobs_per_job_creator),
        ):
            shown = f"{value:,.1f}" if value is not None else f"— (no jobs in {s.jobs_year})"
            rows.append(_row(metric, value, shown, s.jobs_year, so_far=s.jobs_year_partial))
    headcount = (
        f"{s.headcount_total:,} ({s.headcount_reported:,} of {s.residents:,} report it)"
        if s.headcount_reported
        else "not reported"
    )
    value = s.headcount_total if s.headcount_reported else None
    rows.append(_row("headcount_total", value, headcount))
    for year, joined in s.joined_by_year.items():
        total = s.cumulative_by_year.get(year, 0)
        so_far = year > last_complete_year
        when = "so far" if so_far else "by the year's end"
        shown = f"{joined:,} ({total:,} {when})"
        rows.append(_row("joined", joined, shown, year, so_far=so_far))
    for year, revenue in s.export_revenue_usd.items():
        reporting = s.export_revenue_reported.get(year, 0)
        shown = f"{revenue:,.0f} ({plural(reporting, 'resident')} report it)"
        so_far = year > last_complete_year
        rows.append(_row("export_revenue_usd", revenue, shown, year, so_far=so_far))
    _trace_published(rows, checks)
    return rows


def _trace_published(rows: list[dict[str, Any]], checks: Sequence[Check]) -> None:
    """Put each published figure beside the computed one it states (for TSV and CSV)."""
    by_figure = {(row["metric"], row["year"]): row for row in rows}
    for check in checks:
        row = by_figure.get((check.metric, str(check.year) if check.year is not None else None))
        if row is not None and row["published"] is None:
            row["published"], row["source"] = check.published, check.source


def check_rows(checks: Sequence[Check]) -> list[dict[str, Any]]:
    return [
        {
            "figure": LABELS[check.metric],
            "metric": check.metric,
            "year": str(check.year) if check.year is not None else None,
            "as_of": check.as_of,
            "published": check.published,
            "computed": check.computed,
            "matches": check.matches,
            "source": check.source,
        }
        for check in checks
    ]


def summary_report(
    registry: Registry, summary: Summary, checks: list[Check] | None, selected: int
) -> Report:
    info = registry.info
    total = len(registry.residents)
    scope = (
        "" if checks is not None else f" · filtered: {selected:,} of {plural(total, 'resident')}"
    )
    views = [
        View(
            SUMMARY_COLUMNS,
            summary_rows(summary, info.last_complete_year, checks or ()),
            title=f"{info.title} · as of {info.as_of}{scope}",
            caption="Computed from the records; uzit stats --by city breaks it down.",
        )
    ]
    if checks is not None and checks:
        reproduced = sum(check.matches for check in checks)
        views.append(
            View(
                CHECK_COLUMNS,
                check_rows(checks),
                title="Published figures",
                caption=f"{reproduced} of {len(checks)} reproduced by the records",
            )
        )
    notices = list(illustrative_notices(registry))
    if checks is None and info.published:
        notices.append(
            "Filters are active: the published-figure check is skipped "
            "(the published figures describe the whole registry)."
        )
    return Report(views, document=summary_document(summary, checks), notices=notices)


def _group_cells(row: GroupRow, years: Sequence[int], by: str) -> dict[str, Any]:
    return {
        "group": row.label,
        "group_shown": PEOPLE_GROUP_LABELS.get(by, {}).get(row.label, row.label),
        "residents": row.residents,
        "exporting_to_japan": row.exporting_to_japan,
        **{f"jobs_{year}": row.jobs_created.get(year, 0) for year in years},
        "jobs_created_total": row.jobs_created_total,
        "headcount_total": row.headcount_total if row.headcount_reported else None,
        "headcount_reported": row.headcount_reported,
    }


def group_report(
    registry: Registry, rows: list[GroupRow], by: str, residents: Sequence[Resident]
) -> Report:
    years = breakdown_years(rows)
    selected = len(residents)
    columns = [
        Column("group", GROUP_HEADERS[by], audience="machines"),
        Column("group_shown", GROUP_HEADERS[by], audience="people"),
        Column("residents", "Residents", "int"),
        Column("exporting_to_japan", "Exporting to Japan", "int"),
        *(Column(f"jobs_{year}", f"Jobs {year}", "int") for year in years),
        Column("jobs_created_total", "Jobs, all years", "int"),
        Column("headcount_total", "Headcount", "int"),
        Column("headcount_reported", "Reporting headcount", "int", zero_is_empty=True),
    ]
    table_rows = [_group_cells(row, years, by) for row in rows]
    caption = (
        breakdown_caption(by) or f"{plural(selected, 'resident')} in {plural(len(rows), 'group')}"
    )
    view = View(
        columns,
        table_rows,
        title=f"{registry.info.title} · as of {registry.info.as_of} · by {by}",
        caption=caption,
        total=_group_cells(breakdown_total(residents, rows), years, by) if rows else None,
    )
    return Report([view], document=group_document(rows), notices=illustrative_notices(registry))


def warn_mismatches(checks: Sequence[Check], err: TextIO) -> None:
    """A published figure the records do not reproduce is never a silent pass: a warning on
    `err` (standard error)."""
    for check in checks:
        if not check.matches:
            print(f"uzit: warning: {mismatch_message(check)}", file=err)


def _breakdown_choice(value: str | None) -> str | None:
    if value is not None and value not in BREAKDOWNS:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(BREAKDOWNS)}")
    return value


def stats(
    ctx: typer.Context,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="|".join(BREAKDOWNS),
            callback=_breakdown_choice,
            help="One row per city, sector, joined year or exports-to-Japan value instead of "
            "the headline summary. Example: --by city",
            show_default=False,
        ),
    ] = None,
    sector: SectorOption = None,
    city: CityOption = None,
    exports_to_japan: ExportsOption = None,
    joined_since: JoinedSinceOption = None,
    joined_before: JoinedBeforeOption = None,
    search: SearchOption = None,
    min_jobs: MinJobsOption = None,
    jobs_year: JobsYearOption = None,
    registry: RegistryOption = None,
    output_format: FormatOption = Format.auto,
    no_header: NoHeaderOption = False,
    width: WidthOption = None,
) -> None:
    """Summarise the residents: counts, exporters to Japan, jobs created per year, joins per
    year, headcount and export revenue where reported, and every published figure checked
    against the records (a mismatch is a warning on standard error).

    The filters are those of `uzit list`; with any filter the published-figure check is
    skipped, since the published figures describe the whole registry.

    \b
    Examples:
      uzit stats
      uzit stats --city Tashkent
      uzit stats --by sector
      uzit stats --by city -f csv > by-city.csv
      uzit stats -f json | jq .jobs_created
    """
    streams = streams_of(ctx)
    data = open_registry(registry, streams.err)
    selection = select_residents(
        data, ctx.params, streams.err.file
    )  # also hints at values no resident has
    year, filters, residents = selection.jobs_year, selection.filters, selection.residents
    if by is not None:
        report = group_report(data, breakdown(residents, by), by, residents)
    else:
        checks = None if filters.active else check_published(data.residents, data.info)
        if checks:
            warn_mismatches(checks, streams.err.file)
        summary = summarize(residents, data.info, year)
        report = summary_report(data, summary, checks, len(residents))
    emit(report, output_format, streams.out, header=not no_header, width=width)
