"""Process hygiene: closed and full standard output, a pipe reader that leaves early, Ctrl-C,
a registry rewritten while being read, terminals, and non-UTF-8 locales. Every case ends in a
clean exit status and at most a located message: never a traceback.

Real `python -m uzit_cli` processes show what only a process shows: how main() leaves (its
final flush, os._exit, the interpreter's own buffering and PYTHONUNBUFFERED), a real pipe
closed early or /dev/full, standard output closed (`>&-`), SIGINT, a real terminal seen as one
and its size read, and the encoding a locale gives the standard streams. One or a few cases
each; every command and format is then run in-process (conftest.invoke, invoke_into) through
the same run(): into a pipe that breaks after a line or at once and a disk that is full (a
file whose writes fail as theirs do, buffered or not), into an ASCII stream, against a registry
replaced while it is read, and the terminal rules (NO_COLOR, TERM=dumb, $COLUMNS).
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import CliResult, invoke, invoke_encoded, invoke_into
from rich.cells import cell_len
from subprocesses import (
    BUNDLED,
    FORMATS,
    TIMEOUT,
    UZIT,
    Done,
    environment,
    uzit,
    uzit_all,
)

from uzit_cli.output import Format
from uzit_cli.output.writers import FORMATS as WRITTEN_AS

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors and signals")


EXPLANATION = b"Inputs: every number the projection rests on"


def without_diagnostics(stderr: bytes) -> bytes:
    """Standard error less uzit's own warning and note lines (project's trend warning in a
    pipe, say) and `project --explain`'s explanation (its tables go to standard error with
    tsv, csv and jsonl): what is left must be nothing at all."""
    if stderr.startswith(EXPLANATION):
        stderr = stderr[stderr.find(b"\nuzit: ") + 1 :] if b"\nuzit: " in stderr else b""
    return b"".join(
        line
        for line in stderr.splitlines(keepends=True)
        if not line.startswith((b"uzit: warning: ", b"uzit: note: "))
    )


def assert_clean(done: Done, status: int = 0) -> None:
    assert done.returncode == status, (done.args, done.err)
    assert without_diagnostics(done.stderr) == b"", (done.args, done.err)


# -- registries ------------------------------------------------------------------------------


def big_registry(residents: int, sources: int, cities: int) -> str:
    """A valid registry that prints far more than a pipe holds, in every command."""
    lines = [
        "schema: 1\n",
        "registry:\n",
        "  title: Big test registry 試験\n",
        "  as_of: 2025-02-28\n",
        "  sources:\n",
    ]
    for index in range(sources):
        lines.append(
            f"    - id: src-{index}\n"
            f"      title: Source number {index} 資料\n"
            f"      publisher: Publisher {index}\n"
            f"      url: https://example.com/{index}\n"
        )
    exporting = (residents + 1) // 2
    jobs = sum(index % 40 for index in range(residents))
    lines.append(
        "  published:\n"
        f"    - {{metric: residents, value: {residents}, source: src-0}}\n"
        f"    - {{metric: exporting_to_japan, value: {exporting}, source: src-0}}\n"
        f"    - {{metric: jobs_created, year: 2024, value: {jobs}, source: src-0}}\n"
        "  targets:\n"
        "    - {metric: residents, factor: 2, by: 2030, source: src-0}\n"
        "    - {metric: japan_it_shortage, value: 790000, year: 2030, source: src-0}\n"
        "residents:\n"
    )
    for index in range(residents):
        japan = index % 2 == 0
        # The first id is one of the bundled registry's, so one `show` works on both.
        rid = "example-sakura-systems" if index == 0 else f"example-{index}"
        lines.append(
            f"  - id: {rid}\n"
            f"    name: Example Company {index}\n"
            f"    name_ja: エグザンプル{index}\n"
            f"    joined: {2016 + index % 9}-0{1 + index % 9}-1{index % 10}\n"
            f"    city: City {index % cities}\n"
            "    sectors: [outsourcing]\n"
            f"    exports_to_japan: {'true' if japan else 'false'}\n"
            + ("    export_markets: [JP]\n" if japan else "")
            + f"    jobs_created: {{2024: {index % 40}}}\n"
            f"    sources: [src-{index % sources}]\n"
        )
    return "".join(lines)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # 1,200 residents, sources and cities: every long output is far over a 64 KiB pipe, and the
    # pipe is shrunk to 4 KiB where the system allows, yet a Rich table of them takes a second.
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(big_registry(1200, 1200, 1200), encoding="utf-8")
    return path


def test_the_big_registry_is_valid_and_its_output_overflows_a_pipe(big: Path) -> None:
    done = invoke("validate", str(big))
    assert done.exit_code == 0 and done.stderr == "", done.stderr
    assert done.stdout.endswith(
        ": OK \u2014 1,200 residents, 1,200 sources; published figures reproduced (3/3)\n"
    )
    listing = invoke("list", "-r", str(big), "-f", "tsv")
    assert listing.exit_code == 0 and listing.stderr == "", listing.stderr
    assert len(listing.stdout.encode()) > 65536  # more than a default pipe holds


# Plain text, a JSON array written element by element, and Rich's table: every writer writes
# to the one standard output, which main() flushes before os._exit().
@pytest.mark.parametrize("output_format", ["tsv", "json", "table"])
def test_the_whole_output_arrives_although_uzit_exits_without_teardown(
    big: Path, output_format: str
) -> None:
    """main() flushes and leaves with os._exit(): not one byte may be lost on the way."""
    listing = uzit("list", "-r", str(big), "-f", output_format)
    assert_clean(listing)
    text = listing.stdout.decode("utf-8")
    if output_format == "json":
        assert len(json.loads(text)) == 1200
    elif output_format == "table":
        assert len(re.findall(r"\bexample-(?:sakura-systems|\d+)\b", text)) == 1200
    else:
        assert len(text.splitlines()) == 1201
    assert text.endswith("\n")


COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "show": ("show", "example-sakura-systems"),
    "stats": ("stats",),
    "stats --by city": ("stats", "--by", "city"),
    "project": ("project",),
    "project --explain": ("project", "--explain"),
    "project --chart": ("project", "--chart"),
    "sources": ("sources",),
    "validate": ("validate",),
}


# -- a reader that leaves early ---------------------------------------------------------------


def _shrink(fd: int) -> None:
    """Make a pipe hold 4 KiB instead of 64 KiB (Linux), so smaller outputs overflow it too."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)
    except (ImportError, OSError):
        pass


def chart_on_stderr(args: Sequence[str], output_format: str) -> bool:
    """`project --chart` draws on stderr when stdout carries a machine format."""
    return "--chart" in args and not WRITTEN_AS[Format(output_format)].for_people


def assert_no_python_error(stderr: bytes) -> None:
    for word in (b"Traceback", b"Exception ignored", b"Error", b"uzit: error"):
        assert word not in stderr, stderr.decode(errors="replace")


class Failing(io.RawIOBase):
    """The bytes of standard output, taken until `lines` lines have passed and then refused
    with `error`: EPIPE is a pipe whose reader has gone (`lines=1`: `head -1`), ENOSPC a full
    disk (/dev/full), as every write after that fails in a real process."""

    def __init__(self, error: int, lines: int = 0) -> None:
        super().__init__()
        self.error = error
        self.lines = lines
        self.taken = bytearray()
        self.refused = 0  # writes that failed: a case that never fails proves nothing

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.lines <= 0:
            self.refused += 1
            raise OSError(self.error, os.strerror(self.error))  # EPIPE: BrokenPipeError
        data = bytes(data)
        end = len(data)
        start = 0
        while self.lines > 0 and (found := data.find(b"\n", start)) >= 0:
            end = start = found + 1
            self.lines -= 1
        if self.lines > 0:
            end = len(data)
        self.taken += data[:end]
        return end


# Docker images often set PYTHONUNBUFFERED=1: then every print() reaches the pipe at once.
BUFFERING = {"buffered": {}, "unbuffered": {"PYTHONUNBUFFERED": "1"}}


def into_failing(
    args: Sequence[str], error: int, *, lines: int = 0, buffering: str = "buffered"
) -> tuple[CliResult, Failing]:
    """Run `uzit ARGS` in-process into a Failing standard output, buffered as the interpreter
    buffers a pipe's, or written through as with PYTHONUNBUFFERED=1: the result (status,
    standard error) and that output (what got through, how many writes failed)."""
    raw = Failing(error, lines)
    if buffering == "buffered":
        out = io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", errors="backslashreplace")
    else:
        out = io.TextIOWrapper(
            raw,  # type: ignore[arg-type]
            encoding="utf-8",
            errors="backslashreplace",
            write_through=True,
        )
    done = invoke_into(out, *args)
    with contextlib.suppress(OSError):  # what is still buffered fails, as it would at exit
        out.close()
    return done, raw


# One case per distinct path, not every command in every format: each command and each format
# at least once; Rich's writer (table) for the longest table and the chart; the chart on stderr
# beside a machine format.
HEAD_CASES = [
    ("list", "table"),
    ("list", "tsv"),
    ("show", "csv"),
    ("stats", "json"),
    ("stats --by city", "jsonl"),
    ("project", "yaml"),
    ("project --explain", "markdown"),
    ("project --chart", "tsv"),
    ("project --chart", "table"),
    ("sources", "csv"),
    ("validate", "json"),
    ("list", "html"),
]
assert {c for c, _ in HEAD_CASES} == set(COMMANDS) and {f for _, f in HEAD_CASES} == set(FORMATS)


def assert_quiet(args: Sequence[str], output_format: str, stderr: bytes) -> None:
    """Nothing on standard error but uzit's diagnostics (or the chart, drawn there)."""
    if chart_on_stderr(args, output_format):
        assert_no_python_error(stderr)
    else:
        assert without_diagnostics(stderr) == b""  # no BrokenPipeError, no "Exception ignored"


@pytest.mark.parametrize(("command", "output_format"), HEAD_CASES)
def test_a_reader_that_leaves_after_one_line_ends_every_writer_quietly(
    command: str, output_format: str
) -> None:
    args = [*COMMANDS[command], "-f", output_format]
    done, output = into_failing(args, errno.EPIPE, lines=1)
    if command != "validate":  # a valid registry has no problems to list
        assert output.taken.strip()  # one line; the next write fails (stats -f json has one)
    assert done.exit_code == 0, done.stderr
    assert_quiet(args, output_format, done.stderr.encode())


# A real pipe, shrunk, that a real reader leaves after one line: the plain writer, Rich's, and
# the chart on standard error beside a machine format.
HEAD_PROCESS_CASES = [("list", "table"), ("list", "tsv"), ("project --chart", "tsv")]


@POSIX
@pytest.mark.parametrize(("command", "output_format"), HEAD_PROCESS_CASES)
def test_head_1_reads_one_line_and_closes_the_pipe(
    big: Path, command: str, output_format: str
) -> None:
    args = COMMANDS[command]
    reader, writer = os.pipe()
    _shrink(reader)
    process = subprocess.Popen(
        [*UZIT, *args, "-r", str(big), "-f", output_format],
        stdin=subprocess.DEVNULL,
        stdout=writer,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as stream:
            first = stream.readline()  # what `head -1` reads before it exits
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert first.strip()
    assert process.returncode == 0, stderr
    assert_quiet(args, output_format, stderr)


def _into_a_closed_pipe(args: Sequence[str], env: Mapping[str, str] | None = None) -> Done:
    """Run with standard output a pipe whose reader has already gone: every write fails."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [*UZIT, *args],
            stdin=subprocess.DEVNULL,
            stdout=writer,
            stderr=subprocess.PIPE,
            env=env if env is not None else environment(),
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(writer)
    return Done(tuple(args), result.returncode, b"", result.stderr)


# Each command and each format at least once, and unbuffered output (every print() reaches the
# pipe at once) through the plain, the JSON and Rich's writers.
GONE_CASES = [
    *((command, output_format, "buffered") for command, output_format in HEAD_CASES),
    ("list", "tsv", "unbuffered"),
    ("stats", "json", "unbuffered"),
    ("project --chart", "table", "unbuffered"),
]


@pytest.mark.parametrize(("command", "output_format", "buffering"), GONE_CASES)
def test_a_reader_gone_before_the_first_write_ends_every_writer_quietly(
    command: str, output_format: str, buffering: str
) -> None:
    args = [*COMMANDS[command], "-f", output_format]
    done, output = into_failing(args, errno.EPIPE, buffering=buffering)
    assert output.refused
    assert done.exit_code == 0, done.stderr
    assert_quiet(args, output_format, done.stderr.encode())


# The real thing: a command's output held in the interpreter's buffer until main() flushes it,
# and written at once (PYTHONUNBUFFERED) by the plain writer and by Rich beside the chart.
GONE_PROCESS_CASES = [
    ("list", "tsv", "buffered"),
    ("list", "tsv", "unbuffered"),
    ("project --chart", "table", "unbuffered"),
]


@POSIX
@pytest.mark.parametrize(("command", "output_format", "buffering"), GONE_PROCESS_CASES)
def test_a_reader_gone_before_the_first_write_ends_quietly(
    command: str, output_format: str, buffering: str
) -> None:
    args = [*COMMANDS[command], "-f", output_format]
    done = _into_a_closed_pipe(args, environment(BUFFERING[buffering]))
    assert done.returncode == 0, done.err
    if chart_on_stderr(args, output_format):
        assert_no_python_error(done.stderr)
    else:
        assert done.stderr == b"", done.err


# What Typer prints itself (help, the version, validate's OK line, `uzit` alone), buffered and
# not: a pipe's reader gone is no error.
PLAIN_PRINTS = [
    pytest.param(("--version",), "buffered", 0, id="--version"),
    pytest.param(("validate",), "buffered", 0, id="validate"),
    pytest.param(("--help",), "buffered", 0, id="--help"),
    pytest.param(("list", "--help"), "buffered", 0, id="list --help"),
    pytest.param(("--version",), "unbuffered", 0, id="--version-unbuf"),
    pytest.param(("validate",), "unbuffered", 0, id="validate-unbuf"),
    pytest.param(("--help",), "unbuffered", 0, id="--help-unbuf"),
    pytest.param((), "buffered", 2, id="no-args"),
    pytest.param((), "unbuffered", 2, id="no-args-unbuf"),
]


@pytest.mark.parametrize(("args", "buffering", "status"), PLAIN_PRINTS)
def test_plain_prints_into_a_gone_reader_end_quietly(
    args: tuple[str, ...], buffering: str, status: int
) -> None:
    done, output = into_failing(args, errno.EPIPE, buffering=buffering)
    assert output.refused
    assert done.stderr == ""
    assert done.exit_code in (0, status)  # 0: the reader left; or the usage status of `uzit`


@POSIX
@pytest.mark.parametrize(
    ("args", "buffering", "status"),
    [
        # held until main() flushes it at exit; and written at once, inside Typer's print
        pytest.param(("--version",), "buffered", 0, id="--version"),
        pytest.param(("--help",), "unbuffered", 0, id="--help-unbuf"),
        pytest.param((), "unbuffered", 2, id="no-args-unbuf"),
        pytest.param(("validate",), "unbuffered", 0, id="validate-unbuf"),
    ],
)
def test_plain_prints_into_a_closed_pipe_end_quietly(
    args: tuple[str, ...], buffering: str, status: int
) -> None:
    done = _into_a_closed_pipe(args, environment(BUFFERING[buffering]))
    assert done.stderr == b"", done.err
    assert done.returncode in (0, status)  # 0: the reader left; or the usage status of `uzit`


def invalid_big_registry(count: int) -> str:
    """A registry with one problem per resident: `validate -f FORMAT` writes a long report."""
    return big_registry(count, 1, 1).replace("    exports_to_japan: false\n", "    exports: no\n")


@POSIX
def test_validate_with_errors_into_a_closed_pipe_still_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(invalid_big_registry(600), encoding="utf-8")
    done = _into_a_closed_pipe(["validate", str(path), "-f", "jsonl"])
    assert done.stderr == b""
    assert done.returncode == 1


@pytest.mark.parametrize("output_format", ["tsv", "json", "table"])  # plain, JSON, Rich writers
def test_validate_with_errors_into_a_gone_reader_prints_no_traceback(
    tmp_path: Path, output_format: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(invalid_big_registry(20), encoding="utf-8")
    done, output = into_failing(["validate", str(path), "-f", output_format], errno.EPIPE)
    assert output.refused
    assert done.exit_code in (0, 1) and done.stderr == "", done.stderr


# -- Ctrl-C -----------------------------------------------------------------------------------


def wait_until_reading_stdin(pid: int) -> None:
    """Wait until the process blocks reading standard input (Linux names the wait in wchan).

    A SIGINT before Python has finished importing prints the interpreter's own traceback,
    which no program can prevent, so the signal must come once uzit is waiting for input.
    """
    wchan = Path(f"/proc/{pid}/wchan")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            state = wchan.read_text()
        except OSError:
            time.sleep(1.5)  # no /proc: give the interpreter time to start
            return
        if "pipe" in state or "read" in state:
            return
        time.sleep(0.02)
    raise AssertionError("uzit never started reading its standard input")


@POSIX
@pytest.mark.parametrize(
    "args",
    # Every command waits in the same open_registry(); validate names the file as an argument.
    [("list", "-r", "-"), ("validate", "-")],
)
def test_ctrl_c_while_waiting_for_the_registry_exits_130(args: tuple[str, ...]) -> None:
    process = subprocess.Popen(
        [*UZIT, *args],
        stdin=subprocess.PIPE,  # open, and nobody writes to it
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
        # A shell's background job (`make test &`) ignores SIGINT, and a child inherits that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        wait_until_reading_stdin(process.pid)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr
    assert stdout == b""


# -- standard output closed or full -----------------------------------------------------------

# main() answers a closed stdout before any command runs: one command, and the eager options.
CLOSED_STDOUT_CASES = [("list", "-f", "table"), ("--version",), ("--help",)]


@POSIX
@pytest.mark.parametrize("args", CLOSED_STDOUT_CASES, ids=" ".join)
def test_stdout_closed_is_one_error_line_and_exit_1(args: tuple[str, ...]) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *UZIT, *args],  # `uzit ARGS >&-`
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment(),
        timeout=TIMEOUT,
        check=False,
    )
    lines = result.stderr.decode("utf-8", errors="backslashreplace").splitlines()
    assert result.returncode == 1, lines
    assert len(lines) == 1 and lines[0].startswith("uzit: error: "), lines


@POSIX
def test_stdout_closed_never_writes_into_the_registry_that_takes_its_descriptor(
    tmp_path: Path,
) -> None:
    # With fd 1 closed, the registry opened next gets descriptor 1: it must stay untouched.
    path = tmp_path / "registry.yaml"
    shutil.copyfile(BUNDLED, path)
    before = path.read_bytes()
    for args in (("list", "-r", str(path)), ("validate", str(path)), ("stats", "-r", str(path))):
        subprocess.run(
            ["sh", "-c", 'exec "$@" >&-', "sh", *UZIT, *args],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=environment(),
            timeout=TIMEOUT,
            check=False,
        )
    assert path.read_bytes() == before


FULL = Path("/dev/full")
NO_SPACE = f"uzit: error: cannot write output: {os.strerror(errno.ENOSPC)}"


def test_a_full_disk_is_one_error_line_and_exit_1_in_every_writer() -> None:
    # Each format once (a failed write is one path per writer, whatever the command), and
    # validate -f jsonl of no problem, which writes nothing.
    one_each = {output_format: command for command, output_format in reversed(HEAD_CASES)}
    cases = [*((c, f) for f, c in one_each.items()), ("validate", "jsonl")]
    for command, output_format in cases:
        done, output = into_failing([*COMMANDS[command], "-f", output_format], errno.ENOSPC)
        if (command, output_format) == ("validate", "jsonl"):
            assert done.exit_code == 0 and done.stderr == ""  # no problem, no line, no failure
            assert not output.refused
            continue
        assert output.refused
        assert done.exit_code == 1, (command, output_format, done.stderr)
        assert done.stderr.splitlines() == [NO_SPACE], (command, output_format)


FULL_PRINTS = [
    pytest.param(("--help",), "buffered", id="--help"),
    pytest.param(("--version",), "buffered", id="--version"),
    pytest.param(("show", "--help"), "buffered", id="show --help"),
    pytest.param(("validate",), "buffered", id="validate"),
    pytest.param((), "buffered", id="no-args"),
    pytest.param(("--version",), "unbuffered", id="--version-unbuf"),
    pytest.param(("validate",), "unbuffered", id="validate-unbuf"),
]


@pytest.mark.parametrize(("args", "buffering"), FULL_PRINTS)
def test_plain_prints_into_a_full_disk_are_one_error_line(
    args: tuple[str, ...], buffering: str
) -> None:
    done, output = into_failing(args, errno.ENOSPC, buffering=buffering)
    assert output.refused
    assert done.stderr.splitlines() == [NO_SPACE]
    assert done.exit_code == 1


# The real device: a command's report, and what Typer prints, held until main() flushes it at
# exit or written at once.
@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    ("args", "buffering"),
    [
        pytest.param(("list", "-f", "table"), "buffered", id="list"),
        pytest.param(("--help",), "buffered", id="--help"),
        pytest.param(("validate",), "buffered", id="validate"),
        pytest.param(("--version",), "unbuffered", id="--version-unbuf"),
    ],
)
def test_stdout_full_is_one_error_line_and_exit_1(args: tuple[str, ...], buffering: str) -> None:
    with FULL.open("wb") as full:
        done = uzit(*args, stdout=full.fileno(), env=environment(BUFFERING[buffering]))
    assert done.err.splitlines() == [NO_SPACE]
    assert done.returncode == 1


# -- the registry file: read-only, unreadable, a directory, replaced --------------------------


# What happens to the file is the same in any process: these run in-process (conftest.invoke).


def test_a_read_only_registry_in_a_read_only_directory_works(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "registry.yaml"
    shutil.copyfile(BUNDLED, path)
    expected = invoke("stats", "-r", str(BUNDLED), "-f", "json")
    assert expected.exit_code == 0, expected.stderr
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        results = [
            invoke("stats", "-r", str(path), "-f", "json"),
            invoke("validate", str(path)),
            invoke("list", "-r", str(path), "-f", "csv"),
        ]
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    for done in results:
        assert done.exit_code == 0 and done.stderr == "", done.stderr
    assert results[0].stdout == expected.stdout
    assert json.loads(results[0].stdout)["residents"] == 10
    assert results[1].stdout.startswith(str(path) + ": OK")
    assert results[2].stdout.count("\r\n") == 11
    assert sorted(p.name for p in folder.iterdir()) == ["registry.yaml"]


def located(done: CliResult, shown: str, message: str) -> None:
    assert done.exit_code == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"{shown}:1:1: {message}",
        f"uzit: error: {shown}: 1 problem",
    ]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads a file of mode 000"
)
def test_an_unreadable_registry_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copyfile(BUNDLED, path)
    path.chmod(0)
    monkeypatch.chdir(tmp_path)
    try:
        done = invoke("list", "-r", "secret.yaml")
    finally:
        path.chmod(0o644)
    located(done, "secret.yaml", "permission denied: the file cannot be read")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_whose_read_fails_is_a_located_error() -> None:
    # Reading /proc/self/mem at offset 0 fails with EIO: an unreadable file even for root.
    done = invoke("stats", "-r", "/proc/self/mem")
    located(done, "/proc/self/mem", f"cannot be read: {os.strerror(errno.EIO)}")


def test_a_directory_as_the_registry_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    located(invoke("list", "-r", "folder"), "folder", "is a directory, not a registry file")
    by_environment = invoke("stats", env={"UZIT_REGISTRY": "folder"})
    located(by_environment, "folder", "is a directory, not a registry file")
    done = invoke("validate", "folder")
    assert done.exit_code == 1
    assert done.stderr.splitlines() == [
        "folder:1:1: is a directory, not a registry file",
        "uzit: error: folder: 1 problem",
    ]


def test_a_path_through_a_file_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copyfile(BUNDLED, tmp_path / "registry.yaml")
    monkeypatch.chdir(tmp_path)
    done = invoke("list", "-r", "registry.yaml/inner.yaml")
    located(done, "registry.yaml/inner.yaml", f"cannot be read: {os.strerror(errno.ENOTDIR)}")


def test_a_missing_registry_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    located(invoke("sources", "-r", "missing.yaml"), "missing.yaml", "no such file")


@POSIX
def test_a_dangling_symlink_is_named_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "current.yaml").symlink_to("nowhere.yaml")
    monkeypatch.chdir(tmp_path)
    located(invoke("list", "-r", "current.yaml"), "current.yaml", "no such file")


def small_registry(title: str, prefix: str, count: int) -> str:
    residents = "".join(
        f"  - id: {prefix}-{index}\n"
        f"    name: {prefix.upper()} company {index}\n"
        "    joined: 2024-01-01\n"
        "    city: Tashkent\n"
        "    sectors: [outsourcing]\n"
        "    exports_to_japan: false\n"
        for index in range(count)
    )
    return (
        "schema: 1\nregistry:\n"
        f"  title: {title}\n  as_of: 2025-02-28\nresidents:\n{residents}"
        + "# padding to make the file longer than one read buffer\n"
        * 400
    )


def test_a_registry_replaced_between_two_runs_is_read_afresh(tmp_path: Path) -> None:
    path = tmp_path / "registry.yaml"
    path.write_text(small_registry("Registry A", "a", 3), encoding="utf-8")
    first = invoke("list", "-r", str(path), "-f", "json")
    replacement = tmp_path / "replacement.yaml"
    replacement.write_text(small_registry("Registry B", "b", 5), encoding="utf-8")
    os.replace(replacement, path)
    second = invoke("list", "-r", str(path), "-f", "json")
    for done in (first, second):
        assert done.exit_code == 0 and done.stderr == "", done.stderr
    assert [r["id"] for r in json.loads(first.stdout)] == ["a-0", "a-1", "a-2"]
    assert [r["id"] for r in json.loads(second.stdout)] == ["b-0", "b-1", "b-2", "b-3", "b-4"]


@contextmanager
def swapping(path: Path, versions: Sequence[bytes], *, in_place: bool) -> Iterator[None]:
    """Keep replacing `path` with the other version until the block ends.

    `in_place` rewrites the file (truncate, then write), which a reader may see half-written;
    otherwise a new file is renamed over it, as editors and `mv` do, which is atomic.
    """
    stop = threading.Event()

    def swap() -> None:
        index = 0
        while not stop.is_set():
            index = 1 - index
            if in_place:
                path.write_bytes(versions[index])
            else:
                staged = path.with_name(f".staged-{index}")
                staged.write_bytes(versions[index])
                os.replace(staged, path)
            time.sleep(0.0005)

    thread = threading.Thread(target=swap, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def two_versions(tmp_path: Path) -> tuple[list[bytes], set[str]]:
    """Two registries that differ in title and residents, and `list -f markdown` of each."""
    versions = [
        small_registry("Registry A", "a", 30).encode(),
        small_registry("Registry B", "b", 40).encode(),
    ]
    expected = set()
    for index, text in enumerate(versions):
        stable = tmp_path / f"stable-{index}.yaml"
        stable.write_bytes(text)
        done = invoke("list", "-r", str(stable), "-f", "markdown")
        assert done.exit_code == 0 and done.stderr == "", done.stderr
        expected.add(done.stdout)
    assert len(expected) == 2
    return versions, expected


# The file is read the same way in any process: in-process, while another thread swaps it.


def test_a_registry_renamed_over_while_being_read_gives_one_whole_version(
    tmp_path: Path,
) -> None:
    # uzit reads the file with one open() and one read(): a rename in between cannot mix the
    # old title with the new residents. Each run prints exactly version A or version B.
    versions, expected = two_versions(tmp_path)
    path = tmp_path / "registry.yaml"
    path.write_bytes(versions[0])
    with swapping(path, versions, in_place=False):
        results = [invoke("list", "-r", str(path), "-f", "markdown") for _ in range(8)]
    for done in results:
        assert done.exit_code == 0 and done.stderr == "", done.stderr
        assert done.stdout in expected


def test_a_registry_rewritten_in_place_while_being_read_never_crashes(tmp_path: Path) -> None:
    # A half-written file may be invalid (a clean, located error) but must never crash uzit.
    versions, _ = two_versions(tmp_path)
    path = tmp_path / "registry.yaml"
    path.write_bytes(versions[0])
    with swapping(path, versions, in_place=True):
        results = [invoke("list", "-r", str(path), "-f", "markdown") for _ in range(8)]
    for done in results:
        assert done.exit_code in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        if done.exit_code == 1:
            lines = done.stderr.splitlines()
            assert lines[0].startswith(f"{path}:"), lines
            assert lines[-1].startswith(f"uzit: error: {path}: "), lines
            assert done.stdout == ""


# -- terminals: colour, TERM=dumb, 20 columns -------------------------------------------------

ESC = b"\x1b"
CSI = re.compile(rb"\x1b\[[0-9;]*[A-Za-z]")
TERMINAL_COMMANDS = [
    *(args for name, args in COMMANDS.items() if name != "validate"),
    ("validate", "-f", "table"),  # plain `validate` prints one line, not a table
]
# Colour is decided once, at start-up (output/streams.py), and drawn by one console: a table,
# the chart, and validate's report. Real pseudo-terminals are kept for what only they show
# (that a real terminal is seen as one, coloured, and its size read); the rules themselves are
# checked in-process, standard output standing in for a terminal (conftest.invoke(terminal=N)).
COLOUR_COMMANDS = [("list",), ("project", "--chart"), ("validate", "-f", "table")]


def on_a_terminal(
    args: Sequence[str], extra: Mapping[str, str], *, columns: int | None = None
) -> Done:
    """Run `uzit ARGS` with standard output on a pseudo-terminal; stderr stays a pipe."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    leader, follower = pty.openpty()
    if columns is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        [*UZIT, *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=environment(extra),
    )
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other side is closed, the process has exited
                break
            if not chunk:
                break
            chunks.append(chunk)
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
            process.wait()
    return Done(tuple(args), process.returncode, b"".join(chunks), stderr)


@POSIX
def test_a_colour_terminal_does_get_colour() -> None:
    # The control for the tests below: on this pseudo-terminal Rich does write escapes.
    done = on_a_terminal(["list", "-f", "table"], {"TERM": "xterm-256color"})
    assert_clean(done)
    assert ESC in done.stdout


def on_a_terminal_in_process(
    args: Sequence[str], width: int, extra: Mapping[str, str | None]
) -> str:
    """What `uzit ARGS` writes to a terminal `width` columns wide (in-process), checked clean."""
    done = invoke(*args, terminal=width, env=extra)
    assert done.exit_code == 0, (args, done.stderr)
    assert without_diagnostics(done.stderr.encode()) == b"", done.stderr
    return done.stdout


@pytest.mark.parametrize("args", COLOUR_COMMANDS, ids=" ".join)
def test_no_color_on_a_terminal_writes_no_escape_byte(args: tuple[str, ...]) -> None:
    out = on_a_terminal_in_process(args, 80, {"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert "\x1b" not in out and out.strip()


@pytest.mark.parametrize("args", COLOUR_COMMANDS, ids=" ".join)
def test_term_dumb_on_a_terminal_writes_no_escape_byte(args: tuple[str, ...]) -> None:
    out = on_a_terminal_in_process(args, 80, {"TERM": "dumb", "NO_COLOR": None})
    assert "\x1b" not in out
    assert "Illustrative data" in out or args[0] == "validate"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_table_in_a_pipe_writes_no_escape_byte(command: str) -> None:
    # In-process: standard output is not a terminal there either.
    args = [*COMMANDS[command], "-f", "table"]
    for extra in ({"NO_COLOR": "1"}, {"NO_COLOR": None, "TERM": "dumb"}):
        done = invoke(*args, env=extra)
        assert done.exit_code == 0, (args, done.stderr)
        assert without_diagnostics(done.stderr.encode()) == b"", done.stderr
        assert "\x1b" not in done.stdout, (args, extra)
        assert done.stdout.strip()


def widest_line(output: bytes) -> int:
    """The widest line, but for a line that holds one whole value (an id, a URL) alone: one
    longer than the terminal is printed unbroken, for the terminal to wrap (README, Tables
    that fit)."""
    text = CSI.sub(b"", output).decode("utf-8").replace("\r\n", "\n")
    return max(cell_len(line) for line in text.split("\n") if len(line.split()) != 1)


@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=" ".join)
def test_a_20_column_terminal_by_columns_fits_every_table(args: tuple[str, ...]) -> None:
    out = on_a_terminal_in_process(args, 20, {"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert widest_line(out.encode()) <= 20


@POSIX
def test_a_20_column_terminal_by_its_size_fits_the_table() -> None:
    # the size a real terminal reports is read; every table and the chart at that width above
    done = on_a_terminal(["list"], {"TERM": "xterm-256color", "NO_COLOR": "1"}, columns=20)
    assert_clean(done)
    assert widest_line(done.stdout) <= 20


def test_a_20_column_dumb_terminal_fits_the_table() -> None:
    out = on_a_terminal_in_process(["list"], 20, {"TERM": "dumb", "NO_COLOR": None})
    assert widest_line(out.encode()) <= 20


@pytest.mark.parametrize("command", list(COMMANDS))
def test_columns_20_in_a_pipe_renders_the_table(command: str) -> None:
    done = invoke(*COMMANDS[command], "-f", "table", env={"COLUMNS": "20"})  # in-process: a pipe
    assert done.exit_code == 0, done.stderr
    assert without_diagnostics(done.stderr.encode()) == b"", done.stderr
    assert "Illustrative data" in done.stdout or command == "validate"
    assert done.stdout


# -- locales: LANG=C, LC_ALL=C, ASCII output --------------------------------------------------

JAPANESE_NAME = "エグザンプル・サクラ・システムズ"
JAPANESE_TITLE = "IT パーク日本資本の居住者"
LOCALE_COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list", "-c", "id,name,name_ja"),
    "show": ("show", "example-sakura-systems"),
    "stats": ("stats",),
    "project": ("project", "--explain"),
    "sources": ("sources",),
    "validate": ("validate",),
}
# LANG=C is not among them: it gives what LC_ALL=C gives (UTF-8 mode: standard streams and file
# names in UTF-8), so a run of each paid for the same processes twice.
LOCALES: dict[str, dict[str, str]] = {
    "LC_ALL=C": {"LC_ALL": "C"},
    "LC_ALL=C PYTHONIOENCODING=ascii": {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
    "LC_ALL=C PYTHONUTF8=0": {"LC_ALL": "C", "PYTHONUTF8": "0"},  # ASCII stdout, no UTF-8 mode
}


@pytest.fixture(scope="module")
def japanese(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled registry with a Japanese title, so every table and Markdown shows some."""
    text = BUNDLED.read_text(encoding="utf-8")
    title = "  title: Japanese-capital residents of IT Park Uzbekistan\n"
    assert title in text
    path = tmp_path_factory.mktemp("japanese") / "registry.yaml"
    path.write_text(text.replace(title, f"  title: {JAPANESE_TITLE}\n", 1), encoding="utf-8")
    return path


# Encoding is one path for every plain format, and Rich's ASCII fallback another: every command
# as a table, and every format at least once, rather than every command in every format.
FORMATS_UTF8 = {record.format.value: record.utf8 for record in WRITTEN_AS.values()}
LOCALE_CASES = [
    *((command, "table") for command in LOCALE_COMMANDS),
    ("list", "tsv"),
    ("show", "csv"),
    ("list", "json"),
    ("stats", "jsonl"),
    ("show", "yaml"),
    ("list", "markdown"),
    ("sources", "markdown"),
    ("list", "html"),
]
assert {f for _, f in LOCALE_CASES} == set(FORMATS)


@pytest.fixture(scope="module")
def references(japanese: Path) -> dict[tuple[str, str], bytes]:
    """Each case's output to a UTF-8 stream, to compare the locales with."""
    outputs = {}
    for command, output_format in LOCALE_CASES:
        args = [*LOCALE_COMMANDS[command], "-r", str(japanese), "-f", output_format]
        done = invoke(*args, env=WIDE_TABLES)
        assert done.exit_code == 0, (args, done.stderr)
        assert without_diagnostics(done.stderr.encode()) == b"", done.stderr
        outputs[command, output_format] = done.stdout.encode()
    return outputs


# Tables in a file fit $COLUMNS (else 120): wide enough here that an escaped Japanese name
# (six cells a character) stays on one line in every locale.
WIDE_TABLES = {"COLUMNS": "1000"}


def locale_env(variables: Mapping[str, str]) -> dict[str, str]:
    return environment({**variables, **WIDE_TABLES}, keep_locale=False)


def assert_japanese_or_escaped(output_format: str, got: bytes, want: bytes, in_ascii: bool) -> None:
    """`got` is the UTF-8 reference `want` where the stream or the format is UTF-8; else every
    non-ASCII character is escaped, nothing lost, nothing else changed; a table is ASCII."""
    if not in_ascii or FORMATS_UTF8[output_format]:
        # C is UTF-8 to Python 3.7+; CSV, JSON, YAML and HTML are UTF-8 bytes in any locale
        assert got == want, output_format
    elif output_format != "table":
        assert got == want.decode().encode("ascii", "backslashreplace"), output_format
    else:
        got.decode("ascii")  # Rich switches to ASCII rules and symbols
        if JAPANESE_TITLE.encode() in want:
            assert JAPANESE_TITLE.encode("ascii", "backslashreplace") in got
        if JAPANESE_NAME.encode() in want:
            assert JAPANESE_NAME.encode("ascii", "backslashreplace") in got


@pytest.mark.parametrize(("command", "output_format"), LOCALE_CASES)
def test_an_ascii_output_gets_japanese_escaped_or_as_utf8_bytes(
    japanese: Path, references: dict[tuple[str, str], bytes], command: str, output_format: str
) -> None:
    # standard output as an ASCII locale makes it (main() sets errors=backslashreplace); Rich's
    # fallback draws each command's table its own way, so every command as a table
    args = [*LOCALE_COMMANDS[command], "-r", str(japanese), "-f", output_format]
    done, got = invoke_encoded("ascii", *args, env=WIDE_TABLES)
    assert done.exit_code == 0, done.stderr  # above all: no UnicodeEncodeError
    assert without_diagnostics(done.stderr.encode()) == b"", done.stderr
    assert_japanese_or_escaped(output_format, got, references[command, output_format], True)


# In a real process, the encoding the locale gives standard output: a plain format written as
# text, a UTF-8 format through the bytes underneath, and Rich's table.
PROCESS_LOCALE_CASES = [("list", "tsv"), ("list", "json"), ("list", "table")]


@pytest.mark.parametrize("variant", list(LOCALES))
def test_a_c_locale_prints_japanese_or_escapes_it(
    japanese: Path, references: dict[tuple[str, str], bytes], variant: str
) -> None:
    results = uzit_all(
        [[*LOCALE_COMMANDS[c], "-r", str(japanese), "-f", f] for c, f in PROCESS_LOCALE_CASES],
        env=locale_env(LOCALES[variant]),
    )
    ascii_output = "ascii" in variant or "UTF8=0" in variant
    for (command, output_format), done in zip(PROCESS_LOCALE_CASES, results, strict=True):
        assert_clean(done)  # above all: no UnicodeEncodeError
        want = references[command, output_format]
        assert_japanese_or_escaped(output_format, done.stdout, want, ascii_output)


def test_the_japanese_reference_outputs_hold_japanese(
    references: dict[tuple[str, str], bytes],
) -> None:
    # So the locale tests above compare something: names and titles are in the outputs.
    for (command, output_format), output in references.items():
        if command in ("list", "show"):
            assert JAPANESE_NAME.encode() in output, (command, output_format)
        if command not in ("project", "validate") and output_format in ("table", "markdown"):
            assert JAPANESE_TITLE.encode() in output, (command, output_format)
    # JSON and YAML read back to the Japanese name (the locale test: the same bytes in any locale)
    assert JAPANESE_NAME in [r["name_ja"] for r in json.loads(references["list", "json"])]
    assert yaml.safe_load(references["show", "yaml"])["name_ja"] == JAPANESE_NAME


@pytest.mark.parametrize("variant", list(LOCALES))
def test_a_japanese_file_name_in_a_c_locale(tmp_path: Path, variant: str) -> None:
    shutil.copyfile(BUNDLED, tmp_path / "名簿.yaml")
    (tmp_path / "壊れた.yaml").write_text("schema: 2\n", encoding="utf-8")
    env = locale_env(LOCALES[variant])
    ok, broken, missing = uzit_all(
        [["validate", "名簿.yaml"], ["list", "-r", "壊れた.yaml"], ["list", "-r", "無い.yaml"]],
        env=env,
        cwd=tmp_path,
    )
    assert ok.returncode == 0 and ok.stderr == b"", ok.err
    assert b": OK " in ok.stdout
    for done in (broken, missing):
        assert done.returncode == 1, done.err
        assert "Traceback" not in done.err
        assert done.err.splitlines()[-1].startswith("uzit: error: ")
