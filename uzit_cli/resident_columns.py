"""The columns a resident can be shown with: every record field, and the figures derived from one.

Both kinds are declared once: record fields by `Resident` itself (model.RESIDENT_FIELDS), the
derived figures in DERIVED below. `uzit list` (rows, headings, --columns), `uzit show` (labels),
sorting and the docs read them from here, so a new field is one declaration in model.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import Any

from uzit_cli.language import N_, _, _p
from uzit_cli.model import RESIDENT_FIELDS, Kind, Resident

#: A column's value for one resident, given the jobs year (None when no year has jobs data).
Value = Callable[[Resident, "int | None"], Any]


class ResidentColumn:
    """One column of a resident table. `declared` is its label as declared (English, marked
    for the catalogues); it may hold `{year}`, filled with the jobs year, and then `yearless`
    is the label for a registry without jobs data. (A plain class, as FieldSpec is: one is
    declared per column, never compared, and a dataclass compiles its methods at start-up.)"""

    __slots__ = (
        "declared",
        "key",
        "kind",
        "position",
        "priority",
        "record",
        "short_label",
        "value",
        "yearless",
    )

    def __init__(
        self,
        key: str,
        declared: str,
        kind: Kind,
        value: Value,
        position: int | None = None,  # place among `uzit list`'s default columns, if one
        short_label: str | None = None,
        priority: int | None = None,  # which a narrow table leaves out first: the highest
        record: bool = False,  # a field of the registry record (else derived from one)
        yearless: str | None = None,
    ) -> None:
        self.key, self.declared, self.kind, self.value = key, declared, kind, value
        self.position, self.short_label, self.priority = position, short_label, priority
        self.record, self.yearless = record, yearless

    def __repr__(self) -> str:  # pytest's ids and messages name the column
        return f"ResidentColumn({self.key!r})"

    def _shown(self, message: str) -> str:
        # a record field's words are declared in the context "field" (model.py)
        return _p("field", message) if self.record else _(message)

    @property
    def label(self) -> str:
        """The label in the reader's language (`uzit show`, `--columns` of a record field)."""
        return self._shown(self.declared)

    @property
    def short(self) -> str | None:
        """The short label in the reader's language, for a narrow table."""
        return None if self.short_label is None else self._shown(self.short_label)

    def heading(self, jobs_year: int | None, so_far: bool = False) -> str:
        """The label, with the jobs year filled in (`2025 so far` for a year not yet ended)."""
        if "{year}" not in self.declared:
            return self.label
        if jobs_year is None:
            return self._shown(self.yearless or self.declared)
        year = _("{year} so far").format(year=jobs_year) if so_far else str(jobs_year)
        return self.label.format(year=year)

    def sort_key(self, resident: Resident, jobs_year: int | None) -> Any:
        """A comparable value, or None when the resident has none (sorted last)."""
        return sort_value(self.kind, self.value(resident, jobs_year))


def jobs_in(resident: Resident, year: int | None) -> int | None:
    return None if year is None else resident.jobs_created.get(year)


def total(values: Mapping[int, Any]) -> Any:
    return sum(values.values()) if values else None


def sort_value(kind: Kind, value: Any) -> Any:
    """Text ignoring case, lists item by item, year maps by their total; empty is missing."""
    if value is None:
        return None
    if kind == "text":
        return value.casefold()
    if kind == "list":
        return tuple(item.casefold() for item in value) if value else None
    if kind == "years":
        return total(value)
    return value


def _record_value(name: str) -> Value:
    return lambda resident, _year: getattr(resident, name)


RECORD_COLUMNS: tuple[ResidentColumn, ...] = tuple(
    ResidentColumn(
        key=item.name,
        declared=item.spec.label,
        kind=item.spec.kind,
        value=_record_value(item.name),
        position=item.spec.position,
        short_label=item.spec.short_label,
        priority=item.spec.priority,
        record=True,
    )
    for item in RESIDENT_FIELDS
)

#: Figures worked out from the record for the jobs year (--jobs-year, else the default year).
DERIVED: tuple[ResidentColumn, ...] = (
    ResidentColumn(
        "jobs", N_("Jobs {year}"), "int", jobs_in, position=7, priority=2, yearless=N_("Jobs")
    ),
    ResidentColumn(
        "jobs_total", N_("Jobs, all years"), "int", lambda r, _year: total(r.jobs_created)
    ),
    ResidentColumn(
        "export_revenue",
        N_("Export revenue {year}, USD"),
        "number",
        lambda r, year: None if year is None else r.export_revenue_usd.get(year),
        yearless=N_("Export revenue, USD"),
    ),
)

COLUMNS: dict[str, ResidentColumn] = {c.key: c for c in RECORD_COLUMNS + DERIVED}
#: The record's fields in the registry's order: what the machine formats carry by default.
RECORD_FIELDS: tuple[str, ...] = tuple(c.key for c in RECORD_COLUMNS)
COLUMN_NAMES: tuple[str, ...] = tuple(COLUMNS)
#: Values a table never wraps, cuts or breaks at a hyphen (`uzit show ID` takes the id as
#: shown; a URL cut short is no URL): the fields declared `whole` in model.py.
WHOLE_COLUMNS: tuple[str, ...] = tuple(f.name for f in RESIDENT_FIELDS if f.spec.whole)
#: What a table, Markdown and TSV show unless --columns says otherwise.
DEFAULT_COLUMNS: tuple[str, ...] = tuple(
    c.key
    for c in sorted(
        (c for c in COLUMNS.values() if c.position is not None),
        key=lambda c: c.position or 0,
    )
)


_RECORD_VALUES = attrgetter(*RECORD_FIELDS)


def resident_row(resident: Resident, jobs_year: int | None) -> dict[str, Any]:
    """Every column's value for one resident, with the registry's field names."""
    row = dict(zip(RECORD_FIELDS, _RECORD_VALUES(resident), strict=True))
    for column in DERIVED:
        row[column.key] = column.value(resident, jobs_year)
    return row
