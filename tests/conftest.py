"""Shared test helpers: run the real CLI in-process, and small registries written to disk."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from uzit_cli.cli.app import run
from uzit_cli.output.streams import Stream, Streams

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (see README, Development):
# - "default": fast and deterministic, for `make test` and CI: the same 50 examples every run;
# - "thorough": randomised and ten times larger, for an opt-in run (`make test-thorough`).
# Tests set no max_examples of their own, so the profile decides for every property.
settings.register_profile(
    "default",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=500,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "residents.yaml"

MINIMAL_HEADER = """\
schema: 1
registry:
  title: Test registry
  as_of: 2025-02-28
  sources:
    - id: src
      title: A source
      publisher: A publisher
"""


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


Uzit = Callable[..., CliResult]


def invoke(
    *args: str,
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
    terminal: int | None = None,
) -> CliResult:
    """Run `uzit ARGS` in-process, the way the console script does, capturing both streams.

    `terminal=N`: standard output is a terminal N columns wide ($COLUMNS, as a terminal's
    width is read), its colour decided from the environment as at start-up (NO_COLOR is set
    unless `env` unsets it); standard error stays a pipe."""
    environment = _environment(env, None if terminal is None else (terminal, None))
    runner = CliRunner()
    with runner.isolation(input=input, env=environment) as streams:
        given = None
        if terminal is not None:
            given = Streams(Stream.detect(sys.stdout, terminal=True), Stream.detect(sys.stderr))
        code = run(list(args), streams=given)
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return CliResult(code, out.decode("utf-8"), err.decode("utf-8"))


def invoke_into(
    out: TextIO,
    *args: str,
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> CliResult:
    """Run `uzit ARGS` in-process with standard output `out` (a file that fails as a pipe whose
    reader has gone or a full disk does, say), Typer's own prints too: the exit status and
    standard error (the result's stdout is empty: what was written is in `out`)."""
    err = io.StringIO()
    with (
        CliRunner().isolation(input=input, env=_environment(env, None)),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = run(list(args), streams=Streams(Stream.detect(out), Stream.detect(err)))
    return CliResult(code, "", err.getvalue())


def invoke_encoded(
    encoding: str,
    *args: str,
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> tuple[CliResult, bytes]:
    """Run `uzit ARGS` in-process with standard output a pipe of `encoding`, as a locale or
    PYTHONIOENCODING makes it (and with the errors main() gives it: backslashreplace): the
    result and the bytes written. tests/test_process.py checks that a process gets that."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, errors="backslashreplace")
    done = invoke_into(out, *args, input=input, env=env)
    out.flush()
    return done, raw.getvalue()


def on_screen(
    *args: str, width: int, height: int, env: Mapping[str, str | None] | None = None
) -> tuple[int, str]:
    """Run `uzit ARGS` in-process as in a terminal window `width` columns wide and `height`
    lines high: standard output and standard error are that one terminal. Its exit status and
    what the window shows, both streams in the order they were written. Colour is decided
    from the environment as at start-up (NO_COLOR is set unless `env` unsets it); no pager
    (`main` starts one, `run` does not)."""
    screen = io.StringIO()
    with (
        CliRunner().isolation(env=_environment(env, (width, height))),
        contextlib.redirect_stdout(screen),
        contextlib.redirect_stderr(screen),
    ):
        window = Stream.detect(screen, terminal=True)
        code = run(list(args), streams=Streams(window, window))
    return code, screen.getvalue()


def _environment(
    env: Mapping[str, str | None] | None, terminal: tuple[int, int | None] | None
) -> dict[str, str | None]:
    """The environment of an in-process run: `env` over what the developer's shell set that
    would change the output; `terminal` (columns, lines) is the size a terminal reports."""
    # COLUMNS unset: a table in a file is then 120 columns wide, whatever the test runner's
    # terminal (a test that needs another width says so); nothing of the developer's shell
    # that would force or forbid colour
    environment: dict[str, str | None] = {
        "UZIT_REGISTRY": None,
        # English whatever the developer's locale; a test of languages says otherwise
        **dict.fromkeys(("UZIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")),
        "NO_COLOR": "1",
        "COLUMNS": None,
        "FORCE_COLOR": None,
        "TTY_COMPATIBLE": None,
        "CLICOLOR_FORCE": None,
        "CLICOLOR": None,
    }
    if terminal is not None:
        columns, lines = terminal
        environment["COLUMNS"] = str(columns)
        if lines is not None:
            environment["LINES"] = str(lines)
    environment.update(env or {})
    return environment


@pytest.fixture
def uzit() -> Uzit:
    return invoke


@pytest.fixture
def write_registry(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write registry text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "registry.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
