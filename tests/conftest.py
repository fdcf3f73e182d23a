"""Shared test helpers: run the real CLI in-process, and small registries written to disk."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

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
        environment["COLUMNS"] = str(terminal)
    environment.update(env or {})
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
