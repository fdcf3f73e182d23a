"""The base of every scenario: what the registry says at its base year (B, L, R0, s, J, p, V).

Each number is computed first and then recorded in a `Ledger` with where it came from and the
formula in words, so `--explain` can show how to redo it by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from uzit_cli.model import Registry, Resident
from uzit_cli.problems import UzitError
from uzit_cli.projection.rates import num
from uzit_cli.projection.results import Base, Input, JsonValue, ProjectionOptions
from uzit_cli.query import resolve_jobs_year
from uzit_cli.words import plural


@dataclass
class Ledger:
    """What a projection rests on, in the order it was worked out."""

    inputs: list[Input] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, symbol: str, meaning: str, value: JsonValue, origin: str, detail: str) -> None:
        if all(item.symbol != symbol for item in self.inputs):
            self.inputs.append(Input(symbol, meaning, value, origin, detail))


def residents_at_end(residents: Sequence[Resident], year: int) -> int:
    """n(t): residents whose `joined` is on or before 31 December of `year`."""
    return sum(1 for r in residents if r.joined.year <= year)


def _published(registry: Registry, metric: str, year: int | None = None) -> str:
    for figure in registry.info.published:
        if figure.metric == metric and (year is None or figure.year == year):
            return f"; the published figure is {figure.value} ({figure.source})"
    return ""


def compute_base(registry: Registry, options: ProjectionOptions, year: int, ledger: Ledger) -> Base:
    """B, Y, R0, s, L, J, p, j and V, each recorded in `ledger` with its origin."""
    info, residents, b = registry.info, registry.residents, registry.base_year
    r0 = len(residents)
    exporting = sum(1 for r in residents if r.exports_to_japan)
    ledger.add("B", "base year", b, "record", f"the year of registry.as_of {info.as_of}")
    given = "flag --year" if options.year is not None else "default"
    ledger.add("Y", "last projected year", year, given, "")
    ledger.formulas.append(f"B = the year of registry.as_of ({info.as_of}) = {b}")
    ledger.add(
        "R0",
        "residents in the base year",
        r0,
        "record",
        f"{r0} resident records as of {info.as_of}{_published(registry, 'residents')}",
    )
    ledger.formulas.append(f"R0 = the number of resident records = {r0}")
    share, share_origin = _exporter_share(registry, options, r0, exporting, ledger)
    jobs_year, jobs, n_jobs, per_resident = _jobs_per_resident(registry, options, ledger)
    _jobs_growth(options, ledger)
    shortage = _shortage(registry, ledger)
    last = info.last_complete_year
    return Base(
        base_year=b,
        as_of=info.as_of,
        residents=r0,
        exporting_to_japan=exporting,
        exporter_share=share,
        exporter_share_origin=share_origin,
        last_complete_year=last,
        jobs_year=jobs_year,
        jobs_year_partial=jobs_year is not None and jobs_year > last,
        jobs_in_jobs_year=jobs,
        residents_in_jobs_year=n_jobs,
        jobs_per_resident=per_resident,
        japan_shortage=shortage.value if shortage else None,
        japan_shortage_year=shortage.year if shortage else None,
        japan_shortage_source=shortage.source if shortage else None,
        japan_shortage_note=shortage.note if shortage else None,
    )


def _exporter_share(
    registry: Registry, options: ProjectionOptions, r0: int, exporting: int, ledger: Ledger
) -> tuple[float, str]:
    meaning = "share of residents exporting to Japan"
    if options.exporter_share is not None:
        share = options.exporter_share
        ledger.add("s", meaning, share, "flag --exporter-share", "")
        ledger.formulas.append(f"s = --exporter-share = {num(share)}")
        return share, "flag --exporter-share"
    share = exporting / r0 if r0 else 0.0
    detail = f"{exporting} of {r0} residents have exports_to_japan: true"
    ledger.add("s", meaning, share, "record", detail + _published(registry, "exporting_to_japan"))
    if r0:
        ledger.formulas.append(
            f"s = residents exporting to Japan ÷ R0 = {exporting} ÷ {r0} = {num(share)}"
        )
    else:
        ledger.formulas.append("s = 0, since there are no residents to divide by")
        ledger.notes.append(
            "The registry has no residents, so every scenario stays at 0 residents and 0 jobs; "
            "the share exporting to Japan is taken as 0."
        )
    return share, "record"


def _jobs_per_resident(
    registry: Registry, options: ProjectionOptions, ledger: Ledger
) -> tuple[int | None, int, int, float]:
    """J, jobs created in J, n(J) and p."""
    residents, last = registry.residents, registry.info.last_complete_year
    jobs_year = resolve_jobs_year(residents, options.jobs_year, last, registry.info.as_of.year)
    rule = f"the latest year up to {last} (the last complete year) in which residents created jobs"
    if jobs_year is None:
        ledger.formulas.append(f"J = {rule}: none")
        ledger.formulas.append("p = 0, since no complete year has jobs data")
        ledger.notes.append(
            f"No resident reports jobs created in a year up to {last}, the last complete year, "
            "so jobs per resident p is 0 and every scenario creates 0 new jobs."
        )
        ledger.add("p", "new jobs per resident per year", 0.0, "record", "0: no jobs data")
        return None, 0, 0, 0.0
    partial = jobs_year > last
    jobs = sum(r.jobs_created.get(jobs_year, 0) for r in residents)
    n_jobs = residents_at_end(residents, jobs_year)
    reporting = sum(1 for r in residents if jobs_year in r.jobs_created)
    origin = "flag --jobs-year" if options.jobs_year is not None else "record"
    so_far = f" so far (the year had not ended at {registry.info.as_of})" if partial else ""
    if not jobs:  # only a year asked for can have none: the default year has jobs by definition
        with_data = sorted({y for r in residents for y, n in r.jobs_created.items() if n > 0})
        listed = ", ".join(map(str, with_data)) or "none"
        ledger.notes.append(
            f"No resident reports jobs created in {jobs_year} (--jobs-year), so jobs per "
            f"resident p is 0 and every scenario creates 0 new jobs; years with jobs: {listed}."
        )
    ledger.add("J", "jobs year", jobs_year, origin, rule if origin == "record" else so_far)
    ledger.add(
        f"jobs({jobs_year})",
        f"jobs created in {jobs_year}{so_far}",
        jobs,
        "record",
        f"the sum of jobs_created for {jobs_year} over {plural(reporting, 'resident')}"
        f"{_published(registry, 'jobs_created', jobs_year)}",
    )
    ledger.add(
        f"n({jobs_year})",
        f"residents at the end of {jobs_year}",
        n_jobs,
        "record",
        f"residents whose joined date is on or before {jobs_year}-12-31",
    )
    named = f"--jobs-year = {jobs_year}" if origin != "record" else f"{rule} = {jobs_year}"
    ledger.formulas.append(f"J = {named}")
    ledger.formulas.append(
        "n(t) = residents whose joined date is on or before 31 December of t; "
        f"n({jobs_year}) = {n_jobs}"
    )
    if partial:
        ledger.notes.append(
            f"The jobs year {jobs_year} had not ended at {registry.info.as_of}: p counts the "
            "jobs of part of a year as a whole year's."
        )
    if not n_jobs:
        ledger.formulas.append(f"p = 0, since no resident had joined by the end of {jobs_year}")
        ledger.add("p", "new jobs per resident per year", 0.0, "record", "0: no residents")
        return jobs_year, jobs, 0, 0.0
    try:
        per_resident = jobs / n_jobs
    except OverflowError:
        raise UzitError(
            f"the jobs created in {jobs_year} add up to a number too large to compute with "
            f"(about {int(jobs.bit_length() * 0.30103) + 1:,} digits); check jobs_created"
        ) from None
    ledger.formulas.append(
        f"p = jobs created in J ÷ n(J) = {jobs} ÷ {n_jobs} = {num(per_resident)}"
    )
    ledger.add("p", "new jobs per resident per year", per_resident, "record", f"{jobs} ÷ {n_jobs}")
    return jobs_year, jobs, n_jobs, per_resident


def _jobs_growth(options: ProjectionOptions, ledger: Ledger) -> None:
    j, meaning = options.jobs_growth, "annual growth of jobs per resident"
    if j:
        ledger.add("j", meaning, j, "flag --jobs-growth", "")
    else:
        ledger.add(
            "j", meaning, j, "assumption", "jobs per resident stay at p (change with --jobs-growth)"
        )


@dataclass(frozen=True)
class _Shortage:
    value: int
    year: int | None
    source: str
    note: str | None


def _shortage(registry: Registry, ledger: Ledger) -> _Shortage | None:
    """V: Japan's IT specialist shortage, from the registry's japan_it_shortage target."""
    target = registry.info.target("japan_it_shortage")
    if target is None or target.value is None:
        ledger.notes.append(
            "The registry has no japan_it_shortage target with a value, so no share of "
            "Japan's shortage is computed."
        )
        return None
    ledger.add(
        "V",
        f"Japan's IT specialist shortage in {target.year}",
        target.value,
        f"target {target.source}",
        target.note or "",
    )
    others = registry.info.other_targets("japan_it_shortage")
    if others:
        listed = "; ".join(f"{t.value} in {t.year} ({t.source})" for t in others)
        ledger.notes.append(
            f"The registry has {len(others) + 1} japan_it_shortage targets; the one with the "
            f"latest year is used ({target.year}). The others: {listed}."
        )
    if target.value == 0:
        ledger.notes.append(
            f"The japan_it_shortage target ({target.source}) is 0, so no share of it is "
            "computed: a share of nothing has no meaning."
        )
    return _Shortage(target.value, target.year, target.source, target.note)
