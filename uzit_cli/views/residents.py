"""The residents as a table: `uzit list`'s report, and the residents of the HTML page."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from uzit_cli.language import ENGLISH, N_, _, _n, current
from uzit_cli.model import Registry, Resident
from uzit_cli.names import name_shown, place_shown, sectors_shown
from uzit_cli.numbers import whole
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.output.report import Audience
from uzit_cli.output.writers import FORMATS
from uzit_cli.resident_columns import (
    COLUMNS,
    DEFAULT_COLUMNS,
    RECORD_FIELDS,
    WHOLE_COLUMNS,
    resident_row,
)
from uzit_cli.views.notices import day_text, illustrative_notices

#: Rows a table shows on a terminal unless --limit is given (the rest are counted in a footer).
SCREEN_LIMIT = 50
MORE_HINT = N_("--limit 0 shows all, -f tsv prints them as plain text")

#: Columns whose values people read in their language (a Japanese name, a city, sectors): in
#: a language other than English each is two columns, the registry's value for machines under
#: the field's name and the reader's for people as `FIELD_shown` (see uzit_cli/names.py). In
#: English they are the registry's values, one column for both.
SHOWN: dict[str, Callable[[dict[str, Any]], Any]] = {
    "name": lambda row: name_shown(row["name"], row["name_ja"]),
    "city": lambda row: place_shown(row["city"]),
    "sectors": lambda row: sectors_shown(row["sectors"]),
}


def _column(name: str, jobs_year: int | None, so_far: bool, key: str, audience: Audience) -> Column:
    column = COLUMNS[name]
    return Column(
        key,
        column.heading(jobs_year, so_far),
        column.kind,
        audience=audience,
        short_header=column.short,
        priority=column.priority,
        cut=column.kind in ("text", "list") and name not in WHOLE_COLUMNS,
        whole=name in WHOLE_COLUMNS,
    )


def columns_for(
    names: Sequence[str],
    jobs_year: int | None,
    so_far: bool = False,
    *,
    for_machines: Sequence[str] = (),
    shown: Sequence[str] = (),
) -> list[Column]:
    """The columns named, with headings for people; the jobs headings say which year, and
    `so_far` when that year had not ended at the registry's as_of. A column in `shown` is
    two: the registry's value for machines, the reader's (`FIELD_shown`) for people; one in
    `for_machines` is for machines only."""
    columns = []
    for name in names:
        if name in shown:
            columns.append(_column(name, jobs_year, so_far, name, "machines"))
            columns.append(_column(name, jobs_year, so_far, f"{name}_shown", "people"))
        else:
            audience: Audience = "machines" if name in for_machines else "all"
            columns.append(_column(name, jobs_year, so_far, name, audience))
    return columns


def people_values(row: dict[str, Any]) -> dict[str, Any]:
    """A resident's row with its city and sectors as the reader's language names them (its
    name stays: `uzit show` lists name and name_ja apart); the row itself in English."""
    if current() == ENGLISH:
        return dict(row)
    return {**row, "city": place_shown(row["city"]), "sectors": sectors_shown(row["sectors"])}


def _people_row(row: dict[str, Any], shown: Sequence[str]) -> dict[str, Any]:
    for name in shown:
        row[f"{name}_shown"] = SHOWN[name](row)
    return row


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
    counted = whole(matched)
    if filtered:
        caption = _n("{count} resident of {total}", "{count} residents of {total}", matched).format(
            count=counted, total=whole(len(registry.residents))
        )
    else:
        caption = _n("{count} resident", "{count} residents", matched).format(count=counted)
    if len(shown) < matched:
        caption = _n(
            "{residents} (first {count} shown)", "{residents} (first {count} shown)", len(shown)
        ).format(residents=caption, count=whole(len(shown)))
    exporters = _n("{count} exports to Japan", "{count} export to Japan", exporting)
    # Translators: the list's caption: how many residents, then how many of them export to Japan
    caption = _("{residents} · {exporters}").format(
        residents=caption, exporters=exporters.format(count=whole(exporting))
    )
    # in Japanese the name column shows the Japanese name already
    hidden = ("name_ja",) if current() == "ja" and "name" in columns and not asked else ()
    shown_in_language = [] if current() == ENGLISH else [n for n in columns if n in SHOWN]

    def rows() -> Iterator[dict[str, Any]]:
        for resident in shown:
            yield _people_row(resident_row(resident, jobs_year), shown_in_language)

    view = View(
        columns_for(
            columns,
            jobs_year,
            jobs_year_is_partial(registry, jobs_year),
            for_machines=hidden,
            shown=shown_in_language,
        ),
        rows(),
        title=_("{title} · as of {date}").format(
            title=registry.info.title, date=day_text(registry.info.as_of)
        ),
        caption=caption,
        screen_limit=screen_limit if limit is None else None,  # --limit, even 0, is obeyed
        more_hint=_(MORE_HINT),
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
