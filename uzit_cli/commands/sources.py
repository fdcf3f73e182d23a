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
    illustrative_notices,
    open_registry,
    streams_of,
    with_jq,
)
from uzit_cli.model import Registry
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.words import plural

SOURCE_COLUMNS = (
    Column("id", "ID", whole=True),
    Column("publisher", "Publisher"),
    Column("published", "Published", "date"),
    Column("title", "Title"),
    Column("url", "URL", whole=True),
)


def sources_report(registry: Registry) -> Report:
    rows = [
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "published": source.published,
            "note": source.note,
        }
        for source in registry.info.sources
    ]
    count = len(rows)
    view = View(
        SOURCE_COLUMNS,
        rows,
        title=f"Sources · {registry.info.title} · as of {registry.info.as_of}",
        caption=plural(count, "source"),
        blocks=True,  # a URL is never squeezed: too narrow for it, one block per source
    )
    return Report([view], document=rows, notices=illustrative_notices(registry))


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
