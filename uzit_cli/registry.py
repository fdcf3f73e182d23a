"""Load and validate a registry: bytes in, an immutable `Registry` or every problem out.

The rules are those of docs/registry-format.md (format version 1). Each value is converted by the
type the format expects at its place, so a message can say what YAML made of the text and what to
write instead (`NO` is a boolean to YAML 1.1: quote it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from uzit_cli.countries import COUNTRY_CODES
from uzit_cli.model import (
    PUBLISHED_METRICS,
    SUPPORTED_SCHEMAS,
    TARGET_METRICS,
    PublishedFigure,
    Registry,
    RegistryInfo,
    Resident,
    Source,
    Target,
)
from uzit_cli.problems import Problem, RegistryError
from uzit_cli.yamlnodes import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    STR,
    TIMESTAMP,
    MappingNode,
    Node,
    Scalar,
    SequenceNode,
    YamlProblem,
    parse_nodes,
)

STDIN = "-"
MAX_FILE_BYTES = 256 * 1024 * 1024  # a registry of every IT Park resident is a few MB
MAX_NAME_LENGTH = 200
MAX_ID_LENGTH = 64

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)\Z")
_DECIMAL_INT = re.compile(r"[-+]?[0-9]+\Z")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_NOTE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.IGNORECASE)

_INVALID: Any = object()  # a value already reported as a problem


def bundled_registry_path() -> Path:
    """The registry that ships with uzit: inside the package once installed, else the checkout's."""
    packaged = Path(__file__).with_name("data") / "residents.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "residents.yaml"


def display_path(path: str | Path) -> str:
    """A path as people want to read it: relative to the working directory when under it."""
    if str(path) == STDIN:
        return "<stdin>"
    candidate = Path(path)
    try:
        return str(candidate.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def load_registry(path: str | Path, *, display: str | None = None) -> Registry:
    """Read and validate the registry at `path` (`-` for standard input).

    Raises RegistryError with every problem found; never anything else for bad input.
    """
    shown = display if display is not None else display_path(path)
    data = _read_bytes(path, shown)
    return parse_registry(data, shown)


def parse_registry(data: bytes, path: str = "<registry>") -> Registry:
    """Validate registry bytes; `path` is only used to name the file in problems."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _one(path, 1, 1, "the file is UTF-16; save it as UTF-8")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
        raise _one(
            path,
            line,
            column,
            f"not UTF-8: byte 0x{data[offset]:02x} at offset {offset} cannot be decoded; "
            "save the file as UTF-8",
        ) from None
    try:
        root = parse_nodes(data)
    except YamlProblem as exc:
        raise _one(path, exc.line, exc.column, exc.message) from None
    if root is None:
        raise _one(path, 1, 1, "the file is empty; a registry starts with `schema: 1`")
    return _Checker(path).registry(root)


def _read_bytes(path: str | Path, shown: str) -> bytes:
    try:
        if str(path) == STDIN:
            data: bytes = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with open(path, "rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _one(shown, 1, 1, "no such file") from None
    except IsADirectoryError:
        raise _one(shown, 1, 1, "is a directory, not a registry file") from None
    except PermissionError:
        raise _one(shown, 1, 1, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise _one(shown, 1, 1, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _one(shown, 1, 1, f"larger than {MAX_FILE_BYTES // 2**20} MiB; not a registry?")
    if not data.strip():
        raise _one(shown, 1, 1, "the file is empty; a registry starts with `schema: 1`")
    return data


def _one(path: str, line: int, column: int, message: str) -> RegistryError:
    return RegistryError([Problem(path, line, column, message)])


_KIND_WORDS = {
    BOOL: "the boolean",
    INT: "the integer",
    FLOAT: "the number",
    TIMESTAMP: "the date",
    STR: "the string",
}


def describe(node: Node) -> str:
    """What YAML made of a value, in words: `the boolean NO`, `a list`, `nothing (null)`."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "nothing (null)" if node.value in ("", "~") else f"null ({node.value})"
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    if node.tag == STR and not node.plain:
        return f"the quoted string {shown!r}"
    return f"{_KIND_WORDS.get(node.tag, 'the value')} {shown}"


class _Checker:
    """Walks the nodes once, converting each value by the type expected at its place."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: Node | Scalar, message: str) -> Any:
        self.problems.append(Problem(self.path, node.line, node.column, message))
        return _INVALID

    # -- structure ------------------------------------------------------------------------

    def fields(
        self,
        node: Node,
        converters: dict[str, Callable[[Node], Any]],
        required: Iterable[str],
        what: str,
    ) -> dict[str, Any] | None:
        """The converted values of a mapping, with unknown, duplicate and missing keys reported."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping (key: value lines), not {describe(node)}")
            return None
        values: dict[str, Any] = {}
        for key, value in node.pairs:
            name = key.value
            if name in values:
                self.problem(key, f"duplicate key '{name}' in {what}")
                continue
            convert = converters.get(name)
            if convert is None:
                values[name] = _INVALID
                self.problem(key, self._unknown_key(name, converters, what))
                continue
            values[name] = convert(value)
        for name in required:
            if name not in values:
                self.problem(node, f"{what} is missing the required key '{name}'")
        return values

    def _unknown_key(self, name: str, known: Iterable[str], what: str) -> str:
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(known)}"
        return f"unknown key '{name}' in {what}{hint}"

    def list_of(
        self, node: Node, convert: Callable[[Node], Any], what: str, *, allow_empty: bool = True
    ) -> Any:
        if not isinstance(node, SequenceNode):
            if isinstance(node, Scalar) and node.tag == NULL and allow_empty:
                return self.problem(node, f"{what} must be a list; write [] for none")
            return self.problem(node, f"{what} must be a list, not {describe(node)}")
        if not node.items and not allow_empty:
            return self.problem(node, f"{what} must list at least one item")
        items = [convert(item) for item in node.items]
        return _INVALID if any(item is _INVALID for item in items) else tuple(items)

    def unique(self, node: Node, items: Any, what: str) -> Any:
        if items is _INVALID or not isinstance(node, SequenceNode):
            return items
        seen: set[Any] = set()
        for item, item_node in zip(items, node.items):
            if item in seen:
                return self.problem(item_node, f"'{item}' is listed twice in {what}")
            seen.add(item)
        return items

    # -- scalars ----------------------------------------------------------------------------

    def scalar(self, node: Node, expected: str) -> Scalar | None:
        if isinstance(node, Scalar):
            return node
        self.problem(node, f"expected {expected}, not {describe(node)}")
        return None

    def text(
        self,
        node: Node,
        *,
        what: str = "a string",
        max_length: int | None = None,
        formula_guard: bool = False,
        multiline: bool = False,
    ) -> Any:
        scalar = self.scalar(node, what)
        if scalar is None:
            return _INVALID
        if scalar.tag != STR:
            if scalar.tag == NULL:
                return self.problem(scalar, f"expected {what}, but the value is empty")
            return self.problem(
                scalar,
                f"expected {what}, not {describe(scalar)}; quote it: \"{scalar.value}\"",
            )
        value = scalar.value
        control = (_CONTROL_IN_NOTE if multiline else _CONTROL).search(value)
        if control:
            allowed = " (only newline and tab are allowed, and only in a note)"
            return self.problem(
                scalar,
                f"control character U+{ord(control.group()):04X} is not allowed in text{allowed}",
            )
        if not value.strip():
            return self.problem(scalar, f"expected {what}, but it is blank")
        if max_length is not None and len(value) > max_length:
            return self.problem(
                scalar, f"{len(value)} characters is longer than the {max_length} allowed"
            )
        if formula_guard and value.startswith(_FORMULA_START):
            return self.problem(
                scalar,
                f"text must not begin with '{value[0]}': spreadsheets would run it as a formula",
            )
        return value

    def name(self, node: Node) -> Any:
        return self.text(node, max_length=MAX_NAME_LENGTH, formula_guard=True)

    def guarded(self, node: Node) -> Any:
        return self.text(node, formula_guard=True)

    def note(self, node: Node) -> Any:
        return self.text(node, multiline=True)

    def slug(self, node: Node, *, max_length: int = MAX_ID_LENGTH) -> Any:
        value = self.text(node, what="an id (lowercase letters, digits and -)")
        if value is _INVALID:
            return value
        if not _SLUG.match(value):
            suggestion = re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-")
            hint = f"; for example '{suggestion}'" if suggestion and _SLUG.match(suggestion) else ""
            return self.problem(
                node,
                f"'{value}' is not a slug: use lowercase letters, digits and '-', "
                f"starting with a letter or digit{hint}",
            )
        if len(value) > max_length:
            return self.problem(node, f"an id is at most {max_length} characters")
        return value

    def boolean(self, node: Node) -> Any:
        scalar = self.scalar(node, "true or false")
        if scalar is None:
            return _INVALID
        if scalar.tag != BOOL:
            return self.problem(scalar, f"expected true or false, not {describe(scalar)}")
        return scalar.value.lower() in ("true", "yes", "on", "y")

    def integer(self, node: Node, *, minimum: int | None = 0, what: str = "a whole number") -> Any:
        scalar = self.scalar(node, what)
        if scalar is None:
            return _INVALID
        if scalar.tag == INT and _DECIMAL_INT.match(scalar.value):
            value = int(scalar.value)
        elif scalar.tag == INT:
            return self.problem(
                scalar,
                f"write {scalar.value} as a plain decimal number "
                "(YAML 1.1 reads 0x.., 0.., 1_000 and 1:30 in surprising ways)",
            )
        else:
            return self.problem(scalar, f"expected {what}, not {describe(scalar)}{_int_hint(scalar)}")
        if minimum is not None and value < minimum:
            return self.problem(scalar, f"must be {minimum} or more, not {value}")
        return value

    def number(self, node: Node, *, what: str = "a number") -> Any:
        scalar = self.scalar(node, what)
        if scalar is None:
            return _INVALID
        if scalar.tag == INT:
            return self.integer(node, minimum=None, what=what)
        if scalar.tag != FLOAT:
            return self.problem(scalar, f"expected {what}, not {describe(scalar)}")
        value = float(scalar.value.replace("_", ""))
        if not math.isfinite(value):
            return self.problem(scalar, f"expected a finite number, not {scalar.value}")
        return value

    def non_negative(self, node: Node) -> Any:
        value = self.number(node)
        if value is not _INVALID and value < 0:
            return self.problem(node, f"must be 0 or more, not {value}")
        return value

    def date(self, node: Node) -> Any:
        scalar = self.scalar(node, "a date (YYYY-MM-DD)")
        if scalar is None:
            return _INVALID
        if scalar.tag not in (TIMESTAMP, STR):
            return self.problem(scalar, f"expected a date (YYYY-MM-DD), not {describe(scalar)}")
        match = _DATE.match(scalar.value)
        if match is None:
            if scalar.tag == TIMESTAMP:
                return self.problem(
                    scalar, f"expected a date (YYYY-MM-DD) without a time, not {scalar.value}"
                )
            return self.problem(
                scalar, f"expected a date written YYYY-MM-DD, not {describe(scalar)}"
            )
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            return self.problem(scalar, f"{scalar.value} is not a calendar date ({exc})")

    def year(self, node: Node) -> Any:
        scalar = self.scalar(node, "a year")
        if scalar is None:
            return _INVALID
        text = scalar.value
        if scalar.tag in (INT, STR) and len(text) == 4 and text.isdigit():
            return int(text)
        return self.problem(scalar, f"expected a four-digit year such as 2024, not {describe(scalar)}")

    def url(self, node: Node) -> Any:
        value = self.text(node, what="a URL")
        if value is not _INVALID and not _URL.match(value):
            return self.problem(node, f"'{value}' is not an http:// or https:// URL")
        return value

    def country(self, node: Node) -> Any:
        scalar = self.scalar(node, "a country code")
        if scalar is None:
            return _INVALID
        if scalar.tag == BOOL:
            return self.problem(
                scalar,
                f"expected a country code, not {describe(scalar)} (YAML 1.1 reads "
                f"{scalar.value} as {scalar.value.lower() in ('no', 'n', 'off', 'false') and 'false' or 'true'}); "
                f'quote it: "{scalar.value}"',
            )
        value = self.text(node, what="a country code")
        if value is _INVALID:
            return value
        if value not in COUNTRY_CODES:
            upper = value.upper()
            hint = f"; did you mean '{upper}'?" if upper in COUNTRY_CODES else ""
            return self.problem(
                scalar, f"'{value}' is not an ISO 3166-1 alpha-2 country code{hint}"
            )
        return value

    def year_map(self, node: Node, convert: Callable[[Node], Any], what: str) -> Any:
        if not isinstance(node, MappingNode):
            return self.problem(
                node, f"{what} must map years to values (2024: 12), not {describe(node)}"
            )
        values: dict[int, Any] = {}
        bad = False
        for key, value in node.pairs:
            year = self.year(key)
            if year is _INVALID:
                bad = True
                continue
            if year in values:
                self.problem(key, f"duplicate year {year} in {what}")
                bad = True
                continue
            values[year] = converted = convert(value)
            bad = bad or converted is _INVALID
        return _INVALID if bad else MappingProxyType(dict(sorted(values.items())))

    # -- the registry ----------------------------------------------------------------------

    def registry(self, root: Node) -> Registry:
        top = self.fields(
            root,
            {
                "schema": self.schema,
                "registry": lambda node: node,
                "residents": lambda node: node,
            },
            ("schema", "registry", "residents"),
            "the registry file",
        )
        if top is None:
            raise RegistryError(self.problems)
        info_node, residents_node = top.get("registry"), top.get("residents")
        info = self.info(info_node) if isinstance(info_node, (Scalar, MappingNode, SequenceNode)) else None
        residents: Any = ()
        if isinstance(residents_node, (Scalar, MappingNode, SequenceNode)):
            residents = self.list_of(residents_node, self.resident, "residents")
        if info is not None and residents is not _INVALID:
            self.cross_check(info, residents, residents_node)
        if self.problems or info is None or residents is _INVALID or top["schema"] is _INVALID:
            raise RegistryError(self.problems)
        return Registry(schema=top["schema"], info=info, residents=residents)

    def schema(self, node: Node) -> Any:
        value = self.integer(node, what="the format version (1)")
        if value is not _INVALID and value not in SUPPORTED_SCHEMAS:
            supported = ", ".join(str(v) for v in SUPPORTED_SCHEMAS)
            return self.problem(
                node, f"schema {value} is not supported; this uzit reads schema {supported}"
            )
        return value

    def info(self, node: Node) -> RegistryInfo | None:
        values = self.fields(
            node,
            {
                "title": self.text,
                "as_of": self.date,
                "illustrative": self.boolean,
                "sources": lambda n: self.unique_ids(n, self.source, "registry.sources"),
                "published": lambda n: self.list_of(n, self.figure, "registry.published"),
                "targets": lambda n: self.list_of(n, self.target, "registry.targets"),
            },
            ("title", "as_of"),
            "registry",
        )
        if values is None:
            return None
        if values.get("sources", ()) is not _INVALID:
            known = {source.id for source in values.get("sources", ())}
            for key in ("published", "targets"):
                entries, entries_node = values.get(key, ()), _value_node(node, key)
                if entries is _INVALID or not isinstance(entries_node, SequenceNode):
                    continue
                for entry, entry_node in zip(entries, entries_node.items):
                    if entry.source not in known:
                        self.problem(
                            _value_node(entry_node, "source"),
                            self._unknown_source(entry.source, known),
                        )
        info = self.build(RegistryInfo, values, ("title", "as_of"))
        return None if info is _INVALID else info

    def unique_ids(self, node: Node, convert: Callable[[Node], Any], what: str) -> Any:
        items = self.list_of(node, convert, what)
        if items is _INVALID or not isinstance(node, SequenceNode):
            return items
        first_line: dict[str, int] = {}
        for item, item_node in zip(items, node.items):
            if item.id in first_line:
                return self.problem(
                    item_node,
                    f"duplicate id '{item.id}' in {what} (first at line {first_line[item.id]})",
                )
            first_line[item.id] = item_node.line
        return items

    def source(self, node: Node) -> Any:
        values = self.fields(
            node,
            {
                "id": self.slug,
                "title": self.guarded,
                "publisher": self.guarded,
                "url": self.url,
                "published": self.date,
                "note": self.note,
            },
            ("id", "title", "publisher"),
            "a source",
        )
        return self.build(Source, values, ("id", "title", "publisher"))

    def figure(self, node: Node) -> Any:
        values = self.fields(
            node,
            {
                "metric": lambda n: self.choice(n, PUBLISHED_METRICS, "metric"),
                "value": self.integer,
                "year": self.year,
                "source": self.slug,
            },
            ("metric", "value", "source"),
            "a published figure",
        )
        figure = self.build(PublishedFigure, values, ("metric", "value", "source"))
        if figure is not _INVALID and figure.metric == "jobs_created" and figure.year is None:
            return self.problem(node, "a published jobs_created figure needs its year")
        return figure

    def target(self, node: Node) -> Any:
        values = self.fields(
            node,
            {
                "metric": lambda n: self.choice(n, TARGET_METRICS, "metric"),
                "factor": self.number,
                "by": self.year,
                "value": self.integer,
                "year": self.year,
                "source": self.slug,
                "note": self.note,
            },
            ("metric", "source"),
            "a target",
        )
        target = self.build(Target, values, ("metric", "source"))
        if target is _INVALID:
            return target
        by_factor = target.factor is not None and target.by is not None
        by_value = target.value is not None and target.year is not None
        if by_factor == by_value or (by_factor and (target.value, target.year) != (None, None)):
            return self.problem(
                node, "a target has either `factor` with `by`, or `value` with `year`"
            )
        if target.factor is not None and target.factor <= 1:
            return self.problem(node, f"a target factor must be more than 1, not {target.factor}")
        return target

    def choice(self, node: Node, choices: tuple[str, ...], what: str) -> Any:
        value = self.text(node, what=f"a {what}")
        if value is not _INVALID and value not in choices:
            close = difflib.get_close_matches(value, choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "one of " + ", ".join(choices)
            return self.problem(node, f"unknown {what} '{value}'; {hint}")
        return value

    def build(self, record: Any, values: dict[str, Any] | None, required: tuple[str, ...]) -> Any:
        if values is None or any(v is _INVALID for v in values.values()):
            return _INVALID
        if any(name not in values for name in required):
            return _INVALID
        return record(**values)

    def resident(self, node: Node) -> Any:
        values = self.fields(node, self._resident_converters, _RESIDENT_REQUIRED, "a resident")
        resident = self.build(Resident, values, _RESIDENT_REQUIRED)
        if resident is not _INVALID:
            self.resident_rules(resident, node)
        return resident

    @property
    def _resident_converters(self) -> dict[str, Callable[[Node], Any]]:
        converters = self.__dict__.get("_converters")
        if converters is None:
            converters = {
                "id": self.slug,
                "name": self.name,
                "name_ja": self.guarded,
                "joined": self.date,
                "city": self.guarded,
                "sectors": lambda n: self.unique(
                    n, self.list_of(n, self.slug, "sectors", allow_empty=False), "sectors"
                ),
                "exports_to_japan": self.boolean,
                "export_markets": lambda n: self.unique(
                    n, self.list_of(n, self.country, "export_markets"), "export_markets"
                ),
                "headcount": self.integer,
                "jobs_created": lambda n: self.year_map(n, self.integer, "jobs_created"),
                "export_revenue_usd": lambda n: self.year_map(
                    n, self.non_negative, "export_revenue_usd"
                ),
                "website": self.url,
                "sources": lambda n: self.list_of(n, self.slug, "sources"),
                "note": self.note,
            }
            self.__dict__["_converters"] = converters
        return converters

    def resident_rules(self, resident: Resident, node: Node) -> None:
        """Rules within one resident; rules against the registry header are in cross_check."""
        if resident.export_markets is not None:
            has_jp = "JP" in resident.export_markets
            if has_jp != resident.exports_to_japan:
                self.problem(
                    _value_node(node, "export_markets"),
                    "export_markets must include JP when exports_to_japan is true"
                    if resident.exports_to_japan
                    else "export_markets includes JP but exports_to_japan is false",
                )
        for year in resident.jobs_created:
            if year < resident.joined.year:
                self.problem(
                    _key_node(node, "jobs_created", year),
                    f"jobs_created in {year}, before the resident joined ({resident.joined})",
                )

    def cross_check(
        self, info: RegistryInfo, residents: tuple[Resident, ...], node: Node | None
    ) -> None:
        source_ids = {source.id for source in info.sources}
        nodes = node.items if isinstance(node, SequenceNode) else []
        first_line: dict[str, int] = {}
        for resident, resident_node in zip(residents, nodes):
            if resident.id in first_line:
                self.problem(
                    _value_node(resident_node, "id"),
                    f"duplicate resident id '{resident.id}' (first at line {first_line[resident.id]})",
                )
            else:
                first_line[resident.id] = _value_node(resident_node, "id").line
            if resident.joined > info.as_of:
                self.problem(
                    _value_node(resident_node, "joined"),
                    f"joined {resident.joined} is after the registry's as_of {info.as_of}",
                )
            for year in resident.jobs_created:
                if year > info.as_of.year:
                    self.problem(
                        _key_node(resident_node, "jobs_created", year),
                        f"jobs_created in {year}, after the registry's as_of year {info.as_of.year}",
                    )
            for index, source_id in enumerate(resident.sources):
                if source_id not in source_ids:
                    self.problem(
                        _item_node(resident_node, "sources", index),
                        self._unknown_source(source_id, source_ids),
                    )

    def _unknown_source(self, source_id: str, known: set[str]) -> str:
        close = difflib.get_close_matches(source_id, sorted(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"source '{source_id}' is not in registry.sources{hint}"


_RESIDENT_REQUIRED = ("id", "name", "joined", "city", "sectors", "exports_to_japan")


def _int_hint(scalar: Scalar) -> str:
    """A suggestion for text that was meant as a number, such as 1e3 or 12.0."""
    try:
        value = float(scalar.value)
    except ValueError:
        return ""
    if math.isfinite(value) and value == int(value):
        return f"; write {int(value)}"
    return ""


def _value_node(node: Node, key: str) -> Node:
    """The value under `key` in a mapping node (the node itself when absent)."""
    if isinstance(node, MappingNode):
        for key_node, value in node.pairs:
            if key_node.value == key:
                return value
    return node


def _key_node(node: Node, key: str, year: int) -> Node:
    mapping = _value_node(node, key)
    if isinstance(mapping, MappingNode):
        for key_node, _ in mapping.pairs:
            if key_node.value == str(year):
                return key_node
    return mapping


def _item_node(node: Node, key: str, index: int) -> Node:
    sequence = _value_node(node, key)
    if isinstance(sequence, SequenceNode) and index < len(sequence.items):
        return sequence.items[index]
    return sequence
