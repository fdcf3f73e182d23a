"""Messages' words for values: what YAML made of a value, and what to write instead."""

from __future__ import annotations

import math
import re
from decimal import Decimal

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


def describe(node: Node) -> str:
    """What YAML made of a value, in words: `NO, which YAML 1.1 reads as false`, `a list`."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    tag, text = node.tag, node.value
    if tag == STR:
        return f"the {'' if node.plain else 'quoted '}text {show(text)}"
    if tag == NULL:
        return "an empty value" if not text else f"{text}, which YAML reads as an empty value"
    if tag == BOOL:
        return f"{text}, which YAML 1.1 reads as {'true' if yaml_value(node) else 'false'}"
    if tag == MERGE:
        return "'<<', which YAML reads as a merge key"
    if tag == VALUE:
        return "'=', which YAML 1.1 reads as a value key"
    if tag == TIMESTAMP:
        has_time = not DATE.match(text)
        return f"{show(text)}, which YAML reads as a date{' and time' if has_time else ''}"
    if (tag == INT and DECIMAL_INT.match(text)) or (tag == FLOAT and DECIMAL_FLOAT.match(text)):
        return f"the number {text}"
    if tag in (INT, FLOAT):
        value = yaml_value(node)
        shown = number_text(value) if isinstance(value, (int, float)) else str(value)
        return f"{show(text)}, which YAML 1.1 reads as the number {shown}"
    return f"the value {show(text)}"  # pragma: no cover - every resolver tag is covered above


def number_text(value: float) -> str:
    if isinstance(value, int) and abs(value) > 10**40:  # str() fails past 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        return str(int(value))
    return repr(value)


def quote_hint(text: str) -> str:
    """`; quote it: "text"`, with the text as a YAML double-quoted scalar."""
    if len(text) > 40:
        return "; put it in quotes"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '; quote it: "' + BAD_IN_TEXT.sub(lambda m: f"\\u{ord(m[0]):04x}", escaped) + '"'


def resolve_bool(text: str) -> bool | None:
    lowered = text.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    return None


def int_hint(node: Node, *, whole: bool = True) -> str:
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
        return "; remove the tag !!float"  # `!!float 12`: the text is right, the tag is not
    return f"; write {written}"


_UNKNOWN_WORDS = frozenset({"unknown", "n/a", "na", "tbd", "tba", "?", "-", "none", "todo"})
_YEAR_COLON = re.compile(r"([0-9]{4}):([0-9][0-9.]*)\Z")


def means_unknown(node: Node) -> bool:
    """An empty value, or a word people write for "not known"."""
    if not isinstance(node, Scalar):
        return False
    return node.tag == NULL or node.value.strip().lower() in _UNKNOWN_WORDS


def colon_hint(node: Node) -> str:
    """`2024:30`, which YAML 1.1 reads as one base-60 number, meant as `2024: 30`."""
    if isinstance(node, Scalar) and node.plain:
        match = _YEAR_COLON.match(node.value)
        if match:
            return f"; add a space after the colon: {match[1]}: {match[2]}"
    return ""
