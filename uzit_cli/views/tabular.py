"""Spreadsheet-ready tables: one column per year, and which snapshot a result comes from.

Pure helpers shared by `uzit list` (issue 17, points 3 and 4) and `uzit export`:

- a year-keyed field (`jobs_created`, `export_revenue_usd`) becomes one column per year,
  `jobs_2024` and `export_revenue_usd_2024`, so a spreadsheet can sum and chart them;
- `snapshot(registry)` is what every exported table carries: `as_of`, `illustrative`, the
  registry's title and the uzit version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from uzit_cli import __version__
from uzit_cli.model import RESIDENT_FIELDS, Kind, Registry, Resident
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.output.values import json_value
from uzit_cli.output.writers import without_absent
from uzit_cli.problems import UsageError

#: Year-keyed record fields -> (prefix of their per-year columns, kind, header for people),
#: as each field's declaration in model.py gives them.
YEAR_FIELDS: Mapping[str, tuple[str, Kind, str]] = {
    field.name: field.spec.per_year for field in RESIDENT_FIELDS if field.spec.per_year
}
_YEAR_COLUMN = re.compile(
    "^(" + "|".join(re.escape(prefix) for prefix, _, _ in YEAR_FIELDS.values()) + r")_(\d{4})$"
)
_FIELD_OF_PREFIX = {prefix: field for field, (prefix, _, _) in YEAR_FIELDS.items()}
#: Formats whose rows are spreadsheet rows: there a year-keyed field is spread into columns.
SPREAD_FORMATS = (Format.csv, Format.tsv)
BOM = "\ufeff"


def year_column(name: str) -> tuple[str, int] | None:
    """`jobs_2024` -> ("jobs_created", 2024); None for any other name."""
    match = _YEAR_COLUMN.match(name)
    if match is None:
        return None
    return _FIELD_OF_PREFIX[match.group(1)], int(match.group(2))


def years_of(residents: Iterable[Resident], field: str) -> tuple[int, ...]:
    """Every year that at least one resident reports for a year-keyed field, ascending."""
    years: set[int] = set()
    for resident in residents:
        years.update(getattr(resident, field))
    return tuple(sorted(years))


def year_columns(residents: Sequence[Resident], field: str) -> tuple[str, ...]:
    prefix = YEAR_FIELDS[field][0]
    return tuple(f"{prefix}_{year}" for year in years_of(residents, field))


def spread_names(
    names: Sequence[str], residents: Sequence[Resident], *, packed: bool = False
) -> tuple[str, ...]:
    """The column names with each year-keyed field replaced by one column per year in which
    any of `residents` reports it (none when nobody does); as they are when `packed`."""
    if packed:
        return tuple(names)
    spread: list[str] = []
    for name in names:
        if name in YEAR_FIELDS:
            spread.extend(year_columns(residents, name))
        else:
            spread.append(name)
    return tuple(dict.fromkeys(spread))


def check_year_columns(names: Sequence[str], residents: Sequence[Resident]) -> None:
    """A per-year column asked for by name must be a year with data, else a usage error."""
    for name in names:
        found = year_column(name)
        if found is None:
            continue
        field, year = found
        years = years_of(residents, field)
        if year not in years:
            known = ", ".join(str(y) for y in years) or "none"
            raise UsageError(
                f"--columns: no resident reports {field} for {year} (years with data: {known})"
            )


def base_names(names: Sequence[str]) -> tuple[str, ...]:
    """The names without per-year columns: those `uzit list` builds itself."""
    return tuple(name for name in names if year_column(name) is None)


def per_year_column(name: str) -> Column:
    found = year_column(name)
    assert found is not None
    field, year = found
    _, kind, header = YEAR_FIELDS[field]
    return Column(name, header.format(year=year), kind)


def with_year_columns(report: Report, names: Sequence[str]) -> Report:
    """`report` (whose rows carry every record field) with its first view's columns in the
    order of `names`, per-year columns filled from the year-keyed fields of each row."""
    view = report.views[0]
    by_key = {column.key: column for column in view.columns}
    wanted = [(name, year_column(name)) for name in names]
    if all(found is None for _, found in wanted):
        return report
    columns = [by_key[name] if found is None else per_year_column(name) for name, found in wanted]
    spread = [(name, found) for name, found in wanted if found is not None]

    def rows() -> Iterator[Mapping[str, Any]]:
        for row in view.rows:
            filled = dict(row)
            for name, (field, year) in spread:
                filled[name] = row[field].get(year)
            yield filled

    views = [replace(view, columns=columns, rows=rows()), *report.views[1:]]
    return replace(report, views=views)


def snapshot(registry: Registry) -> dict[str, Any]:
    """Which snapshot a result comes from, JSON-ready: the same keys in every export."""
    info = registry.info
    return {
        "as_of": info.as_of.isoformat(),
        "illustrative": info.illustrative,
        "title": info.title,
        "uzit_version": __version__,
    }


def row_objects(view: View) -> list[dict[str, Any]]:
    """The rows of a view as JSON-ready objects, as `-f json` writes them."""
    keys = [column.key for column in view.columns if column.audience != "people"]
    objects = []
    for row in view.rows:
        record = {key: json_value(row.get(key)) for key in keys}
        objects.append(without_absent(record) if view.omit_absent else record)
    return objects


def with_meta(report: Report, registry: Registry, chosen: Format, *, key: str) -> Report:
    """`--with-meta`: the snapshot carried in the output, in the place that suits the format.

    json and yaml: one object, the snapshot's keys then `key` holding the usual document
    (for `uzit list` the array of records). jsonl, csv and tsv: `as_of` and `illustrative`
    added to every row, so each line says which snapshot it comes from. Tables and Markdown
    already show the date in their title and the notice: unchanged.
    """
    if chosen in (Format.json, Format.yaml):
        document = report.document
        if document is None:
            document = row_objects(report.views[0])
        return replace(report, document={**snapshot(registry), key: document})
    if chosen not in (Format.jsonl, Format.csv, Format.tsv):
        return report
    view = report.views[0]
    as_of, illustrative = registry.info.as_of, registry.info.illustrative
    if report.document is not None and chosen is Format.jsonl:
        document = {"as_of": as_of.isoformat(), "illustrative": illustrative}
        document.update(report.document)
        return replace(report, document=document)
    columns = [
        *view.columns,
        Column("as_of", "As of", "date", audience="machines"),
        Column("illustrative", "Illustrative", "bool", audience="machines"),
    ]

    def rows() -> Iterator[Mapping[str, Any]]:
        for row in view.rows:
            yield {**row, "as_of": as_of, "illustrative": illustrative}

    views = [replace(view, columns=columns, rows=rows()), *report.views[1:]]
    return replace(report, views=views)
