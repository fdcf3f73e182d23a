"""Rates as people type them (`0.25`, `25%`), read exactly; numbers in formulas are written by
uzit_cli.numbers (`num`, `pct` and `percent_text` here are its names for them).

A bare number is a fraction and must lie between -1 and 1: `--growth-rate 10` could mean
10 % or 1,000 %, so it is refused with both readings, and a rate of 100 % or more is written
with `%` (`150%`). The three rate options (`--growth-rate`, `--jobs-growth`,
`--exporter-share`) read the same forms; each checks its range on the exact decimal typed,
so a message never contradicts its check.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, DecimalException

from uzit_cli.language import _
from uzit_cli.numbers import exact_percent as percent_text
from uzit_cli.numbers import formula as num
from uzit_cli.numbers import formula_percent as pct

__all__ = ["num", "parse_rate", "parse_share", "pct", "percent_text", "power"]


def _decimal(text: str, flag: str) -> tuple[Decimal, bool]:
    """The number typed, and whether it was a percentage; ValueError says what to write."""
    body = text.strip()
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    try:
        number = Decimal(body) if body.isascii() else Decimal("nan")
    except DecimalException:
        number = Decimal("nan")
    if not number.is_finite() or "_" in body:
        raise ValueError(
            _("{flag}: '{text}' is not a rate; write one such as 0.25 or 25%").format(
                flag=flag, text=text
            )
        )
    if number.adjusted() > 30:  # far past any rate a projection can compute with
        raise ValueError(
            _("{flag}: '{text}' is too large to compute with").format(flag=flag, text=text)
        )
    return number, percent


def _ambiguous(
    text: str,
    number: Decimal,
    flag: str,
    yearly: bool,
    accepts: Callable[[Decimal], bool],
    limits: str,
) -> ValueError:
    """A bare number of 1 or more: both readings, each suggested only if the option takes it
    (never a suggestion that is itself refused, such as -150% for a rate). `limits` is the
    option's range, already in the reader's language."""
    plain, hundredfold = number.normalize(), (number * 100).normalize()
    readings = []
    if accepts(number / 100):
        readings.append(_("{typed}% for {typed} per cent").format(typed=f"{plain:f}"))
    if accepts(number):
        readings.append(
            _("{typed}% if you mean {percent}").format(
                typed=f"{hundredfold:f}", percent=percent_text(number)
            )
        )
    if readings:
        advice = _("write {readings}").format(readings=_(", or ").join(readings))
    else:
        advice = _("{flag} must be {limits}").format(flag=flag, limits=limits)
    values = {"flag": flag, "text": text.strip(), "percent": percent_text(number)}
    if yearly:
        said = _("{flag} {text} would be {percent} a year; {advice}")
    else:
        said = _("{flag} {text} would be {percent}; {advice}")
    return ValueError(said.format(advice=advice, **values))


def parse_rate(text: str, flag: str) -> float:
    """A yearly rate typed as `0.25` or `25%`, above -100 %, as a fraction.

    ValueError names `flag` and the fix; a bare number of magnitude 1 or more is ambiguous.
    """
    number, percent = _decimal(text, flag)
    if not percent and abs(number) >= 1:
        raise _ambiguous(text, number, flag, True, lambda f: f > -1, _("above -100%"))
    fraction = number / 100 if percent else number
    if fraction <= -1:
        raise ValueError(
            _("{flag} must be above -100 % (-1), not {text}").format(flag=flag, text=text.strip())
        )
    return float(fraction) + 0.0  # + 0.0 turns -0 into 0


def parse_share(text: str, flag: str) -> float:
    """A share from 0 to 1 (0% to 100%), in the same forms as a rate; bare 1 is all."""
    number, percent = _decimal(text, flag)
    if not percent and abs(number) > 1:
        raise _ambiguous(text, number, flag, False, lambda f: 0 <= f <= 1, _("from 0% to 100%"))
    fraction = number / 100 if percent else number
    if not 0 <= fraction <= 1:
        raise ValueError(
            _("{flag} must be from 0 to 1 (0% to 100%), not {text}").format(
                flag=flag, text=text.strip()
            )
        )
    return float(fraction) + 0.0


def power(base: float, exponent: float) -> float:
    """base ** exponent, or infinity where it overflows."""
    try:
        return float(base**exponent)
    except OverflowError:
        return math.inf
