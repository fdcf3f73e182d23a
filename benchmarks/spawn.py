"""Runs the measured commands for run.py, from a process that stays small.

On Linux a child's peak RSS (ru_maxrss, as os.wait4 reports it) is at least the RSS its parent
had when it forked, so a runner that has grown would inflate every small figure. This process
imports only the standard library's basics, reads nothing big, and forks the commands itself,
so the figures are the commands' own (anything above the ~10 MB this process holds).

Protocol: one JSON request per line on stdin (argv, env, stderr_path, tty, columns, lines,
timeout), one JSON result per line on stdout (seconds, cpu_seconds, max_rss_kb, status,
first_screen).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from typing import Any


def run(
    argv: list[str],
    env: dict[str, str],
    stderr_path: str,
    tty: bool = False,
    columns: int = 120,
    lines: int = 40,
    timeout: float = 600.0,
) -> dict[str, Any]:
    """Run `argv` once: stdout to /dev/null (or a pseudo-terminal), stderr to `stderr_path`."""
    master = slave = -1
    if tty:
        import fcntl
        import pty
        import struct
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    errors = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: wire up 0, 1, 2 and become the command
        try:
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0)
            os.dup2(slave if tty else null, 1)
            os.dup2(errors, 2)
            os.closerange(3, 1 << 16)
            os.execvpe(argv[0], argv, env)
        except BaseException as exc:  # nothing may escape a forked child
            os.write(2, f"cannot run {argv[0]}: {exc}\n".encode())
        os._exit(127)
    os.close(errors)

    def expire(signum: int, frame: Any) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    first_screen = None
    try:
        if tty:
            os.close(slave)
            first_screen = _drain(master, start, lines)
            os.close(master)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_rss_kb": usage.ru_maxrss,
        "status": os.waitstatus_to_exitcode(status),
        "first_screen": first_screen,
    }


def _drain(master: int, start: float, lines: int) -> float | None:
    """Read the terminal until the command closes it; when had a screenful of lines arrived?"""
    seen = 0
    first_screen = None
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        seen += chunk.count(b"\n")
        if first_screen is None and seen >= lines:
            first_screen = time.perf_counter() - start
    if first_screen is None and seen:  # all of it fitted on one screen
        first_screen = time.perf_counter() - start
    return first_screen


def serve() -> None:
    while True:
        request = sys.stdin.readline()
        if not request:
            return
        result = run(**json.loads(request))
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
