"""The README's examples cannot go stale: every `console` block is run and must match.

Each `$ command` of a block runs as a reader's terminal would run it, 100 columns wide (as the
README's tables are drawn), from a scratch directory holding copies of `data/residents.yaml`
(also the selected registry) and `docs/examples/`; what follows the command up to the next `$`
line is what it must print, standard output and error as the terminal shows them. A line that
is `uzit` and its words (or `cd DIR && ` such steps) runs in-process through the CLI's run(),
both streams one terminal of that size (conftest.on_screen), and `echo $?` prints the status
of the line before; any other line (a pipe, a redirection, a variable, a loop, another
program) runs in bash in a pseudo-terminal, with the installed `uzit` first on the PATH.
A block that cannot run here (it needs a shell's TAB key, another file or a git history) is
preceded by `<!-- console: not run: why -->`, and that reason is checked to be there.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, ROOT, on_screen
from tests.subprocesses import TIMEOUT, environment, in_pty

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(
    r"(<!-- console: not run: (?P<why>[^>]+) -->\n)?```console\n(?P<body>.*?)```", re.S
)
WIDTH = 100
HEIGHT = 50
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
    return in_pty(["bash", "-c", command], WIDTH, env, cwd, height=HEIGHT, timeout=4 * TIMEOUT)


# Outside single quotes, these make bash do more than split words: variables, command
# substitution, escapes, globs, braces, a home directory, history, comments.
EXPANDED = set("$`\\*?[]{}~!#")


def steps(command: str) -> list[list[str]] | None:
    """The words of each step of a line that needs no shell: `uzit WORDS` joined by `&&`, the
    first step perhaps `cd DIR`. None for any other line (it runs in bash)."""
    quote = None
    for char in command:
        if quote == "'":
            quote = None if char == "'" else quote
        elif quote == '"':
            if char == '"':
                quote = None
            elif char in "$`\\!":
                return None
        elif char in "'\"":
            quote = char
        elif char in EXPANDED:
            return None
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    found: list[list[str]] = [[]]
    for word in lexer:
        if word == "&&":
            found.append([])
        elif set(word) <= set(lexer.punctuation_chars):
            return None  # a pipe, a redirection, `;`, `&`, a subshell
        else:
            found[-1].append(word)
    first = found[0]
    cd = len(first) == 2 and first[0] == "cd"
    if any(step[:1] != ["uzit"] for step in found[1:]):
        return None
    return found if cd or first[:1] == ["uzit"] else None


def in_process(
    words: list[list[str]], cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, list[str]]:
    """The steps of a line, in-process as `&&` runs them: their status and what they printed."""
    shown = ""
    code = 0
    with monkeypatch.context() as here:
        here.chdir(cwd)
        for step in words:
            if step[0] == "cd":
                here.chdir(step[1])
                continue
            # the bundled registry, as the README's commands run from the repository show it
            code, printed = on_screen(
                *step[1:],
                width=WIDTH,
                height=HEIGHT,
                env={"TERM": "xterm", "UZIT_REGISTRY": "data/residents.yaml"},
            )
            shown += printed
            if code != 0:
                break
    return code, [line.rstrip(" ") for line in shown.splitlines()]


def test_console_blocks_print_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every block, in README order, in one scratch directory (`uzit import` reads the workbook
    that the `uzit export` block wrote), as a reader who copies them one by one would."""
    (tmp_path / "data").mkdir()
    shutil.copy(BUNDLED, tmp_path / "data" / "residents.yaml")
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    differ = []
    status = 0
    for line, body, why in blocks():
        if why is not None:
            continue
        for command, expected in commands(body):
            words = steps(command)
            if command == "echo $?":  # as the reader's shell, which ran the line before
                printed = [str(status)]
            elif words is not None:
                status, printed = in_process(words, tmp_path, monkeypatch)
            else:
                status, printed = in_terminal(command, tmp_path)
            if printed != expected:
                differ.append(f"README.md:{line}: $ {command}\n" + "\n".join(printed))
    assert not differ, "\n\n".join(differ)


def test_plain_uzit_lines_run_in_process_and_shell_lines_in_bash() -> None:
    # the split above: what a shell would do differently from splitting words goes to bash
    assert steps("uzit list --jq '.[] | select(.city == \"Tashkent\") | .id'") == [
        ["uzit", "list", "--jq", '.[] | select(.city == "Tashkent") | .id']
    ]
    assert steps("cd year && uzit fmt --check r.yaml && uzit validate r.yaml") == [
        ["cd", "year"],
        ["uzit", "fmt", "--check", "r.yaml"],
        ["uzit", "validate", "r.yaml"],
    ]
    for line in (
        "uzit list -f csv > residents.csv",
        "uzit stats --by city -f csv | head -3",
        "uzit list; uzit stats",
        'uzit show "$ID"',
        "uzit validate ~/r.yaml",
        "UZIT_REGISTRY=r.yaml uzit stats",
        "cp data/residents.yaml my.yaml",
        "cd year && git commit -qam x",
        "cd year && for id in a b; do uzit show $id; done",
    ):
        assert steps(line) is None, line


def test_every_command_has_a_console_example_that_runs() -> None:
    from uzit_cli.cli.app import COMMANDS

    run = " ".join(body for _, body, why in blocks() if why is None)
    missing = [name for name in COMMANDS if f"$ uzit {name}" not in run]
    assert missing == [] or set(missing) <= NO_RUNNABLE_EXAMPLE, missing


# Commands whose examples need what a scratch directory does not have (a git history, a shell).
NO_RUNNABLE_EXAMPLE = {"completion", "history", "diff", "report", "export", "import", "init"}
