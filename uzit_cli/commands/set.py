"""`uzit set ID FIELD=VALUE …`: change fields of a resident, or of the registry header."""

from __future__ import annotations

from typing import Annotated

import typer

from uzit_cli.cli.common import EditedRegistryOption, described
from uzit_cli.cli.edit_session import (
    HEADER_PREFIX,
    DryRunOption,
    finish,
    header_fields,
    open_for_editing,
)
from uzit_cli.cli.option_groups import Completes
from uzit_cli.language import N_, _
from uzit_cli.problems import UsageError


@described(
    N_(
        """\
Set fields of a resident, or of the registry header (registry.title, registry.as_of,
registry.illustrative), and write the registry back, keeping its comments and layout.

A text field takes VALUE as typed; any other reads it as YAML would (14, true,
2025-12-31). Nothing is written unless the whole registry then validates.

\b
Examples:
  uzit set example-kaizen-bpo jobs_created.2025=14 -r my.yaml
  uzit set example-kaizen-bpo exports_to_japan=true export_markets=JP \\
    -r my.yaml
  uzit set example-kaizen-bpo sectors+=ai-data sectors-=bpo -r my.yaml
  uzit set registry.as_of=2025-12-31 -r my.yaml --dry-run"""
    )
)
def set_fields(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=N_(
                "The resident's id; or, for the registry header, a first registry.FIELD=VALUE. "
                "Example: example-kaizen-bpo"
            ),
            show_default=False,
        ),
        Completes("resident_ids"),
    ],
    assignments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FIELD=VALUE",
            help=N_(
                "Fields to set: FIELD=VALUE, a year as jobs_created.2025=14, FIELD+=A,B and "
                "FIELD-=A to add to or take from a list. Example: city=Samarkand sectors+=ai-data"
            ),
            show_default=False,
        ),
    ] = None,
    registry: EditedRegistryOption = None,
    dry_run: DryRunOption = False,
) -> None:
    from uzit_cli.editing.values import (
        HEADER_KINDS,
        RESIDENT_KINDS,
        parse_assignment,
        value_of,
    )

    words = [target, *(assignments or [])]
    header = target.startswith(HEADER_PREFIX) and "=" in target
    if not header and "=" in target:
        raise UsageError(_("give the resident's id first: uzit set ID FIELD=VALUE ..."))
    if len(words) < 2 and not header:
        raise UsageError(_("nothing to set: give FIELD=VALUE after the id"))
    document = open_for_editing(registry)
    if header:
        for field in header_fields(
            words, _("{word}: the header's fields are set as registry.FIELD=VALUE")
        ):
            change = parse_assignment(field)
            if change.op != "=":
                word = HEADER_PREFIX + field  # as typed
                raise UsageError(
                    _("{word}: registry.{field} is not a list").format(
                        word=repr(word), field=change.field
                    )
                )
            kind = HEADER_KINDS.get(change.field, "yaml")
            document.set_header(change.field, value_of(kind, change.text))
        finish(
            ctx,
            document,
            dry_run=dry_run,
            done=_("set {assignments}").format(assignments=" ".join(words)),
        )
        return
    document.resident(target)  # an unknown id, before any value is looked at
    for word in words[1:]:
        change = parse_assignment(word)
        kind = RESIDENT_KINDS.get(change.steps[0], "yaml")
        if len(change.steps) > 1 or (change.op != "=" and kind == "list"):
            kind = "yaml" if len(change.steps) > 1 else "list"
        document.set_field(target, change.field, value_of(kind, change.text), change.op)
    finish(
        ctx,
        document,
        dry_run=dry_run,
        done=_("set {assignments} of {id}").format(assignments=" ".join(words[1:]), id=target),
    )
