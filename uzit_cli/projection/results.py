"""What a projection is made of: its options, its inputs, and its results, year by year.

Plain immutable records with `as_dict()` for the machine formats; nothing here computes. Their
words (descriptions, reasons, formulas, notes) are `Said`s (projection/text.py): English text,
which `as_dict()` writes as plain strings, and which views show in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeAlias

from uzit_cli.projection.text import Said

JsonValue: TypeAlias = "str | int | float | bool | None"


@dataclass(frozen=True, slots=True)
class Snapshots:
    """Residents on each distinct as_of day of the registry's committed versions, oldest
    first (`project --history`), or why there are none (`problem`, in English;
    `problem_shown`, the same in the reader's language, when that differs)."""

    points: tuple[tuple[dt.date, int], ...] = ()
    problem: str | None = None
    problem_shown: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectionOptions:
    """The flags of `uzit project`; None means "take it from the registry".

    `target_factor`, `target_year` and `growth_rate` are the options the target and custom
    scenarios declare (projection/scenarios.py); the options of any other scenario are in
    `values`, by name. A scenario reads its own with `value(name)`.
    """

    year: int | None = None  # None: 2030, or five years on from a base year of 2030 or later
    scenarios: tuple[str, ...] = ()  # empty: every scenario shown by default
    target_factor: float | None = None
    target_year: int | None = None
    growth_rate: float | None = None
    exporter_share: float | None = None
    jobs_growth: float = 0.0
    jobs_year: int | None = None  # None: the last complete year with jobs data
    values: Mapping[str, float | int | None] = field(default_factory=dict)
    history: Snapshots | None = None  # the trend from git history (--history) instead

    @classmethod
    def of(cls, **given: object) -> ProjectionOptions:
        """Options from names: a field's by name, any other (a scenario's own) in `values`."""
        fields = {k: v for k, v in given.items() if k in cls.__dataclass_fields__}
        values = {k: v for k, v in given.items() if k not in cls.__dataclass_fields__}
        return cls(**fields, values=values)  # type: ignore[arg-type]

    def value(self, name: str) -> float | int | None:
        """A scenario option's value: one of the fields above, else from `values`."""
        if name in _OWN_FIELDS:
            found: float | int | None = getattr(self, name)
            return found
        return self.values.get(name)


_OWN_FIELDS = frozenset({"target_factor", "target_year", "growth_rate"})


@dataclass(frozen=True, slots=True)
class Base:
    """What the registry says at its base year, and the rates derived from it."""

    base_year: int
    as_of: dt.date
    residents: int
    exporting_to_japan: int
    exporter_share: float
    exporter_share_origin: str
    last_complete_year: int
    jobs_year: int | None
    jobs_year_partial: bool  # the jobs year had not ended at as_of (only a --jobs-year does)
    jobs_in_jobs_year: int
    residents_in_jobs_year: int
    jobs_per_resident: float
    japan_shortage: int | None
    japan_shortage_year: int | None
    japan_shortage_source: str | None
    japan_shortage_note: str | None

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "base_year": self.base_year,
            "as_of": self.as_of.isoformat(),
            "residents": self.residents,
            "exporting_to_japan": self.exporting_to_japan,
            "exporter_share": self.exporter_share,
            "exporter_share_origin": self.exporter_share_origin,
            "last_complete_year": self.last_complete_year,
            "jobs_year": self.jobs_year,
            "jobs_year_partial": self.jobs_year_partial,
            "jobs_in_jobs_year": self.jobs_in_jobs_year,
            "residents_in_jobs_year": self.residents_in_jobs_year,
            "jobs_per_resident": self.jobs_per_resident,
            "japan_shortage": self.japan_shortage,
            "japan_shortage_year": self.japan_shortage_year,
            "japan_shortage_source": self.japan_shortage_source,
            "japan_shortage_note": self.japan_shortage_note,
        }


@dataclass(frozen=True, slots=True)
class YearRow:
    year: int
    residents: float
    exporting_to_japan: float
    new_jobs: float
    cumulative_jobs: float
    japan_shortage_share: float | None

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "year": self.year,
            "residents": self.residents,
            "exporting_to_japan": self.exporting_to_japan,
            "new_jobs": self.new_jobs,
            "cumulative_jobs": self.cumulative_jobs,
            "japan_shortage_share": self.japan_shortage_share,
        }


def _no_assumptions() -> Mapping[str, JsonValue]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    description: Said  # one line: what the scenario assumes
    annual_growth_rate: float
    assumptions: Mapping[str, JsonValue] = field(default_factory=_no_assumptions)
    years: tuple[YearRow, ...] = ()
    warnings: tuple[Said, ...] = ()
    weak: bool = False  # shown only because it was asked for; tables mark it

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "weak": self.weak,
            "description": str(self.description),
            "annual_growth_rate": self.annual_growth_rate,
            "assumptions": dict(self.assumptions),
            "years": [row.as_dict() for row in self.years],
            "warnings": [str(warning) for warning in self.warnings],
        }


@dataclass(frozen=True, slots=True)
class Omitted:
    """A scenario that cannot be computed from this registry, and why."""

    name: str
    reason: Said

    def as_dict(self) -> dict[str, JsonValue]:
        return {"name": self.name, "reason": str(self.reason)}


@dataclass(frozen=True, slots=True)
class Input:
    """One number the projection rests on. `origin` is "record", "published figure",
    "target <source id>", "flag --x" or "assumption" (a code, which views translate);
    `meaning` and `detail` are in words: `Said`s, or registry text (a target's note)."""

    symbol: str
    meaning: str
    value: JsonValue
    origin: str
    detail: str

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "symbol": self.symbol,
            "meaning": str(self.meaning),
            "value": self.value,
            "origin": self.origin,
            "detail": str(self.detail),
        }


@dataclass(frozen=True, slots=True)
class Projection:
    base_year: int
    target_year: int
    base: Base
    scenarios: tuple[Scenario, ...]
    omitted: tuple[Omitted, ...]
    inputs: tuple[Input, ...]
    formulas: tuple[Said, ...]
    notes: tuple[str, ...]  # Saids, and notes made elsewhere (`project --history`'s)

    def as_dict(self) -> dict[str, object]:
        """Every field, JSON-ready, at full precision."""
        return {
            "base_year": self.base_year,
            "target_year": self.target_year,
            "base": self.base.as_dict(),
            "scenarios": [scenario.as_dict() for scenario in self.scenarios],
            "omitted": [omitted.as_dict() for omitted in self.omitted],
            "inputs": [item.as_dict() for item in self.inputs],
            "formulas": [str(formula) for formula in self.formulas],
            "notes": [str(note) for note in self.notes],
        }
