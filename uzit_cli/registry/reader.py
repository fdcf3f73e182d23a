"""The generic reader: declarative specs of records, lists and year maps, and one reading.

A `Record` declares its keys (each with a converter or a nested spec, and whether it is
required), how to build the record and which rules check it; `Record.read` is the one record
reader for all of them. Every problem is reported with its position and its key path, such as
`residents[3].joined` (list items count from 0, as in JSON Pointer and jq).

Most records have no problem, and a file may hold a hundred thousand of them; so each `Record`
also gets, once, at import, a fast reader made from the same declarations (`_fast_reader`): the
converter of each key bound in one dictionary, lists and year maps read in one expression, and
nothing about problems. At the first sign of one (an unknown, repeated or missing key, a value
a converter or a check rejects, a shape it does not expect) it gives up, having changed
nothing, and the generic reader reads the record again and reports every problem in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final, Protocol, TypeVar, runtime_checkable

from uzit_cli.language import Phrase
from uzit_cli.problems import Joined, KeyPath, Problem, RegistryError, Text, key_path
from uzit_cli.registry.converters import YEAR_TAGS, Reject, year
from uzit_cli.registry.forms import YEAR
from uzit_cli.registry.limits import MAX_PROBLEMS
from uzit_cli.registry.wording import colon_hint, describe, means_unknown
from uzit_cli.registry.yaml_problems import show
from uzit_cli.registry.yamlnodes import MERGE, NULL, MappingNode, Node, Scalar, SequenceNode
from uzit_cli.words import closest

C = TypeVar("C")

#: A value already reported as a problem: the records around it are not built.
INVALID: Final[Any] = object()
#: A record the fast reader left to the generic one (Record.read_flat).
NOT_READ: Final[Any] = object()


class TooManyProblems(RegistryError):
    """The first MAX_PROBLEMS problems in file order, then one line saying more follow.

    That line is not a problem of its own: it comes last whatever its place, and `counted`
    leaves it out of the count.
    """

    def __init__(self, problems: list[Problem], node: Node) -> None:
        super().__init__(problems)
        stop = Phrase(
            "more problems follow; uzit stops after {count} (fix these first)",
            count=format(MAX_PROBLEMS, ","),
        )
        last = Problem(problems[0].path, node.line, node.column, stop, code="too-many-problems")
        self.problems = (*self.problems, last)
        self.counted = len(problems)


class Reading:
    """One reading of one file: the problems found so far, the residents read as the parser
    ended each one, and each rule's own context (`context`), which rules across records
    (rules.py) keep until the whole file has been read."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.streamed: list[Any] = []  # the residents read as the parser ended each one
        self.contexts: dict[type[Any], Any] = {}

    def context(self, kind: type[C]) -> C:
        """This reading's context of a kind (made empty at first use): a rule's own state."""
        found = self.contexts.get(kind)
        if found is None:
            found = self.contexts[kind] = kind()
        return found

    def problem(self, node: Node, message: Text, *, code: str, where: KeyPath | None = None) -> Any:
        """Record a problem at `node`; returns INVALID, for the value it replaces."""
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems(self.problems, node)
        self.problems.append(
            Problem(
                self.path,
                node.line,
                node.column,
                message,
                code=code,
                key_path=key_path(where) if where else None,
            )
        )
        return INVALID

    def rejected(self, reject: Reject, node: Node, key: Key, where: KeyPath) -> Any:
        """Report a converter's Reject as `key: message[; hint]`."""
        hint: Text = reject.hint
        if key.left_out_when_unknown:
            if reject.if_optional:
                hint = Joined(hint, reject.if_optional)
            elif reject.code == "wrong-type" and not hint and means_unknown(node):
                hint = Phrase("; if it is not known, leave the key out")
        message = Joined(reject.message, hint)
        text = Joined(key.name, ": ", message) if reject.keyed else message
        return self.problem(node, text, code=reject.code, where=where)


@runtime_checkable
class Spec(Protocol):
    """How a value at some key is read: `at` is the path of what holds it, `step` its key or
    index there (joined into one path only when there is a problem to report)."""

    def read(self, reading: Reading, node: Node, key: Key, at: KeyPath, step: str | int) -> Any: ...


# The declarations below are plain classes with slots, not dataclasses: they are made once, at
# import, never compared, and a dataclass costs a compilation of its methods at every start-up.


class Value:
    """A scalar, read by a converter (converters.py)."""

    __slots__ = ("convert",)

    def __init__(self, convert: Callable[[Node], Any]) -> None:
        self.convert = convert

    def read(self, reading: Reading, node: Node, key: Key, at: KeyPath, step: str | int) -> Any:
        try:
            return self.convert(node)
        except Reject as reject:
            return reading.rejected(reject, node, key, (*at, step))


Cited = Callable[["Reading", str, str, Node, KeyPath, str | int], None]


class SourceId:
    """The id of a source, handed to `cited` (key, id, node and where) to be checked against
    registry.sources once the whole file is read."""

    __slots__ = ("cited", "convert")

    def __init__(self, convert: Callable[[Node], str], cited: Cited) -> None:
        self.convert, self.cited = convert, cited

    def read(self, reading: Reading, node: Node, key: Key, at: KeyPath, step: str | int) -> Any:
        try:
            value = self.convert(node)
        except Reject as reject:
            return reading.rejected(reject, node, key, (*at, step))
        self.cited(reading, key.name, value, node, at, step)
        return value


def spec_of(read: Spec | Callable[[Node], Any]) -> Spec:
    """A spec as declared: a bare converter stands for `Value(converter)`."""
    return read if isinstance(read, Spec) else Value(read)


ListCheck = Callable[[tuple[Any, ...], SequenceNode], None]


class ListOf:
    """A list; its items read by `item`, then the whole list by `checks`, which raise a
    Reject whose `item` names the offending index. Items a streaming parse has already read
    (the residents) are taken from the reading."""

    __slots__ = ("checks", "expected", "item", "item_convert", "item_spec")

    def __init__(
        self,
        item: Spec | Callable[[Node], Any],
        expected: str = "a list",
        checks: tuple[ListCheck, ...] = (),
    ) -> None:
        self.item, self.expected, self.checks = item, expected, checks
        spec = spec_of(item)
        self.item_spec: Spec = spec
        self.item_convert = spec.convert if isinstance(spec, Value) else None

    def read(self, reading: Reading, node: Node, key: Key, at: KeyPath, step: str | int) -> Any:
        if not isinstance(node, SequenceNode):
            hint: Text = ""
            if isinstance(node, Scalar) and node.tag == NULL:
                hint = Phrase("; write [] for none")
            first = self.item_spec.keys[0].name if isinstance(self.item_spec, Record) else None
            if isinstance(node, MappingNode) and any(k.value == first for k, _ in node.pairs):
                # a record's keys written straight under the list's: the `- ` is missing
                hint = Phrase(
                    "; each item starts with '- ' (write '- {key}: ...', then its other keys)",
                    key=first,
                )
            message = Phrase(
                "expected {expected}, not {found}",
                expected=Phrase(self.expected),
                found=describe(node),
            )
            reject = Reject(message, code="wrong-type", hint=hint)
            return reading.rejected(reject, node, key, (*at, step))
        # residents were read as the parser ended each one
        items: list[Any] | None = reading.streamed if node.streamed else None
        convert = self.item_convert
        if items is None and convert is not None:  # scalars, usually all right
            try:
                items = list(map(convert, node.items))
            except Reject:  # read them again one by one, to report each problem where it is
                items = None
        if items is None:
            read, here = self.item_spec.read, (*at, step)
            items = [read(reading, child, key, here, i) for i, child in enumerate(node.items)]
        if INVALID in items:
            return INVALID
        values = tuple(items)
        for check in self.checks:
            try:
                check(values, node)
            except Reject as reject:
                index = reject.item
                child = node.items[index] if index is not None else node
                where = (*at, step) if index is None else (*at, step, index)
                return reading.rejected(reject, child, key, where)
        return values


class YearMap:
    """Years mapped to values, such as `{2024: 12}`: a read-only mapping in year order."""

    __slots__ = ("value",)

    def __init__(self, value: Callable[[Node], Any]) -> None:
        self.value = value

    def read(self, reading: Reading, node: Node, key: Key, at: KeyPath, step: str | int) -> Any:
        if not isinstance(node, MappingNode):
            return reading.problem(
                node,
                Joined(
                    key.name,
                    ": ",
                    Phrase(
                        "expected years mapped to values, such as {{2024: 12}}, not {found}",
                        found=describe(node),
                    ),
                    colon_hint(node),
                ),
                code="wrong-type",
                where=(*at, step),
            )
        values: dict[int, Any] = {}
        bad = False
        ordered = True  # years written in ascending order, as usual: no sorting needed
        last = 0
        convert = self.value
        for key_node, value in node.pairs:
            if key_node.tag in YEAR_TAGS and YEAR.match(key_node.value):  # year(), inlined
                number = int(key_node.value)
            else:
                bad = True
                if key_node.tag == MERGE:
                    reading.problem(key_node, _MERGE_KEY, code="merge-key", where=(*at, step))
                else:
                    try:
                        year(key_node)
                    except Reject as reject:  # it always does
                        reading.rejected(reject, key_node, key, (*at, step, key_node.value))
                continue
            if number in values:
                reading.problem(
                    key_node,
                    Joined(
                        key.name,
                        ": ",
                        Phrase("the year {year} appears twice; keep one", year=number),
                    ),
                    code="duplicate-year",
                    where=(*at, step, key_node.value),
                )
                bad = True
                continue
            if number < last:
                ordered = False
            last = number
            try:
                values[number] = convert(value)
            except Reject as reject:
                reading.rejected(reject, value, key, (*at, step, key_node.value))
                bad = True
        if bad:
            return INVALID
        return MappingProxyType(values if ordered else dict(sorted(values.items())))


_MERGE_KEY = Phrase("merge keys ('<<') are not supported; write the keys out in full")


class Key:
    """One key of a record: its name, how its value is read, whether it is required, and
    whether "not known" is written by leaving it out (so a message may say so)."""

    __slots__ = ("convert", "left_out_when_unknown", "name", "required", "spec")

    def __init__(
        self,
        name: str,
        spec: Spec,
        required: bool = False,
        left_out_when_unknown: bool = False,
        # the scalar converter of a Value spec, which the record reader calls directly: one
        # call less for each of a hundred thousand residents' dozen values
        convert: Callable[[Node], Any] | None = None,
    ) -> None:
        self.name, self.spec, self.required = name, spec, required
        self.left_out_when_unknown, self.convert = left_out_when_unknown, convert


def key(
    name: str,
    read: Spec | Callable[[Node], Any],
    *,
    required: bool = False,
    left_out_when_unknown: bool | None = None,
) -> Key:
    """A key declared with a spec, or with a bare converter for a scalar. An optional key is
    left out when its value is not known, unless it says otherwise (a target's `factor`,
    which its other keys need)."""
    spec = spec_of(read)
    unknown = not required if left_out_when_unknown is None else left_out_when_unknown
    return Key(name, spec, required, unknown, spec.convert if isinstance(spec, Value) else None)


class Fields:
    """A mapping as read: converted values, their nodes, where it is, and whether every
    required key is there; a rule sets `ok` to False to keep the record from being built."""

    __slots__ = ("complete", "node", "nodes", "ok", "path", "values")

    def __init__(
        self,
        node: MappingNode,
        path: KeyPath,
        values: dict[str, Any],
        nodes: dict[str, Node],
        complete: bool,
        ok: bool = True,
    ) -> None:
        self.node, self.path, self.values, self.nodes = node, path, values, nodes
        self.complete, self.ok = complete, ok


RecordRule = Callable[[Fields, Reading], None]


class Record:
    """A mapping with known keys, built into a record by `build` when all is well.

    `what` names it in messages ("a resident"); `named` records say "the resident 'x'" once
    their id is known; `restart_key`, when it comes again, means a new record's `- ` is missing.
    """

    __slots__ = (
        "build",
        "by_name",
        "description",
        "fast",
        "fast_pairs",
        "keys",
        "named",
        "required",
        "restart_key",
        "rules",
        "what",
    )

    def __init__(
        self,
        what: str,
        keys: tuple[Key, ...],
        build: Callable[[dict[str, Any], MappingNode], Any],
        rules: tuple[RecordRule, ...] = (),
        named: bool = False,
        restart_key: str | None = None,
        description: str = "",  # for the JSON Schema
    ) -> None:
        self.what, self.keys, self.build, self.rules = what, keys, build, rules
        self.named, self.restart_key, self.description = named, restart_key, description
        self.by_name: Mapping[str, Key] = {key.name: key for key in keys}
        self.required = tuple(k.name for k in keys if k.required)
        fast = _fast_reader(self)
        self.fast_pairs: PairsReader | None = fast
        self.fast: FastReader | None = None
        if fast is not None:
            self.fast = lambda reading, node, path: (
                fast(reading, [(k.value, v) for k, v in node.pairs], node, path)
                if node.__class__ is MappingNode
                else None
            )

    def read(self, reading: Reading, node: Node, key: Key, at: KeyPath, step: str | int) -> Any:
        return self.read_record(reading, node, (*at, step))

    def read_record(self, reading: Reading, node: Node, path: KeyPath) -> Any:
        fast = self.fast
        fields = fast(reading, node, path) if fast is not None else None
        if fields is not None:  # every value read, none rejected: only the rules may object
            return self._checked(reading, fields)
        fields = self.read_fields(reading, node, path)
        if fields is None:
            return INVALID
        for rule in self.rules:
            rule(fields, reading)
        values = fields.values
        if not (fields.complete and fields.ok) or INVALID in values.values():
            return INVALID
        return self.build(values, fields.node)

    def read_flat(
        self, reading: Reading, pairs: list[tuple[str, Node]], mark: Any, path: KeyPath
    ) -> Any:
        """A record the walk read as flat pairs (yamlnodes.parse_nodes' `read_flat`: each key's
        text and its value's node; `mark` is where the record starts), read by the fast
        reader: the record, INVALID when a rule objects, or NOT_READ when the fast reader does
        not read it (nothing reported or remembered: the record is then read from its nodes).
        The Fields' mapping node, which the rules report at, holds no pairs."""
        fast = self.fast_pairs
        if fast is None:
            return NOT_READ
        fields = fast(reading, pairs, MappingNode(mark), path)
        if fields is None:
            return NOT_READ
        return self._checked(reading, fields)

    def _checked(self, reading: Reading, fields: Fields) -> Any:
        """A record whose every value was read without a problem: checked by the rules and
        built, or INVALID when one objects."""
        for rule in self.rules:
            rule(fields, reading)
        return self.build(fields.values, fields.node) if fields.ok else INVALID

    def read_fields(self, reading: Reading, node: Node, path: KeyPath) -> Fields | None:
        """The mapping's values, converted; unknown, repeated and missing keys reported. A key
        reported as a likely typo of a missing one is not reported missing as well."""
        if not isinstance(node, MappingNode):
            reading.problem(
                node,
                Phrase(
                    "{what} must be a mapping of 'key: value' lines, not {found}",
                    what=Phrase(self.what),
                    found=describe(node),
                ),
                code="wrong-type",
                where=path,
            )
            return None
        values: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        meant: list[str] = []
        restarted = False  # the restart key came again: the `- ` of a new record is missing
        by_name = self.by_name
        for key_node, value in node.pairs:
            name = key_node.value
            key = by_name.get(name)
            if key is None or name in values:
                if name in values and (restarted or name == self.restart_key):
                    if not restarted:
                        reading.problem(
                            key_node,
                            Phrase(
                                "the key '{key}' appears twice in {what}: a new {noun} starts "
                                "with '- ' (write '- {key}: ...' here, indented like the others)",
                                key=name,
                                what=Phrase(self.what),
                                noun=Phrase(self.what[2:]),
                            ),
                            code="duplicate-key",
                            where=(*path, name),
                        )
                    restarted = True
                    values[name] = INVALID
                    continue
                meant.append(self._bad_key(reading, key_node, name in values, path))
                values.setdefault(name, INVALID)
                continue
            convert = key.convert
            if convert is None:
                values[name] = key.spec.read(reading, value, key, path, name)
            else:  # Value.read, inlined
                try:
                    values[name] = convert(value)
                except Reject as reject:
                    values[name] = reading.rejected(reject, value, key, (*path, name))
            nodes[name] = value
        complete = True
        for name in self.required:
            if name not in values:
                self._missing(reading, values, node, meant, path)
                complete = False
                break
        return Fields(node, path, values, nodes, complete)

    def _bad_key(self, reading: Reading, key: Scalar, repeated: bool, path: KeyPath) -> str:
        """Report a key that cannot be used; the known key it was probably meant to be, or ''."""
        name, where = key.value, (*path, key.value)
        if repeated:
            reading.problem(
                key,
                Phrase(
                    "the key {key} appears twice in {what}; keep one",
                    key=show(name),
                    what=Phrase(self.what),
                ),
                code="duplicate-key",
                where=where,
            )
            return ""
        if key.tag == MERGE:
            reading.problem(key, _MERGE_KEY, code="merge-key", where=where)
            return ""
        close = closest_key(name, self.by_name)
        if close:
            message = Phrase(
                "unknown key {key} in {what}; did you mean '{close}'?",
                key=show(name),
                what=Phrase(self.what),
                close=close,
            )
        else:
            message = Phrase(
                "unknown key {key} in {what}; known keys: {keys}",
                key=show(name),
                what=Phrase(self.what),
                keys=", ".join(self.by_name),
            )
        reading.problem(key, message, code="unknown-key", where=where)
        return close or ""

    def _missing(
        self,
        reading: Reading,
        values: dict[str, Any],
        node: MappingNode,
        meant: list[str],
        path: KeyPath,
    ) -> None:
        names = [name for name in self.required if name not in values and name not in meant]
        if not names:
            return
        keys = ", ".join(f"'{name}'" for name in names)
        what, ident = Phrase(self.what), values.get("id")
        if self.named and isinstance(ident, str):
            what = Phrase("the {noun} '{id}'", noun=Phrase(self.what[2:]), id=ident)
        if len(names) > 1:
            message = Phrase("{what} is missing the required keys {keys}", what=what, keys=keys)
        else:
            message = Phrase("{what} is missing the required key {keys}", what=what, keys=keys)
        reading.problem(
            node,
            message,
            code="missing-key",
            where=path,
        )


def closest_key(name: str, known: Iterable[str]) -> str | None:
    """The known key a mistyped one was meant to be: close in spelling, or the same but for
    case and spaces (`Jobs Created`)."""
    names = list(known)
    close = closest(name, names)
    if close is not None:
        return close
    folded = name.lower().strip().replace(" ", "_")
    return next((n for n in names if n.lower() == folded), None)


# -- the fast readers ------------------------------------------------------------------------

#: A record's fast reader: its Fields when every key is known, once, and every value reads
#: without a problem; None (having reported and remembered nothing) otherwise.
FastReader = Callable[[Reading, Node, KeyPath], Fields | None]
#: The same over a mapping's pairs as (key text, value node), and the mapping.
PairsReader = Callable[[Reading, list[tuple[str, Node]], MappingNode, KeyPath], Fields | None]

#: What a key's value needs once the whole record has read well (a source id: to be cited).
After = Callable[[Reading, Any, Node, Key, KeyPath, str | int], None]


class _Slow(Exception):
    """A fast form met something it does not read: the generic reader reads it instead."""


def _fast_form(spec: Spec) -> tuple[Callable[[Node], Any], After | None] | None:
    """A spec's value read without a Reading: the function (raising Reject or _Slow where the
    generic `read` would report a problem) and what to do after, once the record reads well.
    None for a spec read the generic way only (lists of records)."""
    if isinstance(spec, Value):
        return spec.convert, None
    if isinstance(spec, SourceId):
        cited = spec.cited

        def cite(
            reading: Reading, value: Any, node: Node, key: Key, at: KeyPath, step: str | int
        ) -> None:
            cited(reading, key.name, value, node, at, step)

        return spec.convert, cite
    if isinstance(spec, ListOf):
        return _fast_list(spec)
    if isinstance(spec, YearMap):
        return _fast_years(spec), None
    return None


def _fast_list(spec: ListOf) -> tuple[Callable[[Node], Any], After | None] | None:
    item = spec.item_spec
    if not isinstance(item, (Value, SourceId)):
        return None
    convert, checks = item.convert, spec.checks

    def read_list(node: Node) -> tuple[Any, ...]:
        if node.__class__ is not SequenceNode or node.streamed:
            raise _Slow
        values = tuple(map(convert, node.items))
        for check in checks:
            check(values, node)
        return values

    if isinstance(item, Value):
        return read_list, None
    cited = item.cited

    def cite_each(
        reading: Reading, values: Any, node: Node, key: Key, at: KeyPath, step: str | int
    ) -> None:
        here = (*at, step)
        for index, (value, child) in enumerate(zip(values, node.items, strict=True)):  # type: ignore[union-attr]
            cited(reading, key.name, value, child, here, index)

    return read_list, cite_each


def _fast_years(spec: YearMap) -> Callable[[Node], Any]:
    convert = spec.value
    year_tags, match = YEAR_TAGS, YEAR.match
    years: dict[str, int] = {}  # year keys as written: a few dozen, in every resident

    def read_years(node: Node) -> Mapping[int, Any]:
        if node.__class__ is not MappingNode:
            raise _Slow
        values: dict[int, Any] = {}
        ordered, last = True, 0
        for key_node, value in node.pairs:
            written = key_node.value
            if key_node.tag not in year_tags:
                raise _Slow
            number = years.get(written)
            if number is None:
                if not match(written):
                    raise _Slow
                number = years[written] = int(written)  # at most 9,000 years
            if number in values:
                raise _Slow
            if number < last:
                ordered = False
            last = number
            values[number] = convert(value)
        return MappingProxyType(values if ordered else dict(sorted(values.items())))

    return read_years


def _fast_reader(record: Record) -> PairsReader | None:
    """The fast reader of a record made from its declarations; None when a key has no fast
    form (the header's lists of records: read once per file, the generic way)."""
    forms: dict[str, Callable[[Node], Any]] = {}
    afters: dict[str, tuple[Key, After]] = {}
    for key in record.keys:
        form = _fast_form(key.spec)
        if form is None:
            return None
        forms[key.name], after = form
        if after is not None:
            afters[key.name] = (key, after)
    required = record.required
    # a record citing one key's worth of sources (each record here) need not look at the others
    only_after = next(iter(afters.items())) if len(afters) == 1 else None

    def read(
        reading: Reading, pairs: list[tuple[str, Node]], node: MappingNode, path: KeyPath
    ) -> Fields | None:
        try:  # an unknown key is a KeyError; the converters raise Reject, the fast forms _Slow
            values = {name: forms[name](value) for name, value in pairs}
        except (Reject, _Slow, KeyError):
            return None
        if len(values) != len(pairs):  # a key written twice
            return None
        for name in required:
            if name not in values:
                return None
        nodes = dict(pairs)
        if only_after is not None:
            name, (key, after) = only_after
            if name in values:
                after(reading, values[name], nodes[name], key, path, name)
        elif afters:
            for name, value in nodes.items():  # in the file's order, as the generic reader
                found = afters.get(name)
                if found is not None:
                    found[1](reading, values[name], value, found[0], path, name)
        return Fields(node, path, values, nodes, True)

    return read
