"""Numbers as people read them, in one place: every view and writer formats with these.

Machine formats keep full precision and never come here. `-0` is never shown: a value that
rounds to zero is written as zero, without a sign.
"""

from __future__ import annotations

import math

NOTHING = "—"


def _unsigned_zero(text: str) -> str:
    """'-0', '-0.0', '-0.00' as '0', '0.0', '0.00'; anything else unchanged."""
    if text.startswith("-") and not text.strip("-0.,"):
        return text[1:]
    return text


def whole(value: float) -> str:
    """A count or a rounded amount: `1,234`."""
    return _unsigned_zero(f"{round(value):,}")


def decimal(value: float, digits: int = 1) -> str:
    """A number with a fixed number of decimals: `9.7`, `1,234.50`."""
    return _unsigned_zero(f"{value:,.{digits}f}")


def percent(fraction: float, digits: int = 1) -> str:
    """A fraction as a percentage: 0.123 -> `12.3 %` (0.0 -> `0.0 %`, never `-0.0 %`)."""
    return _unsigned_zero(f"{fraction * 100:.{digits}f}") + " %"


def share(part: int, total: int) -> str:
    """How many of how many: `3 of 10`."""
    return f"{whole(part)} of {whole(total)}"


def money(value: float) -> str:
    """An amount of money in whole units (the currency is in the label): `1,250,000`."""
    return whole(value)


def plain(value: object) -> str:
    """An input of a formula: whole numbers as such (years stay `2025`, large ones get
    separators), others to six decimals at most; text as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, int) or (
        math.isfinite(value) and value.is_integer() and abs(value) < 1e15
    ):
        number = int(value)
        return f"{number:,}" if abs(number) >= 10_000 else str(number)
    return _unsigned_zero(f"{value:,.6f}".rstrip("0").rstrip("."))
