"""How long an edit takes (`uzit set`, `set --dry-run`) next to `uzit validate` on one registry.

    python benchmarks/edit_speed.py                  # bundled, 1,000 and 10,000 residents
    python benchmarks/edit_speed.py --sizes 1000 --runs 5

An edit of one resident finds that resident's lines with uzit's own loader, round-trips only
those lines through ruamel.yaml (pure Python), and validates the whole edited text once with
the loader: it should cost about what `validate` costs. Times are CPU seconds of the child
process (the machine may be loaded); the budget is EDIT_BUDGET times `validate`'s, and the
script exits 1 when an edit goes over it. Separate from run.py, which it does not touch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_registry  # noqa: E402

UZIT = (sys.executable, "-c", "from uzit_cli.cli.app import main; main()")


#: An edit (`set … --dry-run`) may take at most this many times what `validate` takes.
EDIT_BUDGET = 2.0


def seconds(args: Sequence[str], runs: int) -> float:
    """The median CPU time (user + system) of `runs` runs of `uzit ARGS`, output discarded."""
    times = []
    for _ in range(runs):
        before = os.times()
        subprocess.run([*UZIT, *args], stdout=subprocess.DEVNULL, check=True)
        after = os.times()
        used = after.children_user - before.children_user
        times.append(used + after.children_system - before.children_system)
    return statistics.median(times)


def first_id(registry: Path) -> str:
    for line in registry.read_text(encoding="utf-8").splitlines():
        if line.startswith("  - id: "):
            return line.removeprefix("  - id: ").strip()
    raise SystemExit(f"{registry}: no resident")


def measure(registry: Path, label: str, runs: int) -> bool:
    """Print the times; False when the edit (written) is over its budget."""
    validate = seconds(("validate", str(registry)), runs)
    resident = first_id(registry)
    dry = seconds(("set", resident, "headcount=7", "-r", str(registry), "--dry-run"), runs)
    written = []  # each run writes a new value, so that each one has something to write
    for run in range(runs):
        written.append(seconds(("set", resident, f"headcount={100 + run}", "-r", str(registry)), 1))
    edited = statistics.median(written)
    within = edited <= EDIT_BUDGET * validate
    verdict = "ok" if within else f"OVER BUDGET ({EDIT_BUDGET:g}x validate)"
    print(
        f"{label}: validate {validate:.2f} s, set {edited:.2f} s ({verdict}), "
        f"set --dry-run {dry:.2f} s (reads the registry before and after, and diffs)"
    )
    return within


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000", help="generated sizes, comma-separated")
    options = parser.parse_args(argv)
    # the bundled registry is small: start-up dominates both, so no budget is checked there
    with tempfile.TemporaryDirectory() as folder:  # edited as a copy
        bundled = Path(folder) / "residents.yaml"
        bundled.write_bytes((ROOT / "data" / "residents.yaml").read_bytes())
        measure(bundled, "bundled", options.runs)
    within = True
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(n) for n in options.sizes.split(",") if n):
            registry = write_registry(Path(folder) / f"{size}.yaml", size)
            within = measure(registry, f"{size:,}", options.runs) and within
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
