"""Writing a file the user names (`export`, `import -o`, `init`, `report -o`, `project
--chart-file`): one rule for all of them.

An existing file is replaced only with `--force`, the file a command reads is never written,
and the new file appears whole or not at all (written beside it, then renamed into place).
A symlink is written through, to its target, and the link stays; a device or a pipe
(`/dev/stdout`, a FIFO) is written into, as there is no file to lose or replace.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from uzit_cli.language import _
from uzit_cli.problems import UsageError, UzitError
from uzit_cli.words import system_error


class WriteError(UzitError):
    """The file cannot be written: it exists (without --force), is a directory, or the
    system refuses (exit 1)."""


def check_target(path: Path, *, force: bool, reading: str | None = None) -> None:
    """Refuse to write `path` when it is the file being read (`reading`, a usage error, also
    with --force; `-` is standard input, when that is a file), a directory, or an existing
    file without `force`."""
    if reading is not None and _is_read(path, reading):
        raise UsageError(
            _("{path} is the file this command reads; uzit never writes over it").format(path=path)
        )
    if path.is_dir():
        raise WriteError(_("{path} is a directory; give a file name").format(path=path))
    if os.path.lexists(path) and not force and not _is_special(path):
        raise WriteError(_("{path} already exists; use --force to replace it").format(path=path))


@contextmanager
def replacing(path: Path, *, force: bool, reading: str | None = None) -> Iterator[Path]:
    """A temporary file beside `path` that becomes `path` when the block succeeds, so a failed
    command never leaves half a file. `path` is checked first (see `check_target`), so a
    refused file costs no work done inside the block."""
    check_target(path, force=force, reading=reading)
    special = _is_special(path)  # written as named: /dev/stdout's link leads nowhere real
    target = path if special else Path(os.path.realpath(path))  # through a symlink: it stays
    directory = Path(tempfile.gettempdir()) if special else target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=_temporary_prefix(target.name), dir=directory)
    except OSError as error:
        raise WriteError(_cannot_write(path, error)) from None
    os.close(handle)
    try:
        yield Path(temporary)
        if special:  # a device or a pipe: written into, never replaced
            with open(temporary, "rb") as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)
        else:  # a replaced file keeps its mode; mkstemp makes a new one private, a file is not
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
            os.chmod(temporary, mode)
            os.replace(temporary, target)
    except OSError as error:
        raise WriteError(_cannot_write(path, error)) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _cannot_write(path: Path, error: OSError) -> str:
    return _("cannot write {path}: {reason}").format(path=path, reason=system_error(error))


#: The longest file name most file systems take, in bytes (ext4, APFS, NTFS in UTF-16 units).
NAME_MAX = 255
_RANDOM = 8  # the characters mkstemp adds after the prefix


def _temporary_prefix(name: str) -> str:
    """`.NAME.` for the temporary file, NAME shortened (whole characters) so that the
    temporary name is no longer than the longest name the file itself may have."""
    room = NAME_MAX - _RANDOM - 2
    encoded = os.fsencode(name)
    if len(encoded) > room:
        encoded = encoded[:room]
        while True:  # not in the middle of a UTF-8 character
            try:
                name = encoded.decode("utf-8")
                break
            except UnicodeDecodeError:
                encoded = encoded[:-1]
    return f".{name}."


def write_text(path: Path, text: str, *, force: bool, reading: str | None = None) -> None:
    """`text` as UTF-8 with `\\n` line ends to `path`, by the rules of `replacing`."""
    with replacing(path, force=force, reading=reading) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")


def _is_read(path: Path, reading: str) -> bool:
    """Whether `path` is the registry being read: the same file, or standard input's."""
    try:
        if reading != "-":
            return os.path.samefile(path, reading)
        given, stdin = os.stat(path), os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):  # no such file (yet), no standard input
        return False
    return stat.S_ISREG(stdin.st_mode) and (given.st_dev, given.st_ino) == (
        stdin.st_dev,
        stdin.st_ino,
    )


def _is_special(path: Path) -> bool:
    """An existing path that is neither a file nor a directory: a device, a pipe, a socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
