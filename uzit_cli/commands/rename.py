"""`uzit rename OLD NEW`: give a resident a new id."""

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
Give a resident a new id, and every reference to it, and write the registry back,
keeping its comments and layout. A source is renamed, with every citation of it, by
`uzit source rename`. `uzit diff` shows the change as a rename.

\b
Examples:
  uzit rename example-kaizen-bpo kaizen-bpo -r my.yaml
  uzit rename example-kaizen-bpo kaizen-bpo -r my.yaml --dry-run"""
    )
)
def rename(
    ctx: typer.Context,
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help=N_("The resident's id now. Example: example-kaizen-bpo"),
            show_default=False,
        ),
        Completes("resident_ids"),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW",
            help=N_("Its new id: a slug, unique among residents. Example: kaizen-bpo"),
            show_default=False,
        ),
    ],
    registry: EditedRegistryOption = None,
    dry_run: DryRunOption = False,
) -> None:
    document = open_for_editing(registry)
    document.rename_resident(old, new)
    finish(
        ctx, document, dry_run=dry_run, done=_("renamed {old} to {new}").format(old=old, new=new)
    )
