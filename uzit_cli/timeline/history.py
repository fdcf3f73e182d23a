"""The registry's own history: headline figures of every committed version, and the pace.

Each version is read from git once (one `git cat-file --batch` for all of them) and parsed
once. `pace` compares the growth achieved between the first and the last snapshot with the
growth the `residents` target needs from the last snapshot on.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from uzit_cli.model import Registry, Target
from uzit_cli.problems import RegistryError
from uzit_cli.query import last_jobs_year
from uzit_cli.registry import parse_registry
from uzit_cli.stats import check_published
from uzit_cli.timeline.snapshots import Version, file_versions, read_versions
from uzit_cli.words import plural

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One committed version of the registry file and its headline figures.

    The figures are None when that version is not a valid registry; `problem` then says why.
    """

    commit: str
    date: str
    path: str
    as_of: dt.date | None = None
    residents: int | None = None
    exporting_to_japan: int | None = None
    jobs_year: int | None = None  # the jobs year (see README, "The jobs year")
    jobs: int | None = None
    published_checks: int | None = None
    published_checks_matching: int | None = None
    problem: str | None = None


def figures_row(version: Version, registry: Registry) -> HistoryRow:
    # the jobs year of every other command: the last complete year in which residents created jobs
    year = last_jobs_year(registry.residents, registry.info.last_complete_year)
    checks = check_published(registry.residents, registry.info)
    return HistoryRow(
        commit=version.commit,
        date=version.date,
        path=version.path,
        as_of=registry.info.as_of,
        residents=len(registry.residents),
        exporting_to_japan=sum(r.exports_to_japan for r in registry.residents),
        jobs_year=year,
        jobs=None if year is None else sum(r.jobs_created.get(year, 0) for r in registry.residents),
        published_checks=len(checks),
        published_checks_matching=sum(check.matches for check in checks),
    )


def history(
    path: str, *, since: str | None = None, until: str | None = None
) -> tuple[list[HistoryRow], Registry | None]:
    """One row per commit that changed `path`, oldest first, and the newest valid registry."""
    versions = file_versions(path, since=since, until=until)
    rows: list[HistoryRow] = []
    latest: Registry | None = None
    for version, data in zip(versions, read_versions(path, versions), strict=True):
        if data is None:
            rows.append(HistoryRow(version.commit, version.date, version.path, problem="missing"))
            continue
        try:
            registry = parse_registry(data, f"{version.commit[:12]}:{version.path}")
        except RegistryError as error:
            count = len(error.problems)
            first = error.problems[0].message if error.problems else "invalid"
            problem = f"{plural(count, 'problem')}: {first}"
            rows.append(HistoryRow(version.commit, version.date, version.path, problem=problem))
            continue
        rows.append(figures_row(version, registry))
        latest = registry
    return rows, latest


def _years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / DAYS_PER_YEAR


def snapshot_growth_rate(points: Sequence[tuple[dt.date, int]]) -> float | None:
    """Compound annual growth of residents from the first snapshot to the last, by as_of.

    None when there are not two snapshots with different dates, or the first has none.
    """
    dated = sorted(points)
    if len(dated) < 2:
        return None
    (start, first), (end, last) = dated[0], dated[-1]
    years = _years_between(start, end)
    if years <= 0 or first <= 0 or last <= 0:
        return None
    return float((last / first) ** (1 / years) - 1)


@dataclass(frozen=True, slots=True)
class Pace:
    """Are we on track? The target anchored at the first snapshot, against what happened."""

    start: dt.date
    start_residents: int
    goal: float  # factor × the first snapshot's residents
    by: int
    factor: float
    achieved: float | None  # annual rate from the first snapshot to the last
    needed: float | None  # annual rate from the last snapshot to reach the goal by `by`
    target_rate: float  # the rate of the target path itself

    def path(self, when: dt.date) -> float:
        """Residents on the target path at `when`."""
        return float(
            self.start_residents * (1 + self.target_rate) ** _years_between(self.start, when)
        )


def pace(rows: Sequence[HistoryRow], target: Target | None) -> Pace | None:
    """The pace of the `residents` target (factor and by) over the valid snapshots."""
    points = [(r.as_of, r.residents) for r in rows if r.as_of is not None and r.residents]
    if target is None or target.factor is None or target.by is None or not points:
        return None
    points.sort()
    (start, first), (end, last) = points[0], points[-1]
    horizon = target.by - start.year
    if horizon <= 0:
        return None
    goal = target.factor * first
    remaining = target.by - end.year
    needed = (goal / last) ** (1 / remaining) - 1 if remaining > 0 else None
    return Pace(
        start=start,
        start_residents=first,
        goal=goal,
        by=target.by,
        factor=target.factor,
        achieved=snapshot_growth_rate(points),
        needed=needed,
        target_rate=math.pow(target.factor, 1 / horizon) - 1,
    )
