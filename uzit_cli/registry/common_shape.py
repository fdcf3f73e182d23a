"""Residents in the common shape, read straight from the text: the fast path of loading.

Registries are mostly written as `uzit fmt` and `uzit add` write them: each resident a block of
`key: value` lines whose values are one-line scalars, one-line flow lists and mappings, block
lists and mappings of one-line scalars, and literal or folded notes. For such a file, turning
libyaml's events into Python objects costs more than reading the values does (issue 23). Here
one regular expression, in C, splits every line of the `residents` list into indentation, dash,
key and value, and each value becomes the node the event walk (yamlnodes) makes of it, but for
its place; the header before the list is small and goes through the event walk as ever.

This path only ever answers for a file that loads without a single problem. At the first line
it does not read exactly as YAML does (a tab, an anchor or tag, an escape in quotes, a value
continued on the next line, a key after the list...) and at the first problem, it gives up, and
the whole file is read again the ordinary way, which reports every problem where it is. A test
compares the two ways on mutated registries.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from uzit_cli.registry import yaml_problems as bounds  # the limits, read at each parse
from uzit_cli.registry.yaml_problems import YamlProblem
from uzit_cli.registry.yamlnodes import (
    ANY_START_TYPED,
    NOWHERE,
    PLAIN_TAGS,
    STR,
    TYPED_STARTS,
    MappingNode,
    Node,
    Position,
    Scalar,
    SequenceNode,
    parse_nodes,
    resolve_plain,
)

#: Reads one resident from its pairs (key text, value node) and where it starts; False when the
#: file must be read the ordinary way. Its values are all placed at NOWHERE: a problem is
#: reported by the ordinary way, which places it.
ReadResident = Callable[[list[tuple[str, Node]], Position], bool]

# The top-level `residents:` line, its list written below it.
_RESIDENTS = re.compile(r"^residents:(?: *| +#[^\n]*)\n", re.M)
# Every line: indentation, a dash with the spaces after it, a plain key with its colon and the
# spaces after that, and the rest. One match per line, in order, so a row's index is its line.
_LINE = re.compile(r"^( *)(- +)?(?:([A-Za-z0-9_]+):(?: +|$))?(.*)$", re.M)
# First characters a plain scalar cannot have, or that this path leaves to the parser.
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
# What a flow list or mapping read in the loop holds none of (a quote, a nested collection, a
# comment, a `?`, and in a list a colon); other flow collections are read by _flow_list and
# _flow_mapping.
_IN_FLOW_LIST = re.compile(r"[\[\]{}#\"':?]")
_IN_FLOW_MAPPING = re.compile(r"[\[\]{}#\"'?]")
_FIRST_ITEM = re.compile(r"^( *)- ", re.M)
_MAX_REMEMBERED = 4096  # flow collections remembered by their text
_PIECE = 1 << 18  # characters of the list read at once, then on to the end of a resident
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")


class _Other(Exception):
    """Something this path does not read: the file is read the ordinary way."""


def read_residents(text: str, on_header: Callable[[bytes], bool], read: ReadResident) -> bool:
    """Read the residents of `text` with `read`, one by one, after handing the header (the text
    before the list, with `residents: []` in place of the list) to `on_header`. False as soon as
    anything is not in the common shape, or `on_header` or `read` says False.

    `text` is one that files.check_text accepted: no character YAML does not print, no line
    break but LF and CR (NEL, U+2028 and U+2029 are refused there), no byte order mark but at
    the start."""
    if text.startswith("\ufeff"):
        return False
    if "\r" in text:  # CRLF: the same lines, columns and values as LF (YAML makes it LF)
        if text.count("\r") != text.count("\r\n"):
            return False  # a CR alone breaks a line too; lines are counted at LF
        text = text.replace("\r\n", "\n")
    found = _RESIDENTS.search(text)
    if found is None:
        return False
    begin = found.end()
    if text.find("\t", begin) >= 0:
        return False  # YAML takes tabs in some places and not in others
    header = text[: found.start()] + "residents: []\n"
    if not on_header(header.encode("utf-8")):
        return False
    try:
        return _residents(text, begin, text.count("\n", 0, begin), len(header) // 2, read)
    except _Other:
        return False


def header_nodes(data: bytes, on_resident: Callable[[Node], None]) -> Node | None:
    """The header's nodes, None when its YAML has a problem (reported by the ordinary way)."""
    try:
        return parse_nodes(data, on_resident)
    except YamlProblem:
        return None


class _Scan:
    """Where reading the list is, between two pieces of it."""

    __slots__ = (
        "flows",
        "header_values",
        "held",
        "item_indent",
        "key_column",
        "pairs",
        "residents",
        "start",
    )

    def __init__(self, item_indent: int, header_values: int) -> None:
        self.item_indent, self.header_values = item_indent, header_values
        self.key_column = -1
        self.residents = 0
        self.pairs: list[tuple[str, Node]] = []
        self.start: Position | None = None  # where the resident being read starts
        self.held = 0  # values of that resident (see _read_piece)
        # Flow lists and mappings already read, by their text, with the values they hold: the
        # same nodes serve again, as nothing changes a node once it is read.
        self.flows: dict[str, tuple[SequenceNode | MappingNode, int]] = {}


def _residents(
    text: str, begin: int, first_line: int, header_values: int, read: ReadResident
) -> bool:
    """The residents of the list starting at `begin` (on line `first_line`, counted from 0),
    each handed to `read`; `header_values` bounds the values the header holds. The list is
    read a piece of whole residents at a time, so that its rows are never all held at once."""
    if bounds.MAX_DEPTH <= 3 or ANY_START_TYPED:
        raise _Other  # the walk would refuse a value's list as too deep; or a resolver that
        # types plain text by any first character (the loop's shortcut does not hold)
    first = _FIRST_ITEM.search(text, begin)
    if first is None:
        return False  # an empty list, or none at all: read the ordinary way
    scan = _Scan(len(first.group(1)), header_values)
    boundary = "\n" + first.group(1) + "- "  # a line that starts a resident
    position, line, size = begin, first_line, len(text)
    while position < size:
        cut = text.find(boundary, position + _PIECE)
        end = size if cut < 0 else cut + 1
        piece = text[position:end]
        _read_piece(piece, line, scan, read)
        line += piece.count("\n")
        position = end
    if scan.start is None or scan.held > bounds.MAX_HELD_NODES - header_values - 2:
        return False
    return read(scan.pairs, scan.start)


def _read_piece(piece: str, first_line: int, scan: _Scan, read: ReadResident) -> None:
    """Read the rows of a piece of the list that starts on `first_line`, carrying `scan` on;
    _Other for what this path does not read, or when `read` says False. The loop is hot: the
    common values (plain text, flow lists and mappings of plain values) are read in it,
    without calls."""
    rows = _LINE.findall(piece)
    count = len(rows)
    max_length = bounds.MAX_SCALAR_LENGTH
    room = bounds.MAX_HELD_NODES - scan.header_values - 2
    not_plain, typed, tags, resolve = _NOT_PLAIN_START, TYPED_STARTS, PLAIN_TAGS, resolve_plain
    flows, nowhere = scan.flows, NOWHERE
    item_indent, key_column, residents = scan.item_indent, scan.key_column, scan.residents
    pairs, start, held = scan.pairs, scan.start, scan.held
    lines: list[str] = []  # the piece's lines, split when a block scalar needs them
    index = 0
    while index < count:
        indent, dash, key, rest = rows[index]
        index += 1
        if not key:
            if dash or (rest and rest[0] != "#"):
                raise _Other  # a line of neither a key nor a comment: the list has ended
            continue  # a blank or comment line
        if dash:
            if start is not None:
                if held > room or not read(pairs, start):
                    raise _Other
                pairs = []
            column = len(indent)
            if key_column < 0:
                key_column = column + len(dash)
            if column != item_indent or column + len(dash) != key_column:
                raise _Other
            residents += 1
            if residents > bounds.MAX_RESIDENTS:
                raise _Other
            start = Position(first_line + index - 1, key_column)
            held = 1  # the values the walk would hold of the resident: its mapping so far
        elif len(indent) != key_column:  # (-1 before the first resident)
            raise _Other
        held += 2  # the key and its value
        if len(rest) > max_length:
            raise _Other
        if not rest:  # a block list or mapping on the lines below
            node, index, size = _block(rows, index, key_column, max_length)
            held += size
            pairs.append((key, node))
            continue
        first = rest[0]
        if first not in not_plain:
            last = rest[-1]
            if last == " " or last == ":" or ": " in rest or " #" in rest:
                node = _scalar(rest)
            else:
                tag = STR if first not in typed else (tags.get(rest) or resolve(rest))
                node = Scalar(rest, tag, True, nowhere)
        elif first == "[" or first == "{":  # registries repeat lists: `[outsourcing]`
            found = flows.get(rest)
            if found is None:
                found = _flow(rest)
                if len(flows) < _MAX_REMEMBERED:
                    flows[rest] = found
            node, size = found
            held += size
        elif first == "|" or first == ">":
            if not lines:
                lines = piece.split("\n")
            node, index = _text_block(lines, rows, index, rest, key_column, max_length)
        else:
            node = _scalar(rest)
        pairs.append((key, node))
    scan.key_column, scan.residents, scan.pairs, scan.start = key_column, residents, pairs, start
    scan.held = held


def _flow(rest: str) -> tuple[SequenceNode | MappingNode, int]:
    """A one-line flow list or mapping, and the values it holds. Plain items are read here;
    quoted ones and comments after it by _flow_list and _flow_mapping."""
    not_plain, typed, tags, resolve, nowhere = (
        _NOT_PLAIN_START,
        TYPED_STARTS,
        PLAIN_TAGS,
        resolve_plain,
        NOWHERE,
    )
    end = len(rest) - 1
    if rest[0] == "[":
        if rest[end] != "]" or _IN_FLOW_LIST.search(rest, 1, end) is not None:
            listed = _flow_list(rest)
            return listed, len(listed.items)
        listed = SequenceNode(nowhere)
        inner = rest[1:end]
        if inner.strip(" "):  # (not isspace(): YAML's spaces are space and tab alone)
            items = listed.items
            for item in inner.split(","):
                item = item.strip(" ")
                if not item or item[0] in not_plain:
                    raise _Other
                tag = STR if item[0] not in typed else (tags.get(item) or resolve(item))
                items.append(Scalar(item, tag, True, nowhere))
        return listed, len(listed.items)
    if rest[end] != "}" or _IN_FLOW_MAPPING.search(rest, 1, end) is not None:
        mapping = _flow_mapping(rest)
        return mapping, 2 * len(mapping.pairs)
    mapping = MappingNode(nowhere)
    inner = rest[1:end]
    if inner.strip(" "):
        entries = mapping.pairs
        for item in inner.split(","):
            name, colon, value = item.partition(": ")
            name, value = name.strip(" "), value.strip(" ")
            if (
                not colon
                or not name
                or not value
                or name[0] in not_plain
                or value[0] in not_plain
                or ":" in name
                or ":" in value
            ):
                raise _Other
            name_tag = STR if name[0] not in typed else (tags.get(name) or resolve(name))
            tag = STR if value[0] not in typed else (tags.get(value) or resolve(value))
            entries.append(
                (Scalar(name, name_tag, True, nowhere), Scalar(value, tag, True, nowhere))
            )
    return mapping, 2 * len(mapping.pairs)


def _scalar(rest: str) -> Scalar:
    """A one-line scalar in block context, with what may follow it on its line."""
    first = rest[0]
    if first == '"':
        end = rest.find('"', 1)
        if end < 0 or "\\" in rest[1:end]:
            raise _Other
        _check_tail(rest, end + 1)
        return Scalar(rest[1:end], STR, False, NOWHERE)
    if first == "'":
        quoted = _SINGLE_QUOTED.match(rest)
        if quoted is None:
            raise _Other
        _check_tail(rest, quoted.end())
        return Scalar(quoted.group(1).replace("''", "'"), STR, False, NOWHERE)
    if first in _NOT_PLAIN_START:
        raise _Other
    cut = rest.find(" #")
    value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise _Other
    return Scalar(value, resolve_plain(value), True, NOWHERE)


def _check_tail(rest: str, end: int) -> None:
    """After a quoted scalar or a flow collection, only spaces and a comment may follow."""
    tail = rest[end:]
    if tail and (tail[0] != " " or tail.lstrip(" ")[:1] not in ("", "#")):
        raise _Other


def _flow_scalar(item: str) -> Scalar:
    """An item of a one-line flow list or mapping, its spaces stripped."""
    if not item:
        raise _Other  # an empty item, or a comma at the end
    first = item[0]
    if first == '"' or first == "'":
        if len(item) < 2 or item[-1] != first or first in item[1:-1] or "\\" in item:
            raise _Other
        return Scalar(item[1:-1], STR, False, NOWHERE)
    if first in _NOT_PLAIN_START or ":" in item or "?" in item:  # (libyaml refuses `[a?b]`)
        raise _Other
    return Scalar(item, resolve_plain(item), True, NOWHERE)


def _flow_inner(rest: str, close: str) -> str:
    """The text between a one-line flow collection's brackets, nothing nested in it."""
    end = rest.rfind(close)
    if end < 0:
        raise _Other
    _check_tail(rest, end + 1)
    inner = rest[1:end]
    for bracket in "[]{}#":
        if bracket in inner:
            raise _Other
    return inner


def _flow_list(rest: str) -> SequenceNode:
    """A one-line flow list whose items may be quoted, or with a comment after it."""
    inner = _flow_inner(rest, "]")
    node = SequenceNode(NOWHERE)
    if inner.strip(" "):
        node.items = [_flow_scalar(item.strip(" ")) for item in inner.split(",")]
    return node


def _flow_mapping(rest: str) -> MappingNode:
    """A one-line flow mapping whose keys or values may be quoted, or with a comment after."""
    inner = _flow_inner(rest, "}")
    node = MappingNode(NOWHERE)
    if inner.strip(" "):
        for item in inner.split(","):
            key, colon, value = item.partition(": ")
            if not colon:
                raise _Other
            name = _flow_scalar(key.strip(" "))
            node.pairs.append((name, _flow_scalar(value.strip(" "))))
    return node


Rows = list[tuple[str, str, str, str]]


def _block(rows: Rows, index: int, key_column: int, max_length: int) -> tuple[Node, int, int]:
    """A block list or mapping of one-line scalars starting at `rows[index]`, the index of the
    row after it, and the values it holds."""
    count = len(rows)
    while index < count and not rows[index][2] and not rows[index][1]:
        rest = rows[index][3]
        if rest and rest[0] != "#":
            raise _Other
        index += 1  # blank and comment lines before the first item
    if index == count:
        raise _Other  # an empty value
    indent, dash, key, rest = rows[index]
    column = len(indent)
    listed = bool(dash) and not key and column >= key_column  # else a mapping
    if not listed and (dash or not key or column <= key_column):
        raise _Other  # an empty value, or something else
    items: list[Node] = []
    pairs: list[tuple[Scalar, Node]] = []
    while index < count:
        indent, dash, key, rest = rows[index]
        if not dash and not key:
            if rest and rest[0] != "#":
                raise _Other
        elif len(indent) != column or bool(dash) != listed:
            break
        elif not rest or len(rest) > max_length or (listed and key):
            raise _Other  # an empty item or value, or a mapping in the list
        elif listed:
            items.append(_plain_or_quoted(rest))
        else:
            pairs.append((Scalar(key, resolve_plain(key), True, NOWHERE), _plain_or_quoted(rest)))
        index += 1
    _ends_block(rows, index, column, key_column)
    node: Node
    if listed:
        node = SequenceNode(NOWHERE)
        node.items = items
        return node, index, len(items)
    node = MappingNode(NOWHERE)
    node.pairs = pairs
    return node, index, 2 * len(pairs)


def _ends_block(rows: Rows, index: int, column: int, key_column: int) -> None:
    """A block list or mapping ends at a line less indented than its items and no more than
    the resident's keys; anything else (deeper, or between) is not read here."""
    if index < len(rows):
        indent, dash, key, _ = rows[index]
        if (key or dash) and len(indent) > key_column and len(indent) != column:
            raise _Other


def _plain_or_quoted(rest: str) -> Scalar:
    """A block item's one-line scalar: no flow collection, no block text."""
    if rest[0] in "[{|>":
        raise _Other
    return _scalar(rest)


def _text_block(
    lines: list[str], rows: Rows, index: int, rest: str, key_column: int, max_length: int
) -> tuple[Scalar, int]:
    """A literal (`|`) or folded (`>`) block scalar, clipped or stripped (`-`), whose lines
    are all indented alike (`lines`: the body's lines); the index of the row after it."""
    style, chomp = rest[0], rest[1:2]
    head = rest[1:] if chomp != "-" else rest[2:]
    if head.strip(" ") and not head.startswith(" #"):
        raise _Other  # an indentation indicator, keep (`+`), or text after the indicator
    kept: list[str] = []
    blank_inside = False
    column = last = -1
    count = len(rows)
    blanks = 0
    while index < count:
        indent, dash, key, text = rows[index]
        if not (dash or key or text):
            if len(indent) > max(column, key_column):
                raise _Other  # spaces beyond the text's indentation are text
            blanks += 1
            index += 1
            continue
        if column < 0:
            if len(indent) <= key_column:
                raise _Other  # an empty block scalar
            column = len(indent)
        elif len(indent) < column:
            break
        if len(indent) != column:
            raise _Other  # a more indented line: kept as is in folded text
        if blanks:
            blank_inside = True
            kept.extend([""] * blanks)
            blanks = 0
        kept.append(lines[index][column:])
        last = index
        index += 1
    if column < 0 or (blank_inside and style == ">"):
        raise _Other
    value = " ".join(kept) if style == ">" else "\n".join(kept)
    if chomp != "-" and last < len(lines) - 1:  # clipped: the last line's break, if it has one
        value += "\n"
    if len(value) > max_length:
        raise _Other
    return Scalar(value, STR, False, NOWHERE), index
