"""JSON Schema fragments, carried by the converters and rules that check the same thing.

A converter (or a list check, or a record rule) is declared with `@carries(fragment)`, as
frictionless' field types carry their JSON Schema type: `registry/schema.py` then builds the
registry's schema by walking the record declarations of specs.py, so a new field or record
needs no schema of its own. A fragment given a `name` is written once under `$defs` and
referred to by `$ref` wherever that converter reads a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from uzit_cli.characters import REFUSED_IN_NOTE, REFUSED_IN_TEXT, escaped_class
from uzit_cli.registry.yaml_problems import MAX_SCALAR_LENGTH

# Characters refused in text (uzit_cli/characters.py), escaped as JSON Schema patterns want them.
_REFUSED = escaped_class(REFUSED_IN_TEXT)
_REFUSED_IN_NOTE = escaped_class(REFUSED_IN_NOTE)
# at least one character that is not white space, then nothing refused
TEXT_PATTERN = f"^(?=[\\s\\S]*\\S)[^{_REFUSED}]*$"
NOTE_PATTERN = f"^(?=[\\s\\S]*\\S)[^{_REFUSED_IN_NOTE}]*$"
# the same, and no leading = + - @ (a spreadsheet formula)
GUARDED_PATTERN = f"^(?=[\\s\\S]*\\S)[^=+\\-@{_REFUSED}][^{_REFUSED}]*$"
YEAR_PATTERN = "^[1-9][0-9]{3}$"
# http(s), optional user information, then a host: an IP address in brackets, or labels that
# are not empty and neither start nor end with '-'; an optional port, then no spaces
_LABEL = r"[^\s/?#:.@\[\]-](?:[^\s/?#:.@\[\]]*[^\s/?#:.@\[\]-])?"
URL_PATTERN = (
    rf"^[Hh][Tt][Tt][Pp][Ss]?://(?:[^\s/?#@]*@)?(?:\[[0-9A-Fa-f:.]+\]|{_LABEL}(?:\.{_LABEL})*\.?)"
    r"(?::[0-9]*)?(?:[/?#]\S*)?$"
)


@dataclass(frozen=True)
class Fragment:
    """What a converter or rule says in JSON Schema; with a `name`, a `$defs` entry."""

    schema: dict[str, Any]
    name: str | None = None


#: Each declared converter, list check or record rule, and its fragment.
SCHEMA_OF: dict[Callable[..., Any], Fragment] = {}

F = TypeVar("F", bound=Callable[..., Any])


def carries(schema: dict[str, Any], name: str | None = None) -> Callable[[F], F]:
    """Declare a converter's (or a check's) JSON Schema fragment beside it."""

    def declare(function: F) -> F:
        SCHEMA_OF[function] = Fragment(schema, name)
        return function

    return declare


def text_schema(
    description: str, pattern: str = TEXT_PATTERN, max_length: int = MAX_SCALAR_LENGTH
) -> dict[str, Any]:
    return {
        "type": "string",
        "description": description,
        "pattern": pattern,
        "maxLength": max_length,
    }
