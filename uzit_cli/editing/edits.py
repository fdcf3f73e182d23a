"""The edits themselves, on the round-trip tree of a registry: residents, the header, sources.

Every edit changes only the keys it names. A new key goes where the format orders it among
the keys already there; a new list or year map is written in flow style (`[a, b]`, `{2025: 14}`),
as the format's example writes them; text that YAML would read as something else (`yes`, `1e3`)
is quoted. Nothing here validates: `RegistryDocument.check()` does, with the project's loader.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import ScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from uzit_cli.editing.values import TypedPlain, yaml_value, year_key
from uzit_cli.language import N_, _
from uzit_cli.problems import UzitError
from uzit_cli.registry.rules import JAPAN
from uzit_cli.registry.specs import INFO, RESIDENT, SOURCE
from uzit_cli.registry.yamlnodes import STR, resolve_plain
from uzit_cli.words import did_you_mean, suggested_ids

RESIDENT_ORDER = tuple(k.name for k in RESIDENT.keys)
SOURCE_ORDER = tuple(k.name for k in SOURCE.keys)
HEADER_ORDER = tuple(k.name for k in INFO.keys)
#: Fields whose value is a year map: a step after them is a year (`jobs_created.2025`).
YEAR_MAPS = ("jobs_created", "export_revenue_usd")
#: Where a registry cites a source by id, besides a resident's `sources`: its figures.
CITING_LISTS = ("published", "targets", "context")


Edit = TypeVar("Edit", bound=Callable[..., Any])


class EditError(UzitError):
    """An edit that cannot be made as asked (no such resident, a source still cited, the file
    changed since it was read): one line, exit status 1. `file` is set once the message names
    the registry file it is about (`my.yaml: no resident has the id 'x'`)."""

    def __init__(self, message: str, file: str | None = None) -> None:
        super().__init__(message)
        self.file = file

    def about(self, file: str | None) -> EditError:
        """This error, its message beginning with `file` (the registry as shown) unless it
        names one already."""
        if self.file is not None or file is None:
            return self
        return EditError(_("{file}: {message}").format(file=file, message=self), file)


def names_the_file(method: Edit) -> Edit:
    """A method whose EditError names the document's file (`Edits.shown`)."""

    @functools.wraps(method)
    def located(self: Edits, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except EditError as error:
            raise error.about(self.shown) from None

    return cast(Edit, located)


def _edit(method: Edit) -> Edit:
    """An edit: the document's text is written out afresh the next time it is asked for; its
    EditError names the file."""

    @functools.wraps(method)
    def edit(self: Edits, *args: Any, **kwargs: Any) -> Any:
        self.edited()
        return method(self, *args, **kwargs)

    return names_the_file(cast(Edit, edit))


class Edits:
    """The edits of `RegistryDocument`, on its round-trip tree `self.tree`."""

    tree: Any
    #: The file as messages name it; None: errors name no file.
    shown: str | None = None

    def edited(self) -> None:
        """Called before each edit below changes `tree`; call it before changing `tree` by
        hand, too (see RegistryDocument.edited)."""

    # -- residents -------------------------------------------------------------------------

    @property
    def residents(self) -> CommentedSeq:
        residents: CommentedSeq = self.tree["residents"]
        return residents

    def resident_ids(self) -> list[str]:
        return [str(item.get("id")) for item in self.residents if isinstance(item, Mapping)]

    @names_the_file
    def resident(self, resident_id: str) -> CommentedMap:
        """The resident with this id; EditError naming the closest ids when there is none."""
        return _with_id(
            self.residents,
            resident_id,
            ("name", "name_ja"),
            N_("no resident has the id {id}; `uzit list` shows the ids"),
            N_("no resident has the id {id} (did you mean {ids}?)"),
        )

    @_edit
    def set_field(self, resident_id: str, field: str, value: Any, op: str = "=") -> None:
        """Set a resident's field: `field` may name a year (`jobs_created.2025`); `op` `+=` adds
        items to a list and `-=` takes them out."""
        _set(self.resident(resident_id), field, value, op, RESIDENT_ORDER)

    @_edit
    def unset_field(self, resident_id: str, field: str) -> bool:
        """Leave a field (or one year of a year map) out of a resident; False when it has none
        (nothing to do)."""
        what = _("resident {id}").format(id=repr(resident_id))
        return _unset(self.resident(resident_id), field, what, RESIDENT_ORDER)

    @_edit
    def add_resident(self, record: Mapping[str, Any]) -> None:
        """Add a resident at the end, its keys in the format's order (None values left out).
        One that exports to Japan and names no markets gets `export_markets: [JP]` (`uzit add`
        and `uzit import --merge` alike)."""
        if record.get("exports_to_japan") is True and record.get("export_markets") is None:
            record = {**record, "export_markets": [JAPAN]}
        resident_id = record.get("id")
        if resident_id in self.resident_ids():
            raise EditError(
                _("a resident with the id {id} already exists").format(id=repr(resident_id))
            )
        _append(self.residents, _record(record, RESIDENT_ORDER))

    @_edit
    def remove_resident(self, resident_id: str, *, force: bool = False) -> None:
        """Remove a resident; refused while anything in the registry refers to it, unless
        `force`. (Format 1 has no field that refers to a resident, so today none does.)"""
        resident = self.resident(resident_id)
        cited = self.resident_references(resident_id)
        if cited and not force:
            raise EditError(
                _("{places} refer to {id}; use --force to remove it anyway").format(
                    places=", ".join(cited), id=repr(resident_id)
                )
            )
        _remove(self.tree, "residents", resident)

    @_edit
    def rename_resident(self, old: str, new: str) -> None:
        """Give a resident a new id, and every reference to it (format 1 has none besides)."""
        resident = self.resident(old)
        if new != old and new in self.resident_ids():
            raise EditError(_("a resident with the id {id} already exists").format(id=repr(new)))
        _set(resident, "id", new, "=", RESIDENT_ORDER)

    @names_the_file
    def resident_references(self, resident_id: str) -> list[str]:
        """Key paths of the values that refer to a resident by id: none in format 1."""
        return []

    # -- the registry header ---------------------------------------------------------------

    @property
    def header(self) -> CommentedMap:
        header: CommentedMap = self.tree["registry"]
        return header

    @_edit
    def set_header(self, field: str, value: Any) -> None:
        """Set `registry.FIELD` (title, as_of, illustrative)."""
        _set(self.header, field, value, "=", HEADER_ORDER)

    @_edit
    def unset_header(self, field: str) -> bool:
        return _unset(self.header, field, _("registry"), HEADER_ORDER)

    # -- sources ---------------------------------------------------------------------------

    def source_ids(self) -> list[str]:
        sources = self.header.get("sources") or []
        return [str(item.get("id")) for item in sources if isinstance(item, Mapping)]

    @names_the_file
    def source(self, source_id: str) -> CommentedMap:
        return _with_id(
            self.header.get("sources") or [],
            source_id,
            ("publisher",),
            N_("no source has the id {id}; `uzit sources` shows the ids"),
            N_("no source has the id {id} (did you mean {ids}?)"),
        )

    @_edit
    def add_source(self, record: Mapping[str, Any]) -> None:
        """Add a source at the end of `registry.sources` (made when there is none)."""
        if record.get("id") in self.source_ids():
            raise EditError(
                _("a source with the id {id} already exists").format(id=repr(record.get("id")))
            )
        sources = self.header.get("sources")
        if sources is None:
            _insert(self.header, "sources", CommentedSeq(), HEADER_ORDER)
            sources = self.header["sources"]
        _append(sources, _record(record, SOURCE_ORDER))

    @_edit
    def set_source_field(self, source_id: str, field: str, value: Any) -> None:
        _set(self.source(source_id), field, value, "=", SOURCE_ORDER)

    @_edit
    def unset_source_field(self, source_id: str, field: str) -> bool:
        what = _("source {id}").format(id=repr(source_id))
        return _unset(self.source(source_id), field, what, SOURCE_ORDER)

    @names_the_file
    def citations(self, source_id: str) -> list[str]:
        """Where the registry cites a source: `residents[3].sources`, `registry.targets[0]`…"""
        found = [
            f"residents[{index}].sources ({item.get('id')})"
            for index, item in enumerate(self.residents)
            if isinstance(item, Mapping) and source_id in (item.get("sources") or [])
        ]
        for name in CITING_LISTS:
            for index, item in enumerate(self.header.get(name) or []):
                if isinstance(item, Mapping) and item.get("source") == source_id:
                    found.append(f"registry.{name}[{index}]")
        return found

    @_edit
    def remove_source(self, source_id: str) -> None:
        """Remove a source; refused while the registry cites it."""
        source = self.source(source_id)
        cited = self.citations(source_id)
        if cited:
            places = ", ".join(cited[:3])
            if len(cited) > 3:
                places = _("{places} and {count} more").format(places=places, count=len(cited) - 3)
            raise EditError(
                _(
                    "source {id} is cited by {places}; remove those citations first, or rename "
                    "the source"
                ).format(id=repr(source_id), places=places)
            )
        _remove(self.header, "sources", source)
        if not self.header["sources"]:
            del self.header["sources"]

    @_edit
    def rename_source(self, old: str, new: str) -> None:
        """Give a source a new id, and every citation of it."""
        source = self.source(old)
        if new != old and new in self.source_ids():
            raise EditError(_("a source with the id {id} already exists").format(id=repr(new)))
        _set(source, "id", new, "=", SOURCE_ORDER)
        for item in self.residents:
            cited = item.get("sources") if isinstance(item, Mapping) else None
            if cited and old in cited:
                cited[list(cited).index(old)] = _scalar(new)
        for name in CITING_LISTS:
            for item in self.header.get(name) or []:
                if isinstance(item, CommentedMap) and item.get("source") == old:
                    item["source"] = _scalar(new)


def set_key(mapping: CommentedMap, field: str, value: Any, op: str, order: Sequence[str]) -> None:
    """Set one key of a record (see `Edits.set_field`)."""
    _set(mapping, field, value, op, order)


def unset_key(mapping: CommentedMap, field: str, what: str, order: Sequence[str]) -> bool:
    """Leave one key out of a record (see `Edits.unset_field`); False when it is not there."""
    return _unset(mapping, field, what, order)


# -- changing one mapping -------------------------------------------------------------------


def _set(mapping: CommentedMap, field: str, value: Any, op: str, order: Sequence[str]) -> None:
    name, _dot, rest = field.partition(".")
    if rest:
        if name not in YEAR_MAPS:
            raise EditError(
                _("{field} has no parts to set; only {fields} take a year").format(
                    field=name, fields=", ".join(YEAR_MAPS)
                )
            )
        years = mapping.get(name)
        if years is None:
            years = _flow(CommentedMap())
            _insert(mapping, name, years, order)
        key: Any = year_key(rest)
        if any(isinstance(k, str) for k in years):  # written with quoted years: the same way
            key = str(key)
        if op != "=":
            raise EditError(
                _("{op} works on lists; set a year with {field}=VALUE").format(op=op, field=field)
            )
        if key in years:
            years[key] = _value(value, years[key])
        else:
            place = sum(1 for k in years if int(k) < int(key))
            years.insert(place, key, _value(value))
        return
    if op == "=":
        if name in mapping:
            mapping[name] = _value(value, mapping[name])
        else:
            _insert(mapping, name, _value(value), order)
        return
    items = value if isinstance(value, list) else [value]
    current = mapping.get(name)
    if current is not None and not isinstance(current, list):
        raise EditError(
            _("{field} is not a list; {op} adds to or takes from a list").format(field=name, op=op)
        )
    if op == "+=":
        if current is None:
            _insert(mapping, name, _value(list(items)), order)
            return
        for item in items:
            if item not in current:
                current.append(_scalar(item))
        return
    missing = [item for item in items if current is None or item not in current]
    if current is None or missing:
        raise EditError(
            _("{items} not in {field}; nothing to take out").format(
                items=", ".join(map(str, missing)), field=name
            )
        )
    for item in items:
        current.remove(item)
    if not current:
        del mapping[name]


def _unset(mapping: CommentedMap, field: str, what: str, order: Sequence[str]) -> bool:
    """Leave `field` out of `mapping`: False when it is not there (nothing to do, as `set` of
    the value a field has); an error when the format has no such field, so that a misspelt
    name is not taken for one left out already."""
    name, _dot, rest = field.partition(".")
    if name not in order or (rest and name not in YEAR_MAPS):
        if name not in order:
            hint = did_you_mean(name, order, otherwise="")
            raise EditError(
                _("{what} cannot have {field}: the format has no such field{hint}").format(
                    what=what, field=field, hint=hint
                )
            )
        raise EditError(_("{what} has no {field}").format(what=what, field=field))
    if rest:
        years = mapping.get(name)
        for key in (year_key(rest), rest) if isinstance(years, Mapping) else ():
            if key in years:
                del years[key]
                if not years:
                    del mapping[name]
                return True
        return False
    if name in mapping:
        del mapping[name]
        return True
    return False


def _insert(mapping: CommentedMap, name: str, value: Any, order: Sequence[str]) -> None:
    """Put a new key where the format orders it among the keys already there; a key the
    format does not know goes last (the loader then names the closest known one)."""
    rank = {key: index for index, key in enumerate(order)}
    mine = rank.get(name, len(order))
    keys = list(mapping)
    place = sum(1 for key in keys if rank.get(key, len(order)) <= mine)
    if place == len(keys) and keys:  # after the last key: what followed it follows the new one
        _move_trailing_comment(mapping, keys[-1], name)
    mapping.insert(place, name, value)


def _move_trailing_comment(mapping: CommentedMap, old: Any, new: Any) -> None:
    """Comment lines and blank lines after a mapping's last value stand before whatever follows
    it: they move to the key appended after it. A comment at the end of the old last line
    stays there."""
    moved = _take_trailing(mapping, old)
    if moved is not None:
        mapping.ca.items[new] = [None, None, moved, None]


def _take_trailing(mapping: CommentedMap, key: Any) -> Any:
    """The comment lines after `key`'s line (as a token that starts with that line's end),
    taken from it; None when there are none."""
    holder = mapping.ca.items.get(key)
    token = holder[2] if holder is not None and len(holder) > 2 else None
    if token is None:
        return None
    own, _break, rest = token.value.partition("\n")
    if not rest:
        return None
    kept = copy.copy(token)
    kept.value = own + "\n"
    holder[2] = kept
    return _comment("\n" + rest)


def _comment(text: str) -> Any:
    """Comment lines as ruamel.yaml holds them: a token at column 0."""
    return CommentToken(text, CommentMark(0), None)


def _give_trailing(mapping: CommentedMap, moved: Any) -> None:
    """Put comment lines (from `_take_trailing`) after a mapping's last line."""
    key = list(mapping)[-1]
    holder = mapping.ca.items.setdefault(key, [None, None, None, None])
    if holder[2] is None:
        holder[2] = moved
    else:
        holder[2] = _comment(holder[2].value.rstrip("\n") + moved.value)


def _append(sequence: CommentedSeq, item: CommentedMap) -> None:
    """Add an item at the end of a block list, after the comments that end the last one."""
    if len(sequence) and isinstance(sequence[-1], CommentedMap) and len(sequence[-1]) and len(item):
        moved = _take_trailing(sequence[-1], list(sequence[-1])[-1])
        if moved is not None:
            _give_trailing(item, moved)
    sequence.append(item)


def _remove(parent: CommentedMap, name: str, item: Any) -> None:
    """Take an item out of the list `parent[name]`, keeping the comments that follow it (they
    stand before the next item): they go after the item before it, or after `name:`."""
    sequence = parent[name]
    index = next(i for i, each in enumerate(sequence) if each is item)
    moved = None
    if isinstance(item, CommentedMap) and len(item):
        moved = _take_trailing(item, list(item)[-1])
    if moved is not None and index and isinstance(sequence[index - 1], CommentedMap):
        _give_trailing(sequence[index - 1], moved)
    elif moved is not None:
        holder = parent.ca.items.setdefault(name, [None, None, None, None])
        holder[3] = [_comment(moved.value.lstrip("\n"))]
        if sequence.ca.comment:  # ruamel.yaml keeps the same comment here too
            sequence.ca.comment[1] = holder[3]
    del sequence[index]


def _record(record: Mapping[str, Any], order: Sequence[str]) -> CommentedMap:
    """A new record as a block mapping, its keys in the format's order."""
    rank = {key: index for index, key in enumerate(order)}
    made = CommentedMap()
    for name in sorted(record, key=lambda key: rank.get(key, len(order))):
        if record[name] is not None:
            made[name] = _value(record[name])
    return made


def _flow(collection: Any) -> Any:
    collection.fa.set_flow_style()
    return collection


def _value(value: Any, old: Any = None) -> Any:
    """A value as the round-trip tree holds it: lists and year maps in flow style (in block
    style where the old value was), text quoted where YAML would read it as something else, or
    as the old value was quoted."""
    made: Any = None
    if isinstance(value, Mapping):
        made = _flow(CommentedMap((key, _value(item)) for key, item in value.items()))
    elif isinstance(value, (list, tuple)):
        made = _flow(CommentedSeq(_value(item) for item in value))
    if made is not None:
        if isinstance(old, (CommentedMap, CommentedSeq)) and old.fa.flow_style() is False:
            made.fa.set_block_style()  # a list written as a block stays one
        return made
    if isinstance(value, str) and isinstance(old, ScalarString):
        return type(old)(value)
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if not isinstance(value, str) or isinstance(value, (ScalarString, TypedPlain)):
        return value
    if yaml_value(value) != value or resolve_plain(value) != STR or "\n" in value:
        return SingleQuotedScalarString(value) if "\n" not in value else value
    return value


def _with_id(
    items: Iterable[Any], wanted: str, names: tuple[str, ...], none_close: str, close: str
) -> CommentedMap:
    """The record of `items` whose id is `wanted`; else the error of _not_found, suggesting ids
    by the record's id and `names`."""
    listed = list(items)
    for item in listed:
        if isinstance(item, CommentedMap) and item.get("id") == wanted:
            return item
    records = [
        (str(item.get("id")), *(str(item.get(name) or "") for name in names))
        for item in listed
        if isinstance(item, Mapping)
    ]
    raise _not_found(wanted, records, none_close, close)


def _not_found(
    wanted: str, records: Iterable[tuple[str, ...]], none_close: str, close: str
) -> EditError:
    """The error for an id no record has: `close` with the ids `uzit show` would suggest (the
    closest spelling, then ids and names containing the text), else `none_close`."""
    near = suggested_ids(wanted, records)
    if not near:
        return EditError(_(none_close).format(id=repr(wanted)))
    return EditError(_(close).format(id=repr(wanted), ids=", ".join(near)))
