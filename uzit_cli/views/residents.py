"""The residents as a table: `uzit list`'s report, and the residents of the HTML page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from uzit_cli.model import Registry, Resident
from uzit_cli.numbers import whole
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.output.writers import FORMATS
from uzit_cli.resident_columns import (
    COLUMNS,
    DEFAULT_COLUMNS,
    RECORD_FIELDS,
    WHOLE_COLUMNS,
    resident_row,
)
from uzit_cli.views.notices import illustrative_notices
from uzit_cli.words import plural

#: Rows a table shows on a terminal unless --limit is given (the rest are counted in a footer).
SCREEN_LIMIT = 50
MORE_HINT = "--limit 0 shows all, -f tsv prints them as plain text"


def columns_for(names: Sequence[str], jobs_year: int | None, so_far: bool = False) -> list[Column]:
    """The columns named, with headings for people; the jobs headings say which year, and
    `so_far` when that year had not ended at the registry's as_of."""
    return [
        Column(
            name,
            COLUMNS[name].heading(jobs_year, so_far),
            COLUMNS[name].kind,
            short_header=COLUMNS[name].short_label,
            priority=COLUMNS[name].priority,
            cut=COLUMNS[name].kind in ("text", "list") and name not in WHOLE_COLUMNS,
            whole=name in WHOLE_COLUMNS,
        )
        for name in names
    ]


def default_columns(chosen: Format) -> tuple[str, ...]:
    """Machine formats and CSV carry every field of the record (so they round-trip the
    registry); tables, Markdown and TSV (a pipe's default) show the short default columns."""
    if FORMATS[chosen].whole_records:
        return RECORD_FIELDS
    return DEFAULT_COLUMNS


def jobs_year_is_partial(registry: Registry, jobs_year: int | None) -> bool:
    return jobs_year is not None and jobs_year > registry.info.last_complete_year


def list_report(
    registry: Registry,
    residents: Sequence[Resident],
    *,
    columns: Sequence[str],
    jobs_year: int | None,
    filtered: bool = False,
    limit: int | None = None,
    screen_limit: int | None = SCREEN_LIMIT,
    asked: bool = False,
) -> Report:
    """The report of `residents` (already filtered and sorted), cut to `limit` rows.

    `limit` None or 0 keeps every row; `screen_limit` then caps a table on a terminal only.
    """
    matched = len(residents)
    shown = residents[:limit] if limit else residents
    exporting = sum(1 for r in residents if r.exports_to_japan)
    caption = plural(matched, "resident")
    if filtered:
        caption += f" of {whole(len(registry.residents))}"
    if len(shown) < matched:
        caption += f" (first {whole(len(shown))} shown)"
    caption += f" · {whole(exporting)} export{'s' if exporting == 1 else ''} to Japan"

    def rows() -> Iterator[dict[str, Any]]:
        for resident in shown:
            yield resident_row(resident, jobs_year)

    view = View(
        columns_for(columns, jobs_year, jobs_year_is_partial(registry, jobs_year)),
        rows(),
        title=f"{registry.info.title} · as of {registry.info.as_of.isoformat()}",
        caption=caption,
        screen_limit=screen_limit if limit is None else None,  # --limit, even 0, is obeyed
        more_hint=MORE_HINT,
        # Whole records leave out absent fields, so JSON and YAML paste back into a registry
        # as they are; columns asked for by name are always there (null when absent).
        omit_absent=tuple(columns) == RECORD_FIELDS,
        asked=asked,
        blocks=True,
    )
    return Report([view], notices=illustrative_notices(registry))


#: The residents' columns on the page (`uzit report`): those of `uzit list`, with the Japanese
#: name beside the name (a page is sent to readers of both).
_NAME = DEFAULT_COLUMNS.index("name") + 1
PAGE_COLUMNS = (*DEFAULT_COLUMNS[:_NAME], "name_ja", *DEFAULT_COLUMNS[_NAME:])
