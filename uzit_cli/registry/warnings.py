"""The rules checked once a registry has loaded: warnings, which `validate --strict` makes errors.

Each rule declares its problem code, level and what it means (the line of the code table in
docs/registry-format.md), and checks a loaded registry on its own, with nothing kept between
files; every problem it finds carries its key path. `registry_warnings` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from uzit_cli.language import Phrase
from uzit_cli.model import Registry
from uzit_cli.numbers import date
from uzit_cli.problems import CODES, Code, Later, Problem, Text, declare, key_path
from uzit_cli.registry.spellings import spelling_problems
from uzit_cli.stats import check_published, figure_date, mismatch_phrase

WARNING = "warning"

#: The metrics that count residents on a day, for which a `year` means nothing.
COUNTS_ON_A_DAY = ("residents", "exporting_to_japan")


@dataclass(frozen=True)
class WarningRule:
    """A rule over the loaded registry and its declared `code` (with its level and meaning,
    a line of the docs' table)."""

    code: Code
    check: Callable[[Registry, str], Iterable[Problem]]


def published_mismatches(registry: Registry, path: str) -> Iterable[Problem]:
    """A published figure that the records do not reproduce."""
    checks = check_published(registry.residents, registry.info)
    for index, check in enumerate(checks):
        if not check.matches:
            where = ("registry", "published", index)
            message = mismatch_phrase(check)  # worded when shown
            yield _warning(path, check.line, check.column, message, where)


def year_on_a_count(registry: Registry, path: str) -> Iterable[Problem]:
    """A `year` on a residents or exporting_to_japan figure: they are counts on a day."""
    for index, figure in enumerate(registry.info.published):
        if figure.metric in COUNTS_ON_A_DAY and figure.year is not None:
            day = f"{figure.year}-12-31"
            message = Phrase(
                "a {metric} figure is a count on a day, so its year {year} means nothing; give "
                "the day it describes with 'as_of' instead (as_of: {day}, if it is the end of "
                "that year)",
                metric=figure.metric,
                year=figure.year,
                day=day,
            )
            where = ("registry", "published", index, "year")
            yield _warning(path, figure.line, figure.column, message, where)


def figure_after_as_of(registry: Registry, path: str) -> Iterable[Problem]:
    """A published figure dated after the registry's as_of: the records cannot say yet."""
    info = registry.info
    for index, figure in enumerate(info.published):
        day = figure_date(figure, info)
        if day > info.as_of:
            if figure.as_of is not None:
                whose = Phrase("its as_of")
            else:
                whose = Phrase("its source's published date")
            message = Phrase(
                "a {metric} figure dated {day} ({whose}) is after the registry's as_of {as_of}: "
                "the records describe an earlier day; move the registry's as_of on, or date the "
                "figure",
                metric=figure.metric,
                day=Later(date, day),  # as the reader writes a date, when shown
                whose=whose,
                as_of=Later(date, info.as_of),
            )
            where = ("registry", "published", index)
            yield _warning(path, figure.line, figure.column, message, where)


def spellings(registry: Registry, path: str) -> Iterable[Problem]:
    """A city or sector written two ways."""
    return spelling_problems(registry, path)


def _warning(
    path: str, line: int, column: int, message: Text, where: tuple[str | int, ...]
) -> Problem:
    return Problem(path, line, column, message, key_path=key_path(where))


#: Every rule over a loaded registry, in the order their problems are listed at one place.
RULES = (
    WarningRule(
        declare("published-mismatch", "a published figure the records do not reproduce", WARNING),
        published_mismatches,
    ),
    WarningRule(
        declare(
            "year-on-a-count",
            "a year on a residents or exporting_to_japan figure (use as_of)",
            WARNING,
        ),
        year_on_a_count,
    ),
    WarningRule(
        declare(
            "figure-after-as-of", "a published figure dated after the registry's as_of", WARNING
        ),
        figure_after_as_of,
    ),
    WarningRule(declare("spelling", "a city or sector written two ways", WARNING), spellings),
)


def registry_warnings(registry: Registry, path: str) -> list[Problem]:
    """Every problem the rules find in a loaded registry, each with its rule's code and level,
    in file order."""
    found = [_coded(problem, rule) for rule in RULES for problem in rule.check(registry, path)]
    return sorted(found, key=lambda p: (p.line, p.column))


def _coded(problem: Problem, rule: WarningRule) -> Problem:
    return replace(problem, severity=rule.code.level, code=rule.code)


def code_table() -> str:
    """The table of problem codes in docs/registry-format.md, from the declarations: every
    declared code with its level and meaning (a test checks that the docs hold this text)."""
    import uzit_cli.registry.rules  # noqa: F401 - every declaring module, loaded

    rows = [f"| `{code}` | {code.level} | {code.means} |" for code in CODES.values()]
    return "\n".join(["| code | level | what it means |", "|---|---|---|", *rows]) + "\n"
