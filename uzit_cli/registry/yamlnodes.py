"""YAML text to a small tree of located nodes, straight from PyYAML's event stream.

PyYAML's own loader constructs arbitrary tags, keeps no positions on values, accepts duplicate
keys, expands alias bombs and recurses on deep nesting (its C composer crashes the interpreter).
Walking the event stream ourselves fixes all of that in one iterative pass: the parser is C when
PyYAML has it, and nothing is built but located nodes. The items of the top-level `residents`
list are handed to a callback as each one ends and then dropped, so memory stays flat however
many residents a file has.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from itertools import chain
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.parser import Parser as _PyYamlParser
from yaml.reader import Reader, ReaderError
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from uzit_cli.language import Phrase
from uzit_cli.registry import (
    yaml_problems as bounds,  # the limits, read at each parse (tests lower them)
)
from uzit_cli.registry.yaml_problems import (
    YAML_TAG_PREFIX,
    YamlProblem,
    problem_at,
    reader_problem,
    short_tag,
    show,
    syntax_problem,
    tag_refused,
    too_deep,
    too_many_residents,
    too_many_values,
)


class PurePythonParser(Reader, Scanner, _PyYamlParser):
    """PyYAML's pure-Python reader, scanner and parser: the fallback when libyaml is missing."""

    def __init__(self, stream: bytes) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        _PyYamlParser.__init__(self)


_c_parser: type[Any] | None
try:  # the C parser, when PyYAML was built with libyaml
    from yaml._yaml import CParser as _c_parser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _c_parser = None

HAS_C_PARSER = _c_parser is not None


class _Event(Exception):
    """A parser event as its arguments alone (`args`, in the order of PyYAML's event classes).

    libyaml's parser makes each event by calling PyYAML's class for it, whose `__init__` is
    Python code: about a fifth of the time of reading the events. While `parse_nodes` runs
    the C parser, its module is given these classes instead, which keep their arguments
    without running any Python (an exception's are kept in C); the walk unpacks `args`. The
    pure-Python parser's events are turned into them one by one (`_lightened`)."""

    __slots__ = ()


#: Each of PyYAML's event classes, with the names of its arguments in order.
_EVENT_ARGUMENTS: dict[type[Any], tuple[str, ...]] = {
    yaml.StreamStartEvent: ("start_mark", "end_mark", "encoding"),
    yaml.StreamEndEvent: ("start_mark", "end_mark"),
    yaml.DocumentStartEvent: ("start_mark", "end_mark", "explicit", "version", "tags"),
    yaml.DocumentEndEvent: ("start_mark", "end_mark", "explicit"),
    yaml.AliasEvent: ("anchor", "start_mark", "end_mark"),
    yaml.ScalarEvent: ("anchor", "tag", "implicit", "value", "start_mark", "end_mark", "style"),
    yaml.SequenceStartEvent: ("anchor", "tag", "implicit", "start_mark", "end_mark", "flow_style"),
    yaml.SequenceEndEvent: ("start_mark", "end_mark"),
    yaml.MappingStartEvent: ("anchor", "tag", "implicit", "start_mark", "end_mark", "flow_style"),
    yaml.MappingEndEvent: ("start_mark", "end_mark"),
}
_LIGHT: dict[type[Any], type[_Event]] = {
    kind: type(kind.__name__, (_Event,), {"__slots__": ()}) for kind in _EVENT_ARGUMENTS
}
_Scalar, _Alias = _LIGHT[yaml.ScalarEvent], _LIGHT[yaml.AliasEvent]
_MappingStart, _MappingEnd = _LIGHT[yaml.MappingStartEvent], _LIGHT[yaml.MappingEndEvent]
_SequenceStart, _SequenceEnd = _LIGHT[yaml.SequenceStartEvent], _LIGHT[yaml.SequenceEndEvent]
_DocumentStart, _StreamEnd = _LIGHT[yaml.DocumentStartEvent], _LIGHT[yaml.StreamEndEvent]
_lightening = [0]  # parses running with the light classes in the C parser's module


def _lighten_c_events(step: int) -> None:
    """Give the C parser's module the light event classes (step 1) or its own back (step -1,
    once the last parse that asked for them is done)."""
    module = sys.modules[_c_parser.__module__]
    before = _lightening[0]
    _lightening[0] += step
    if (before == 0) != (_lightening[0] == 0):
        for kind, light in _LIGHT.items():
            setattr(module, kind.__name__, light if step > 0 else kind)


def _lightened(event: Any) -> _Event:
    """A pure-Python parser's event as a light one."""
    kind = event.__class__
    return _LIGHT[kind](*[getattr(event, name) for name in _EVENT_ARGUMENTS[kind]])


# The parser in use; tests swap in PurePythonParser to check the fallback.
parser_class: Callable[[bytes], Any] = _c_parser if _c_parser is not None else PurePythonParser

_YAML = YAML_TAG_PREFIX
# Interned, as are the tags resolve_plain() returns: `node.tag == INT` is then mostly `is`.
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MERGE, VALUE = (
    sys.intern(_YAML + t)
    for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value")
)
_SEQ, _MAP = _YAML + "seq", _YAML + "map"
# What an explicit scalar tag accepts, as the tag the same text gets when written plain.
_TAG_FITS = {
    STR: None,
    INT: {INT},
    FLOAT: {INT, FLOAT},
    BOOL: {BOOL},
    NULL: {NULL},
    TIMESTAMP: {TIMESTAMP},
}


class _Located:
    """Line and column, counted from 1, from the parser's mark (read only for problems)."""

    __slots__ = ()
    mark: Any

    @property
    def line(self) -> int:
        return int(self.mark.line) + 1

    @property
    def column(self) -> int:
        return int(self.mark.column) + 1


class Scalar(_Located):
    """A scalar as written: its text, and the type YAML 1.1 (PyYAML) gives it (`tag`).

    `plain` is true for an untagged, unquoted scalar: the only kind YAML guesses a type for.
    """

    __slots__ = ("mark", "plain", "tag", "value")
    size = 1

    def __init__(self, value: str, tag: str, plain: bool, mark: Any) -> None:
        self.value = value
        self.tag = tag
        self.plain = plain
        self.mark = mark


class MappingNode(_Located):
    __slots__ = ("key", "mark", "pairs", "size")

    def __init__(self, mark: Any) -> None:
        self.pairs: list[tuple[Scalar, Node]] = []
        self.key: Scalar | None = None  # while building: the key awaiting its value
        self.mark = mark
        self.size = 0  # values in it, itself included: counted by _size() when aliased


class SequenceNode(_Located):
    __slots__ = ("items", "mark", "size", "streamed")

    def __init__(self, mark: Any) -> None:
        self.items: list[Node] = []
        self.mark = mark
        self.size = 0  # values in it, itself included: counted by _size() when aliased
        self.streamed = False  # items went to the callback instead of `items`


Node = Scalar | MappingNode | SequenceNode


_resolver = Resolver()
PLAIN_TAGS: dict[str, str] = {}
# The first characters of the types YAML 1.1 guesses for plain scalars (numbers, dates, true,
# null...): a plain scalar that starts with any other character is text, as PyYAML finds after
# trying no pattern at all. Names and cities mostly start with such a letter.
TYPED_STARTS = frozenset(key for key in Resolver.yaml_implicit_resolvers if key)
ANY_START_TYPED = None in Resolver.yaml_implicit_resolvers or bool(Resolver.yaml_path_resolvers)


# The commonest typed plain scalars, which the resolver's loop of patterns would take a few
# microseconds each to find: decimal counts, amounts and dates, as YAML 1.1 types them. Each is
# a form only one of the resolver's patterns matches (tests/test_fast_reader.py). Their tags
# are cached as the others are: year keys, counts and the days residents joined repeat.
_COMMON_PLAIN = re.compile(
    r"(?P<int>[1-9][0-9]{0,17})|(?P<float>(?:0|[1-9][0-9]{0,17})\.[0-9]{1,17})"
    r"|(?P<timestamp>[0-9]{4}-[0-9]{2}-[0-9]{2})"
)
_COMMON_TAGS = {"int": INT, "float": FLOAT, "timestamp": TIMESTAMP}


def resolve_plain(value: str) -> str:
    """The tag PyYAML gives an untagged plain scalar (cached: registries repeat values)."""
    tag = PLAIN_TAGS.get(value)
    if tag is None:
        if value and value[0] not in TYPED_STARTS and not ANY_START_TYPED:
            return STR
        common = _COMMON_PLAIN.fullmatch(value)
        if common is not None:
            tag = _COMMON_TAGS[common.lastgroup]  # type: ignore[index]
        else:
            tag = sys.intern(str(_resolver.resolve(yaml.ScalarNode, value, (True, False))))  # type: ignore[no-untyped-call]
        if len(PLAIN_TAGS) < 10_000:
            PLAIN_TAGS[value] = tag
    return tag


_constructor = SafeConstructor()


def yaml_value(scalar: Scalar) -> object:
    """What PyYAML's safe loader would make of a scalar (for messages; never for the data)."""
    construct = SafeConstructor.yaml_constructors.get(scalar.tag)
    if construct is None or (scalar.tag in (INT, FLOAT) and len(scalar.value) > 100):
        return scalar.value  # no count is that long; base 60 that long takes seconds
    try:  # the per-tag function, not construct_object(), which remembers every node
        return construct(_constructor, yaml.ScalarNode(scalar.tag, scalar.value))
    except (ValueError, ArithmeticError, yaml.YAMLError):
        return scalar.value


def _scalar_tag(tag: str, value: str, mark: Any) -> str:
    """The tag of an explicitly tagged scalar, when it is a standard one that fits the value."""
    if tag == "!":  # the non-specific tag: a string
        return STR
    if tag not in _TAG_FITS:
        raise problem_at(mark, tag_refused(tag))
    fits = _TAG_FITS[tag]
    if fits is not None and resolve_plain(value) not in fits:
        raise problem_at(
            mark,
            Phrase(
                "the tag {tag} does not fit the value {value}; remove the tag",
                tag=show(short_tag(tag)),
                value=show(value),
            ),
        )
    return tag


#: Reads a resident written as flat pairs (see `_flat_pairs`): its keys' text with their value
#: nodes, and where the resident starts. True when it read the resident and kept it; False hands
#: the resident to `on_resident` as nodes instead (the generic path, which reports problems).
ReadFlat = Callable[[list[tuple[str, Node]], Any], bool]


def parse_nodes(
    data: bytes,
    on_resident: Callable[[Node], None] | None = None,
    read_flat: ReadFlat | None = None,
) -> Node | None:
    """The single YAML document in `data` as nodes, None when there is none, or YamlProblem.

    With `on_resident`, each item of the top-level `residents` list goes to it when complete
    and is not kept in the tree. With `read_flat` too, a resident written in the common shape
    (`_flat_pairs`) goes to `read_flat` first, without a node for the resident or its keys;
    when that returns False, the resident's events are walked again as for any other item,
    so whatever is reported about it is reported exactly as without `read_flat`.
    """
    parser = parser_class(data)
    light = _c_parser is not None and isinstance(parser, _c_parser)
    if light:
        _lighten_c_events(1)
    try:
        return _build(parser, on_resident, read_flat, light)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(*syntax_problem(exc, data)) from None
    except ReaderError as exc:  # registry/files.py scans for these first, with better messages
        raise reader_problem(exc, data) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other parser errors carry no mark
        raise YamlProblem(1, 1, Phrase("not valid YAML: {problem}", problem=exc)) from None
    finally:
        if light:
            _lighten_c_events(-1)
        parser.dispose()


def _build(
    parser: Any,
    on_resident: Callable[[Node], None] | None,
    read_flat: ReadFlat | None = None,
    light: bool = False,
) -> Node | None:
    """One pass over the events (`light`: the parser makes light events already); the loop is
    hot, so it avoids calls and attribute lookups."""
    get_event: Callable[[], Any] = parser.get_event
    if not light:
        get_event = map(_lightened, iter(get_event, None)).__next__
    parsed = get_event  # the events from the parser (get_event may replay some first)
    replay = False  # the next resident's events come again from a buffer: walk them generically
    scalar_event, alias_event = _Scalar, _Alias
    mapping_start, sequence_start = _MappingStart, _SequenceStart
    mapping_end, sequence_end = _MappingEnd, _SequenceEnd
    root: Node | None = None
    stack: list[MappingNode | SequenceNode] = []
    streamed: SequenceNode | None = None  # the top-level `residents` list, when streaming
    anchors: dict[str, Node] = {}
    resident_anchors: list[Node] = []  # values anchored in the current resident
    alias_nodes = 0
    held = 0  # nodes kept in the tree
    held_before = 0  # the same, when the current resident started
    residents = 0
    documents = 0
    plain_tags, typed_starts, any_start_typed = PLAIN_TAGS, TYPED_STARTS, ANY_START_TYPED
    max_length, max_depth, max_held = (
        bounds.MAX_SCALAR_LENGTH,
        bounds.MAX_DEPTH,
        bounds.MAX_HELD_NODES,
    )
    c_marks = parser is not None and not isinstance(parser, PurePythonParser)

    parent: MappingNode | SequenceNode | None = None  # the innermost open collection
    while True:
        event = get_event()
        kind = event.__class__
        if kind is scalar_event:
            anchor, tag, _, value, mark, _, style = event.args
            if len(value) > max_length:
                raise problem_at(
                    mark,
                    Phrase(
                        "a value of {length} characters is longer than the {maximum} allowed",
                        length=format(len(value), ","),
                        maximum=format(bounds.MAX_SCALAR_LENGTH, ","),
                    ),
                )
            if tag is not None:
                node: Node = Scalar(value, _scalar_tag(tag, value, mark), False, mark)
            elif style:  # quoted or block: always a string
                node = Scalar(value, STR, False, mark)
            else:  # resolve_plain(), inlined: text whose first character starts no type is
                # a string, found without hashing it (names, notes and URLs are long)
                if value and value[0] not in typed_starts and not any_start_typed:
                    tag = STR
                else:
                    tag = plain_tags.get(value) or resolve_plain(value)
                if not value and c_marks and parent.__class__ is MappingNode:
                    mark = _empty_value_mark(parent, mark)
                node = Scalar(value, tag, True, mark)
            if anchor is not None:
                anchors[anchor] = node
                resident_anchors.append(node)
            held += 1
        elif kind is mapping_start or kind is sequence_start:
            anchor, tag, _, mark, _, _ = event.args
            if len(stack) >= max_depth:
                raise problem_at(mark, too_deep())
            if streamed is not None and parent is streamed and read_flat is not None:
                if replay:
                    replay = False
                elif (
                    kind is mapping_start
                    and anchor is None
                    and tag is None
                    and held < max_held
                    and residents < bounds.MAX_RESIDENTS
                ):
                    buffer = [event]
                    pairs = _flat_pairs(
                        get_event, buffer, max_depth - len(stack) > 1, max_held - held - 1
                    )
                    if pairs is not None and read_flat(pairs, mark):
                        residents += 1
                        continue
                    # walk the events read so far again, then the rest (the buffer is always
                    # drained before the next resident starts: chains never nest)
                    get_event = chain(buffer, iter(parsed, None)).__next__
                    replay = True
                    continue
            expected = _MAP if kind is mapping_start else _SEQ
            if tag is not None and tag != "!" and tag != expected:
                raise problem_at(mark, tag_refused(tag))
            collection: MappingNode | SequenceNode
            if kind is mapping_start:
                collection = MappingNode(mark)
            else:
                collection = SequenceNode(mark)
                if on_resident is not None and streamed is None and _is_residents(stack):
                    streamed = collection
                    collection.streamed = True
            if anchor is not None:
                anchors[anchor] = collection
                resident_anchors.append(collection)
            held += 1
            if held > max_held:
                raise problem_at(mark, too_many_values())
            if streamed is not None and parent is streamed:
                residents += 1
                if residents > bounds.MAX_RESIDENTS:
                    raise problem_at(mark, too_many_residents())
                held_before = held - 1
                resident_anchors = [collection] if anchor is not None else []
            elif parent is not None:
                _attach(parent, collection)
            else:
                root = collection
            stack.append(collection)
            parent = collection
            continue
        elif kind is mapping_end or kind is sequence_end:
            done = stack.pop()
            parent = stack[-1] if stack else None
            if streamed is not None and parent is streamed and on_resident is not None:
                on_resident(done)
                # Only what an alias can still refer to stays held: the anchored values
                # (counted with what they hold), not the whole resident around them.
                held = held_before
                if resident_anchors:
                    held += sum(map(_size, resident_anchors))
                    resident_anchors = []
            continue
        elif kind is alias_event:
            anchor, mark, _ = event.args
            target = anchors.get(anchor)
            if target is None:
                raise problem_at(
                    mark,
                    Phrase(
                        "the alias *{anchor} refers to no anchor: write &{anchor} on a value "
                        "above it, or remove the '*'",
                        anchor=anchor,
                    ),
                )
            if any(target is open_node for open_node in stack):
                raise problem_at(
                    mark,
                    Phrase(
                        "the alias *{anchor} refers to a value that contains it",
                        anchor=anchor,
                    ),
                )
            if target is streamed:
                raise problem_at(
                    mark,
                    Phrase(
                        "the alias *{anchor} refers to the whole `residents` list, which is read "
                        "one resident at a time and not kept; write the value out",
                        anchor=anchor,
                    ),
                )
            alias_nodes += _size(target)
            if alias_nodes > bounds.MAX_ALIAS_NODES:
                raise problem_at(
                    mark,
                    Phrase(
                        "aliases repeat more than {count} values in all (an alias bomb?); write "
                        "the values out",
                        count=format(bounds.MAX_ALIAS_NODES, ","),
                    ),
                )
            # a copy located at the alias: a problem in it is reported where it is used
            node = _relocated(target, mark)
        elif kind is _DocumentStart:
            documents += 1
            if documents > 1:
                raise problem_at(
                    event.args[0],
                    Phrase(
                        "a second YAML document; a registry is one document (remove this '---' "
                        "and what follows, or make it a separate file)"
                    ),
                )
            continue
        elif kind is _StreamEnd:
            return root
        else:  # the start of the stream, the end of a document
            continue

        # a scalar or an alias: attach it
        if held > max_held:
            raise problem_at(mark, too_many_values())
        if parent is None:
            root = node
            continue
        if parent is streamed and on_resident is not None:
            residents += 1
            if residents > bounds.MAX_RESIDENTS:
                raise problem_at(mark, too_many_residents())
            if kind is scalar_event and anchor is None:
                held -= 1  # not kept
            on_resident(node)
        elif parent.__class__ is MappingNode:  # _attach(), inlined: this is the hot path
            key = parent.key
            if key is None:
                if node.__class__ is Scalar:
                    parent.key = node
                else:
                    _attach(parent, node)  # says why a list or mapping cannot be a key
            else:
                parent.pairs.append((key, node))
                parent.key = None
        else:
            parent.items.append(node)  # type: ignore[union-attr]


def _flat_pairs(
    get_event: Callable[[], Any], buffer: list[Any], nested: bool, room: int
) -> list[tuple[str, Node]] | None:
    """A resident's pairs, its mapping's start already read, when it is written in the common
    shape: keys plain text, values scalars, lists of scalars or mappings of scalars to scalars,
    none of them empty and plain, anchored, aliased, tagged or longer than allowed, and no more
    than `room` values in all (`nested`: whether a list or mapping may open in it). None at
    the first event the walk would look at differently, or report: the events read are in
    `buffer`, to be walked again. Values are the located nodes the walk makes (the same
    branches as `_build`'s); keys only their text."""
    append = buffer.append
    pairs: list[tuple[str, Node]] = []
    max_length = bounds.MAX_SCALAR_LENGTH
    plain_tags, typed_starts, any_start_typed = PLAIN_TAGS, TYPED_STARTS, ANY_START_TYPED
    scalar_event, mapping_end = _Scalar, _MappingEnd
    name: str | None = None  # the resident's key awaiting its value
    inner: MappingNode | SequenceNode | None = None  # the list or mapping open in the resident
    key: Scalar | None = None  # in that mapping, the key awaiting its value
    while True:
        event = get_event()
        append(event)
        kind = event.__class__
        if kind is scalar_event:
            anchor, tag, _, value, mark, _, style = event.args
            room -= 1
            if tag is not None or anchor is not None or room < 0 or len(value) > max_length:
                return None
            if name is None:  # a key of the resident: plain text
                if style or not value:
                    return None
                name = value
                continue
            if style:
                node = Scalar(value, STR, False, mark)
            elif not value:
                return None
            elif value[0] not in typed_starts and not any_start_typed:
                node = Scalar(value, STR, True, mark)
            else:
                node = Scalar(value, plain_tags.get(value) or resolve_plain(value), True, mark)
            if inner is None:
                pairs.append((name, node))
                name = None
            elif inner.__class__ is SequenceNode:
                inner.items.append(node)
            elif key is None:
                key = node
            else:
                inner.pairs.append((key, node))  # type: ignore[union-attr]
                key = None
        elif kind is mapping_end and inner is None:
            return pairs
        elif (kind is mapping_end or kind is _SequenceEnd) and name is not None:
            pairs.append((name, inner))  # type: ignore[arg-type]
            name = inner = None
        elif (
            (kind is _MappingStart or kind is _SequenceStart)
            and name is not None
            and inner is None
            and nested
        ):
            anchor, tag, _, mark, _, _ = event.args
            room -= 1
            if anchor is not None or tag is not None or room < 0:
                return None
            inner = MappingNode(mark) if kind is _MappingStart else SequenceNode(mark)
        else:  # an alias, a list or mapping as a key or nested deeper
            return None


def _size(node: Node) -> int:
    """How many values a complete node holds, itself included, counting again what aliases
    repeat: what an alias to it would add. Counted once per collection, and only when an
    alias needs it; nesting is bounded by MAX_DEPTH, so the recursion is too."""
    if isinstance(node, Scalar):
        return 1
    if not node.size:
        if isinstance(node, MappingNode):
            node.size = 1 + sum(_size(key) + _size(value) for key, value in node.pairs)
        else:
            node.size = 1 + sum(_size(item) for item in node.items)
    return node.size


class Position:
    """A position of our own, in the 0-based form of the parsers' marks."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


#: Where the fast path (common_shape) places every value: it reports no problem, so no value's
#: place is ever shown.
NOWHERE = Position(0, 0)


def _empty_value_mark(parent: MappingNode, mark: Any) -> Any:
    """Where an empty value after `key:` is: just after the colon, as PyYAML's pure-Python
    parser says. libyaml places it at the next token instead (the `}` of `{2024: }`)."""
    key = parent.key
    if key is None or not key.plain or "\n" in key.value:
        return mark
    return Position(key.mark.line, key.mark.column + len(key.value) + 1)


def _relocated(node: Node, mark: Any) -> Node:
    """A copy of a complete node with every value placed at `mark` (an alias's use).

    The copies are bounded by MAX_ALIAS_NODES in all, their depth by MAX_DEPTH."""
    if isinstance(node, Scalar):
        return Scalar(node.value, node.tag, node.plain, mark)
    if isinstance(node, MappingNode):
        mapping = MappingNode(mark)
        mapping.pairs = [
            (Scalar(key.value, key.tag, key.plain, mark), _relocated(value, mark))
            for key, value in node.pairs
        ]
        mapping.size = node.size
        return mapping
    sequence = SequenceNode(mark)
    sequence.items = [_relocated(item, mark) for item in node.items]
    sequence.size = node.size
    return sequence


def _is_residents(stack: list[MappingNode | SequenceNode]) -> bool:
    """True when a list starting now is the value of the top-level `residents` key."""
    if len(stack) != 1:
        return False
    top = stack[0]
    return isinstance(top, MappingNode) and top.key is not None and top.key.value == "residents"


def _attach(parent: MappingNode | SequenceNode, node: Node) -> None:
    if isinstance(parent, SequenceNode):
        parent.items.append(node)
        return
    key = parent.key
    if key is None:
        if not isinstance(node, Scalar):
            if isinstance(node, SequenceNode):
                raise problem_at(node.mark, Phrase("a key must be a name, not a list"))
            raise problem_at(node.mark, Phrase("a key must be a name, not a mapping"))
        parent.key = node
    else:
        parent.pairs.append((key, node))
        parent.key = None
