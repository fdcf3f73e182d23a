"""Which characters text may hold, declared once for the loader, the JSON Schema and the output.

Each set is written as the inside of a regular-expression character class, so that the loader
and the output layer compile it and `uzit schema` writes it, escaped, into its patterns.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional controls: they reorder what a terminal or a spreadsheet shows.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Control characters, lone surrogates' neighbours aside, and Unicode's own line breaks.
REFUSED_IN_TEXT = f"\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}"
# A note may also hold newlines and tabs.
REFUSED_IN_NOTE = f"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}"
# What a spreadsheet may read as the start of a formula: also after leading spaces, and in the
# full-width forms of East Asian input methods, which some spreadsheets fold to ASCII.
FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Characters that show nothing although Unicode counts some of them as letters or symbols:
# whitespace, format characters and the fillers some scripts use.
INVISIBLE_CLASS = (
    r"\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2060-\u206f"
    r"\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001d159\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]*")
_INVISIBLE_CHARS = re.compile(f"[{INVISIBLE_CLASS}]+")


def shows_nothing(text: str) -> bool:
    """Whether `text` holds no character that shows: no letter, digit, punctuation mark or
    symbol (Unicode categories L, N, P, S) outside INVISIBLE. Marks alone, format, private-use
    and unassigned characters show nothing a reader can tell apart."""
    if text.isascii():
        return not text or text.isspace()
    rest = _INVISIBLE_CHARS.sub("", text)
    return not any(unicodedata.category(char)[0] in "LNPS" for char in rest)


def escaped_class(characters: str) -> str:
    """A character class's inside with every character but the range dash as `\\uXXXX`, as
    JSON Schema patterns (ECMA-262) read them."""
    return "".join(c if c == "-" else f"\\u{ord(c):04x}" for c in characters)


def display_cells(text: str) -> int:
    """How many character cells `text` takes on screen: a wide (East Asian) character two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
