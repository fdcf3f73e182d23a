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

from ruamel.yaml.comments import CommentedMap

from uzit_cli.editing import fragments
from uzit_cli.editing.edits import (
    RESIDENT_ORDER,
    EditError,
    Edits,
    names_the_file,
    set_key,
    unset_key,
)
from uzit_cli.editing.fragments import Fragment
from uzit_cli.editing.patch import carry_over
from uzit_cli.editing.values import TypedPlain
from uzit_cli.language import _
from uzit_cli.model import Registry
from uzit_cli.problems import RegistryError, UsageError
from uzit_cli.registry import STDIN, display_path, parse_registry
from uzit_cli.registry.files import check_text, read_bytes
from uzit_cli.registry.yamlnodes import resolve_plain
from uzit_cli.words import system_error

BOM = "\ufeff"


class RoundTrip:
    """ruamel.yaml set up to give back what it read: quotes kept, lines never wrapped."""

    def __init__(self, indent: int = 2, sequence_indent: int = 4, offset: int = 2) -> None:
        from ruamel.yaml import YAML

        self.yaml = YAML(typ="rt")
        self.yaml.preserve_quotes = True
        self.yaml.width = 1_000_000  # never fold a long line of its own accord
        self.yaml.indent(mapping=indent, sequence=sequence_indent, offset=offset)
        self.yaml.representer.add_representer(TypedPlain, _typed_plain)

    def load(self, text: str) -> Any:
        return self.yaml.load(text)

    def dump(self, tree: Any) -> str:
        stream = io.StringIO()
        self.yaml.dump(tree, stream)
        return stream.getvalue()


def _typed_plain(representer: Any, text: TypedPlain) -> Any:
    """`2025-02-30` plain, with the tag YAML gives it, so that it is not quoted."""
    return representer.represent_scalar(resolve_plain(text), str(text))


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


def stripped_at_the_end(text: str) -> str:
    """`text`, with a clipped literal or folded scalar that ends the file without a last line
    break written stripped (`|-`): there it holds no last line break, and it would gain one as
    soon as anything were written after it (a resident added), which changes its value. Every
    other text as it is."""
    if not text or text.endswith("\n"):
        return text
    import yaml  # (PyYAML's events: only for a file without a last line break)

    last: Any = None
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.ScalarEvent):
                last = event
    except yaml.YAMLError:  # the loader reports it, located
        return text
    if last is None or last.style not in ("|", ">") or last.end_mark.index != len(text):
        return text
    indicator = last.start_mark.index  # of `|` or `>`
    head = text[indicator + 1 : text.find("\n", indicator)].split("#")[0]
    if "-" in head or "+" in head:
        return text  # chomped already
    return text[: indicator + 1] + "-" + text[indicator + 1 :]


def unified_diff(old: str, new: str, shown: str) -> str:
    """From `old` to `new` text of the file `shown`, as `git diff` shows it (a/, b/ before a
    relative path); every line ends in a newline, a last one without its own included.

    In a long text, the lines both texts start or end with, past three lines of context, are
    left out of the comparison (difflib's is slow on a large registry) and the hunks' line
    numbers moved: a diff as correct, though a line repeated next to a change may be shown
    as the other one of the two."""
    prefix = ("", "") if os.path.isabs(shown) else ("a/", "b/")
    before = old.removeprefix(BOM).splitlines(keepends=True)
    after = new.removeprefix(BOM).splitlines(keepends=True)
    same = 0
    while same < min(len(before), len(after)) and before[same] == after[same]:
        same += 1
    tail = 0
    most = min(len(before), len(after)) - same
    while tail < most and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    skip = max(0, same - 3) if len(before) > _LONG else 0
    left = max(0, tail - 3) if len(before) > _LONG else 0
    lines = difflib.unified_diff(
        before[skip : len(before) - left],
        after[skip : len(after) - left],
        prefix[0] + shown,
        prefix[1] + shown,
    )
    return "".join(_moved(line, skip) if line.endswith("\n") else line + "\n" for line in lines)


_LONG = 2000  # lines: a shorter text is compared whole, as before
_HUNK = re.compile(r"@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@\n\Z")


def _moved(line: str, skip: int) -> str:
    """A hunk header's line numbers moved down by `skip` lines; any other line as it is."""
    found = _HUNK.match(line) if skip and line.startswith("@@") else None
    if found is None:
        return line
    old, old_size, new, new_size = found.groups()
    return f"@@ -{int(old) + skip}{old_size or ''} +{int(new) + skip}{new_size or ''} @@\n"


class RegistryDocument(Edits):
    """One registry file: its bytes as read, and a round-trip tree (`tree`) that edits change.

    `text()` is the edited file: the original text with only the lines an edit changed
    replaced. `check()` validates it with the project's loader; `write()` puts it in place.
    """

    shown: str  # the file as messages name it

    def __init__(self, path: str | Path, data: bytes, shown: str | None = None) -> None:
        self.path = Path(path)
        self.shown = shown if shown is not None else display_path(path)
        self.data = data
        check_text(data, self.shown)  # not UTF-8, refused characters: reported as the loader does
        text = data.decode("utf-8")
        self.bom = text.startswith(BOM)
        text = text.removeprefix(BOM)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.original = stripped_at_the_end(text.replace("\r\n", "\n"))
        self.round_trip = RoundTrip(*guess_indent(self.original))
        # The text the whole-document round trip starts from: the original, with the edits
        # made resident by resident (`fragments`) spliced in once the whole tree is needed.
        self.base = self.original
        self._tree: Any = None
        self.fragments: dict[int, Fragment] = {}
        self.lines = self.original.split("\n")
        self.index = fragments.index(data, self.lines)
        if self.index is None:  # the whole document, read now: reports what is wrong
            self._load()
        # the tree written back before any edit, and the edited text: each written out when
        # first needed, as writing out a large registry takes a while
        self.unedited: str | None = None
        self._text: str | None = None
        self._checked: tuple[bytes, Registry] | None = None  # the last text check() read

    def _load(self) -> None:
        try:
            self._tree = self.round_trip.load(self.base)
        except Exception:  # the project's loader says what is wrong, located
            parse_registry(self.data, self.shown)  # raises RegistryError with the problems
            message = _("{file}: the YAML cannot be edited in place").format(file=self.shown)
            raise EditError(message, self.shown) from None
        if not hasattr(self._tree, "get") or not hasattr(self._tree.get("residents"), "append"):
            parse_registry(self.data, self.shown)
            message = _("{file}: no list of residents to edit").format(file=self.shown)
            raise EditError(message, self.shown)

    @property
    def tree(self) -> Any:
        """The whole document's round-trip tree (read when first asked for: the edits made
        resident by resident so far are then part of it)."""
        if self._tree is None:
            if self.fragments:
                self.base = "\n".join(self._spliced())
                self.fragments = {}
            self.index = None  # its lines no longer match
            self._load()
        return self._tree

    def edited(self) -> None:
        """Called before each edit changes `tree` (call it before changing `tree` by hand)."""
        if self.unedited is None:
            self.unedited = self.round_trip.dump(self.tree)
        self._text = None

    # -- one resident's lines alone (see fragments.py) --------------------------------------

    def _fragment(self, resident_id: str) -> Fragment | None:
        """The resident's own lines, read alone for an edit; None when the whole document
        must be (already read, or the resident's lines not surely known)."""
        if self._tree is not None or self.index is None:
            return None
        number = self.index.find(resident_id)
        if number is None:
            return None
        if number in self.fragments:
            return self.fragments[number]
        span = self.index.spans[number]
        if span is None:
            return None
        try:
            fragment = Fragment(self.round_trip, self.lines, span)
        except Exception:  # an alias to another resident, say: the whole document then
            return None
        if fragment.item.get("id") != resident_id:
            return None
        self.fragments[number] = fragment
        return fragment

    def _spliced(self) -> list[str]:
        try:
            return fragments.splice(self.lines, list(self.fragments.values()))
        except ValueError:
            message = _("{file}: the edit cannot be made in place").format(file=self.shown)
            raise EditError(message, self.shown) from None

    @names_the_file
    def resident(self, resident_id: str) -> CommentedMap:
        fragment = self._fragment(resident_id)
        if fragment is not None:
            item: CommentedMap = fragment.item
            return item
        return super().resident(resident_id)

    @names_the_file
    def set_field(self, resident_id: str, field: str, value: Any, op: str = "=") -> None:
        fragment = self._fragment(resident_id)
        if fragment is None:
            super().set_field(resident_id, field, value, op)
            return
        fragment.edited()
        self._text = None
        set_key(fragment.item, field, value, op, RESIDENT_ORDER)

    @names_the_file
    def unset_field(self, resident_id: str, field: str) -> bool:
        fragment = self._fragment(resident_id)
        if fragment is None:
            return super().unset_field(resident_id, field)
        fragment.edited()
        self._text = None
        what = _("resident {id}").format(id=repr(resident_id))
        return unset_key(fragment.item, field, what, RESIDENT_ORDER)

    @names_the_file
    def rename_resident(self, old: str, new: str) -> None:
        fragment = self._fragment(old)
        if fragment is None or self.index is None:
            super().rename_resident(old, new)
            return
        if new != old and self.index.find(new) is not None:
            raise EditError(_("a resident with the id {id} already exists").format(id=repr(new)))
        fragment.edited()
        self._text = None
        set_key(fragment.item, "id", new, "=", RESIDENT_ORDER)

    @classmethod
    def open(cls, path: str | Path, shown: str | None = None) -> RegistryDocument:
        """Read the registry at `path` for editing. Standard input (`-`) is refused: there is
        no file to write the result back to."""
        if str(path) == STDIN:
            raise UsageError(
                _(
                    "standard input cannot be edited in place; give the registry as a file "
                    "(-r FILE), or edit a copy: uzit ... -r copy.yaml"
                )
            )
        shown = shown if shown is not None else display_path(path)
        if os.path.exists(path) and not (os.path.isfile(path) or os.path.isdir(path)):
            raise EditError(
                _("{file} is not a regular file; uzit edits only files").format(file=shown),
                shown,
            )
        return cls(path, read_bytes(path, shown), shown)

    # -- the result ----------------------------------------------------------------------

    def text(self) -> str:
        """The edited file's text (line ends and byte order mark as the original's)."""
        if self._text is None:
            self._text = self._written()
        return self._text

    def _written(self) -> str:
        if self.unedited is not None:
            edited = self.round_trip.dump(self.tree)
            base = self.base.split("\n")
            lines = carry_over(base, self.unedited.split("\n"), edited.split("\n"))
        elif self._tree is None and any(f.unedited is not None for f in self.fragments.values()):
            lines = self._spliced()
        elif self.base == self.original:  # no edit
            return self.data.decode("utf-8")
        else:
            lines = self.base.split("\n")
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
        data = self.new_data()
        if self._checked is None or self._checked[0] != data:
            self._checked = (data, parse_registry(data, self.shown))
        return self._checked[1]

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
        self.check()
        try:
            now = self.path.read_bytes()
        except OSError as error:
            message = _("cannot read {file} again: {reason}").format(
                file=self.shown, reason=system_error(error)
            )
            raise EditError(message, self.shown) from None
        if now != self.data:
            raise EditError(
                _(
                    "{file} changed on disk since uzit read it; nothing was written (run the "
                    "command again)"
                ).format(file=self.shown),
                self.shown,
            )
        with replacing(self.path, force=True) as temporary:
            temporary.write_bytes(data)
