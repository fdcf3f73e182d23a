"""`uzit project --history`: the as_of snapshots of the registry's git history, for the trend.

The projection model's trend measures growth from the residents' `joined` dates. A registry
kept in git has a better witness: the number of residents each committed version reported on
its `as_of` day. This module gathers those snapshots (`Snapshots`); the trend scenario
(projection/scenarios.py) estimates its rate from them, by the same rule as from the joined
dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from uzit_cli.model import Registry
from uzit_cli.projection import Snapshots
from uzit_cli.timeline.history import HistoryRow


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


def snapshots_for(path: str, registry: Registry) -> Snapshots:
    """The as_of snapshots of the registry file at `path`, or why there are none: in English
    (what `project -f json` carries) and, when the reader's language is another, in it too."""
    from uzit_cli.language import ENGLISH, current, english
    from uzit_cli.problems import UzitError
    from uzit_cli.timeline.history import history

    try:
        rows, _ = history(path)
    except UzitError as error:
        if current() == ENGLISH:
            return Snapshots(problem=str(error))
        with english():  # the same question again, for the English words of its answer
            try:
                history(path)
            except UzitError as again:
                return Snapshots(problem=str(again), problem_shown=str(error))
        return Snapshots(problem=str(error))
    return Snapshots(tuple(snapshot_points(rows, registry)))
