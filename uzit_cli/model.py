"""Typed, immutable records of a registry (format version 1, see docs/registry-format.md).

Every field name here is the registry's own, so machine output and the file speak one language.
Year-keyed mappings are read-only views keyed by int year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from uzit_cli.language import N_, Np_

SUPPORTED_SCHEMAS = (1,)
PUBLISHED_METRICS = ("residents", "exporting_to_japan", "jobs_created")
TARGET_METRICS = ("residents", "japan_it_shortage")
#: `registry.context`: figures about IT Park as a whole, beside which `stats` sets the registry.
CONTEXT_METRICS = ("foreign_capital_residents", "exporting_residents", "residents")


_NONE: Mapping[int, Any] = MappingProxyType({})  # read-only, so every record can share it


def _no_years() -> Mapping[int, int]:
    return _NONE


def _no_amounts() -> Mapping[int, float]:
    return _NONE


#: How an output format shows a value: shared by the record fields below and by the output layer.
Kind = Literal["text", "int", "number", "share", "bool", "date", "list", "years"]


class FieldSpec:
    """What uzit knows of one resident field, declared once beside the field itself.

    Sources, published figures and targets declare their fields the same way.

    `reads` names the loader's reader for the value (`READS` in registry/specs.py); `kind` is
    how the output layer shows it and how it sorts (text ignoring case, lists item by item, year
    maps by their total); `label` is its name for people (table headings, `show`); `position`, when
    set, places it among the default columns of `uzit list`; `doc` is its line in the format's
    field table (docs/registry-format.md, checked by a test). `priority` ranks the default
    columns a narrow table leaves out, the highest number first; 1 (the name) is never left out,
    only shortened, and None (the id) never even that.
    """

    # A plain class, not a dataclass: one is declared per field, never compared, and a
    # dataclass costs a compilation of its methods at every start-up.
    __slots__ = (
        "doc",
        "kind",
        "label",
        "per_year",
        "position",
        "priority",
        "reads",
        "required_doc",
        "short_label",
        "unknown_left_out",
        "whole",
    )

    def __init__(
        self,
        label: str,
        reads: str,
        kind: Kind,
        doc: str,
        position: int | None = None,
        short_label: str | None = None,
        # A year-keyed field's columns in CSV, TSV and spreadsheets, one per year: their name
        # prefix (`jobs` for jobs_2024), the kind of their values, and their heading for people.
        per_year: tuple[str, Kind, str] | None = None,
        priority: int | None = None,
        # Shown whole in tables, never cut with `…` nor broken across lines (URLs, ids, a city):
        # a value cut short is no value. (A URL on a page may break after a `/` of its path.)
        whole: bool = False,
        # An optional key whose value, when not known, is written by leaving the key out (so a
        # message may say so); False for a key its record's other keys need (a target's
        # `factor`).
        unknown_left_out: bool = True,
        # The "required" cell of the docs' table when it is neither yes nor no ("with `by`").
        required_doc: str | None = None,
    ) -> None:
        self.label, self.reads, self.kind, self.doc = label, reads, kind, doc
        self.position, self.short_label, self.per_year = position, short_label, per_year
        self.priority, self.whole, self.unknown_left_out = priority, whole, unknown_left_out
        self.required_doc = required_doc


def _described(spec: FieldSpec, **default: Any) -> Any:
    """A dataclass field carrying its FieldSpec; required exactly when it has no default."""
    return field(metadata={"uzit": spec}, **default)


_SOURCE_ID = N_("id of a source in `registry.sources`")
_GUARDED = N_("text, no leading `=` `+` `-` `@`")
_NOTE = N_("text, may span lines")


def _listed(values: tuple[str, ...], between: str) -> str:
    return between.join(f"`{value}`" for value in values)


@dataclass(frozen=True, slots=True)
class Source:
    """A document the registry cites."""

    id: str = _described(
        FieldSpec(Np_("field", "ID"), "slug", "text", "slug, unique among the sources", whole=True)
    )
    title: str = _described(FieldSpec(Np_("field", "Title"), "guarded_text", "text", _GUARDED))
    publisher: str = _described(
        FieldSpec(Np_("field", "Publisher"), "guarded_text", "text", _GUARDED)
    )
    url: str | None = _described(
        FieldSpec(Np_("field", "URL"), "url", "text", "URL (`http` or `https`)", whole=True),
        default=None,
    )
    published: dt.date | None = _described(
        FieldSpec(Np_("field", "Published"), "date", "date", "date"), default=None
    )
    note: str | None = _described(
        FieldSpec(Np_("field", "Note"), "note", "text", _NOTE), default=None
    )


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """A total stated by a source, which uzit recomputes from the records."""

    # The keys in the format's order (the fields stand in the order positional use needs).
    FORMAT_ORDER: ClassVar[tuple[str, ...]] = ("metric", "value", "year", "source", "as_of")

    metric: str = _described(
        FieldSpec(
            Np_("field", "Metric"),
            "published_metric",
            "text",
            "one of " + _listed(PUBLISHED_METRICS, ", "),
        )
    )
    value: int = _described(
        FieldSpec(Np_("field", "Published"), "integer", "int", "whole number ≥ 0")
    )
    source: str = _described(
        FieldSpec(Np_("field", "Source"), "source_id", "text", _SOURCE_ID, whole=True)
    )
    # a jobs figure needs its year, and as_of has a meaning when left out
    year: int | None = _described(
        FieldSpec(
            Np_("field", "Year"),
            "year",
            "int",
            "year (only for `jobs_created`; elsewhere a warning)",
            unknown_left_out=False,
            required_doc="for `jobs_created`",
        ),
        default=None,
    )
    as_of: dt.date | None = _described(  # the day it describes (default: its source's date)
        FieldSpec(
            Np_("field", "As of"),
            "date",
            "date",
            "date: the day the figure describes",
            unknown_left_out=False,
        ),
        default=None,
    )
    # Where the figure stands in the file, so a mismatch can be reported as PATH:LINE:COL.
    line: int = field(default=1, compare=False, repr=False)
    column: int = field(default=1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ContextFigure:
    """A figure about IT Park as a whole (all its residents, say), for scale: never checked
    against the records, which are only the Japanese-capital ones."""

    metric: str = _described(
        FieldSpec(
            Np_("field", "Metric"),
            "context_metric",
            "text",
            "one of " + _listed(CONTEXT_METRICS, ", "),
        )
    )
    value: int = _described(FieldSpec(Np_("field", "Value"), "integer", "int", "whole number ≥ 0"))
    as_of: dt.date = _described(
        FieldSpec(Np_("field", "As of"), "date", "date", "date: the day the figure describes")
    )
    source: str = _described(
        FieldSpec(Np_("field", "Source"), "source_id", "text", _SOURCE_ID, whole=True)
    )
    note: str | None = _described(
        FieldSpec(Np_("field", "Note"), "note", "text", _NOTE), default=None
    )


@dataclass(frozen=True, slots=True)
class Target:
    """A stated goal: factor with by, or value with year."""

    FORMAT_ORDER: ClassVar[tuple[str, ...]] = (
        "metric",
        "factor",
        "by",
        "value",
        "year",
        "source",
        "note",
    )

    metric: str = _described(
        FieldSpec(Np_("field", "Metric"), "target_metric", "text", _listed(TARGET_METRICS, " or "))
    )
    source: str = _described(
        FieldSpec(Np_("field", "Source"), "source_id", "text", _SOURCE_ID, whole=True)
    )
    # optional one by one, but a target needs one pair of them (rules.target_has_one_shape)
    factor: float | None = _described(
        FieldSpec(
            Np_("field", "Factor"),
            "factor",
            "number",
            "number > 1",
            unknown_left_out=False,
            required_doc="with `by`",
        ),
        default=None,
    )
    by: int | None = _described(
        FieldSpec(
            Np_("field", "By"),
            "year",
            "int",
            "year",
            unknown_left_out=False,
            required_doc="with `factor`",
        ),
        default=None,
    )
    value: int | None = _described(
        FieldSpec(
            Np_("field", "Value"),
            "integer",
            "int",
            "whole number ≥ 0",
            unknown_left_out=False,
            required_doc="with `year`",
        ),
        default=None,
    )
    year: int | None = _described(
        FieldSpec(
            Np_("field", "Year"),
            "year",
            "int",
            "year",
            unknown_left_out=False,
            required_doc="with `value`",
        ),
        default=None,
    )
    note: str | None = _described(
        FieldSpec(Np_("field", "Note"), "note", "text", _NOTE), default=None
    )


def last_complete_year(as_of: dt.date) -> int:
    """L: the last calendar year that had ended by `as_of` (its own year on 31 December)."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


#: The notice of a registry marked `illustrative` (tables, Markdown, the page, the workbook's
#: About sheet). True of any such registry: whether its records reproduce published figures is
#: what `uzit stats` checks and says.
ILLUSTRATIVE_NOTICE = N_(
    "Illustrative data: the company records are stand-ins, not real companies."
)


@dataclass(frozen=True, slots=True)
class RegistryInfo:
    title: str
    as_of: dt.date
    illustrative: bool = False
    sources: tuple[Source, ...] = ()
    published: tuple[PublishedFigure, ...] = ()
    targets: tuple[Target, ...] = ()
    context: tuple[ContextFigure, ...] = ()

    @property
    def last_complete_year(self) -> int:
        return last_complete_year(self.as_of)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def target(self, metric: str) -> Target | None:
        """The target of `metric` that is used: the one with the latest year (`by`, else
        `year`); of two with the same year, the first in the file (projection spec)."""
        found = [t for t in self.targets if t.metric == metric]
        return max(found, key=lambda t: t.by or t.year or 0, default=None)

    def other_targets(self, metric: str) -> list[Target]:
        """The targets of `metric` that `target(metric)` does not use, in file order."""
        used = self.target(metric)
        return [t for t in self.targets if t.metric == metric and t is not used]


# Keyword-only, so the fields stand in the registry format's order, required or not.
@dataclass(frozen=True, slots=True, kw_only=True)
class Resident:
    id: str = _described(
        FieldSpec(
            Np_("field", "ID"),
            "slug",
            "text",
            N_("slug, ≤ 64 characters, unique among residents"),
            1,
            whole=True,
        )
    )
    name: str = _described(
        FieldSpec(
            Np_("field", "Name"),
            "name",
            "text",
            N_("text, 1–200 characters, no leading `=` `+` `-` `@`"),
            2,
            priority=1,
        )
    )
    name_ja: str | None = _described(
        FieldSpec(
            Np_("field", "Japanese name"),
            "guarded_text",
            "text",
            N_("text, no leading `=` `+` `-` `@`"),
        ),
        default=None,
    )
    joined: dt.date = _described(
        FieldSpec(
            Np_("field", "Joined"), "date", "date", N_("date, not after `as_of`"), 5, priority=6
        )
    )
    city: str = _described(
        FieldSpec(
            Np_("field", "City"),
            "guarded_text",
            "text",
            N_("text, no leading `=` `+` `-` `@`"),
            3,
            priority=3,
            whole=True,  # a place's name, short: `Samar…` or `サマルカン⏎ド` is no city
        )
    )
    sectors: tuple[str, ...] = _described(
        FieldSpec(
            Np_("field", "Sectors"),
            "sectors",
            "list",
            N_("list of slugs, at least one, no repeats"),
            4,
            priority=5,
        )
    )
    exports_to_japan: bool = _described(
        FieldSpec(
            Np_("field", "Exports to Japan"),
            "boolean",
            "bool",
            N_("boolean"),
            6,
            short_label=Np_("field", "To JP"),
            priority=4,
        )
    )
    export_markets: tuple[str, ...] | None = _described(
        FieldSpec(
            Np_("field", "Export markets"),
            "countries",
            "list",
            N_("list of country codes, no repeats; `JP` exactly when `exports_to_japan`"),
        ),
        default=None,
    )
    headcount: int | None = _described(
        FieldSpec(
            Np_("field", "Headcount"), "integer", "int", N_("whole number ≥ 0"), 8, priority=7
        ),
        default=None,
    )
    jobs_created: Mapping[int, int] = _described(
        FieldSpec(
            Np_("field", "Jobs created"),
            "jobs",
            "years",
            N_("mapping year → whole number ≥ 0"),
            per_year=("jobs", "int", Np_("field", "Jobs {year}")),
        ),
        default_factory=_no_years,
    )
    export_revenue_usd: Mapping[int, float] = _described(
        FieldSpec(
            Np_("field", "Export revenue, USD"),
            "revenue",
            "years",
            N_("mapping year → number ≥ 0"),
            per_year=("export_revenue_usd", "number", Np_("field", "Export revenue {year}, USD")),
        ),
        default_factory=_no_amounts,
    )
    website: str | None = _described(
        FieldSpec(
            Np_("field", "Website"), "url", "text", N_("URL (`http` or `https`)"), whole=True
        ),
        default=None,
    )
    sources: tuple[str, ...] = _described(
        FieldSpec(
            Np_("field", "Sources"),
            "source_refs",
            "list",
            N_("list of source ids from `registry.sources`"),
        ),
        default=(),
    )
    note: str | None = _described(
        FieldSpec(Np_("field", "Note"), "note", "text", N_("text, may span lines")), default=None
    )
    # Where the record starts in its file, for messages about it (not a field of the format).
    line: int = field(default=1, compare=False, repr=False)
    column: int = field(default=1, compare=False, repr=False)


def record_fields(record: type[Any]) -> tuple[str, ...]:
    """A record's fields of the format, in order: not where it stands in its file (`line`,
    `column`), which equality leaves out too."""
    return tuple(item.name for item in fields(record) if item.compare)


class ResidentField:
    """A field of a record (`Resident`, `Source`, ...) with its spec: what the loader, the
    schema, the output and the docs read. (A plain class, as FieldSpec is.)"""

    __slots__ = ("name", "required", "spec")

    def __init__(self, name: str, required: bool, spec: FieldSpec) -> None:
        self.name, self.required, self.spec = name, required, spec

    def __repr__(self) -> str:  # pytest's ids and messages name the field
        return f"ResidentField({self.name!r})"

    def __eq__(self, other: object) -> bool:  # declared_fields() makes new ones at each call
        if not isinstance(other, ResidentField):
            return NotImplemented
        return (self.name, self.required, self.spec) == (other.name, other.required, other.spec)

    def __hash__(self) -> int:
        return hash((self.name, self.required, id(self.spec)))


def declared_fields(record: type[Any]) -> tuple[ResidentField, ...]:
    """A record's declared fields, in the registry format's order (its FORMAT_ORDER, where
    that differs from the order of its fields), from the record itself."""
    found = tuple(
        ResidentField(
            name=item.name,
            required=item.default is MISSING and item.default_factory is MISSING,
            spec=item.metadata["uzit"],
        )
        for item in fields(record)
        if "uzit" in item.metadata
    )
    order: tuple[str, ...] = getattr(record, "FORMAT_ORDER", ())
    if not order:
        return found
    by_name = {f.name: f for f in found}
    if set(order) != set(by_name):  # pragma: no cover - a declaration error, caught at import
        raise ValueError(f"{record.__name__}.FORMAT_ORDER does not list its fields")
    return tuple(by_name[name] for name in order)


#: Every resident field, in the registry format's order, derived from `Resident` itself.
RESIDENT_FIELDS = declared_fields(Resident)


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
