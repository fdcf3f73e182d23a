"""Cross-tabs (`uzit stats --by A --by B --measure M`): one measure over two dimensions.

Pure: residents in, a frozen `CrossTab` out. Definitions (the README repeats them):

- dimensions: city, sector, exports-to-japan, joined-year (the year a resident joined) and
  year (the year of a per-year measure: jobs_created or export_revenue_usd; for residents
  and exporters, the year they joined). Headcount has no year, so it does not go with `year`.
- measures: residents (each resident once), exporters (residents exporting to Japan), jobs
  (jobs_created, summed over the years unless `year` is a dimension), headcount (over the
  residents that report it), export-revenue (export_revenue_usd, likewise).
- a resident with several sectors counts once in each of its sectors; the margins count it
  once, so with `sector` the cells of a margin can add up to more than its total.
- cities are grouped ignoring case, under the spelling most residents of the whole registry
  use (`labels_from`), whatever the filters select.
- year dimensions list every year from the first to the last that has a value, gap years
  included, in calendar order; other groups are listed largest total first, then by label.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from uzit_cli.language import _
from uzit_cli.model import Resident
from uzit_cli.problems import UsageError
from uzit_cli.registry.spellings import common_spellings
from uzit_cli.stats import BREAKDOWNS, group_labels

DIMENSIONS = (*BREAKDOWNS, "year")
MEASURES = ("residents", "exporters", "jobs", "headcount", "export-revenue")
YEAR_DIMENSIONS = frozenset({"joined-year", "year"})

Number = int | float


@dataclass(frozen=True, slots=True)
class CrossTab:
    """`cells[(row, column)]` for every row and column label (0 where nothing falls), with
    `row_totals`, `column_totals` and `total` counted from the residents (see the module)."""

    rows_by: str
    columns_by: str | None  # None: one dimension, the totals are the only column
    measure: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: Mapping[tuple[str, str], Number]
    row_totals: Mapping[str, Number]
    column_totals: Mapping[str, Number]
    total: Number


def _contributions(resident: Resident, measure: str) -> list[tuple[int | None, Number]]:
    """What one resident adds to the measure, by year (None: the measure has no year)."""
    if measure == "residents":
        return [(resident.joined.year, 1)]
    if measure == "exporters":
        return [(resident.joined.year, 1)] if resident.exports_to_japan else []
    if measure == "jobs":
        return list(resident.jobs_created.items())
    if measure == "export-revenue":
        return [(year, float(amount)) for year, amount in resident.export_revenue_usd.items()]
    return [(None, resident.headcount)] if resident.headcount is not None else []


def _labels(
    resident: Resident, by: str | None, year: int | None, cities: Mapping[str, str]
) -> tuple[str, ...]:
    if by is None:
        return ("",)
    if by == "year":
        return (str(year),)
    return tuple(group_labels(resident, by, cities))


def check_choice(dimensions: Sequence[str], measure: str) -> None:
    """UsageError unless the dimensions and measure make a cross-tab."""
    if len(dimensions) > 2:
        raise UsageError(_("--by can be given at most twice (rows, then columns)"))
    if len(dimensions) == 2 and dimensions[0] == dimensions[1]:
        raise UsageError(
            _("--by {dimension} is given twice; choose two different ones").format(
                dimension=dimensions[0]
            )
        )
    if measure == "headcount" and "year" in dimensions:
        raise UsageError(
            _("headcount has no year; choose --by joined-year, or another measure for --by year")
        )


def labels_from(everyone: Iterable[Resident]) -> dict[str, str]:
    """Each city folded to the spelling most residents use: pass the whole registry, so a
    group keeps its label whatever the filters select."""
    return common_spellings(r.city for r in everyone)


def _add(table: dict[object, Number], key: object, value: Number) -> None:
    table[key] = table.get(key, 0) + value


def crosstab(
    residents: Sequence[Resident],
    rows_by: str,
    columns_by: str | None,
    measure: str,
    cities: Mapping[str, str] | None = None,
) -> CrossTab:
    """The measure over `rows_by` × `columns_by` (see the module for the definitions)."""
    check_choice([d for d in (rows_by, columns_by) if d is not None], measure)
    if cities is None:
        cities = labels_from(residents)
    cells: dict[object, Number] = {}
    row_totals: dict[object, Number] = {}
    column_totals: dict[object, Number] = {}
    total: Number = 0
    for resident in residents:
        for year, value in _contributions(resident, measure):
            rows = _labels(resident, rows_by, year, cities)
            columns = _labels(resident, columns_by, year, cities)
            total += value
            for row in rows:
                _add(row_totals, row, value)
                for column in columns:
                    _add(cells, (row, column), value)
            for column in columns:
                _add(column_totals, column, value)
    row_labels = _ordered(rows_by, row_totals)
    column_labels = _ordered(columns_by, column_totals) if columns_by else ("",)
    return CrossTab(
        rows_by=rows_by,
        columns_by=columns_by,
        measure=measure,
        row_labels=row_labels,
        column_labels=column_labels,
        cells=MappingProxyType(
            {(r, c): cells.get((r, c), 0) for r in row_labels for c in column_labels}
        ),
        row_totals=MappingProxyType({r: row_totals.get(r, 0) for r in row_labels}),
        column_totals=MappingProxyType({c: column_totals.get(c, 0) for c in column_labels}),
        total=total,
    )


def _ordered(by: str | None, totals: Mapping[object, Number]) -> tuple[str, ...]:
    labels = [str(label) for label in totals]
    if by in YEAR_DIMENSIONS:
        years = [int(label) for label in labels]
        return tuple(str(y) for y in range(min(years), max(years) + 1)) if years else ()
    return tuple(sorted(labels, key=lambda label: (-totals[label], label)))


def crosstab_document(table: CrossTab) -> list[dict[str, object]]:
    """Long form for machine formats: one record per cell, the dimensions' labels (years as
    numbers) and the measure, keys with underscores (`joined_year`, `export_revenue`)."""

    def value(by: str, label: str) -> object:
        return int(label) if by in YEAR_DIMENSIONS else label

    measure = table.measure.replace("-", "_")
    records: list[dict[str, object]] = []
    for (row, column), amount in table.cells.items():
        record: dict[str, object] = {table.rows_by.replace("-", "_"): value(table.rows_by, row)}
        if table.columns_by is not None:
            record[table.columns_by.replace("-", "_")] = value(table.columns_by, column)
        record[measure] = amount
        records.append(record)
    return records
