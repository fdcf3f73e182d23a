"""Writing a file the user names (`export`, `import -o`, `init`, `report -o`, `project
--chart-file`): one rule for all of them.

An existing file is replaced only with `--force`, the file a command reads is never written,
and the new file appears whole or not at all (written beside it, then renamed into place).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from uzit_cli.problems import UsageError, UzitError


class WriteError(UzitError):
    """The file cannot be written: it exists (without --force), is a directory, or the
    system refuses (exit 1)."""


def check_target(path: Path, *, force: bool, reading: str | None = None) -> None:
    """Refuse to write `path` when it is the file being read (`reading`, a usage error, also
    with --force), a directory, or an existing file without `force`."""
    if reading is not None and reading != "-" and _same_file(path, reading):
        raise UsageError(f"{path} is the file this command reads; uzit never writes over it")
    if path.is_dir():
        raise WriteError(f"{path} is a directory; give a file name")
    if os.path.lexists(path) and not force:
        raise WriteError(f"{path} already exists; use --force to replace it")


@contextmanager
def replacing(path: Path, *, force: bool, reading: str | None = None) -> Iterator[Path]:
    """A temporary file beside `path` that becomes `path` when the block succeeds, so a failed
    command never leaves half a file. `path` is checked first (see `check_target`), so a
    refused file costs no work done inside the block."""
    check_target(path, force=force, reading=reading)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a file is not
        os.replace(temporary, path)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_text(path: Path, text: str, *, force: bool, reading: str | None = None) -> None:
    """`text` as UTF-8 with `\\n` line ends to `path`, by the rules of `replacing`."""
    with replacing(path, force=force, reading=reading) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")


def _same_file(path: Path, other: str) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:  # either does not exist (yet)
        return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
