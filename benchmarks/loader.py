"""Where loading time and memory go: uzit's loader against PyYAML, step by step.

    python benchmarks/loader.py                     # N = 1,000, 10,000, 100,000; 3 runs
    python benchmarks/loader.py --sizes 10000 --runs 5

Each step runs in a fresh process on bytes already read from the file, so interpreter start-up
and imports are left out: `events` iterates libyaml's event stream (yaml.parse), `yaml.load` is
PyYAML's C loader (floor (b) of run.py), `nodes` is uzit_cli.registry.yamlnodes.parse_nodes (with a
callback that drops each resident, when it takes one: the node walk the loader keeps for
the header and for residents out of the common shape), `flat` the walk as the ordinary loader
makes it (residents in the common shape read from the events, their pairs dropped), `lines`
the fast path's reading of the residents from their lines (registry/common_shape.py, pairs
dropped), `ordinary` the whole loader by the event walk alone (how a file the fast path leaves
is read), and `parse_registry` the whole of uzit's loader (the fast path, else the ordinary
one; checks and records included). Peak RSS is the process's own (ru_maxrss) minus what it
held before the step; a second process measures the step's peak Python allocations with
tracemalloc (which slows it, so it is timed apart).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "benchmarks" / "generated"
STEPS = ("yaml.load", "events", "nodes", "flat", "lines", "ordinary", "parse_registry")


def _step(name: str) -> Callable[[bytes], object]:
    import yaml

    if name == "events":

        def events(data: bytes) -> object:
            count = 0
            for _ in yaml.parse(data, Loader=yaml.CSafeLoader):
                count += 1
            return count

        return events
    if name == "yaml.load":
        return lambda data: yaml.load(data, Loader=yaml.CSafeLoader)
    if name == "nodes":
        import inspect

        from uzit_cli.registry.yamlnodes import parse_nodes

        if "on_resident" in inspect.signature(parse_nodes).parameters:
            # The streaming loader: each resident's nodes are handed over, then dropped.
            return lambda data: parse_nodes(data, on_resident=lambda node: None)
        return parse_nodes
    if name == "flat":
        from uzit_cli.registry.yamlnodes import parse_nodes

        return lambda data: parse_nodes(data, lambda node: None, lambda pairs, mark: True)
    if name == "lines":
        from uzit_cli.registry.common_shape import header_nodes, read_residents

        def lines(data: bytes) -> object:
            return read_residents(
                data.decode("utf-8"),
                lambda header: header_nodes(header, lambda node: None) is not None,
                lambda pairs, start: True,
            )

        return lines
    if name == "ordinary":
        from uzit_cli.registry import _read_events

        return lambda data: _read_events(data, "<registry>")
    if name == "parse_registry":
        from uzit_cli.registry import parse_registry

        return parse_registry
    raise ValueError(f"unknown step {name!r}")


def child(name: str, path: str, traced: bool) -> None:
    """Run one step once and print its figures as JSON."""
    import resource
    import tracemalloc

    step = _step(name)
    with open(path, "rb") as stream:
        data = stream.read()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    result = step(data)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del result
    figures = {"seconds": seconds, "rss_kb": after - before, "base_kb": before, "traced": peak}
    print(json.dumps(figures))


def measure(name: str, path: Path, traced: bool) -> dict[str, float]:
    argv = [sys.executable, __file__, "--child", name, str(path)]
    if traced:
        argv.append("--traced")
    out = subprocess.run(argv, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines() or ["(no message)"]
        raise RuntimeError(f"{name} on {path.name} failed: {lines[-1]}")
    figures: dict[str, float] = json.loads(out.stdout)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/loader.py", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per step (3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--steps", default=",".join(STEPS), help=f"comma-separated, of {', '.join(STEPS)}"
    )
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], args.traced)
        return 0
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    print("| N | step | median time | × yaml.load | peak RSS added | tracemalloc peak |")
    print("|---:|---|---:|---:|---:|---:|")
    for n in sizes:
        path = GENERATED / f"residents-{n}-seed{args.seed}.yaml"
        if not path.is_file():  # in another process: this one must stay small (see spawn.py)
            generator = Path(__file__).with_name("generate.py")
            command = [sys.executable, str(generator), str(n), "--seed", str(args.seed)]
            subprocess.run([*command, "-o", str(path)], check=True)
        times: dict[str, float] = {}
        for name in [step for step in args.steps.split(",") if step]:
            print(f"N={n:,}: {name}", file=sys.stderr, flush=True)
            try:
                runs = [measure(name, path, False) for _ in range(args.runs)]
                traced = measure(name, path, True)["traced"]
            except RuntimeError as error:
                print(f"| {n:,} | {name} | error: {error} | | | |")
                continue
            times[name] = statistics.median(r["seconds"] for r in runs)
            rss = statistics.median(r["rss_kb"] for r in runs) / 1024
            base = times.get("yaml.load")
            ratio = f"{times[name] / base:.2f}×" if base else ""
            print(
                f"| {n:,} | {name} | {times[name]:.3f} s | {ratio} | {rss:.1f} MB "
                f"| {traced / 2**20:.1f} MB |",
                flush=True,
            )
    print(f"\n{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
