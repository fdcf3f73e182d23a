"""How long an edit takes (`uzit set … --dry-run`) next to `uzit validate` on the same registry.

    python benchmarks/edit_speed.py                  # bundled, 1,000 and 10,000 residents
    python benchmarks/edit_speed.py --sizes 1000 --runs 5

An edit reads the file with ruamel.yaml's round trip (pure Python) and writes it out twice
(before and after the edit, so that only the changed lines change), then validates the result
with uzit's own loader: it costs a multiple of `validate`, which this shows. No budget: a
measurement to watch. Separate from run.py, which it does not touch.
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


def first_id(registry: Path) -> str:
    for line in registry.read_text(encoding="utf-8").splitlines():
        if line.startswith("  - id: "):
            return line.removeprefix("  - id: ").strip()
    raise SystemExit(f"{registry}: no resident")


def measure(registry: Path, label: str, runs: int) -> None:
    validate = seconds(("validate", str(registry)), runs)
    edit = ("set", first_id(registry), "headcount=7", "-r", str(registry), "--dry-run")
    edited = seconds(edit, runs)
    print(f"{label}: validate {validate:.2f} s, set --dry-run {edited:.2f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000", help="generated sizes, comma-separated")
    options = parser.parse_args(argv)
    measure(ROOT / "data" / "residents.yaml", "bundled", options.runs)
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(n) for n in options.sizes.split(",") if n):
            registry = write_registry(Path(folder) / f"{size}.yaml", size)
            measure(registry, f"{size:,}", options.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
