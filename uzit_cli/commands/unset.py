"""`uzit unset ID FIELD …`: leave fields out of a resident, or of the registry header."""

from __future__ import annotations

from typing import Annotated

import typer

from uzit_cli.cli.common import EditedRegistryOption, described
from uzit_cli.cli.edit_session import (
    HEADER_PREFIX,
    DryRunOption,
    finish,
    header_fields,
    left_out,
    open_for_editing,
)
from uzit_cli.cli.option_groups import Completes
from uzit_cli.language import N_, _
from uzit_cli.problems import UsageError


@described(
    N_(
        """\
Leave fields out of a resident (or one year of its jobs_created), or out of the
registry header, and write the registry back, keeping its comments and layout. A required
field cannot be left out: the registry would not validate, and nothing is written.

\b
Examples:
  uzit unset example-kaizen-bpo headcount -r my.yaml
  uzit unset example-kaizen-bpo jobs_created.2025 -r my.yaml
  uzit unset registry.illustrative -r my.yaml"""
    )
)
def unset(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=N_(
                "The resident's id; or, for the registry header, a first registry.FIELD. "
                "Example: example-kaizen-bpo"
            ),
            show_default=False,
        ),
        Completes("resident_ids"),
    ],
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FIELD",
            help=N_(
                "Fields to leave out; one year of a year map as jobs_created.2025. "
                "Example: headcount jobs_created.2025"
            ),
            show_default=False,
        ),
    ] = None,
    registry: EditedRegistryOption = None,
    dry_run: DryRunOption = False,
) -> None:
    header = target.startswith(HEADER_PREFIX)
    words = [target, *(names or [])]
    if not header and not names:
        raise UsageError(_("nothing to leave out: give FIELD after the id"))
    document = open_for_editing(registry)
    if header:
        fields = header_fields(words, _("{word}: the header's fields are named registry.FIELD"))
        there = {field: document.unset_header(field) for field in fields}
        left = left_out(ctx, document, _("registry"), there)
        if left:
            done = _("left out {fields}").format(fields=" ".join(HEADER_PREFIX + f for f in left))
            finish(ctx, document, dry_run=dry_run, done=done)
        return
    there = {name: document.unset_field(target, name) for name in words[1:]}
    left = left_out(ctx, document, _("resident {id}").format(id=repr(target)), there)
    if left:
        done = _("left {fields} out of {id}").format(fields=" ".join(left), id=target)
        finish(ctx, document, dry_run=dry_run, done=done)
