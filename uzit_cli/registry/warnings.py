"""The rules checked once a registry has loaded: warnings, which `validate --strict` makes errors.

Each rule declares its problem code, level and what it means (the line of the code table in
docs/registry-format.md), and checks a loaded registry on its own, with nothing kept between
files; every problem it finds carries its key path. `registry_warnings` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from uzit_cli.model import Registry
from uzit_cli.problems import CODES, Problem, key_path
from uzit_cli.registry.spellings import spelling_problems
from uzit_cli.stats import check_published, figure_date, mismatch_message

#: The metrics that count residents on a day, for which a `year` means nothing.
COUNTS_ON_A_DAY = ("residents", "exporting_to_japan")


@dataclass(frozen=True)
class WarningRule:
    """A rule over the loaded registry: its `code` (whose meaning problems.CODES gives, for
    the docs' table) and its `level`."""

    code: str
    check: Callable[[Registry, str], Iterable[Problem]]
    level: str = "warning"


def published_mismatches(registry: Registry, path: str) -> Iterable[Problem]:
    """A published figure that the records do not reproduce."""
    checks = check_published(registry.residents, registry.info)
    for index, check in enumerate(checks):
        if not check.matches:
            where = ("registry", "published", index)
            yield _warning(path, check.line, check.column, mismatch_message(check), where)


def year_on_a_count(registry: Registry, path: str) -> Iterable[Problem]:
    """A `year` on a residents or exporting_to_japan figure: they are counts on a day."""
    for index, figure in enumerate(registry.info.published):
        if figure.metric in COUNTS_ON_A_DAY and figure.year is not None:
            day = f"{figure.year}-12-31"
            message = (
                f"a {figure.metric} figure is a count on a day, so its year {figure.year} means "
                f"nothing; give the day it describes with 'as_of' instead (as_of: {day}, if it "
                "is the end of that year)"
            )
            where = ("registry", "published", index, "year")
            yield _warning(path, figure.line, figure.column, message, where)


def figure_after_as_of(registry: Registry, path: str) -> Iterable[Problem]:
    """A published figure dated after the registry's as_of: the records cannot say yet."""
    info = registry.info
    for index, figure in enumerate(info.published):
        day = figure_date(figure, info)
        if day > info.as_of:
            whose = "its as_of" if figure.as_of is not None else "its source's published date"
            message = (
                f"a {figure.metric} figure dated {day.isoformat()} ({whose}) is after the "
                f"registry's as_of {info.as_of.isoformat()}: the records describe an earlier "
                "day; move the registry's as_of on, or date the figure"
            )
            where = ("registry", "published", index)
            yield _warning(path, figure.line, figure.column, message, where)


def spellings(registry: Registry, path: str) -> Iterable[Problem]:
    """A city or sector written two ways."""
    return spelling_problems(registry, path)


def _warning(
    path: str, line: int, column: int, message: str, where: tuple[str | int, ...]
) -> Problem:
    return Problem(path, line, column, message, key_path=key_path(where))


#: Every rule over a loaded registry, in the order their problems are listed at one place.
RULES = (
    WarningRule(code="published-mismatch", check=published_mismatches),
    WarningRule(code="year-on-a-count", check=year_on_a_count),
    WarningRule(code="figure-after-as-of", check=figure_after_as_of),
    WarningRule(code="spelling", check=spellings),
)


def registry_warnings(registry: Registry, path: str) -> list[Problem]:
    """Every problem the rules find in a loaded registry, each with its rule's code and level,
    in file order."""
    found = [_coded(problem, rule) for rule in RULES for problem in rule.check(registry, path)]
    return sorted(found, key=lambda p: (p.line, p.column))


def _coded(problem: Problem, rule: WarningRule) -> Problem:
    return replace(problem, severity=rule.level, code=rule.code)


def code_table() -> str:
    """The table of problem codes in docs/registry-format.md: every code of problems.CODES
    with its level (a test checks that the docs hold this text)."""
    levels = {rule.code: rule.level for rule in RULES}
    rows = [
        f"| `{code}` | {levels.get(code, 'error')} | {meaning} |" for code, meaning in CODES.items()
    ]
    return "\n".join(["| code | level | what it means |", "|---|---|---|", *rows]) + "\n"
