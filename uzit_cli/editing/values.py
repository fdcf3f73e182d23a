"""`FIELD=VALUE` as typed on a command line, made into the value the registry holds.

A text field (a name, a city, a note, a URL) keeps the text as typed; any other field reads
VALUE as YAML would in the file (`14`, `true`, `2025-12-31`); a list takes `a,b` or `[a, b]`,
and a year map's year is a key step (`jobs_created.2025=14`). Whatever the value, the project's
loader checks the edited registry before anything is written, so a wrong one is reported as
`validate` reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from uzit_cli.language import _
from uzit_cli.model import RESIDENT_FIELDS
from uzit_cli.problems import Joined, UsageError
from uzit_cli.registry import converters
from uzit_cli.registry.yaml_problems import YamlProblem
from uzit_cli.registry.yamlnodes import STR, Node, Scalar, SequenceNode, parse_nodes, resolve_plain
from uzit_cli.registry.yamlnodes import yaml_value as scalar_value

#: Field kinds of each record: how a typed VALUE is read.
RESIDENT_KINDS: dict[str, str] = {field.name: field.spec.kind for field in RESIDENT_FIELDS}
SOURCE_KINDS = {
    "id": "text",
    "title": "text",
    "publisher": "text",
    "url": "text",
    "published": "date",
    "note": "text",
}
HEADER_KINDS = {"title": "text", "as_of": "date", "illustrative": "bool"}

_ASSIGNMENT = re.compile(r"(?P<field>[^=+\-][^=]*?)(?P<op>\+=|-=|=)(?P<value>.*)\Z", re.DOTALL)


@dataclass(frozen=True)
class Assignment:
    """`field=value`, `field+=value` (add to a list) or `field-=value` (take out of one)."""

    field: str
    op: str
    text: str

    @property
    def steps(self) -> list[str]:
        """`jobs_created.2025` as ['jobs_created', '2025']."""
        return self.field.split(".")


def parse_assignment(word: str) -> Assignment:
    """`jobs_created.2025=14` as an Assignment; a usage error for a word without `=`."""
    found = _ASSIGNMENT.match(word)
    if not found:
        raise UsageError(
            _("expected FIELD=VALUE (or FIELD+=VALUE, FIELD-=VALUE for a list), got {word}").format(
                word=repr(word)
            )
        )
    return Assignment(found["field"].strip(), found["op"], found["value"])


def value_of(kind: str, text: str) -> Any:
    """The value `text` stands for in a field of `kind` (see model.Kind)."""
    if kind == "text":
        return text
    if kind == "list":
        return list_items(text)
    if kind == "years":
        found = yaml_value(text)
        return found if isinstance(found, dict) else text
    return yaml_value(text)


def list_items(text: str) -> list[Any]:
    """`a,b`, `a, b` or `[a, b]` as a list; an empty text as an empty list."""
    stripped = text.strip()
    if stripped.startswith("["):
        found = yaml_value(stripped)
        if isinstance(found, list):
            return found
    return [item.strip() for item in stripped.split(",") if item.strip()]


def yaml_value(text: str) -> Any:
    """`text` read as one YAML value, as the loader reads the file; the text itself when it is
    not YAML at all or not a value (a tag the loader refuses), and a TypedPlain for a scalar
    YAML types but cannot make (2025-02-30): the edited registry is then checked with the text
    in its place, so the loader says what is wrong with it, as `uzit validate` does."""
    try:
        node = parse_nodes(text.encode("utf-8", "surrogateescape"))
        return None if node is None else _python(node)
    except (YamlProblem, _NotAValue):
        return text


class TypedPlain(str):
    """Plain text that YAML types but cannot make a value of (`2025-02-30`, a date in form
    only): the edit writes it plain, as typed, so the check of the edited registry reports it
    as `validate` reports it in a file (`document.RoundTrip` writes it)."""


class _NotAValue(Exception):
    """A mapping keyed by a list or a mapping: no Python value."""


def _python(node: Node) -> Any:
    """A node as the Python value PyYAML's safe loader makes of it; a scalar it cannot make (an
    impossible date) stays its text."""
    if isinstance(node, Scalar):
        value = scalar_value(node)
        if node.plain and node.tag != STR and isinstance(value, str):
            return TypedPlain(value)
        return value
    if isinstance(node, SequenceNode):
        return [_python(item) for item in node.items]
    found: dict[Any, Any] = {}
    for key, value in node.pairs:
        if not isinstance(key, Scalar):
            raise _NotAValue
        found[scalar_value(key)] = _python(value)
    return found


def read_date(text: str) -> dt.date:
    """`text` read as the loader reads a date in the file; a UsageError saying what it says
    otherwise (`2025-02-30 is not a date: February 2025 has 28 days`)."""
    try:
        return converters.date(Scalar(text, resolve_plain(text), True, None))
    except converters.Reject as problem:
        raise UsageError(str(Joined(problem.message, problem.hint))) from None


def year_key(text: str) -> int:
    """A year step of a key path (`2025` in `jobs_created.2025`)."""
    if not re.fullmatch(r"\d{4}", text):
        raise UsageError(
            _("a year is four digits, as in jobs_created.2025; got {text}").format(text=repr(text))
        )
    return int(text)
