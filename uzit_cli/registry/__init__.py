"""Load and validate a registry: bytes in, an immutable `Registry` or every problem out.

The rules are those of docs/registry-format.md (format version 1). The package, in the order
a file goes through it:

- `files`: find and read the bytes; refuse what is not UTF-8 text YAML reads as editors do;
- `common_shape`: the fast path, residents written in the common shape read straight from the
  text's lines, for a file that loads without a problem (anything else is read the ordinary
  way, below, which places every problem);
- `yamlnodes`: the event walker, which hands each resident over as soon as it ends;
- `specs`: the format as declarations (each record's keys, readers, required keys and rules);
- `reader`: the one generic reader of those declarations, which collects every problem with
  its position and key path;
- `converters`: scalar values, one typed function each (`wording` words their messages), each
  carrying its JSON Schema fragment (`fragments`, from which `schema` is built);
- `rules`: what relates values to each other, one function each, with its problem code;
- `warnings`: the rules over a loaded registry (published figures, spellings), which
  `validate` reports as warnings;
- `limits`: the bounds of a registry.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from uzit_cli.language import Phrase
from uzit_cli.model import Registry
from uzit_cli.problems import EMPTY_FILE, YAML, RegistryError
from uzit_cli.registry.common_shape import header_nodes, read_residents
from uzit_cli.registry.files import (
    STDIN,
    bundled_registry_path,
    check_text,
    display_path,
    one_problem,
    read_bytes,
    within,
)
from uzit_cli.registry.limits import LONG_LINE_BYTES, MAX_FILE_BYTES, MAX_NUMBER
from uzit_cli.registry.reader import INVALID, NOT_READ, Reading
from uzit_cli.registry.rules import ACROSS_THE_FILE
from uzit_cli.registry.specs import REGISTRY, RESIDENT
from uzit_cli.registry.yaml_problems import YamlProblem
from uzit_cli.registry.yamlnodes import (
    NOWHERE,
    MappingNode,
    Node,
    Position,
    Scalar,
    parse_nodes,
    resolve_plain,
)

__all__ = [
    "LONG_LINE_BYTES",
    "MAX_FILE_BYTES",
    "MAX_NUMBER",
    "STDIN",
    "bundled_registry_path",
    "display_path",
    "load_registry",
    "parse_registry",
]


def load_registry(path: str | Path, *, display: str | None = None) -> Registry:
    """Read and validate the registry at `path` (`-` for standard input).

    Raises RegistryError with every problem found; never anything else for bad input.
    """
    shown = display if display is not None else display_path(path)
    return parse_registry(read_bytes(path, shown), shown)


def parse_registry(data: bytes, path: str = "<registry>") -> Registry:
    """Validate registry bytes; `path` only names the file in problems.

    Problems with the bytes or the YAML itself stop reading and are reported alone; every
    problem with the values is reported, in file order.
    """
    check_text(data, path)
    # Loading allocates many small objects and frees none: the cyclic collector would only
    # rescan them, which costs about a fifth of the time on 100,000 residents.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _in_common_shape(data, path) or _read_events(data, path)
    finally:
        if collecting:
            # What was just loaded is all young to the collector, which would scan it whole at
            # the next allocation (a tenth of the load time); freeze() and unfreeze() move it to
            # the oldest generation in one step instead.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _in_common_shape(data: bytes, path: str) -> Registry | None:
    """The registry, read by the fast path (common_shape), when its residents are written in
    the common shape and nothing in the file has a problem; None otherwise."""
    reading = Reading(path)
    streamed = reading.streamed
    header: list[Node] = []

    def on_header(data: bytes) -> bool:
        root = header_nodes(data, _no_resident)
        if root is None:
            return False
        header.append(root)
        return True

    def read(pairs: list[tuple[str, Node]], start: Position) -> bool:
        at = ("residents", len(streamed))
        record = RESIDENT.read_flat(reading, pairs, start, at)
        if record is NOT_READ:  # not for the fast reader: read from its nodes
            node = MappingNode(start)
            node.pairs = [
                (Scalar(name, resolve_plain(name), True, NOWHERE), value) for name, value in pairs
            ]
            record = RESIDENT.read_record(reading, node, at)
        if record is INVALID or reading.problems:
            return False
        streamed.append(record)
        return True

    try:  # (a value with over MAX_PROBLEMS problems in it stops with RegistryError at once)
        if not read_residents(data.decode("utf-8"), on_header, read):
            return None
        registry = REGISTRY.read_record(reading, header[0], ())
        for rule in ACROSS_THE_FILE:
            rule(reading)
    except RegistryError:
        return None
    if reading.problems or not isinstance(registry, Registry):
        return None
    return registry


def _no_resident(node: Node) -> None:
    """The header's `residents: []` holds none."""


def _read_events(data: bytes, path: str) -> Registry:
    """The registry read the ordinary way, from libyaml's events: RegistryError with every
    problem."""
    reading = Reading(path)
    streamed, read_resident, read_flat_resident = (
        reading.streamed,
        RESIDENT.read_record,
        RESIDENT.read_flat,
    )

    def on_resident(node: Node) -> None:
        streamed.append(read_resident(reading, node, ("residents", len(streamed))))

    def read_flat(pairs: list[tuple[str, Node]], mark: Any) -> bool:
        read = read_flat_resident(reading, pairs, mark, ("residents", len(streamed)))
        if read is NOT_READ:
            return False
        streamed.append(read)
        return True

    try:
        root = parse_nodes(data, on_resident, read_flat)
    except YamlProblem as exc:
        line, column = within(data, exc.line, exc.column)
        raise one_problem(path, line, column, exc.message, code=YAML) from None
    if root is None:
        raise one_problem(
            path,
            1,
            1,
            Phrase("the file holds no YAML values; a registry starts with `schema: 1`"),
            code=EMPTY_FILE,
        )
    registry = REGISTRY.read_record(reading, root, ())
    for rule in ACROSS_THE_FILE:
        rule(reading)
    if reading.problems or registry is INVALID:
        raise RegistryError(reading.problems)
    assert isinstance(registry, Registry)
    return registry
