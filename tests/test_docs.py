"""Docs stay honest: every command is in the README and every command and option has help with
an example. Adding a command or option without documenting it fails here."""

from __future__ import annotations

import json
import re

import pytest
import typer
from conftest import BUNDLED, ROOT, invoke
from rich.cells import cell_len

from uzit_cli.cli.app import COMMANDS as COMMAND_TABLE
from uzit_cli.cli.app import build_app

CLICK_APP = typer.main.get_command(build_app())  # every command runnable, as for the docs
COMMANDS = sorted(CLICK_APP.commands)  # type: ignore[attr-defined]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_expected_commands_exist() -> None:
    assert {"list", "show", "stats", "project", "sources", "validate"} <= set(COMMANDS)


def test_every_command_is_in_the_table_that_lists_them() -> None:
    assert set(COMMANDS) == set(COMMAND_TABLE)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_summary_is_short_and_ends_a_sentence(name: str) -> None:
    summary = COMMAND_TABLE[name].summary
    assert len(summary) <= 65 and summary.endswith("."), summary


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name: str) -> None:
    assert re.search(rf"^### `uzit {name}\b", README, re.MULTILINE), (
        f"README.md has no '### `uzit {name}`' section"
    )


def test_the_readmes_contents_link_every_command() -> None:
    contents = README.split("## Contents", 1)[1].split("\n## ", 1)[0]
    linked = set(re.findall(r"\]\(#uzit-([a-z]+)\)", contents))
    assert linked == set(COMMANDS), sorted(set(COMMANDS) ^ linked)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_examples(name: str) -> None:
    command = CLICK_APP.commands[name]  # type: ignore[attr-defined]
    assert command.help and "Example" in command.help, f"uzit {name} help has no example"


@pytest.mark.parametrize(
    ("name", "option"),
    [
        (name, param.name)
        for name in COMMANDS
        for param in CLICK_APP.commands[name].params  # type: ignore[attr-defined]
        if not getattr(param, "hidden", False)
    ],
)
def test_every_option_has_help_with_an_example(name: str, option: str) -> None:
    command = CLICK_APP.commands[name]  # type: ignore[attr-defined]
    param = next(p for p in command.params if p.name == option)
    help_text = getattr(param, "help", None) or ""
    assert "Example" in help_text, f"uzit {name}: {option} has no help with an example"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_names_values_in_words_not_python_types(name: str) -> None:
    """Every option that takes a value has a metavar that says what it is (`--city CITY`), no
    argument or option shows a Python type (`<str>`, `<list[str]>`, `<int>`) or a bound as a
    formula (`[x>=20]`), and the usage
    line writes arguments as usage lines do (`ID`, `[NEW]`, not `{ID}` or `[[NEW]]`)."""
    shown = invoke(name, "--help").stdout
    assert not re.search(r"<(?:str|int|float|bool|list\[|path)", shown), shown
    assert not re.search(r"x\s*[<>]=|<=\s*x", shown), shown  # a bound in words: [20 or more]
    usage = shown.splitlines()[0]  # a required argument bare, an optional one in brackets once
    assert "{" not in usage and "[[" not in usage, usage


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README, re.DOTALL)
    assert blocks, "README has no code block"
    first = [line for line in blocks[0].splitlines() if line and not line.startswith("#")]
    assert first == ["make stats", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_exit_code_and_environment_variable_is_documented() -> None:
    for needle in ("`0`", "`1`", "`2`", "`130`", "UZIT_REGISTRY", "NO_COLOR"):
        assert needle in README, f"README does not mention {needle}"


def _commands_listed(opening: str) -> set[str]:
    """The commands named in backticks in the README's sentence that starts with `opening`."""
    found = re.search(re.escape(opening) + r"(.*?)\.\s", README, re.DOTALL)
    assert found, f"README has no sentence starting {opening!r}"
    return {word for word in re.findall(r"`([a-z]+)`", found.group(1)) if word in COMMANDS}


def _commands_with(option: str) -> set[str]:
    return {
        name
        for name in COMMANDS
        for param in CLICK_APP.commands[name].params  # type: ignore[attr-defined]
        if option in getattr(param, "opts", ())
    }


@pytest.mark.parametrize(
    ("option", "opening"),
    [
        ("--format", "`--format/-f` works the same way on every command that takes it:"),
        ("--registry", "The commands that read a registry,"),
    ],
)
def test_readme_names_exactly_the_commands_that_take_an_option(option: str, opening: str) -> None:
    assert _commands_listed(opening) == _commands_with(option)


def test_the_commands_in_the_bundled_registrys_comments_run() -> None:
    comments = [
        line for line in BUNDLED.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]
    commands = re.findall(r"`uzit ([^`]*)`", "\n".join(comments))
    assert commands, "the bundled registry's comments name no uzit command"
    for command in commands:
        args = command.replace("PATH", str(BUNDLED)).split()
        result = invoke(*args)
        assert result.exit_code == 0, f"uzit {command}: {result.stderr}"


def test_readme_lists_the_stats_json_keys_every_output_has() -> None:
    table = README.split("**`uzit stats -f json`** is a contract for scripts.")[1]
    table = table.split("\n\n")[1]  # the paragraph after the sentence is the table
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = [key for row in rows for key in re.findall(r"`([a-z_]+)`", row.split(" | ")[0])]
    conditional = [row for row in rows if "only when" in row]  # the table says "always all"
    for args in ((), ("--jobs-year", "2025")):  # the default jobs year, and a partial one
        result = invoke("stats", "-f", "json", *args)
        assert list(json.loads(result.stdout)) == documented
    assert conditional == [], "a key the README says appears only sometimes is always there"


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_every_help_fits_80_columns_and_breaks_only_at_spaces(lang: str) -> None:
    """uzit's help and every command's, at 80 columns, in each language: an example line is
    not wrapped (it is declared as it is shown, `\\b`), so it must be short enough itself; a
    Japanese character takes two cells. Nothing is broken after a hyphen (`--target-` above
    `year`), since an option or a file name is copied as it is shown; for the same reason each
    option's example is shown whole on one line (never `--name 'Example Kaizen` above `BPO'`,
    nor `--name-ja カ` above `イゼン`)."""
    wide, broken, split = [], [], []
    for words in [[], *([name] for name in COMMANDS)]:
        result = invoke(*words, "--help", "--lang", lang, env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        wide += [line for line in lines if cell_len(line) > 80]
        broken += [line for line in lines if re.search(r"\w-$", line)]
        split += [example for example in _examples(words) if not any(example in x for x in lines)]
    assert wide == []
    assert broken == []
    assert split == []


def _examples(words: list[str]) -> list[str]:
    """The examples of a command's options (of uzit's own with no command), as declared."""
    command = CLICK_APP.commands[words[0]] if words else CLICK_APP  # type: ignore[attr-defined]
    helps = [getattr(param, "help", None) or "" for param in command.params]
    return [help_text.rsplit("Example: ", 1)[1] for help_text in helps if "Example: " in help_text]
