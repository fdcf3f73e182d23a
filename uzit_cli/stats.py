"""The figures `uzit stats` reports, computed from resident records and checked against sources.

Pure: already-filtered residents and the registry's `RegistryInfo` in, frozen records out, and
JSON-ready documents for machine formats. Counts are ints; only shares, means, medians and
export revenue are floats.

Definitions (the README and `--help` repeat them, so keep them in step):

- jobs created in a year: the sum of `jobs_created[year]` over the residents; the years are
  those that at least one resident reports (a reported 0 counts as data).
- job creators in a year: residents whose `jobs_created[year]` is more than 0.
- last jobs year: the latest year that at least one resident reports `jobs_created` for (the
  same rule as `uzit list`). Mean and median jobs per job creator are over the job creators
  of that year, and None when it has none.
- joined per year and cumulative count: every calendar year from the first `joined` year to
  the `as_of` year, gap years included (0 joined, cumulative unchanged); the cumulative count
  is the number of residents joined on or before 31 December of that year.
- a resident with several sectors counts once in each of them (in `by_sector` and in the
  "sector" breakdown), so those counts can add up to more than the residents.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from uzit_cli.language import N_, Phrase, _
from uzit_cli.model import PublishedFigure, RegistryInfo, Resident
from uzit_cli.numbers import date, whole
from uzit_cli.problems import Later, UsageError
from uzit_cli.query import last_jobs_year
from uzit_cli.registry.spellings import common_spellings
from uzit_cli.words import did_you_mean

__all__ = [
    "BREAKDOWNS",
    "SECTOR_CAPTION",
    "TOTAL",
    "Check",
    "GroupRow",
    "Summary",
    "breakdown",
    "breakdown_caption",
    "breakdown_years",
    "check_document",
    "check_published",
    "group_document",
    "group_labels",
    "summarize",
    "summary_document",
]

BREAKDOWNS = ("city", "sector", "joined-year", "exports-to-japan")
SECTOR_CAPTION = N_(
    "A resident with several sectors counts once in each of its sectors, so the rows can add "
    "up to more than the number of residents."
)
#: The label of the row of a whole selection beside a breakdown (people read it translated).
TOTAL = N_("Total")
# the words every machine format uses for a boolean, so one column reads the same everywhere
EXPORTS_LABELS = {True: "true", False: "false"}


def _frozen(values: Mapping[int, int]) -> Mapping[int, int]:
    return MappingProxyType(dict(sorted(values.items())))


def _ranked(counts: Mapping[str, int]) -> Mapping[str, int]:
    """Most residents first, then by name, so every output lists groups in one order."""
    return MappingProxyType(dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))))


def _sectors(resident: Resident) -> tuple[str, ...]:
    # A repeated sector (impossible in a parsed registry) must not count a resident twice.
    return tuple(dict.fromkeys(resident.sectors))


@dataclass(frozen=True, slots=True)
class Summary:
    """The headline figures for a set of residents. Year-keyed mappings are in ascending
    year order; name-keyed ones most residents first, then by name."""

    residents: int
    exporting_to_japan: int
    exporting_to_japan_share: float  # 0.0 when there are no residents
    jobs_created: Mapping[int, int]
    jobs_created_total: int
    job_creators_by_year: Mapping[int, int]  # same years as jobs_created
    jobs_year: int | None  # J: the last complete year with jobs, or the one asked for
    jobs_year_partial: bool  # J had not ended at as_of (only a --jobs-year gives such a J)
    job_creators_in_jobs_year: int
    mean_jobs_per_job_creator: float | None
    median_jobs_per_job_creator: float | None
    headcount_total: int  # over the residents that report a headcount
    headcount_reported: int
    joined_by_year: Mapping[int, int]
    cumulative_by_year: Mapping[int, int]
    export_revenue_usd: Mapping[int, float]  # only years that some resident reports
    export_revenue_reported: Mapping[int, int]  # residents reporting each of those years
    by_city: Mapping[str, int]
    by_sector: Mapping[str, int]  # a resident counts once in each of its sectors
    as_of: dt.date
    illustrative: bool


def _merged_spellings(counts: Counter[str], usual: Mapping[str, str] | None = None) -> Counter[str]:
    """Counts of values that differ only in case, added up under the most common spelling
    (of `usual`, folded value to spelling, when given: the whole registry's)."""
    if usual is None:
        usual = common_spellings(counts.elements())
    merged: Counter[str] = Counter()
    for value, count in counts.items():
        merged[usual.get(value.casefold(), value)] += count
    return merged


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def summarize(
    residents: Sequence[Resident],
    info: RegistryInfo,
    jobs_year: int | None = None,
    spellings: Mapping[str, str] | None = None,
) -> Summary:
    """The headline figures, in one pass over the residents (plus sorting the groups and the
    jobs year's job counts for the median). `jobs_year` is J, the year the mean and median
    of jobs per job-creating resident describe: the one given, else the last complete year
    in which these residents created jobs. `spellings` (`crosstab.labels_from` the whole
    registry) names the city groups; without it, the residents' own most common spelling."""
    exporting = 0
    jobs: dict[int, int] = {}
    creators: dict[int, int] = {}
    headcount_total = headcount_reported = 0
    joined: Counter[int] = Counter()
    revenue: dict[int, list[float]] = {}
    cities: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    for resident in residents:
        exporting += resident.exports_to_japan
        for year, count in resident.jobs_created.items():
            jobs[year] = jobs.get(year, 0) + count
            creators[year] = creators.get(year, 0) + (count > 0)
        if resident.headcount is not None:
            headcount_total += resident.headcount
            headcount_reported += 1
        joined[resident.joined.year] += 1
        for year, amount in resident.export_revenue_usd.items():
            revenue.setdefault(year, []).append(float(amount))
        cities[resident.city] += 1
        sectors.update(_sectors(resident))

    last_year = jobs_year
    if last_year is None:
        last_year = last_jobs_year(residents, info.last_complete_year)
    last_counts = [] if last_year is None else _positive_jobs_in(residents, last_year)
    total = len(residents)
    joined_years, cumulative = _joined_years(joined, info.as_of.year)
    return Summary(
        residents=total,
        exporting_to_japan=exporting,
        exporting_to_japan_share=exporting / total if total else 0.0,
        jobs_created=_frozen(jobs),
        jobs_created_total=sum(jobs.values()),
        job_creators_by_year=_frozen(creators),
        jobs_year=last_year,
        jobs_year_partial=last_year is not None and last_year > info.last_complete_year,
        job_creators_in_jobs_year=len(last_counts),
        mean_jobs_per_job_creator=sum(last_counts) / len(last_counts) if last_counts else None,
        median_jobs_per_job_creator=_median(last_counts) if last_counts else None,
        headcount_total=headcount_total,
        headcount_reported=headcount_reported,
        joined_by_year=joined_years,
        cumulative_by_year=cumulative,
        export_revenue_usd=MappingProxyType(
            {year: math.fsum(amounts) for year, amounts in sorted(revenue.items())}
        ),
        export_revenue_reported=MappingProxyType(
            {year: len(amounts) for year, amounts in sorted(revenue.items())}
        ),
        by_city=_ranked(_merged_spellings(cities, spellings)),
        by_sector=_ranked(sectors),
        as_of=info.as_of,
        illustrative=info.illustrative,
    )


def _positive_jobs_in(residents: Iterable[Resident], year: int) -> list[int]:
    return [n for r in residents if (n := r.jobs_created.get(year, 0)) > 0]


def _joined_years(
    joined: Mapping[int, int], as_of_year: int
) -> tuple[Mapping[int, int], Mapping[int, int]]:
    if not joined:
        return MappingProxyType({}), MappingProxyType({})
    # A parsed registry has nobody joining after as_of; hand-built records might.
    last = max(as_of_year, max(joined))
    per_year: dict[int, int] = {}
    cumulative: dict[int, int] = {}
    running = 0
    for year in range(min(joined), last + 1):
        per_year[year] = joined.get(year, 0)
        running += per_year[year]
        cumulative[year] = running
    return MappingProxyType(per_year), MappingProxyType(cumulative)


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One group of a breakdown. `jobs_created` has the same years in every row of one
    breakdown (every year any resident reports, 0 where the group has none), so the rows
    line up as columns."""

    label: str
    residents: int
    exporting_to_japan: int
    jobs_created: Mapping[int, int]
    jobs_created_total: int
    headcount_total: int
    headcount_reported: int


def group_labels(resident: Resident, by: str, cities: Mapping[str, str]) -> Iterable[str]:
    """The groups of `by` (one of BREAKDOWNS) that `resident` is in; `cities` maps each
    folded city to its label."""
    if by == "city":  # grouped as --city matches: any case, in the most common spelling
        return (cities.get(resident.city.casefold(), resident.city),)
    if by == "sector":
        return _sectors(resident)
    if by == "joined-year":
        return (str(resident.joined.year),)
    return (EXPORTS_LABELS[resident.exports_to_japan],)


def breakdown(
    residents: Sequence[Resident], by: str, spellings: Mapping[str, str] | None = None
) -> list[GroupRow]:
    """One row per group: years in calendar order, other groups most residents first, then
    by label.

    `by` is one of BREAKDOWNS. Labels are the city, the sector, the joined year ("2024") or,
    for "exports-to-japan", "true" and "false" (as every machine format writes a boolean).
    For "sector" a resident counts once in each of its sectors (see `breakdown_caption`).
    Cities are labelled by `spellings` (folded city to spelling; pass `crosstab.labels_from`
    the whole registry, so labels do not change with the filters), else by the residents'
    own most common spelling. Raises UsageError for any other `by`.
    """
    if by not in BREAKDOWNS:
        raise UsageError(
            _("cannot break down by '{value}'{suggestion} Choose from {choices}").format(
                value=by,
                suggestion=did_you_mean(by, BREAKDOWNS, "."),
                choices=", ".join(BREAKDOWNS),
            )
        )
    years: set[int] = set()
    groups: dict[str, list[Resident]] = {}
    cities: Mapping[str, str] = {}
    if by == "city":
        cities = common_spellings(r.city for r in residents)
        if spellings is not None:
            cities = {**cities, **spellings}
    for resident in residents:
        years.update(resident.jobs_created)
        for label in group_labels(resident, by, cities):
            groups.setdefault(label, []).append(resident)
    ordered_years = sorted(years)
    rows = [_group_row(label, members, ordered_years) for label, members in groups.items()]
    if by == "joined-year":  # a time series reads in time order
        rows.sort(key=lambda row: row.label)
    else:
        rows.sort(key=lambda row: (-row.residents, row.label))
    return rows


def _group_row(label: str, members: Sequence[Resident], years: Sequence[int]) -> GroupRow:
    jobs = dict.fromkeys(years, 0)
    for member in members:
        for year, count in member.jobs_created.items():
            jobs[year] += count
    headcounts = [m.headcount for m in members if m.headcount is not None]
    return GroupRow(
        label=label,
        residents=len(members),
        exporting_to_japan=sum(m.exports_to_japan for m in members),
        jobs_created=MappingProxyType(jobs),
        jobs_created_total=sum(jobs.values()),
        headcount_total=sum(headcounts),
        headcount_reported=len(headcounts),
    )


def breakdown_total(residents: Sequence[Resident], rows: Sequence[GroupRow]) -> GroupRow:
    """The whole selection as one row beside a breakdown: each resident counted once, also
    when it is in several groups (sectors)."""
    return _group_row(TOTAL, residents, breakdown_years(rows))


def breakdown_caption(by: str) -> str | None:
    """The caption a breakdown table must carry, if any (for "sector": SECTOR_CAPTION)."""
    return SECTOR_CAPTION if by == "sector" else None


def breakdown_years(rows: Sequence[GroupRow]) -> tuple[int, ...]:
    """The jobs years of a breakdown, ascending (the same in every row)."""
    return tuple(rows[0].jobs_created) if rows else ()


@dataclass(frozen=True, slots=True)
class Check:
    """One `registry.published` figure next to the value computed from the records."""

    metric: str
    year: int | None
    published: int
    computed: int
    source: str  # the source id
    as_of: dt.date  # the day the figure describes: its as_of, else its source's date, else
    # the registry's; residents and exporters are counted among those joined by then
    source_publisher: str | None = None  # None when the id names no source
    source_title: str | None = None
    line: int = 1  # where the figure stands in the registry
    column: int = 1

    @property
    def matches(self) -> bool:
        return self.published == self.computed


def figure_date(figure: PublishedFigure, info: RegistryInfo) -> dt.date:
    """The day a published figure describes: its own as_of, else its source's published date,
    else the registry's as_of."""
    if figure.as_of is not None:
        return figure.as_of
    source = info.source(figure.source)
    if source is not None and source.published is not None:
        return source.published
    return info.as_of


def check_published(residents: Sequence[Resident], info: RegistryInfo) -> list[Check]:
    """Every published figure of `info`, in file order, recomputed from `residents`.

    Published figures describe the whole registry: pass every resident, and when filters
    are active skip the check rather than compare a subset with them.

    `residents` and `exporting_to_japan` count the residents that had joined by the day the
    figure describes (`figure_date`), so a later snapshot still reproduces an earlier source;
    one snapshot cannot tell when a resident started exporting, so a resident that exports
    now counts as exporting then. `jobs_created` is the jobs created in the figure's year
    (without a year, which a parsed registry never has, the total over all years).
    """
    jobs: dict[int, int] = {}
    for resident in residents:
        for year, count in resident.jobs_created.items():
            jobs[year] = jobs.get(year, 0) + count
    checks = []
    for figure in info.published:
        day = figure_date(figure, info)
        if figure.metric == "residents":
            computed = sum(1 for r in residents if r.joined <= day)
        elif figure.metric == "exporting_to_japan":
            computed = sum(1 for r in residents if r.joined <= day and r.exports_to_japan)
        elif figure.metric == "jobs_created":
            computed = sum(jobs.values()) if figure.year is None else jobs.get(figure.year, 0)
        else:
            raise ValueError(f"unknown published metric '{figure.metric}'")
        source = info.source(figure.source)
        checks.append(
            Check(
                metric=figure.metric,
                year=figure.year,
                published=figure.value,
                computed=computed,
                source=figure.source,
                as_of=day,
                source_publisher=source.publisher if source else None,
                source_title=source.title if source else None,
                line=figure.line,
                column=figure.column,
            )
        )
    return checks


def mismatch_phrase(check: Check) -> Phrase:
    """The one wording of a published figure the records do not reproduce, translated each
    time it is shown (standard error in the reader's language, machine formats in English)."""
    values = {
        "metric": check.metric,
        "published": whole(check.published),
        "source": check.source,
        "date": Later(date, check.as_of),  # as the reader writes a date, when shown
        "computed": whole(check.computed),
    }
    if check.year is None:
        return Phrase(
            "published {metric} is {published} ({source}, as of {date}) but the records "
            "give {computed}",
            **values,
        )
    return Phrase(
        "published {metric} in {year} is {published} ({source}, as of {date}) but the "
        "records give {computed}",
        year=check.year,
        **values,
    )


def _years(values: Mapping[int, int] | Mapping[int, float]) -> dict[str, object]:
    return {str(year): value for year, value in values.items()}


def check_document(check: Check) -> dict[str, object]:
    return {
        "metric": check.metric,
        "year": check.year,
        "published": check.published,
        "computed": check.computed,
        "matches": check.matches,
        "source": check.source,
        "as_of": check.as_of.isoformat(),
        "source_publisher": check.source_publisher,
        "source_title": check.source_title,
    }


def summary_document(summary: Summary, checks: list[Check] | None) -> dict[str, object]:
    """The `--format json` contract of `uzit stats`: JSON-ready, keys in a fixed order.

    Year keys are strings ("2024"), `as_of` an ISO date, and `published_checks` is [] when
    `checks` is None (the check was skipped). Mean and median are null when nobody created
    jobs in the jobs year, `jobs_year` null when no complete year has jobs data.
    """
    s = summary
    return {
        "as_of": s.as_of.isoformat(),
        "illustrative": s.illustrative,
        "residents": s.residents,
        "exporting_to_japan": s.exporting_to_japan,
        "exporting_to_japan_share": s.exporting_to_japan_share,
        "jobs_created": _years(s.jobs_created),
        "jobs_created_total": s.jobs_created_total,
        "job_creators_by_year": _years(s.job_creators_by_year),
        "jobs_year": s.jobs_year,
        "jobs_year_partial": s.jobs_year_partial,
        "job_creators_in_jobs_year": s.job_creators_in_jobs_year,
        "mean_jobs_per_job_creator": s.mean_jobs_per_job_creator,
        "median_jobs_per_job_creator": s.median_jobs_per_job_creator,
        "headcount_total": s.headcount_total,
        "headcount_reported": s.headcount_reported,
        "joined_by_year": _years(s.joined_by_year),
        "cumulative_by_year": _years(s.cumulative_by_year),
        "export_revenue_usd": _years(s.export_revenue_usd),
        "export_revenue_reported": _years(s.export_revenue_reported),
        "by_city": dict(s.by_city),
        "by_sector": dict(s.by_sector),
        "published_checks": [check_document(c) for c in checks or ()],
    }


def group_document(rows: Sequence[GroupRow]) -> list[dict[str, object]]:
    """A breakdown for machine formats: one object per row, `group` being the label."""
    return [
        {
            "group": row.label,
            "residents": row.residents,
            "exporting_to_japan": row.exporting_to_japan,
            "jobs_created": _years(row.jobs_created),
            "jobs_created_total": row.jobs_created_total,
            "headcount_total": row.headcount_total,
            "headcount_reported": row.headcount_reported,
        }
        for row in rows
    ]
