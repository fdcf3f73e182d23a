"""Spreadsheet-ready reports: per-year columns filled in (the names come from
uzit_cli/year_columns.py), and `--with-meta`'s snapshot carried in the place that suits a format.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from uzit_cli.language import _p
from uzit_cli.model import Registry
from uzit_cli.output import Column, Format, Report
from uzit_cli.output.writers import FORMATS, row_objects
from uzit_cli.year_columns import YEAR_FIELDS, snapshot, year_column


def per_year_column(name: str) -> Column:
    found = year_column(name)
    assert found is not None
    field, year = found
    _prefix, kind, header = YEAR_FIELDS[field]
    return Column(name, _p("field", header).format(year=year), kind)


def with_year_columns(report: Report, names: Sequence[str]) -> Report:
    """`report` (whose rows carry every record field) with its first view's columns in the
    order of `names`, per-year columns filled from the year-keyed fields of each row."""
    view = report.views[0]
    by_key = {column.key: column for column in view.columns}
    wanted = [(name, year_column(name)) for name in names]
    if all(found is None for _name, found in wanted):
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


def with_meta(report: Report, registry: Registry, chosen: Format, *, key: str) -> Report:
    """`--with-meta`: the snapshot carried in the output, in the place that suits the format.

    Formats of one document (json, yaml): one object, the snapshot's keys then `key` holding
    the usual document (for `uzit list` the array of records). Formats of rows (jsonl, csv,
    tsv): `as_of` and `illustrative` added to every row, so each line says which snapshot it
    comes from. Tables and Markdown already show the date in their title and the notice:
    unchanged.
    """
    shape = FORMATS[chosen].shape if chosen in FORMATS else None
    if shape == "document":
        document = report.document
        if document is None:
            document = list(row_objects(report.views[0]))  # the records as plain -f json
        return replace(report, document={**snapshot(registry), key: document})
    if shape != "rows":
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
