"""The base of every scenario: what the registry says at its base year (B, L, R0, s, J, p, V).

Each number is computed first and then recorded in a `Ledger` with where it came from and the
formula in words, so `--explain` can show how to redo it by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from uzit_cli.language import N_, _, _n
from uzit_cli.model import Registry, Resident
from uzit_cli.numbers import whole
from uzit_cli.problems import UzitError
from uzit_cli.projection.results import Base, Input, JsonValue, ProjectionOptions
from uzit_cli.projection.text import Said, Written, joined, number
from uzit_cli.query import resolve_jobs_year


@dataclass
class Ledger:
    """What a projection rests on, in the order it was worked out; its words are `Said`s
    (projection/text.py), English text that views show in the reader's language."""

    inputs: list[Input] = field(default_factory=list)
    formulas: list[Said] = field(default_factory=list)
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
            return Said(
                N_("; the published figure is {value} ({source})"),
                value=figure.value,
                source=figure.source,
            )
    return ""


def _with_published(detail: Said, published: str) -> Said:
    """A detail and, when the registry has one, the published figure it matches."""
    if not published:
        return detail
    return Said("{detail}{published}", detail=detail, published=published)  # no words of its own


def _summed(year_and_count: tuple[int, int]) -> str:
    year, count = year_and_count
    return _n(
        "the sum of jobs_created for {year} over {count} resident",
        "the sum of jobs_created for {year} over {count} residents",
        count,
    ).format(year=year, count=whole(count))


def compute_base(registry: Registry, options: ProjectionOptions, year: int, ledger: Ledger) -> Base:
    """B, Y, R0, s, L, J, p, j and V, each recorded in `ledger` with its origin."""
    info, residents, b = registry.info, registry.residents, registry.base_year
    r0 = len(residents)
    exporting = sum(1 for r in residents if r.exports_to_japan)
    ledger.add(
        "B",
        Said(N_("base year")),
        b,
        "record",
        Said(N_("the year of registry.as_of {as_of}"), as_of=info.as_of),
    )
    given = "flag --year" if options.year is not None else "default"
    ledger.add("Y", Said(N_("last projected year")), year, given, "")
    ledger.formulas.append(
        Said(N_("B = the year of registry.as_of ({as_of}) = {year}"), as_of=info.as_of, year=b)
    )
    records = Said(N_("{count} resident records as of {as_of}"), count=r0, as_of=info.as_of)
    ledger.add(
        "R0",
        Said(N_("residents in the base year")),
        r0,
        "record",
        _with_published(records, _published(registry, "residents")),
    )
    ledger.formulas.append(Said(N_("R0 = the number of resident records = {count}"), count=r0))
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
    meaning = Said(N_("share of residents exporting to Japan"))
    if options.exporter_share is not None:
        share = options.exporter_share
        ledger.add("s", meaning, share, "flag --exporter-share", "")
        ledger.formulas.append(Said(N_("s = --exporter-share = {share}"), share=number(share)))
        return share, "flag --exporter-share"
    share = exporting / r0 if r0 else 0.0
    detail = Said(
        N_("{exporting} of {count} residents have exports_to_japan: true"),
        exporting=exporting,
        count=r0,
    )
    published = _published(registry, "exporting_to_japan")
    ledger.add("s", meaning, share, "record", _with_published(detail, published))
    if r0:
        ledger.formulas.append(
            Said(
                N_("s = residents exporting to Japan ÷ R0 = {exporting} ÷ {count} = {share}"),
                exporting=exporting,
                count=r0,
                share=number(share),
            )
        )
    else:
        ledger.formulas.append(Said(N_("s = 0, since there are no residents to divide by")))
        ledger.notes.append(
            Said(
                N_(
                    "the registry has no residents, so every scenario stays at 0 residents and "
                    "0 jobs; the share exporting to Japan is taken as 0"
                )
            )
        )
    return share, "record"


def _jobs_per_resident(
    registry: Registry, options: ProjectionOptions, ledger: Ledger
) -> tuple[int | None, int, int, float]:
    """J, jobs created in J, n(J) and p."""
    residents, last = registry.residents, registry.info.last_complete_year
    jobs_year = resolve_jobs_year(residents, options.jobs_year, last, registry.info.as_of.year)
    rule = Said(
        N_("the latest year up to {last} (the last complete year) in which residents created jobs"),
        last=last,
    )
    per_year = Said(N_("new jobs per resident per year"))
    if jobs_year is None:
        ledger.formulas.append(Said(N_("J = {rule}: none"), rule=rule))
        ledger.formulas.append(Said(N_("p = 0, since no complete year has jobs data")))
        ledger.notes.append(
            Said(
                N_(
                    "no resident reports jobs created in a year up to {last}, the last complete "
                    "year, so jobs per resident p is 0 and every scenario creates 0 new jobs"
                ),
                last=last,
            )
        )
        ledger.add("p", per_year, 0.0, "record", Said(N_("0: no jobs data")))
        return None, 0, 0, 0.0
    partial = jobs_year > last
    jobs = sum(r.jobs_created.get(jobs_year, 0) for r in residents)
    n_jobs = residents_at_end(residents, jobs_year)
    reporting = sum(1 for r in residents if jobs_year in r.jobs_created)
    origin = "flag --jobs-year" if options.jobs_year is not None else "record"
    so_far = (
        Said(N_("so far (the year had not ended at {as_of})"), as_of=registry.info.as_of)
        if partial
        else ""
    )
    if not jobs:  # only a year asked for can have none: the default year has jobs by definition
        with_data = sorted({y for r in residents for y, n in r.jobs_created.items() if n > 0})
        ledger.notes.append(
            Said(
                N_(
                    "no resident reports jobs created in {year} (--jobs-year), so jobs per "
                    "resident p is 0 and every scenario creates 0 new jobs; years with jobs: "
                    "{years}"
                ),
                year=jobs_year,
                years=", ".join(map(str, with_data)) if with_data else Said(N_("none")),
            )
        )
    ledger.add(
        "J", Said(N_("jobs year")), jobs_year, origin, rule if origin == "record" else so_far
    )
    created = (
        Said(N_("jobs created in {year} {so_far}"), year=jobs_year, so_far=so_far)
        if partial
        else Said(N_("jobs created in {year}"), year=jobs_year)
    )
    # no words of its own: the sentence is a plural, written when shown
    summed = Said("{summed}", summed=Written(_summed, (jobs_year, reporting)))
    ledger.add(
        f"jobs({jobs_year})",
        created,
        jobs,
        "record",
        _with_published(summed, _published(registry, "jobs_created", jobs_year)),
    )
    ledger.add(
        f"n({jobs_year})",
        Said(N_("residents at the end of {year}"), year=jobs_year),
        n_jobs,
        "record",
        Said(
            N_("residents whose joined date is on or before {day}"),
            day=dt.date(jobs_year, 12, 31),
        ),
    )
    if origin != "record":
        ledger.formulas.append(Said(N_("J = --jobs-year = {year}"), year=jobs_year))
    else:
        ledger.formulas.append(Said(N_("J = {rule} = {year}"), rule=rule, year=jobs_year))
    ledger.formulas.append(
        Said(
            N_(
                "n(t) = residents whose joined date is on or before 31 December of t; "
                "n({year}) = {count}"
            ),
            year=jobs_year,
            count=n_jobs,
        )
    )
    if partial:
        ledger.notes.append(
            Said(
                N_(
                    "the jobs year {year} had not ended at {as_of}: p counts the jobs of part of "
                    "a year as a whole year's"
                ),
                year=jobs_year,
                as_of=registry.info.as_of,
            )
        )
    if not n_jobs:
        ledger.formulas.append(
            Said(N_("p = 0, since no resident had joined by the end of {year}"), year=jobs_year)
        )
        ledger.add("p", per_year, 0.0, "record", Said(N_("0: no residents")))
        return jobs_year, jobs, 0, 0.0
    try:
        per_resident = jobs / n_jobs
    except OverflowError:
        raise UzitError(
            _(
                "the jobs created in {year} add up to a number too large to compute with "
                "(about {digits} digits); check jobs_created"
            ).format(year=jobs_year, digits=whole(int(jobs.bit_length() * 0.30103) + 1))
        ) from None
    ledger.formulas.append(
        Said(
            N_("p = jobs created in J ÷ n(J) = {jobs} ÷ {count} = {per_resident}"),
            jobs=jobs,
            count=n_jobs,
            per_resident=number(per_resident),
        )
    )
    ledger.add("p", per_year, per_resident, "record", f"{jobs} ÷ {n_jobs}")
    return jobs_year, jobs, n_jobs, per_resident


def _jobs_growth(options: ProjectionOptions, ledger: Ledger) -> None:
    j, meaning = options.jobs_growth, Said(N_("annual growth of jobs per resident"))
    if j:
        ledger.add("j", meaning, j, "flag --jobs-growth", "")
    else:
        ledger.add(
            "j",
            meaning,
            j,
            "assumption",
            Said(N_("jobs per resident stay at p (change with --jobs-growth)")),
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
            Said(
                N_(
                    "the registry has no japan_it_shortage target with a value, so no share of "
                    "Japan's shortage is computed"
                )
            )
        )
        return None
    ledger.add(
        "V",
        Said(N_("Japan's IT specialist shortage in {year}"), year=target.year),
        target.value,
        f"target {target.source}",
        target.note or "",
    )
    others = registry.info.other_targets("japan_it_shortage")
    if others:
        listed = joined(
            Said(N_("{value} in {year} ({source})"), value=t.value, year=t.year, source=t.source)
            for t in others
        )
        ledger.notes.append(
            Said(
                N_(
                    "the registry has {count} japan_it_shortage targets; the one with the latest "
                    "year is used ({year}); the others: {others}"
                ),
                count=len(others) + 1,
                year=target.year,
                others=listed,
            )
        )
    if target.value == 0:
        ledger.notes.append(
            Said(
                N_(
                    "the japan_it_shortage target ({source}) is 0, so no share of it is "
                    "computed: a share of nothing has no meaning"
                ),
                source=target.source,
            )
        )
    return _Shortage(target.value, target.year, target.source, target.note)
