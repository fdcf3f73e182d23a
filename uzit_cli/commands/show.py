"""`uzit show ID`: every field of one resident, with its sources resolved."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from uzit_cli.cli.common import (
    OutputOptions,
    RegistryOptions,
    described,
    streams_of,
)
from uzit_cli.cli.option_groups import Completes, takes_groups
from uzit_cli.cli.spreadsheet_options import WithMetaOption, show_with_meta
from uzit_cli.language import N_, _
from uzit_cli.model import Registry, Resident
from uzit_cli.names import name_shown
from uzit_cli.numbers import date
from uzit_cli.output import Column, Report, View
from uzit_cli.output.writers import without_absent
from uzit_cli.problems import UzitError
from uzit_cli.resident_columns import COLUMNS, RECORD_FIELDS, resident_row
from uzit_cli.views.notices import day_text, illustrative_notices
from uzit_cli.views.residents import people_values
from uzit_cli.words import suggested_ids

FIELD_COLUMNS = (
    Column("field", "Field", audience="machines"),
    Column("label", N_("Field"), audience="people"),
    Column("value", "Value", audience="machines"),
    Column("shown", N_("Value"), audience="people"),
)


def find_resident(registry: Registry, resident_id: str) -> Resident:
    """The resident with this id (any case), else an error that suggests the closest ids."""
    wanted = resident_id.strip().casefold()
    for resident in registry.residents:
        if resident.id == wanted:
            return resident
    quoted = [f"'{s}'" for s in _suggestions(registry.residents, wanted)]
    if not quoted:
        message = _("no resident with id {id}; `uzit list` shows the ids")
    elif len(quoted) == 1:
        message = _("no resident with id {id}; did you mean {suggestion}?")
    else:
        message = _("no resident with id {id}; did you mean {suggestions} or {last}?")
    raise UzitError(
        message.format(
            id=f"'{resident_id}'",
            suggestion=quoted[0] if quoted else "",
            suggestions=", ".join(quoted[:-1]),
            last=quoted[-1] if quoted else "",
        )
    )


def _suggestions(residents: tuple[Resident, ...], wanted: str) -> list[str]:
    """Up to three ids: the closest spelling first, then ids or names containing the text."""
    return suggested_ids(wanted, ((r.id, r.name, r.name_ja or "") for r in residents))


def source_record(registry: Registry, source_id: str) -> dict[str, Any]:
    """A cited source resolved to its title, publisher, date, URL and note (those it has)."""
    source = registry.info.source(source_id)
    if source is None:  # the loader refuses unknown ids; keep the id if one slips through
        return {"id": source_id}
    return without_absent(
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "published": source.published,
            "url": source.url,
            "note": source.note,
        }
    )


def _source_lines(source: dict[str, Any]) -> str:
    """A cited source for people: title, then publisher and date, then URL, one a line."""
    if source.get("title") is None:
        return str(source["id"])
    parts = (source.get("publisher"), source.get("published"))
    byline = ", ".join(
        date(part) if isinstance(part, dt.date) else str(part) for part in parts if part
    )
    return "\n".join(str(line) for line in (source["title"], byline, source.get("url")) if line)


def show_report(registry: Registry, resident: Resident) -> Report:
    """One field a row (the registry's names for machines, labels for people), and as a
    document the record with its sources resolved to objects."""
    row = resident_row(resident, None)
    sources = [source_record(registry, source_id) for source_id in resident.sources]
    shown = people_values(row)  # city and sectors in the reader's language
    if sources:
        shown["sources"] = "\n\n".join(_source_lines(source) for source in sources)
    fields = [
        {"field": name, "label": _(COLUMNS[name].label), "value": row[name], "shown": shown[name]}
        for name in RECORD_FIELDS
    ]
    # Only the fields the record has, as in `uzit list -f json`.
    document = without_absent({name: row[name] for name in RECORD_FIELDS})
    if sources:
        document["sources"] = sources
    view = View(
        FIELD_COLUMNS,
        fields,
        title=name_shown(resident.name, resident.name_ja),
        caption=_("{title} · as of {date}").format(
            title=registry.info.title, date=day_text(registry.info.as_of)
        ),
    )
    return Report([view], document=document, notices=illustrative_notices(registry))


@described(
    N_(
        """\
Show every field of one resident, with the sources it cites (title, publisher, date
and URL). On a terminal: a field/value table; in a pipe: field<TAB>value lines with the
registry's field names; in json and yaml: the record, its sources resolved to objects.
An unknown id exits 1 and suggests the closest ids.

\b
Examples:
  uzit show example-sakura-systems
  uzit show example-sakura-systems -f json
  uzit show example-kaizen-bpo -f tsv --no-header | grep city"""
    )
)
@takes_groups
def show(
    ctx: typer.Context,
    source: RegistryOptions,
    output: OutputOptions,
    resident_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=N_("The resident's id, as `uzit list` prints it. Example: example-sakura-systems"),
            show_default=False,
        ),
        Completes("resident_ids"),
    ],
    meta: WithMetaOption = False,
) -> None:
    streams = streams_of(ctx)
    data = source.open(streams.err)
    report = show_report(data, find_resident(data, resident_id))
    if meta:
        report = show_with_meta(report, data, output.chosen(streams.out))
    output.write(report, streams.out)
