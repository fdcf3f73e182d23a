"""The scenarios, one object each: its growth rate, its description and assumptions, and (apart
from the arithmetic) its explanation. SCENARIOS lists them; adding one is one class here.

A scenario's `rate()` returns a `Rate`, or the reason it is left out as a string. A scenario
owns its options (`options`: flag, help, how the text is read, an example), checks their
values (`check`) and gives example options it computes with (`examples`, which a test runs):
`uzit project` and `uzit report` take the options, help and completion from here.
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
from uzit_cli.model import Registry, Target
from uzit_cli.problems import UsageError
from uzit_cli.projection.base import Ledger, residents_at_end
from uzit_cli.projection.rates import num, parse_rate, pct, power
from uzit_cli.projection.results import Base, JsonValue, ProjectionOptions, Snapshots
from uzit_cli.words import plural

TREND_YEARS = 3  # the trend looks back this many complete years
TREND_MAX_RATE = 1.0  # above 100 % a year, a trend is not shown unless asked for


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
    `cause` names what set the rate (a flag, or the registry value), for overflow messages."""

    rate: float
    growth: Callable[[int], float]
    description: str
    formula: str
    cause: str
    assumptions: Mapping[str, JsonValue] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    weak: bool = False


@dataclass(frozen=True)
class ScenarioOption:
    """An option a scenario owns. `read` turns the text typed into the value (ValueError with
    a message naming the flag); `kind` is the value's type; `help` ends before the example."""

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
            raise ValueError(f"{flag}: '{text}' is not a year: write one such as 2030")
        return int(text.strip())

    return read


def read_factor(flag: str) -> Callable[[str], float | int]:
    def read(text: str) -> float:
        try:
            return float(text.strip())
        except ValueError:
            raise ValueError(
                f"{flag}: '{text}' is not a number: write a factor above 1, such as 2 to double"
            ) from None

    return read


def read_rate(flag: str) -> Callable[[str], float | int]:
    return lambda text: parse_rate(text, flag)


class Scenario:
    name: ClassVar[str]
    summary: ClassVar[str]  # one line for help and docs
    options: ClassVar[tuple[ScenarioOption, ...]] = ()
    #: Options this scenario computes with, for the test that computes every scenario.
    examples: ClassVar[tuple[Mapping[str, object], ...]] = ({},)

    def wanted_by_default(self, options: ProjectionOptions) -> bool:
        return True

    def check(self, options: ProjectionOptions) -> None:
        """A UsageError for a value of this scenario's options that is out of range."""

    def rate(self, situation: Situation) -> Rate | str:
        raise NotImplementedError


class TargetScenario(Scenario):
    name = "target"
    summary = "the registry's residents target (or --target-factor and --target-year)"
    options = (
        ScenarioOption(
            "target_factor",
            "--target-factor",
            "F",
            "Growth factor of residents for the target scenario, above 1 (2 doubles). "
            "Default: the registry's residents target.",
            "1.5",
            read_factor("--target-factor"),
        ),
        ScenarioOption(
            "target_year",
            "--target-year",
            "YEAR",
            "Year by which the target scenario reaches its factor, after the base year (one "
            "that is not leaves target out, with a warning); it also revives a residents "
            "target dated on or before the base year, with that target's factor. Default: the "
            "registry's residents target (the latest by year; of two with the same year, the "
            "first in the file).",
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
                f"--target-factor must be a finite number above 1 (2 to double), not {num(factor)}"
            )

    def rate(self, situation: Situation) -> Rate | str:
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
                    return (
                        f"the residents target is {target.value} residents, and there are {r0} "
                        "residents to grow from; give --target-factor instead"
                    )
                factor = target.value / r0
        year, year_origin = options.target_year, "flag --target-year"
        if year is None and target is not None:
            year, year_origin = _target_year(target), f"target {target.source}"
        if factor is None or year is None:
            missing = " and ".join(
                flag
                for flag, value in (("--target-factor", factor), ("--target-year", year))
                if value is None
            )
            return f"the registry has no residents target; give {missing} to set one"
        if year <= b:  # the spec: leave target out, never an error while others remain
            given = (
                "--target-year" if year_origin.startswith("flag") else "the residents target year"
            )
            return (
                f"{given} {year} is not after the base year {b}; "
                f"give --target-year {b + 1} or later"
            )
        note = target.note if target is not None and year_origin.startswith("target") else None
        assumed = year_origin.startswith("flag") or "assum" in (note or "").lower()
        span = year - b
        rate = power(factor, 1 / span) - 1
        factor_detail = ""
        if options.target_factor is None and target is not None and target.factor is None:
            factor_detail = f"the target's {target.value} residents ÷ R0 = {target.value} ÷ {r0}"
        ledger.add("F", "target growth factor for residents", factor, factor_origin, factor_detail)
        ledger.add(
            "T",
            "target year",
            year,
            year_origin,
            "an assumption: " + (note or "given as a flag") if assumed else (note or ""),
        )
        _list_other_targets(situation, target)
        after = situation.year > year
        f = factor
        return Rate(
            rate=rate,
            # F^((y−B)/(T−B)) equals (1+g)^(y−B) and lands exactly on F at T
            growth=lambda t: power(f, t / span),
            description=f"residents grow {pct(rate)} a year to reach {num(factor)}× by {year}"
            + (" (the year is an assumption)" if assumed else "")
            + (", and at the same rate after it" if after else ""),
            formula=f"target: g = F^(1 ÷ (T − B)) − 1 = {num(factor)}^(1 ÷ ({year} − {b})) − 1 "
            f"= {num(rate)} ({pct(rate)} a year); computed as R(y) = R0 × F^((y − B) ÷ (T − B)), "
            "the same number",
            cause="--target-factor" if factor_origin.startswith("flag") else "the target factor",
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
    listed = "; ".join(
        f"{num(t.factor)}× by {t.by}" if t.factor is not None else f"{t.value} in {t.year}"
        for t in others
    )
    year = _target_year(used)
    chosen = f"the one with the latest year is used ({year}"
    if situation.options.target_year is not None and year != situation.options.target_year:
        chosen += f"; its factor, by --target-year {situation.options.target_year}"
    situation.ledger.notes.append(
        f"The registry has {len(others) + 1} residents targets; {chosen}). The others: {listed}."
    )


class TrendScenario(Scenario):
    name = "trend"
    summary = (
        "the compound growth of year-end resident counts over the last complete years (with "
        "--history: between the as_of snapshots in the registry's git history)"
    )
    examples = (
        {},
        {"history": Snapshots(((dt.date(2021, 2, 28), 2), (dt.date(2025, 2, 28), 4)))},
    )

    def rate(self, situation: Situation) -> Rate | str:
        if situation.options.history is not None:
            return self._from_snapshots(situation, situation.options.history)
        return self._from_joined_dates(situation)

    def _from_snapshots(self, situation: Situation, snapshots: Snapshots) -> Rate | str:
        """The trend's rule applied to the growth between the first and last as_of snapshot:
        shown by default only when they are TREND_YEARS or more apart and the rate is at most
        TREND_MAX_RATE; otherwise left out with the reason, or marked when asked for."""
        if snapshots.problem is not None:
            return f"no trend from git history: {snapshots.problem}"
        points = snapshots.points
        if len(points) < 2:
            dates = plural(len(points), "distinct as_of date")
            return f"the git history has {dates}, and a rate from it needs two"
        (start, first), (end, last) = points[0], points[-1]
        years = (end - start).days / 365.25
        if first <= 0 or last <= 0 or years <= 0:
            return f"the snapshots of {start} ({first}) and {end} ({last}) give no growth rate"
        rate = power(last / first, 1 / years) - 1
        horizon = situation.year - situation.base.base_year
        weak_reasons = []
        if years < TREND_YEARS:
            weak_reasons.append(
                f"it rests on as_of snapshots {years:.1f} years apart ({start} to {end}), "
                f"not {TREND_YEARS}"
            )
        if not rate <= TREND_MAX_RATE:
            shown = pct(rate) if math.isfinite(rate) else "too large a number"
            weak_reasons.append(
                f"its rate from git history is {shown} a year ({first} to {last} residents), "
                f"above {pct(TREND_MAX_RATE)}"
            )
        if weak_reasons and self.name not in situation.asked:
            return "; ".join(weak_reasons) + " (--scenario trend shows it, marked)"
        if not math.isfinite(power(1 + rate, horizon)):
            return "; ".join([*weak_reasons, f"it cannot be computed over {horizon} years"])
        for when, count in ((start, first), (end, last)):
            situation.ledger.add(
                f"R({when})", f"residents on {when}", count, "git history", "an as_of snapshot"
            )
        situation.ledger.notes.append(
            f"trend: estimated from the as_of snapshots in git history "
            f"({plural(len(points), 'date')}, {start} to {end}), not from the joined dates"
        )
        return Rate(
            rate=rate,
            growth=lambda t: power(1 + rate, t),
            description=f"residents grow {pct(rate)} a year, the compound growth between the "
            f"as_of snapshots in git history ({start}: {first}, {end}: {last})",
            formula=f"trend (from git history): g = (R({end}) ÷ R({start}))^(1 ÷ {years:.3f}) "
            f"− 1 = ({last} ÷ {first})^(1 ÷ {years:.3f}) − 1 = {num(rate)} ({pct(rate)} a year)",
            cause="the as_of snapshots in git history",
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

    def _from_joined_dates(self, situation: Situation) -> Rate | str:
        residents, ledger = situation.registry.residents, situation.ledger
        last = situation.base.last_complete_year
        first = min((r.joined.year for r in residents), default=None)
        if first is None or first > last:
            return f"no resident had joined by the end of {last}, so there is no history to extend"
        if first == last:
            return (
                f"only {last} ends with residents (none before), so there is no year-on-year "
                "growth to measure"
            )
        k = min(TREND_YEARS, last - first)
        start, end = residents_at_end(residents, last - k), residents_at_end(residents, last)
        found = compound_rate(start, end, k)
        if found is None:  # cannot happen: n(first) > 0 and k >= 1
            return f"the residents at the end of {last - k} give no growth rate"
        rate = found
        weak_reasons = []
        if k < TREND_YEARS:
            weak_reasons.append(
                f"it rests on {plural(k, 'year')} of history ({last - k}–{last}), "
                f"not {TREND_YEARS}: no resident had joined before {first}"
            )
        if rate > TREND_MAX_RATE:
            years = situation.year - situation.base.base_year
            weak_reasons.append(
                f"its rate is {pct(rate)} a year ({start} to {end} residents), above "
                f"{pct(TREND_MAX_RATE)}; kept for {plural(years, 'year')} it multiplies "
                "residents by "
                f"{num(power(1 + rate, years))}"
            )
        if weak_reasons and self.name not in situation.asked:
            return "; ".join(weak_reasons) + " (--scenario trend shows it, marked)"
        for year, count in ((last - k, start), (last, end)):
            ledger.add(
                f"n({year})",
                f"residents at the end of {year}",
                count,
                "record",
                f"residents whose joined date is on or before {year}-12-31",
            )
        return Rate(
            rate=rate,
            growth=lambda t: power(1 + rate, t),
            description=f"residents grow {pct(rate)} a year, the compound growth of year-end "
            f"resident counts {last - k}–{last}",
            formula=f"trend: g = (n(L) ÷ n(L − k))^(1 ÷ k) − 1 with L = {last}, the last "
            f"complete year, and k = {k} (at most {TREND_YEARS}, fewer where n is 0 earlier) "
            f"= ({end} ÷ {start})^(1 ÷ {k}) − 1 = {num(rate)} ({pct(rate)} a year)",
            cause="the registry's joined dates",
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


class SteadyScenario(Scenario):
    name = "steady"
    summary = "no new residents after the base year"

    def rate(self, situation: Situation) -> Rate:
        return Rate(
            rate=0.0,
            growth=lambda t: 1.0,
            description="no new residents after the base year; jobs keep coming at the current "
            "rate per resident",
            formula="steady: g = 0",
            cause="",
            assumptions={"annual_growth_rate": 0.0},
        )


class CustomScenario(Scenario):
    name = "custom"
    summary = "--growth-rate RATE a year"
    options = (
        ScenarioOption(
            "growth_rate",
            "--growth-rate",
            "RATE",
            "Annual growth of residents for a custom scenario, above -100%: a fraction "
            "between -1 and 1, or a percentage (a bare 10 is refused as ambiguous: write 10% "
            "or 1000%); adds the custom scenario.",
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
            raise UsageError(f"--growth-rate must be above -100 % (-1), not {num(rate)}")
        if self.name in options.scenarios and rate is None:
            raise UsageError(
                "--scenario custom needs --growth-rate RATE (a rate above -100%, e.g. 0.25 or 25%)"
            )

    def rate(self, situation: Situation) -> Rate | str:
        rate = situation.options.growth_rate
        if rate is None:
            return "it needs --growth-rate RATE (a rate above -100%, e.g. 0.25 or 25%)"
        situation.ledger.add(
            "g", "annual growth of residents (custom)", rate, "flag --growth-rate", ""
        )
        return Rate(
            rate=rate,
            growth=lambda t: power(1 + rate, t),
            description=f"residents grow {pct(rate)} a year, as given by --growth-rate",
            formula=f"custom: g = --growth-rate = {num(rate)} ({pct(rate)} a year)",
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


def frozen(mapping: Mapping[str, JsonValue]) -> Mapping[str, JsonValue]:
    return MappingProxyType(dict(mapping))
