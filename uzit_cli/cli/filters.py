"""The resident filters shared by `list` and `stats`: one set of options, one implementation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, TextIO

import typer

from uzit_cli.cli.option_groups import Completes
from uzit_cli.language import N_, _
from uzit_cli.model import Registry, Resident
from uzit_cli.output.values import inert
from uzit_cli.query import (
    Filters,
    apply_filters,
    filter_hints,
    parse_date_or_year,
    resolve_jobs_year,
)


def _date_or_year(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date_or_year(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


SectorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sector",
        metavar="SLUG",
        help=N_("Only residents in this sector; repeat for any of several. Example: --sector bpo"),
        show_default=False,
    ),
    Completes("sectors"),
]
CityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--city",
        metavar="CITY",
        help=N_(
            "Only residents in this city (any case); repeat for any of several. "
            "Example: --city Tashkent --city Samarkand"
        ),
        show_default=False,
    ),
    Completes("cities"),
]
ExportsOption = Annotated[
    bool | None,
    typer.Option(
        "--exports-to-japan/--no-exports-to-japan",
        help=N_(
            "Only residents that export IT services to Japan, or only those that do not. "
            "Example: --exports-to-japan"
        ),
        show_default=False,
    ),
]
JoinedSinceOption = Annotated[
    dt.date | None,
    typer.Option(
        "--joined-since",
        metavar="DATE|YEAR",
        parser=_date_or_year,
        help=N_(
            "Only residents that joined on or after this date (a year means 1 January). "
            "Example: --joined-since 2024"
        ),
        show_default=False,
    ),
]
JoinedBeforeOption = Annotated[
    dt.date | None,
    typer.Option(
        "--joined-before",
        metavar="DATE|YEAR",
        parser=_date_or_year,
        help=N_(
            "Only residents that joined before this date (a year means 1 January, so "
            "--joined-since 2024 --joined-before 2025 is 'during 2024'). "
            "Example: --joined-before 2025"
        ),
        show_default=False,
    ),
]
SearchOption = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        help=N_(
            "Only residents whose id, name or Japanese name contains TEXT (any case); "
            "repeat for any of several. Example: --search sakura"
        ),
        show_default=False,
    ),
]
MinJobsOption = Annotated[
    int | None,
    typer.Option(
        "--min-jobs",
        metavar="N",
        min=0,
        help=N_(
            "Only residents that created at least N jobs in the jobs year; a resident with "
            "no jobs data for that year counts as 0 (so N of 1 or more leaves it out). "
            "Example: --min-jobs 10"
        ),
        show_default=False,
    ),
]
JobsYearOption = Annotated[
    int | None,
    typer.Option(
        "--jobs-year",
        metavar="YEAR",
        min=1000,
        max=9999,
        help=N_(
            "The jobs year: the year whose jobs every jobs figure uses. Default: the last "
            "complete year (ended by the registry's as_of) in which residents created jobs; a year "
            "not yet ended is used only when named here, and is labelled 'so far'; a year after "
            "the year of as_of is refused. Example: --jobs-year 2024"
        ),
        show_default=False,
    ),
    Completes("jobs_years"),
]


@dataclass(frozen=True)
class FilterOptions:
    """The resident filters (--sector, --city, …, --min-jobs) and the jobs year."""

    GROUP: ClassVar[bool] = True
    sector: SectorOption = None
    city: CityOption = None
    exports_to_japan: ExportsOption = None
    joined_since: JoinedSinceOption = None
    joined_before: JoinedBeforeOption = None
    search: SearchOption = None
    min_jobs: MinJobsOption = None
    jobs_year: JobsYearOption = None

    def select(self, registry: Registry, err: TextIO) -> Selection:
        """The residents these filters select (hints on `err`, standard error)."""
        return select_residents(registry, self.params, err)

    @property
    def params(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FILTER_PARAMS}

    def words(self) -> list[str]:
        """The filters given, as the flags that give them (`--city Tashkent`)."""
        return filter_words(self.params)


class Selection:
    """What the filter options select: the jobs year, the filters and the residents. (A plain
    class: made once per run, never compared; a dataclass compiles its methods at start-up.)"""

    __slots__ = ("filters", "jobs_year", "residents")

    def __init__(self, jobs_year: int | None, filters: Filters, residents: list[Resident]) -> None:
        self.jobs_year, self.filters, self.residents = jobs_year, filters, residents


def select_residents(registry: Registry, params: Mapping[str, Any], err: TextIO) -> Selection:
    """The selection made by the filter options in `params` (a command's `ctx.params`, so each
    command declares the options above and none passes them on one by one). Values no
    resident has are hinted at on `err` (standard error)."""
    year = resolve_jobs_year(
        registry.residents,
        params.get("jobs_year"),
        registry.info.last_complete_year,
        registry.info.as_of.year,
    )
    filters = Filters(
        sectors=tuple(params.get("sector") or ()),
        cities=tuple(params.get("city") or ()),
        exports_to_japan=params.get("exports_to_japan"),
        joined_since=params.get("joined_since"),
        joined_before=params.get("joined_before"),
        search=tuple(params.get("search") or ()),
        min_jobs=params.get("min_jobs"),
        jobs_year=year,
    )
    return Selection(year, filters, select(registry.residents, filters, err))


#: The filter options' parameter names, in the order `filter_words` gives them.
FILTER_PARAMS = (
    "sector",
    "city",
    "exports_to_japan",
    "joined_since",
    "joined_before",
    "search",
    "min_jobs",
    "jobs_year",
)


def filter_words(params: Mapping[str, Any]) -> list[str]:
    """The filters given, as the flags that give them (`--city Tashkent`), to say what a
    result covers."""
    words: list[str] = []
    for name in FILTER_PARAMS:
        value = params.get(name)
        flag = "--" + name.replace("_", "-")
        if value is None or (isinstance(value, (list, tuple)) and not value):
            continue
        if isinstance(value, bool):
            words.append(flag if value else flag.replace("--", "--no-", 1))
        elif isinstance(value, (list, tuple)):
            words.extend(f"{flag} {item}" for item in value)
        else:
            words.append(f"{flag} {value}")
    return words


def select(residents: Sequence[Resident], filters: Filters, err: TextIO) -> list[Resident]:
    """Apply the filters, telling the user on `err` about values no resident has."""
    for hint in filter_hints(residents, filters):
        print(_("uzit: {hint}").format(hint=inert(hint)), file=err)
    return apply_filters(residents, filters)
