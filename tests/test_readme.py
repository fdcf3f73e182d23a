"""The README's examples cannot go stale: every `console` block is run and must match.

Each `$ command` of a block runs in bash, in a terminal 100 columns wide (as the README's tables
are drawn), from a scratch directory holding copies of `data/residents.yaml` (also the selected
registry) and `docs/examples/`, with the installed `uzit` first on the PATH; what follows the
command up to the next `$` line is what it must print.
A block that cannot run here (it needs a shell's TAB key, another file or a git history) is
preceded by `<!-- console: not run: why -->`, and that reason is checked to be there.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from tests.conftest import BUNDLED, ROOT
from tests.subprocesses import TIMEOUT, environment, in_pty

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(
    r"(<!-- console: not run: (?P<why>[^>]+) -->\n)?```console\n(?P<body>.*?)```", re.S
)
WIDTH = 100
GIT_IDENTITY = {
    f"GIT_{who}_{what}": value
    for who in ("AUTHOR", "COMMITTER")
    for what, value in (("NAME", "uzit README"), ("EMAIL", "readme@uzit.invalid"))
}


def blocks() -> list[tuple[int, str, str | None]]:
    """Each console block: its line in the README, its text, and why it is not run (if so)."""
    return [
        (README.count("\n", 0, match.start("body")) + 1, match["body"], match["why"])
        for match in BLOCK.finditer(README)
    ]


def commands(body: str) -> list[tuple[str, list[str]]]:
    """The block's commands, each with the lines it must print."""
    steps: list[tuple[str, list[str]]] = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line.rstrip(" "))
    return steps


def in_terminal(command: str, cwd: Path) -> tuple[int, list[str]]:
    """`bash -c COMMAND` in a terminal WIDTH columns wide: its status and what it printed."""
    # the bundled registry, as the README's commands run from the repository show its path
    env = environment({"NO_COLOR": "1", "TERM": "xterm", "UZIT_REGISTRY": "data/residents.yaml"})
    env.update(GIT_IDENTITY)  # `git commit` in "Keeping a registry", on a machine without one
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', os.defpath)}"
    # a README line may be a loop of several uzit runs: bound it as several runs, not one
    return in_pty(["bash", "-c", command], WIDTH, env, cwd, timeout=4 * TIMEOUT)


def test_console_blocks_print_what_the_readme_shows(tmp_path: Path) -> None:
    """Every block, in README order, in one scratch directory (`uzit import` reads the workbook
    that the `uzit export` block wrote), as a reader who copies them one by one would."""
    (tmp_path / "data").mkdir()
    shutil.copy(BUNDLED, tmp_path / "data" / "residents.yaml")
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    differ = []
    for line, body, why in blocks():
        if why is not None:
            continue
        for command, expected in commands(body):
            _, printed = in_terminal(command, tmp_path)
            if printed != expected:
                differ.append(f"README.md:{line}: $ {command}\n" + "\n".join(printed))
    assert not differ, "\n\n".join(differ)


def test_every_command_has_a_console_example_that_runs() -> None:
    from uzit_cli.cli.app import COMMANDS

    run = " ".join(body for _, body, why in blocks() if why is None)
    missing = [name for name in COMMANDS if f"$ uzit {name}" not in run]
    assert missing == [] or set(missing) <= NO_RUNNABLE_EXAMPLE, missing


# Commands whose examples need what a scratch directory does not have (a git history, a shell).
NO_RUNNABLE_EXAMPLE = {"completion", "history", "diff", "report", "export", "import", "init"}
