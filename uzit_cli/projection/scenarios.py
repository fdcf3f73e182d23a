"""The scenarios, one object each: its growth rate, its description and assumptions, and (apart
from the arithmetic) its explanation. SCENARIOS lists them; adding one is one class here.

A scenario's `rate()` returns a `Rate`, or the reason it is left out as a `Said`. A scenario
owns its options (`options`: flag, help, how the text is read, an example), checks their
values (`check`) and gives example options it computes with (`examples`, which a test runs):
`uzit project` and `uzit report` take the options, help and completion from here. Its words
(`summary`, `label`, option help) are marked with `N_` and translated where they are shown;
what it says about a projection is a `Said` (projection/text.py): English in machine formats,
the reader's language in tables.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from uzit_cli.growth import compound_rate
from uzit_cli.language import N_, Np_, _, _n, _p, at_line_start
from uzit_cli.model import Registry, Target
from uzit_cli.numbers import decimal
from uzit_cli.problems import UsageError
from uzit_cli.projection.base import Ledger, residents_at_end
from uzit_cli.projection.rates import num, parse_rate, power
from uzit_cli.projection.results import Base, JsonValue, ProjectionOptions, Snapshots
from uzit_cli.projection.text import (
    Said,
    Written,
    days,
    joined,
    joined_reasons,
    number,
    verbatim,
    years,
)
from uzit_cli.projection.text import count as a_count
from uzit_cli.projection.text import rate as a_rate

TREND_YEARS = 3  # the trend looks back this many complete years
TREND_MAX_RATE = 1.0  # above 100 % a year, a trend is not shown unless asked for
HUGE_FACTOR = 1_000_000  # a trend's growth beyond this many times is said as "more than"


@dataclass(frozen=True)
class Situation:
    """What every scenario may read: the registry, the options, the base, and the ledger."""

    registry: Registry
    options: ProjectionOptions
    base: Base
    ledger: Ledger
    year: int  # Y, the last projected year

    @property
    def asked(self) -> tuple[str, ...]:
        return self.options.scenarios


@dataclass(frozen=True)
class Rate:
    """A scenario's yearly growth of residents. `growth(t)` is (1 + g)^t for t years on;
    `cause` names what set the rate (a flag, or the registry value), for overflow messages:
    a flag as it is typed, else words marked with `N_`."""

    rate: float
    growth: Callable[[int], float]
    description: Said
    formula: Said
    cause: str
    assumptions: Mapping[str, JsonValue] = field(default_factory=dict)
    warnings: tuple[Said, ...] = ()
    weak: bool = False


@dataclass(frozen=True)
class ScenarioOption:
    """An option a scenario owns. `read` turns the text typed into the value (ValueError with
    a message naming the flag, in the reader's language); `kind` is the value's type; `help`
    (marked with `N_`, translated where the help is shown) ends before the example."""

    name: str  # the name the scenario reads it by: ProjectionOptions.value(name)
    flag: str
    metavar: str
    help: str
    example: str
    read: Callable[[str], float | int]
    kind: type = float


def read_year(flag: str) -> Callable[[str], float | int]:
    def read(text: str) -> int:
        # the range depends on the registry, so it is checked later
        if not re.fullmatch(r"[0-9]{1,4}", text.strip()):  # not 2_030, not other digits
            raise ValueError(
                _("{flag}: '{text}' is not a year: write one such as 2030").format(
                    flag=flag, text=text
                )
            )
        return int(text.strip())

    return read


def read_factor(flag: str) -> Callable[[str], float | int]:
    def read(text: str) -> float:
        try:
            return float(text.strip())
        except ValueError:
            raise ValueError(
                _(
                    "{flag}: '{text}' is not a number: write a factor above 1, such as 2 to double"
                ).format(flag=flag, text=text)
            ) from None

    return read


def read_rate(flag: str) -> Callable[[str], float | int]:
    return lambda text: parse_rate(text, flag)


class Scenario:
    name: ClassVar[str]  # the id: on the command line and in machine formats, in any language
    label: ClassVar[str] = ""  # the name people read, Np_("scenario", ...); "": the id
    summary: ClassVar[str]  # one line for help and docs, marked with N_
    options: ClassVar[tuple[ScenarioOption, ...]] = ()
    #: Options this scenario computes with, for the test that computes every scenario.
    examples: ClassVar[tuple[Mapping[str, object], ...]] = ({},)

    def wanted_by_default(self, options: ProjectionOptions) -> bool:
        return True

    def check(self, options: ProjectionOptions) -> None:
        """A UsageError for a value of this scenario's options that is out of range."""

    def rate(self, situation: Situation) -> Rate | Said:
        raise NotImplementedError


class TargetScenario(Scenario):
    name = "target"
    label = Np_("scenario", "target")
    summary = N_("the registry's residents target (or --target-factor and --target-year)")
    options = (
        ScenarioOption(
            "target_factor",
            "--target-factor",
            "F",
            N_(
                "Growth factor of residents for the target scenario, above 1 (2 doubles). "
                "Default: the registry's residents target."
            ),
            "1.5",
            read_factor("--target-factor"),
        ),
        ScenarioOption(
            "target_year",
            "--target-year",
            "YEAR",
            N_(
                "Year by which the target scenario reaches its factor, after the base year (one "
                "that is not leaves target out, with a warning); it also revives a residents "
                "target dated on or before the base year, with that target's factor. Default: "
                "the registry's residents target (the latest by year; of two with the same "
                "year, the first in the file)."
            ),
            "2028",
            read_year("--target-year"),
            kind=int,
        ),
    )
    examples = ({}, {"target_factor": 2.0, "target_year": 2035})

    def check(self, options: ProjectionOptions) -> None:
        factor = options.target_factor
        if factor is not None and not (math.isfinite(factor) and factor > 1):
            raise UsageError(
                _(
                    "--target-factor must be a finite number above 1 (2 to double), not {factor}"
                ).format(factor=num(factor))
            )

    def rate(self, situation: Situation) -> Rate | Said:
        options, ledger, b = situation.options, situation.ledger, situation.base.base_year
        r0 = situation.base.residents
        target = _latest_target(situation.registry, b)
        factor, factor_origin = options.target_factor, "flag --target-factor"
        if factor is None and target is not None:
            factor_origin = f"target {target.source}"
            if target.factor is not None:
                factor = target.factor
            elif target.value is not None:
                if r0 == 0 or target.value <= 0:
                    return Said(
                        N_(
                            "the residents target is {value} residents, and there are {count} "
                            "residents to grow from; give --target-factor instead"
                        ),
                        value=target.value,
                        count=r0,
                    )
                factor = target.value / r0
        year, year_origin = options.target_year, "flag --target-year"
        if year is None and target is not None:
            year, year_origin = _target_year(target), f"target {target.source}"
        if factor is None or year is None:
            if factor is None and year is None:
                return Said(
                    N_(
                        "the registry has no residents target; give --target-factor and "
                        "--target-year to set one"
                    )
                )
            missing = "--target-factor" if factor is None else "--target-year"
            return Said(
                N_("the registry has no residents target; give {flag} to set one"), flag=missing
            )
        if year <= b:  # the spec: leave target out, never an error while others remain
            if year_origin.startswith("flag"):
                return Said(
                    N_(
                        "--target-year {year} is not after the base year {base}; give "
                        "--target-year {next} or later"
                    ),
                    year=year,
                    base=b,
                    next=b + 1,
                )
            return Said(
                N_(
                    "the residents target year {year} is not after the base year {base}; give "
                    "--target-year {next} or later"
                ),
                year=year,
                base=b,
                next=b + 1,
            )
        note = target.note if target is not None and year_origin.startswith("target") else None
        assumed = year_origin.startswith("flag") or "assum" in (note or "").lower()
        span = year - b
        rate = power(factor, 1 / span) - 1
        factor_detail = ""
        if options.target_factor is None and target is not None and target.factor is None:
            factor_detail = Said(
                N_("the target's {value} residents ÷ R0 = {value} ÷ {count}"),
                value=target.value,
                count=r0,
            )
        ledger.add(
            "F",
            Said(N_("target growth factor for residents")),
            factor,
            factor_origin,
            factor_detail,
        )
        year_detail = note or ""
        if assumed:
            year_detail = Said(
                N_("an assumption: {note}"), note=note or Said(N_("given as a flag"))
            )
        ledger.add("T", Said(N_("target year")), year, year_origin, year_detail)
        _list_other_targets(situation, target)
        after = situation.year > year
        f = factor
        return Rate(
            rate=rate,
            # F^((y−B)/(T−B)) equals (1+g)^(y−B) and lands exactly on F at T
            growth=lambda t: power(f, t / span),
            description=_target_description(rate, factor, year, assumed=assumed, after=after),
            formula=Said(
                N_(
                    "target: g = F^(1 ÷ (T − B)) − 1 = {factor}^(1 ÷ ({year} − {base})) − 1 = "
                    "{g} ({rate} a year); computed as R(y) = R0 × F^((y − B) ÷ (T − B)), the "
                    "same number"
                ),
                factor=number(factor),
                year=year,
                base=b,
                g=number(rate),
                rate=a_rate(rate),
            ),
            cause="--target-factor"
            if factor_origin.startswith("flag")
            else N_("the target factor"),
            assumptions={
                "factor": factor,
                "factor_origin": factor_origin,
                "target_year": year,
                "target_year_origin": year_origin,
                "target_year_is_assumption": assumed,
                "target_note": note,
                "same_rate_after_target_year": after,
            },
        )


def _target_description(
    growth: float, factor: float, year: int, *, assumed: bool, after: bool
) -> Said:
    """What the target scenario assumes, in one sentence (four forms, each whole)."""
    values = {"rate": a_rate(growth), "factor": number(factor), "year": year}
    if assumed and after:
        message = N_(
            "residents grow {rate} a year to reach {factor}× by {year} (the year is an "
            "assumption), and at the same rate after it"
        )
    elif assumed:
        message = N_(
            "residents grow {rate} a year to reach {factor}× by {year} (the year is an assumption)"
        )
    elif after:
        message = N_(
            "residents grow {rate} a year to reach {factor}× by {year}, and at the same rate "
            "after it"
        )
    else:
        message = N_("residents grow {rate} a year to reach {factor}× by {year}")
    return Said(message, **values)


def _target_year(target: Target) -> int | None:
    return target.by if target.by is not None else target.year


def _latest_target(registry: Registry, base_year: int) -> Target | None:
    """With several residents targets, the one with the latest year (of two with the same
    year, the first in the file); dated on or before the base year, it is left out unless
    --target-year gives it a later year."""
    return registry.info.target("residents")


def _list_other_targets(situation: Situation, used: Target | None) -> None:
    others = situation.registry.info.other_targets("residents")
    if used is None or not others:
        return
    listed = joined(
        Said(N_("{factor}× by {year}"), factor=number(t.factor), year=t.by)
        if t.factor is not None
        else Said(N_("{value} in {year}"), value=t.value, year=t.year)
        for t in others
    )
    year, asked = _target_year(used), situation.options.target_year
    if asked is not None and year != asked:
        note = Said(
            N_(
                "the registry has {count} residents targets; the one with the latest year is "
                "used ({year}; its factor, by --target-year {asked}); the others: {others}"
            ),
            count=len(others) + 1,
            year=year,
            asked=asked,
            others=listed,
        )
    else:
        note = Said(
            N_(
                "the registry has {count} residents targets; the one with the latest year is "
                "used ({year}); the others: {others}"
            ),
            count=len(others) + 1,
            year=year,
            others=listed,
        )
    situation.ledger.notes.append(note)


class TrendScenario(Scenario):
    name = "trend"
    label = Np_("scenario", "trend")
    summary = N_(
        "the compound growth of year-end resident counts over the last complete years (with "
        "--history: between the as_of snapshots in the registry's git history)"
    )
    examples = (
        {},
        {"history": Snapshots(((dt.date(2021, 2, 28), 2), (dt.date(2025, 2, 28), 4)))},
    )

    def rate(self, situation: Situation) -> Rate | Said:
        if situation.options.history is not None:
            return self._from_snapshots(situation, situation.options.history)
        return self._from_joined_dates(situation)

    def _from_snapshots(self, situation: Situation, snapshots: Snapshots) -> Rate | Said:
        """The trend's rule applied to the growth between the first and last as_of snapshot:
        shown by default only when they are TREND_YEARS or more apart and the rate is at most
        TREND_MAX_RATE; otherwise left out with the reason, or marked when asked for."""
        if snapshots.problem is not None:
            problem: object = snapshots.problem
            if snapshots.problem_shown is not None:
                problem = verbatim(snapshots.problem, snapshots.problem_shown)
            return Said(N_("no trend from git history: {problem}"), problem=problem)
        points = snapshots.points
        if len(points) < 2:
            return Said(
                N_("the git history has {dates}, and a rate from it needs two"),
                dates=Written(_distinct_dates, len(points)),
            )
        (start, first), (end, last) = points[0], points[-1]
        span = (end - start).days / 365.25
        if first <= 0 or last <= 0 or span <= 0:
            return Said(
                N_("the snapshots of {start} ({first}) and {end} ({last}) give no growth rate"),
                start=start,
                first=first,
                end=end,
                last=last,
            )
        rate = power(last / first, 1 / span) - 1
        horizon = situation.year - situation.base.base_year
        weak_reasons = []
        if span < 0.1:  # weeks apart: said in days (`0.0 years` said nothing)
            weak_reasons.append(
                Said(
                    N_(
                        "it rests on as_of snapshots {apart} apart ({start} to {end}), not "
                        "{wanted} years"
                    ),
                    apart=days((end - start).days),
                    start=start,
                    end=end,
                    wanted=TREND_YEARS,
                )
            )
        elif span < TREND_YEARS:
            weak_reasons.append(
                Said(
                    N_(
                        "it rests on as_of snapshots {apart} years apart ({start} to {end}), "
                        "not {wanted}"
                    ),
                    apart=Written(_one_decimal, span),
                    start=start,
                    end=end,
                    wanted=TREND_YEARS,
                )
            )
        if not rate <= TREND_MAX_RATE:
            values = {"first": first, "last": last, "most": a_rate(TREND_MAX_RATE)}
            if math.isfinite(rate):
                weak_reasons.append(
                    Said(
                        N_(
                            "its rate from git history is {rate} a year ({first} to {last} "
                            "residents), above {most}"
                        ),
                        rate=a_rate(rate),
                        **values,
                    )
                )
            else:
                weak_reasons.append(
                    Said(
                        N_(
                            "its rate from git history is too large a number a year ({first} "
                            "to {last} residents), above {most}"
                        ),
                        **values,
                    )
                )
        if weak_reasons and self.name not in situation.asked:
            return _shown_when_asked(weak_reasons)
        if not math.isfinite(power(1 + rate, horizon)):
            cannot = Said(N_("it cannot be computed over {years}"), years=years(horizon))
            # no words of its own to translate: the reasons, joined as the language joins them
            return Said("{reasons}", reasons=joined_reasons([*weak_reasons, cannot]))
        for when, count in ((start, first), (end, last)):
            situation.ledger.add(
                f"R({when})",
                Said(N_("residents on {date}"), date=when),
                count,
                "git history",
                Said(N_("an as_of snapshot")),
            )
        situation.ledger.notes.append(
            Said(
                N_(
                    "trend: estimated from the as_of snapshots in git history ({dates}, "
                    "{start} to {end}), not from the joined dates"
                ),
                dates=Written(_dates, len(points)),
                start=start,
                end=end,
            )
        )
        return Rate(
            rate=rate,
            growth=lambda t: power(1 + rate, t),
            description=Said(
                N_(
                    "residents grow {rate} a year, the compound growth between the as_of "
                    "snapshots in git history ({start}: {first}, {end}: {last})"
                ),
                rate=a_rate(rate),
                start=start,
                first=first,
                end=end,
                last=last,
            ),
            formula=Said(
                N_(
                    "trend (from git history): g = (R({end}) ÷ R({start}))^(1 ÷ {span}) − 1 = "
                    "({last} ÷ {first})^(1 ÷ {span}) − 1 = {g} ({rate} a year)"
                ),
                end=end,
                start=start,
                span=Written(_three_decimals, span),
                last=last,
                first=first,
                g=number(rate),
                rate=a_rate(rate),
            ),
            cause=N_("the as_of snapshots in git history"),
            assumptions={
                "estimator": "(R(last) ÷ R(first))^(1 ÷ years) − 1 over the as_of snapshots",
                "from_as_of": start.isoformat(),
                "to_as_of": end.isoformat(),
                "residents_from": first,
                "residents_to": last,
                "snapshots": len(points),
                "source": "git history",
            },
            warnings=tuple(weak_reasons),
            weak=bool(weak_reasons),
        )

    def _from_joined_dates(self, situation: Situation) -> Rate | Said:
        residents, ledger = situation.registry.residents, situation.ledger
        last = situation.base.last_complete_year
        first = min((r.joined.year for r in residents), default=None)
        if first is None or first > last:
            return Said(
                N_("no resident had joined by the end of {year}, so there is no history to extend"),
                year=last,
            )
        if first == last:
            return Said(
                N_(
                    "only {year} ends with residents (none before), so there is no year-on-year "
                    "growth to measure"
                ),
                year=last,
            )
        k = min(TREND_YEARS, last - first)
        start, end = residents_at_end(residents, last - k), residents_at_end(residents, last)
        found = compound_rate(start, end, k)
        if found is None:  # cannot happen: n(first) > 0 and k >= 1
            return Said(N_("the residents at the end of {year} give no growth rate"), year=last - k)
        rate = found
        weak_reasons = []
        if k < TREND_YEARS:
            weak_reasons.append(
                Said(
                    N_(
                        "it rests on {years} of history ({start}–{end}), not {wanted}: no "
                        "resident had joined before {first}"
                    ),
                    years=years(k),
                    start=last - k,
                    end=last,
                    wanted=TREND_YEARS,
                    first=first,
                )
            )
        if rate > TREND_MAX_RATE:
            horizon = situation.year - situation.base.base_year
            factor = power(1 + rate, horizon)
            multiplies = N_(
                "its rate is {rate} a year ({start} to {end} residents), above {most}; "
                "kept for {years} it multiplies residents by {factor}"
            )
            if factor >= HUGE_FACTOR:  # 7.17898e+23 is no number a reader reads
                multiplies = N_(
                    "its rate is {rate} a year ({start} to {end} residents), above {most}; "
                    "kept for {years} it multiplies residents by more than {factor}"
                )
                factor = HUGE_FACTOR
            weak_reasons.append(
                Said(
                    multiplies,
                    rate=a_rate(rate),
                    start=start,
                    end=end,
                    most=a_rate(TREND_MAX_RATE),
                    years=years(horizon),
                    # 243, 59,049; a small factor keeps a decimal (2.5)
                    factor=a_count(factor) if factor >= 10 else number(round(factor, 1)),
                )
            )
        if weak_reasons and self.name not in situation.asked:
            return _shown_when_asked(weak_reasons)
        for year, count in ((last - k, start), (last, end)):
            ledger.add(
                f"n({year})",
                Said(N_("residents at the end of {year}"), year=year),
                count,
                "record",
                Said(
                    N_("residents whose joined date is on or before {day}"),
                    day=dt.date(year, 12, 31),
                ),
            )
        return Rate(
            rate=rate,
            growth=lambda t: power(1 + rate, t),
            description=Said(
                N_(
                    "residents grow {rate} a year, the compound growth of year-end resident "
                    "counts {start}–{end}"
                ),
                rate=a_rate(rate),
                start=last - k,
                end=last,
            ),
            formula=Said(
                N_(
                    "trend: g = (n(L) ÷ n(L − k))^(1 ÷ k) − 1 with L = {last}, the last complete "
                    "year, and k = {k} (at most {most}, fewer where n is 0 earlier) = ({end} ÷ "
                    "{start})^(1 ÷ {k}) − 1 = {g} ({rate} a year)"
                ),
                last=last,
                k=k,
                most=TREND_YEARS,
                end=end,
                start=start,
                g=number(rate),
                rate=a_rate(rate),
            ),
            cause=N_("the registry's joined dates"),
            assumptions={
                "estimator": "(n(L) ÷ n(L − k))^(1 ÷ k) − 1, n(t) = residents at the end of t",
                "from_year": last - k,
                "to_year": last,
                "years": k,
                "residents_from": start,
                "residents_to": end,
            },
            warnings=tuple(weak_reasons),
            weak=bool(weak_reasons),
        )


def _shown_when_asked(reasons: list[Said]) -> Said:
    """Why a weak trend is left out of the default output, and how to see it anyway."""
    return Said(
        N_("{reasons} (--scenario trend shows it, marked)"), reasons=joined_reasons(reasons)
    )


def _distinct_dates(count: int) -> str:
    return _n("{count} distinct as_of date", "{count} distinct as_of dates", count).format(
        count=count
    )


def _dates(count: int) -> str:
    return _n("{count} date", "{count} dates", count).format(count=count)


def _one_decimal(value: float) -> str:
    return decimal(value, 1)


def _three_decimals(value: float) -> str:
    return decimal(value, 3)


class SteadyScenario(Scenario):
    name = "steady"
    label = Np_("scenario", "steady")
    summary = N_("no new residents after the base year")

    def rate(self, situation: Situation) -> Rate:
        return Rate(
            rate=0.0,
            growth=lambda t: 1.0,
            description=Said(
                N_(
                    "no new residents after the base year; jobs keep coming at the current rate "
                    "per resident"
                )
            ),
            formula=Said(N_("steady: g = 0")),
            cause="",
            assumptions={"annual_growth_rate": 0.0},
        )


class CustomScenario(Scenario):
    name = "custom"
    label = Np_("scenario", "custom")
    summary = N_("--growth-rate RATE a year")
    options = (
        ScenarioOption(
            "growth_rate",
            "--growth-rate",
            "RATE",
            N_(
                "Annual growth of residents for a custom scenario, above -100%: a fraction "
                "between -1 and 1, or a percentage (a bare 10 is refused as ambiguous: write "
                "10% or 1000%); adds the custom scenario."
            ),
            "25%",
            read_rate("--growth-rate"),
        ),
    )
    examples = ({"growth_rate": 0.25}, {"growth_rate": -0.5})

    def wanted_by_default(self, options: ProjectionOptions) -> bool:
        return options.growth_rate is not None

    def check(self, options: ProjectionOptions) -> None:
        rate = options.growth_rate
        if rate is not None and not (math.isfinite(rate) and rate > -1):
            raise UsageError(
                _("--growth-rate must be above -100 % (-1), not {rate}").format(rate=num(rate))
            )
        if self.name in options.scenarios and rate is None:
            raise UsageError(
                _(
                    "--scenario custom needs --growth-rate RATE (a rate above -100%, e.g. 0.25 "
                    "or 25%)"
                )
            )

    def rate(self, situation: Situation) -> Rate | Said:
        rate = situation.options.growth_rate
        if rate is None:
            return Said(N_("it needs --growth-rate RATE (a rate above -100%, e.g. 0.25 or 25%)"))
        situation.ledger.add(
            "g", Said(N_("annual growth of residents (custom)")), rate, "flag --growth-rate", ""
        )
        return Rate(
            rate=rate,
            growth=lambda t: power(1 + rate, t),
            description=Said(
                N_("residents grow {rate} a year, as given by --growth-rate"), rate=a_rate(rate)
            ),
            formula=Said(
                N_("custom: g = --growth-rate = {g} ({rate} a year)"),
                g=number(rate),
                rate=a_rate(rate),
            ),
            cause="--growth-rate",
            assumptions={
                "annual_growth_rate": rate,
                "annual_growth_rate_origin": "flag --growth-rate",
            },
        )


#: Every scenario, in the order they are shown by default.
SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (TargetScenario(), TrendScenario(), SteadyScenario(), CustomScenario())
}
SCENARIO_NAMES: tuple[str, ...] = tuple(SCENARIOS)


def scenario_label(name: str) -> str:
    """A scenario as people read it: its label in the reader's language (the id in English,
    and for a name that is not a scenario's)."""
    scenario = SCENARIOS.get(name)
    return _p("scenario", scenario.label) if scenario is not None and scenario.label else name


def scenario_heading(name: str) -> str:
    """A scenario's label where it starts a line, a table cell or a heading: with a capital
    first letter where the reader's language has capitals (Russian `Целевой`, in a sentence
    `целевой`). A label that is the id (every one in English) stays as `--scenario` takes it."""
    return at_line_start(scenario_label(name), name)


def frozen(mapping: Mapping[str, JsonValue]) -> Mapping[str, JsonValue]:
    return MappingProxyType(dict(mapping))
