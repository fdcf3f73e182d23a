"""Shell completion: Typer's protocol driven as bash, zsh and fish drive it."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_HEADER, Uzit
from subprocesses import Loaded, modules_after

from uzit_cli.cli.completion import typer_instruction

UZIT = Path(sys.executable).parent / "uzit"  # the installed console script
BUNDLED_IDS_S = ["example-sakura-systems", "example-silk-road-consulting"]
ONE_RESIDENT = (
    MINIMAL_HEADER
    + """\
residents:
  - id: only-one
    name: Only One
    joined: 2024-01-10
    city: Nukus
    sectors: [bpo]
    exports_to_japan: false
"""
)


def bash_words(uzit: Uzit, line: str, **env: str) -> list[str]:
    """The candidates `uzit` offers bash for the last word of `line` (empty after a space)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    result = uzit(
        env={"COMP_WORDS": line, "COMP_CWORD": str(cword), "_UZIT_COMPLETE": "complete_bash", **env}
    )
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout.split()


def run_installed(line: str, **env: str) -> subprocess.CompletedProcess[str]:
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    environment = {k: v for k, v in os.environ.items() if k != "UZIT_REGISTRY"}
    environment.update(COMP_WORDS=line, COMP_CWORD=str(cword), **env)
    return subprocess.run(
        [str(UZIT)], capture_output=True, text=True, env=environment, timeout=30, check=False
    )


def test_the_installed_uzit_completes_resident_ids_for_show() -> None:
    result = run_installed("uzit show example-s", _UZIT_COMPLETE="complete_bash")
    assert (result.returncode, result.stdout.split()) == (0, BUNDLED_IDS_S)


def test_clicks_spelling_of_the_instruction_works_too() -> None:
    result = run_installed("uzit show example-s", _UZIT_COMPLETE="bash_complete")
    assert result.stdout.split() == BUNDLED_IDS_S
    assert typer_instruction("zsh_source") == "source_zsh"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_tab_after_show_in_bash_with_the_printed_script(uzit: Uzit, tmp_path: Path) -> None:
    printed = uzit("completion", "bash")
    assert printed.exit_code == 0, printed.stderr
    (tmp_path / "uzit.bash").write_text(printed.stdout, encoding="utf-8")
    script = (
        "source uzit.bash; COMP_WORDS=(uzit show example-s); COMP_CWORD=2; "
        '_uzit_completion uzit; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    environment = {k: v for k, v in os.environ.items() if k != "UZIT_REGISTRY"}
    environment["PATH"] = f"{UZIT.parent}{os.pathsep}{environment.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "--norc", "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=30,
    )
    assert result.stdout.split() == BUNDLED_IDS_S


def test_cities_for_list(uzit: Uzit) -> None:
    assert bash_words(uzit, "uzit list --city ") == ["Bukhara", "Fergana", "Samarkand", "Tashkent"]


def test_sectors_for_stats_any_case(uzit: Uzit) -> None:
    assert bash_words(uzit, "uzit stats --sector S") == ["software-development"]


def test_values_come_from_the_registry_option(uzit: Uzit, write_registry) -> None:  # type: ignore[no-untyped-def]
    path = write_registry(ONE_RESIDENT)
    assert bash_words(uzit, f"uzit show -r {path} ") == ["only-one"]
    assert bash_words(uzit, f"uzit list --registry {path} --city ") == ["Nukus"]


def test_values_come_from_the_environment(uzit: Uzit, write_registry) -> None:  # type: ignore[no-untyped-def]
    path = write_registry(ONE_RESIDENT)
    assert bash_words(uzit, "uzit stats --sector ", UZIT_REGISTRY=str(path)) == ["bpo"]


def test_a_broken_registry_offers_nothing_and_prints_no_error(uzit: Uzit, tmp_path: Path) -> None:
    assert bash_words(uzit, f"uzit show -r {tmp_path / 'missing.yaml'} ") == []


def test_columns_complete_the_last_name_of_the_list(uzit: Uzit) -> None:
    assert bash_words(uzit, "uzit list --columns id,na") == ["id,name", "id,name_ja"]


def test_commands_complete(uzit: Uzit) -> None:
    assert bash_words(uzit, "uzit sch") == ["schema"]


def test_zsh_protocol_gives_ids_with_names(uzit: Uzit) -> None:
    result = uzit(
        env={"_TYPER_COMPLETE_ARGS": "uzit show example-sa", "_UZIT_COMPLETE": "complete_zsh"}
    )
    assert "example-sakura-systems" in result.stdout and "Sakura" in result.stdout


def test_the_printed_scripts_call_uzit_with_the_protocol(uzit: Uzit) -> None:
    for shell in ("bash", "zsh", "fish"):
        result = uzit("completion", shell)
        assert result.exit_code == 0
        assert f"_UZIT_COMPLETE=complete_{shell}" in result.stdout


# One interpreter: `stats -f json` first, as a new process runs it, then the new commands.
NEW_COMMANDS = [
    ("validate", "data/residents.yaml", "-f", "github"),
    ("completion", "bash"),
    ("schema",),
]


@functools.cache
def probe() -> dict[tuple[str, ...], Loaded]:
    return {run.args: run for run in modules_after([("stats", "-f", "json"), *NEW_COMMANDS])}


def test_ordinary_commands_never_load_completion_or_schema_code() -> None:
    run = probe()["stats", "-f", "json"]
    assert "uzit_cli.stats" in run.after
    loaded = {"uzit_cli.cli.completion", "uzit_cli.registry.schema", "jsonschema"} & run.after
    assert loaded == set()


@pytest.mark.parametrize("args", NEW_COMMANDS, ids=" ".join)
def test_the_new_commands_keep_option_conversion_free_of_pydantic(args: tuple[str, ...]) -> None:
    run = probe()[args]
    assert run.status == 0
    assert not [m for m in run.after if m.startswith("pydantic")]


def test_the_editing_commands_complete_ids_and_cities(uzit: Uzit) -> None:
    assert bash_words(uzit, "uzit set example-k") == ["example-kaizen-bpo"]
    assert bash_words(uzit, "uzit remove example-t") == ["example-tsukuba-ai"]
    assert bash_words(uzit, "uzit add --city Sam") == ["Samarkand"]
