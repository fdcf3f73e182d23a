"""How long `uzit report` takes next to `uzit stats -f json` on the same registry (issue 16).

    python benchmarks/report_speed.py             # bundled and 10,000 residents, 3 runs each
    python benchmarks/report_speed.py --runs 5 --size 10000

Budgets: on the bundled registry, `report` takes under a second more than `stats -f json`
(which is all start-up); on 10,000 residents, at most twice as long. Prints one line per
registry and exits 1 when a budget fails. Separate from run.py, which it does not touch.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_registry  # noqa: E402

UZIT = (sys.executable, "-c", "from uzit_cli.cli.app import main; main()")


def seconds(args: Sequence[str], runs: int) -> float:
    """The median wall time of `runs` runs of `uzit ARGS`, output discarded."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*UZIT, *args], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report_args(registry: str, out: Path) -> tuple[str, ...]:
    """`uzit report` to `out`, overwriting it: every run, and both registries, write there."""
    return ("report", "-o", str(out), "--force", "-r", registry)


def compare(registry: str, label: str, runs: int, out: Path) -> tuple[float, float]:
    stats = seconds(("stats", "-f", "json", "-r", registry), runs)
    report = seconds(report_args(registry, out), runs)
    print(
        f"{label}: stats -f json {stats:.2f} s, report {report:.2f} s "
        f"(+{report - stats:.2f} s, {report / stats:.2f}×)"
    )
    return stats, report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.html"
        bundled = str(ROOT / "data" / "residents.yaml")
        small_stats, small_report = compare(bundled, "bundled", options.runs, out)
        big = write_registry(Path(folder) / "big.yaml", options.size)
        big_stats, big_report = compare(str(big), f"{options.size:,}", options.runs, out)
    failed = []
    if small_report - small_stats >= 1.0:
        failed.append("bundled: report takes a second or more beyond start-up")
    if big_report > 2 * big_stats:
        failed.append(f"{options.size:,}: report takes more than twice stats -f json")
    for line in failed:
        print(f"budget failed: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
