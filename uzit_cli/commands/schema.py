"""`uzit schema`: print the JSON Schema of the registry format, for editors and CI."""

from __future__ import annotations

import typer

from uzit_cli.cli.common import OutputClosed, described, streams_of
from uzit_cli.language import N_
from uzit_cli.registry.schema import schema_text


@described(
    N_(
        """\
Print the JSON Schema (draft 2020-12) of registry format 1.

Save it next to a registry and name it in the registry's first line, and an editor with
a YAML language server (VS Code's YAML extension, for one) completes keys and flags wrong
types as you type. The schema covers each value's own rules; `uzit validate` also checks
those that compare records (unique ids, dates against as_of, source references).

\b
Examples:
  uzit schema > registry.schema.json
  first line of the registry:
    # yaml-language-server: $schema=registry.schema.json"""
    )
)
def schema(ctx: typer.Context) -> None:
    try:
        out = streams_of(ctx).out.file
        out.write(schema_text())
        out.flush()
    except BrokenPipeError:
        raise OutputClosed() from None
