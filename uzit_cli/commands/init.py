"""`uzit init [PATH]`: write a commented starter registry, and its schema next to it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.cli.common import OutputClosed, described, streams_of
from uzit_cli.language import N_, _
from uzit_cli.registry import display_path
from uzit_cli.registry.schema import schema_text
from uzit_cli.registry.starter import DEFAULT_SCHEMA_FILE, starter_registry
from uzit_cli.writing import write_text


@described(
    N_(
        """\
Write a commented starter registry: one example source, one example resident, and a
first line that names the JSON Schema for editors. The schema is written next to it as
registry.schema.json unless that file exists. An existing PATH is never replaced without
--force. `uzit validate` passes on the file as written.

\b
Examples:
  uzit init
  uzit init my-registry.yaml && uzit validate my-registry.yaml
  uzit init - | less"""
    )
)
def init(
    ctx: typer.Context,
    target: Annotated[
        str,  # text, not Path: uzit converts it without pydantic (commands/coercion.py)
        typer.Argument(
            metavar="PATH",
            help=N_(
                "The registry file to create; '-' writes it to standard output (and no schema "
                "file). Example: my-registry.yaml"
            ),
        ),
    ] = "registry.yaml",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_("Replace PATH (and the schema file) if they exist. Example: uzit init --force"),
        ),
    ] = False,
) -> None:
    out = streams_of(ctx).out.file
    if target == "-":
        try:
            out.write(starter_registry(None))  # no name yet: `uzit validate FILE`
            out.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        return
    path = Path(target)
    write_text(path, starter_registry(path.name), force=force)
    print(_("wrote {path}").format(path=display_path(str(path))), file=out)
    schema_path = path.parent / DEFAULT_SCHEMA_FILE
    if force or not schema_path.exists():
        write_text(schema_path, schema_text(), force=True)
        print(_("wrote {path}").format(path=display_path(str(schema_path))), file=out)
