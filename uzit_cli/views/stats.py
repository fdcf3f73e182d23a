"""The figures of `uzit stats` as reports: the summary, the published figures checked, the
breakdowns, the cross-tabs, the growth and the park context. The HTML page renders the same
reports, so a label, a "so far" or a note is written once, here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from uzit_cli.crosstab import YEAR_DIMENSIONS, CrossTab, crosstab_document
from uzit_cli.language import N_, Np_, _, _n, _p
from uzit_cli.model import Kind, Registry, RegistryInfo, Resident
from uzit_cli.names import place_shown, sector_heading
from uzit_cli.numbers import NOTHING, decimal, money, percent, share, whole
from uzit_cli.output import Column, Report, View
from uzit_cli.output.report import Figure, Series
from uzit_cli.park import ParkShare, park_document, park_shares
from uzit_cli.stats import (
    SECTOR_CAPTION,
    TOTAL,
    Check,
    GroupRow,
    Summary,
    breakdown_caption,
    breakdown_total,
    breakdown_years,
    group_document,
    summary_document,
)
from uzit_cli.views.notices import day_text, illustrative_notices

if TYPE_CHECKING:  # growth.py is imported by the tables of years only, not the summary
    from uzit_cli.growth import SpanRate, YearChange

SUMMARY_COLUMNS = (
    Column("figure", N_("Figure"), audience="people"),
    Column("metric", "metric", audience="machines"),
    Column("year", N_("Year")),
    Column("value", "value", "number", audience="machines"),
    Column("shown", N_("Value"), audience="people"),
    # each published figure of this metric and year, with the value the records gave on the
    # day it was checked at (its as_of): one row per published figure
    Column("published", "published", "int", audience="machines"),
    Column("checked_value", "checked value", "int", audience="machines"),
    Column("checked_on", "checked on", "date", audience="machines"),
    Column("source", "source", audience="machines"),
)

CHECK_COLUMNS = (
    Column("figure", N_("Figure"), audience="people"),
    Column("metric", "metric", audience="machines"),
    Column("year", N_("Year")),
    Column("as_of", N_("As of"), "date"),
    Column("published", N_("Published"), "int"),
    Column("computed", N_("Computed"), "int"),
    Column("matches", N_("Matches"), "bool"),
    Column("source", N_("Source"), whole=True, priority=2),  # left out first when narrow
)

GROUP_HEADERS = {
    "city": N_("City"),
    "sector": N_("Sector"),
    "joined-year": N_("Joined"),
    "exports-to-japan": N_("Exports to Japan"),
}

#: The dimensions of a breakdown or cross-tab as a title names them ("by city"): the option's
#: word in English.
DIMENSION_WORDS = {
    "city": Np_("dimension", "city"),
    "sector": Np_("dimension", "sector"),
    "joined-year": Np_("dimension", "joined-year"),
    "exports-to-japan": Np_("dimension", "exports-to-japan"),
    "year": Np_("dimension", "year"),
}


#: A group's label as people read it, where the machine label is not a word: the breakdown by
#: exports-to-japan groups by a boolean, which machine formats keep as true/false.
PEOPLE_GROUP_LABELS = {"exports-to-japan": {"true": N_("yes"), "false": N_("no")}}


#: The label of each metric, in the summary and in the published-figures table alike.
LABELS = {
    "residents": N_("Residents"),
    "exporting_to_japan": N_("Exporting to Japan"),
    "jobs_created": N_("Jobs created"),
    "jobs_created_total": N_("Jobs created, all years"),
    "mean_jobs_per_job_creator": N_("Mean jobs per job-creating resident"),
    "median_jobs_per_job_creator": N_("Median jobs per job-creating resident"),
    "headcount_total": N_("Headcount"),
    "joined": N_("Joined"),
    "export_revenue_usd": N_("Export revenue (USD)"),
}


def _row(
    metric: str, value: Any, shown: str, year: int | None = None, *, so_far: bool = False
) -> dict[str, Any]:
    """One figure: `so_far` marks a year that had not ended at the registry's as_of."""
    label = _(LABELS[metric])
    return {
        "figure": _("{figure}, so far").format(figure=label) if so_far else label,
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
            # Translators: a count and its share of the residents, as in "5 (50.0%)"
            _("{count} ({share})").format(
                count=whole(s.exporting_to_japan), share=percent(s.exporting_to_japan_share)
            ),
        ),
    ]
    for year, jobs in s.jobs_created.items():
        creators = s.job_creators_by_year.get(year, 0)
        shown = _n("{jobs} (by {count} resident)", "{jobs} (by {count} residents)", creators)
        shown = shown.format(jobs=whole(jobs), count=whole(creators))
        rows.append(_row("jobs_created", jobs, shown, year, so_far=year > last_complete_year))
    rows.append(_row("jobs_created_total", s.jobs_created_total, whole(s.jobs_created_total)))
    if s.jobs_year is not None:  # with no job creators that year (asked for), say so
        for metric, value in (
            ("mean_jobs_per_job_creator", s.mean_jobs_per_job_creator),
            ("median_jobs_per_job_creator", s.median_jobs_per_job_creator),
        ):
            shown = (
                decimal(value)
                if value is not None
                else _("— (no jobs in {year})").format(year=s.jobs_year)
            )
            rows.append(_row(metric, value, shown, s.jobs_year, so_far=s.jobs_year_partial))
    headcount = (
        _("{total} ({share} report it)").format(
            total=whole(s.headcount_total), share=share(s.headcount_reported, s.residents)
        )
        if s.headcount_reported
        else _("not reported")
    )
    value = s.headcount_total if s.headcount_reported else None
    rows.append(_row("headcount_total", value, headcount))
    for year, joined in s.joined_by_year.items():
        total = s.cumulative_by_year.get(year, 0)
        so_far = year > last_complete_year
        when = (
            _("{joined} ({total} so far)") if so_far else _("{joined} ({total} by the year's end)")
        )
        shown = when.format(joined=whole(joined), total=whole(total))
        rows.append(_row("joined", joined, shown, year, so_far=so_far))
    for year, revenue in s.export_revenue_usd.items():
        reporting = s.export_revenue_reported.get(year, 0)
        shown = _n(
            "{amount} ({count} resident report it)",
            "{amount} ({count} residents report it)",
            reporting,
        ).format(amount=money(revenue), count=whole(reporting))
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
            "figure": _(LABELS[check.metric]),
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
    registry: Registry,
    summary: Summary,
    checks: list[Check] | None,
    residents: Sequence[Resident],
) -> Report:
    info = registry.info
    total, selected = len(registry.residents), len(residents)
    title = _("{title} · as of {date}").format(title=info.title, date=day_text(info.as_of))
    if checks is None:
        title = _n(
            "{title} · filtered: {count} of {total} resident",
            "{title} · filtered: {count} of {total} residents",
            total,
        ).format(title=title, count=whole(selected), total=whole(total))
    views = [
        View(
            SUMMARY_COLUMNS,
            summary_rows(summary, info.last_complete_year, checks or ()),
            title=title,
            caption=_("Computed from the records; uzit stats --by city breaks it down."),
        )
    ]
    if checks is not None and checks:
        reproduced = sum(check.matches for check in checks)
        views.append(
            View(
                CHECK_COLUMNS,
                check_rows(checks),
                title=_("Published figures"),
                caption=_n(
                    "{count} of {total} reproduced by the records",
                    "{count} of {total} reproduced by the records",
                    len(checks),
                ).format(count=whole(reproduced), total=whole(len(checks))),
            )
        )
    shares = park_shares(residents, info)
    park = park_view(shares)
    if park is not None:
        views.append(park)
    notices = list(illustrative_notices(registry))
    if checks is None and info.published:
        notices.append(
            _(
                "Filters are active: the published-figure check is skipped "
                "(the published figures describe the whole registry)."
            )
        )
    document = {**summary_document(summary, checks), "park_context": park_document(shares)}
    return Report(views, document=document, notices=notices)


def _group_cells(row: GroupRow, years: Sequence[int], by: str, last: int) -> dict[str, Any]:
    return {
        "group": row.label,
        "group_shown": _label_shown(by, row.label, last),  # yes/no, "2025 (so far)"
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
        Column("group_shown", _(GROUP_HEADERS[by]), audience="people"),
        Column("residents", _("Residents"), "int"),
        *(
            _year_change_columns(rows, registry.info, _("Residents joined"))
            if by == "joined-year"
            else ()
        ),
        Column("exporting_to_japan", _("Exporting to Japan"), "int"),
        *(Column(f"jobs_{year}", _("Jobs {year}").format(year=year), "int") for year in years),
        Column("jobs_created_total", _("Jobs, all years"), "int"),
        Column("headcount_total", _("Headcount"), "int"),
        Column("headcount_reported", _("Reporting headcount"), "int", zero_is_empty=True),
    ]
    last = registry.info.last_complete_year
    table_rows = [_group_cells(row, years, by, last) for row in rows]
    document = group_document(rows)
    if by == "joined-year" and rows:
        changes = _joined_changes(rows, last)
        for cells, record in zip(table_rows, document, strict=True):
            cells.update(changes[int(cells["group"])])
            record.update(changes[int(cells["group"])])
    special = breakdown_caption(by)
    caption = _(special) if special else _counted_groups(selected, len(rows))
    total = breakdown_total(residents, rows) if rows else None
    view = View(
        columns,
        table_rows,
        title=_("{title} · as of {date} · by {dimension}").format(
            title=registry.info.title,
            date=day_text(registry.info.as_of),
            dimension=_p("dimension", DIMENSION_WORDS[by]),
        ),
        caption=caption,
        total=_total_cells(total, years, by, last) if total is not None else None,
        figures=[_group_figure(table_rows, by)] if rows else (),
    )
    views = [view, *_group_changes(rows, by, total, registry.info)]
    return Report(views, document=document, notices=illustrative_notices(registry))


def _total_cells(total: GroupRow, years: Sequence[int], by: str, last: int) -> dict[str, Any]:
    return {**_group_cells(total, years, by, last), "group_shown": _(TOTAL)}


def _counted_groups(residents: int, groups: int) -> str:
    """`10 residents in 3 groups`."""
    counted = _n("{count} resident", "{count} residents", residents)
    return _n("{residents} in {count} group", "{residents} in {count} groups", groups).format(
        residents=counted.format(count=whole(residents)), count=whole(groups)
    )


#: The chart of each breakdown on the page: bars of residents per group (a line over the years).
GROUP_FIGURES = {
    "city": N_("Residents by city"),
    "sector": N_("Residents by sector; a resident with several sectors counts in each"),
    "joined-year": N_("Residents joined in each year"),
    "exports-to-japan": N_("Residents by whether they export to Japan"),
}


def _group_figure(rows: Sequence[dict[str, Any]], by: str) -> Figure:
    return Figure(
        "line" if by == "joined-year" else "bar",
        _(GROUP_FIGURES[by]),
        [row["group_shown"] for row in rows],
        [Series(_("residents"), [row["residents"] for row in rows])],
        axis=_("residents"),
    )


def _joined_values(rows: Sequence[GroupRow]) -> dict[int, int]:
    """Residents joined in each year of a by-joined-year breakdown, gap years as 0."""
    joined = {int(row.label): row.residents for row in rows}
    return {y: joined.get(y, 0) for y in range(min(joined), max(joined) + 1)}


def _joined_changes(rows: Sequence[GroupRow], last: int) -> dict[int, dict[str, Any]]:
    from uzit_cli.growth import year_changes

    return {c.year: _change_record(c) for c in year_changes(_joined_values(rows), last)}


def _change_record(change: YearChange) -> dict[str, Any]:
    """The change cells of one year: empty in the first year and in a year "so far"."""
    if change.so_far:
        return {"change": None, "change_share": None}
    return {"change": change.change, "change_share": change.change_share}


def _year_change_columns(
    rows: Sequence[GroupRow] | None,
    info: RegistryInfo,
    what: str,
    kind: Kind = "int",
    values: Mapping[int, int | float] | None = None,
) -> list[Column]:
    """The `Change` and `Change %` columns of a year table; the compound annual rate of
    `what` is the note under the table."""
    from uzit_cli.growth import span_rate

    if values is None:
        values = _joined_values(rows) if rows else {}
    found = span_rate(values, info.last_complete_year) if values else None
    rate = _rate_text(_("Compound annual rate of {what}").format(what=_lowered(what)), found)
    note = _("{rate}; a year so far is left out of the change and the rate.").format(rate=rate)
    return [
        Column("change", _p("from the year before", "Change"), kind),
        Column("change_share", _p("from the year before", "Change %"), "share", note=note),
    ]


def _lowered(text: str) -> str:
    """A heading inside a sentence: its first letter small (`Jobs created` -> `jobs created`)."""
    return text[:1].lower() + text[1:]


def _group_changes(
    rows: Sequence[GroupRow], by: str, total: GroupRow | None, info: RegistryInfo
) -> list[View]:
    """The year columns of a breakdown with their change from the year before: residents
    joined per year (by joined-year), and the jobs created per year of the total."""
    views = []
    if total is not None and len(total.jobs_created) > 1:
        views.append(change_view(total.jobs_created, info, _("Jobs created")))
    return views


#: The heading of each cross-tab dimension (and of the breakdowns, which share four of them).
DIMENSION_HEADERS = {**GROUP_HEADERS, "year": N_("Year")}
MEASURE_HEADERS = {
    "residents": N_("Residents"),
    "exporters": N_("Exporting to Japan"),
    "jobs": N_("Jobs created"),
    "headcount": N_("Headcount"),
    "export-revenue": N_("Export revenue (USD)"),
}


def _year_shown(year: int, last_complete_year: int) -> str:
    """A year as people read it: a year that had not ended at as_of is "so far"."""
    return _("{year} (so far)").format(year=year) if year > last_complete_year else str(year)


def _label_shown(by: str | None, label: str, last_complete_year: int) -> str:
    """A group's label for people: a year "so far", yes or no, a city or sector in the
    reader's language."""
    if by in YEAR_DIMENSIONS and label.isdigit():  # not the Total row
        return _year_shown(int(label), last_complete_year)
    if by == "city":
        return place_shown(label)
    if by == "sector":
        return sector_heading(label)
    word = PEOPLE_GROUP_LABELS.get(by or "", {}).get(label)
    return label if word is None else _(word)


def _measure_kind(measure: str) -> Kind:
    return "number" if measure == "export-revenue" else "int"


def crosstab_view(table: CrossTab, info: RegistryInfo) -> View:
    """The cross-tab for people: rows × columns, with a Total column and a Total row."""
    last = info.last_complete_year
    kind = _measure_kind(table.measure)
    keys = {label: f"c{index}" for index, label in enumerate(table.column_labels)}
    columns = [Column("row", _(DIMENSION_HEADERS[table.rows_by]))]
    if table.columns_by is not None:
        columns += [
            Column(keys[label], _label_shown(table.columns_by, label, last), kind)
            for label in table.column_labels
        ]
    columns.append(Column("total", _(TOTAL), kind))
    yearly = _yearly_changes(table, info)
    if yearly is not None:
        values = yearly[0]
        columns += _year_change_columns(None, info, _(_yearly_what(table)), kind, values)
    rows = [
        {
            "row": _label_shown(table.rows_by, row, last),
            **{keys[c]: table.cells[row, c] for c in table.column_labels},
            "total": table.row_totals[row],
            **(yearly[1][int(row)] if yearly is not None else {}),
        }
        for row in table.row_labels
    ]
    total = {
        "row": _(TOTAL),
        **{keys[c]: table.column_totals[c] for c in table.column_labels},
        "total": table.total,
    }
    what = _lowered(_(MEASURE_HEADERS[table.measure]))
    by = " × ".join(
        _p("dimension", DIMENSION_WORDS[d]) for d in (table.rows_by, table.columns_by) if d
    )
    caption = " ".join(
        text
        for text in (
            _(SECTOR_CAPTION) if "sector" in (table.rows_by, table.columns_by) else None,
            _("Residents and exporters count in the year they joined.")
            if "year" in (table.rows_by, table.columns_by)
            and table.measure in ("residents", "exporters")
            else None,
        )
        if text
    )
    if not table.row_labels:
        caption = _("Nothing to count: no {measure} among these residents.").format(measure=what)
    return View(
        columns,
        rows,
        title=_("{title} · as of {date} · {measure} by {dimensions}").format(
            title=info.title, date=day_text(info.as_of), measure=what, dimensions=by
        ),
        caption=caption or None,
        total=total if table.row_labels else None,
    )


def _yearly_what(table: CrossTab) -> str:
    """What a yearly total counts: residents and exporters count in the year they joined."""
    return YEARLY_HEADERS.get(table.measure, MEASURE_HEADERS[table.measure])


#: The yearly totals of residents and exporters count joins, not those in the park at the
#: year's end (that is `stats --growth`).
YEARLY_HEADERS = {"residents": N_("Residents joined"), "exporters": N_("Exporters joined")}


def _yearly_changes(
    table: CrossTab, info: RegistryInfo
) -> tuple[dict[int, int | float], dict[int, dict[str, Any]]] | None:
    """A one-dimension cross-tab over a year (`--by year`): its values and each year's change
    cells; None for any other cross-tab."""
    from uzit_cli.growth import year_changes

    if table.columns_by is not None or table.rows_by not in YEAR_DIMENSIONS:
        return None
    values = {int(label): table.row_totals[label] for label in table.row_labels}
    changes = {c.year: _change_record(c) for c in year_changes(values, info.last_complete_year)}
    return values, changes


def crosstab_machine_view(table: CrossTab, info: RegistryInfo) -> View:
    """The cross-tab in long form (one row per cell) for TSV and CSV."""
    records = crosstab_records(table, info)
    keys = list(records[0]) if records else []
    kind = _measure_kind(table.measure)
    kinds = {table.measure.replace("-", "_"): kind, "change": kind, "change_share": "share"}
    columns = [Column(key, key, kinds.get(key, "text")) for key in keys]
    return View(columns, records)


def crosstab_records(table: CrossTab, info: RegistryInfo) -> list[dict[str, object]]:
    """The long form; over one year dimension each record has its `change` and
    `change_share`."""
    records = crosstab_document(table)
    yearly = _yearly_changes(table, info)
    if yearly is not None:
        key = table.rows_by.replace("-", "_")
        for record in records:
            record.update(yearly[1][int(str(record[key]))])
    return records


def change_columns(prefix: str, header: str, kind: Kind = "int") -> list[Column]:
    """The three columns of one yearly series: its value, the change and the change in %."""
    return [
        Column(prefix, header, kind),
        Column(f"{prefix}_change", _p("from the year before", "Change"), kind),
        Column(f"{prefix}_change_share", _p("from the year before", "Change %"), "share"),
    ]


def change_cells(prefix: str, change: YearChange) -> dict[str, Any]:
    return {
        prefix: change.value,
        f"{prefix}_change": change.change,
        f"{prefix}_change_share": change.change_share,
    }


def _rate_text(name: str, found: SpanRate | None) -> str:
    if found is None:
        return _("{name}: none (it needs two complete years, the first above 0)").format(name=name)
    return _("{name}: {rate} a year, compound, {first}–{last} ({start} to {end})").format(
        name=name,
        rate=percent(found.rate),
        first=found.first,
        last=found.last,
        start=whole(found.start),
        end=whole(found.end),
    )


def change_view(
    values: Mapping[int, int | float], info: RegistryInfo, header: str, kind: Kind = "int"
) -> View:
    """A yearly series with the change from the year before and its compound annual rate."""
    from uzit_cli.growth import span_rate, year_changes

    last = info.last_complete_year
    changes = year_changes(values, last)
    rows = [
        {"year": _year_shown(c.year, last), **change_cells("value", c)}
        | ({"value_change": None} if c.so_far else {})  # a year so far: no change, as in-table
        for c in changes
    ]
    found = span_rate(values, last)
    rate = _rate_text(_("Compound annual rate"), found)
    return View(
        [Column("year", _("Year")), *change_columns("value", header, kind)],
        rows,
        title=_("{series}: change from the year before").format(series=header),
        caption=_("{rate}; a year so far is left out of the rates.").format(rate=rate),
    )


def totals_change_view(table: CrossTab, info: RegistryInfo) -> View | None:
    """The yearly totals of a cross-tab over a year dimension, with the change from the year
    before; None when neither dimension is a year."""
    by = next((d for d in (table.columns_by, table.rows_by) if d in YEAR_DIMENSIONS), None)
    if (
        by is None
        or table.columns_by is None
        or len(table.column_labels if by == table.columns_by else table.row_labels) < 2
    ):
        return None
    totals = table.column_totals if by == table.columns_by else table.row_totals
    values = {int(label): value for label, value in totals.items()}
    return change_view(values, info, _(_yearly_what(table)), _measure_kind(table.measure))


def crosstab_report(registry: Registry, table: CrossTab, people: bool) -> Report:
    """A cross-tab: wide for people (with the yearly change where a dimension is a year),
    long (one record per cell) for machines."""
    if not people:
        view = crosstab_machine_view(table, registry.info)
        return Report([view], document=crosstab_records(table, registry.info))
    views = [crosstab_view(table, registry.info)]
    change = totals_change_view(table, registry.info)
    if change is not None:
        views.append(change)
    return Report(views, notices=illustrative_notices(registry))


GROWTH_SERIES = {
    "residents": N_("Residents"),
    "exporters": N_("Exporting to Japan"),
    "jobs": N_("Jobs"),
}


def growth_report(registry: Registry, residents: Sequence[Resident]) -> Report:
    """Residents and exporters at each year's end and jobs created in each year, with the
    change from the year before and the compound annual rate over the whole span."""
    from uzit_cli.growth import span_rate, year_changes, yearly_series

    info = registry.info
    last = info.last_complete_year
    series = yearly_series(residents, info.as_of.year)
    rows: dict[int, dict[str, Any]] = {}
    rates = {}
    for name, values in series.items():
        for change in year_changes(values, last):
            row = rows.setdefault(change.year, {"year": change.year, "so_far": change.so_far})
            row["year_shown"] = _year_shown(change.year, last)
            row.update(change_cells(name, change))
        rates[name] = span_rate(values, last)
    columns = [
        Column("year", "Year", "int", audience="machines"),
        Column("year_shown", _("Year"), audience="people"),
        Column("so_far", "so_far", "bool", audience="machines"),
        *(c for name, header in GROWTH_SERIES.items() for c in change_columns(name, _(header))),
    ]
    lines = [_rate_text(_(GROWTH_SERIES[n]), rate) for n, rate in rates.items()]
    table_rows = [rows[year] for year in sorted(rows)]
    view = View(
        columns,
        table_rows,
        title=_("{title} · as of {date} · growth").format(
            title=info.title, date=day_text(info.as_of)
        ),
        caption=_(
            "{rates}. Residents and exporters at each year's end, jobs created in the year; "
            "a year so far is left out of the rates."
        ).format(rates=_("; ").join(lines)),
    )
    document = {
        "as_of": info.as_of.isoformat(),
        "years": [
            {key: row.get(key) for key in ("year", "so_far", *_series_keys())} for row in table_rows
        ],
        "compound_annual_rates": {
            name: None
            if rate is None
            else {
                "rate": rate.rate,
                "from_year": rate.first,
                "to_year": rate.last,
                "from_value": rate.start,
                "to_value": rate.end,
            }
            for name, rate in rates.items()
        },
    }
    return Report([view], document=document, notices=illustrative_notices(registry))


def _series_keys() -> list[str]:
    return [
        key for name in GROWTH_SERIES for key in (name, f"{name}_change", f"{name}_change_share")
    ]


PARK_LABELS = {
    "foreign_capital_residents": N_("Foreign-capital residents"),
    "exporting_residents": N_("Exporting residents"),
    "residents": N_("Residents"),
}
PARK_COLUMNS = (
    Column("figure", N_("IT Park as a whole"), audience="people"),
    Column("metric", "metric", audience="machines"),
    Column("whole", "IT Park", "int"),
    Column("whole_as_of", N_("As of"), "date"),
    Column("part", N_("Registry"), "int"),
    Column("part_as_of", N_("As of"), "date"),
    Column("share", N_("Share"), "share"),
    Column("source", N_("Source"), whole=True, priority=2),
)


def park_view(shares: Sequence[ParkShare]) -> View | None:
    """The residents as a share of each park-wide figure, with both dates, and a note when
    they are far apart; None without `registry.context`."""
    if not shares:
        return None
    rows = [
        {
            "figure": _(PARK_LABELS[s.metric]),
            "metric": s.metric,
            "whole": s.whole,
            "whole_as_of": s.whole_as_of,
            "part": s.part,
            "part_as_of": s.part_as_of,
            "share": s.share,
            "source": s.source,
        }
        for s in shares
    ]
    notes = []
    far = [s for s in shares if s.far_apart]
    if far:
        s = far[0]
        notes.append(
            _n(
                "The dates are {count} day apart ({first} and {second}): the share sets "
                "figures of two different days side by side.",
                "The dates are {count} days apart ({first} and {second}): the share sets "
                "figures of two different days side by side.",
                s.days_apart,
            ).format(
                count=whole(s.days_apart),
                first=day_text(s.whole_as_of),
                second=day_text(s.part_as_of),
            )
        )
    notes += sorted({s.note for s in shares if s.note})
    registry = _("Registry: the residents here; exporting, to Japan or elsewhere.")
    caption = registry
    for note in notes:
        # Translators: one sentence and the next (Japanese writes them with no space between)
        caption = _("{sentence} {next}").format(sentence=caption, next=note)
    return View(PARK_COLUMNS, rows, title=_("Share of IT Park"), caption=caption)
