"""Growth over time (`uzit stats --growth`): a figure per year, the change from the year
before, and the compound annual rate over the whole span.

Pure. Definitions (the README repeats them):

- residents in a year: n(t), the residents whose `joined` is on or before 31 December of t
  (as the projection's trend counts them); exporters: those of them exporting to Japan now
  (one snapshot cannot tell when a resident started exporting); jobs: the jobs created in t.
- the change from the year before, absolute and as a share of the year before (None where
  that year is 0); a year that had not ended at the registry's as_of is "so far": its
  absolute change is shown, but it is left out of every rate.
- the compound annual rate: `compound_rate` from the first complete year with a value above
  0 to the last complete year. The projection's trend scenario uses the same function, over
  its last three years: (n(L) ÷ n(L − k))^(1 ÷ k) − 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from uzit_cli.model import Resident

Number = int | float
SERIES = ("residents", "exporters", "jobs")


def compound_rate(start: float, end: float, years: int) -> float | None:
    """The compound annual rate that takes `start` to `end` in `years` years:
    (end ÷ start)^(1 ÷ years) − 1; None when `start` is not above 0, `end` is below 0 or
    `years` is not above 0. The one definition of growth over a span (see the module)."""
    if start <= 0 or years <= 0 or end < 0:
        return None
    return float((end / start) ** (1 / years)) - 1


@dataclass(frozen=True, slots=True)
class YearChange:
    year: int
    value: Number
    change: Number | None  # None in the first year
    change_share: float | None  # None in the first year, after a 0, and in a "so far" year
    so_far: bool  # the year had not ended at as_of


@dataclass(frozen=True, slots=True)
class SpanRate:
    """The compound annual rate from `first` to `last` (complete years)."""

    first: int
    last: int
    start: Number
    end: Number
    rate: float


def year_changes(values: Mapping[int, Number], last_complete_year: int) -> list[YearChange]:
    """Each year of `values` (ascending) with its change from the year before."""
    changes = []
    previous: Number | None = None
    for year in sorted(values):
        value = values[year]
        so_far = year > last_complete_year
        change = None if previous is None else value - previous
        share = None
        if change is not None and previous and not so_far:
            share = change / previous
        changes.append(YearChange(year, value, change, share, so_far))
        previous = value
    return changes


def span_rate(values: Mapping[int, Number], last_complete_year: int) -> SpanRate | None:
    """The compound annual rate over the complete years from the first with a value above 0
    to the last; None with fewer than two such years."""
    years = [y for y in sorted(values) if y <= last_complete_year]
    first = next((y for y in years if values[y] > 0), None)
    if first is None or not years or years[-1] <= first:
        return None
    last = years[-1]
    rate = compound_rate(values[first], values[last], last - first)
    if rate is None:
        return None
    return SpanRate(first, last, values[first], values[last], rate)


def yearly_series(residents: Sequence[Resident], as_of_year: int) -> dict[str, dict[int, int]]:
    """Residents and exporters at each year's end, from the first joined year to the as_of
    year; jobs created in each year any resident reports, gap years as 0."""
    if not residents:
        return {name: {} for name in SERIES}
    first = min(r.joined.year for r in residents)
    jobs: dict[int, int] = {}
    for resident in residents:
        for year, count in resident.jobs_created.items():
            jobs[year] = jobs.get(year, 0) + count
    span = range(first, max(as_of_year, *(r.joined.year for r in residents)) + 1)
    return {
        "residents": {y: sum(r.joined.year <= y for r in residents) for y in span},
        "exporters": {
            y: sum(r.joined.year <= y and r.exports_to_japan for r in residents) for y in span
        },
        "jobs": {y: jobs.get(y, 0) for y in range(min(jobs), max(jobs) + 1)} if jobs else {},
    }
