"""How fast `uzit diff` and `uzit history` are (issue 15). A measurement, not a test.

    python benchmarks/diff_history.py            # about 30 s on a shared 2-CPU machine

diff: two generated 10,000-resident snapshots (the second with every 100th resident's city
changed, every 50th removed and 200 added, shuffled), parsed once each, then compared. The
budget is "within 2x of loading both": (load both + compare) / (load both) <= 2. The compare
alone is also timed at 1,000 and 10,000 residents, to show it grows linearly.

history: a scratch git repository with 100 commits of the bundled registry (each commit adds a
comment line, so every version is read and parsed), then `uzit history -f tsv` in a fresh
process, and the same work in-process split into git log, git cat-file and parsing.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

from uzit_cli.registry import parse_registry  # noqa: E402
from uzit_cli.timeline.changes import diff_registries  # noqa: E402
from uzit_cli.timeline.snapshots import file_versions, read_versions  # noqa: E402

T = TypeVar("T")
RUNS = 3


def best_of(function: Callable[[], T], runs: int = RUNS) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result  # type: ignore[return-value]


def changed_copy(text: str) -> str:
    """A later snapshot: some jobs changed, some residents removed, 200 added, all shuffled."""
    head, _, body = text.partition("residents:\n")
    records = ["  - id:" + chunk for chunk in body.split("  - id:")[1:]]
    rng = random.Random(15)
    kept = []
    for index, record in enumerate(records):
        if index % 50 == 49:
            continue
        if index % 100 == 0:
            record = record.replace("    city: ", "    city: Moved from ", 1)
        kept.append(record)
    extra = generate(200, seed=99).partition("residents:\n")[2]
    extra = extra.replace("  - id: ", "  - id: added-")
    rng.shuffle(kept)
    return head + "residents:\n" + "".join(kept) + extra


def bench_diff(n: int) -> None:
    old_text = generate(n, seed=1)
    new_text = changed_copy(old_text)
    old_bytes, new_bytes = old_text.encode(), new_text.encode()
    load, (old, new) = best_of(
        lambda: (parse_registry(old_bytes, "old"), parse_registry(new_bytes, "new"))
    )
    compare, result = best_of(lambda: diff_registries(old, new))
    changes = len(result.added) + len(result.removed) + len(result.changed)
    print(
        f"diff, {n:,} residents: load both {load:.3f} s, compare {compare:.3f} s "
        f"({changes:,} changes); (load + compare) / load = {(load + compare) / load:.2f} "
        f"(budget 2.00)"
    )


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def bench_history(commits: int) -> None:
    bundled = (ROOT / "data" / "residents.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch)
        path = repo / "residents.yaml"
        git(repo, "init", "-q")
        start = time.perf_counter()
        for number in range(commits):
            path.write_text(f"# revision {number}\n" + bundled, encoding="utf-8")
            git(repo, "add", "residents.yaml")
            git(repo, "commit", "-q", "-m", f"revision {number}")
        made = time.perf_counter() - start
        uzit = [sys.executable, "-c", "from uzit_cli.cli.app import main; main()"]
        wall, done = best_of(
            lambda: subprocess.run(
                [*uzit, "history", str(path), "-f", "tsv"], capture_output=True, check=True
            )
        )
        rows = done.stdout.decode().count("\n") - 1
        log, versions = best_of(lambda: file_versions(str(path)))
        cat, contents = best_of(lambda: list(read_versions(str(path), versions)))
        parse, _ = best_of(lambda: [parse_registry(data or b"") for data in contents])
    print(
        f"history, {commits} commits of the bundled registry ({rows} rows; making the "
        f"repository took {made:.1f} s): uzit history {wall:.2f} s in a fresh process; "
        f"git log --follow {log:.3f} s, one git cat-file --batch, streamed {cat:.3f} s, "
        f"parsing {len(contents)} versions once each {parse:.3f} s"
    )


def main() -> int:
    bench_diff(1_000)
    bench_diff(10_000)
    bench_history(100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
