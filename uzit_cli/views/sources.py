"""The sources a registry cites: `uzit sources`' report, and the sources of the HTML page."""

from __future__ import annotations

from dataclasses import replace

from uzit_cli.language import N_, Np_, _, _n, _p
from uzit_cli.model import Registry
from uzit_cli.numbers import whole
from uzit_cli.output import Column, Report, View
from uzit_cli.views.notices import day_text, illustrative_notices

SOURCE_COLUMNS = (
    Column("id", N_("ID"), whole=True),
    Column("publisher", N_("Publisher")),
    # the day a source was published (a published figure's value is "Published" too)
    Column("published", Np_("date", "Published"), "date"),
    Column("title", N_("Title")),
    Column("url", N_("URL"), whole=True),
)


def source_columns() -> list[Column]:
    """SOURCE_COLUMNS in the reader's language."""
    return [
        replace(column, header=_p("date", column.header))
        if column.key == "published"
        else replace(column, header=_(column.header))
        for column in SOURCE_COLUMNS
    ]


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
        source_columns(),
        rows,
        title=_("Sources · {title} · as of {date}").format(
            title=registry.info.title, date=day_text(registry.info.as_of)
        ),
        caption=_n("{count} source", "{count} sources", count).format(count=whole(count)),
        blocks=True,  # a URL is never squeezed: too narrow for it, one block per source
    )
    return Report([view], document=rows, notices=illustrative_notices(registry))
