"""Every command that writes a file follows one rule (uzit_cli/writing.py): an existing file is
replaced only with --force, with the same one-line error otherwise; the file a command reads
is never written, not even with --force; `-o -` is standard output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, Uzit

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
