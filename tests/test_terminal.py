"""`uzit` on a terminal of 60, 80, 100 and 160 columns (issue 14).

One run is in a real pseudo-terminal, whose size comes from the pty itself (TIOCSWINSZ), not
from $COLUMNS, so the path a user's terminal takes is the one tested; the other widths run
in-process, standard output standing in for a terminal of that width (conftest.invoke). What
is drawn must equal the snapshot of the same width in tests/snapshots/ (trailing spaces
aside): a file and a terminal of one width agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, invoke
from tests.subprocesses import environment, in_pty
from uzit_cli.registry import load_registry

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
IDS = [resident.id for resident in load_registry(BUNDLED).residents]
NAMES = [resident.name for resident in load_registry(BUNDLED).residents]
INSTALLED = Path(sys.executable).with_name("uzit")  # the console script of this environment
UZIT = [str(INSTALLED)] if INSTALLED.exists() else [sys.executable, "-m", "uzit_cli"]
IN_A_PTY = 80  # the width `list` is drawn at in a real pseudo-terminal


def in_terminal(width: int, *args: str, pty: bool = False) -> list[str]:
    """What `uzit ARGS` draws in a terminal `width` columns wide, as lines without trailing
    spaces (NO_COLOR, so no escape sequences): in a real pseudo-terminal (`pty`), else
    in-process."""
    if not pty:
        done = invoke(*args, terminal=width, env={"TERM": "xterm"})
        assert done.exit_code == 0 and done.stderr == "", done.stderr
        return [line.rstrip(" ") for line in done.stdout.splitlines()]
    status, lines = in_pty([*UZIT, *args], width, environment({"NO_COLOR": "1", "TERM": "xterm"}))
    assert status == 0, lines
    return lines


def snapshot(name: str, width: int) -> list[str]:
    """The lines of one width's section of a snapshot file (see tests/test_tables.py)."""
    sections = (SNAPSHOTS / f"{name}.txt").read_text(encoding="utf-8").split("===== ")
    section = next(s for s in sections if s.split("\n", 1)[0].endswith(f" at {width} columns"))
    return section.split("\n")[1:-1]


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_list_in_a_terminal(width: int) -> None:
    lines = in_terminal(width, "list", pty=width == IN_A_PTY)
    assert lines == snapshot("list", width)
    rows = [line for line in lines if line.split(" ")[0] in IDS]
    assert [row.split()[0] for row in rows] == IDS  # one line per resident, every id whole
    assert max(len(line) for line in lines) <= width
    assert "Headcount" not in "\n".join(lines)  # empty for every resident
    if width >= 80:
        assert all(name in row for name, row in zip(NAMES, rows, strict=True))
    if width == 100:
        assert len(lines) == 17  # the 27 lines of issue 14 are now 17: one per resident
    if width == 160:
        assert "Left out" not in "\n".join(lines)  # every non-empty column fits


def test_sources_in_a_terminal_of_80_columns() -> None:
    lines = in_terminal(80, "sources")
    assert lines == snapshot("sources", 80)
    urls = [s.url for s in load_registry(BUNDLED).info.sources if s.url]
    for url in urls:  # each whole on one line: a longer one is left for the terminal to wrap
        assert url in "\n".join(lines).split()
    assert max(len(line) for line in lines if line not in urls) <= 80
    assert [line for line in lines if line.startswith("ID ")] == [
        f"ID         {source.id}" for source in load_registry(BUNDLED).info.sources
    ]
