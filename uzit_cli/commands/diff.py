"""`uzit diff [OLD [NEW]]`: what changed between two registries, in any format, gateable in CI.

As `git diff`: with no argument the registry's last commit against the working file, with one
revision that revision against it, with two the two snapshots given.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, TextIO

import typer

from uzit_cli.cli.common import (
    FormatOption,
    JqOption,
    NoHeaderOption,
    RegistryOption,
    emit,
    illustrative_notices,
    registry_path,
    streams_of,
    with_jq,
)
from uzit_cli.model import Registry, Resident
from uzit_cli.output import Column, Format, Report, Stream, View, resolve_format
from uzit_cli.output.streams import described
from uzit_cli.problems import UsageError
from uzit_cli.timeline.changes import FieldChange, RecordChanges, RegistryDiff, diff_registries
from uzit_cli.timeline.snapshots import GIT_PREFIX, load_both, shown_spec
from uzit_cli.words import plural

CHANGED_EXIT = 3  # as `git diff --exit-code` exits 1; ours keeps 1 and 2 for errors

MARKS = {"added": "+", "removed": "-", "changed": "~", "renamed": "→"}
STYLES = {"added": "green", "removed": "red", "changed": "yellow", "renamed": "cyan"}

CHANGE_COLUMNS = (
    Column("mark", "", audience="people"),
    Column("change", "Change"),
    Column("kind", "Kind"),
    Column("id", "ID"),
    Column("field", "Field"),
    Column("old", "Old"),
    Column("new", "New"),
)

FIGURE_COLUMNS = (
    Column("metric", "Figure"),
    Column("year", "Year"),
    Column("old", "Old", "int"),
    Column("new", "New", "int"),
    Column("delta", "Change", "int"),
)

FIGURE_LABELS = {
    "residents": "Residents",
    "exporting_to_japan": "Exporting to Japan",
    "jobs_created": "Jobs created",
    "published_checks": "Published figures",
    "published_checks_matching": "Published figures reproduced",
}


def value_text(value: Any) -> str | None:
    """A field's value as one cell: ISO dates, lists joined by commas, true/false."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return ", ".join(str(item) for item in value)
    return str(value)


def _row(change: str, kind: str, key: str, field: str | None, old: Any, new: Any) -> dict[str, Any]:
    return {
        "mark": MARKS[change],
        "change": change,
        "kind": kind,
        "id": key,
        "field": field,
        "old": value_text(old),
        "new": value_text(new),
    }


def _record_rows(kind: str, changes: RecordChanges) -> Iterator[dict[str, Any]]:
    for key in changes.added:
        yield _row("added", kind, key, None, None, None)
    for key in changes.removed:
        yield _row("removed", kind, key, None, None, None)
    for item in changes.changed:
        yield _row("changed", kind, item.id, item.field, item.old, item.new)


def change_rows(diff: RegistryDiff) -> list[dict[str, Any]]:
    """One row per change: residents, renames, field changes, sources, targets, header."""
    rows = [_row("added", "resident", r.id, "name", None, r.name) for r in diff.added]
    rows += [_row("removed", "resident", r.id, "name", r.name, None) for r in diff.removed]
    rows += [_row("renamed", "resident", x.new_id, "id", x.old_id, x.new_id) for x in diff.renamed]
    rows += [_row("changed", "resident", c.id, c.field, c.old, c.new) for c in diff.changed]
    rows += _record_rows("source", diff.sources)
    rows += _record_rows("target", diff.targets)
    rows += [_row("changed", "registry", c.id, c.field, c.old, c.new) for c in diff.header]
    return rows


def figure_rows(diff: RegistryDiff) -> list[dict[str, Any]]:
    return [
        {
            "metric": figure.metric,
            "label": FIGURE_LABELS.get(figure.metric, figure.metric),
            "year": figure.year,
            "old": figure.old,
            "new": figure.new,
            "delta": figure.delta,
        }
        for figure in diff.figures
    ]


def _field_changes(changes: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
    return [{"id": c.id, "field": c.field, "old": c.old, "new": c.new} for c in changes]


def _records(changes: RecordChanges) -> dict[str, Any]:
    return {
        "added": list(changes.added),
        "removed": list(changes.removed),
        "changed": _field_changes(changes.changed),
    }


def _resident(resident: Resident) -> dict[str, Any]:
    return {"id": resident.id, "name": resident.name, "joined": resident.joined}


def diff_document(diff: RegistryDiff, old: str, new: str) -> dict[str, Any]:
    """The `--format json` contract of `uzit diff` (documented in the README)."""
    return {
        "old": old,
        "new": new,
        "changed_anything": diff.has_changes,
        "added": [_resident(r) for r in diff.added],
        "removed": [_resident(r) for r in diff.removed],
        "changed": _field_changes(diff.changed),
        "renamed": [{"old_id": x.old_id, "new_id": x.new_id, "name": x.name} for x in diff.renamed],
        "sources": _records(diff.sources),
        "targets": _records(diff.targets),
        "registry": [{"field": c.field, "old": c.old, "new": c.new} for c in diff.header],
        "figures": [
            {k: row[k] for k in ("metric", "year", "old", "new", "delta")}
            for row in figure_rows(diff)
        ],
    }


def diff_report(diff: RegistryDiff, old: str, new: str, registry: Registry) -> Report:
    rows = change_rows(diff)
    count = len(rows)
    changes = View(
        CHANGE_COLUMNS,
        rows,
        title=f"Changes from {old} to {new}",
        caption=plural(count, "change") if count else "No changes.",
    )
    figures = View(
        (Column("label", "Figure", audience="people"), *FIGURE_COLUMNS[1:]),
        [
            {**row, "year": None if row["year"] is None else str(row["year"])}
            for row in figure_rows(diff)
        ],
        title="Headline figures",
    )
    return Report(
        [changes, figures],
        document=diff_document(diff, old, new),
        notices=illustrative_notices(registry),
    )


def write_summary(report: Report, stream: Stream | TextIO) -> None:
    """The terminal summary: one coloured line per change, marked +, -, ~ or → as well."""
    from rich.text import Text

    from uzit_cli.output.console import make_console
    from uzit_cli.output.table import write_tables
    from uzit_cli.output.values import inert

    stream = described(stream)
    console = make_console(stream)
    for notice in report.notices:
        console.print(Text(inert(notice), style="bold yellow"))
    changes = report.views[0]
    if changes.title:
        console.print(Text(inert(changes.title), style="bold"))
    for row in changes.rows:
        console.print(_summary_line(row, Text, inert))
    if changes.caption:
        console.print(Text(inert(changes.caption)))
    console.print()
    write_tables(Report(report.views[1:]), stream)


def _summary_line(row: Mapping[str, Any], text: Any, inert: Any) -> Any:
    change, kind = row["change"], row["kind"]
    label = "" if kind == "resident" else f"{kind} "
    line = f"{row['mark']} {label}{row['id']}"
    if change == "renamed":
        line += f"  renamed from {row['old']} (likely the same resident)"
    elif change == "added" and kind == "resident":
        line += f"  {row['new']}"
    elif change == "removed" and kind == "resident":
        line += f"  {row['old']}"
    elif change == "changed":
        old = "(none)" if row["old"] is None else row["old"]
        new = "(none)" if row["new"] is None else row["new"]
        line += f"  {row['field']}: {old} → {new}"
    return text(inert(line), style=STYLES[change])


def shown_name(spec: str) -> str:
    """How a snapshot is named in the output: as given, with what a terminal would act on
    escaped (git specs as plain paths are)."""
    return shown_spec(spec)


def snapshot_pair(old: str | None, new: str | None, registry: str | None) -> tuple[str, str]:
    """OLD and NEW as given, or as `git diff` reads fewer arguments: none is the registry's
    last commit (`git:HEAD:PATH`) against the working file, one is that revision against it."""
    if old is not None and new is not None:
        return old, new
    working = registry_path(registry)
    if working == "-":
        raise UsageError("diff compares standard input only with OLD and NEW both given")
    if old is None:
        return f"{GIT_PREFIX}HEAD:{working}", working
    if old == "-" or old.startswith(GIT_PREFIX) or os.path.lexists(old):
        raise UsageError(
            f"'{shown_spec(old)}' is a file, not a revision: give NEW as well "
            "(uzit diff OLD NEW), or one revision to compare the working registry with "
            "(uzit diff HEAD~1)"
        )
    if ":" in old:
        raise UsageError(f"'{shown_spec(old)}' is not a revision: use git:REV:PATH OTHER")
    return f"{GIT_PREFIX}{old}:{working}", working


STAT_COLUMNS = (
    Column("id", "ID", whole=True),
    Column("change", "Change"),
    Column("fields", "Fields"),
)


def stat_rows(diff: RegistryDiff) -> list[dict[str, Any]]:
    """One row per changed resident: added, removed, renamed or changed, and which fields."""
    fields: dict[str, list[str]] = {}
    for change in diff.changed:
        fields.setdefault(change.id, []).append(change.field)
    rows = [{"id": r.id, "change": "added", "fields": []} for r in diff.added]
    rows += [{"id": r.id, "change": "removed", "fields": []} for r in diff.removed]
    renamed = {x.new_id: x.old_id for x in diff.renamed}
    rows += [
        {"id": new_id, "change": "renamed", "old_id": old_id, "fields": fields.pop(new_id, [])}
        for new_id, old_id in renamed.items()
    ]
    rows += [{"id": key, "change": "changed", "fields": names} for key, names in fields.items()]
    return rows


def stat_lines(diff: RegistryDiff) -> list[str]:
    """`--stat` for people: ` ID | what changed` per resident, then a count, as git's."""
    rows = stat_rows(diff)
    width = max((len(row["id"]) for row in rows), default=0)
    lines = []
    for row in rows:
        what = row["change"]
        if what == "renamed":
            what = f"renamed from {row['old_id']}"
        if row["fields"]:
            named = ", ".join(row["fields"])
            count = plural(len(row["fields"]), "field")
            what = f"{count}: {named}" if what == "changed" else f"{what}; {count}: {named}"
        lines.append(f" {row['id']:<{width}} | {what}")
    others = [
        plural(len(records), kind)
        for kind, records in (
            ("source change", [*diff.sources.added, *diff.sources.removed, *diff.sources.changed]),
            ("target change", [*diff.targets.added, *diff.targets.removed, *diff.targets.changed]),
            ("header change", diff.header),
        )
        if records
    ]
    summary = f" {plural(len(rows), 'resident')} changed"
    if others:
        summary += f"; {', '.join(others)}"
    lines.append(summary if rows or others else " No changes.")
    return lines


def diff(
    ctx: typer.Context,
    old: Annotated[
        str | None,
        typer.Argument(
            metavar="[OLD|REV]",
            help="The earlier registry: a path, '-' for standard input, or git:REV:PATH (PATH "
            "as on disk; read from the repository that holds it). Alone, a revision: REV's "
            "version of the registry against the working file. Default: HEAD's version. "
            "Example: git:HEAD~1:data/residents.yaml",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="[NEW]",
            help="The later registry, in the same forms as OLD. Default: the registry "
            "(--registry, $UZIT_REGISTRY, else the bundled one). Example: data/residents.yaml",
            show_default=False,
        ),
    ] = None,
    registry: RegistryOption = None,
    output_format: FormatOption = Format.auto,
    jq: JqOption = None,
    no_header: NoHeaderOption = False,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Exit with 3 when the registries differ and 0 when they do not (1 and 2 keep "
            "their meanings), as git diff --exit-code does. Example: uzit diff A B --exit-code",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print nothing; implies --exit-code. Example: uzit diff A B -q || echo changed",
        ),
    ] = False,
    stat: Annotated[
        bool,
        typer.Option(
            "--stat",
            help="One line per changed resident (added, removed, renamed, or which fields "
            "changed), then a count, as git diff --stat. Example: uzit diff HEAD~3 --stat",
        ),
    ] = False,
) -> None:
    """Show what changed between two registries: residents added, removed, renamed and
    changed field by field, sources and targets, and the headline figures side by side.

    As git diff: with no argument, the registry's last commit against the working file; with
    one revision, that revision against it. Ids are the join key, so reordering alone is no
    change. Both files are checked, and every problem of both reported, before anything is
    compared.

    \b
    Examples:
      uzit diff
      uzit diff HEAD~1 --stat
      uzit diff git:HEAD~1:data/residents.yaml data/residents.yaml
      uzit diff old.yaml new.yaml -f json
      uzit diff old.yaml new.yaml --exit-code   # 0 unchanged, 3 changed
    """
    output_format = with_jq(output_format, jq)
    out = streams_of(ctx).out
    old, new = snapshot_pair(old, new, registry)
    before, after = load_both(old, new)
    result = diff_registries(before, after)
    if stat and not quiet:
        if resolve_format(output_format, out) is Format.table:
            from uzit_cli.output.values import inert

            out.file.write("".join(inert(line) + "\n" for line in stat_lines(result)))
        else:
            rows = stat_rows(result)
            document = [
                {k: row.get(k) for k in ("id", "change", "old_id", "fields")} for row in rows
            ]
            view = View(STAT_COLUMNS, rows, title="Residents changed")
            emit(
                Report([view], document=document),
                output_format,
                out,
                header=not no_header,
                jq=jq,
            )
    elif not quiet:
        report = diff_report(result, shown_name(old), shown_name(new), after)
        if resolve_format(output_format, out) is Format.table:
            write_summary(report, out)
        else:
            emit(report, output_format, out, header=not no_header, jq=jq)
    if (exit_code or quiet) and result.has_changes:
        raise typer.Exit(CHANGED_EXIT)
