"""`uzit sources`: the documents the registry cites."""

from __future__ import annotations

import typer

from uzit_cli.cli.common import (
    FormatOption,
    JqOption,
    NoHeaderOption,
    RegistryOption,
    WidthOption,
    emit,
    open_registry,
    streams_of,
    with_jq,
)
from uzit_cli.output import Format
from uzit_cli.views.sources import sources_report


def sources(
    ctx: typer.Context,
    registry: RegistryOption = None,
    output_format: FormatOption = Format.auto,
    jq: JqOption = None,
    no_header: NoHeaderOption = False,
    width: WidthOption = None,
) -> None:
    """List the sources the registry cites: id, publisher, date, title and URL.

    \b
    Examples:
      uzit sources
      uzit sources -f json
    """
    output_format = with_jq(output_format, jq)
    streams = streams_of(ctx)
    report = sources_report(open_registry(registry, streams.err))
    emit(report, output_format, streams.out, header=not no_header, width=width, jq=jq)
