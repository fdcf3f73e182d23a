"""`uzit sources`: the documents the registry cites."""

from __future__ import annotations

import typer

from uzit_cli.cli.common import (
    OutputOptions,
    RegistryOptions,
    described,
    streams_of,
)
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.language import N_
from uzit_cli.views.sources import sources_report


@described(
    N_(
        """\
List the sources the registry cites: id, publisher, date, title and URL.

\b
Examples:
  uzit sources
  uzit sources -f json"""
    )
)
@takes_groups
def sources(
    ctx: typer.Context,
    source: RegistryOptions,
    output: OutputOptions,
) -> None:
    streams = streams_of(ctx)
    output.write(sources_report(source.open(streams.err)), streams.out)
