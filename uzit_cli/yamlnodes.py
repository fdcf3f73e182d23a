"""YAML text to a small tree of located nodes, straight from PyYAML's event stream.

PyYAML's own loader constructs arbitrary tags, keeps no positions on values, accepts duplicate
keys, expands alias bombs and recurses on deep nesting (its C composer crashes the interpreter).
Walking the event stream ourselves fixes all of that in one iterative pass, and is several times
faster than `yaml.load`: the parser is C, and we build nothing but what the registry needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Union

import yaml
from yaml.resolver import Resolver

try:  # the C parser, when PyYAML was built with libyaml
    from yaml import CParser as _Parser

    HAS_C_PARSER = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: bytes) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)

    HAS_C_PARSER = False

MAX_DEPTH = 64  # a registry needs 5 levels; the bound stops runaway recursion further on
MAX_ALIAS_NODES = 10_000  # nodes that aliases may repeat in all: no "billion laughs"
MAX_SCALAR_LENGTH = 100_000  # characters in one value

_YAML = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    _YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP}
_SEQ, _MAP = _YAML + "seq", _YAML + "map"


class Scalar:
    """A scalar as written: its text, and the type YAML 1.1 (PyYAML) gives it (`tag`)."""

    __slots__ = ("column", "line", "plain", "tag", "value")
    size = 1

    def __init__(self, value: str, tag: str, plain: bool, line: int, column: int) -> None:
        self.value = value
        self.tag = tag
        self.plain = plain
        self.line = line
        self.column = column


class MappingNode:
    __slots__ = ("column", "line", "pairs", "size")

    def __init__(self, line: int, column: int) -> None:
        self.pairs: list[tuple[Scalar, Node]] = []
        self.line = line
        self.column = column
        self.size = 1


class SequenceNode:
    __slots__ = ("column", "items", "line", "size")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.column = column
        self.size = 1


Node = Union[Scalar, MappingNode, SequenceNode]


class YamlProblem(Exception):
    """The text cannot be turned into nodes; `line` and `column` count from 1."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


_resolver = Resolver()
_plain_tags: dict[str, str] = {}


def resolve_plain(value: str) -> str:
    """The tag PyYAML gives an untagged plain scalar (cached: registries repeat values)."""
    tag = _plain_tags.get(value)
    if tag is None:
        tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
        if len(_plain_tags) < 50_000:
            _plain_tags[value] = tag
    return tag


def _explicit_tag(tag: str, line: int, column: int) -> str:
    if tag == "!":  # the non-specific tag of a quoted scalar
        return STR
    if tag in _SCALAR_TAGS or tag in (_SEQ, _MAP):
        return tag
    raise YamlProblem(
        line,
        column,
        f"tag {tag!r} is not allowed; a registry uses plain YAML values only "
        "(remove the tag, or quote the value)",
    )


def parse_nodes(data: bytes) -> Node | None:
    """The single document in `data` as nodes, None for an empty document, or YamlProblem."""
    try:
        return _build(_events(data))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(line, column, _syntax_message(exc)) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(data, exc.position)
        raise YamlProblem(line, column, f"character {exc.character!r} is not allowed") from None
    except yaml.YAMLError as exc:  # pragma: no cover - other parser errors carry no mark
        raise YamlProblem(1, 1, f"not valid YAML: {exc}") from None


def _events(data: bytes) -> Iterator[Any]:
    parser = _Parser(data)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _build(events: Iterator[Any]) -> Node | None:
    root: Node | None = None
    documents = 0
    stack: list[MappingNode | SequenceNode] = []
    pending_key: list[Scalar | None] = []  # per open mapping: the key awaiting its value
    anchors: dict[str, Node] = {}
    alias_nodes = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, SequenceNode):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                raise YamlProblem(node.line, node.column, "a key must be a plain name")
            pending_key[-1] = node
        else:
            parent.pairs.append((key, node))
            pending_key[-1] = None

    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            value = event.value
            if len(value) > MAX_SCALAR_LENGTH:
                raise YamlProblem(
                    line,
                    column,
                    f"a value of {len(value):,} characters is longer than the "
                    f"{MAX_SCALAR_LENGTH:,} allowed",
                )
            plain = event.style is None
            if event.tag is not None:
                tag = _explicit_tag(event.tag, line, column)
            elif plain:
                tag = resolve_plain(value)
            else:
                tag = STR
            node: Node = Scalar(value, tag, plain and event.tag is None, line, column)
            if event.anchor is not None:
                anchors[event.anchor] = node
            if stack:
                stack[-1].size += 1
            attach(node)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    line, column, f"nested more than {MAX_DEPTH} levels deep; a registry needs 5"
                )
            expected = _MAP if kind is yaml.MappingStartEvent else _SEQ
            if event.tag is not None and _explicit_tag(event.tag, line, column) != expected:
                raise YamlProblem(line, column, f"tag {event.tag!r} does not fit this value")
            collection: MappingNode | SequenceNode = (
                MappingNode(line, column)
                if kind is yaml.MappingStartEvent
                else SequenceNode(line, column)
            )
            if event.anchor is not None:
                anchors[event.anchor] = collection
            attach(collection)
            stack.append(collection)
            pending_key.append(None)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = stack.pop()
            pending_key.pop()
            if stack:
                stack[-1].size += done.size
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            target = anchors.get(event.anchor)
            if target is None:  # pragma: no cover - the parser reports unknown anchors itself
                raise YamlProblem(
                    mark.line + 1, mark.column + 1, f"unknown alias *{event.anchor}"
                )
            alias_nodes += target.size
            if alias_nodes > MAX_ALIAS_NODES:
                raise YamlProblem(
                    mark.line + 1,
                    mark.column + 1,
                    f"aliases repeat more than {MAX_ALIAS_NODES:,} values in all "
                    "(an alias bomb?); write the values out",
                )
            if stack:
                stack[-1].size += target.size
            attach(target)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise YamlProblem(
                    mark.line + 1,
                    mark.column + 1,
                    "a second YAML document; a registry is one document (remove this `---`)",
                )
    return root


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "not valid YAML"
    if "'\\t'" in problem or "tab" in problem:
        return f"YAML syntax error: {problem}; indent with spaces, not tabs"
    context = f" ({exc.context})" if exc.context else ""
    if "found duplicate anchor" in problem:
        return f"YAML syntax error: {problem}"
    return f"YAML syntax error: {problem}{context}"


def _position(data: bytes, char_index: int) -> tuple[int, int]:
    """Line and column (from 1) of a character index into the UTF-8 text of `data`."""
    text = data.decode("utf-8", errors="replace")
    before = text[:char_index]
    line = before.count("\n") + 1
    return line, char_index - (before.rfind("\n") + 1) + 1
