"""Issue 17's budget: `uzit export` of 10,000 residents within 3x the time of `list -f csv`.

    python benchmarks/export_bench.py                 # N = 10,000, 3 runs, medians
    python benchmarks/export_bench.py --size 1000 --runs 1

Each command runs in a fresh process on the same generated registry; the wall time is the
clock around the process. The exit status is 1 when an export is over the budget.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import write_registry

UZIT = (sys.executable, "-m", "uzit_cli")
BUDGET = 3.0


def timed(args: Sequence[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [*UZIT, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="residents (default 10,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        registry = str(write_registry(Path(folder) / "registry.yaml", args.size))
        base = timed(["list", "-r", registry, "-f", "csv"], args.runs)
        print(f"list -f csv          {base:6.2f} s")
        failed = False
        for name in ("out.xlsx", "out.sqlite"):
            target = str(Path(folder) / name)
            seconds = timed(["export", target, "--force", "-r", registry], args.runs)
            ratio = seconds / base
            verdict = "ok" if ratio <= BUDGET else f"OVER the {BUDGET:g}x budget"
            failed = failed or ratio > BUDGET
            print(f"export {name:<13} {seconds:6.2f} s  {ratio:4.1f}x  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
