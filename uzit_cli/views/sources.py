"""The sources a registry cites: `uzit sources`' report, and the sources of the HTML page."""

from __future__ import annotations

from uzit_cli.model import Registry
from uzit_cli.output import Column, Report, View
from uzit_cli.views.notices import illustrative_notices
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
