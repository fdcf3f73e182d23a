"""Running the installed-style `uzit` as real subprocesses: one environment, bounded runs.

Shared by the process-hygiene and output-safety tests.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from uzit_cli.output import Format

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "residents.yaml"
UZIT = (sys.executable, "-m", "uzit_cli")
TIMEOUT = 30  # a bound for a stuck process on a loaded CI machine; each run takes well under 2 s
#: Every format but auto, from the format records: a new format needs its cases below.
FORMATS = tuple(f.value for f in Format if f is not Format.auto)

# Set by a developer's shell, they would change what is tested.
DROPPED = (
    "UZIT_REGISTRY",
    "UZIT_LANG",
    "UZIT_PAGER",
    "PAGER",
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "PYTHONWARNINGS",
    "PYTHONUNBUFFERED",  # tests that depend on it set it themselves
)
LOCALE = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES")


def environment(
    extra: Mapping[str, str] | None = None, *, keep_locale: bool = True
) -> dict[str, str]:
    """The environment of a child: this checkout on PYTHONPATH, nothing that changes output."""
    dropped = DROPPED if keep_locale else DROPPED + LOCALE
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    old = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + old if old else "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["UZIT_PAGER"] = "cat"  # in a pseudo-terminal, no pager waits for keys (see test_pager)
    if keep_locale:
        env["PYTHONUTF8"] = "1"  # a stable encoding, whatever the machine's locale is
    env.update(extra or {})
    return env


@dataclass(frozen=True)
class Done:
    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", errors="backslashreplace")


def uzit(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdout: int | None = subprocess.PIPE,
) -> Done:
    result = subprocess.run(
        [*UZIT, *args],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env if env is not None else environment(),
        cwd=cwd,
        timeout=TIMEOUT,
        check=False,
    )
    return Done(tuple(args), result.returncode, result.stdout or b"", result.stderr)


def uzit_all(
    commands: Sequence[Sequence[str]],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdout: int | None = subprocess.PIPE,
) -> list[Done]:
    """Run several `uzit` commands at once (a test stays fast), each bounded by TIMEOUT."""
    processes = [
        subprocess.Popen(
            [*UZIT, *args],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=env if env is not None else environment(),
            cwd=cwd,
        )
        for args in commands
    ]
    results = []
    try:
        for args, process in zip(commands, processes, strict=True):
            out, err = process.communicate(timeout=TIMEOUT)
            results.append(Done(tuple(args), process.returncode, out or b"", err))
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return results


def in_pty(
    argv: Sequence[str],
    width: int,
    env: Mapping[str, str],
    cwd: Path | None = None,
    height: int = 50,
    timeout: float = TIMEOUT,
) -> tuple[int, list[str]]:
    """Run ARGV in a pseudo-terminal `width` columns wide and `height` lines high (its size set
    with TIOCSWINSZ, as a real terminal's is): its exit status and what it drew, as lines
    without trailing spaces. `timeout` bounds a stuck run (a shell loop of several commands
    needs more than one command's bound)."""
    return _in_terminal(argv, env, cwd, size=(height, width), timeout=timeout)


def converse(
    argv: Sequence[str],
    answers: Sequence[bytes],
    env: Mapping[str, str],
    cwd: Path | None = None,
    *,
    again: bytes | None = None,
) -> tuple[int, list[str]]:
    """Run ARGV in a pseudo-terminal and type each of `answers` (with `\\r`, `\\t` or `\\x03`
    as keys) once it asks a question (its output ends in `: `): its exit status and what it
    drew, as lines. `again`, once every answer is typed, is typed again after each second of
    silence, as a person presses Ctrl-C a second time: CPython's readline misses a SIGINT that
    arrives after the prompt is written but before it waits for the key, and then waits."""
    return _in_terminal(argv, env, cwd, answers=answers, again=again, controlling=True)


def _in_terminal(
    argv: Sequence[str],
    env: Mapping[str, str],
    cwd: Path | None,
    *,
    size: tuple[int, int] | None = None,
    answers: Sequence[bytes] = (),
    again: bytes | None = None,
    controlling: bool = False,
    timeout: float = TIMEOUT,
) -> tuple[int, list[str]]:
    """The one pseudo-terminal driver: ARGV run with the terminal as its standard streams (of
    `size` rows and columns; its controlling terminal, so Ctrl-C is SIGINT, when
    `controlling`), answers typed as in `converse`, read until the terminal closes."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    def own_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        # A shell's background job (`make test &`) ignores SIGINT, and a child inherits that:
        # Ctrl-C must reach it as it reaches a program started from the terminal.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    controller, terminal = pty.openpty()
    if size is not None:
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    process = subprocess.Popen(
        list(argv),
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=dict(env),
        cwd=cwd,
        start_new_session=controlling,
        preexec_fn=own_terminal if controlling else None,
    )
    os.close(terminal)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if not ready:
                if again is not None and not pending and time.monotonic() - quiet_since > 1:
                    os.write(controller, again)
                    quiet_since = time.monotonic()
                continue
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the child has gone and the terminal is closed
                break
            if not chunk:
                break
            output += chunk
            quiet_since = time.monotonic()
            if pending and output.endswith(b": "):
                os.write(controller, pending.pop(0))
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
        process.wait(TIMEOUT)
    text = output.decode("utf-8").replace("\r\n", "\n")
    return process.returncode, [line.rstrip(" ") for line in text.splitlines()]


@dataclass(frozen=True)
class Loaded:
    """One run of a `modules_after` probe: its status, how much it printed, and the modules
    loaded before it and once it had run."""

    args: tuple[str, ...]
    status: int
    printed: int
    before: frozenset[str]
    after: frozenset[str]

    @property
    def new(self) -> frozenset[str]:
        """The modules this run loaded."""
        return self.after - self.before


_PROBE = """
import contextlib, io, json, sys
from uzit_cli.cli.app import run
report = []
for args in json.loads(sys.argv[1]):
    before = sorted(sys.modules)
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        status = run(args)
    report.append([args, status, len(printed.getvalue()), before, sorted(sys.modules)])
print(json.dumps(report))
"""


def modules_after(runs: Sequence[Sequence[str]], cwd: Path = ROOT) -> list[Loaded]:
    """Run each of `runs` (the words after `uzit`) in turn through run() in one new interpreter,
    its output kept from standard output: each run's status and the modules it found loaded
    and left loaded. One interpreter for several start-up checks instead of one each.

    A module is loaded once in a process: whether a run loads it is seen only if no run before
    did. A check that a run loads nothing of a kind reads `after`, which holds what every run
    before loaded too, so it is never weaker than a new process; put a run whose loading is
    checked (`new`) before any that would load the same."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps([list(args) for args in runs])],
        capture_output=True,
        text=True,
        env=environment(),
        cwd=cwd,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [
        Loaded(tuple(args), status, printed, frozenset(before), frozenset(after))
        for args, status, printed, before, after in json.loads(result.stdout)
    ]
