"""Growth projections of residents and the jobs they create, year by year, per scenario.

Pure: a `Registry` and `ProjectionOptions` in, a `Projection` out. The model is that of
docs/projection.md; every input carries where it came from and every formula is kept in words
with its values, so `--explain` can show how to redo each number by hand.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import TypeAlias

from uzit_cli.model import Registry, Target
from uzit_cli.problems import UsageError
from uzit_cli.words import did_you_mean

JsonValue: TypeAlias = "str | int | float | bool | None"

DEFAULT_YEAR = 2030
MAX_YEARS_AHEAD = 50
TREND_YEARS = 3  # the trend looks back at most this many complete years
SCENARIO_NAMES = ("target", "trend", "steady", "custom")

ILLUSTRATIVE_NOTE = (
    "The registry is marked illustrative: its resident records are stand-ins chosen to match "
    "published totals, so these projections show the method, not a forecast for real companies."
)
CONTEXT_NOTE = (
    "The share of Japan's IT specialist shortage is context only: jobs in Uzbekistan are not "
    "specialists placed in Japan."
)


def shortage_year_note(shortage: int, figure_year: int, year: int) -> str:
    """Why a share after the shortage figure's year is weaker: no later figure to divide by."""
    later = str(figure_year + 1) if year == figure_year + 1 else f"{figure_year + 1}–{year}"
    return (
        f"Japan's IT specialist shortage figure ({shortage:,}) is for {figure_year}; the shares "
        f"for {later} still divide by it, since the registry has no later figure."
    )


def parse_rate(text: str) -> float:
    """A rate as a fraction: "0.25" and "25%" are both 0.25. Range checks are left to callers."""
    body = text.strip()
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    try:
        number = Decimal(body)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number: write a rate such as 0.25 or 25%") from None
    if not number.is_finite():
        raise ValueError(f"'{text}' is not a finite number: write a rate such as 0.25 or 25%")
    value = float(number / 100 if percent else number)
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is too large to compute with")
    return value


@dataclass(frozen=True, slots=True)
class ProjectionOptions:
    """The flags of `uzit project`; None means "take it from the registry"."""

    year: int = DEFAULT_YEAR
    scenarios: tuple[str, ...] = ()  # empty: every scenario that can be computed
    target_factor: float | None = None
    target_year: int | None = None
    growth_rate: float | None = None
    exporter_share: float | None = None
    jobs_growth: float = 0.0


@dataclass(frozen=True, slots=True)
class Base:
    """What the registry says at its base year, and the rates derived from it."""

    base_year: int
    as_of: dt.date
    residents: int
    exporting_to_japan: int
    exporter_share: float
    exporter_share_origin: str
    jobs_year: int | None
    jobs_in_jobs_year: int
    residents_in_jobs_year: int
    jobs_per_resident: float
    japan_shortage: int | None
    japan_shortage_year: int | None
    japan_shortage_source: str | None
    japan_shortage_note: str | None

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "base_year": self.base_year,
            "as_of": self.as_of.isoformat(),
            "residents": self.residents,
            "exporting_to_japan": self.exporting_to_japan,
            "exporter_share": self.exporter_share,
            "exporter_share_origin": self.exporter_share_origin,
            "jobs_year": self.jobs_year,
            "jobs_in_jobs_year": self.jobs_in_jobs_year,
            "residents_in_jobs_year": self.residents_in_jobs_year,
            "jobs_per_resident": self.jobs_per_resident,
            "japan_shortage": self.japan_shortage,
            "japan_shortage_year": self.japan_shortage_year,
            "japan_shortage_source": self.japan_shortage_source,
            "japan_shortage_note": self.japan_shortage_note,
        }


@dataclass(frozen=True, slots=True)
class YearRow:
    year: int
    residents: float
    exporting_to_japan: float
    new_jobs: float
    cumulative_jobs: float
    japan_shortage_share: float | None

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "year": self.year,
            "residents": self.residents,
            "exporting_to_japan": self.exporting_to_japan,
            "new_jobs": self.new_jobs,
            "cumulative_jobs": self.cumulative_jobs,
            "japan_shortage_share": self.japan_shortage_share,
        }


def _no_assumptions() -> Mapping[str, JsonValue]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    description: str  # one line: what the scenario assumes
    annual_growth_rate: float
    assumptions: Mapping[str, JsonValue] = field(default_factory=_no_assumptions)
    years: tuple[YearRow, ...] = ()
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "description": self.description,
            "annual_growth_rate": self.annual_growth_rate,
            "assumptions": dict(self.assumptions),
            "years": [row.as_dict() for row in self.years],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class Omitted:
    """A scenario that cannot be computed from this registry, and why."""

    name: str
    reason: str

    def as_dict(self) -> dict[str, JsonValue]:
        return {"name": self.name, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Input:
    """One number the projection rests on. `origin` is "record", "published figure",
    "target <source id>", "flag --x" or "assumption"; `detail` says more in words."""

    symbol: str
    meaning: str
    value: JsonValue
    origin: str
    detail: str

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "symbol": self.symbol,
            "meaning": self.meaning,
            "value": self.value,
            "origin": self.origin,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Projection:
    base_year: int
    target_year: int
    base: Base
    scenarios: tuple[Scenario, ...]
    omitted: tuple[Omitted, ...]
    inputs: tuple[Input, ...]
    formulas: tuple[str, ...]
    notes: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """Every field, JSON-ready, at full precision."""
        return {
            "base_year": self.base_year,
            "target_year": self.target_year,
            "base": self.base.as_dict(),
            "scenarios": [scenario.as_dict() for scenario in self.scenarios],
            "omitted": [omitted.as_dict() for omitted in self.omitted],
            "inputs": [item.as_dict() for item in self.inputs],
            "formulas": list(self.formulas),
            "notes": list(self.notes),
        }


def validate_options(options: ProjectionOptions, base_year: int) -> None:
    """Raise UsageError (exit 2) for a flag outside its range, saying what the range is."""
    first, last = base_year + 1, base_year + MAX_YEARS_AHEAD
    if not first <= options.year <= last:
        raise UsageError(
            f"--year must be from {first} to {last} (after the base year {base_year} and at "
            f"most {MAX_YEARS_AHEAD} years on), not {options.year}"
        )
    for name in options.scenarios:
        if name not in SCENARIO_NAMES:
            raise UsageError(
                f"unknown scenario '{name}'{did_you_mean(name, SCENARIO_NAMES, '.')} "
                f"Choose from {', '.join(SCENARIO_NAMES)}"
            )
    if "custom" in options.scenarios and options.growth_rate is None:
        raise UsageError(
            "--scenario custom needs --growth-rate RATE (a rate above -100%, e.g. 0.25 or 25%)"
        )
    years = options.year - base_year
    if options.growth_rate is not None:
        _check_rate("--growth-rate", options.growth_rate, years, options.year)
    _check_rate("--jobs-growth", options.jobs_growth, years, options.year)
    share = options.exporter_share
    if share is not None and not (math.isfinite(share) and 0 <= share <= 1):
        raise UsageError(
            f"--exporter-share must be from 0 to 1 (0% to 100%), not {_number_or_text(share)}"
        )
    factor = options.target_factor
    if factor is not None and not (math.isfinite(factor) and factor > 1):
        raise UsageError(
            f"--target-factor must be a finite number above 1 (2 to double), "
            f"not {_number_or_text(factor)}"
        )
    if options.target_year is not None and options.target_year <= base_year:
        raise UsageError(
            f"--target-year must be after the base year {base_year} (from {first} on), "
            f"not {options.target_year}"
        )


def _check_rate(flag: str, rate: float, years: int, year: int) -> None:
    if not math.isfinite(rate) or rate <= -1:
        raise UsageError(
            f"{flag} must be a finite rate above -100% (above -1; e.g. 0.25 or 25%), "
            f"not {_number_or_text(rate)}"
        )
    if not math.isfinite(_power(1 + rate, years)):
        raise UsageError(
            f"{flag} {_number_or_text(rate)} overflows over {years} years to {year}: "
            f"choose a smaller rate or an earlier --year"
        )


def _power(base: float, exponent: float) -> float:
    try:
        return float(base**exponent)
    except OverflowError:
        return math.inf


def _number_or_text(value: float) -> str:
    return _num(value) if math.isfinite(value) else str(value)


def _num(value: float) -> str:
    """A number for formulas: whole numbers as such, others to six decimals at most."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    if abs(value) >= 1e-4:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return f"{value:.6g}"


def _pct(rate: float) -> str:
    return f"{rate * 100:.2f}%".replace(".00%", "%")


# --- the projection -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rate:
    """A scenario's rate, before its rows are computed."""

    name: str
    rate: float
    growth: Callable[[int], float]  # (1 + g)^(y - B) for years since the base year
    description: str
    assumptions: Mapping[str, JsonValue]
    warnings: tuple[str, ...]
    formula: str


class _Builder:
    def __init__(self, registry: Registry, options: ProjectionOptions) -> None:
        self.registry = registry
        self.options = options
        self.base_year = registry.base_year
        self.inputs: list[Input] = []
        self.formulas: list[str] = []
        self.notes: list[str] = []

    def residents_at_end(self, year: int) -> int:
        """n(t): residents whose `joined` is on or before 31 December of `year`."""
        return sum(1 for r in self.registry.residents if r.joined.year <= year)

    def published(self, metric: str, year: int | None = None) -> str:
        figure = next(
            (
                f
                for f in self.registry.info.published
                if f.metric == metric and (year is None or f.year == year)
            ),
            None,
        )
        if figure is None:
            return ""
        return f"; the published figure is {figure.value} ({figure.source})"

    def base(self) -> Base:
        info, options, b = self.registry.info, self.options, self.base_year
        residents = self.registry.residents
        r0 = len(residents)
        exporting = sum(1 for r in residents if r.exports_to_japan)
        self.add("B", "base year", b, "record", f"the year of registry.as_of {info.as_of}")
        default = " (the default)" if options.year == DEFAULT_YEAR else ""
        self.add(
            "Y", "last projected year", options.year, "flag --year", f"{options.year}{default}"
        )
        self.formulas.append(f"B = the year of registry.as_of ({info.as_of}) = {b}")
        self.add(
            "R0",
            "residents in the base year",
            r0,
            "record",
            f"{r0} resident records as of {info.as_of}{self.published('residents')}",
        )
        self.formulas.append(f"R0 = the number of resident records = {r0}")
        if options.exporter_share is not None:
            share, share_origin = options.exporter_share, "flag --exporter-share"
            self.add("s", "share of residents exporting to Japan", share, share_origin, "")
            self.formulas.append(f"s = --exporter-share = {_num(share)}")
        else:
            share = exporting / r0 if r0 else 0.0
            share_origin = "record"
            self.add(
                "s",
                "share of residents exporting to Japan",
                share,
                share_origin,
                f"{exporting} of {r0} residents have exports_to_japan: true"
                f"{self.published('exporting_to_japan')}",
            )
            if r0:
                self.formulas.append(
                    f"s = residents exporting to Japan ÷ R0 = {exporting} ÷ {r0} = {_num(share)}"
                )
            else:
                self.formulas.append("s = 0, since there are no residents to divide by")
                self.notes.append(
                    "The registry has no residents, so every scenario stays at 0 residents "
                    "and 0 jobs; the share exporting to Japan is taken as 0."
                )

        years_with_jobs = [y for r in residents for y in r.jobs_created if y < b]
        jobs_year = max(years_with_jobs) if years_with_jobs else None
        jobs = n_jobs = 0
        per_resident = 0.0
        if jobs_year is None:
            self.formulas.append(
                f"J = the latest year before {b} in which a resident reports jobs_created: none"
            )
            self.formulas.append("p = 0, since no year before the base year has jobs data")
            self.notes.append(
                f"No resident reports jobs_created for a year before {b}, so jobs per resident "
                "p is 0 and every scenario creates 0 new jobs."
            )
        else:
            jobs = sum(r.jobs_created.get(jobs_year, 0) for r in residents)
            n_jobs = self.residents_at_end(jobs_year)
            reporting = sum(1 for r in residents if jobs_year in r.jobs_created)
            self.add(
                "J",
                "jobs year: the last complete year with jobs data",
                jobs_year,
                "record",
                f"the latest year before {b} with jobs_created",
            )
            self.add(
                f"jobs({jobs_year})",
                f"jobs created in {jobs_year}",
                jobs,
                "record",
                f"the sum of jobs_created for {jobs_year} over {reporting} residents"
                f"{self.published('jobs_created', jobs_year)}",
            )
            self.add(
                f"n({jobs_year})",
                f"residents at the end of {jobs_year}",
                n_jobs,
                "record",
                f"residents whose joined date is on or before {jobs_year}-12-31",
            )
            self.formulas.append(
                f"J = the latest year before {b} in which a resident reports jobs_created "
                f"= {jobs_year}"
            )
            self.formulas.append(
                "n(t) = residents whose joined date is on or before 31 December of t; "
                f"n({jobs_year}) = {n_jobs}"
            )
            if n_jobs:
                per_resident = jobs / n_jobs
                self.formulas.append(
                    f"p = jobs created in J ÷ n(J) = {jobs} ÷ {n_jobs} = {_num(per_resident)}"
                )
            else:
                self.formulas.append(
                    f"p = 0, since no resident had joined by the end of {jobs_year}"
                )
                self.notes.append(
                    f"No resident had joined by the end of {jobs_year}, the last year with jobs "
                    "data, so jobs per resident p is 0."
                )
        self.add(
            "p",
            "new jobs per resident per year",
            per_resident,
            "record",
            f"{jobs} ÷ {n_jobs}" if n_jobs else "0: no jobs data to divide",
        )
        j = options.jobs_growth
        if j:
            self.add("j", "annual growth of jobs per resident", j, "flag --jobs-growth", "")
        else:
            self.add(
                "j",
                "annual growth of jobs per resident",
                j,
                "assumption",
                "jobs per resident stay at p (the default; change it with --jobs-growth)",
            )

        shortage = info.target("japan_it_shortage")
        value = shortage.value if shortage is not None else None
        if shortage is not None and value is not None and value > 0:
            self.add(
                "V",
                f"Japan's IT specialist shortage in {shortage.year}",
                value,
                f"target {shortage.source}",
                shortage.note or "",
            )
        else:
            shortage, value = None, None
            self.notes.append(
                "The registry has no japan_it_shortage target with a value, so no share of "
                "Japan's shortage is computed."
            )

        return Base(
            base_year=b,
            as_of=info.as_of,
            residents=r0,
            exporting_to_japan=exporting,
            exporter_share=share,
            exporter_share_origin=share_origin,
            jobs_year=jobs_year,
            jobs_in_jobs_year=jobs,
            residents_in_jobs_year=n_jobs,
            jobs_per_resident=per_resident,
            japan_shortage=value,
            japan_shortage_year=shortage.year if shortage else None,
            japan_shortage_source=shortage.source if shortage else None,
            japan_shortage_note=shortage.note if shortage else None,
        )

    def add(self, symbol: str, meaning: str, value: JsonValue, origin: str, detail: str) -> None:
        self.inputs.append(Input(symbol, meaning, value, origin, detail))

    # --- scenario rates ---

    def target(self, r0: int) -> _Rate | str:
        b, options = self.base_year, self.options
        target: Target | None = self.registry.info.target("residents")
        factor: float | None = options.target_factor
        factor_origin = "flag --target-factor"
        if factor is None and target is not None:
            factor_origin = f"target {target.source}"
            if target.factor is not None:
                factor = target.factor
            elif target.value is not None:
                if r0 == 0 or target.value <= 0:
                    return (
                        f"the residents target is {target.value} residents, and there are "
                        f"{r0} residents to grow from; give --target-factor instead"
                    )
                factor = target.value / r0
        year = options.target_year
        year_origin = "flag --target-year"
        if year is None and target is not None:
            year = target.by if target.by is not None else target.year
            year_origin = f"target {target.source}"
        if factor is None or year is None:
            missing = " and ".join(
                flag
                for flag, value in (("--target-factor", factor), ("--target-year", year))
                if value is None
            )
            return f"the registry has no residents target; give {missing} to set one"
        if year <= b:
            return (
                f"the residents target year {year} is not after the base year {b}; "
                f"give --target-year {b + 1} or later"
            )
        note = target.note if target is not None and year_origin != "flag --target-year" else None
        year_assumed = year_origin.startswith("flag") or "assum" in (note or "").lower()
        span, f = year - b, factor
        rate = _power(f, 1 / span) - 1
        factor_detail = ""
        if options.target_factor is None and target is not None and target.factor is None:
            factor_detail = f"the target's {target.value} residents ÷ R0 = {target.value} ÷ {r0}"
        self.add("F", "target growth factor for residents", f, factor_origin, factor_detail)
        self.add(
            "T",
            "target year",
            year,
            year_origin,
            "an assumption: " + (note or "given as a flag") if year_assumed else (note or ""),
        )
        after = options.year > year
        description = (
            f"residents grow {_pct(rate)} a year to reach {_num(factor)}× by {year}"
            + (" (the year is an assumption)" if year_assumed else "")
            + (", and at the same rate after it" if after else "")
        )
        assumptions: dict[str, JsonValue] = {
            "factor": factor,
            "factor_origin": factor_origin,
            "target_year": year,
            "target_year_origin": year_origin,
            "target_year_is_assumption": year_assumed,
            "target_note": note,
            "same_rate_after_target_year": after,
        }
        return _Rate(
            name="target",
            rate=rate,
            # F^((y−B)/(T−B)) equals (1+g)^(y−B) and lands exactly on F at T
            growth=lambda t: _power(f, t / span),
            description=description,
            assumptions=MappingProxyType(assumptions),
            warnings=(),
            formula=(
                f"target: g = F^(1 ÷ (T − B)) − 1 = {_num(factor)}^(1 ÷ ({year} − {b})) − 1 "
                f"= {_num(rate)} ({_pct(rate)} a year); computed as "
                f"R(y) = R0 × F^((y − B) ÷ (T − B)), the same number"
            ),
        )

    def trend(self) -> _Rate | str:
        b = self.base_year
        last = b - 1  # the base year is incomplete at as_of
        joined_years = [r.joined.year for r in self.registry.residents]
        first = min(joined_years) if joined_years else None
        if first is None or first > last:
            return f"no resident had joined by the end of {last}, so there is no history to extend"
        if first == last:
            return (
                f"only {last} ends with residents (none before), so there is no year-on-year "
                "growth to measure"
            )
        k = min(TREND_YEARS, last - first)
        start, end = self.residents_at_end(last - k), self.residents_at_end(last)
        rate = (end / start) ** (1 / k) - 1
        self.add(
            f"n({last - k})",
            f"residents at the end of {last - k}",
            start,
            "record",
            f"residents whose joined date is on or before {last - k}-12-31",
        )
        if all(item.symbol != f"n({last})" for item in self.inputs):
            self.add(
                f"n({last})",
                f"residents at the end of {last}",
                end,
                "record",
                f"residents whose joined date is on or before {last}-12-31",
            )
        warnings: list[str] = []
        if k < TREND_YEARS:
            warnings.append(
                f"estimated from {k} year{'s' if k != 1 else ''} of history ({last - k}–{last}) "
                f"rather than {TREND_YEARS}: no resident had joined before {first}"
            )
        if rate > 1:
            years = self.options.year - b
            warnings.append(
                f"a rate of {_pct(rate)} a year, from {start} to {end} residents; kept for "
                f"{years} years it multiplies residents by {_num(_power(1 + rate, years))}"
            )
        return _Rate(
            name="trend",
            rate=rate,
            growth=lambda t: _power(1 + rate, t),
            description=(
                f"residents grow {_pct(rate)} a year, the compound growth of year-end "
                f"resident counts {last - k}–{last}"
            ),
            assumptions=MappingProxyType(
                {
                    "estimator": "(n(E) ÷ n(E − k))^(1 ÷ k) − 1, n(t) = residents at the end of t",
                    "from_year": last - k,
                    "to_year": last,
                    "years": k,
                    "residents_from": start,
                    "residents_to": end,
                }
            ),
            warnings=tuple(warnings),
            formula=(
                f"trend: g = (n(E) ÷ n(E − k))^(1 ÷ k) − 1 with E = {last}, the last complete "
                f"year, and k = {k} (at most {TREND_YEARS}, fewer where n is 0 earlier) "
                f"= ({end} ÷ {start})^(1 ÷ {k}) − 1 = {_num(rate)} ({_pct(rate)} a year)"
            ),
        )

    def steady(self) -> _Rate:
        return _Rate(
            name="steady",
            rate=0.0,
            growth=lambda t: 1.0,
            description="no new residents after the base year; jobs keep coming at the current "
            "rate per resident",
            assumptions=MappingProxyType({"annual_growth_rate": 0.0}),
            warnings=(),
            formula="steady: g = 0",
        )

    def custom(self, rate: float) -> _Rate:
        self.add("g", "annual growth of residents (custom)", rate, "flag --growth-rate", "")
        return _Rate(
            name="custom",
            rate=rate,
            growth=lambda t: _power(1 + rate, t),
            description=f"residents grow {_pct(rate)} a year, as given by --growth-rate",
            assumptions=MappingProxyType(
                {"annual_growth_rate": rate, "annual_growth_rate_origin": "flag --growth-rate"}
            ),
            warnings=(),
            formula=f"custom: g = --growth-rate = {_num(rate)} ({_pct(rate)} a year)",
        )

    # --- rows ---

    def rows(self, base: Base, rate: _Rate) -> tuple[YearRow, ...]:
        b, j = self.base_year, self.options.jobs_growth
        rows: list[YearRow] = []
        cumulative = 0.0
        for year in range(b, self.options.year + 1):
            t = year - b
            residents = base.residents * rate.growth(t)
            new_jobs = residents * base.jobs_per_resident * _power(1 + j, t)
            cumulative += new_jobs
            share = cumulative / base.japan_shortage if base.japan_shortage else None
            row = YearRow(
                year=year,
                residents=residents,
                exporting_to_japan=base.exporter_share * residents,
                new_jobs=new_jobs,
                cumulative_jobs=cumulative,
                japan_shortage_share=share,
            )
            if not all(math.isfinite(v) for v in (residents, new_jobs, cumulative)):
                raise UsageError(
                    f"the {rate.name} scenario overflows by {year}: its numbers grow past what "
                    f"can be computed; choose an earlier --year (from {b + 1}) or smaller rates"
                )
            rows.append(row)
        return tuple(rows)

    def example(self, base: Base, rate: _Rate, rows: tuple[YearRow, ...]) -> str:
        """The first projected year worked through, so a reader can check one row by hand."""
        first, row = rows[0], rows[1]
        growth = _num(rate.growth(1))
        jobs_factor = _num(1 + self.options.jobs_growth)
        text = (
            f"{rate.name}, {row.year}: R = {base.residents} × {growth} = {_num(row.residents)}; "
            f"X = {_num(base.exporter_share)} × R = {_num(row.exporting_to_japan)}; "
            f"N = R × {_num(base.jobs_per_resident)} × {jobs_factor} = {_num(row.new_jobs)}; "
            f"C = {_num(first.cumulative_jobs)} + {_num(row.new_jobs)} "
            f"= {_num(row.cumulative_jobs)}"
        )
        if row.japan_shortage_share is not None and base.japan_shortage:
            text += f"; C ÷ V = {_num(row.japan_shortage_share)}"
        return text


def project_scenarios(registry: Registry, options: ProjectionOptions) -> Projection:
    """Residents, exporters and jobs for each year from the base year to `options.year`.

    Raises UsageError for options outside their range or results that overflow.
    """
    b = registry.base_year
    validate_options(options, b)
    builder = _Builder(registry, options)
    base = builder.base()
    j = options.jobs_growth
    builder.formulas.extend(
        [
            f"for each year y from {b} to {options.year} (the {b} row projects the whole year):",
            f"R(y) = R0 × (1 + g)^(y − B) = {base.residents} × (1 + g)^(y − {b})",
            f"X(y) = s × R(y) = {_num(base.exporter_share)} × R(y)",
            f"N(y) = R(y) × p × (1 + j)^(y − B) = R(y) × {_num(base.jobs_per_resident)} "
            f"× {_num(1 + j)}^(y − {b})",
            f"C(y) = N({b}) + … + N(y)",
        ]
    )
    if base.japan_shortage:
        builder.formulas.append(
            f"share(y) = C(y) ÷ V = C(y) ÷ {base.japan_shortage} (context only)"
        )

    wanted = options.scenarios or tuple(
        name for name in SCENARIO_NAMES if name != "custom" or options.growth_rate is not None
    )
    rates: list[_Rate] = []
    omitted: list[Omitted] = []
    for name in dict.fromkeys(wanted):
        found: _Rate | str
        if name == "target":
            found = builder.target(base.residents)
        elif name == "trend":
            found = builder.trend()
        elif name == "steady":
            found = builder.steady()
        else:
            assert options.growth_rate is not None  # validate_options saw to it
            found = builder.custom(options.growth_rate)
        if isinstance(found, str):
            omitted.append(Omitted(name, found))
        else:
            rates.append(found)

    scenarios: list[Scenario] = []
    for rate in rates:
        rows = builder.rows(base, rate)
        builder.formulas.append(rate.formula)
        builder.formulas.append(builder.example(base, rate, rows))
        scenarios.append(
            Scenario(
                name=rate.name,
                description=rate.description,
                annual_growth_rate=rate.rate,
                assumptions=rate.assumptions,
                years=rows,
                warnings=rate.warnings,
            )
        )

    notes = list(builder.notes)
    if base.japan_shortage:
        notes.append(CONTEXT_NOTE)
        figure_year = base.japan_shortage_year
        if figure_year is not None and options.year > figure_year:
            notes.append(shortage_year_note(base.japan_shortage, figure_year, options.year))
    if registry.info.illustrative:
        notes.insert(0, ILLUSTRATIVE_NOTE)
    return Projection(
        base_year=b,
        target_year=options.year,
        base=base,
        scenarios=tuple(scenarios),
        omitted=tuple(omitted),
        inputs=tuple(builder.inputs),
        formulas=tuple(builder.formulas),
        notes=tuple(notes),
    )
