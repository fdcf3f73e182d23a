"""Inputs on which quadratic work, or work past one of uzit's bounds, would take minutes.

Each builder takes a size and returns the bytes of a registry with the first problem uzit
reports for it (the file's path written as `{path}`). The tests check that problem at small sizes
(tests/test_corpus.py, tests/test_hardening.py); `benchmarks/guards.py` times the same builders at
the large sizes in `HUGE` against CPU budgets. `many_residents` gives records for the query
functions, which the same two places use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from uzit_cli.model import RESIDENT_FIELDS, Resident

HEAD = b"schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\n"
_TOO_DEEP = "nested too deeply: a registry needs 4 levels, and more than 32 are refused"


@dataclass(frozen=True)
class Input:
    data: bytes
    first_line: str  # the first problem uzit reports, with libyaml
    pure_python_line: str | None = None  # where PyYAML's pure-Python parser reports another

    def expected(self, pure_python: bool = False) -> str:
        return (pure_python and self.pure_python_line) or self.first_line


def long_line(length: int) -> Input:
    """A note on one line of `length` bytes: refused by the line check before YAML reads it."""
    return Input(
        HEAD + b"residents: []\nnote: " + b"a" * length + b"\n",
        "{path}:6:1: line 6 is longer than 1 MiB; a registry's lines are short "
        "(is this the right file?)",
    )


def long_value(lines: int) -> Input:
    """A title of `lines` lines of 1,000 characters: short lines, one value far too long."""
    title = b"title: " + b"\n    ".join([b"a" * 1000] * lines)
    return Input(
        HEAD.replace(b"title: T", title) + b"residents: []\n",
        f"{{path}}:3:10: a value of {1001 * lines - 1:,} characters is longer than the "
        "100,000 allowed",
    )


def flow_nesting(depth: int) -> Input:
    """`[[[…]]]` on one line; libyaml stops at its own bound of 1,000 while looking ahead."""
    return Input(
        b"schema: " + b"[" * depth + b"]" * depth + b"\n",
        f"{{path}}:1:1008: {_TOO_DEEP}",
        f"{{path}}:1:40: {_TOO_DEEP}",
    )


def flow_mapping_nesting(depth: int) -> Input:
    """`{a: {a: …}}` over many lines, so it reaches YAML rather than the line check."""
    return Input(
        b"schema: " + b"{a:\n " * depth + b"}" * depth + b"\n", f"{{path}}:32:2: {_TOO_DEEP}"
    )


def block_nesting(depth: int) -> Input:
    return Input(b"schema:\n" + b"- " * depth + b"x\n", f"{{path}}:2:63: {_TOO_DEEP}")


def alias_bomb(levels: int) -> Input:
    """Ten references to the level below on each level: 10**levels values once expanded."""
    lines = [b"a0: &a0 [" + b", ".join([b"lol"] * 10) + b"]"]
    for level in range(1, levels):
        refs = b", ".join([b"*a%d" % (level - 1)] * 10)
        lines.append(b"a%d: &a%d [%s]" % (level, level, refs))
    return Input(
        HEAD + b"\n".join(lines) + b"\nresidents: []\n",
        "{path}:9:45: aliases repeat more than 100,000 values in all (an alias bomb?); "
        "write the values out",
    )


def many_values(count: int) -> Input:
    """A flow list of `count` values outside the residents (more than 200,000 are refused)."""
    return Input(
        HEAD + b"  sources: [" + b"1," * count + b"1]\nresidents: []\n",
        "{path}:5:399991: more than 200,000 values outside the residents list, in one "
        "resident, or anchored (&name) in residents; a registry needs far fewer",
    )


def oversized_file(lines: int) -> Input:
    """`lines` comment lines of 10 bytes: refused by its size before any of it is read."""
    return Input(
        HEAD + b"residents: []\n" + b"# padding\n" * lines,
        "{path}:1:1: the file is larger than 64 MiB; a registry is far smaller "
        "(is this the right file?)",
    )


def unknown_source_ids(sources: int, residents: int) -> Input:
    """`residents` residents, each citing a misspelt one of `sources` sources: every problem
    suggests the closest id, which must not cost a comparison with every source."""
    listed = b"".join(
        b"    - {id: source-%05d, title: T, publisher: P}\n" % n for n in range(sources)
    )
    cited = b"".join(
        b"  - {id: r%d, name: R, joined: 2024-01-01, city: T, sectors: [bpo], "
        b"exports_to_japan: false, sources: [sourse-%05d]}\n" % (n, n)
        for n in range(residents)
    )
    return Input(
        HEAD + b"  sources:\n" + listed + b"residents:\n" + cited,
        f"{{path}}:{7 + sources}:103: sources: 'sourse-00000' is not an id in registry.sources; "
        "did you mean 'source-00000'?",
    )


def many_residents(count: int) -> list[Resident]:
    """Residents with repeated names, cities and sectors, and some values missing: ties and
    gaps for every filter and sort."""
    return [
        Resident(
            id=f"r{i:05d}",
            name=f"Resident {i % 977}",
            joined=dt.date(2020 + i % 5, 1 + i % 12, 1),
            city=("Tashkent", "Samarkand", "Bukhara")[i % 3],
            sectors=("bpo",) if i % 2 else ("gamedev", "creative"),
            exports_to_japan=i % 4 == 0,
            headcount=None if i % 7 == 0 else i % 50,
            jobs_created={2024: i % 13},
        )
        for i in range(count)
    ]


# The sizes benchmarks/guards.py times (tests/test_corpus.py checks peak memory on some of them).
HUGE: dict[str, Callable[[], Input]] = {
    "scalar-50-mb": lambda: long_line(50 * 2**20),
    "scalar-30-mb": lambda: long_value(30_000),
    "flow-nesting-500000": lambda: flow_nesting(500_000),
    "flow-mapping-nesting-500000": lambda: flow_mapping_nesting(500_000),
    "block-nesting-500000": lambda: block_nesting(500_000),
    "alias-bomb-20-levels": lambda: alias_bomb(20),
    "values-300000": lambda: many_values(300_000),
    "file-over-64-mib": lambda: oversized_file(7 * 2**20),
}


def expected_text(case: Path) -> str:
    """The .expected file of a corpus case (tests/corpus/NAME.yaml), with `{resident_keys}`
    written out as the loader lists them: every declared resident field, in order."""
    text = case.with_suffix(".expected").read_text(encoding="utf-8")
    return text.replace("{resident_keys}", ", ".join(field.name for field in RESIDENT_FIELDS))
