"""Messages' words for values: what YAML made of a value, and what to write instead."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from uzit_cli.language import Phrase
from uzit_cli.problems import Text
from uzit_cli.registry.forms import BAD_IN_TEXT, DATE, DECIMAL_FLOAT, DECIMAL_INT
from uzit_cli.registry.limits import MAX_NUMBER
from uzit_cli.registry.yaml_problems import show
from uzit_cli.registry.yamlnodes import (
    BOOL,
    FLOAT,
    INT,
    MERGE,
    NULL,
    STR,
    TIMESTAMP,
    VALUE,
    MappingNode,
    Node,
    Scalar,
    SequenceNode,
    yaml_value,
)


def describe(node: Node) -> Phrase:
    """What YAML made of a value, in words: `NO, which YAML 1.1 reads as false`, `a list`."""
    if isinstance(node, MappingNode):
        return Phrase("a mapping")
    if isinstance(node, SequenceNode):
        return Phrase("a list")
    tag, text = node.tag, node.value
    if tag == STR:
        if node.plain:
            return Phrase("the text {value}", value=show(text))
        return Phrase("the quoted text {value}", value=show(text))
    if tag == NULL:
        if not text:
            return Phrase("an empty value")
        return Phrase("{value}, which YAML reads as an empty value", value=text)
    if tag == BOOL:
        return Phrase(
            "{value}, which YAML 1.1 reads as {fix}",
            value=text,
            fix="true" if yaml_value(node) else "false",
        )
    if tag == MERGE:
        return Phrase("'<<', which YAML reads as a merge key")
    if tag == VALUE:
        return Phrase("'=', which YAML 1.1 reads as a value key")
    if tag == TIMESTAMP:
        if DATE.match(text):
            return Phrase("{value}, which YAML reads as a date", value=show(text))
        return Phrase("{value}, which YAML reads as a date and time", value=show(text))
    if (tag == INT and DECIMAL_INT.match(text)) or (tag == FLOAT and DECIMAL_FLOAT.match(text)):
        return Phrase("the number {value}", value=text)
    if tag in (INT, FLOAT):
        value = yaml_value(node)
        shown = number_text(value) if isinstance(value, (int, float)) else str(value)
        return Phrase(
            "{value}, which YAML 1.1 reads as the number {number}", value=show(text), number=shown
        )
    return Phrase("the value {value}", value=show(text))  # pragma: no cover - all tags above


def number_text(value: float) -> Text:
    if isinstance(value, int) and abs(value) > 10**40:  # str() fails past 4,300 digits
        digits = f"{int(value.bit_length() * 0.30103) + 1:,}"
        return Phrase("a number of about {digits} digits", digits=digits)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        return str(int(value))
    return repr(value)


def quote_hint(text: str, *, if_text: bool = False) -> Text:
    """`; quote it: "text"`, with the text as a YAML double-quoted scalar (`if_text`: `; if it
    is text, quote it: …`, where the value may have been meant as something else)."""
    if len(text) > 40:
        if if_text:
            return Phrase("; if it is text, put it in quotes")
        return Phrase("; put it in quotes")
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    quoted = '"' + BAD_IN_TEXT.sub(lambda m: f"\\u{ord(m[0]):04x}", escaped) + '"'
    if if_text:
        return Phrase("; if it is text, quote it: {quoted}", quoted=quoted)
    return Phrase("; quote it: {quoted}", quoted=quoted)


def resolve_bool(text: str) -> bool | None:
    lowered = text.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    return None


def int_hint(node: Node, *, whole: bool = True) -> Text:
    """A suggestion for text that was meant as a number, such as 1e3, 12.0 or "12"."""
    if not isinstance(node, Scalar) or node.tag not in (STR, FLOAT):
        return ""
    text = node.value.strip().replace(",", "") if node.tag == STR else node.value
    try:
        value = float(text)
    except ValueError:
        return ""
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return ""
    if value.is_integer() and abs(value) < 1e17:
        written = str(int(value))
    elif whole:
        return ""
    else:
        written = format(Decimal(repr(value)), "f")
    if written == node.value and node.tag == FLOAT and not node.plain:
        return Phrase("; remove the tag !!float")  # `!!float 12`: the text is right, not the tag
    return Phrase("; write {value}", value=written)


_UNKNOWN_WORDS = frozenset({"unknown", "n/a", "na", "tbd", "tba", "?", "-", "none", "todo"})
_YEAR_COLON = re.compile(r"([0-9]{4}):([0-9][0-9.]*)\Z")


def means_unknown(node: Node) -> bool:
    """An empty value, or a word people write for "not known"."""
    if not isinstance(node, Scalar):
        return False
    return node.tag == NULL or node.value.strip().lower() in _UNKNOWN_WORDS


def colon_hint(node: Node) -> Text:
    """`2024:30`, which YAML 1.1 reads as one base-60 number, meant as `2024: 30`."""
    if isinstance(node, Scalar) and node.plain:
        match = _YEAR_COLON.match(node.value)
        if match:
            return Phrase(
                "; add a space after the colon: {year}: {value}", year=match[1], value=match[2]
            )
    return ""
