"""`uzit project --history`: the trend scenario estimated from the registry's `as_of` snapshots.

The projection model's trend measures growth from the residents' `joined` dates. A registry
kept in git has a better witness: the number of residents each committed version reported on
its `as_of` day. `history_trend_rate` is that estimate (pure); `with_history_trend` puts it in
place of the joined-date trend in a finished `Projection`, leaving the projection code as it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from uzit_cli.model import Registry
from uzit_cli.projection import (
    SCENARIO_NAMES,
    Projection,
    ProjectionOptions,
    Scenario,
    project_scenarios,
)
from uzit_cli.timeline.history import HistoryRow, snapshot_growth_rate
from uzit_cli.words import plural


@dataclass(frozen=True, slots=True)
class HistoryTrend:
    rate: float
    start: dt.date
    end: dt.date
    residents_from: int
    residents_to: int
    snapshots: int  # distinct as_of dates used


def snapshot_points(
    rows: Sequence[HistoryRow], current: Registry | None = None
) -> list[tuple[dt.date, int]]:
    """Residents per distinct as_of, the latest commit (then the working file) winning."""
    points: dict[dt.date, int] = {}
    for row in rows:  # oldest first: a later commit with the same as_of corrects it
        if row.as_of is not None and row.residents is not None:
            points[row.as_of] = row.residents
    if current is not None:
        points[current.info.as_of] = len(current.residents)
    return sorted(points.items())


def history_trend_rate(points: Sequence[tuple[dt.date, int]]) -> HistoryTrend | str:
    """The compound annual growth from the first snapshot to the last, or why there is none."""
    if len(points) < 2:
        dates = plural(len(points), "distinct as_of date")
        return f"the git history has {dates}, and a rate needs two"
    rate = snapshot_growth_rate(points)
    (start, first), (end, last) = points[0], points[-1]
    if rate is None:
        return f"the snapshots of {start} ({first}) and {end} ({last}) give no growth rate"
    return HistoryTrend(rate, start, end, first, last, len(points))


def _pct(rate: float) -> str:
    return f"{rate * 100:.1f} %"


def with_history_trend(
    projection: Projection,
    registry: Registry,
    options: ProjectionOptions,
    found: HistoryTrend | str,
) -> Projection:
    """The projection with its trend scenario estimated from the snapshots where possible;
    a note says which estimate the trend uses, and why."""
    if options.scenarios and "trend" not in options.scenarios:
        return projection
    if isinstance(found, str):
        note = f"trend: estimated from the joined dates, not the git history: {found}"
        return dataclasses.replace(projection, notes=(*projection.notes, note))
    one = dataclasses.replace(options, scenarios=("custom",), growth_rate=found.rate)
    computed = project_scenarios(registry, one)
    custom = computed.scenarios[0]
    examples = tuple(
        "trend" + f.removeprefix("custom") for f in computed.formulas if f.startswith("custom, ")
    )
    years = (found.end - found.start).days / 365.25
    warnings: tuple[str, ...] = ()
    if years < 1:
        days = plural((found.end - found.start).days, "day")
        warnings = (f"estimated from snapshots only {days} apart",)
    trend = Scenario(
        name="trend",
        description=(
            f"residents grow {_pct(found.rate)} a year, the compound growth between the as_of "
            f"snapshots in git history ({found.start}: {found.residents_from}, "
            f"{found.end}: {found.residents_to})"
        ),
        annual_growth_rate=found.rate,
        assumptions=MappingProxyType(
            {
                "estimator": "(R(last) ÷ R(first))^(1 ÷ years) − 1 over the as_of snapshots",
                "from_as_of": found.start.isoformat(),
                "to_as_of": found.end.isoformat(),
                "residents_from": found.residents_from,
                "residents_to": found.residents_to,
                "snapshots": found.snapshots,
                "source": "git history",
            }
        ),
        years=custom.years,
        warnings=warnings,
    )
    order = {name: index for index, name in enumerate(SCENARIO_NAMES)}
    scenarios = sorted(
        [s for s in projection.scenarios if s.name != "trend"] + [trend],
        key=lambda s: order.get(s.name, len(order)),
    )
    formula = (
        f"trend (from git history): g = (R({found.end}) ÷ R({found.start}))^(1 ÷ {years:.3f}) − 1 "
        f"= ({found.residents_to} ÷ {found.residents_from})^(1 ÷ {years:.3f}) − 1 "
        f"= {found.rate:.6g} ({_pct(found.rate)} a year)"
    )
    note = (
        f"trend: estimated from the as_of snapshots in git history "
        f"({plural(found.snapshots, 'date')}, "
        f"{found.start} to {found.end}), not from the joined dates"
    )
    return dataclasses.replace(
        projection,
        scenarios=tuple(scenarios),
        omitted=tuple(o for o in projection.omitted if o.name != "trend"),
        formulas=(
            *(f for f in projection.formulas if not f.startswith(("trend:", "trend, "))),
            formula,
            *examples,
        ),
        notes=(*projection.notes, note),
    )


def history_trend_for(path: str, registry: Registry) -> HistoryTrend | str:
    """The history-based trend of the registry file at `path`, or why there is none."""
    from uzit_cli.problems import UzitError
    from uzit_cli.timeline.history import history

    try:
        rows, _ = history(path)
    except UzitError as error:
        return str(error)
    return history_trend_rate(snapshot_points(rows, registry))
