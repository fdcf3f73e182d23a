"""Numbers and dates as people read them, in one place: every view, writer, message and
formula formats with these (whole, decimal, percent, share, money, date; and the forms of the
projection's formulas).

In the reader's language (`language.current()`): English is written here with Python's own
formatting (`1,234`, `12.3 %`, `2025-02-28`) and imports nothing; any other language goes through
Babel's CLDR data, imported only then (ja: `1,234`, `12.3%`, `2025年2月28日`; ru: `1 234`,
`12,3 %`, `28.02.2025`, with no-break spaces). The figure is rounded and grouped by Python in
every language (so each shows the same digits as the English output), then written with the
language's separators. The forms of formulas
(`formula`, `formula_percent`, `exact_percent`, `plain`) stay ASCII in every language: they are
arithmetic a reader may check or paste (`87 ÷ 9 = 9.67`), and a decimal comma there would read
as a list.

Free of any uzit module but language.py, so that every layer may use it. Machine formats keep
full precision and never come here. `-0` is never shown: a value that rounds to zero is written
as zero, without a sign.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import Decimal
from typing import Any

from uzit_cli.language import ENGLISH, _, current

NOTHING = "—"

#: The CLDR date style of each language (Babel's "short", "medium", "long"): ja `2025年2月28日`,
#: ru `28.02.2025`; a language not listed gets "medium".
DATE_STYLES = {"ja": "long", "ru": "short"}


def _unsigned_zero(text: str) -> str:
    """'-0', '-0.0', '-0.00' as '0', '0.0', '0.00'; anything else unchanged."""
    if text.startswith("-") and not text.strip("-0.,"):
        return text[1:]
    return text


@functools.cache
def _locale(language: str) -> Any:
    from babel import Locale

    return Locale.parse(language)


@functools.cache
def _separators(language: str) -> dict[int, str]:
    """Python's `,` `.` `-` as `language` writes them (from CLDR): ru `1 234,5`, ja `1,234.5`."""
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    locale = _locale(language)
    return str.maketrans(
        {
            ",": get_group_symbol(locale),
            ".": get_decimal_symbol(locale),
            "-": get_minus_sign_symbol(locale),
        }
    )


def whole(value: float) -> str:
    """A count or a rounded amount: `1,234`."""
    text = _unsigned_zero(f"{round(value):,}")
    return text if current() == ENGLISH else text.translate(_separators(current()))


def decimal(value: float, digits: int = 1) -> str:
    """A number with a fixed number of decimals: `9.7`, `1,234.50`."""
    text = _unsigned_zero(f"{value:,.{digits}f}")
    return text if current() == ENGLISH else text.translate(_separators(current()))


#: A percentage beyond this is written "more than" it: a rate or share that large is a
#: projection run far past its data, and its hundreds of digits would say nothing more.
HUGE_PERCENT = 1e9


def percent(fraction: float, digits: int = 1) -> str:
    """A fraction as a percentage: 0.123 -> `12.3 %`, 12.5 -> `1,250.0 %` (0.0 -> `0.0 %`,
    never `-0.0 %`); ja `12.3%`, ru `12,3 %`, as each language writes a percentage; beyond
    HUGE_PERCENT, `more than 1,000,000,000 %`."""
    if math.isnan(fraction):
        return NOTHING
    if fraction * 100 > HUGE_PERCENT:
        return _("more than {percent}").format(percent=percent(HUGE_PERCENT / 100, 0))
    if current() == ENGLISH:
        return _unsigned_zero(f"{fraction * 100:,.{digits}f}") + " %"
    prefix, suffix = _percent_affixes(current())
    return prefix + decimal(fraction * 100, digits) + suffix


@functools.cache
def _percent_affixes(language: str) -> tuple[str, str]:
    from babel.numbers import parse_pattern

    pattern = parse_pattern(_locale(language).percent_formats[None])
    return pattern.prefix[0], pattern.suffix[0]


def share(part: int, total: int) -> str:
    """How many of how many: `3 of 10`."""
    return _("{part} of {total}").format(part=whole(part), total=whole(total))


def money(value: float) -> str:
    """An amount of money in whole units (the currency is in the label): `1,250,000`."""
    return whole(value)


def date(value: dt.date) -> str:
    """A date as people read it: `2025-02-28` in English (ISO, as the registry writes it),
    `2025年2月28日`, `28.02.2025`."""
    if current() == ENGLISH:
        return value.isoformat()
    from babel.dates import format_date

    language = current()
    return format_date(value, DATE_STYLES.get(language, "medium"), locale=_locale(language))


def plain(value: object) -> str:
    """An input of a formula, in a table of inputs: whole numbers as such (years stay
    `2025`, large ones get separators), others to six decimals at most, with the language's
    separators (`790 000`, `0,5` in Russian); text as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, int) or (
        math.isfinite(value) and value.is_integer() and abs(value) < 1e15
    ):
        number = int(value)
        text = f"{number:,}" if abs(number) >= 10_000 else str(number)
    else:
        text = _unsigned_zero(f"{value:,.6f}".rstrip("0").rstrip("."))
    return text if current() == ENGLISH else text.translate(_separators(current()))


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
