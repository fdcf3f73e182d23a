"""`uzit remove ID …`: take residents out of the registry."""

from __future__ import annotations

from typing import Annotated

import typer

from uzit_cli.cli.common import EditedRegistryOption, described
from uzit_cli.cli.edit_session import DryRunOption, finish, open_for_editing
from uzit_cli.cli.option_groups import Completes
from uzit_cli.language import N_, _


@described(
    N_(
        """\
Remove residents and write the registry back, keeping its comments and layout; the
comments before the next resident stay. Refused while something refers to a resident,
unless --force (format 1 has no field that does). A source is removed with
`uzit source remove`.

\b
Examples:
  uzit remove example-kaizen-bpo -r my.yaml --dry-run
  uzit remove example-kaizen-bpo example-origami-games -r my.yaml"""
    )
)
def remove(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID",
            help=N_("The ids of the residents to remove. Example: example-kaizen-bpo"),
            show_default=False,
        ),
        Completes("resident_ids"),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_(
                "Remove a resident even when something in the registry refers to it. "
                "Example: --force"
            ),
        ),
    ] = False,
    registry: EditedRegistryOption = None,
    dry_run: DryRunOption = False,
) -> None:
    document = open_for_editing(registry)
    for resident_id in ids:
        document.remove_resident(resident_id, force=force)
    finish(ctx, document, dry_run=dry_run, done=_("removed {ids}").format(ids=", ".join(ids)))
