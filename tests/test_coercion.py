"""Option values are converted without pydantic, and the same way Typer would convert them."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from subprocesses import Loaded, modules_after
from typer._click import Context
from typer._coercion import build_runtime_param, resolve_type_descriptor
from typer.core import _TyperParameter
from typer.models import OptionInfo

from uzit_cli.cli.app import COMMANDS, build_app
from uzit_cli.cli.coercion import PlainRuntimeParam, plain_runtime_param
from uzit_cli.output import Format

CLICK_APP = typer.main.get_command(build_app())


def _typer_params() -> list[tuple[str, _TyperParameter]]:
    found = []
    for name in COMMANDS:
        command = CLICK_APP.commands[name]  # type: ignore[attr-defined]
        for param in command.get_params(Context(command)):
            if isinstance(param, _TyperParameter):
                found.append((name, param))
    return found


@pytest.mark.parametrize(("command", "param"), _typer_params(), ids=lambda p: getattr(p, "name", p))
def test_every_option_gets_a_plain_converter(command: str, param: _TyperParameter) -> None:
    """An option of a type coercion.py does not know would bring pydantic back: name it here."""
    assert isinstance(param._runtime_param, PlainRuntimeParam), f"uzit {command} {param.name}"


def _convert_with(runtime: Any, value: Any) -> tuple[str, Any]:
    param = next(p for _, p in _typer_params() if p.name == "min_jobs")
    try:
        return "ok", runtime.coerce(value, param=param, ctx=Context(CLICK_APP))
    except typer.BadParameter:
        return "error", None


def _both(annotation: Any, info: OptionInfo) -> tuple[Any, Any]:
    descriptor = resolve_type_descriptor(annotation, info)
    return plain_runtime_param(descriptor), build_runtime_param(descriptor)


@given(st.text(alphabet="0123456789+-_. \tx", max_size=8))
def test_whole_numbers_read_as_typer_reads_them_or_stricter(text: str) -> None:
    """What uzit accepts, Typer (pydantic) accepts with the same value; uzit alone refuses
    1_000 and 12.0, which a registry would refuse too."""
    plain, typer_own = _both(int, OptionInfo(min=0, max=5000))
    ours, theirs = _convert_with(plain, text), _convert_with(typer_own, text)
    if ours[0] == "ok":
        assert theirs == ours
    elif theirs[0] == "ok":  # refused by uzit alone: never a plain decimal within the bounds
        assert re.fullmatch(r"\s*[+-]?[0-9]+\s*", text) is None or not 0 <= int(text) <= 5000


@pytest.mark.parametrize("text", ["auto", "JSON", "Csv", "markdown", "xml", "", "json "])
def test_the_format_reads_as_typer_reads_it(text: str) -> None:
    plain, typer_own = _both(Format, OptionInfo(case_sensitive=False))
    assert _convert_with(plain, text) == _convert_with(typer_own, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), (" 12 ", 12), ("+5", 5), ("-0", 0), ("007", 7), ("5000", 5000)],
)
def test_whole_numbers(text: str, expected: int) -> None:
    plain, _ = _both(int, OptionInfo(min=0, max=5000))
    assert _convert_with(plain, text) == ("ok", expected)


@pytest.mark.parametrize("text", ["-1", "5001", "1.5", "12.0", "1_000", "1e3", "0x10", "", "٣"])
def test_not_whole_numbers_or_out_of_range(text: str) -> None:
    plain, _ = _both(int, OptionInfo(min=0, max=5000))
    assert _convert_with(plain, text) == ("error", None)


def test_help_lists_the_same_commands_whether_or_not_they_can_run() -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    listed = runner.invoke(build_app(frozenset()), ["--help"], prog_name="uzit")
    full = runner.invoke(build_app(), ["--help"], prog_name="uzit")
    assert listed.exit_code == full.exit_code == 0
    assert listed.output == full.output
    for name, entry in COMMANDS.items():
        assert f"  {name} " in listed.output and entry.summary in listed.output


PYDANTIC_FREE = [
    ("stats",),
    ("--version",),
    ("--help",),
    ("list", "-f", "JSON", "--min-jobs", "3", "--sector", "bpo", "--joined-since", "2024"),
    ("project", "-f", "json", "--year", "2031", "--jobs-growth", "5%"),
    ("validate",),
]


@functools.cache
def probe() -> dict[tuple[str, ...], Loaded]:
    """One interpreter: `stats -f json` first, as a new process runs it, then the others."""
    return {run.args: run for run in modules_after([("stats", "-f", "json"), *PYDANTIC_FREE])}


@pytest.mark.parametrize("args", PYDANTIC_FREE)
def test_commands_never_import_pydantic(args: tuple[str, ...]) -> None:
    run = probe()[args]
    assert run.status == 0
    assert not {m for m in run.after if m.split(".")[0] in {"pydantic", "pydantic_core"}}


def test_a_command_imports_only_its_own_module() -> None:
    run = probe()["stats", "-f", "json"]
    assert run.status == 0
    assert "uzit_cli.commands.stats" in run.after
    assert not {"uzit_cli.commands.project", "uzit_cli.projection"} & run.after
