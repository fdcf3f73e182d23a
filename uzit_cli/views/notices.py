"""Notices every report carries, for people only (tables, Markdown, the page), and how a date
reads inside a title or note. A view's declared column headings and notes reach the reader's
language where the writers show them (output/values.py: header_text, note_text)."""

from __future__ import annotations

import datetime as dt

from uzit_cli.language import _
from uzit_cli.model import ILLUSTRATIVE_NOTICE, Registry
from uzit_cli.numbers import date


def illustrative_notices(registry: Registry) -> tuple[str, ...]:
    if not registry.info.illustrative:
        return ()
    return (_(ILLUSTRATIVE_NOTICE),)


def day_text(day: dt.date) -> str:
    """A date inside a title or note (`as of 2025-02-28`, `2025年2月28日時点`), in the
    reader's conventions."""
    return date(day)
