"""Completion values are data in bash, zsh and fish: quoted for that shell, never expanded,
split or run. Each shell installed is driven for real with uzit's printed script, over a
corpus of hostile values (issue 24, items 1 and 2)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_HEADER, Uzit, invoke

from uzit_cli.cli.completion import bash_quoted, install, offerable
from uzit_cli.crosstab import DIMENSIONS, MEASURES

UZIT_DIR = Path(sys.executable).parent  # where the installed console script `uzit` is

#: Cities a registry may hold that a shell would otherwise expand, split or run.
HOSTILE = (
    "*",
    "Tashkent City",
    "0\\",
    '<(touch PWNED)\\"',
    "$(touch PWNED)",
    "`touch PWNED`",
    "it's; touch PWNED",
    "~root",
    "a&b|c>d",
    "[ab]?{x,y}",
    "!!",
    "Самарқанд",
)


def _registry(tmp_path: Path) -> Path:
    residents = "".join(
        f"  - id: r{index}\n    name: Resident {index}\n    joined: 2024-01-10\n"
        f"    city: {json.dumps(city)}\n    sectors: [bpo]\n    exports_to_japan: false\n"
        for index, city in enumerate(HOSTILE)
    )
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL_HEADER + "residents:\n" + residents, encoding="utf-8")
    return path


def _run(shell: list[str], script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "UZIT_REGISTRY"}
    environment["PATH"] = f"{UZIT_DIR}{os.pathsep}{environment.get('PATH', '')}"
    environment["HOME"] = str(cwd)
    return subprocess.run(
        [*shell, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile registry in a folder of its own, with the script `uzit completion SHELL`
    prints for each shell (printed once for the module, as a shell would source it)."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a-file").write_text("")  # what `*` would expand to
    for shell in ("bash", "zsh", "fish"):
        printed = invoke("completion", shell)
        assert printed.exit_code == 0, printed.stderr
        (folder / f"uzit.{shell}").write_text(printed.stdout, encoding="utf-8")
    return _registry(folder)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_inserts_every_value_as_one_word_of_itself(hostile: Path) -> None:
    # each reply, as bash would read it from the command line, must be the value, one word
    script = (
        'source uzit.bash; COMP_WORDS=(uzit list -r r.yaml --city ""); '
        "COMP_CWORD=5; _uzit_completion uzit; "
        'for reply in "${COMPREPLY[@]}"; do eval "words=( $reply )"; '
        'printf "%s\\0%s\\0" "${#words[@]}" "${words[0]}"; done'
    )
    result = _run(["bash", "--norc", "--noprofile"], script, hostile.parent)
    parts = result.stdout.split("\0")[:-1]
    counts, values = parts[0::2], parts[1::2]
    assert sorted(values) == sorted(HOSTILE), result.stderr
    assert set(counts) == {"1"}
    assert not (hostile.parent / "PWNED").exists()


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_zsh_hands_compadd_every_value_as_it_is(hostile: Path) -> None:
    # compadd quotes what it inserts; the script must hand it each value unexpanded
    script = (
        "compdef() { :; }; source uzit.zsh; "
        "compadd() { while [[ $1 != -- ]]; do shift; done; shift; "
        "printf '%s\\0' \"$@\"; }; _files() { print FILES; }; "
        "words=(uzit list -r r.yaml --city ''); CURRENT=6; _uzit_completion"
    )
    result = _run(["zsh", "-f"], script, hostile.parent)
    assert sorted(result.stdout.split("\0")[:-1]) == sorted(HOSTILE), result.stderr
    assert not (hostile.parent / "PWNED").exists()


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")
def test_fish_offers_every_value_as_it_is(hostile: Path) -> None:
    script = "source uzit.fish; complete -C 'uzit list -r r.yaml --city '"
    result = _run(["fish", "--no-config"], script, hostile.parent)
    offered = {line.split("\t")[0] for line in result.stdout.splitlines()}
    assert offered == set(HOSTILE), result.stderr
    assert not (hostile.parent / "PWNED").exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_bash_quoting_reads_back_as_the_value(value: str) -> None:
    # the property behind the bash test, for each value of the corpus, without a shell
    import shlex

    assert shlex.split(bash_quoted(value)) == [value]


def test_a_value_with_a_control_character_is_not_offered() -> None:
    assert not offerable("two\nlines") and not offerable("bell\a") and offerable("Fergana")


def test_stats_by_and_project_scenario_complete(uzit: Uzit) -> None:
    def offered(line: str) -> list[str]:
        words = line.split()
        env = {"COMP_WORDS": line, "COMP_CWORD": str(len(words)), "_UZIT_COMPLETE": "complete_bash"}
        return uzit(env=env).stdout.split()

    assert offered("uzit stats --by ") == sorted(DIMENSIONS)
    assert offered("uzit stats --measure ") == sorted(MEASURES)
    assert offered("uzit project --scenario ") == ["custom", "steady", "target", "trend"]
    assert offered("uzit report --city ") == ["Bukhara", "Fergana", "Samarkand", "Tashkent"]


def test_zsh_install_adds_one_line_and_no_zstyle(tmp_path: Path) -> None:
    (tmp_path / ".zshrc").write_text("PS1='%# '\n")
    install("zsh", home=tmp_path)
    install("zsh", home=tmp_path)  # twice: the line is not added again
    rc = (tmp_path / ".zshrc").read_text()
    assert "zstyle" not in rc
    assert rc == "PS1='%# '\nfpath+=~/.zfunc; autoload -Uz compinit; compinit\n"
    assert (tmp_path / ".zfunc" / "_uzit").read_text().startswith("#compdef uzit")
