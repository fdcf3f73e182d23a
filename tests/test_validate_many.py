"""`uzit validate` with several files, GitHub annotations, and problem codes in JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BUNDLED, ROOT, Uzit

from uzit_cli.commands.validate import github_annotation
from uzit_cli.problems import Problem
from uzit_cli.registry import display_path as shown

CORPUS = ROOT / "tests" / "corpus"
BOOL = CORPUS / "bool-as-number.yaml"  # one problem, at 38:23
UK = CORPUS / "country-uk.yaml"  # one problem, at 26:26


def test_each_file_is_reported_and_one_bad_file_fails_the_run(uzit: Uzit) -> None:
    result = uzit("validate", str(BUNDLED), str(UK))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{shown(BUNDLED)}: OK — 10 residents, 4 sources; published figures reproduced (3/3)"
    ]
    assert result.stderr.splitlines()[-1] == f"uzit: error: {shown(UK)}: 1 problem"


def test_every_good_file_passes(uzit: Uzit) -> None:
    result = uzit("validate", str(BUNDLED), str(CORPUS / "valid" / "json-style.yaml"))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def test_github_format_prints_one_annotation_per_problem(uzit: Uzit) -> None:
    result = uzit("validate", str(BOOL), str(UK), "-f", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={shown(BOOL)},line=38,col=23,title=uzit validate (wrong-type)::"
        "exports_to_japan: expected true or false, not the number 0",
        f"::error file={shown(UK)},line=26,col=26,title=uzit validate (bad-country)::"
        "export_markets: 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'?",
    ]


def test_github_annotations_escape_what_workflow_commands_reserve() -> None:
    problem = Problem("a,b:c.yaml", 3, 4, "50% of\nit", severity="warning")
    assert github_annotation(problem) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=uzit validate::50%25 of%0Ait"
    )


def test_json_lists_the_problems_of_every_file_with_a_code(uzit: Uzit) -> None:
    result = uzit("validate", str(BOOL), str(UK), "-f", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["path"], p["line"], p["column"]) for p in problems] == [
        (shown(BOOL), 38, 23),
        (shown(UK), 26, 26),
    ]
    assert all("code" in p for p in problems)


def test_a_path_and_registry_option_together_are_still_refused(uzit: Uzit) -> None:
    result = uzit("validate", str(BUNDLED), str(UK), "-r", str(BUNDLED))
    assert result.exit_code == 2


def test_a_year_on_a_count_and_a_figure_after_as_of_are_warnings_with_key_paths(
    uzit: Uzit, write_registry: Callable[[str, str], Path]
) -> None:
    path = write_registry(
        "schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\n"
        "  sources: [{id: s, title: S, publisher: P, published: 2025-06-30}]\n"
        "  published:\n"
        "    - {metric: residents, value: 0, year: 2024, as_of: 2024-12-31, source: s}\n"
        "    - {metric: exporting_to_japan, value: 0, source: s}\n"
        "residents: []\n",
        "r.yaml",
    )
    result = uzit("validate", str(path), "-f", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert [(p["line"], p["code"], p["key_path"], p["severity"]) for p in found] == [
        (7, "year-on-a-count", "registry.published[0].year", "warning"),
        (8, "figure-after-as-of", "registry.published[1]", "warning"),
    ]  # fmt: skip
    messages = [p["message"] for p in json.loads(result.stdout)]
    assert "give the day it describes with 'as_of' instead (as_of: 2024-12-31" in messages[0]
    assert (
        "dated 2025-06-30 (its source's published date) is after the registry's as_of"
        in (messages[1])
    )
    assert uzit("validate", str(path), "--strict").exit_code == 1


def test_github_lines_are_only_the_intended_workflow_commands(
    uzit: Uzit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the file names, every line is an ::error, ::warning or ::notice: a name can
    neither start a command (`::stop-commands::`) nor end the line (a newline is %0A)."""
    monkeypatch.chdir(tmp_path)
    good = BUNDLED.read_text(encoding="utf-8")
    names = [
        "::stop-commands::x.yaml",
        "##[error]y.yaml",
        "new\n::warning::line.yaml",
        "a,b:c.yaml",
    ]
    for name in names:
        (tmp_path / name).write_text(good, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(UK.read_text(encoding="utf-8"), encoding="utf-8")
    result = uzit("validate", *names, "bad.yaml", "-f", "github")
    lines = result.stdout.splitlines()
    assert len(lines) == len(names) + 1
    assert all(re.match(r"::(error|warning|notice) [^:]*title=[^:]*::", line) for line in lines)
    assert lines[0].startswith(
        "::notice file=%3A%3Astop-commands%3A%3Ax.yaml,title=uzit validate::"
    )
    assert lines[2].startswith("::notice file=new%0A%3A%3Awarning%3A%3Aline.yaml,")
    assert lines[-1].startswith("::error file=bad.yaml,line=26,col=26,title=uzit validate")


def test_github_says_standard_input_has_no_file(uzit: Uzit) -> None:
    result = uzit("validate", "-", "-f", "github", input=UK.read_bytes())
    assert result.stdout == (
        "::error title=uzit validate on standard input (no file to attach it to)::<stdin>:26:26: "
        "export_markets: 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'?\n"
    )
