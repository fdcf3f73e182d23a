"""The figures of `uzit stats` as reports: the summary, the published figures checked, and the
breakdowns. The HTML page renders the same reports, so a label, a "so far" or a note is written
once, here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from uzit_cli.model import Registry, Resident
from uzit_cli.numbers import NOTHING, decimal, money, percent, share, whole
from uzit_cli.output import Column, Report, View
from uzit_cli.output.report import Figure, Series
from uzit_cli.stats import (
    Check,
    GroupRow,
    Summary,
    breakdown_caption,
    breakdown_total,
    breakdown_years,
    group_document,
    summary_document,
)
from uzit_cli.views.notices import illustrative_notices
from uzit_cli.words import plural

SUMMARY_COLUMNS = (
    Column("figure", "Figure", audience="people"),
    Column("metric", "metric", audience="machines"),
    Column("year", "Year"),
    Column("value", "value", "number", audience="machines"),
    Column("shown", "Value", audience="people"),
    # each published figure of this metric and year, with the value the records gave on the
    # day it was checked at (its as_of): one row per published figure
    Column("published", "published", "int", audience="machines"),
    Column("checked_value", "checked value", "int", audience="machines"),
    Column("checked_on", "checked on", "date", audience="machines"),
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
        "checked_value": None,
        "checked_on": None,
        "source": None,
    }


def summary_rows(
    summary: Summary, last_complete_year: int, checks: Sequence[Check] = ()
) -> list[dict[str, Any]]:
    """The headline as figure/value rows: readable in a table, long-format in TSV and CSV.
    Each figure that a source published carries the published value and the source's id."""
    s = summary
    rows = [
        _row("residents", s.residents, whole(s.residents)),
        _row(
            "exporting_to_japan",
            s.exporting_to_japan,
            f"{whole(s.exporting_to_japan)} ({percent(s.exporting_to_japan_share)})",
        ),
    ]
    for year, jobs in s.jobs_created.items():
        creators = s.job_creators_by_year.get(year, 0)
        shown = f"{whole(jobs)} (by {plural(creators, 'resident')})"
        rows.append(_row("jobs_created", jobs, shown, year, so_far=year > last_complete_year))
    rows.append(_row("jobs_created_total", s.jobs_created_total, whole(s.jobs_created_total)))
    if s.jobs_year is not None:  # with no job creators that year (asked for), say so
        for metric, value in (
            ("mean_jobs_per_job_creator", s.mean_jobs_per_job_creator),
            ("median_jobs_per_job_creator", s.median_jobs_per_job_creator),
        ):
            shown = decimal(value) if value is not None else f"{NOTHING} (no jobs in {s.jobs_year})"
            rows.append(_row(metric, value, shown, s.jobs_year, so_far=s.jobs_year_partial))
    headcount = (
        f"{whole(s.headcount_total)} ({share(s.headcount_reported, s.residents)} report it)"
        if s.headcount_reported
        else "not reported"
    )
    value = s.headcount_total if s.headcount_reported else None
    rows.append(_row("headcount_total", value, headcount))
    for year, joined in s.joined_by_year.items():
        total = s.cumulative_by_year.get(year, 0)
        so_far = year > last_complete_year
        when = "so far" if so_far else "by the year's end"
        shown = f"{whole(joined)} ({whole(total)} {when})"
        rows.append(_row("joined", joined, shown, year, so_far=so_far))
    for year, revenue in s.export_revenue_usd.items():
        reporting = s.export_revenue_reported.get(year, 0)
        shown = f"{money(revenue)} ({plural(reporting, 'resident')} report it)"
        so_far = year > last_complete_year
        rows.append(_row("export_revenue_usd", revenue, shown, year, so_far=so_far))
    _trace_published(rows, checks)
    return rows


def _trace_published(rows: list[dict[str, Any]], checks: Sequence[Check]) -> None:
    """Put every published figure beside the computed one it states, with the value the records
    gave on the day it was checked at (for TSV and CSV): a second figure of the same metric and
    year repeats the row, and a figure no row states gets a row of its own."""
    by_figure: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for row in rows:
        by_figure.setdefault((row["metric"], row["year"]), []).append(row)
    for check in checks:
        key = (check.metric, str(check.year) if check.year is not None else None)
        found = by_figure.get(key)
        traced = {
            "published": check.published,
            "checked_value": check.computed,
            "checked_on": check.as_of,
            "source": check.source,
        }
        if found and found[-1]["published"] is None:
            found[-1].update(traced)
            continue
        base = found[-1] if found else _row(check.metric, None, NOTHING, check.year)
        row = {**base, **traced}
        if found:
            rows.insert(rows.index(found[-1]) + 1, row)
        else:
            rows.append(row)
        by_figure.setdefault(key, []).append(row)


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
    scope = ""
    if checks is None:
        scope = f" · filtered: {whole(selected)} of {plural(total, 'resident')}"
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


#: The chart of each breakdown on the page: bars of residents per group (a line over the years).
GROUP_FIGURES = {
    "city": "Residents by city",
    "sector": "Residents by sector; a resident with several sectors counts in each",
    "joined-year": "Residents joined in each year",
    "exports-to-japan": "Residents by whether they export to Japan",
}


def _group_figure(rows: Sequence[dict[str, Any]], by: str) -> Figure:
    return Figure(
        "line" if by == "joined-year" else "bar",
        GROUP_FIGURES[by],
        [row["group_shown"] for row in rows],
        [Series("residents", [row["residents"] for row in rows])],
        axis="residents",
    )


def _group_label(label: str, by: str, last_complete_year: int) -> str:
    """A group's label for people: yes/no for a boolean, "so far" on a year not yet ended."""
    shown = PEOPLE_GROUP_LABELS.get(by, {}).get(label, label)
    if by == "joined-year" and label.isdigit() and int(label) > last_complete_year:
        shown += " (so far)"
    return shown


def _group_cells(row: GroupRow, years: Sequence[int], by: str, last: int) -> dict[str, Any]:
    return {
        "group": row.label,
        "group_shown": _group_label(row.label, by, last),
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
    last = registry.info.last_complete_year
    table_rows = [_group_cells(row, years, by, last) for row in rows]
    caption = (
        breakdown_caption(by) or f"{plural(selected, 'resident')} in {plural(len(rows), 'group')}"
    )
    view = View(
        columns,
        table_rows,
        title=f"{registry.info.title} · as of {registry.info.as_of} · by {by}",
        caption=caption,
        total=_group_cells(breakdown_total(residents, rows), years, by, last) if rows else None,
        figures=[_group_figure(table_rows, by)] if rows else (),
    )
    return Report([view], document=group_document(rows), notices=illustrative_notices(registry))
