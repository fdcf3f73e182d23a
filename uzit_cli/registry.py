"""Load and validate a registry: bytes in, an immutable `Registry` or every problem out.

The rules are those of docs/registry-format.md (format version 1). Each value is converted by the
type the format expects at its place, so a message can say what YAML made of the text and what to
write instead (`NO` is a boolean to YAML 1.1: quote it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import gc
import math
import os
import re
import sys
import urllib.parse
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from uzit_cli.countries import COUNTRY_CODE_MISTAKES, COUNTRY_CODES
from uzit_cli.model import (
    PUBLISHED_METRICS,
    RESIDENT_FIELDS,
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
    MERGE,
    NULL,
    STR,
    TIMESTAMP,
    VALUE,
    MappingNode,
    Node,
    Scalar,
    SequenceNode,
    YamlProblem,
    parse_nodes,
    show,
    yaml_value,
)

STDIN = "-"
MAX_FILE_BYTES = 64 * 2**20  # 100,000 detailed residents take about 40 MB
LONG_LINE_BYTES = 2**20  # lines this long are no registry; refused before YAML buffers them
MAX_NAME_LENGTH = 200
MAX_ID_LENGTH = 64
MAX_PROBLEMS = 1000  # then stop: past that, the file is likely not a registry at all
# The largest count or amount a registry holds (a quadrillion): far above any real figure, and
# small enough that sums over every resident stay exact, and means and projections finite.
MAX_NUMBER = 10**15

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")  # ASCII digits: \d takes any script's
_LOOSE_DATE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\Z")
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_YEAR = re.compile(r"[1-9][0-9]{3}\Z")
# Control characters, lone surrogates and Unicode's own line breaks; a note may hold \n and \t.
# Bidirectional controls too: they reorder what a terminal or a spreadsheet shows.
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BAD_IN_TEXT = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_BIDI}]")
_BAD_IN_NOTE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_BIDI}]")
# What a spreadsheet may read as the start of a formula: also after leading spaces, and in the
# full-width forms of East Asian input methods, which some spreadsheets fold to ASCII.
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Text that shows nothing: whitespace, format characters and the fillers some scripts use.
_INVISIBLE = re.compile(
    r"[\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2060-\u206f"
    r"\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001d159\U0001d173-\U0001d17a\U000e0000-\U000e0fff]*"
)
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.IGNORECASE)

_INVALID: Any = object()  # a value already reported as a problem

_UTF8_BOM = b"\xef\xbb\xbf"
# Raw characters refused before YAML sees them: YAML's own non-printables (C0 but tab, LF and
# CR; DEL; C1 but NEL; U+FFFE, U+FFFF), which the two parsers report differently, and those
# YAML reads as line breaks though editors do not (NEL, U+2028, U+2029) or that only make sense
# at the very start (a byte order mark).
_C0 = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_LEADS = {0xC2: re.compile(rb"\xc2[\x80-\x9f]"), 0xE2: re.compile(rb"\xe2\x80[\xa8\xa9]")}
_LEADS[0xEF] = re.compile(rb"\xef(?:\xbf[\xbe\xbf]|\xbb\xbf)")
_C0_SEARCH = re.compile(b"[" + re.escape(_C0) + b"]")
_NOT_SUSPECT = bytes(b for b in range(256) if b not in _C0 and b not in _LEADS)
_CHAR_NAMES = {
    0x00: "NUL",
    0x07: "bell",
    0x08: "backspace",
    0x09: "tab",
    0x0A: "newline",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x0D: "carriage return",
    0x1B: "escape",
    0x7F: "delete",
    0x85: "next line",
    0x2028: "line separator",
    0x2029: "paragraph separator",
    0xFEFF: "byte order mark",
}


def bundled_registry_path() -> Path:
    """The registry that ships with uzit: inside the package once installed, else the checkout's."""
    packaged = Path(__file__).with_name("data") / "residents.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "residents.yaml"


def display_path(path: str | Path) -> str:
    """A path as people want to read it: relative to the working directory when under it.

    Characters a terminal would act on, and undecodable bytes, are shown as escapes.
    """
    if str(path) == STDIN:
        return "<stdin>"
    try:  # abspath, not resolve(): a symlink keeps the name the user gave it
        shown = str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    if shown.isprintable():
        return shown
    return "".join(c if c.isprintable() else _escaped(c) for c in shown)


def _escaped(character: str) -> str:
    """A character as an escape; a byte that was not UTF-8 (a surrogate escape) as `\\xNN`."""
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return ascii(character)[1:-1]


def load_registry(path: str | Path, *, display: str | None = None) -> Registry:
    """Read and validate the registry at `path` (`-` for standard input).

    Raises RegistryError with every problem found; never anything else for bad input.
    """
    shown = display if display is not None else display_path(path)
    return parse_registry(_read_bytes(path, shown), shown)


def parse_registry(data: bytes, path: str = "<registry>") -> Registry:
    """Validate registry bytes; `path` only names the file in problems.

    Problems with the bytes or the YAML itself stop reading and are reported alone; every
    problem with the values is reported, in file order.
    """
    _check_text(data, path)
    checker = _Checker(path)
    # Loading allocates many small objects and frees none: the cyclic collector would only
    # rescan them, which costs about a fifth of the time on 100,000 residents.
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = parse_nodes(data, checker.resident)
    except YamlProblem as exc:
        raise _one(path, *_within(data, exc.line, exc.column), exc.message, code="yaml") from None
    finally:
        if collecting:
            # What was just loaded is all young to the collector, which would scan it whole at
            # the next allocation (a tenth of the load time); freeze() and unfreeze() move it to
            # the oldest generation in one step instead.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
    if root is None:
        raise _one(
            path,
            1,
            1,
            "the file holds no YAML values; a registry starts with `schema: 1`",
            code="empty-file",
        )
    return checker.registry(root)


def _read_bytes(path: str | Path, shown: str) -> bytes:
    try:
        if str(path) == STDIN:
            data: bytes = _read_stdin(shown)
        else:
            with open(path, "rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _one(shown, 1, 1, "no such file", code="no-file") from None
    except IsADirectoryError:
        raise _one(shown, 1, 1, "is a directory, not a registry file", code="no-file") from None
    except PermissionError:
        raise _one(
            shown, 1, 1, "permission denied: the file cannot be read", code="no-file"
        ) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _one(shown, 1, 1, f"cannot be read: {reason}", code="no-file") from None
    return data


def _read_stdin(shown: str) -> bytes:
    """Standard input, bounded: closed (`<&-`) and non-blocking empty input are problems."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise _one(
            shown, 1, 1, "standard input is closed; give the registry as a file", code="no-file"
        )
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_FILE_BYTES:
        chunk = stream.read(MAX_FILE_BYTES + 1 - size)
        if chunk is None:  # a non-blocking pipe with nothing in it yet
            raise _one(
                shown,
                1,
                1,
                "standard input has nothing to read yet (it is non-blocking); "
                "give the registry as a file",
                code="no-file",
            )
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _one(path: str, line: int, column: int, message: str, code: str) -> RegistryError:
    return RegistryError([Problem(path, line, column, _printable(message), code=code)])


def _printable(message: str) -> str:
    """A message with every character a terminal could act on escaped, as show() does.

    Messages quote values through show(); this catches any that quote one raw, so that no
    message, on standard error or in `validate -f csv`, carries ESC, BEL or a bidi control.
    """
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in message)


# -- bytes and characters -------------------------------------------------------------------


def _check_text(data: bytes, path: str) -> None:
    """Refuse what is not UTF-8 text a YAML parser reads the same way as an editor."""
    if len(data) > MAX_FILE_BYTES:
        raise _one(
            path,
            1,
            1,
            f"the file is larger than {MAX_FILE_BYTES // 2**20} MiB; a registry is far smaller "
            "(is this the right file?)",
            code="file-too-large",
        )
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _one(path, 1, 1, "the file is UTF-32; save it as UTF-8", code="not-utf8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _one(path, 1, 1, "the file is UTF-16; save it as UTF-8", code="not-utf8")
    if not data or data.isspace() or data == _UTF8_BOM:
        raise _one(
            path, 1, 1, "the file is empty; a registry starts with `schema: 1`", code="empty-file"
        )
    if b"\x00" in data[:2]:
        raise _one(
            path,
            1,
            1,
            "the file starts with NUL bytes: it is UTF-16 or UTF-32 without a byte order mark, "
            "or not text at all; save it as UTF-8",
            code="not-utf8",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise _one(
            path,
            line,
            column,
            f"not UTF-8: the byte 0x{data[exc.start]:02X} at offset {exc.start} is not valid "
            f"UTF-8{_encoding_hint(data)}; save the file as UTF-8",
            code="not-utf8",
        ) from None
    offset = _first_refused_character(data)
    if offset is not None:
        line, column = _position(data, offset)
        raise _one(
            path, line, column, _refused_character_message(data, offset), code="refused-character"
        )
    offset = _long_line_offset(data)
    if offset is not None:
        line, _ = _position(data, offset)
        raise _one(
            path,
            line,
            1,
            f"line {line} is longer than {LONG_LINE_BYTES // 2**20} MiB; a registry's lines "
            "are short (is this the right file?)",
            code="line-too-long",
        )


def _long_line_offset(data: bytes) -> int | None:
    """The offset where the first line longer than LONG_LINE_BYTES starts, if any.

    Lines end at LF, CR or CRLF, as YAML counts them. Such a line covers a whole aligned block
    of half that size with no line break in it, so one C-speed search per block finds the
    candidates; each is then measured exactly, looking at most one limit's length either way.
    """
    limit, half = LONG_LINE_BYTES, LONG_LINE_BYTES // 2
    for start in range(0, len(data) - half + 1, half):
        end = start + half
        if data.find(b"\n", start, end) != -1 or data.find(b"\r", start, end) != -1:
            continue
        window = max(0, start - limit)
        line_start = max(data.rfind(b"\n", window, start), data.rfind(b"\r", window, start)) + 1
        if line_start == 0 and window > 0:  # no break within a limit's length before it
            return window
        found = [
            i for i in (data.find(b"\n", end, end + limit), data.find(b"\r", end, end + limit))
        ]
        found = [i for i in found if i != -1]
        line_end = min(found) if found else min(len(data), end + limit)
        if line_end - line_start > limit:
            return line_start
    return None


def _first_refused_character(data: bytes) -> int | None:
    """Byte offset of the first refused character in valid UTF-8, None when there is none.

    One translate() pass finds out whether there is anything to look for; files without
    control characters and without the three lead bytes of the multi-byte cases skip the rest.
    """
    suspects = data.translate(None, _NOT_SUSPECT)
    if not suspects:
        return None
    found: list[int] = []
    if suspects.translate(None, bytes(_LEADS)):
        match = _C0_SEARCH.search(data)
        if match:
            found.append(match.start())
    for lead, pattern in _LEADS.items():
        if lead in suspects:
            start = 3 if lead == 0xEF and data.startswith(_UTF8_BOM) else 0
            match = pattern.search(data, start)
            if match:
                found.append(match.start())
    return min(found) if found else None


def _refused_character_message(data: bytes, offset: int) -> str:
    char = data[offset : offset + 3].decode("utf-8", errors="ignore")[:1]
    code = ord(char)
    name = _char_name(code)
    if code == 0:
        return "a NUL byte: the file is not plain text; save the registry as UTF-8 text"
    if code in (0x85, 0x2028, 0x2029):
        return (
            f"{name}: YAML reads it as a line break but editors do not; remove it "
            "(use an ordinary newline)"
        )
    if code == 0xFEFF:
        return f"{name} inside the file (two files joined together?); remove it"
    if code in (0xFFFE, 0xFFFF):
        return f"{name} is not a character; remove it"
    return f"control character {name} in the file; remove it (terminals act on it)"


def _char_name(code: int) -> str:
    name = _CHAR_NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset, counting lines and columns as YAML does."""
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    if line_start == 0 and before.startswith(_UTF8_BOM):
        line_start = 3
    return line, len(before[line_start:].decode("utf-8", errors="replace")) + 1


def _within(data: bytes, line: int, column: int) -> tuple[int, int]:
    """A position clamped to the text: parsers put the end of a file without a final
    newline on a line after it."""
    lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
    if line <= lines:
        return line, column
    return _position(data, len(data))


def _encoding_hint(data: bytes) -> str:
    """Which legacy encoding the bytes look like. Shift_JIS writes each Japanese character as
    two bytes, mostly both above 0x7F; Latin-1 and Windows-1252 write an accented letter as
    one byte between ASCII ones, which cp932 may also happen to decode (`é` and a letter)."""
    if _HIGH_PAIR.search(data):
        try:
            data.decode("cp932")
        except UnicodeDecodeError:
            return ""
        return " (it looks like Shift_JIS)"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return " (it looks like Latin-1 or Windows-1252)"


_HIGH_PAIR = re.compile(rb"[\x80-\xff]{2}")


# -- values -----------------------------------------------------------------------------------


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
        has_time = not _DATE.match(text)
        return f"{show(text)}, which YAML reads as a date{' and time' if has_time else ''}"
    if (tag == INT and _DECIMAL_INT.match(text)) or (tag == FLOAT and _DECIMAL_FLOAT.match(text)):
        return f"the number {text}"
    if tag in (INT, FLOAT):
        value = yaml_value(node)
        shown = _number_text(value) if isinstance(value, (int, float)) else str(value)
        return f"{show(text)}, which YAML 1.1 reads as the number {shown}"
    return f"the value {show(text)}"  # pragma: no cover - every resolver tag is covered above


def _number_text(value: float) -> str:
    if isinstance(value, int) and abs(value) > 10**40:  # str() fails past 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        return str(int(value))
    return repr(value)


def _quote_hint(text: str) -> str:
    """`; quote it: "text"`, with the text as a YAML double-quoted scalar."""
    if len(text) > 40:
        return "; put it in quotes"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '; quote it: "' + _BAD_IN_TEXT.sub(lambda m: f"\\u{ord(m[0]):04x}", escaped) + '"'


class _TooManyProblems(RegistryError):
    """The first MAX_PROBLEMS problems in file order, then one line saying more follow.

    That line is not a problem of its own: it comes last whatever its place, and `counted`
    leaves it out of the count.
    """

    def __init__(self, problems: list[Problem], node: Node) -> None:
        super().__init__(problems)
        stop = f"more problems follow; uzit stops after {MAX_PROBLEMS:,} (fix these first)"
        last = Problem(problems[0].path, node.line, node.column, stop, code="too-many-problems")
        self.problems = (*self.problems, last)
        self.counted = len(problems)


class _Checker:
    """Walks the nodes once, converting each value by the type expected at its place."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.key = ""  # the key whose value is being converted, to name it in messages
        self.residents: list[Any] = []  # Resident, or _INVALID for a resident with problems
        self.resident_ids: dict[str, Node] = {}  # where each id was first seen
        self.slugs: set[str] = set()  # values already found to be valid ids
        self.source_ids: set[str] = set()
        self.references: list[tuple[str, str, Scalar]] = []  # key, source id, where
        self.joined: list[tuple[dt.date, Node]] = []
        self.as_of: dt.date | None = None
        self.header_read = False  # `registry` was a mapping
        self.sources_broken = False  # some source id in `registry.sources` is unreadable
        self.job_years: list[tuple[int, list[Scalar]]] = []  # a resident's last year, year keys
        # each field's converter, as its declaration in model.py names it
        self.resident_fields: dict[str, Callable[[Node], Any]] = {
            field.name: getattr(self, field.spec.reads) for field in RESIDENT_FIELDS
        }

    def problem(self, node: Node, message: str, code: str) -> Any:
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblems(self.problems, node)
        problem = Problem(self.path, node.line, node.column, _printable(message), code=code)
        self.problems.append(problem)
        return _INVALID

    def wrong(self, node: Node, expected: str, hint: str = "") -> Any:
        """`key: expected X, not what YAML made of it[; hint]`."""
        if not hint and self.key in _OPTIONAL_KEYS and _means_unknown(node):
            hint = "; if it is not known, leave the key out"
        return self.problem(
            node, f"{self.key}: expected {expected}, not {describe(node)}{hint}", code="wrong-type"
        )

    # -- structure ----------------------------------------------------------------------------

    def fields(
        self,
        node: Node,
        converters: dict[str, Callable[[Node], Any]],
        what: str,
        required: tuple[str, ...] = (),
    ) -> tuple[dict[str, Any], dict[str, Node], bool] | None:
        """A mapping's converted values, their nodes, and whether every required key is there.

        Unknown, repeated and missing keys are reported; a key reported as a likely typo of a
        missing one is not reported missing as well.
        """
        if not isinstance(node, MappingNode):
            self.problem(
                node,
                f"{what} must be a mapping of 'key: value' lines, not {describe(node)}",
                code="wrong-type",
            )
            return None
        values: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        meant: list[str] = []
        restarted = False  # the resident's id came again: the `- ` of a new one is missing
        for key, value in node.pairs:
            name = key.value
            convert = converters.get(name)
            if convert is None or name in values:
                if name in values and what == "a resident" and (restarted or name == "id"):
                    if not restarted:
                        self.problem(
                            key,
                            "the key 'id' appears twice in a resident: a new resident starts "
                            "with '- ' (write '- id: ...' here, indented like the others)",
                            code="duplicate-key",
                        )
                    restarted = True
                    values[name] = _INVALID
                    continue
                meant.append(self.bad_key(key, name, name in values, converters, what))
                values.setdefault(name, _INVALID)
                continue
            self.key = name
            values[name] = convert(value)
            nodes[name] = value
        for name in required:
            if name not in values:
                self.missing(values, required, node, what, meant)
                return values, nodes, False
        return values, nodes, True

    def bad_key(
        self, key: Scalar, name: str, repeated: bool, known: Iterable[str], what: str
    ) -> str:
        """Report a key that cannot be used; the known key it was probably meant to be, or ''."""
        if repeated:
            self.problem(
                key, f"the key {show(name)} appears twice in {what}; keep one", code="duplicate-key"
            )
            return ""
        if key.tag == MERGE:
            self.problem(
                key,
                "merge keys ('<<') are not supported; write the keys out in full",
                code="merge-key",
            )
            return ""
        names = list(known)
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if not close:
            close = [n for n in names if n.lower() == name.lower().strip().replace(" ", "_")]
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(names)}"
        self.problem(key, f"unknown key {show(name)} in {what}; {hint}", code="unknown-key")
        return close[0] if close else ""

    def missing(
        self,
        values: dict[str, Any],
        required: tuple[str, ...],
        node: Node,
        what: str,
        meant: list[str],
    ) -> None:
        names = [name for name in required if name not in values and name not in meant]
        if not names:
            return
        keys = ", ".join(f"'{name}'" for name in names)
        ident = values.get("id")
        if what in ("a resident", "a source") and isinstance(ident, str):
            what = f"the {what[2:]} '{ident}'"
        plural = "s" if len(names) > 1 else ""
        self.problem(node, f"{what} is missing the required key{plural} {keys}", code="missing-key")

    def items(self, node: Node, convert: Callable[[Node], Any], what: str) -> list[Any] | None:
        """The converted items of a list, or None (reported) when it is not one."""
        if isinstance(node, SequenceNode):
            return list(map(convert, node.items))
        hint = "; write [] for none" if isinstance(node, Scalar) and node.tag == NULL else ""
        self.problem(
            node, f"{what}: expected a list, not {describe(node)}{hint}", code="wrong-type"
        )
        return None

    def tuple_of(self, node: Node, convert: Callable[[Node], Any], what: str) -> Any:
        items = self.items(node, convert, what)
        if items is None or _INVALID in items:
            return _INVALID
        return tuple(items)

    def build(self, record: Callable[..., Any], values: dict[str, Any]) -> Any:
        if _INVALID in values.values():
            return _INVALID
        return record(**values)

    # -- scalars ------------------------------------------------------------------------------

    def text(
        self,
        node: Node,
        *,
        max_length: int = 0,
        guard: bool = False,
        bad: re.Pattern[str] = _BAD_IN_TEXT,
    ) -> Any:
        if not isinstance(node, Scalar) or node.tag != STR:
            if isinstance(node, Scalar) and node.tag == NULL and not node.value:
                return self.problem(
                    node, f"{self.key}: expected text, but the value is empty", code="empty-value"
                )
            hint = _quote_hint(node.value) if isinstance(node, Scalar) else ""
            return self.wrong(node, "text", hint.replace(";", "; if it is text,", 1))
        value = node.value
        control = bad.search(value)
        if control:
            code = ord(control.group())
            only_note = code in (9, 10) and bad is not _BAD_IN_NOTE
            where = " (only a note may hold newlines and tabs)" if only_note else ""
            if 0xD800 <= code <= 0xDFFF:
                return self.problem(
                    node,
                    f"{self.key}: U+{code:04X} is half of a surrogate pair",
                    code="control-character",
                )
            return self.problem(
                node,
                f"{self.key}: control character {_char_name(code)} is not allowed{where}; "
                "remove it",
                code="control-character",
            )
        if not value or value.isspace() or (not value.isascii() and _INVISIBLE.fullmatch(value)):
            return self.problem(
                node, f"{self.key}: expected text, but it is blank", code="blank-text"
            )
        if max_length and len(value) > max_length:
            return self.problem(
                node,
                f"{self.key}: {len(value)} characters; at most {max_length} are allowed",
                code="text-too-long",
            )
        if guard and value.lstrip().startswith(_FORMULA_START):
            first = value.lstrip()[0]
            return self.problem(
                node,
                f"{self.key}: must not begin with '{first}', which spreadsheets read as the "
                "start of a formula; reword the start",
                code="formula-start",
            )
        return value

    def plain_text(self, node: Node) -> Any:
        return self.text(node)

    def name(self, node: Node) -> Any:
        return self.text(node, max_length=MAX_NAME_LENGTH, guard=True)

    def guarded_text(self, node: Node) -> Any:
        return self.text(node, guard=True)

    def note(self, node: Node) -> Any:
        return self.text(node, bad=_BAD_IN_NOTE)

    def slug(self, node: Node) -> Any:
        if not isinstance(node, Scalar) or node.tag != STR:
            return self.wrong(node, "an id of lowercase letters, digits and '-'")
        value = node.value
        # sectors and source ids repeat in every resident; resident ids are kept too, but
        # never match again (a repeat is reported elsewhere)
        if value in self.slugs:
            return value
        if _SLUG.match(value) and len(value) <= MAX_ID_LENGTH:
            self.slugs.add(value)
            return value
        if len(value) > MAX_ID_LENGTH:
            return self.problem(
                node,
                f"{self.key}: an id has at most {MAX_ID_LENGTH} characters, not {len(value)}",
                code="bad-id",
            )
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = f"; for example '{suggestion}'" if suggestion and _SLUG.match(suggestion) else ""
        return self.problem(
            node,
            f"{self.key}: {show(value)} is not an id: use lowercase letters, digits and '-', "
            f"starting with a letter or digit{hint}",
            code="bad-id",
        )

    def boolean(self, node: Node) -> Any:
        if isinstance(node, Scalar) and node.tag == BOOL:
            return node.value.lower() in ("true", "yes", "on")
        hint = ""
        if (
            isinstance(node, Scalar)
            and node.tag == STR
            and not node.plain
            and resolve_bool(node.value) is not None
        ):
            hint = f"; remove the quotes: {node.value.lower()}"
        return self.wrong(node, "true or false", hint)

    def integer(self, node: Node, *, minimum: int | None = 0, what: str = "a whole number") -> Any:
        if not isinstance(node, Scalar):
            return self.wrong(node, what)
        text, tag = node.value, node.tag
        if tag == INT and _DECIMAL_INT.match(text):
            if len(text) > 20:  # int() refuses text past 4,300 digits; no count is this long
                return self._too_large(node, text)
            value = int(text)
        elif tag == INT:
            number = yaml_value(node)
            if not isinstance(number, int) or abs(number) > MAX_NUMBER:
                return self._too_large(node, text)
            return self.problem(
                node,
                f"{self.key}: write {number} as a plain decimal number; YAML 1.1 reads "
                f"{show(text)} as {number}, other YAML readers differently",
                code="yaml11-number",
            )
        else:
            return self.wrong(node, what, _int_hint(node))
        if minimum is not None and value < minimum:
            return self.problem(
                node, f"{self.key}: must be {minimum} or more, not {value}", code="below-minimum"
            )
        if abs(value) > MAX_NUMBER:
            return self._too_large(node, text)
        return value

    def _too_large(self, node: Node, text: str) -> Any:
        written = show(text) if len(text) <= 40 else f"a number of {len(text):,} characters"
        return self.problem(
            node,
            f"{self.key}: {written} is larger than {MAX_NUMBER:,}, the largest number a "
            "registry holds",
            code="number-too-large",
        )

    def count(self, node: Node) -> Any:
        return self.integer(node)

    def number(self, node: Node) -> Any:
        """A finite number: an int when written as one, else a float."""
        if not isinstance(node, Scalar):
            return self.wrong(node, "a number")
        text, tag = node.value, node.tag
        if tag == INT:
            return self.integer(node, minimum=None, what="a number")
        if tag == FLOAT and _DECIMAL_FLOAT.match(text):
            value = float(text)
            if math.isfinite(value) and abs(value) <= MAX_NUMBER:
                return value
            return self._too_large(node, text)  # a decimal is never NaN: this overflowed
        if tag == FLOAT:
            number = yaml_value(node)
            if not isinstance(number, float) or not math.isfinite(number):
                return self.problem(
                    node,
                    f"{self.key}: expected a finite number, not {show(text)}",
                    code="not-finite",
                )
            return self.problem(
                node,
                f"{self.key}: write {_number_text(number)} as a plain decimal number; YAML 1.1 "
                f"reads {show(text)} as {_number_text(number)}, other YAML readers differently",
                code="yaml11-number",
            )
        return self.wrong(node, "a number", _int_hint(node, whole=False))

    def non_negative(self, node: Node) -> Any:
        value = self.number(node)
        if value is not _INVALID and value < 0:
            return self.problem(
                node,
                f"{self.key}: must be 0 or more, not {_number_text(value)}",
                code="below-minimum",
            )
        return value

    def date(self, node: Node) -> Any:
        if not isinstance(node, Scalar) or node.tag not in (TIMESTAMP, STR):
            hint = ""
            if isinstance(node, Scalar) and node.tag == INT and _YEAR.match(node.value):
                hint = f"; a date needs its month and day: {node.value}-MM-DD" + (
                    " (if only the year is known, leave the key out)"
                    if self.key in _OPTIONAL_KEYS
                    else ""
                )
            return self.wrong(node, "a date (YYYY-MM-DD)", hint)
        match = _DATE.match(node.value)
        if match is None:
            loose = _LOOSE_DATE.match(node.value.split(" ")[0].split("T")[0])
            example = f"; write {loose[1]}-{int(loose[2]):02d}-{int(loose[3]):02d}" if loose else ""
            if node.tag == TIMESTAMP:
                return self.problem(
                    node,
                    f"{self.key}: expected a date without a time, not {show(node.value)}{example}",
                    code="bad-date",
                )
            return self.wrong(node, "a date written YYYY-MM-DD", example)
        try:  # the common case, in C; the pattern above has fixed the form
            return dt.date.fromisoformat(node.value)
        except ValueError:  # an impossible date, or digits other than 0-9
            pass
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
        if year < 1:
            return self.problem(
                node, f"{self.key}: {node.value} is not a date: there is no year 0", code="bad-date"
            )
        if not 1 <= month <= 12:
            return self.problem(
                node, f"{self.key}: {node.value} is not a date: no month {month}", code="bad-date"
            )
        days = calendar.monthrange(year, month)[1]
        return self.problem(
            node,
            f"{self.key}: {node.value} is not a date: "
            f"{calendar.month_name[month]} {year} has {days} days",
            code="bad-date",
        )

    def year(self, node: Node) -> Any:
        """A year: a number, or the quoted "2024" of a file converted from JSON."""
        if isinstance(node, Scalar) and node.tag in _YEAR_TAGS and _YEAR.match(node.value):
            return int(node.value)
        return self.wrong(node, "a year such as 2024", _colon_hint(node))

    def url(self, node: Node) -> Any:
        value = self.text(node)
        if value is not _INVALID and not (_URL.match(value) and _has_host(value)):
            return self.problem(
                node, f"{self.key}: {show(value)} is not an http:// or https:// URL", code="bad-url"
            )
        return value

    def country(self, node: Node) -> Any:
        if isinstance(node, Scalar) and node.tag == BOOL:
            return self.wrong(node, "a two-letter country code", _quote_hint(node.value))
        if not isinstance(node, Scalar) or node.tag != STR:
            return self.wrong(node, "a two-letter country code such as JP")
        value = node.value
        if value in COUNTRY_CODES:
            return value
        meant = COUNTRY_CODE_MISTAKES.get(value.upper()) or (
            value.upper() if value.upper() in COUNTRY_CODES else None
        )
        hint = f"; did you mean '{meant}'?" if meant else ""
        return self.problem(
            node,
            f"{self.key}: {show(value)} is not an ISO 3166-1 alpha-2 country code{hint}",
            code="bad-country",
        )

    def choice(self, node: Node, choices: tuple[str, ...]) -> Any:
        value = self.text(node)
        if value is not _INVALID and value not in choices:
            close = difflib.get_close_matches(value, choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use " + " or ".join(choices)
            return self.problem(
                node, f"{self.key}: unknown {self.key} {show(value)}; {hint}", code="unknown-value"
            )
        return value

    def year_map(self, node: Node, convert: Callable[[Node], Any], what: str) -> Any:
        if not isinstance(node, MappingNode):
            self.key = what
            return self.problem(
                node,
                f"{what}: expected years mapped to values, such as {{2024: 12}}, "
                f"not {describe(node)}{_colon_hint(node)}",
                code="wrong-type",
            )
        values: dict[int, Any] = {}
        bad = False
        ordered = True  # years written in ascending order, as usual: no sorting needed
        last = 0
        self.key = what
        for key, value in node.pairs:
            if key.tag in _YEAR_TAGS and _YEAR.match(key.value):  # self.year(), inlined
                year = int(key.value)
            elif key.tag == MERGE:
                self.bad_key(key, "<<", False, (), what)
                bad = True
                continue
            else:
                self.year(key)  # reports it
                bad = True
                continue
            if year in values:
                self.problem(
                    key, f"{what}: the year {year} appears twice; keep one", code="duplicate-year"
                )
                bad = True
                continue
            if year < last:
                ordered = False
            last = year
            values[year] = converted = convert(value)
            if converted is _INVALID:
                bad = True
        if bad:
            return _INVALID
        return MappingProxyType(values if ordered else dict(sorted(values.items())))

    # -- the registry -------------------------------------------------------------------------

    def registry(self, root: Node) -> Registry:
        top = self.fields(
            root,
            {"schema": self.schema, "registry": self.info, "residents": self.residents_list},
            "the registry file",
            ("schema", "registry", "residents"),
        )
        if top is None:
            raise RegistryError(self.problems)
        values, _, _ = top
        info = values.get("registry", _INVALID)
        self.cross_check()
        if self.problems or _has_invalid(values.values()) or _has_invalid(self.residents):
            raise RegistryError(self.problems)
        return Registry(schema=values["schema"], info=info, residents=tuple(self.residents))

    def schema(self, node: Node) -> Any:
        value = self.integer(node, what="the format version, 1")
        if value is not _INVALID and value not in SUPPORTED_SCHEMAS:
            supported = ", ".join(str(v) for v in SUPPORTED_SCHEMAS)
            return self.problem(
                node,
                f"schema {value} is not supported; this uzit reads schema {supported}",
                code="unsupported-schema",
            )
        return value

    def residents_list(self, node: Node) -> Any:
        if isinstance(node, SequenceNode):
            if not node.streamed:  # an alias to another list: its items were not checked
                for item in node.items:
                    self.resident(item)
            return node
        hint = "; write [] for none" if isinstance(node, Scalar) and node.tag == NULL else ""
        return self.wrong(node, "a list of residents", hint)

    def info(self, node: Node) -> Any:
        read = self.fields(
            node,
            {
                "title": self.plain_text,
                "as_of": self.date,
                "illustrative": self.boolean,
                "sources": self.sources,
                "published": lambda n: self.tuple_of(n, self.figure, "published"),
                "targets": lambda n: self.tuple_of(n, self.target, "targets"),
            },
            "registry",
            ("title", "as_of"),
        )
        if read is None:
            return _INVALID
        values, _, complete = read
        self.header_read = True
        if values.get("as_of", _INVALID) is not _INVALID:
            self.as_of = values["as_of"]
        if not complete:
            return _INVALID
        return self.build(RegistryInfo, values)

    def sources(self, node: Node) -> Any:
        self.sources_broken |= not isinstance(node, SequenceNode)
        lines: dict[str, int] = {}

        def source(item: Node) -> Any:
            value = self.source(item)
            if isinstance(item, MappingNode):
                id_node = _value_of(item, "id")
                if id_node is not None and isinstance(id_node, Scalar) and id_node.value in lines:
                    self.problem(
                        id_node,
                        f"id: the source id '{id_node.value}' is used twice "
                        f"(first at line {lines[id_node.value]})",
                        code="duplicate-id",
                    )
                    return _INVALID
                if id_node is not None and isinstance(id_node, Scalar):
                    lines[id_node.value] = id_node.line
            return value

        return self.tuple_of(node, source, "sources")

    def source(self, node: Node) -> Any:
        read = self.fields(
            node,
            {
                "id": self.slug,
                "title": self.guarded_text,
                "publisher": self.guarded_text,
                "url": self.url,
                "published": self.date,
                "note": self.note,
            },
            "a source",
            ("id", "title", "publisher"),
        )
        if read is None:
            self.sources_broken = True
            return _INVALID
        values, _, complete = read
        if values.get("id", _INVALID) is not _INVALID:
            self.source_ids.add(values["id"])
        else:
            self.sources_broken = True  # an id is unreadable: references cannot be checked
        if not complete:
            return _INVALID
        return self.build(Source, values)

    def reference(self, node: Node) -> Any:
        value = self.slug(node)
        if value is not _INVALID and isinstance(node, Scalar):
            self.references.append((self.key, value, node))
        return value

    def figure(self, node: Node) -> Any:
        read = self.fields(
            node,
            {
                "metric": lambda n: self.choice(n, PUBLISHED_METRICS),
                "value": self.count,
                "year": self.year,
                "source": self.reference,
                "as_of": self.date,
            },
            "a published figure",
            ("metric", "value", "source"),
        )
        if read is None:
            return _INVALID
        values, _, complete = read
        if values.get("metric") == "jobs_created" and "year" not in values:
            return self.problem(
                node, "a published jobs_created figure needs its 'year'", code="missing-key"
            )
        if not complete:
            return _INVALID
        return self.build(
            lambda **fields: PublishedFigure(**fields, line=node.line, column=node.column), values
        )

    def target(self, node: Node) -> Any:
        read = self.fields(
            node,
            {
                "metric": lambda n: self.choice(n, TARGET_METRICS),
                "factor": self.number,
                "by": self.year,
                "value": self.count,
                "year": self.year,
                "source": self.reference,
                "note": self.note,
            },
            "a target",
            ("metric", "source"),
        )
        if read is None:
            return _INVALID
        values, _, complete = read
        has = {name for name in _TARGET_KEYS if name in values}
        message = _target_shape(has)
        if message:
            return self.problem(node, message, code="target-shape")
        factor = values.get("factor")
        if factor is not None and factor is not _INVALID and factor <= 1:
            self.key = "factor"
            return self.problem(
                (_value_of(node, "factor") if isinstance(node, MappingNode) else None) or node,
                f"factor: must be more than 1 (2 for 'double'), not {_number_text(factor)}",
                code="target-factor",
            )
        if not complete:
            return _INVALID
        return self.build(Target, values)

    # -- residents ----------------------------------------------------------------------------

    def resident(self, node: Node) -> None:
        """Check one item of `residents` as soon as the parser has read it."""
        read = self.fields(node, self.resident_fields, "a resident", _RESIDENT_REQUIRED)
        if read is None:
            self.residents.append(_INVALID)
            return
        values, nodes, complete = read
        rid = values.get("id", _INVALID)
        if rid is not _INVALID:
            first = self.resident_ids.get(rid)
            if first is not None:
                self.problem(
                    nodes["id"],
                    f"id: the resident id '{rid}' is used twice (first at line {first.line})",
                    code="duplicate-id",
                )
            else:
                self.resident_ids[rid] = nodes["id"]
        joined = values.get("joined", _INVALID)
        if joined is not _INVALID:
            self.joined.append((joined, nodes["joined"]))
        exports, markets = values.get("exports_to_japan"), values.get("export_markets")
        if (
            isinstance(exports, bool)
            and isinstance(markets, tuple)
            and exports != ("JP" in markets)
        ):
            self.problem(
                nodes["export_markets"],
                "export_markets: must include JP, since exports_to_japan is true"
                if exports
                else "export_markets: includes JP, but exports_to_japan is false",
                code="markets-and-exports",
            )
        jobs = values.get("jobs_created", _INVALID)
        if jobs is not _INVALID and jobs:  # years read and sorted: check the first and last
            jobs_node = nodes["jobs_created"]
            assert isinstance(jobs_node, MappingNode)
            if joined is not _INVALID and min(jobs) < joined.year:
                for key_node, _ in jobs_node.pairs:
                    year = int(key_node.value)
                    if year < joined.year:
                        self.problem(
                            key_node,
                            f"jobs_created: {year} is before the year the resident joined "
                            f"({joined.isoformat()})",
                            code="before-joined",
                        )
            self.job_years.append((max(jobs), [key for key, _ in jobs_node.pairs]))
        if complete:
            values["line"], values["column"] = node.line, node.column  # where it starts
        self.residents.append(self.build(Resident, values) if complete else _INVALID)

    def sectors(self, node: Node) -> Any:
        sectors = self.tuple_of(node, self.slug, "sectors")
        if sectors is _INVALID or len(set(sectors)) == len(sectors) > 0:
            return sectors
        if not sectors:
            return self.problem(
                node, "sectors: list at least one sector, such as [outsourcing]", code="no-sector"
            )
        assert isinstance(node, SequenceNode)
        seen: set[str] = set()
        for sector, item in zip(sectors, node.items, strict=True):
            if sector in seen:
                return self.problem(
                    item, f"sectors: '{sector}' is listed twice", code="listed-twice"
                )
            seen.add(sector)
        return sectors  # pragma: no cover - a repeat is always found above

    def countries(self, node: Node) -> Any:
        markets = self.tuple_of(node, self.country, "export_markets")
        if markets is _INVALID or len(set(markets)) == len(markets):
            return markets
        assert isinstance(node, SequenceNode)
        seen: set[str] = set()
        for market, item in zip(markets, node.items, strict=True):
            if market in seen:
                return self.problem(
                    item, f"export_markets: '{market}' is listed twice", code="listed-twice"
                )
            seen.add(market)
        return markets  # pragma: no cover - a repeat is always found above

    def jobs(self, node: Node) -> Any:
        return self.year_map(node, self.integer, "jobs_created")

    def revenue(self, node: Node) -> Any:
        return self.year_map(node, self.non_negative, "export_revenue_usd")

    def source_refs(self, node: Node) -> Any:
        return self.tuple_of(node, self.reference, "sources")

    # -- across the file ----------------------------------------------------------------------

    def cross_check(self) -> None:
        """Rules that relate residents to the registry header, which may come after them."""
        as_of = self.as_of
        if as_of is not None:
            for joined, node in self.joined:
                if joined > as_of:
                    self.problem(
                        node,
                        f"joined: {joined.isoformat()} is after the registry's as_of "
                        f"{as_of.isoformat()}",
                        code="after-as-of",
                    )
            for last_year, keys in self.job_years:
                if last_year <= as_of.year:
                    continue
                for key_node in keys:
                    year = int(key_node.value)
                    if year > as_of.year:
                        self.problem(
                            key_node,
                            f"jobs_created: {year} is after the year of the registry's as_of "
                            f"({as_of.isoformat()})",
                            code="after-as-of",
                        )
        if self.header_read and not self.sources_broken:
            meant = _Suggestions(self.source_ids)
            for key, source_id, node in self.references:
                if source_id not in self.source_ids:
                    close = meant.get(source_id)
                    hint = f"; did you mean '{close}'?" if close else ""
                    self.problem(
                        node,
                        f"{key}: '{source_id}' is not an id in registry.sources{hint}",
                        code="unknown-source",
                    )


class _Suggestions:
    """ "Did you mean" for unknown ids, in bounded time however many ids there are.

    difflib compares an id with every candidate, which is quadratic over a file that cites
    thousands of unknown ids among thousands of known ones. Here each unknown id is looked up
    once, among at most CANDIDATES known ids that share its first two characters (else its
    first one), the closest in length first: MAX_PROBLEMS lookups of bounded cost.
    """

    CANDIDATES = 16

    def __init__(self, known: Iterable[str]) -> None:
        self.index: dict[tuple[str, int], list[str]] = {}
        for name in sorted(known):
            for prefix in {name[:2], name[:1]}:
                self.index.setdefault((prefix, len(name)), []).append(name)
        self.found: dict[str, str | None] = {}

    def get(self, name: str) -> str | None:
        if name not in self.found:
            close = difflib.get_close_matches(name, self.candidates(name), n=1)
            self.found[name] = close[0] if close else None
        return self.found[name]

    def candidates(self, name: str) -> list[str]:
        for prefix in (name[:2], name[:1]):
            pool: list[str] = []
            for delta in range(MAX_ID_LENGTH):  # the same length first, then one off, ...
                for length in {len(name) - delta, len(name) + delta}:
                    pool.extend(self.index.get((prefix, length), ())[: self.CANDIDATES])
                if len(pool) >= self.CANDIDATES:
                    return pool[: self.CANDIDATES]
            if pool:
                return pool
        return []


_TARGET_KEYS: tuple[str, ...] = ("factor", "by", "value", "year")
_YEAR_TAGS = (INT, STR)  # a year is a number, or the quoted "2024" of a file converted from JSON
_RESIDENT_REQUIRED = tuple(field.name for field in RESIDENT_FIELDS if field.required)


def _has_invalid(values: Iterable[Any]) -> bool:
    return any(value is _INVALID for value in values)


def _target_shape(has: set[str]) -> str:
    if has == {"factor", "by"} or has == {"value", "year"}:
        return ""
    if has >= {"factor", "value"}:
        return "a target has either 'factor' with 'by', or 'value' with 'year', not both"
    if "factor" in has:
        return "a target with 'factor' needs 'by': the year the factor is reached by"
    if "by" in has:
        return "a target with 'by' needs 'factor' (2 for 'double')"
    if "value" in has:
        return "a target with 'value' needs 'year'"
    if "year" in has:
        return "a target with 'year' needs 'value'"
    return "a target needs 'factor' with 'by', or 'value' with 'year'"


def resolve_bool(text: str) -> bool | None:
    lowered = text.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    return None


def _int_hint(node: Node, *, whole: bool = True) -> str:
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


# Keys a record may leave out, where "not known" is written by leaving the key out.
_OPTIONAL_KEYS = frozenset(
    {field.name for field in RESIDENT_FIELDS if not field.required}
    | {"published", "url", "note", "illustrative"}
)
_UNKNOWN_WORDS = frozenset({"unknown", "n/a", "na", "tbd", "tba", "?", "-", "none", "todo"})
_YEAR_COLON = re.compile(r"([0-9]{4}):([0-9][0-9.]*)\Z")


def _means_unknown(node: Node) -> bool:
    """An empty value, or a word people write for "not known"."""
    if not isinstance(node, Scalar):
        return False
    return node.tag == NULL or node.value.strip().lower() in _UNKNOWN_WORDS


def _colon_hint(node: Node) -> str:
    """`2024:30`, which YAML 1.1 reads as one base-60 number, meant as `2024: 30`."""
    if isinstance(node, Scalar) and node.plain:
        match = _YEAR_COLON.match(node.value)
        if match:
            return f"; add a space after the colon: {match[1]}: {match[2]}"
    return ""


def _has_host(url: str) -> bool:
    try:
        return bool(urllib.parse.urlsplit(url).hostname)
    except ValueError:  # a malformed port or IPv6 address
        return False


def _value_of(node: MappingNode, key: str) -> Node | None:
    for key_node, value in node.pairs:
        if key_node.value == key:
            return value
    return None
