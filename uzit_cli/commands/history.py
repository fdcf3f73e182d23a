"""`uzit history [PATH]`: the headline figures of every committed version of the registry."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer

from uzit_cli.cli.common import (
    OutputOptions,
    RegistryOptions,
    described,
    refuse_empty_path,
    streams_of,
    translated_columns,
)
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.language import N_, _, _n
from uzit_cli.numbers import NOTHING, percent, whole
from uzit_cli.output import Column, Format, Report, Stream, View
from uzit_cli.output.bars import Chart, ChartGroup, Measure, write_chart
from uzit_cli.problems import UsageError
from uzit_cli.timeline.history import HistoryRow, Pace, history, history_notes, pace
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
    Column("problem", N_("Problem")),
)


def _percent(rate: float | None) -> str:
    return NOTHING if rate is None else _("{rate}/yr").format(rate=percent(rate))


def history_row(row: HistoryRow) -> dict[str, Any]:
    checks = (
        None
        if row.published_checks is None
        else _("{matching} of {published}").format(
            matching=whole(row.published_checks_matching or 0),
            published=whole(row.published_checks),
        )
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
    }


def pace_text(found: Pace | None) -> str | None:
    if found is None:
        return None
    achieved = _percent(found.achieved)
    if found.achieved_note:
        achieved = _("{rate} ({note})").format(rate=achieved, note=found.achieved_note)
    if found.reached:
        end = found.end_residents or 0
        needed = _n(
            "reached: the last snapshot has {count} resident",
            "reached: the last snapshot has {count} residents",
            end,
        ).format(count=whole(end))
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
        factor=format(found.factor, "g"),
        count=whole(found.start_residents),
        start=found.start,
        year=found.by,
        goal=format(found.goal, "g"),
        achieved=achieved,
        needed=needed,
    )


def history_report(
    rows: Sequence[HistoryRow], found: Pace | None, notices: Sequence[str]
) -> Report:
    count = len(rows)
    caption = _n("{count} version", "{count} versions", count).format(count=whole(count))
    if found is not None:
        caption = _("{versions} · {pace}").format(versions=caption, pace=pace_text(found))
    shown = [history_row(row) for row in rows]
    view = View(
        translated_columns(HISTORY_COLUMNS),
        [{**row, "jobs_year": _year_text(row["jobs_year"])} for row in shown],
        title=_(
            "The registry's history, one row per commit that changed it (first parents "
            "of merges: the last row is HEAD's content)"
        ),
        caption=caption,
        blocks=True,
    )
    machine = [column.key for column in HISTORY_COLUMNS if column.audience != "people"]
    document = [{key: row[key] for key in machine} for row in shown]
    return Report([view], document=document, notices=notices)


def _year_text(year: int | None) -> str | None:
    return None if year is None else str(year)  # 2024, not 2,024


def history_chart(rows: Sequence[HistoryRow], found: Pace | None) -> Chart:
    """Residents at every snapshot, with the target path beside them when there is a target."""
    valid = [row for row in rows if row.as_of is not None and row.residents is not None]
    labels = [f"{row.as_of} {row.commit[:7]}" for row in valid]
    values: list[list[float]] = []
    for row in valid:
        assert row.as_of is not None and row.residents is not None
        bars = [float(row.residents)]
        if found is not None:
            on_path = found.path(row.as_of)
            bars.append(float("nan") if on_path is None else on_path)
        values.append(bars)
    measures = [Measure(_("Residents"), unit="residents")]
    if found is not None:  # on the residents' scale
        measures.append(Measure(_("Target path"), 1, unit="residents"))
    return Chart(
        title=_("Residents at each committed version (by as_of)"),
        measures=measures,
        groups=[ChartGroup(_("History"), labels, values)],
        # the on-track line is the table's caption, just above
        note=None if found else _("No residents target with a factor: no target path to draw."),
        shared_scale=True,
    )


PROGRESS_FROM = 20  # versions: a shorter history is read before anyone waits for it


def _progress(err: Stream) -> Callable[[int, int], None]:
    """A one-line note on a terminal's standard error while a long history is read."""
    shown = [False]

    def note(number: int, total: int) -> None:
        if total >= PROGRESS_FROM:
            err.file.write(
                "\r" + _("Reading version {number} of {total}…").format(number=number, total=total)
            )
            err.file.flush()
            shown[0] = True
        elif total == 0 and shown[0]:
            err.file.write("\r\x1b[K")
            err.file.flush()

    return note


@described(
    N_(
        """\
Show the headline figures of every committed version of the registry file (git log
--follow --first-parent: of a merge, the line the branch was built on, so the last row is
HEAD's), oldest first: residents, exporters, jobs in the jobs year and the published
checks. On a terminal a chart of residents against the target path says whether the
registry is on track. In a shallow clone a warning says that commits are missing.

\b
Examples:
  uzit history
  uzit history data/residents.yaml --since 2025-01-01 -f csv"""
    )
)
@takes_groups
def history_command(
    ctx: typer.Context,
    source: RegistryOptions,
    output: OutputOptions,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help=N_(
                "Registry file tracked in git. Default: the selected registry "
                "($UZIT_REGISTRY, else the bundled one). Example: data/residents.yaml"
            ),
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help=N_(
                "Only commits after DATE (anything git log --since takes). "
                "Example: --since 2025-01-01"
            ),
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help=N_(
                "Only commits before DATE (anything git log --until takes). "
                "Example: --until 2025-12-31"
            ),
        ),
    ] = None,
) -> None:
    refuse_empty_path(
        path,
        given=_('an unset variable in uzit history "$VAR"?'),
        fix=_("leave PATH out to read the selected registry"),
    )
    chosen = path or source.path
    if chosen == "-":
        raise UsageError(_("history needs a file tracked in git, not standard input"))
    streams = streams_of(ctx)
    progress = _progress(streams.err) if streams.err.is_terminal else None
    try:
        rows, latest = history(chosen, since=since, until=until, progress=progress)
    finally:
        if progress is not None:
            progress(0, 0)  # clears the line
    target = latest.info.target("residents") if latest is not None else None
    found = pace(rows, target)
    notices = illustrative_notices(latest) if latest is not None else ()
    report = history_report(rows, found, notices)
    out = streams.out
    output.write(report, out)
    shown = output.chosen(out)
    if shown is Format.table and rows:
        fitted = dataclasses.replace(out, width=output.width) if output.width else out
        write_chart(history_chart(rows, found), fitted, rich=True)
    for note in history_notes(chosen):  # in every format: what the rows leave out
        streams.err.file.write(_("uzit: warning: {message}").format(message=note) + "\n")
