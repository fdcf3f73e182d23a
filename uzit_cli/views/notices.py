"""Notices every report carries, for people only (tables, Markdown, the page), and how a date
reads inside a title or note. A view's declared column headings and notes reach the reader's
language where the writers show them (output/values.py: header_text, note_text)."""

from __future__ import annotations

import datetime as dt

from uzit_cli.language import N_, _
from uzit_cli.model import Registry
from uzit_cli.numbers import date

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
