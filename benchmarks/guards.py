"""CPU time of the loader's and the queries' guards on pathological inputs, against budgets.

    python benchmarks/guards.py              # every case, median of 3 runs; about 15 s
    python benchmarks/guards.py --check      # exit 1 when a budget fails
    python benchmarks/guards.py --markdown   # the results as Markdown, for benchmarks/README.md
    python benchmarks/guards.py --only nesting

A measurement, not a test (issue 12): the tests check what uzit says about these inputs at small
sizes; here they run at sizes where quadratic work, or work past one of uzit's bounds, would
take minutes, so a budget of a few seconds catches it. The budgets are those the timed tests
had. Time is CPU time of this process (`time.process_time`), so a busy machine does not fail a
budget; the input is built, and a file written, before the clock starts. Each case also checks
its result (the first problem uzit reports, or the count of residents), so it cannot pass by
failing early for another reason.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import pathological  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from uzit_cli.problems import RegistryError  # noqa: E402
from uzit_cli.query import Filters, apply_filters, sort_residents  # noqa: E402
from uzit_cli.registry import (  # noqa: E402
    load_registry,
    parse_registry,
    yamlnodes,
)
from uzit_cli.registry.spellings import spelling_problems  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
Work = Callable[[], str]  # the timed work; returns what it found, to compare with the expectation


@dataclass(frozen=True)
class Guard:
    label: str
    budget: float  # CPU seconds, median of the runs
    prepare: Callable[[Path], tuple[Work, str | None]]  # untimed: the work and what it must find


@dataclass(frozen=True)
class Result:
    guard: Guard
    seconds: float
    found: str
    expected: str | None

    @property
    def passed(self) -> bool:
        return self.seconds <= self.guard.budget and self.expected in (None, self.found)


def problems_of(load: Callable[..., object], *args: object) -> list[str]:
    """The problems `load(*args)` raises, as uzit prints them; none when it loads."""
    try:
        load(*args)
    except RegistryError as error:
        return [str(problem) for problem in error.problems]
    return []


def one_line(problems: list[str]) -> str:
    return " / ".join(problems) or "no problem"


def from_file(name: str) -> Callable[[Path], tuple[Work, str | None]]:
    """A huge input written to a file, then loaded as `uzit validate FILE` loads it."""

    def prepare(scratch: Path) -> tuple[Work, str | None]:
        case = pathological.HUGE[name]()
        path = scratch / f"{name}.yaml"
        path.write_bytes(case.data)

        def work() -> str:
            return one_line(problems_of(lambda: load_registry(path, display="{path}")))

        return work, case.expected()

    return prepare


def pure_python(name: str) -> Callable[[Path], tuple[Work, str | None]]:
    """A huge input parsed by PyYAML's pure-Python parser, uzit's fallback without libyaml."""

    def prepare(scratch: Path) -> tuple[Work, str | None]:
        case = pathological.HUGE[name]()

        def work() -> str:
            with_libyaml, yamlnodes.parser_class = (
                yamlnodes.parser_class,
                yamlnodes.PurePythonParser,
            )
            try:
                return one_line(problems_of(parse_registry, case.data, "{path}"))
            finally:
                yamlnodes.parser_class = with_libyaml

        return work, case.expected(pure_python=True)

    return prepare


def residents(scratch: Path) -> tuple[Work, str | None]:
    data = generate(10_000).encode()
    return (lambda: f"{len(parse_registry(data).residents):,} residents"), "10,000 residents"


def queries(scratch: Path) -> tuple[Work, str | None]:
    many = pathological.many_residents(20_000)

    def work() -> str:
        selected = apply_filters(
            many, Filters(cities=("tashkent",), search=("1",), min_jobs=3, jobs_year=2024)
        )
        for field in ("name", "headcount", "jobs", "sectors"):
            sort_residents(many, field, descending=True)
        return f"{len(selected):,} of {len(many):,} selected, sorted 4 ways"

    return work, None


def unknown_ids(scratch: Path) -> tuple[Work, str | None]:
    case = pathological.unknown_source_ids(sources=20_000, residents=1_000)

    def work() -> str:
        problems = problems_of(parse_registry, case.data, "{path}")
        return f"{len(problems):,} problems, the first: {one_line(problems[:1])}"

    return work, f"1,000 problems, the first: {case.expected()}"


def corpus(scratch: Path) -> tuple[Work, str | None]:
    cases = [
        (path.read_bytes(), pathological.expected_text(path).rstrip("\n"))
        for path in sorted(CORPUS.glob("*.yaml"))
    ]

    def work() -> str:
        same = sum(
            problems_of(parse_registry, data, "{path}")[:1] == [expected]
            for data, expected in cases
        )
        return f"{same} of {len(cases)} give their expected first problem"

    return work, f"{len(cases)} of {len(cases)} give their expected first problem"


def long_cities(scratch: Path) -> tuple[Work, str | None]:
    """Cities of 99,990 letters, one letter apart (issue 24, item 21): every check of
    `uzit validate`, the spelling warnings too, in time and memory linear in the file."""
    city = "a" * 99_990
    data = (
        pathological.HEAD
        + b"residents:\n"
        + b"".join(
            f"  - {{id: r{i}, name: R, joined: 2024-01-01, city: {c}, sectors: [s], "
            "exports_to_japan: false}\n".encode()
            for i, c in enumerate((city, city + "b", city.upper()))
        )
    )

    def work() -> str:
        registry = parse_registry(data)
        return f"{len(spelling_problems(registry, 'r.yaml'))} spelling warnings"

    return work, "1 spelling warnings"


GUARDS = (
    Guard("loader: 10,000 generated residents", 3.0, residents),
    Guard("queries: filters and 4 sorts on 20,000 residents", 10.0, queries),
    Guard("loader: 1,000 unknown source ids among 20,000 sources", 4.0, unknown_ids),
    Guard("loader: every bad registry in tests/corpus, in turn", 2.0, corpus),
    Guard("validate: three cities of 99,990 letters, spelling check included", 2.0, long_cities),
    *(Guard(f"loader: {name}", 2.0, from_file(name)) for name in pathological.HUGE),
    *(
        Guard(f"pure-Python parser: {name}", 2.0, pure_python(name))
        for name in ("flow-nesting-500000", "block-nesting-500000", "alias-bomb-20-levels")
    ),
)


def measure(guard: Guard, runs: int, scratch: Path) -> Result:
    work, expected = guard.prepare(scratch)
    times, found = [], ""
    for _ in range(runs):
        start = time.process_time()
        found = work()
        times.append(time.process_time() - start)
    return Result(guard, statistics.median(times), found, expected)


def cells(result: Result) -> list[str]:
    verdict = "PASS" if result.passed else "FAIL"
    if result.expected not in (None, result.found):
        verdict += f": found {result.found!r}, expected {result.expected!r}"
    return [
        result.guard.label,
        f"{result.seconds:.3f} s",
        f"{result.guard.budget:g} s",
        f"{result.seconds / result.guard.budget:.2f}",
        verdict,
    ]


HEADERS = ["case", "median CPU", "budget", "× budget", "result"]


def render(results: Sequence[Result], markdown: bool) -> str:
    rows = [HEADERS, *(cells(r) for r in results)]
    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "| --- | ---: | ---: | ---: | --- |")
    else:
        widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
    passed = sum(r.passed for r in results)
    lines.append(f"\n{passed} of {len(results)} budgets pass.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs per case (3)")
    parser.add_argument("--only", action="append", default=[], help="cases whose label has this")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget fails")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    chosen = [g for g in GUARDS if not args.only or any(o in g.label for o in args.only)]
    results = []
    with tempfile.TemporaryDirectory(prefix="uzit-guards-") as scratch:
        for guard in chosen:
            print(f"guards: {guard.label} …", file=sys.stderr, flush=True)
            results.append(measure(guard, max(1, args.runs), Path(scratch)))
    print(render(results, args.markdown))
    return 1 if args.check and not all(r.passed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
