"""The CLI's shared behaviour: version, registry selection, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BUNDLED, MINIMAL_HEADER, Uzit

from uzit_cli import __version__
from uzit_cli.cli.app import COMMANDS

SMALL = (
    MINIMAL_HEADER
    + """\
residents:
  - id: only-one
    name: Only One
    joined: 2024-05-01
    city: Bukhara
    sectors: [bpo]
    exports_to_japan: false
"""
)


def test_version_names_uzit_python_and_parser(uzit: Uzit) -> None:
    result = uzit("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"uzit {__version__} (Python 3.")
    assert "PyYAML" in result.stdout and "parser" in result.stdout


def test_no_arguments_shows_help_and_exits_2(uzit: Uzit) -> None:
    result = uzit()
    assert result.exit_code == 2
    assert "Usage: uzit" in result.stdout


def test_help_before_a_command_lists_every_command(uzit: Uzit) -> None:
    """A command that runs is built without the others, but `uzit --help stats` is uzit's
    help, which lists them all."""
    result = uzit("--help", "stats")
    assert result.exit_code == 0
    assert result.stdout == uzit("--help").stdout
    assert all(f" {name} " in result.stdout for name in COMMANDS)


def test_unknown_option_is_a_plain_usage_error(uzit: Uzit) -> None:
    result = uzit("sources", "--frmat", "json")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("uzit: error: No such option: --frmat")
    assert lines[1] == "Try 'uzit sources --help' for help."
    assert "╭" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("completion",),  # Typer lists a missing choice argument's choices one per line
        ("completion", "ksh"),
        ("show",),
        ("report",),
        ("diff", "-"),  # one snapshot alone is no revision
        ("stats", "--by", "town"),
        ("list", "-f", "xml"),
    ],
)
def test_every_usage_error_is_one_line_and_the_hint(uzit: Uzit, args: tuple[str, ...]) -> None:
    result = uzit(*args)
    assert result.exit_code == 2
    first, hint = result.stderr.splitlines()
    assert first.startswith("uzit: error: ")
    assert hint == f"Try 'uzit {args[0]} --help' for help."


def test_a_missing_choice_lists_the_choices_on_its_line(uzit: Uzit) -> None:
    result = uzit("completion")
    assert result.stderr.splitlines()[0] == (
        "uzit: error: Missing argument 'SHELL'. Choose from: bash, zsh, fish"
    )


def test_bad_format_value_is_a_usage_error(uzit: Uzit) -> None:
    result = uzit("sources", "-f", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.stderr


def test_registry_option_beats_environment_beats_bundled(
    uzit: Uzit, write_registry: object, tmp_path: Path
) -> None:
    small = tmp_path / "small.yaml"
    small.write_text(SMALL, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: 2\n", encoding="utf-8")

    bundled = uzit("validate")
    assert bundled.exit_code == 0 and "10 residents" in bundled.stdout

    from_env = uzit("validate", env={"UZIT_REGISTRY": str(small)})
    assert from_env.exit_code == 0 and "1 resident," in from_env.stdout

    from_option = uzit("validate", "-r", str(small), env={"UZIT_REGISTRY": str(broken)})
    assert from_option.exit_code == 0 and "1 resident," in from_option.stdout


def test_registry_from_standard_input(uzit: Uzit) -> None:
    result = uzit("validate", "-r", "-", input=SMALL)
    assert result.exit_code == 0
    assert result.stdout.startswith("<stdin>: OK — 1 resident, 1 source")


def test_registry_problems_are_located_lines_on_stderr_exit_1(uzit: Uzit, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = SMALL.replace("exports_to_japan: false", "exports_to_japn: false")
    bad.write_text(text.replace("2024-05-01", "2024-02-30"), "utf-8")
    result = uzit("sources", "-r", str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    # every problem at once, in file order, then a count
    assert len(lines) == 3
    assert lines[0].endswith(
        "bad.yaml:12:13: joined: 2024-02-30 is not a date: February 2024 has 29 days"
    )
    assert lines[1].endswith(
        "bad.yaml:15:5: unknown key 'exports_to_japn' in a resident; "
        "did you mean 'exports_to_japan'?"
    )
    # "nothing was done" is for the editing commands: a reading one had nothing to do
    assert lines[2] == f"uzit: error: {bad}: 2 problems"
    assert "Traceback" not in result.stderr


def test_missing_registry_file_is_one_line(uzit: Uzit, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = uzit("sources", "-r", str(missing))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith("nope.yaml:1:1: no such file")


def test_sources_json_lists_every_source(uzit: Uzit) -> None:
    result = uzit("sources", "-f", "json")
    assert result.exit_code == 0
    sources = json.loads(result.stdout)
    assert [s["id"] for s in sources] == [
        "trend-2025-02-28",
        "buzb-japanese-business",
        "meti-2016-06-10",
        "kursiv-2024-10-08",
    ]
    assert sources[0]["published"] == "2025-02-28"
    assert sources[1]["published"] is None


def test_sources_in_a_pipe_is_tsv_with_header(uzit: Uzit) -> None:
    result = uzit("sources")
    lines = result.stdout.splitlines()
    assert lines[0] == "id\tpublisher\tpublished\ttitle\turl"
    assert lines[1].split("\t")[0] == "trend-2025-02-28"
    assert len(lines) == 5


def test_validate_bundled_registry(uzit: Uzit) -> None:
    result = uzit("validate", str(BUNDLED))
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "OK — 10 residents, 4 sources; published figures reproduced (3/3)\n"
    )


def test_validate_refuses_a_path_and_a_registry_option_together(uzit: Uzit, tmp_path: Path) -> None:
    result = uzit("validate", str(BUNDLED), "-r", str(tmp_path / "other.yaml"))
    assert result.exit_code == 2
    assert "either as PATH or with --registry, not both" in result.stderr
    assert result.stderr.splitlines()[-1] == "Try 'uzit validate --help' for help."


def test_validate_path_beats_the_environment(uzit: Uzit, tmp_path: Path) -> None:
    result = uzit("validate", str(BUNDLED), env={"UZIT_REGISTRY": str(tmp_path / "nope.yaml")})
    assert result.exit_code == 0


def test_typed_text_echoed_in_errors_cannot_steer_the_terminal(uzit: Uzit) -> None:
    result = uzit("show", "a\x1b[31mb")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "a\\x1b[31mb" in result.stderr
    hint = uzit("list", "--city", "\x1b[2J")
    assert "\x1b" not in hint.stderr and "\\x1b[2J" in hint.stderr


def test_usage_error_hint_names_the_command(uzit: Uzit) -> None:
    result = uzit("list", "--desc=foo")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Try 'uzit list --help' for help."
