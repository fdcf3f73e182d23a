"""Notices every report carries, for people only (tables, Markdown, the page), and the one way
a view's declared column headings reach the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from uzit_cli.language import N_, _
from uzit_cli.model import Registry
from uzit_cli.numbers import date
from uzit_cli.output import Column

ILLUSTRATIVE = N_(
    "Illustrative data: the company records are stand-ins that reproduce published "
    "aggregates, not real companies."
)


def illustrative_notices(registry: Registry) -> tuple[str, ...]:
    if not registry.info.illustrative:
        return ()
    return (_(ILLUSTRATIVE),)


def day_text(day: dt.date) -> str:
    """A date inside a title or note (`as of 2025-02-28`, `2025年2月28日時点`), in the
    reader's conventions."""
    return date(day)


def translated(columns: Iterable[Column]) -> list[Column]:
    """Columns declared at import time (their headings, short headings and notes marked with
    `N_`) with those words in the reader's language. Keys, which machines read, stay."""
    return [
        replace(
            column,
            header=_(column.header) if column.header else "",
            short_header=None if column.short_header is None else _(column.short_header),
            note=None if column.note is None else _(column.note),
        )
        for column in columns
    ]
