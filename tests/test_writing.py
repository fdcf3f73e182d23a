"""Every command that writes a file follows one rule (uzit_cli/writing.py): an existing file is
replaced only with --force, with the same one-line error otherwise; the file a command reads
is never written, not even with --force; `-o -` is standard output."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import BUNDLED, Uzit
from subprocesses import UZIT

# each command that writes a file, as arguments around the file's name ({})
WRITERS = {
    "export": ("export", "{}"),
    "import": ("import", "missing.xlsx", "-o", "{}"),
    "init": ("init", "{}"),
    "report": ("report", "-o", "{}"),
    "project --chart-file": ("project", "-f", "json", "--chart-file", "{}"),
}
NAMES = {"export": "out.db", "project --chart-file": "out.svg"}


def _args(command: str, path: Path) -> list[str]:
    return [str(path) if word == "{}" else word for word in WRITERS[command]]


@pytest.mark.parametrize("command", WRITERS)
def test_an_existing_file_is_refused_without_force(
    uzit: Uzit, tmp_path: Path, command: str
) -> None:
    target = tmp_path / NAMES.get(command, "v2.yaml")
    shutil.copy(BUNDLED, target)
    result = uzit(*_args(command, target))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"uzit: error: {target} already exists; use --force to replace it\n"
    assert target.read_bytes() == BUNDLED.read_bytes()


@pytest.mark.parametrize("command", ["report", "project --chart-file"])
def test_force_replaces_an_existing_file(uzit: Uzit, tmp_path: Path, command: str) -> None:
    target = tmp_path / NAMES.get(command, "v2.yaml")
    shutil.copy(BUNDLED, target)
    result = uzit(*_args(command, target), "--force")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(("<!DOCTYPE html>", "<?xml"))


@pytest.mark.parametrize("command", ["export", "report", "project --chart-file"])
def test_the_registry_being_read_is_never_written(uzit: Uzit, tmp_path: Path, command: str) -> None:
    registry = tmp_path / NAMES.get(command, "residents.yaml")
    shutil.copy(BUNDLED, registry)
    result = uzit(*_args(command, registry), "--force", "-r", str(registry))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"uzit: error: {registry} is the file this command reads; uzit never writes over it"
    )
    assert registry.read_bytes() == BUNDLED.read_bytes()


def test_a_registry_read_from_standard_input_is_never_written(tmp_path: Path) -> None:
    registry = tmp_path / "residents.yaml"
    shutil.copy(BUNDLED, registry)
    with registry.open("rb") as stdin:
        result = subprocess.run(
            [*UZIT, "report", "-r", "-", "-o", str(registry), "--force"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "is the file this command reads" in result.stderr
    assert registry.read_bytes() == BUNDLED.read_bytes()


def test_a_symlink_is_written_through_and_a_replaced_file_keeps_its_mode(
    uzit: Uzit, tmp_path: Path
) -> None:
    target, link = tmp_path / "page.html", tmp_path / "link.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link.symlink_to(target.name)
    assert uzit("report", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_device_or_a_pipe_is_written_into_not_replaced(uzit: Uzit, tmp_path: Path) -> None:
    fifo = tmp_path / "chart.svg"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # a daemon: if the pipe were replaced by a file, the reader would wait on it for ever
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = uzit("project", "-f", "json", "--chart-file", str(fifo))  # no --force needed
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and received and received[0].startswith(b"<?xml")
