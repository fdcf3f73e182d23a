"""The spreadsheet options of `uzit list` and `uzit show`: --bom, --packed-years, --with-meta.

Kept out of list.py so that module changes by a few lines only; the work is done by the pure
helpers of uzit_cli/views/tabular.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated, TextIO

import typer

from uzit_cli.cli.common import check_bom
from uzit_cli.language import N_
from uzit_cli.model import Registry
from uzit_cli.output import Format, Report
from uzit_cli.output.writers import SPREADSHEET_FORMATS
from uzit_cli.views.tabular import with_meta, with_year_columns
from uzit_cli.year_columns import base_names, check_year_columns, spread_names

PackedYearsOption = Annotated[
    bool,
    typer.Option(
        "--packed-years",
        help=N_(
            "In csv and tsv keep jobs_created and export_revenue_usd in one cell each "
            "(`2023:20,2024:15`, as uzit 0.1 wrote them) instead of one column per year "
            "(jobs_2023, jobs_2024, …). Example: -f csv --packed-years"
        ),
    ),
]

WithMetaOption = Annotated[
    bool,
    typer.Option(
        "--with-meta",
        help=N_(
            "Say which snapshot the output comes from. json and yaml: an object with "
            "as_of, illustrative, title and uzit_version, the usual output under `residents` "
            "(list) or `resident` (show); jsonl, csv and tsv: as_of and illustrative on every "
            "row. Without it the output is unchanged (list -f json stays an array). "
            "Example: -f json --with-meta"
        ),
    ),
]


@dataclass(frozen=True)
class Ready:
    """What `uzit list` needs: the columns it builds itself, then the finishing touches."""

    registry: Registry
    names: tuple[str, ...]
    chosen: Format
    bom: bool
    meta: bool

    @property
    def base_names(self) -> tuple[str, ...]:
        return base_names(self.names)

    def finish(self, report: Report, out: TextIO) -> Report:
        """The report with its per-year columns and, asked for, the snapshot and the BOM (which
        the writer puts first, and then writes UTF-8 whatever `out`'s encoding)."""
        report = with_year_columns(report, self.names)
        if self.meta:
            report = with_meta(report, self.registry, self.chosen, key="residents")
        if self.bom:
            report = replace(report, bom=True)
        return report


def spreadsheet_ready(
    registry: Registry,
    names: Sequence[str],
    chosen: Format,
    *,
    bom: bool,
    packed: bool,
    meta: bool,
) -> Ready:
    """Check the options against the format and the registry, and spread the year fields."""
    check_bom(bom, chosen)
    check_year_columns(names, registry.residents)
    if chosen in SPREADSHEET_FORMATS:
        names = spread_names(names, registry.residents, packed=packed)
    return Ready(registry, tuple(names), chosen, bom, meta)


def show_with_meta(report: Report, registry: Registry, chosen: Format) -> Report:
    """`uzit show --with-meta`: the snapshot around the record in json and yaml, beside its
    fields in jsonl; field/value tables (table, tsv, csv, markdown) are left as they are."""
    if chosen not in (Format.json, Format.yaml, Format.jsonl):
        return report
    return with_meta(report, registry, chosen, key="resident")
