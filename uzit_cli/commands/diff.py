"""`uzit diff [OLD [NEW]]`: what changed between two registries, in any format, gateable in CI.

As `git diff`: with no argument the registry's last commit against the working file, with one
revision that revision against it, with two the two snapshots given.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Annotated, Any

import typer

from uzit_cli.cli.common import (
    OutputOptions,
    RegistryOptions,
    check_bom,
    described,
    registry_path,
    streams_of,
)
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.language import N_, _, _n, _p
from uzit_cli.numbers import whole
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.problems import UsageError
from uzit_cli.timeline.changes import RegistryDiff, diff_registries
from uzit_cli.timeline.snapshots import GIT_PREFIX, load_both, shown_spec
from uzit_cli.views.changes import diff_report, write_summary
from uzit_cli.views.notices import illustrative_notices

CHANGED_EXIT = 3  # as `git diff --exit-code` exits 1; ours keeps 1 and 2 for errors


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
        raise UsageError(_("diff compares standard input only with OLD and NEW both given"))
    if old is None:
        return f"{GIT_PREFIX}HEAD:{working}", working
    if old == "-" or old.startswith(GIT_PREFIX) or os.path.lexists(old):
        raise UsageError(
            _(
                "'{old}' is a file, not a revision: give NEW as well (uzit diff OLD NEW), or one "
                "revision to compare the working registry with (uzit diff HEAD~1)"
            ).format(old=shown_spec(old))
        )
    if ":" in old:
        raise UsageError(
            _("'{old}' is not a revision: use git:REV:PATH OTHER").format(old=shown_spec(old))
        )
    return f"{GIT_PREFIX}{old}:{working}", working


STAT_COLUMNS = (
    Column("id", N_("ID"), whole=True),
    Column("change", "change", audience="machines"),
    Column("shown_change", N_("Change"), audience="people"),
    Column("fields", N_("Fields")),
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


def _change_word(row: dict[str, Any]) -> str:
    """What happened to a resident, for people: added, removed, renamed from …, changed."""
    change = str(row["change"])
    if change == "renamed":
        return _("renamed from {old_id}").format(old_id=row.get("old_id"))
    words = {
        "added": _p("resident", "added"),
        "removed": _p("resident", "removed"),
        "changed": _p("resident", "changed"),
    }
    return words.get(change, change)


def stat_lines(diff: RegistryDiff) -> list[str]:
    """`--stat` for people: ` ID | what changed` per resident, then a count, as git's."""
    rows = stat_rows(diff)
    width = max((len(row["id"]) for row in rows), default=0)
    lines = []
    for row in rows:
        what = "" if row["change"] == "changed" else _change_word(row)
        if row["fields"]:
            number = len(row["fields"])
            fields = _n("{count} field: {fields}", "{count} fields: {fields}", number).format(
                count=whole(number), fields=", ".join(row["fields"])
            )
            what = _("{change}; {fields}").format(change=what, fields=fields) if what else fields
        lines.append(f" {row['id']:<{width}} | {what}")
    sources = [*diff.sources.added, *diff.sources.removed, *diff.sources.changed]
    targets = [*diff.targets.added, *diff.targets.removed, *diff.targets.changed]
    others = [
        text.format(count=whole(len(records)))
        for text, records in (
            (_n("{count} source change", "{count} source changes", len(sources)), sources),
            (_n("{count} target change", "{count} target changes", len(targets)), targets),
            (_n("{count} header change", "{count} header changes", len(diff.header)), diff.header),
        )
        if records
    ]
    summary = _n("{count} resident changed", "{count} residents changed", len(rows)).format(
        count=whole(len(rows))
    )
    if others:
        summary = _("{residents}; {others}").format(residents=summary, others=", ".join(others))
    lines.append(" " + (summary if rows or others else _("No changes.")))
    return lines


@described(
    N_(
        """\
Show what changed between two registries: residents added, removed, renamed and
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
  uzit diff old.yaml new.yaml --exit-code  # 0 unchanged, 3 changed"""
    )
)
@takes_groups
def diff(
    ctx: typer.Context,
    output: OutputOptions,
    source: RegistryOptions,
    old: Annotated[
        str | None,
        typer.Argument(
            metavar="OLD|REV",
            help=N_(
                "The earlier registry: a path, '-' for standard input, or git:REV:PATH (PATH "
                "as on disk; read from the repository that holds it). Alone, a revision: REV's "
                "version of the registry against the working file. Default: HEAD's version. "
                "Example: git:HEAD~1:data/residents.yaml"
            ),
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW",
            help=N_(
                "The later registry, in the same forms as OLD. Default: the registry "
                "(--registry, $UZIT_REGISTRY, else the bundled one). Example: data/residents.yaml"
            ),
            show_default=False,
        ),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help=N_(
                "Exit with 3 when the registries differ and 0 when they do not (1 and 2 keep "
                "their meanings), as git diff --exit-code does. Example: uzit diff A B --exit-code"
            ),
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help=N_(
                "Print nothing; implies --exit-code. Example: uzit diff A B -q || echo changed"
            ),
        ),
    ] = False,
    stat: Annotated[
        bool,
        typer.Option(
            "--stat",
            help=N_(
                "One line per changed resident (added, removed, renamed, or which fields "
                "changed), then a count, as git diff --stat. Example: uzit diff HEAD~3 --stat"
            ),
        ),
    ] = False,
) -> None:
    out = streams_of(ctx).out
    old, new = snapshot_pair(old, new, source.registry)
    before, after = load_both(old, new)
    result = diff_registries(before, after)
    if stat and not quiet:
        if output.chosen(out) is Format.table:
            from uzit_cli.output.values import inert

            out.file.write("".join(inert(line) + "\n" for line in stat_lines(result)))
        else:
            rows = stat_rows(result)
            document = [
                {k: row.get(k) for k in ("id", "change", "old_id", "fields")} for row in rows
            ]
            shown = [{**row, "shown_change": _change_word(row)} for row in rows]
            view = View(STAT_COLUMNS, shown, title=_("Residents changed"))
            output.write(Report([view], document=document), out)
    elif not quiet:
        notices = illustrative_notices(after)
        report = diff_report(result, shown_name(old), shown_name(new), notices)
        if output.chosen(out) is Format.table:
            check_bom(output.bom, Format.table)
            write_summary(report, replace(out, width=output.width) if output.width else out)
        else:
            output.write(report, out)
    if (exit_code or quiet) and result.has_changes:
        raise typer.Exit(CHANGED_EXIT)
