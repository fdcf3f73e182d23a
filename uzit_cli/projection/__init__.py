"""Growth projections of residents and the jobs they create, year by year, per scenario.

Pure: a `Registry` and `ProjectionOptions` in, a `Projection` out. The model is that of
docs/projection.md: `base` works out the inputs, `scenarios` holds one object per scenario,
and `project_scenarios` below computes the rows and keeps every formula in words, so
`--explain` can show how to redo each number by hand. The words are `Said`s (text.py): English
for machine formats, shown in the reader's language by views.
"""

from __future__ import annotations

import math

from uzit_cli.language import N_, _
from uzit_cli.model import Registry
from uzit_cli.problems import UsageError, UzitError
from uzit_cli.projection.base import Ledger, compute_base
from uzit_cli.projection.rates import num, parse_rate, parse_share, power
from uzit_cli.projection.results import (
    Base,
    Input,
    JsonValue,
    Omitted,
    Projection,
    ProjectionOptions,
    Scenario,
    Snapshots,
    YearRow,
)
from uzit_cli.projection.scenarios import (
    SCENARIO_NAMES,
    SCENARIOS,
    Rate,
    Situation,
    frozen,
    scenario_heading,
    scenario_label,
)
from uzit_cli.projection.text import Said, Written, count, number
from uzit_cli.words import closest

__all__ = [
    "CONTEXT_NOTE",
    "DEFAULT_YEAR",
    "ILLUSTRATIVE_NOTE",
    "SCENARIOS",
    "SCENARIO_NAMES",
    "Base",
    "Input",
    "JsonValue",
    "Omitted",
    "Projection",
    "ProjectionOptions",
    "Said",
    "Scenario",
    "Snapshots",
    "YearRow",
    "default_year",
    "parse_rate",
    "parse_share",
    "project_scenarios",
    "scenario_heading",
    "scenario_label",
    "shortage_year_note",
    "validate_options",
]

DEFAULT_YEAR = 2030
MAX_YEARS_AHEAD = 50

ILLUSTRATIVE_NOTE = Said(
    N_(
        "The registry is marked illustrative: its resident records are stand-ins, so these "
        "projections show the method, not a forecast for real companies."
    )
)
CONTEXT_NOTE = Said(
    N_(
        "The share of Japan's IT specialist shortage is context only: jobs in Uzbekistan are not "
        "specialists placed in Japan."
    )
)


def default_year(base_year: int) -> int:
    """Y when --year is not given: 2030, or five years on where 2030 is not a year that can be
    projected (a base year of 2030 or later, or more than 50 years before it), so the default
    always works, for every command that projects."""
    if base_year < DEFAULT_YEAR <= base_year + MAX_YEARS_AHEAD:
        return DEFAULT_YEAR
    return base_year + 5


def shortage_year_note(shortage: int, figure_year: int, first: int, year: int) -> Said:
    """Why a share after the shortage figure's year is weaker: no later figure to divide by."""
    start = max(first, figure_year + 1)
    later = str(start) if year == start else f"{start}–{year}"
    return Said(
        N_(
            "Japan's IT specialist shortage figure ({shortage}) is for {year}; the shares for "
            "{later} still divide by it, since the registry has no later figure"
        ),
        shortage=count(shortage),
        year=figure_year,
        later=later,
    )


def validate_options(options: ProjectionOptions, base_year: int) -> int:
    """The last projected year; UsageError (exit 2) for a flag outside its range."""
    year = options.year if options.year is not None else default_year(base_year)
    first, last = base_year + 1, base_year + MAX_YEARS_AHEAD
    if not first <= year <= last:
        raise UsageError(
            _(
                "--year must be from {first} to {last} (after the base year {base} and at most "
                "{most} years on), not {year}"
            ).format(first=first, last=last, base=base_year, most=MAX_YEARS_AHEAD, year=year)
        )
    for name in options.scenarios:
        if name not in SCENARIOS:
            names, suggestion = ", ".join(SCENARIO_NAMES), closest(name, SCENARIO_NAMES)
            if suggestion is None:
                message = _("unknown scenario '{name}'. Choose from {names}")
            else:
                message = _(
                    "unknown scenario '{name}'; did you mean '{suggestion}'? Choose from {names}"
                )
            raise UsageError(message.format(name=name, suggestion=suggestion, names=names))
    for scenario in SCENARIOS.values():
        scenario.check(options)
    rate = options.jobs_growth
    if not (math.isfinite(rate) and rate > -1):
        raise UsageError(
            _("--jobs-growth must be above -100 % (-1), not {rate}").format(rate=num(rate))
        )
    share = options.exporter_share
    if share is not None and not (math.isfinite(share) and 0 <= share <= 1):
        raise UsageError(
            _("--exporter-share must be from 0 to 1 (0% to 100%), not {share}").format(
                share=num(share)
            )
        )
    return year


def _rows(situation: Situation, name: str, rate: Rate) -> tuple[YearRow, ...]:
    base, options = situation.base, situation.options
    b, j = base.base_year, options.jobs_growth
    rows: list[YearRow] = []
    cumulative = 0.0
    shortage = base.japan_shortage
    for year in range(b, situation.year + 1):
        t = year - b
        growth, jobs_factor = rate.growth(t), power(1 + j, t)
        residents = base.residents * growth
        new_jobs = residents * base.jobs_per_resident * jobs_factor
        cumulative += new_jobs
        if not all(math.isfinite(v) for v in (residents, new_jobs, cumulative)):
            raise _overflow(situation, name, rate, year, growth, jobs_factor)
        rows.append(
            YearRow(
                year=year,
                residents=residents,
                exporting_to_japan=base.exporter_share * residents,
                new_jobs=new_jobs,
                cumulative_jobs=cumulative,
                japan_shortage_share=cumulative / shortage if shortage else None,
            )
        )
    return tuple(rows)


def _overflow(
    situation: Situation, name: str, rate: Rate, year: int, growth: float, jobs_factor: float
) -> UzitError:
    """Whose number overflowed: an option's is a usage error, the registry's a data error."""
    base = situation.base
    flag = ""
    if not math.isfinite(growth):
        flag = rate.cause
    elif not math.isfinite(jobs_factor) or (
        jobs_factor > 1 and math.isfinite(base.residents * growth * base.jobs_per_resident)
    ):
        flag = "--jobs-growth"
    elif growth > 1:
        flag = rate.cause
    if flag.startswith("--"):
        return UsageError(
            _(
                "the {name} scenario overflows by {year}: {flag} is too large to compute with "
                "over {years} years; choose a smaller {flag} or an earlier --year"
            ).format(name=name, year=year, flag=flag, years=year - base.base_year)
        )
    what = _(flag) if flag else _("jobs per resident p = {p}").format(p=num(base.jobs_per_resident))
    return UzitError(
        _(
            "the {name} scenario overflows by {year}: {what}, from the registry, is too large "
            "to compute with; check the registry's figures"
        ).format(name=name, year=year, what=what)
    )


def _example(situation: Situation, name: str, rows: tuple[YearRow, ...], rate: Rate) -> Said:
    """The first projected year worked through, so a reader can check one row by hand."""
    base = situation.base
    first, row = rows[0], rows[1]
    values = {
        "name": Written(scenario_heading, name),  # it starts the formula's line
        "year": row.year,
        "r0": base.residents,
        "growth": number(rate.growth(1)),
        "r": number(row.residents),
        "s": number(base.exporter_share),
        "x": number(row.exporting_to_japan),
        "p": number(base.jobs_per_resident),
        "jobs_growth": number(1 + situation.options.jobs_growth),
        "n": number(row.new_jobs),
        "c_before": number(first.cumulative_jobs),
        "c": number(row.cumulative_jobs),
    }
    if row.japan_shortage_share is None:
        return Said(
            N_(
                "{name}, {year}: R = {r0} × {growth} = {r}; X = {s} × R = {x}; N = R × {p} × "
                "{jobs_growth} = {n}; C = {c_before} + {n} = {c}"
            ),
            **values,
        )
    return Said(
        N_(
            "{name}, {year}: R = {r0} × {growth} = {r}; X = {s} × R = {x}; N = R × {p} × "
            "{jobs_growth} = {n}; C = {c_before} + {n} = {c}; C ÷ V = {share}"
        ),
        share=number(row.japan_shortage_share),
        **values,
    )


def _general_formulas(base: Base, year: int, jobs_growth: float) -> list[Said]:
    b = base.base_year
    formulas = [
        Said(
            N_("for each year y from {base} to {year} (the {base} row projects the whole year):"),
            base=b,
            year=year,
        ),
        Said(
            N_("R(y) = R0 × (1 + g)^(y − B) = {r0} × (1 + g)^(y − {base})"),
            r0=base.residents,
            base=b,
        ),
        Said(N_("X(y) = s × R(y) = {s} × R(y)"), s=number(base.exporter_share)),
        Said(
            N_("N(y) = R(y) × p × (1 + j)^(y − B) = R(y) × {p} × {jobs_growth}^(y − {base})"),
            p=number(base.jobs_per_resident),
            jobs_growth=number(1 + jobs_growth),
            base=b,
        ),
        Said(N_("C(y) = N({base}) + … + N(y)"), base=b),
    ]
    if base.japan_shortage:
        formulas.append(
            Said(
                N_("share(y) = C(y) ÷ V = C(y) ÷ {shortage} (context only)"),
                shortage=base.japan_shortage,
            )
        )
    return formulas


def project_scenarios(registry: Registry, options: ProjectionOptions) -> Projection:
    """Residents, exporters and jobs for each year from the base year to the last year.

    Raises UsageError for options outside their range or an option whose results overflow,
    UzitError (a data error) when the registry's own numbers overflow.
    """
    b = registry.base_year
    year = validate_options(options, b)
    ledger = Ledger()
    base = compute_base(registry, options, year, ledger)
    ledger.formulas.extend(_general_formulas(base, year, options.jobs_growth))
    situation = Situation(registry, options, base, ledger, year)

    wanted = options.scenarios or tuple(
        name for name, scenario in SCENARIOS.items() if scenario.wanted_by_default(options)
    )
    scenarios: list[Scenario] = []
    omitted: list[Omitted] = []
    for name in dict.fromkeys(wanted):
        found = SCENARIOS[name].rate(situation)
        if isinstance(found, Said):
            omitted.append(Omitted(name, found))
            continue
        rows = _rows(situation, name, found)
        ledger.formulas.append(found.formula)
        ledger.formulas.append(_example(situation, name, rows, found))
        scenarios.append(
            Scenario(
                name=name,
                description=found.description,
                annual_growth_rate=found.rate,
                assumptions=frozen(found.assumptions),
                years=rows,
                warnings=found.warnings,
                weak=found.weak,
            )
        )

    notes = list(ledger.notes)
    if base.japan_shortage:
        notes.append(CONTEXT_NOTE)
        figure_year = base.japan_shortage_year
        if figure_year is not None and year > figure_year:
            notes.append(shortage_year_note(base.japan_shortage, figure_year, b, year))
    if registry.info.illustrative:
        notes.insert(0, ILLUSTRATIVE_NOTE)
    return Projection(
        base_year=b,
        target_year=year,
        base=base,
        scenarios=tuple(scenarios),
        omitted=tuple(omitted),
        inputs=tuple(ledger.inputs),
        formulas=tuple(ledger.formulas),
        notes=tuple(notes),
    )
