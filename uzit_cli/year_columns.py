"""Year-keyed fields as spreadsheet columns: `jobs_created` -> `jobs_2024`, `jobs_2025`, ….

A year-keyed field (`jobs_created`, `export_revenue_usd`) becomes one column per year, so a
spreadsheet can sum and chart them; `snapshot(registry)` is what every exported table carries
(`as_of`, `illustrative`, the title and the uzit version). Pure: the list command, the workbook
and the import all read these names from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from uzit_cli import __version__
from uzit_cli.language import _
from uzit_cli.model import RESIDENT_FIELDS, Kind, Registry, Resident
from uzit_cli.problems import UsageError

#: Year-keyed record fields -> (prefix of their per-year columns, kind, header for people),
#: as each field's declaration in model.py gives them.
YEAR_FIELDS: Mapping[str, tuple[str, Kind, str]] = {
    field.name: field.spec.per_year for field in RESIDENT_FIELDS if field.spec.per_year
}
_YEAR_COLUMN = re.compile(
    "^(" + "|".join(re.escape(prefix) for prefix, _, _ in YEAR_FIELDS.values()) + r")_(\d{4})$"
)
_FIELD_OF_PREFIX = {prefix: field for field, (prefix, _, _) in YEAR_FIELDS.items()}


def year_column(name: str) -> tuple[str, int] | None:
    """`jobs_2024` -> ("jobs_created", 2024); None for any other name."""
    match = _YEAR_COLUMN.match(name)
    if match is None:
        return None
    return _FIELD_OF_PREFIX[match.group(1)], int(match.group(2))


def years_of(residents: Iterable[Resident], field: str) -> tuple[int, ...]:
    """Every year that at least one resident reports for a year-keyed field, ascending."""
    years: set[int] = set()
    for resident in residents:
        years.update(getattr(resident, field))
    return tuple(sorted(years))


def year_columns(residents: Sequence[Resident], field: str) -> tuple[str, ...]:
    prefix = YEAR_FIELDS[field][0]
    return tuple(f"{prefix}_{year}" for year in years_of(residents, field))


def spread_names(
    names: Sequence[str], residents: Sequence[Resident], *, packed: bool = False
) -> tuple[str, ...]:
    """The column names with each year-keyed field replaced by one column per year in which
    any of `residents` reports it (none when nobody does); as they are when `packed`."""
    if packed:
        return tuple(names)
    spread: list[str] = []
    for name in names:
        if name in YEAR_FIELDS:
            spread.extend(year_columns(residents, name))
        else:
            spread.append(name)
    return tuple(dict.fromkeys(spread))


def check_year_columns(names: Sequence[str], residents: Sequence[Resident]) -> None:
    """A per-year column asked for by name must be a year with data, else a usage error."""
    for name in names:
        found = year_column(name)
        if found is None:
            continue
        field, year = found
        years = years_of(residents, field)
        if year not in years:
            known = ", ".join(str(y) for y in years) or _("none")
            raise UsageError(
                _(
                    "--columns: no resident reports {field} for {year} (years with data: {years})"
                ).format(field=field, year=year, years=known)
            )


def per_year_help(residents: Sequence[Resident] | None) -> str:
    """The per-year columns, for a message: `jobs_YEAR (2023, 2024), export_revenue_usd_YEAR
    (no year with data)`, with the years `residents` report; only the patterns without them."""
    described = []
    for field, (prefix, _kind, _header) in YEAR_FIELDS.items():
        pattern = f"{prefix}_YEAR"
        if residents is None:
            described.append(pattern)
            continue
        years = years_of(residents, field)
        described.append(
            _("{pattern} ({years})").format(pattern=pattern, years=", ".join(map(str, years)))
            if years
            else _("{pattern} (no year with data)").format(pattern=pattern)
        )
    return ", ".join(described)


def all_year_columns(residents: Sequence[Resident]) -> tuple[str, ...]:
    """Every per-year column `residents` have data for: `jobs_2024`, …"""
    return tuple(name for field in YEAR_FIELDS for name in year_columns(residents, field))


def base_names(names: Sequence[str]) -> tuple[str, ...]:
    """The names without per-year columns: those `uzit list` builds itself."""
    return tuple(name for name in names if year_column(name) is None)


def snapshot(registry: Registry) -> dict[str, Any]:
    """Which snapshot a result comes from, JSON-ready: the same keys in every export."""
    info = registry.info
    return {
        "as_of": info.as_of.isoformat(),
        "illustrative": info.illustrative,
        "title": info.title,
        "uzit_version": __version__,
    }
