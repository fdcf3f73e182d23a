"""The scenarios, one object each: its growth rate, its description and assumptions, and (apart
from the arithmetic) its explanation. SCENARIOS lists them; adding one is one class here.

A scenario's `rate()` returns a `Rate`, or the reason it is left out as a string.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from uzit_cli.growth import compound_rate
from uzit_cli.model import Registry, Target
from uzit_cli.projection.base import Ledger, residents_at_end
from uzit_cli.projection.rates import num, pct, power
from uzit_cli.projection.results import Base, JsonValue, ProjectionOptions
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


class Scenario:
    name: ClassVar[str]
    summary: ClassVar[str]  # one line for help and docs

    def wanted_by_default(self, options: ProjectionOptions) -> bool:
        return True

    def rate(self, situation: Situation) -> Rate | str:
        raise NotImplementedError


class TargetScenario(Scenario):
    name = "target"
    summary = "the registry's residents target (or --target-factor and --target-year)"

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
    """With several residents targets, the one with the latest year after the base year
    (else the latest of all, which is then left out for its year)."""
    targets = [t for t in registry.info.targets if t.metric == "residents"]
    after = [t for t in targets if (_target_year(t) or 0) > base_year]
    pool = after or targets
    return max(pool, key=lambda t: _target_year(t) or 0, default=None)


def _list_other_targets(situation: Situation, used: Target | None) -> None:
    others = [
        t for t in situation.registry.info.targets if t.metric == "residents" and t is not used
    ]
    if used is None or not others:
        return
    listed = "; ".join(
        f"{num(t.factor)}× by {t.by}" if t.factor is not None else f"{t.value} in {t.year}"
        for t in others
    )
    situation.ledger.notes.append(
        f"The registry has {len(others) + 1} residents targets; the one with the latest year "
        f"after {situation.base.base_year} is used ({_target_year(used)}). The others: {listed}."
    )


class TrendScenario(Scenario):
    name = "trend"
    summary = "the compound growth of year-end resident counts over the last complete years"

    def rate(self, situation: Situation) -> Rate | str:
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

    def wanted_by_default(self, options: ProjectionOptions) -> bool:
        return options.growth_rate is not None

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
