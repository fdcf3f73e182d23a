"""`uzit diff OLD NEW`: what changed between two registries, in any format, gateable in CI."""

from __future__ import annotations

from typing import Annotated

import typer

from uzit_cli.cli.common import (
    FormatOption,
    NoHeaderOption,
    emit,
    illustrative_notices,
    streams_of,
)
from uzit_cli.output import Format, resolve_format
from uzit_cli.registry import display_path
from uzit_cli.timeline.changes import diff_registries
from uzit_cli.timeline.snapshots import load_both, parse_git_spec
from uzit_cli.views.changes import diff_report, write_summary

CHANGED_EXIT = 3  # as `git diff --exit-code` exits 1; ours keeps 1 and 2 for errors


def shown_name(spec: str) -> str:
    """How a snapshot is named in the output: git specs as given, paths as display_path."""
    return spec if parse_git_spec(spec) is not None else display_path(spec)


def diff(
    ctx: typer.Context,
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The earlier registry: a path, '-' for standard input, or git:REV:PATH "
            "(PATH from the repository's top). Example: git:HEAD~1:data/residents.yaml",
            show_default=False,
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW",
            help="The later registry, in the same forms as OLD. Example: data/residents.yaml",
            show_default=False,
        ),
    ],
    output_format: FormatOption = Format.auto,
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
) -> None:
    """Show what changed between two registries: residents added, removed, renamed and
    changed field by field, sources and targets, and the headline figures side by side.

    Ids are the join key, so reordering alone is no change. Both files are checked, and every
    problem of both reported, before anything is compared.

    \b
    Examples:
      uzit diff git:HEAD~1:data/residents.yaml data/residents.yaml
      uzit diff old.yaml new.yaml -f json
      uzit diff old.yaml new.yaml --exit-code   # 0 unchanged, 3 changed
    """
    out = streams_of(ctx).out
    before, after = load_both(old, new)
    result = diff_registries(before, after)
    if not quiet:
        notices = illustrative_notices(after)
        report = diff_report(result, shown_name(old), shown_name(new), notices)
        if resolve_format(output_format, out) is Format.table:
            write_summary(report, out)
        else:
            emit(report, output_format, out, header=not no_header)
    if (exit_code or quiet) and result.has_changes:
        raise typer.Exit(CHANGED_EXIT)
