"""`uzit history [PATH]`: the headline figures of every committed version of the registry."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated

import typer

from uzit_cli.cli.common import (
    OutputOptions,
    RegistryOptions,
    check_environment_path,
    described,
    refuse_empty_path,
    streams_of,
)
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.language import N_, _
from uzit_cli.output import Format, Stream
from uzit_cli.output.bars import write_chart
from uzit_cli.problems import UsageError
from uzit_cli.registry import display_path
from uzit_cli.timeline.history import history, history_notes
from uzit_cli.views.history import history_chart, history_report, registry_pace

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
    if path is None:  # a path from UZIT_REGISTRY that does not exist says so
        check_environment_path(source.registry, display_path(chosen))
    streams = streams_of(ctx)
    progress = _progress(streams.err) if streams.err.is_terminal else None
    try:
        rows, latest = history(chosen, since=since, until=until, progress=progress)
    finally:
        if progress is not None:
            progress(0, 0)  # clears the line
    found = registry_pace(rows, latest)
    report = history_report(rows, found, latest)
    out = streams.out
    output.write(report, out)
    shown = output.chosen(out)
    if shown is Format.table and rows:
        fitted = dataclasses.replace(out, width=output.width) if output.width else out
        write_chart(history_chart(rows, found), fitted, rich=True)
    for note in history_notes(chosen):  # in every format: what the rows leave out
        streams.err.file.write(_("uzit: warning: {message}").format(message=note) + "\n")
