"""Typed, immutable records of a registry (format version 1, see docs/registry-format.md).

Every field name here is the registry's own, so machine output and the file speak one language.
Year-keyed mappings are read-only views keyed by int year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

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


@dataclass(frozen=True, slots=True)
class RegistryInfo:
    title: str
    as_of: dt.date
    illustrative: bool = False
    sources: tuple[Source, ...] = ()
    published: tuple[PublishedFigure, ...] = ()
    targets: tuple[Target, ...] = ()

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def target(self, metric: str) -> Target | None:
        return next((t for t in self.targets if t.metric == metric), None)


@dataclass(frozen=True, slots=True)
class Resident:
    id: str
    name: str
    joined: dt.date
    city: str
    sectors: tuple[str, ...]
    exports_to_japan: bool
    name_ja: str | None = None
    export_markets: tuple[str, ...] | None = None
    headcount: int | None = None
    jobs_created: Mapping[int, int] = field(default_factory=_no_years)
    export_revenue_usd: Mapping[int, float] = field(default_factory=_no_amounts)
    website: str | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Registry:
    schema: int
    info: RegistryInfo
    residents: tuple[Resident, ...]

    @property
    def base_year(self) -> int:
        return self.info.as_of.year
