"""Typed, immutable records of a registry (format version 1, see docs/registry-format.md).

Every field name here is the registry's own, so machine output and the file speak one language.
Year-keyed mappings are read-only views keyed by int year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal

SUPPORTED_SCHEMAS = (1,)
PUBLISHED_METRICS = ("residents", "exporting_to_japan", "jobs_created")
TARGET_METRICS = ("residents", "japan_it_shortage")


_NONE: Mapping[int, Any] = MappingProxyType({})  # read-only, so every record can share it


def _no_years() -> Mapping[int, int]:
    return _NONE


def _no_amounts() -> Mapping[int, float]:
    return _NONE


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str | None = None
    published: dt.date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """An aggregate stated by a source, which the tool recomputes and compares."""

    metric: str
    value: int
    source: str
    year: int | None = None
    as_of: dt.date | None = None  # the day it describes (default: its source's published date)
    # Where the figure stands in the file, so a mismatch can be reported as PATH:LINE:COL.
    line: int = field(default=1, compare=False, repr=False)
    column: int = field(default=1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Target:
    """A stated goal: either `factor` by year `by`, or an absolute `value` in `year`."""

    metric: str
    source: str
    factor: float | None = None
    by: int | None = None
    value: int | None = None
    year: int | None = None
    note: str | None = None


def last_complete_year(as_of: dt.date) -> int:
    """L: the last calendar year that had ended by `as_of` (its own year on 31 December)."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


@dataclass(frozen=True, slots=True)
class RegistryInfo:
    title: str
    as_of: dt.date
    illustrative: bool = False
    sources: tuple[Source, ...] = ()
    published: tuple[PublishedFigure, ...] = ()
    targets: tuple[Target, ...] = ()

    @property
    def last_complete_year(self) -> int:
        return last_complete_year(self.as_of)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def target(self, metric: str) -> Target | None:
        return next((t for t in self.targets if t.metric == metric), None)


#: How an output format shows a value: shared by the record fields below and by the output layer.
Kind = Literal["text", "int", "number", "share", "bool", "date", "list", "years"]


@dataclass(frozen=True)
class FieldSpec:
    """What uzit knows of one resident field, declared once beside the field itself.

    `reads` names the loader's reader for the value (`READS` in registry/specs.py); `kind` is
    how the output layer shows it and how it sorts (text ignoring case, lists item by item, year
    maps by their total); `label` is its name for people (table headings, `show`); `position`, when
    set, places it among the default columns of `uzit list`; `doc` is its line in the format's
    field table (docs/registry-format.md, checked by a test). `priority` ranks the default
    columns a narrow table leaves out, the highest number first; 1 (the name) is never left out,
    only shortened, and None (the id) never even that.
    """

    label: str
    reads: str
    kind: Kind
    doc: str
    position: int | None = None
    short_label: str | None = None
    # A year-keyed field's columns in CSV, TSV and spreadsheets, one per year: their name
    # prefix (`jobs` for jobs_2024), the kind of their values, and their heading for people.
    per_year: tuple[str, Kind, str] | None = None
    priority: int | None = None


def _described(spec: FieldSpec, **default: Any) -> Any:
    """A dataclass field carrying its FieldSpec; required exactly when it has no default."""
    return field(metadata={"uzit": spec}, **default)


# Keyword-only, so the fields stand in the registry format's order, required or not.
@dataclass(frozen=True, slots=True, kw_only=True)
class Resident:
    id: str = _described(
        FieldSpec("ID", "slug", "text", "slug, ≤ 64 characters, unique among residents", 1)
    )
    name: str = _described(
        FieldSpec(
            "Name",
            "name",
            "text",
            "text, 1–200 characters, no leading `=` `+` `-` `@`",
            2,
            priority=1,
        )
    )
    name_ja: str | None = _described(
        FieldSpec("Japanese name", "guarded_text", "text", "text, no leading `=` `+` `-` `@`"),
        default=None,
    )
    joined: dt.date = _described(
        FieldSpec("Joined", "date", "date", "date, not after `as_of`", 5, priority=6)
    )
    city: str = _described(
        FieldSpec("City", "guarded_text", "text", "text, no leading `=` `+` `-` `@`", 3, priority=3)
    )
    sectors: tuple[str, ...] = _described(
        FieldSpec(
            "Sectors", "sectors", "list", "list of slugs, at least one, no repeats", 4, priority=5
        )
    )
    exports_to_japan: bool = _described(
        FieldSpec(
            "Exports to Japan", "boolean", "bool", "boolean", 6, short_label="To JP", priority=4
        )
    )
    export_markets: tuple[str, ...] | None = _described(
        FieldSpec(
            "Export markets",
            "countries",
            "list",
            "list of country codes, no repeats; `JP` exactly when `exports_to_japan`",
        ),
        default=None,
    )
    headcount: int | None = _described(
        FieldSpec("Headcount", "integer", "int", "whole number ≥ 0", 8, priority=7), default=None
    )
    jobs_created: Mapping[int, int] = _described(
        FieldSpec(
            "Jobs created",
            "jobs",
            "years",
            "mapping year → whole number ≥ 0",
            per_year=("jobs", "int", "Jobs {year}"),
        ),
        default_factory=_no_years,
    )
    export_revenue_usd: Mapping[int, float] = _described(
        FieldSpec(
            "Export revenue, USD",
            "revenue",
            "years",
            "mapping year → number ≥ 0",
            per_year=("export_revenue_usd", "number", "Export revenue {year}, USD"),
        ),
        default_factory=_no_amounts,
    )
    website: str | None = _described(
        FieldSpec("Website", "url", "text", "URL (`http` or `https`)"), default=None
    )
    sources: tuple[str, ...] = _described(
        FieldSpec("Sources", "source_refs", "list", "list of source ids from `registry.sources`"),
        default=(),
    )
    note: str | None = _described(
        FieldSpec("Note", "note", "text", "text, may span lines"), default=None
    )
    # Where the record starts in its file, for messages about it (not a field of the format).
    line: int = field(default=1, compare=False, repr=False)
    column: int = field(default=1, compare=False, repr=False)


def record_fields(record: type[Any]) -> tuple[str, ...]:
    """A record's fields of the format, in order: not where it stands in its file (`line`,
    `column`), which equality leaves out too."""
    return tuple(item.name for item in fields(record) if item.compare)


@dataclass(frozen=True)
class ResidentField:
    """A field of `Resident` with its spec: what the loader, the output and the docs read."""

    name: str
    required: bool
    spec: FieldSpec


#: Every resident field, in the registry format's order, derived from `Resident` itself.
RESIDENT_FIELDS: tuple[ResidentField, ...] = tuple(
    ResidentField(
        name=item.name,
        required=item.default is MISSING and item.default_factory is MISSING,
        spec=item.metadata["uzit"],
    )
    for item in fields(Resident)
    if "uzit" in item.metadata
)


#: List fields whose empty list is a value, not the field left out: those that default to None
#: (`export_markets: []` says "exports to no market"; a resident without `sources` has the
#: empty tuple, its default). Output keeps such an empty list; a workbook cell shows it `[]`.
EMPTY_IS_A_VALUE: frozenset[str] = frozenset(
    item.name
    for item in fields(Resident)
    if "uzit" in item.metadata and item.metadata["uzit"].kind == "list" and item.default is None
)


@dataclass(frozen=True, slots=True)
class Registry:
    schema: int
    info: RegistryInfo
    residents: tuple[Resident, ...]

    @property
    def base_year(self) -> int:
        return self.info.as_of.year
