"""A pager on a terminal (issue 27): output taller than the screen goes through $UZIT_PAGER,
else $PAGER, else `less -FRX`; output that fits, piped output and `--no-pager` do not."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import Uzit
from tests.subprocesses import TIMEOUT, UZIT, environment, in_pty
from tests.test_list import big_registry
from uzit_cli.output.streams import PagedOutput, pager_command


@pytest.fixture
def paging(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A 200-resident registry, and a fake pager that keeps what it is given in a file."""
    registry = tmp_path / "big.yaml"
    registry.write_text(big_registry(200), encoding="utf-8")
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {paged}\n", encoding="utf-8")
    pager.chmod(0o755)
    return registry, paged, environment({"UZIT_PAGER": str(pager), "TERM": "xterm"})


def test_a_long_list_on_a_40_line_terminal_goes_through_the_pager_with_every_row(
    paging: tuple[Path, Path, dict[str, str]],
) -> None:
    registry, paged, env = paging
    status, lines = in_pty([*UZIT, "list", "-r", str(registry)], 100, env, height=40)
    assert status == 0, lines
    text = paged.read_text(encoding="utf-8")
    assert text.count("resident-") == 200 and "not shown" not in text  # no 50-row stop
    assert not any("resident-" in line for line in lines)  # nothing drawn past the pager


def test_piped_output_and_no_pager_never_start_it(
    paging: tuple[Path, Path, dict[str, str]],
) -> None:
    registry, paged, env = paging
    piped = subprocess.run(
        [*UZIT, "list", "-r", str(registry)], capture_output=True, env=env, timeout=TIMEOUT
    )
    assert piped.returncode == 0 and piped.stdout.count(b"resident-") == 200
    status, lines = in_pty([*UZIT, "--no-pager", "list", "-r", str(registry)], 100, env, height=40)
    assert status == 0
    assert sum("resident-" in line for line in lines) == 50  # the terminal's first screenful
    assert not paged.exists()


def test_output_that_fits_the_screen_is_written_as_it_is(
    paging: tuple[Path, Path, dict[str, str]],
) -> None:
    _, paged, env = paging
    status, lines = in_pty([*UZIT, "stats"], 100, env, height=40)
    assert status == 0 and any(line.startswith("Residents") for line in lines)
    assert not paged.exists()


def test_the_pager_is_uzit_pager_else_pager_else_less(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UZIT_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    assert pager_command() == "less -FRX"
    monkeypatch.setenv("PAGER", "more")
    assert pager_command() == "more"
    monkeypatch.setenv("UZIT_PAGER", "cat")
    assert pager_command() is None  # as git: cat, or an empty value, is no pager


def test_held_output_is_written_out_when_the_pager_cannot_start(tmp_path: Path) -> None:
    target = (tmp_path / "out.txt").open("w", encoding="utf-8")
    output = PagedOutput(target, 3, str(tmp_path / "no-such-pager"))
    output.write("one\ntwo\n")
    assert output.paging  # held: it may yet need the pager
    output.write("three\nfour\n")  # taller than the screen, and there is no such program
    output.finish()
    target.close()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "one\ntwo\nthree\nfour\n"


def test_a_command_option_before_the_command_gets_the_hint_after_no_pager(uzit: Uzit) -> None:
    result = uzit("--no-pager", "-r", "x.yaml", "list")
    assert result.exit_code == 2
    assert "Options come after the command: 'uzit --no-pager list -r x.yaml'." in result.stderr


def test_no_pager_goes_after_the_command_too(tmp_path: Path) -> None:
    import io

    from uzit_cli.cli.app import run
    from uzit_cli.output.streams import Stream, Streams

    registry = tmp_path / "big.yaml"
    registry.write_text(big_registry(200), encoding="utf-8")
    paged = tmp_path / "paged.txt"
    screen = io.StringIO()
    terminal = PagedOutput(screen, 40, f"cat > {paged}")  # a 40-line terminal with a pager
    out = Stream(terminal, True, 100, 40, False)  # type: ignore[arg-type]
    status = run(["list", "-r", str(registry), "--no-pager"], Streams(out, Stream(io.StringIO())))
    assert status == 0
    assert not paged.exists()
    assert screen.getvalue().count("resident-") == 50  # the terminal's first screenful
