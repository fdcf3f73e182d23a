"""Speed and memory of `uzit` against two floors, measured side by side (issue 6).

    python benchmarks/run.py                 # N = 10 (bundled), 1,000, 10,000, 100,000; 5 runs
    python benchmarks/run.py --quick         # a smoke run: N = 10 and 1,000, one run
    python benchmarks/run.py --check         # exit 1 when a budget fails
    python benchmarks/run.py --markdown      # the results as Markdown, for benchmarks/README.md

Every command runs in a fresh process; its wall time comes from the clock around spawn and
reap, its peak memory from the child's own rusage (os.wait4). The commands take turns in each
round, so drift in the machine's speed touches all of them alike, and the figures are medians.
Progress goes to stderr, the results to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks.generate` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_registry  # noqa: E402

BUNDLED = ROOT / "data" / "residents.yaml"
BUNDLED_N = 10
GENERATED = ROOT / "benchmarks" / "generated"
DEFAULT_SIZES = (BUNDLED_N, 1_000, 10_000, 100_000)
QUICK_SIZES = (BUNDLED_N, 1_000)
TERMINAL_COLUMNS, TERMINAL_LINES = 120, 40

# What the console script `uzit` runs; used when there is no `uzit` next to sys.executable.
CONSOLE_SCRIPT = (
    "import sys; from uzit_cli.cli.app import main; sys.argv[0] = 'uzit'; sys.exit(main())"
)
FLOOR_A = "import typer, yaml, rich.console, rich.table"
FLOOR_B = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
# Runs a command as the console script does, then names the Rich modules it imported. uzit
# leaves through os._exit(), which skips atexit, so the probe wraps that too.
RICH_PROBE = (
    "import atexit, os, sys\n"
    "def report():\n"
    "    rich = sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.'))\n"
    "    sys.stderr.write('\\nRICH-MODULES ' + ' '.join(rich) + '\\n')\n"
    "    sys.stderr.flush()\n"
    "atexit.register(report)\n"
    "_exit = os._exit\n"
    "def report_and_exit(status):\n"
    "    report()\n"
    "    _exit(status)\n"
    "os._exit = report_and_exit\n" + CONSOLE_SCRIPT
)
MACHINE_FORMATS: tuple[tuple[str, ...], ...] = (
    ("stats", "-f", "json"),
    ("list", "-f", "csv"),
    ("list", "-f", "jsonl"),
    ("project", "-f", "json"),
)


@dataclass(frozen=True)
class Case:
    """One command line to time: a floor, or `uzit ARGS` (with -r FILE when `sized`)."""

    key: str
    label: str
    args: tuple[str, ...] = ()
    kind: str = "uzit"  # "uzit", "floor-a" or "floor-b"
    sized: bool = True
    tty: bool = False


FLOOR_A_CASE = Case("floor-a", "floor (a): import typer, yaml, rich", kind="floor-a", sized=False)
FLOOR_B_CASE = Case("floor-b", "floor (b): yaml.load(CSafeLoader)", kind="floor-b")
ONCE_CASES = (
    FLOOR_A_CASE,
    Case("version", "uzit --version", ("--version",), sized=False),
    Case("help", "uzit --help", ("--help",), sized=False),
)
SIZED_CASES = (
    FLOOR_B_CASE,
    Case("stats", "uzit stats", ("stats",)),
    Case("stats-json", "uzit stats -f json", ("stats", "-f", "json")),
    Case("list-csv", "uzit list -f csv", ("list", "-f", "csv")),
    Case("list-jsonl", "uzit list -f jsonl", ("list", "-f", "jsonl")),
    # --no-pager: the pseudo-terminal is not the child's controlling terminal, so a pager
    # (less) cannot read keys and spins until it gives up; uzit's own time is what is measured
    Case(
        "list-table",
        "uzit list -f table (terminal)",
        ("list", "-f", "table", "--no-pager"),
        tty=True,
    ),
    Case("project-json", "uzit project -f json", ("project", "-f", "json")),
    Case("validate", "uzit validate", ("validate",)),
)


@dataclass(frozen=True)
class Size:
    n: int
    path: Path
    bundled: bool

    @property
    def label(self) -> str:
        return f"{self.n:,} (bundled)" if self.bundled else f"{self.n:,}"


#: What "time" means in the table and the budgets: "wall" (the clock around fork and reap, the
#: default), or "cpu" (the child's user + system time from os.wait4), for a busy machine, where
#: the wall clock also counts the time a command waits for a CPU (--clock).
CLOCK = "wall"


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    status: int
    stderr: str
    first_screen: float | None = None
    cpu_seconds: float = 0.0

    @property
    def timed(self) -> float:
        return self.cpu_seconds if CLOCK == "cpu" else self.seconds


@dataclass
class Row:
    case: Case
    size: Size | None
    argv: list[str]
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None
    budgets: list[Budget] = field(default_factory=list)

    @property
    def seconds(self) -> float | None:
        return statistics.median(s.timed for s in self.samples) if self.ok else None

    @property
    def rss_mb(self) -> float | None:
        if not self.ok:
            return None
        return statistics.median(s.max_rss_kb for s in self.samples) / 1024

    @property
    def first_screen(self) -> float | None:
        times = [s.first_screen for s in self.samples if s.first_screen is not None]
        return statistics.median(times) if self.ok and times else None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)


@dataclass
class Budget:
    """One budget of the issue: `value` against `limit`, smaller is better."""

    text: str
    short: str
    value: float | None
    limit: float
    unit: str = "×"
    error: str | None = None

    @property
    def status(self) -> str:
        if self.error is not None:
            return "FAIL"
        if self.value is None:
            return "n/a"
        return "PASS" if self.value <= self.limit else "FAIL"

    @property
    def shown(self) -> str:
        if self.error is not None:
            return f"FAIL ({self.error})"
        if self.value is None:
            return "n/a (not measured)"
        if self.unit == "s":
            figure = f"{self.value:.2f} s"
        elif self.unit == "×":
            figure = f"{self.value:.2f}×"
        else:
            figure = f"{self.value:g}{self.unit}"
        return f"{self.status} ({figure}, limit {self.limit:g}{self.unit})"


# -- measuring -----------------------------------------------------------------------------


class Spawner:
    """The small process (benchmarks/spawn.py) that runs and measures every command."""

    def __init__(self) -> None:
        script = Path(__file__).with_name("spawn.py")
        self.process = subprocess.Popen(
            [sys.executable, "-S", "-E", str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        handle, self.stderr_path = tempfile.mkstemp(prefix="uzit-bench-", suffix=".err")
        os.close(handle)

    def measure(
        self, argv: Sequence[str], env: dict[str, str], *, tty: bool, timeout: float
    ) -> Sample:
        """Run `argv` once in a fresh process: wall time, peak RSS, exit status, stderr."""
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {
            "argv": list(argv),
            "env": env,
            "stderr_path": self.stderr_path,
            "tty": tty,
            "columns": TERMINAL_COLUMNS,
            "lines": TERMINAL_LINES,
            "timeout": timeout,
        }
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("benchmarks/spawn.py stopped; see the message above")
        result = json.loads(answer)
        with open(self.stderr_path, "rb") as errors:
            text = errors.read(4096).decode("utf-8", errors="replace")
        return Sample(
            result["seconds"],
            result["max_rss_kb"],
            result["status"],
            text,
            result["first_screen"],
            result["cpu_seconds"],
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()
        with contextlib.suppress(OSError):
            os.unlink(self.stderr_path)


def uzit_command(option: str | None) -> tuple[list[str], str]:
    """How to run uzit, and a description of it for the report."""
    if option:
        return option.split(), option
    beside = Path(sys.executable).with_name("uzit")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)], str(beside)
    return (
        [sys.executable, "-c", CONSOLE_SCRIPT],
        f"{sys.executable} -c <the console script> (no uzit executable beside the interpreter)",
    )


def case_argv(case: Case, size: Size | None, uzit: list[str]) -> list[str]:
    if case.kind == "floor-a":
        return [sys.executable, "-c", FLOOR_A]
    if case.kind == "floor-b":
        assert size is not None
        return [sys.executable, "-c", FLOOR_B, str(size.path)]
    argv = [*uzit, *case.args]
    if size is not None and not size.bundled:
        argv += ["-r", str(size.path)]
    return argv


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("UZIT_REGISTRY", None)  # N = 10 must mean the bundled registry
    env.update(COLUMNS=str(TERMINAL_COLUMNS), LINES=str(TERMINAL_LINES))
    env.setdefault("TERM", "xterm-256color")
    return env


def prepare_sizes(sizes: Sequence[int], seed: int, log: Callable[[str], None]) -> list[Size]:
    """The bundled file for N = 10, else a generated file (rewritten when the generator changed)."""
    generator = Path(__file__).with_name("generate.py")
    prepared = []
    for n in sizes:
        if n == BUNDLED_N:
            prepared.append(Size(n, BUNDLED, True))
            continue
        path = GENERATED / f"residents-{n}-seed{seed}.yaml"
        if not path.is_file() or path.stat().st_mtime < generator.stat().st_mtime:
            log(f"generating {path.relative_to(ROOT)}")
            write_registry(path, n, seed)
        prepared.append(Size(n, path, False))
    return prepared


def run_rows(
    spawner: Spawner,
    rows: list[Row],
    runs: int,
    warmup: int,
    timeout: float,
    log: Callable[[str], None],
) -> None:
    """Warm-up rounds, then `runs` rounds in which every row runs once, in turn."""
    env = child_env()
    total = warmup + runs
    for round_number in range(total):
        kind = "warm-up" if round_number < warmup else "run"
        for row in rows:
            if row.error is not None:
                continue
            where = f" N={row.size.n:,}" if row.size else ""
            log(f"[{kind} {round_number + 1}/{total}] {row.case.label}{where}")
            sample = spawner.measure(row.argv, env, tty=row.case.tty, timeout=timeout)
            if sample.status != 0:
                row.error = _first_error_line(sample)
                row.samples.clear()
            elif round_number >= warmup:
                row.samples.append(sample)


def _first_error_line(sample: Sample) -> str:
    if sample.status < 0:
        return f"killed by signal {-sample.status}"
    lines = [line.strip() for line in sample.stderr.splitlines() if line.strip()]
    if lines and lines[0].startswith("Traceback"):
        message = lines[-1]  # the exception itself
    else:
        useful = [line for line in lines if not line.startswith(("Usage:", "Try "))]
        message = (useful or lines or [""])[0]
    return f"error (exit {sample.status}): {message}"[:160]


def rich_imports(spawner: Spawner, timeout: float) -> list[tuple[str, str | None, str | None]]:
    """For each machine format on the bundled registry: (command, Rich modules or None, error)."""
    env = child_env()
    results: list[tuple[str, str | None, str | None]] = []
    for args in MACHINE_FORMATS:
        label = "uzit " + " ".join(args)
        argv = [sys.executable, "-c", RICH_PROBE, *args]
        sample = spawner.measure(argv, env, tty=False, timeout=timeout)
        marker = [line for line in sample.stderr.splitlines() if line.startswith("RICH-MODULES")]
        if sample.status != 0:
            results.append((label, None, _first_error_line(sample)))
        elif not marker:
            results.append((label, None, "the probe printed nothing"))
        else:
            results.append((label, marker[-1].removeprefix("RICH-MODULES").strip(), None))
    return results


# -- budgets ---------------------------------------------------------------------------------


def find(rows: list[Row], key: str, n: int | None) -> Row | None:
    for row in rows:
        if row.case.key == key and (row.size.n if row.size else None) == n:
            return row
    return None


def ratio(
    rows: list[Row],
    text: str,
    short: str,
    subject: tuple[str, int | None],
    base: tuple[str, int | None],
    limit: float,
    *,
    memory: bool = False,
) -> Budget:
    """A budget `subject / base <= limit`, attached to the subject's row; n/a if not run."""
    row, base_row = find(rows, *subject), find(rows, *base)
    if row is None or base_row is None:
        return Budget(text, short, None, limit)
    for candidate in (row, base_row):
        if candidate.error is not None:
            budget = Budget(text, short, None, limit, error=f"{candidate.case.label} failed")
            row.budgets.append(budget)
            return budget
    value = row.rss_mb if memory else row.seconds
    base_value = base_row.rss_mb if memory else base_row.seconds
    figure = value / base_value if value is not None and base_value else None
    budget = Budget(text, short, figure, limit)
    row.budgets.append(budget)
    return budget


def evaluate(rows: list[Row], rich: list[tuple[str, str | None, str | None]]) -> list[Budget]:
    small, mid, big = BUNDLED_N, 10_000, 100_000
    found = [
        ratio(
            rows,
            "start-up: `uzit stats` on the bundled registry within 1.2× floor (a)",
            "≤1.2×(a)",
            ("stats", small),
            ("floor-a", None),
            1.2,
        ),
        ratio(
            rows,
            "start-up: `uzit --version` no slower than `uzit stats` (bundled)",
            "≤ stats",
            ("version", None),
            ("stats", small),
            1.0,
        ),
        ratio(
            rows,
            "start-up: `uzit --help` no slower than `uzit stats` (bundled)",
            "≤ stats",
            ("help", None),
            ("stats", small),
            1.0,
        ),
        ratio(
            rows,
            "loading: `uzit stats -f json` at 10,000 within 0.30× floor (b)",
            "≤0.30×(b)",
            ("stats-json", mid),
            ("floor-b", mid),
            0.30,
        ),
        ratio(
            rows,
            "loading: `uzit stats -f json` at 10,000, peak memory within 0.5× floor (b)'s",
            "mem ≤0.5×(b)",
            ("stats-json", mid),
            ("floor-b", mid),
            0.5,
            memory=True,
        ),
    ]
    for case in SIZED_CASES:
        if case.kind == "uzit":
            found.append(
                ratio(
                    rows,
                    f"linear: `{case.label}` at 100,000 within 11× its 10,000 time",
                    "≤11×(10k)",
                    (case.key, big),
                    (case.key, mid),
                    11.0,
                )
            )
    for key, label in (("list-csv", "list -f csv"), ("list-jsonl", "list -f jsonl")):
        found.append(
            ratio(
                rows,
                f"output: `uzit {label}` at 10,000 within 1.25× `uzit stats -f json`",
                "≤1.25×stats",
                (key, mid),
                ("stats-json", mid),
                1.25,
            )
        )
    table = find(rows, "list-table", mid)
    text = "the table: `uzit list -f table` at 10,000 shows its first screen within 2 s"
    error = f"{table.case.label} failed" if table and table.error else None
    seconds = table.first_screen if table else None
    budgets = [*found, Budget(text, "1st screen ≤2 s", seconds, 2.0, unit="s", error=error)]
    if table is not None:
        table.budgets.append(budgets[-1])
    for label, modules, error in rich:
        text = f"machine formats do not import Rich: `{label}`"
        if error is not None:
            budgets.append(Budget(text, "", None, 0, unit="", error=error))
        else:
            count = float(len(modules.split())) if modules else 0.0
            budgets.append(Budget(text, "", count, 0, unit=" Rich modules"))
    return budgets


# -- reporting -------------------------------------------------------------------------------


def floor_for(row: Row, rows: list[Row]) -> tuple[Row | None, str]:
    """The floor a row's time is compared with: (a) for start-up, (b) of its file for loading."""
    if row.case.kind != "uzit":
        return None, ""
    if row.size is None or row.size.bundled:
        return find(rows, "floor-a", None), "a"
    return find(rows, "floor-b", row.size.n), "b"


def table_cells(row: Row, rows: list[Row]) -> list[str]:
    size = row.size.label if row.size else "-"
    if not row.ok:
        return [row.case.label, size, row.error or "error", "", "", "", ""]
    seconds, rss = row.seconds, row.rss_mb
    assert seconds is not None and rss is not None
    floor, name = floor_for(row, rows)
    floor_seconds = floor.seconds if floor is not None else None
    time_ratio = f"{seconds / floor_seconds:.2f}×({name})" if floor_seconds else ""
    floor_b = find(rows, "floor-b", row.size.n) if row.size else None
    floor_rss = floor_b.rss_mb if floor_b is not None else None
    memory_ratio = f"{rss / floor_rss:.2f}×" if floor_rss else ""
    checks = "; ".join(f"{b.short} {b.status}" for b in row.budgets)
    if row.first_screen is not None:
        checks = f"first screen {row.first_screen:.2f} s" + (f"; {checks}" if checks else "")
    return [
        row.case.label,
        size,
        f"{seconds:.3f} s",
        time_ratio,
        f"{rss:.1f}",
        memory_ratio,
        checks,
    ]


HEADINGS = ["command", "N", "median time", "× floor", "peak MB", "mem × (b)", "budgets"]


def render_text(cells: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [HEADINGS, *cells]) for i in range(len(HEADINGS))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADINGS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def render_markdown(cells: list[list[str]]) -> str:
    def line(values: list[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

    aligns = ["---", "---:", "---:", "---:", "---:", "---:", "---"]
    return "\n".join([line(HEADINGS), line(aligns), *(line(c) for c in cells)])


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    memory = ""
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * page_size / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    return (
        f"{cpu}, {os.cpu_count()} CPUs{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PyYAML {yaml.__version__} {libyaml}"
    )


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def report(
    rows: list[Row],
    budgets: list[Budget],
    rich: list[tuple[str, str | None, str | None]],
    *,
    markdown: bool,
    runs: int,
    uzit_text: str,
) -> str:
    cells = [table_cells(row, rows) for row in rows]
    today = dt.date.today().isoformat()
    out = []
    if markdown:
        out.append(f"Measured {today} on {machine_description()}.")
        clock = "CPU time (user + system)" if CLOCK == "cpu" else "wall time"
        out.append(f"Medians of {plural(runs, 'run')}, {clock}; uzit is `{uzit_text}`.\n")
        out.append(render_markdown(cells))
        out.append("\n| budget | result |\n|---|---|")
        out.extend(f"| {b.text.replace('|', '/')} | {b.shown} |" for b in budgets)
    else:
        clock = "CPU time" if CLOCK == "cpu" else "wall time"
        out.append(f"uzit benchmarks, {today}: medians of {plural(runs, 'run')}, {clock}")
        out.append(f"machine: {machine_description()}")
        out.append(f"uzit: {uzit_text}\n")
        out.append(render_text(cells))
        out.append("\nbudgets:")
        out.extend(f"  {b.status:4}  {b.text}: {b.shown}" for b in budgets)
    imported = [(label, modules) for label, modules, _ in rich if modules]
    if imported:
        out.append("\nRich modules imported by machine formats:\n")
        out.extend(f"- `{label}`: {modules}" for label, modules in imported)
    failed = [b for b in budgets if b.status == "FAIL"]
    passed = sum(1 for b in budgets if b.status == "PASS")
    missing = len(budgets) - passed - len(failed)
    out.append(f"\n{passed} budgets pass, {len(failed)} fail, {missing} not measured.")
    return "\n".join(out) + "\n"


# -- command line ----------------------------------------------------------------------------


def parse_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or any(n < 0 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be numbers of residents, 0 or more")
    return sizes


def build_rows(sizes: list[Size], only: list[str], uzit: list[str]) -> list[Row]:
    def wanted(case: Case) -> bool:
        return case.kind != "uzit" or not only or any(word in case.label for word in only)

    rows = [Row(case, None, case_argv(case, None, uzit)) for case in ONCE_CASES if wanted(case)]
    for size in sizes:
        rows += [Row(c, size, case_argv(c, size, uzit)) for c in SIZED_CASES if wanted(c)]
    return rows


def compile_package(log: Callable[[str], None]) -> None:
    """Write the bytecode of uzit_cli, as installing a wheel does, so start-up is measured as an
    installed uzit starts. Without it an editable install under PYTHONDONTWRITEBYTECODE (set on
    these machines) compiles every module again on every run: about 20 ms."""
    log("compiling uzit_cli to bytecode")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, os, sys, uzit_cli; "
            "sys.exit(0 if compileall.compile_dir(os.path.dirname(uzit_cli.__file__), quiet=1)"
            " else 1)",
        ],
        check=False,
    )
    if done.returncode != 0:
        log("warning: uzit_cli could not be compiled; start-up figures include compiling it")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Time uzit's commands against floors measured in the same run.",
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=DEFAULT_SIZES,
        help="residents per registry, comma-separated; 10 is the bundled file "
        "(default: 10,1000,10000,100000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="measured runs per command (5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first (1)")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: N = 10 and 1,000, one run, no warm-up"
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="time only uzit commands whose label contains TEXT (repeatable); floors always run",
    )
    parser.add_argument(
        "--uzit",
        metavar="COMMAND",
        help="how to run uzit (default: the "
        "`uzit` next to this Python, else its console script via python -c)",
    )
    parser.add_argument("--timeout", type=float, default=600, help="seconds per command (600)")
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="time as the wall clock (default) or the child's CPU time (user + system), "
        "which a busy machine disturbs less",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget fails")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    global CLOCK
    CLOCK = args.clock
    sizes, runs, warmup = args.sizes, args.runs, args.warmup
    if args.quick:
        sizes, runs, warmup = QUICK_SIZES, 1, 0
    if runs < 1 or warmup < 0:
        parser.error("--runs must be 1 or more and --warmup 0 or more")

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    uzit, uzit_text = uzit_command(args.uzit)
    compile_package(log)
    rows = build_rows(prepare_sizes(sizes, args.seed, log), args.only, uzit)
    spawner = Spawner()
    try:
        run_rows(spawner, rows, runs, warmup, args.timeout, log)
        log("checking which modules the machine formats import")
        rich = rich_imports(spawner, args.timeout)
    finally:
        spawner.close()
    budgets = evaluate(rows, rich)
    sys.stdout.write(
        report(rows, budgets, rich, markdown=args.markdown, runs=runs, uzit_text=uzit_text)
    )
    return 1 if args.check and any(b.status == "FAIL" for b in budgets) else 0


if __name__ == "__main__":
    sys.exit(main())
