"""The registry's history as a Report: the rows of `uzit history`, the chart its terminal
table draws, and the figure the HTML page draws (`uzit report`). One builder for both, so the
page and the command show the same rows, labels and pace."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from uzit_cli.language import N_, _, _n
from uzit_cli.model import Registry
from uzit_cli.numbers import NOTHING, date, percent, plain, share, whole
from uzit_cli.output import Column, Report, View
from uzit_cli.output.bars import Chart, ChartGroup, Measure
from uzit_cli.output.report import Figure, Series
from uzit_cli.timeline.history import HistoryRow, Pace, pace
from uzit_cli.views.notices import illustrative_notices

HISTORY_COLUMNS = (
    Column("date", N_("Date"), "date"),
    Column("commit", N_("Commit"), whole=True),  # a hash to copy, never broken
    Column("as_of", N_("As of"), "date"),
    Column("residents", N_("Residents"), "int"),
    # left out of a narrow table, Checks first
    Column(
        "exporting_to_japan",
        N_("Exporting to Japan"),
        "int",
        short_header=N_("To Japan"),
        priority=2,
    ),
    Column("jobs_year", N_("Jobs year"), whole=True),
    Column("jobs", N_("Jobs"), "int"),
    Column(
        "checks",
        N_("Published figures reproduced"),
        audience="people",
        short_header=N_("Checks"),
        priority=3,
        whole=True,
    ),
    Column("published_checks", "published_checks", "int", audience="machines"),
    Column("published_checks_matching", "published_checks_matching", "int", audience="machines"),
    Column("problem", N_("Problem"), audience="machines"),  # English in every language
    Column("problem_said", N_("Problem"), audience="people"),  # in the reader's language
)

#: The most versions the page's figure draws: a longer history is read in the table.
FIGURE_VERSIONS = 60


def _percent(rate: float | None) -> str:
    return NOTHING if rate is None else _("{rate}/yr").format(rate=percent(rate))


def history_row(row: HistoryRow) -> dict[str, Any]:
    checks = (
        None
        if row.published_checks is None
        else share(row.published_checks_matching or 0, row.published_checks)
    )
    return {
        "date": row.date,
        "commit": row.commit[:12],
        "path": row.path,
        "as_of": row.as_of,
        "residents": row.residents,
        "exporting_to_japan": row.exporting_to_japan,
        "jobs_year": row.jobs_year,  # a number, as in stats and project; drawn as a year
        "jobs": row.jobs,
        "checks": checks,
        "published_checks": row.published_checks,
        "published_checks_matching": row.published_checks_matching,
        "problem": row.problem,
        "problem_said": None if row.said is None else str(row.said),
    }


def pace_text(found: Pace | None) -> str | None:
    """Whether the registry is on track for its residents target, in one sentence."""
    if found is None:
        return None
    achieved = _percent(found.achieved)
    if found.achieved_note:
        achieved = _("{rate} ({note})").format(rate=achieved, note=found.achieved_note)
    if found.reached:
        residents = found.end_residents or 0
        needed = _n(
            "reached: the last snapshot has {count} resident",
            "reached: the last snapshot has {count} residents",
            residents,
        ).format(count=whole(residents))
    elif found.needed is None:
        needed = _("not reached, and {year} is not after the last snapshot's year").format(
            year=found.by
        )
    else:
        needed = _("needed from the last snapshot: {rate}").format(rate=_percent(found.needed))
    return _n(
        "Target: {factor}× the {count} resident of {start} by {year} ({goal}). "
        "Achieved so far: {achieved}; {needed}.",
        "Target: {factor}× the {count} residents of {start} by {year} ({goal}). "
        "Achieved so far: {achieved}; {needed}.",
        found.start_residents,
    ).format(
        factor=plain(found.factor),
        count=whole(found.start_residents),
        start=date(found.start),
        year=found.by,
        goal=plain(found.goal),
        achieved=achieved,
        needed=needed,
    )


def registry_pace(rows: Sequence[HistoryRow], latest: Registry | None) -> Pace | None:
    """The pace of the newest valid version's `residents` target over the history."""
    target = latest.info.target("residents") if latest is not None else None
    return pace(rows, target)


def history_report(
    rows: Sequence[HistoryRow], found: Pace | None, latest: Registry | None
) -> Report:
    """`uzit history`'s rows (one per committed version) with the pace in the caption; the
    page draws its figure above the table."""
    count = len(rows)
    caption = _n("{count} version", "{count} versions", count).format(count=whole(count))
    if found is not None:
        caption = _("{versions} · {pace}").format(versions=caption, pace=pace_text(found))
    shown = [history_row(row) for row in rows]
    view = View(
        HISTORY_COLUMNS,
        [{**row, "jobs_year": _year_text(row["jobs_year"])} for row in shown],
        title=_(
            "The registry's history, one row per commit that changed it (first parents of "
            "merges: the last row is HEAD's content)"
        ),
        caption=caption,
        blocks=True,
        figures=history_figures(rows, found),
    )
    machine = [column.key for column in HISTORY_COLUMNS if column.audience != "people"]
    document = [{key: row[key] for key in machine} for row in shown]
    notices = illustrative_notices(latest) if latest is not None else ()
    return Report([view], document=document, notices=notices)


def _year_text(year: int | None) -> str | None:
    return None if year is None else str(year)  # 2024, not 2,024


def _snapshots(rows: Sequence[HistoryRow]) -> list[HistoryRow]:
    """The versions that are valid registries: those a chart can place."""
    return [row for row in rows if row.as_of is not None and row.residents is not None]


def _target_path(valid: Sequence[HistoryRow], found: Pace | None) -> list[float] | None:
    if found is None:
        return None
    path = [found.path(row.as_of) for row in valid if row.as_of is not None]
    return [math.nan if value is None else value for value in path]


def _version_label(row: HistoryRow) -> str:
    """A version on a chart: its as_of as the reader writes a date, and its short commit."""
    assert row.as_of is not None
    return f"{date(row.as_of)} {row.commit[:7]}"


def history_chart(rows: Sequence[HistoryRow], found: Pace | None) -> Chart:
    """Residents at every snapshot, with the target path beside them when there is a target."""
    valid = _snapshots(rows)
    labels = [_version_label(row) for row in valid]
    path = _target_path(valid, found)
    values: list[list[float]] = []
    for index, row in enumerate(valid):
        assert row.residents is not None
        values.append([float(row.residents), *([path[index]] if path is not None else [])])
    measures = [Measure(_("Residents"), unit="residents")]
    if found is not None:  # on the residents' scale
        measures.append(Measure(_("Target path"), 1, unit="residents"))
    return Chart(
        title=_("Residents at each committed version (by as_of)"),
        measures=measures,
        groups=[ChartGroup("", labels, values)],  # one block: the title above is its heading
        # the on-track line is the table's caption, just above
        note=None if found else _("No residents target with a factor: no target path to draw."),
        shared_scale=True,
    )


def history_figures(rows: Sequence[HistoryRow], found: Pace | None) -> tuple[Figure, ...]:
    """The page's figure: residents at each snapshot, and the target path when there is one;
    none for fewer than two snapshots or more than FIGURE_VERSIONS."""
    valid = _snapshots(rows)
    if not 2 <= len(valid) <= FIGURE_VERSIONS:
        return ()
    series = [Series(_("Residents"), [float(row.residents or 0) for row in valid])]
    path = _target_path(valid, found)
    if path is not None and all(math.isfinite(value) for value in path):
        series.append(Series(_("Target path"), path))
    return (
        Figure(
            "line",
            _("Residents at each committed version (by as_of)"),
            [_version_label(row) for row in valid],
            series,
            axis=_("residents"),
        ),
    )
