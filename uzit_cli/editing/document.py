"""A registry file opened for editing: its text as written, a round-trip YAML tree to change,
and the checks that come before a write (see the package's docstring for the whole workflow).
"""

from __future__ import annotations

import difflib
import io
import os
import re
from pathlib import Path
from typing import Any

from uzit_cli.editing.edits import EditError, Edits
from uzit_cli.editing.patch import carry_over
from uzit_cli.model import Registry
from uzit_cli.problems import RegistryError, UsageError
from uzit_cli.registry import STDIN, display_path, parse_registry
from uzit_cli.registry.files import check_text, read_bytes

BOM = "\ufeff"


class RoundTrip:
    """ruamel.yaml set up to give back what it read: quotes kept, lines never wrapped."""

    def __init__(self, indent: int = 2, sequence_indent: int = 4, offset: int = 2) -> None:
        from ruamel.yaml import YAML

        self.yaml = YAML(typ="rt")
        self.yaml.preserve_quotes = True
        self.yaml.width = 1_000_000  # never fold a long line of its own accord
        self.yaml.indent(mapping=indent, sequence=sequence_indent, offset=offset)

    def load(self, text: str) -> Any:
        return self.yaml.load(text)

    def dump(self, tree: Any) -> str:
        stream = io.StringIO()
        self.yaml.dump(tree, stream)
        return stream.getvalue()


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the file writes them, read from the
    first block mapping and the first block list under a key; 2, 4, 2 (the bundled
    registry's) for what the file does not show."""
    mapping: int | None = None
    dash: int | None = None
    sequence: int | None = None
    opened: int | None = None  # the indent of a `key:` that ends its line
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if opened is not None and (indent > opened or stripped[:2] == "- "):
            if stripped.startswith("- ") and dash is None:
                dash = indent - opened
                rest = stripped[2:]
                sequence = dash + 2 + len(rest) - len(rest.lstrip(" "))
            elif not stripped.startswith("-") and mapping is None:
                mapping = indent - opened
        opened = None
        if _OPENS_BLOCK.match(stripped):  # `key:`, or `- key:` whose key stands past the dash
            opened = indent + 2 if stripped.startswith("- ") else indent
        if mapping is not None and dash is not None:
            break
    mapping = mapping or 2
    dash = 2 if dash is None else dash
    return mapping, sequence or dash + 2, dash


_OPENS_BLOCK = re.compile(r"(?:- )?[^#'\"{\[][^#]*:\s*(?:#.*)?\Z")


def unified_diff(old: str, new: str, shown: str) -> str:
    """From `old` to `new` text of the file `shown`, as `git diff` shows it (a/, b/ before a
    relative path); every line ends in a newline, a last one without its own included."""
    prefix = ("", "") if os.path.isabs(shown) else ("a/", "b/")
    lines = difflib.unified_diff(
        old.removeprefix(BOM).splitlines(keepends=True),
        new.removeprefix(BOM).splitlines(keepends=True),
        prefix[0] + shown,
        prefix[1] + shown,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class RegistryDocument(Edits):
    """One registry file: its bytes as read, and a round-trip tree (`tree`) that edits change.

    `text()` is the edited file: the original text with only the lines an edit changed
    replaced. `check()` validates it with the project's loader; `write()` puts it in place.
    """

    def __init__(self, path: str | Path, data: bytes, shown: str | None = None) -> None:
        self.path = Path(path)
        self.shown = shown if shown is not None else display_path(path)
        self.data = data
        check_text(data, self.shown)  # not UTF-8, refused characters: reported as the loader does
        text = data.decode("utf-8")
        self.bom = text.startswith(BOM)
        text = text.removeprefix(BOM)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.original = text.replace("\r\n", "\n")
        self.round_trip = RoundTrip(*guess_indent(self.original))
        try:
            self.tree = self.round_trip.load(self.original)
        except Exception:  # the project's loader says what is wrong, located
            parse_registry(data, self.shown)  # raises RegistryError with the problems
            raise EditError(f"{self.shown}: the YAML cannot be edited in place") from None
        if not hasattr(self.tree, "get") or not hasattr(self.tree.get("residents"), "append"):
            parse_registry(data, self.shown)
            raise EditError(f"{self.shown}: no list of residents to edit")
        # the tree written back before any edit, and the edited text: each written out when
        # first needed, as writing out a large registry takes a while
        self.unedited: str | None = None
        self._text: str | None = None

    def edited(self) -> None:
        """Called before each edit changes `tree` (call it before changing `tree` by hand)."""
        if self.unedited is None:
            self.unedited = self.round_trip.dump(self.tree)
        self._text = None

    @classmethod
    def open(cls, path: str | Path, shown: str | None = None) -> RegistryDocument:
        """Read the registry at `path` for editing. Standard input (`-`) is refused: there is
        no file to write the result back to."""
        if str(path) == STDIN:
            raise UsageError(
                "standard input cannot be edited in place; give the registry as a file "
                "(-r FILE), or edit a copy: uzit ... -r copy.yaml"
            )
        shown = shown if shown is not None else display_path(path)
        if os.path.exists(path) and not (os.path.isfile(path) or os.path.isdir(path)):
            raise EditError(f"{shown} is not a regular file; uzit edits only files")
        return cls(path, read_bytes(path, shown), shown)

    # -- the result ----------------------------------------------------------------------

    def text(self) -> str:
        """The edited file's text (line ends and byte order mark as the original's)."""
        if self._text is None:
            self._text = self._written()
        return self._text

    def _written(self) -> str:
        if self.unedited is None:  # no edit
            return self.data.decode("utf-8")
        edited = self.round_trip.dump(self.tree)
        lines = carry_over(self.original.split("\n"), self.unedited.split("\n"), edited.split("\n"))
        text = "\n".join(lines)
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (BOM if self.bom else "") + text

    def new_data(self) -> bytes:
        return self.text().encode("utf-8")

    @property
    def changed(self) -> bool:
        return self.new_data() != self.data

    def before(self) -> Registry | None:
        """The registry as read, or None when it does not validate."""
        try:
            return parse_registry(self.data, self.shown)
        except RegistryError:
            return None

    def check(self) -> Registry:
        """The edited registry, validated by the project's loader; RegistryError with every
        problem (at its line in the edited text) when it does not validate."""
        return parse_registry(self.new_data(), self.shown)

    def unified_diff(self) -> str:
        """The change as a unified diff, `a/FILE` to `b/FILE` as git shows one."""
        return unified_diff(self.data.decode("utf-8"), self.text(), self.shown)

    def write(self) -> None:
        """Validate the edited registry and put it in place atomically: written beside the
        file, then renamed over it, keeping its mode and symlink. Refused (EditError) when the
        file changed on disk since it was read; RegistryError when the result does not validate.
        """
        from uzit_cli.writing import replacing

        data = self.new_data()
        parse_registry(data, self.shown)
        try:
            now = self.path.read_bytes()
        except OSError as error:
            raise EditError(f"cannot read {self.shown} again: {error.strerror}") from None
        if now != self.data:
            raise EditError(
                f"{self.shown} changed on disk since uzit read it; nothing was written "
                "(run the command again)"
            )
        with replacing(self.path, force=True) as temporary:
            temporary.write_bytes(data)
