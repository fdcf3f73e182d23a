"""Plain values to JSON-ready values and to the text of one cell, per format.

Registry text is data, never markup: every function here either keeps a string exactly
(machine formats) or makes it inert for where it goes (terminal, TSV, Markdown).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from uzit_cli.characters import BIDI_CONTROLS
from uzit_cli.language import _, _p
from uzit_cli.numbers import date, decimal, percent, whole
from uzit_cli.output.report import Column

# Characters that can steer a terminal or reorder what it shows: C0 and C1 controls (ESC starts
# ANSI and OSC sequences; 0x9b is an 8-bit CSI) and the Unicode bidirectional controls.
_BIDI = BIDI_CONTROLS
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_TSV_SPECIAL = re.compile(rf"[\\\x00-\x1f\x7f-\x9f{_BIDI}]")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Left raw by json.dumps(ensure_ascii=False): escaped so JSON on a terminal stays inert too.
# U+FEFF, U+FFFE and U+FFFF too: a registry may hold them only as escapes, and refuses them raw.
_JSON_UNSAFE = re.compile(rf"[\x7f-\x9f{_BIDI}\u2028\u2029\ufeff\ufffe\uffff]")
# CommonMark's backslash escapes for everything that starts markup in common viewers: emphasis,
# code, links, HTML, tables, headings, strike-through (~), entities (&lt;), math ($), emoji
# shortcodes and URL schemes (a ':' before a word or '/'), and bare `www.` autolinks.
# How Python keeps the undecodable bytes of a command-line argument (surrogateescape).
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&$]|:(?=[\w/])|(?<=www)\.)", re.IGNORECASE)


AS_IS = frozenset((str, int, float, bool, type(None)))  # types JSON carries as they are
_MAPPINGS = frozenset((dict, MappingProxyType))


def json_value(value: Any) -> Any:
    """A value as JSON carries it: ISO dates, lists for tuples (a tuple of text and numbers as
    it is: the encoders write it as a list), string keys for years."""
    if type(value) in AS_IS:  # the common case first: this runs for every cell of every row
        return value
    if isinstance(value, (tuple, list)):
        for item in value:
            if type(item) not in AS_IS:
                return [item if type(item) in AS_IS else json_value(item) for item in value]
        return value  # JSON writes a tuple as a list: text items need nothing
    if isinstance(value, dt.date):
        return value.isoformat()
    # registry mappings are MappingProxyType: known by type before the slower Mapping check
    if type(value) in _MAPPINGS or isinstance(value, Mapping):
        return {
            str(key): item if type(item) in AS_IS else json_value(item)
            for key, item in value.items()
        }
    return value


def json_safe(text: str) -> str:
    """JSON text with the characters json.dumps leaves raw escaped as \\uXXXX: same value."""
    if _JSON_UNSAFE.search(text):
        return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text


def plain_text(value: Any) -> str:
    """A value as one field of TSV or CSV: lists joined by commas, years as `2024:12`."""
    kind = type(value)
    if kind is str:  # the common cases first, by exact type: this runs for every cell
        return value  # type: ignore[no-any-return]
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if kind is tuple:  # sectors, markets, sources: text items, joined in C
        try:
            return ",".join(value)
        except TypeError:  # items of other types: each as plain text
            return ",".join([plain_text(item) for item in value])
    if kind is MappingProxyType:  # the years of a record, without the Mapping ABC's check
        return ",".join([f"{key}:{plain_text(item)}" for key, item in value.items()])
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e16 else str(int(value))
    if isinstance(value, (tuple, list)):
        return ",".join([plain_text(item) for item in value])
    if isinstance(value, Mapping):
        return ",".join([f"{key}:{plain_text(item)}" for key, item in value.items()])
    return str(value)


# What a spreadsheet may take as the start of a formula in a cell (OWASP's list, with the
# full-width forms some spreadsheets fold to ASCII); also after leading spaces.
_FORMULA_FIRST = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_NUMBERS = (int, float)


def spreadsheet_text(value: Any) -> str:
    """A value as one CSV or TSV cell: plain_text(), with text that a spreadsheet would run
    as a formula (`=HYPERLINK(...)`, `-2+3`, ` @SUM(...)`) prefixed by a `'`, which
    spreadsheets show as text and do not display. Numbers are left as they are."""
    text = plain_text(value)
    if (
        text
        and (
            text[0] in _FORMULA_FIRST or (text[0].isspace() and text.lstrip()[:1] in _FORMULA_FIRST)
        )
        and type(value) not in _NUMBERS
    ):
        return "'" + text
    return text


def spreadsheet_cells(values: Iterable[Any]) -> list[str]:
    """spreadsheet_text() of each value, with the common ones (text that starts no formula,
    and absent values) found without a call: a CSV of 10,000 residents has 250,000 cells."""
    first, text = _FORMULA_FIRST, spreadsheet_text
    return [
        value
        if type(value) is str and value[:1] not in first and not value[:1].isspace()
        else ""
        if value is None
        else text(value)
        for value in values
    ]


def _escape(character: str) -> str:
    if character in _TSV_ESCAPES:
        return _TSV_ESCAPES[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def tsv_field(value: Any) -> str:
    """TSV text: backslash, tab, newline and return as \\\\ \\t \\n \\r; other controls as \\xNN.

    Every backslash in the data is doubled, so the escapes are unambiguous and reversible.
    Text a spreadsheet would run as a formula starts with a `'` (see spreadsheet_text).
    """
    text = spreadsheet_text(value)
    if _TSV_SPECIAL.search(text):
        text = _TSV_SPECIAL.sub(lambda match: _escape(match.group()), text)
    return text


def inert(text: str) -> str:
    """Control characters shown as visible escapes, so no text can steer a terminal; a byte of
    a command-line argument that was not UTF-8 (a surrogate escape) as the byte, `\\xff`."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda match: _escape(match.group()), text)
    if _SURROGATE_ESCAPE.search(text):
        text = _SURROGATE_ESCAPE.sub(lambda match: f"\\x{ord(match.group()) - 0xDC00:02x}", text)
    return text


def header_text(column: Column, *, short: bool = False) -> str:
    """A column's header (or its short form) in the reader's language: headers are declared
    once, in English, marked with `N_`, and translated here, where every format for people
    shows them. A header a view has translated already is left as it is."""
    header = column.short_header if short and column.short_header else column.header
    return _(header) if header else header


def note_text(column: Column) -> str:
    """A column's note in the reader's language, as `header_text` gives its header."""
    return _(column.note) if column.note else ""


def joined(items: Iterable[str]) -> str:
    """Names listed in a sentence of the reader's language: `a, b, c` (Japanese `a、b、c`)."""
    return _p("list separator", ", ").join(items)


def display_text(value: Any, column: Column, *, unicode: bool = True) -> str:
    """A value as people read it in a table: separators, rounding, ✓/✗, `—` for nothing."""
    if value is None:
        return "—" if unicode else "-"
    kind = column.kind
    if kind == "bool" or isinstance(value, bool):
        if unicode:
            return "✓" if value else "✗"
        return _("yes") if value else _("no")
    if kind == "share" and isinstance(value, (int, float)):
        return percent(value, max(column.digits, 1))
    if isinstance(value, int):
        return whole(value)
    if isinstance(value, float):
        return decimal(value, column.digits)
    if isinstance(value, dt.date):
        return date(value)
    if isinstance(value, (tuple, list, Mapping)) and not value:
        return "—" if unicode else "-"
    if isinstance(value, (tuple, list)):
        return joined(inert(str(item)) for item in value)  # `a、b` in Japanese
    if isinstance(value, Mapping):
        return ", ".join(
            f"{key}: {display_text(item, column, unicode=unicode)}" for key, item in value.items()
        )
    return inert(str(value))


def markdown_cell(value: Any, column: Column) -> str:
    """A Markdown table cell: markup characters escaped, line breaks as <br>, pipes kept out."""
    text = display_text(value, column)
    if column.kind in ("text", "list", "years"):
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return "<br>".join(text.splitlines()) if "\n" in text or "\r" in text else text
