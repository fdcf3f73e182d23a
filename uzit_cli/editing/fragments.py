"""One resident's lines, edited alone: what keeps an edit of a large registry fast.

ruamel.yaml is pure Python: reading and writing back a whole registry of thousands of residents
takes many times what uzit's own loader (C parser) takes to read it. An edit that touches one
resident needs only that resident's lines. `index()` finds where each resident's lines are
with the project's fast loader (`registry/yamlnodes.py` keeps each node's line and column);
`Fragment` reads those lines alone through ruamel.yaml, under a `residents:` line of its own,
and `splice()` puts its edited lines back into the whole text (`patch.carry_over`, as for a
whole document). Whatever the index cannot place surely (a flow-style list of residents, an
alias to another resident, an id not found) is left to the whole-document round trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from uzit_cli.editing.patch import carry_over
from uzit_cli.registry.yamlnodes import (
    MappingNode,
    Node,
    Scalar,
    SequenceNode,
    parse_nodes,
    yaml_value,
)

HEAD = "residents:"


@dataclass
class Index:
    """Where each resident's lines are: `spans[i]` is (first line, end line) of the i-th
    resident (0-based, end excluded, its trailing comments and blank lines included), or
    None when its lines cannot be told apart; `ids[i]` its id as YAML reads it."""

    ids: list[Any] = field(default_factory=list)
    spans: list[tuple[int, int] | None] = field(default_factory=list)

    def find(self, resident_id: str) -> int | None:
        for number, each in enumerate(self.ids):
            if each == resident_id:
                return number
        return None


def index(data: bytes, lines: list[str]) -> Index | None:
    """The residents' lines in a registry (`lines`: its text split at `\\n`), None when the
    file is not a mapping with one block list of residents (the whole-document path then
    reports or handles it)."""
    marks: list[tuple[int, int]] = []
    ids: list[Any] = []

    def resident(node: Node) -> None:
        marks.append((node.mark.line, node.mark.column))
        ids.append(_id_of(node))

    try:
        root = parse_nodes(data, resident)
    except Exception:  # the loader reports it, on the whole-document path
        return None
    if not isinstance(root, MappingNode):
        return None
    keys = [key.value for key, _ in root.pairs]
    if keys.count("residents") != 1:
        return None
    place = keys.index("residents")
    value = root.pairs[place][1]
    if not isinstance(value, SequenceNode) or not value.streamed:
        return None
    end = root.pairs[place + 1][0].mark.line if place + 1 < len(root.pairs) else len(lines)
    starts = [_dash_line(lines, line, column) for line, column in marks]
    spans: list[tuple[int, int] | None] = []
    for number, start in enumerate(starts):
        following = starts[number + 1] if number + 1 < len(starts) else end
        if start is not None and following is not None and start < following <= end:
            spans.append((start, following))
        else:
            spans.append(None)
    return Index(ids, spans)


def _id_of(node: Node) -> Any:
    if isinstance(node, MappingNode):
        for key, value in node.pairs:
            if key.value == "id" and isinstance(value, Scalar):
                return yaml_value(value)
    return None


def _dash_line(lines: list[str], line: int, column: int) -> int | None:
    """The line of the `-` that opens the list item whose content starts at (line, column)."""
    if line >= len(lines):
        return None
    before = lines[line][:column].rstrip()
    if before.endswith("-") and before.lstrip(" ") in ("-",):
        return line
    number = line - 1
    if before.strip():
        return None
    while number >= 0 and not lines[number].strip():
        number -= 1
    if number >= 0 and lines[number].strip() == "-":
        return number
    return None


class Fragment:
    """One resident's lines, read by ruamel.yaml alone: `item` is its round-trip mapping."""

    def __init__(self, round_trip: Any, lines: list[str], span: tuple[int, int]) -> None:
        self.span = span
        self.round_trip = round_trip
        self.at_end = span[1] == len(lines)
        own = lines[span[0] : span[1]]
        self.lines = [HEAD, *own] if self.at_end else [HEAD, *own, ""]
        tree = round_trip.load("\n".join(self.lines))
        self.tree = tree
        residents = tree.get("residents") if hasattr(tree, "get") else None
        if residents is None or len(residents) != 1 or not hasattr(residents[0], "get"):
            raise ValueError("not one resident")
        self.item = residents[0]
        self.unedited: str | None = None

    def edited(self) -> None:
        if self.unedited is None:
            self.unedited = self.round_trip.dump(self.tree)

    def written(self) -> list[str]:
        """The fragment's lines as edited (without the `residents:` line)."""
        if self.unedited is None:
            return self.lines[1:-1] if not self.at_end else self.lines[1:]
        edited = self.round_trip.dump(self.tree)
        lines = carry_over(self.lines, self.unedited.split("\n"), edited.split("\n"))
        if not lines or lines[0] != HEAD or (not self.at_end and lines[-1] != ""):
            raise ValueError("the edited resident does not fit back")
        return lines[1:] if self.at_end else lines[1:-1]


def splice(lines: list[str], fragments: list[Fragment]) -> list[str]:
    """`lines` with each fragment's lines in place of its span."""
    result = list(lines)
    for fragment in sorted(fragments, key=lambda each: each.span[0], reverse=True):
        start, end = fragment.span
        result[start:end] = fragment.written()
    return result
