"""Selecting and ordering residents: the one query core behind `uzit list` and `uzit stats`.

Pure functions over `Resident` records; the CLI turns options into a `Filters` and prints hints.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from uzit_cli.model import Resident

__all__ = [
    "SORT_FIELDS",
    "Filters",
    "apply_filters",
    "closest",
    "filter_hints",
    "jobs_in",
    "last_jobs_year",
    "parse_date_or_year",
    "resolve_jobs_year",
    "sort_residents",
]


@dataclass(frozen=True, slots=True)
class Filters:
    """What to select. Different kinds combine with AND; several values of one kind with OR.

    `jobs_year` does not select anything itself: it is the year `min_jobs` looks at
    (None means the last year with jobs data among the residents being filtered).
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
            raise ValueError(f"{value} is not a valid year: expected YYYY or YYYY-MM-DD")
        return dt.date(year, 1, 1)
    match = _DATE.fullmatch(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{value} is not a calendar date") from None
    raise ValueError(
        f"{text!r} is not a date or a year: expected YYYY or YYYY-MM-DD, e.g. 2024 or 2024-03-05"
    )


def last_jobs_year(residents: Iterable[Resident]) -> int | None:
    """The latest year in which any resident has a jobs_created entry, or None."""
    return max((year for r in residents for year in r.jobs_created), default=None)


def resolve_jobs_year(residents: Sequence[Resident], jobs_year: int | None) -> int | None:
    """The jobs year to use: the one asked for, else the last year with data."""
    return jobs_year if jobs_year is not None else last_jobs_year(residents)


def jobs_in(resident: Resident, year: int | None) -> int | None:
    """Jobs created in `year`, or None when the resident has no entry for it."""
    return None if year is None else resident.jobs_created.get(year)


def apply_filters(residents: Sequence[Resident], filters: Filters) -> list[Resident]:
    """The residents that pass every filter, in input order. Linear in the input size."""
    if not filters.active:
        return list(residents)
    sectors = {s.casefold() for s in filters.sectors}
    cities = {c.casefold() for c in filters.cities}
    needles = tuple(s.casefold() for s in filters.search)
    year = resolve_jobs_year(residents, filters.jobs_year) if filters.min_jobs is not None else None

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


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `value` ignoring case, spelt as given; None when none is close."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(value.casefold(), list(by_folded), n=1)
    return by_folded[matches[0]] if matches else None


def _missing_value_hints(kind: str, wanted: Sequence[str], present: Sequence[str]) -> list[str]:
    known = {p.casefold() for p in present}
    hints: list[str] = []
    seen: set[str] = set()
    for value in wanted:
        folded = value.casefold()
        if folded in known or folded in seen:
            continue
        seen.add(folded)
        hint = f"no resident has {kind} '{value}'"
        suggestion = closest(value, present)
        if suggestion is not None:
            hint += f"; did you mean '{suggestion}'?"
        hints.append(hint)
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
                    f"no resident has jobs data for {filters.jobs_year}; years with data: {listed}"
                )
            else:
                hints.append(f"no resident has jobs data for {filters.jobs_year} or any year")
    since, before = filters.joined_since, filters.joined_before
    if since is not None and before is not None and since >= before:
        hints.append(
            f"--joined-since {since.isoformat()} is not before --joined-before "
            f"{before.isoformat()}, so no resident can match"
        )
    return hints


# Sorting. Each key returns a comparable value, or None when the resident has none (sorted last).
_Key = Callable[[Resident, "int | None"], Any]


def _text(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _texts(values: Sequence[str] | None) -> tuple[str, ...] | None:
    # An empty list shows as an empty cell, so it sorts with the missing ones.
    return tuple(v.casefold() for v in values) if values else None


def _total(values: Mapping[int, Any]) -> Any:
    return sum(values.values()) if values else None


# In the registry's field order, then the derived columns `uzit list` can show.
_SORT_KEYS: dict[str, _Key] = {
    "id": lambda r, _: r.id,
    "name": lambda r, _: _text(r.name),
    "name_ja": lambda r, _: _text(r.name_ja),
    "joined": lambda r, _: r.joined,
    "city": lambda r, _: _text(r.city),
    "sectors": lambda r, _: _texts(r.sectors),
    "exports_to_japan": lambda r, _: r.exports_to_japan,
    "export_markets": lambda r, _: _texts(r.export_markets),
    "headcount": lambda r, _: r.headcount,
    # A by-year mapping sorts by its total over all years.
    "jobs_created": lambda r, _: _total(r.jobs_created),
    "export_revenue_usd": lambda r, _: _total(r.export_revenue_usd),
    "website": lambda r, _: _text(r.website),
    "sources": lambda r, _: _texts(r.sources),
    "note": lambda r, _: _text(r.note),
    # Jobs created in the jobs year.
    "jobs": lambda r, year: jobs_in(r, year),
    "jobs_total": lambda r, _: _total(r.jobs_created),
    # Export revenue in the jobs year.
    "export_revenue": lambda r, year: None if year is None else r.export_revenue_usd.get(year),
}

SORT_FIELDS: tuple[str, ...] = tuple(_SORT_KEYS)


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
    name = field.strip().lower().replace("-", "_")
    key = _SORT_KEYS.get(name)
    if key is None:
        message = f"unknown sort field {field!r}"
        suggestion = closest(name, SORT_FIELDS)
        if suggestion is not None:
            message += f" (did you mean {suggestion!r}?)"
        raise ValueError(f"{message}; valid fields: {', '.join(SORT_FIELDS)}")
    year = resolve_jobs_year(residents, jobs_year)
    by_id = sorted(residents, key=lambda r: r.id)
    keyed = [(key(r, year), r) for r in by_id]
    present = [item for item in keyed if item[0] is not None]
    missing = [r for value, r in keyed if value is None]
    # Python's sort is stable even with reverse=True, so equal keys keep the id order.
    present.sort(key=lambda item: item[0], reverse=descending)
    return [r for _, r in present] + missing
