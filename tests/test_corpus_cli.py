"""The bad-registry corpus through the real CLI: a file gives its located first line on stderr,
a count, exit 1, and nothing on stdout, whatever the command.

tests/test_corpus.py checks every file's first problem with both parsers; the CLI prints any
file's problems through one path, so here a sample of the files (every ninth) goes through
`validate`, and each command refuses a different file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from benchmark_inputs import pathological
from conftest import Uzit

from uzit_cli.registry import display_path

CORPUS = Path(__file__).resolve().parent / "corpus"
BAD = sorted(CORPUS.glob("*.yaml"))
VALID = sorted((CORPUS / "valid").glob("*.yaml"))
COMMANDS = [["list"], ["show", "x"], ["stats", "-f", "json"], ["project"], ["sources"]]


def expected_first_line(case: Path) -> str:
    text = pathological.expected_text(case).splitlines()[0]
    return text.replace("{path}", display_path(case))


@pytest.mark.parametrize("case", BAD[::9], ids=lambda path: path.stem)
def test_validate_reports_the_expected_first_line(uzit: Uzit, case: Path) -> None:
    result = uzit("validate", str(case))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == expected_first_line(case)
    assert lines[-1].startswith(f"uzit: error: {display_path(case)}: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "case"),
    [(command, BAD[4 + 9 * index]) for index, command in enumerate(COMMANDS)],
    ids=lambda value: value.stem if isinstance(value, Path) else value[0],
)
def test_every_command_refuses_a_bad_registry_the_same_way(
    uzit: Uzit, case: Path, command: list[str]
) -> None:
    result = uzit(*command, "-r", str(case))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == expected_first_line(case)
    last = result.stderr.splitlines()[-1]
    assert re.fullmatch(r"uzit: error: .*: \d+ problems?( or more)?", last)  # nothing to undo


@pytest.mark.parametrize("case", VALID, ids=lambda path: path.stem)
def test_odd_but_valid_files_pass_validate(uzit: Uzit, case: Path) -> None:
    result = uzit("validate", str(case))
    assert result.exit_code == 0, result.stderr
    assert ": OK — " in result.stdout
