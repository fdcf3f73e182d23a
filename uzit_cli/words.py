"""Small pieces every message shares: the closest candidate, and "did you mean"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from uzit_cli.language import _


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `value` ignoring case, spelt as given; None when none is close."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(value.casefold(), list(by_folded), n=1)
    return by_folded[matches[0]] if matches else None


def did_you_mean(value: str, candidates: Iterable[str], otherwise: str = "") -> str:
    """`; did you mean 'x'?` for the closest candidate, else `otherwise`: the end of a
    sentence the caller began (so the piece is translated as such)."""
    suggestion = closest(value, candidates)
    if suggestion is None:
        return otherwise
    # Translators: the end of a message ("no resident has city 'X'"), with its separator.
    return _("; did you mean '{suggestion}'?").format(suggestion=suggestion)
