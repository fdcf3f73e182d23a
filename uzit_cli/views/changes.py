"""What changed between two registries, as a Report: the rows of `uzit diff` and of an editing
command's --dry-run, its JSON document, and the coloured one-line-per-change summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TextIO

from uzit_cli.language import N_, _, _n, english
from uzit_cli.model import Resident
from uzit_cli.numbers import whole
from uzit_cli.output import Column, Report, Stream, View
from uzit_cli.output.streams import described
from uzit_cli.timeline.changes import FieldChange, RecordChanges, RegistryDiff

MARKS = {"added": "+", "removed": "-", "changed": "~", "renamed": "→"}
STYLES = {"added": "green", "removed": "red", "changed": "yellow", "renamed": "cyan"}

# The kind of change and of record are words for machines (`added`, `resident`) and, in the
# people's columns, words of the reader's language.
CHANGE_COLUMNS = (
    Column("mark", "", audience="people"),
    Column("change", N_("Change"), audience="machines"),
    Column("change_shown", N_("Change"), audience="people"),
    Column("kind", N_("Kind"), audience="machines"),
    Column("kind_shown", N_("Kind"), audience="people"),
    Column("id", N_("ID")),
    Column("field", N_("Field")),
    Column("old", N_("Old")),
    Column("new", N_("New")),
)

#: The words of each change and kind of record, as people read them.
CHANGE_WORDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "renamed": N_("renamed"),
}
KIND_WORDS = {
    "resident": N_("resident"),
    "source": N_("source"),
    "target": N_("target"),
    "registry": N_("registry"),
}

FIGURE_COLUMNS = (
    Column("metric", N_("Figure")),
    Column("year", N_("Year")),
    Column("old", N_("Old"), "int"),
    Column("new", N_("New"), "int"),
    Column("delta", N_("Change"), "int"),
)

FIGURE_LABELS = {
    "residents": N_("Residents"),
    "exporting_to_japan": N_("Exporting to Japan"),
    "jobs_created": N_("Jobs created"),
    "published_checks": N_("Published figures"),
    "published_checks_matching": N_("Published figures reproduced"),
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


def _row(
    change: str, kind: str, key: str | None, field: str | None, old: Any, new: Any
) -> dict[str, Any]:
    return {
        "mark": MARKS[change],
        "change": change,
        "change_shown": _(CHANGE_WORDS[change]),
        "kind": kind,
        "kind_shown": _(KIND_WORDS[kind]),
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
    # the header is one record without an id: the kind says which it is
    rows += [_row("changed", "registry", None, c.field, c.old, c.new) for c in diff.header]
    return rows


def figure_rows(diff: RegistryDiff) -> list[dict[str, Any]]:
    return [
        {
            "metric": figure.metric,
            "label": _(FIGURE_LABELS[figure.metric])
            if figure.metric in FIGURE_LABELS
            else figure.metric,
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


def diff_report(diff: RegistryDiff, old: str, new: str, notices: Sequence[str] = ()) -> Report:
    """The changes and the headline figures; `notices` go above them (the illustrative one)."""
    rows = change_rows(diff)
    count = len(rows)
    changes = View(
        CHANGE_COLUMNS,
        rows,
        title=_("Changes from {old} to {new}").format(old=old, new=new),
        caption=_n("{count} change", "{count} changes", count).format(count=whole(count))
        if count
        else _("No changes."),
    )
    figures = View(
        (Column("label", N_("Figure"), audience="people"), *FIGURE_COLUMNS[1:]),
        [
            {**row, "year": None if row["year"] is None else str(row["year"])}
            for row in figure_rows(diff)
        ],
        title=_("Headline figures"),
    )
    with english():
        document = diff_document(diff, old, new)
    return Report(
        [changes, figures],
        document=document,
        notices=tuple(notices),
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
    # a resident is named by its id alone; a source or target by kind and id; the header by kind
    words = [row["mark"], *([] if kind == "resident" else [row["kind_shown"]]), row["id"] or ""]
    line = " ".join(word for word in words if word)
    if change == "renamed":
        line += "  " + _("renamed from {old_id} (likely the same resident)").format(
            old_id=row["old"]
        )
    elif change == "added" and kind == "resident":
        line += f"  {row['new']}"
    elif change == "removed" and kind == "resident":
        line += f"  {row['old']}"
    elif change == "changed":
        old = _("(none)") if row["old"] is None else row["old"]
        new = _("(none)") if row["new"] is None else row["new"]
        line += f"  {row['field']}: {old} → {new}"
    return text(inert(line), style=STYLES[change])
