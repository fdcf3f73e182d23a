"""The registry's own history: headline figures of every committed version, and the pace.

Each version is streamed from one `git cat-file --batch` and parsed once, so memory holds one
version at a time. The versions are those of `git log --first-parent`: of a merge, the line HEAD
was built on, so the last row is HEAD's content. `pace` compares the growth achieved between the
first and the last snapshot with the growth the `residents` target needs from the last snapshot
on. Rates are computed through logarithms and bounded (`MAX_ANNUAL_FACTOR`): snapshots a day
apart give "—" and a note, never an overflow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from uzit_cli.language import N_, Phrase, _, english
from uzit_cli.model import Registry, Target
from uzit_cli.problems import Counted, Later, RegistryError, Text, UzitError
from uzit_cli.query import last_jobs_year
from uzit_cli.registry import display_path, parse_registry
from uzit_cli.stats import check_published
from uzit_cli.timeline.snapshots import Version, file_versions, is_shallow, read_versions

if TYPE_CHECKING:  # the projection is imported by `project --history` alone
    from uzit_cli.projection import Projection

DAYS_PER_YEAR = 365.25
# A rate of more than a hundredfold a year says only that the snapshots are too close together
# (1 → 10 residents a day apart is 10^365 a year): it is shown as "—" with a note.
MAX_ANNUAL_FACTOR = 100.0
SHALLOW_NOTE = N_(
    "{path} is in a shallow clone: only the commits fetched are shown, so the history and the "
    "pace may be wrong. Fetch the whole history: git fetch --unshallow (in GitHub Actions, "
    "actions/checkout with fetch-depth: 0)."
)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One committed version of the registry file and its headline figures.

    The figures are None when that version is not a valid registry; `problem` then says why,
    in English (machine formats), and `said` in the reader's language.
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
    said: Text | None = None


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
    path: str,
    *,
    since: str | None = None,
    until: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[HistoryRow], Registry | None]:
    """One row per commit that changed `path`, oldest first, and the newest valid registry.

    `progress(number, total)` is called before each version is read."""
    versions = file_versions(path, since=since, until=until)
    total = len(versions)
    step = None if progress is None else (lambda number: progress(number, total))
    rows: list[HistoryRow] = []
    latest: Registry | None = None
    for version, data in zip(versions, read_versions(path, versions, step), strict=True):
        if data is None:
            said: Text = Phrase("missing")
            rows.append(_invalid_row(version, said))
            continue
        try:
            registry = parse_registry(data, f"{version.commit[:12]}:{version.path}")
        except RegistryError as error:
            count = len(error.problems)
            first: Text = Phrase("invalid")
            if error.problems:  # its message as shown: escaped where it quotes the file
                first = Later(getattr, error.problems[0], "message")
            said = Counted(
                "{count} problem: {first}", "{count} problems: {first}", count, first=first
            )
            rows.append(_invalid_row(version, said))
            continue
        rows.append(figures_row(version, registry))
        latest = registry
    return rows, latest


def _invalid_row(version: Version, said: Text) -> HistoryRow:
    """The row of a version that is not a valid registry: why, in English and as said."""
    with english():
        problem = str(said)
    return HistoryRow(version.commit, version.date, version.path, problem=problem, said=said)


def history_notes(path: str) -> list[str]:
    """What a reader of the history must know about the repository: a shallow clone. Nothing
    when git cannot tell (the history itself then says why)."""
    try:
        shallow = is_shallow(path)
    except UzitError:
        return []
    return [_(SHALLOW_NOTE).format(path=display_path(path))] if shallow else []


def with_history_notes(projection: Projection, path: str) -> Projection:
    """`project --history`'s projection with `history_notes` among its notes."""
    notes = history_notes(path)
    if not notes:
        return projection
    return dataclasses.replace(projection, notes=(*projection.notes, *notes))


def _years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / DAYS_PER_YEAR


def compound_rate(ratio: float, years: float, limit: float | None = None) -> float | None:
    """ratio ** (1 / years) - 1 without overflow; None when it is not defined, not finite, or
    its annual factor exceeds `limit`."""
    if years <= 0 or ratio <= 0 or not math.isfinite(ratio):
        return None
    exponent = math.log(ratio) / years
    if exponent > math.log(limit if limit is not None else sys.float_info.max):
        return None
    return math.expm1(exponent)


def snapshot_growth_rate(
    points: Sequence[tuple[dt.date, int]], limit: float | None = None
) -> float | None:
    """Compound annual growth of residents from the first snapshot to the last, by as_of.

    None when there are not two snapshots with different dates, the first has none, or the
    rate is beyond `limit` (an annual factor; by default, where a float overflows).
    """
    dated = sorted(points)
    if len(dated) < 2:
        return None
    (start, first), (end, last) = dated[0], dated[-1]
    if first <= 0 or last <= 0:
        return None
    return compound_rate(last / first, _years_between(start, end), limit)


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
    end: dt.date | None = None  # the last snapshot
    end_residents: int | None = None
    achieved_note: Text | None = None  # why `achieved` is not shown, when it is not

    @property
    def reached(self) -> bool:
        """Whether the last snapshot already has the goal's residents."""
        return self.end_residents is not None and self.end_residents >= self.goal

    def path(self, when: dt.date) -> float | None:
        """Residents on the target path at `when`; None where that is beyond a float."""
        exponent = math.log1p(self.target_rate) * _years_between(self.start, when)
        if exponent > math.log(sys.float_info.max / max(self.start_residents, 1)):
            return None
        return self.start_residents * math.exp(exponent)


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
    needed = compound_rate(goal / last, remaining) if remaining > 0 and last < goal else None
    achieved = snapshot_growth_rate(points, MAX_ANNUAL_FACTOR)
    note = None
    if achieved is None and start != end and last > 0:
        days = (end - start).days
        note = Counted(
            "from {first} to {last} in {count} day: more than {factor}× a year, too short a "
            "span for an annual rate",
            "from {first} to {last} in {count} days: more than {factor}× a year, too short a "
            "span for an annual rate",
            days,
            first=first,
            last=last,
            factor=format(MAX_ANNUAL_FACTOR, "g"),
        )
    return Pace(
        start=start,
        start_residents=first,
        goal=goal,
        by=target.by,
        factor=target.factor,
        achieved=achieved,
        needed=needed,
        target_rate=math.expm1(math.log(target.factor) / horizon),
        end=end,
        end_residents=last,
        achieved_note=note,
    )
