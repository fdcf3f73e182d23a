"""What a projection says in words (descriptions, inputs, formulas, notes, reasons, warnings),
kept so that it can be written in English and in the reader's language.

A `Said` is a `str` whose value is the English text: the JSON, YAML and other machine formats
carry it as it is (the same bytes in every language), and code and tests may compare it like
any string. `shown(text)` writes it in the language in use, from its message and values, each
time it is shown: numbers through uzit_cli.numbers (`number`, `rate`, `count` below write them
then, not when the projection is computed), nested `Said`s translated in turn.

    Said(N_("R0 = the number of resident records = {count}"), count=r0)

The message is marked with `N_` so tools/catalogues.py finds it. Text from elsewhere (a plain
`str`) is shown as it is. An f-string, `+` or `join` of Saids gives English text: put sentences
together as a `Said` of Saids (and `joined` for a list), so that each part is translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from uzit_cli.language import ENGLISH, _, _n, _p, current, english
from uzit_cli.numbers import date, formula, percent, whole

__all__ = [
    "Said",
    "Written",
    "count",
    "days",
    "joined",
    "number",
    "rate",
    "shown",
    "verbatim",
    "years",
]


class Said(str):
    """English text that can be shown in the reader's language (see the module)."""

    message: str
    values: dict[str, Any]

    def __new__(cls, message: str, /, **values: Any) -> Said:
        with english():
            text = _fill(message, values)
        said = super().__new__(cls, text)
        said.message, said.values = message, values
        return said

    def shown(self) -> str:
        """The text in the language in use."""
        return _fill(_(self.message), self.values)

    def __reduce__(self) -> tuple[Any, ...]:  # a str subclass pickles by its value otherwise
        return (_said, (self.message, self.values))


def _said(message: str, values: dict[str, Any]) -> Said:
    return Said(message, **values)


def _fill(message: str, values: dict[str, Any]) -> str:
    if not values:
        return message
    return message.format(**{name: shown(value) for name, value in values.items()})


class Written:
    """A value written by `write` when it is shown, in the language in use then."""

    __slots__ = ("value", "write")

    def __init__(self, write: Callable[[Any], str], value: Any) -> None:
        self.write, self.value = write, value

    def __str__(self) -> str:
        return self.write(self.value)

    def __repr__(self) -> str:
        return f"Written({self.write.__name__}, {self.value!r})"


def shown(text: object) -> str:
    """`text` in the reader's language: a `Said` translated, a date as the reader writes it
    (ISO in English), anything else as `str()` gives."""
    if isinstance(text, Said):
        return text.shown()
    if isinstance(text, dt.date):
        return date(text)
    return str(text)


def number(value: float) -> Written:
    """A number in a formula: `87 ÷ 9`, `9.666667` (numbers.formula)."""
    return Written(formula, value)


def rate(value: float) -> Written:
    """A yearly rate in a description or a warning, as the tables show it: `14.87 %`,
    `200.00 %` (numbers.percent to two decimals, in the reader's language), so one output
    never gives one rate two ways; formulas write theirs with numbers.formula_percent."""
    return Written(_rate, value)


def _rate(value: float) -> str:
    return percent(value, 2)  # the digits of the views' "Growth a year" column


def count(value: float) -> Written:
    """A count or a large figure: `790,000` (numbers.whole)."""
    return Written(whole, value)


def _items(items: tuple[object, ...]) -> str:
    # Translators: what separates the items of a list of figures in one sentence
    return _("; ").join(shown(item) for item in items)


def joined(items: Iterable[object]) -> Written:
    """Figures in one sentence, separated as the language separates them."""
    return Written(_items, tuple(items))


def _reasons(items: tuple[object, ...]) -> str:
    return reason_separator().join(shown(item) for item in items)


def reason_separator() -> str:
    """What separates reasons (each a clause of its own) in the reader's language: `; `, where
    Japanese ends one sentence and starts the next (`。`) rather than listing figures (`、`)."""
    # Translators: between two reasons or warnings, each a whole clause; "; " separates figures
    return _p("between reasons", "; ")


def joined_reasons(items: Iterable[object]) -> Written:
    """Reasons (whole clauses) in one sentence, separated as the language separates them."""
    return Written(_reasons, tuple(items))


def years(value: int) -> Written:
    """`3 years`, `1 year` (and the Russian forms)."""
    return Written(_years, value)


def _years(value: int) -> str:
    return _n("{count} year", "{count} years", value).format(count=value)


def days(value: int) -> Written:
    """`1 day`, `30 days` (and the Russian forms)."""
    return Written(_days, value)


def _days(value: int) -> str:
    return _n("{count} day", "{count} days", value).format(count=value)


def verbatim(english_text: str, shown_text: str) -> Written:
    """Text made elsewhere in two languages (an error message): the English one in English."""
    return Written(
        lambda pair: pair[0] if current() == ENGLISH else pair[1], (english_text, shown_text)
    )
