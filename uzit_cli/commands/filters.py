"""The resident filters shared by `list` and `stats`: one set of options, one implementation."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import Annotated, Optional

import typer

from uzit_cli.model import Resident
from uzit_cli.output.values import inert
from uzit_cli.query import Filters, apply_filters, filter_hints, parse_date_or_year


def _date_or_year(value: Optional[str]) -> Optional[dt.date]:  # noqa: UP045
    if value is None:
        return None
    try:
        return parse_date_or_year(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


SectorOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--sector",
        metavar="SLUG",
        help="Only residents in this sector; repeat for any of several. Example: --sector bpo",
        show_default=False,
    ),
]
CityOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--city",
        metavar="CITY",
        help="Only residents in this city (any case); repeat for any of several. "
        "Example: --city Tashkent --city Samarkand",
        show_default=False,
    ),
]
ExportsOption = Annotated[
    Optional[bool],  # noqa: UP045
    typer.Option(
        "--exports-to-japan/--no-exports-to-japan",
        help="Only residents that export IT services to Japan, or only those that do not. "
        "Example: --exports-to-japan",
        show_default=False,
    ),
]
JoinedSinceOption = Annotated[
    Optional[dt.date],  # noqa: UP045
    typer.Option(
        "--joined-since",
        metavar="DATE|YEAR",
        parser=_date_or_year,
        help="Only residents that joined on or after this date (a year means 1 January). "
        "Example: --joined-since 2024",
        show_default=False,
    ),
]
JoinedBeforeOption = Annotated[
    Optional[dt.date],  # noqa: UP045
    typer.Option(
        "--joined-before",
        metavar="DATE|YEAR",
        parser=_date_or_year,
        help="Only residents that joined before this date (a year means 1 January, so "
        "--joined-since 2024 --joined-before 2025 is 'during 2024'). Example: --joined-before 2025",
        show_default=False,
    ),
]
SearchOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        help="Only residents whose id, name or Japanese name contains TEXT (any case); "
        "repeat for any of several. Example: --search sakura",
        show_default=False,
    ),
]
MinJobsOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--min-jobs",
        metavar="N",
        min=0,
        help="Only residents that created at least N jobs in the jobs year. Example: --min-jobs 10",
        show_default=False,
    ),
]
JobsYearOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--jobs-year",
        metavar="YEAR",
        min=1000,
        max=9999,
        help="The jobs year: the year whose jobs every jobs figure uses. Default: the last "
        "complete year (ended by the registry's as_of) in which residents created jobs; a year "
        "not yet ended is used only when named here, and is labelled 'so far'. "
        "Example: --jobs-year 2024",
        show_default=False,
    ),
]


def make_filters(
    *,
    sector: Sequence[str] | None,
    city: Sequence[str] | None,
    exports_to_japan: bool | None,
    joined_since: dt.date | None,
    joined_before: dt.date | None,
    search: Sequence[str] | None,
    min_jobs: int | None,
    jobs_year: int | None,
) -> Filters:
    return Filters(
        sectors=tuple(sector or ()),
        cities=tuple(city or ()),
        exports_to_japan=exports_to_japan,
        joined_since=joined_since,
        joined_before=joined_before,
        search=tuple(search or ()),
        min_jobs=min_jobs,
        jobs_year=jobs_year,
    )


def select(residents: Sequence[Resident], filters: Filters) -> list[Resident]:
    """Apply the filters, telling the user on stderr about values no resident has."""
    for hint in filter_hints(residents, filters):
        print(f"uzit: {inert(hint)}", file=sys.stderr)
    return apply_filters(residents, filters)
