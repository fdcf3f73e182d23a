"""Option groups (commands/option_groups.py): shared options declared once, and what every
command taking a group gets from it: the same checks, --width, --bom and --color."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Annotated, ClassVar

import pytest
import typer
from conftest import Uzit

from uzit_cli.cli.option_groups import takes_groups

ESC = "\x1b["


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("stats", "-r", ""), {}),
        (("history", "-r", ""), {}),
        (("history", ""), {}),
        (("validate", ""), {}),
        (("list",), {"UZIT_REGISTRY": ""}),
        (("validate",), {"UZIT_REGISTRY": ""}),
    ],
)
def test_an_empty_registry_path_is_one_usage_error_everywhere(
    uzit: Uzit, args: tuple[str, ...], env: dict[str, str]
) -> None:
    result = uzit(*args, env=env)
    assert result.exit_code == 2
    assert result.stderr.startswith("uzit: error: the registry path is empty (")
    assert result.stdout == ""


@pytest.mark.parametrize("command", [("validate", "-f", "table"), ("history",), ("diff", "-h")])
def test_commands_that_draw_tables_take_width_bom_and_color(
    uzit: Uzit, command: tuple[str, ...]
) -> None:
    helped = uzit(command[0], "--help").stdout
    assert all(option in helped for option in ("--width", "--bom", "--color"))


def test_bom_is_refused_outside_csv_and_tsv(uzit: Uzit) -> None:
    result = uzit("sources", "--bom", "-f", "json")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2,
        "uzit: error: --bom is for tsv and csv output, not json",
    )
    assert uzit("sources", "--bom", "-f", "csv").stdout.startswith("\ufeffid,")


def test_color_always_colours_a_table_in_a_pipe_and_never_tsv(uzit: Uzit) -> None:
    assert ESC in uzit("sources", "-f", "table", "--color", "always").stdout
    assert ESC not in uzit("sources", "--color", "always").stdout  # auto in a pipe: tsv


def test_color_never_wins_over_force_color_on_a_terminal(uzit: Uzit) -> None:
    coloured = uzit("sources", env={"NO_COLOR": None, "FORCE_COLOR": "1"}, terminal=100)
    assert ESC in coloured.stdout
    plain = uzit("sources", "--color", "never", env={"NO_COLOR": None}, terminal=100)
    assert ESC not in plain.stdout


@pytest.mark.parametrize("variable", ["FORCE_COLOR", "CLICOLOR_FORCE"])
def test_forcing_colour_colours_a_piped_table_not_piped_tsv(uzit: Uzit, variable: str) -> None:
    env = {"NO_COLOR": None, variable: "1"}
    assert ESC in uzit("sources", "-f", "table", env=env).stdout
    assert ESC not in uzit("sources", env=env).stdout


def test_clicolor_0_leaves_a_terminal_plain(uzit: Uzit) -> None:
    result = uzit("sources", env={"NO_COLOR": None, "CLICOLOR": "0"}, terminal=100)
    assert ESC not in result.stdout


@dataclass(frozen=True)
class _Pair:
    GROUP: ClassVar[bool] = True
    first: Annotated[int, typer.Option("--first")] = 1
    second: Annotated[int, typer.Option("--second")] = 2


@dataclass(frozen=True)
class _Other:
    GROUP: ClassVar[bool] = True
    second: Annotated[int, typer.Option("--second")] = 2


def test_takes_groups_puts_a_groups_options_in_the_signature_and_hands_one_object() -> None:
    @takes_groups
    def command(pair: _Pair, own: Annotated[str, typer.Option("--own")] = "x") -> object:
        return pair, own

    assert list(inspect.signature(command).parameters) == ["first", "second", "own"]
    assert command(first=5, second=6, own="y") == (_Pair(5, 6), "y")


_Shared = Annotated[int, typer.Option("--second")]


@dataclass(frozen=True)
class Left:
    GROUP: ClassVar[bool] = True
    second: _Shared = 2


@dataclass(frozen=True)
class Right:
    GROUP: ClassVar[bool] = True
    second: _Shared = 2


def test_two_groups_may_share_an_option_declared_the_same_way_only() -> None:
    @takes_groups
    def command(left: Left, right: Right) -> object:
        return left, right

    assert command(second=3) == (Left(3), Right(3))
    with pytest.raises(TypeError, match="two different options named 'second'"):

        @takes_groups
        def clash(pair: _Pair, other: _Other) -> None: ...
