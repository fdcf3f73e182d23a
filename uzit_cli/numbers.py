"""Numbers as people read them, in one place: every view, writer, message and formula formats
with these (whole, decimal, percent, share, money; and the forms of the projection's formulas).

Pure and free of any other uzit module, so that every layer may use it. Machine formats keep
full precision and never come here. `-0` is never shown: a value that rounds to zero is written
as zero, without a sign.
"""

from __future__ import annotations

import math
from decimal import Decimal

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


# --- in formulas and messages -------------------------------------------------------------------


def formula(value: float) -> str:
    """A number in a formula: whole numbers as such (no separators, so `87 ÷ 9` reads as
    arithmetic), others to six decimals at most, tiny and huge ones to six significant digits."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    if abs(value) >= 1e-4:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return f"{value:.6g}"


def formula_percent(rate: float) -> str:
    """A rate in a formula or a description, to two decimals: `14.87%`, `0%`."""
    text = f"{rate * 100:.2f}%".replace(".00%", "%")
    return "0%" if text == "-0%" else text


def exact_percent(fraction: Decimal) -> str:
    """0.1 -> `10 %`, 10 -> `1,000 %`: a fraction as a message shows it, exactly."""
    value = (fraction * 100).normalize()
    text = f"{value:,f}"
    return f"{'0' if text in ('-0', '0') else text} %"
