"""Selecting and ordering residents: the one query core behind `uzit list` and `uzit stats`.

Pure functions over `Resident` records; the CLI turns options into a `Filters` and prints hints.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from uzit_cli.language import N_, _
from uzit_cli.model import Resident
from uzit_cli.problems import UsageError
from uzit_cli.resident_columns import COLUMN_NAMES, COLUMNS, jobs_in
from uzit_cli.words import did_you_mean
from uzit_cli.year_columns import per_year_help, year_column

__all__ = [
    "SORT_FIELDS",
    "Filters",
    "apply_filters",
    "filter_hints",
    "last_jobs_year",
    "parse_date_or_year",
    "resolve_jobs_year",
    "sort_field",
    "sort_residents",
]


@dataclass(frozen=True, slots=True)
class Filters:
    """What to select. Different kinds combine with AND; several values of one kind with OR.

    `jobs_year` does not select anything itself: it is the year `min_jobs` looks at, already
    resolved by the caller (see `resolve_jobs_year`); None when no year has jobs data.
    """

    sectors: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    exports_to_japan: bool | None = None
    joined_since: dt.date | None = None  # inclusive
    joined_before: dt.date | None = None  # exclusive
    search: tuple[str, ...] = ()
    min_jobs: int | None = None
    jobs_year: int | None = None

    @property
    def active(self) -> bool:
        """True when some filter can leave a resident out (so whole-registry figures differ)."""
        return bool(
            self.sectors
            or self.cities
            or self.search
            or self.exports_to_japan is not None
            or self.joined_since is not None
            or self.joined_before is not None
            or self.min_jobs is not None
        )


_YEAR = re.compile(r"[0-9]{4}")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_date_or_year(text: str) -> dt.date:
    """`2024` -> 1 January 2024; `2024-03-05` -> that day. ValueError says what was expected."""
    value = text.strip()
    if _YEAR.fullmatch(value):
        year = int(value)
        if year < dt.MINYEAR:
            raise ValueError(
                _("{value} is not a valid year: expected YYYY or YYYY-MM-DD").format(value=value)
            )
        return dt.date(year, 1, 1)
    match = _DATE.fullmatch(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(_("{value} is not a calendar date").format(value=value)) from None
    raise ValueError(
        _(
            "{value} is not a date or a year: expected YYYY or YYYY-MM-DD, e.g. 2024 or 2024-03-05"
        ).format(value=repr(text))
    )


def last_jobs_year(residents: Iterable[Resident], last_complete_year: int) -> int | None:
    """J: the latest year up to `last_complete_year` in which some resident created more than
    0 jobs; None when there is none. A year that has not ended is never the default."""
    totals: dict[int, int] = {}
    for resident in residents:
        for year, jobs in resident.jobs_created.items():
            if year <= last_complete_year and jobs > 0:
                totals[year] = 1
    return max(totals, default=None)


def resolve_jobs_year(
    residents: Sequence[Resident],
    jobs_year: int | None,
    last_complete_year: int,
    as_of_year: int | None = None,
) -> int | None:
    """The jobs year to use: the one asked for (--jobs-year), else `last_jobs_year`. A year
    asked for after `as_of_year` (the year of the registry's as_of) is a usage error: no
    record can hold jobs for it (projection spec, settled 2026-12-07)."""
    if jobs_year is not None and as_of_year is not None and jobs_year > as_of_year:
        raise UsageError(
            _(
                "--jobs-year {year} is after the registry's as_of year ({as_of_year}): "
                "no record can hold jobs for it; give {as_of_year} or earlier"
            ).format(year=jobs_year, as_of_year=as_of_year)
        )
    return jobs_year if jobs_year is not None else last_jobs_year(residents, last_complete_year)


def apply_filters(residents: Sequence[Resident], filters: Filters) -> list[Resident]:
    """The residents that pass every filter, in input order. Linear in the input size."""
    if not filters.active:
        return list(residents)
    sectors = {s.casefold() for s in filters.sectors}
    cities = {c.casefold() for c in filters.cities}
    needles = tuple(s.casefold() for s in filters.search)
    year = filters.jobs_year if filters.min_jobs is not None else None

    def keep(r: Resident) -> bool:
        if sectors and not any(s.casefold() in sectors for s in r.sectors):
            return False
        if cities and r.city.casefold() not in cities:
            return False
        if filters.exports_to_japan is not None and r.exports_to_japan != filters.exports_to_japan:
            return False
        if filters.joined_since is not None and r.joined < filters.joined_since:
            return False
        if filters.joined_before is not None and r.joined >= filters.joined_before:
            return False
        if needles:
            haystacks = (r.id.casefold(), r.name.casefold(), (r.name_ja or "").casefold())
            if not any(n in h for n in needles for h in haystacks):
                return False
        if filters.min_jobs is not None:
            jobs = jobs_in(r, year) or 0
            if jobs < filters.min_jobs:
                return False
        return True

    return [r for r in residents if keep(r)]


#: The hint for a --city or --sector value no resident has: `{value}` and the suggestion.
_NO_SUCH = {
    "city": N_("no resident has city '{value}'"),
    "sector": N_("no resident has sector '{value}'"),
}


def _missing_value_hints(kind: str, wanted: Sequence[str], present: Sequence[str]) -> list[str]:
    known = {p.casefold() for p in present}
    hints: list[str] = []
    seen: set[str] = set()
    for value in wanted:
        folded = value.casefold()
        if folded in known or folded in seen:
            continue
        seen.add(folded)
        hints.append(_(_NO_SUCH[kind]).format(value=value) + did_you_mean(value, present))
    return hints


def filter_hints(residents: Sequence[Resident], filters: Filters) -> list[str]:
    """One line for each filter value that cannot match because no resident has it."""
    cities = list(dict.fromkeys(r.city for r in residents))
    sectors = list(dict.fromkeys(s for r in residents for s in r.sectors))
    hints = _missing_value_hints("city", filters.cities, cities)
    hints += _missing_value_hints("sector", filters.sectors, sectors)
    if filters.jobs_year is not None:
        years = sorted({year for r in residents for year in r.jobs_created})
        if filters.jobs_year not in years:
            if years:
                listed = ", ".join(str(y) for y in years)
                hints.append(
                    _("no resident has jobs data for {year}; years with data: {years}").format(
                        year=filters.jobs_year, years=listed
                    )
                )
            else:
                hints.append(
                    _("no resident has jobs data for {year} or any year").format(
                        year=filters.jobs_year
                    )
                )
    since, before = filters.joined_since, filters.joined_before
    if since is not None and before is not None and since >= before:
        hints.append(
            _(
                "--joined-since {since} is not before --joined-before {before}, so no "
                "resident can match"
            ).format(since=since.isoformat(), before=before.isoformat())
        )
    return hints


#: What --sort takes: every column `uzit list` can show (see columns.py).
SORT_FIELDS: tuple[str, ...] = COLUMN_NAMES


def sort_field(text: str) -> str:
    """The column a --sort value names (any case, `-` for `_`), a per-year column such as
    `jobs_2025` too, as --columns takes them; ValueError suggests one."""
    name = text.strip().lower().replace("-", "_")
    if name not in COLUMNS and year_column(name) is None:
        raise ValueError(
            _(
                "unknown sort field {value}{suggestion} Valid fields: {fields}, or {per_year}"
            ).format(
                value=repr(text),
                suggestion=did_you_mean(name, SORT_FIELDS, "."),
                fields=", ".join(SORT_FIELDS),
                per_year=per_year_help(None),
            )
        )
    return name


def sort_residents(
    residents: Sequence[Resident],
    field: str,
    *,
    descending: bool = False,
    jobs_year: int | None = None,
) -> list[Resident]:
    """Residents ordered by `field`; ties by id ascending and missing values last, either way.

    Text compares ignoring case; lists compare item by item; `jobs_created` and
    `export_revenue_usd` compare by their totals. `jobs_year` (default: the last year with
    data among `residents`) is the year for `jobs` and `export_revenue`. O(n log n).
    """
    name = sort_field(field)
    by_id = sorted(residents, key=lambda r: r.id)
    per_year = year_column(name)
    if per_year is not None:
        field_name, year_of_column = per_year
        keyed = [(getattr(r, field_name).get(year_of_column), r) for r in by_id]
    else:
        column = COLUMNS[name]
        keyed = [(column.sort_key(r, jobs_year), r) for r in by_id]
    present = [item for item in keyed if item[0] is not None]
    missing = [r for value, r in keyed if value is None]
    # Python's sort is stable even with reverse=True, so equal keys keep the id order.
    present.sort(key=lambda item: item[0], reverse=descending)
    return [r for _, r in present] + missing
