"""Bytes in: find the registry, read it (or standard input), and refuse what is not UTF-8 text
that a YAML parser reads the same way as an editor. Problems here stop reading at once and are
reported alone, at the line and column of the offending byte.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from uzit_cli.language import N_, Phrase
from uzit_cli.problems import (
    EMPTY_FILE,
    FILE_TOO_LARGE,
    LINE_TOO_LONG,
    NO_FILE,
    NOT_UTF8,
    REFUSED_CHARACTER,
    Joined,
    Later,
    Problem,
    RegistryError,
    Text,
)
from uzit_cli.registry.limits import LONG_LINE_BYTES, MAX_FILE_BYTES
from uzit_cli.words import system_error

STDIN = "-"

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
    0x00: N_("NUL"),
    0x07: N_("bell"),
    0x08: N_("backspace"),
    0x09: N_("tab"),
    0x0A: N_("newline"),
    0x0B: N_("vertical tab"),
    0x0C: N_("form feed"),
    0x0D: N_("carriage return"),
    0x1B: N_("escape"),
    0x7F: N_("delete"),
    0x85: N_("next line"),
    0x2028: N_("line separator"),
    0x2029: N_("paragraph separator"),
    0xFEFF: N_("byte order mark"),
}


def bundled_registry_path() -> Path:
    """The registry that ships with uzit: inside the package once installed, else the checkout's."""
    package = Path(__file__).parent.parent
    packaged = package / "data" / "residents.yaml"
    if packaged.is_file():
        return packaged
    return package.resolve().parent / "data" / "residents.yaml"


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


def read_bytes(path: str | Path, shown: str) -> bytes:
    try:
        if str(path) == STDIN:
            data: bytes = _read_stdin(shown)
        else:
            with open(path, "rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise one_problem(shown, 1, 1, Phrase("no such file"), code=NO_FILE) from None
    except IsADirectoryError:
        raise one_problem(
            shown, 1, 1, Phrase("is a directory, not a registry file"), code=NO_FILE
        ) from None
    except PermissionError:
        raise one_problem(
            shown, 1, 1, Phrase("permission denied: the file cannot be read"), code=NO_FILE
        ) from None
    except (OSError, ValueError) as exc:
        reason = Later(system_error, exc)  # worded when shown, as the Phrase is
        message = Phrase("cannot be read: {reason}", reason=reason)
        raise one_problem(shown, 1, 1, message, code=NO_FILE) from None
    return data


def _read_stdin(shown: str) -> bytes:
    """Standard input, bounded: closed (`<&-`) and non-blocking empty input are problems."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise one_problem(
            shown,
            1,
            1,
            Phrase("standard input is closed; give the registry as a file"),
            code=NO_FILE,
        )
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_FILE_BYTES:
        chunk = stream.read(MAX_FILE_BYTES + 1 - size)
        if chunk is None:  # a non-blocking pipe with nothing in it yet
            raise one_problem(
                shown,
                1,
                1,
                Phrase(
                    "standard input has nothing to read yet (it is non-blocking); "
                    "give the registry as a file"
                ),
                code=NO_FILE,
            )
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def one_problem(path: str, line: int, column: int, message: Text, code: str) -> RegistryError:
    return RegistryError([Problem(path, line, column, message, code=code)])


# Files people give in place of a registry, among them what `uzit export` writes.
_NOT_A_REGISTRY = (
    (
        b"PK\x03\x04",
        N_(
            "the file is a ZIP archive (an .xlsx workbook?), not a YAML registry; "
            "`uzit import FILE.xlsx -o registry.yaml` turns one from `uzit export` back into YAML"
        ),
    ),
    (
        b"SQLite format 3\x00",
        N_(
            "the file is an SQLite database, not a YAML registry; uzit reads registries as YAML "
            "(`uzit export` writes databases, it does not read them)"
        ),
    ),
)


def check_text(data: bytes, path: str) -> None:
    """Refuse what is not UTF-8 text a YAML parser reads the same way as an editor."""
    if len(data) > MAX_FILE_BYTES:
        raise one_problem(
            path,
            1,
            1,
            Phrase(
                "the file is larger than {size} MiB; a registry is far smaller (is this the "
                "right file?)",
                size=MAX_FILE_BYTES // 2**20,
            ),
            code=FILE_TOO_LARGE,
        )
    for magic, what in _NOT_A_REGISTRY:
        if data.startswith(magic):
            raise one_problem(path, 1, 1, Phrase(what), code=NOT_UTF8)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        message = Phrase("the file is UTF-32; save it as UTF-8")
        raise one_problem(path, 1, 1, message, code=NOT_UTF8)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = Phrase("the file is UTF-16; save it as UTF-8")
        raise one_problem(path, 1, 1, message, code=NOT_UTF8)
    if not data or data.isspace() or data == _UTF8_BOM:
        raise one_problem(
            path,
            1,
            1,
            Phrase("the file is empty; a registry starts with `schema: 1`"),
            code=EMPTY_FILE,
        )
    if b"\x00" in data[:2]:
        raise one_problem(
            path,
            1,
            1,
            Phrase(
                "the file starts with NUL bytes: it is UTF-16 or UTF-32 without a byte order "
                "mark, or not text at all; save it as UTF-8"
            ),
            code=NOT_UTF8,
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise one_problem(
            path,
            line,
            column,
            Joined(
                Phrase(
                    "not UTF-8: the byte 0x{byte} at offset {offset} is not valid UTF-8",
                    byte=format(data[exc.start], "02X"),
                    offset=exc.start,
                ),
                _encoding_hint(data),
                Phrase("; save the file as UTF-8"),
            ),
            code=NOT_UTF8,
        ) from None
    offset = _first_refused_character(data)
    if offset is not None:
        line, column = _position(data, offset)
        raise one_problem(
            path, line, column, _refused_character_message(data, offset), code=REFUSED_CHARACTER
        )
    offset = _long_line_offset(data)
    if offset is not None:
        line, _ = _position(data, offset)
        raise one_problem(
            path,
            line,
            1,
            Phrase(
                "line {line} is longer than {size} MiB; a registry's lines are short (is this "
                "the right file?)",
                line=line,
                size=LONG_LINE_BYTES // 2**20,
            ),
            code=LINE_TOO_LONG,
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


def _refused_character_message(data: bytes, offset: int) -> Phrase:
    char = data[offset : offset + 3].decode("utf-8", errors="ignore")[:1]
    code = ord(char)
    name = char_name(code)
    if code == 0:
        return Phrase("a NUL byte: the file is not plain text; save the registry as UTF-8 text")
    if code in (0x85, 0x2028, 0x2029):
        return Phrase(
            "{name}: YAML reads it as a line break but editors do not; remove it (use an "
            "ordinary newline)",
            name=name,
        )
    if code == 0xFEFF:
        return Phrase("{name} inside the file (two files joined together?); remove it", name=name)
    if code in (0xFFFE, 0xFFFF):
        return Phrase("{name} is not a character; remove it", name=name)
    return Phrase(
        "control character {name} in the file; remove it (terminals act on it)", name=name
    )


def char_name(code: int) -> Text:
    """`U+001B (escape)`, the name in the reader's language; `U+E000` for one without."""
    name = _CHAR_NAMES.get(code)
    if name:
        return Phrase("U+{code} ({name})", code=format(code, "04X"), name=Phrase(name))
    return f"U+{code:04X}"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset, counting lines and columns as YAML does."""
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    if line_start == 0 and before.startswith(_UTF8_BOM):
        line_start = 3
    return line, len(before[line_start:].decode("utf-8", errors="replace")) + 1


def within(data: bytes, line: int, column: int) -> tuple[int, int]:
    """A position clamped to the text: parsers put the end of a file without a final
    newline on a line after it."""
    lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
    if line <= lines:
        return line, column
    return _position(data, len(data))


def _encoding_hint(data: bytes) -> Text:
    """Which legacy encoding the bytes look like. Shift_JIS writes each Japanese character as
    two bytes, mostly both above 0x7F; Latin-1 and Windows-1252 write an accented letter as
    one byte between ASCII ones, which cp932 may also happen to decode (`é` and a letter)."""
    if _HIGH_PAIR.search(data):
        try:
            data.decode("cp932")
        except UnicodeDecodeError:
            return ""
        return Phrase(" (it looks like Shift_JIS)")
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return Phrase(" (it looks like Latin-1 or Windows-1252)")


_HIGH_PAIR = re.compile(rb"[\x80-\xff]{2}")
