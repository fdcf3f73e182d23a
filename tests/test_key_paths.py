"""Each problem names where its value stands in the registry's structure, beside its line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, Uzit
from test_registry import BASE, problems

from uzit_cli.problems import key_path


def test_a_key_path_reads_as_jq_does() -> None:
    assert key_path(("residents", 3, "jobs_created", "2024")) == "residents[3].jobs_created.2024"
    assert key_path(()) == ""
    assert key_path(("residents", 0, "exports.to_japan")) == 'residents[0]["exports.to_japan"]'
    assert key_path(("registry", 'a "b"')) == 'registry["a \\"b\\""]'


@pytest.mark.parametrize(
    ("old", "new", "where", "line"),
    [
        # a scalar of the second resident
        ("joined: 2024-09-02", "joined: 2024-13-02", "residents[1].joined", 43),
        # an item of a list, counted from 0
        (
            "export_markets: [JP, US]",
            "export_markets: [JP, XX]",
            "residents[0].export_markets[1]",
            34,
        ),
        # a year of a year map (the key path names the year, the line its value)
        (
            "jobs_created: {2024: 12}",
            "jobs_created: {2024: -1}",
            "residents[0].jobs_created.2024",
            36,
        ),
        # a nested record of the header
        ("url: https://example.org/a", "url: ftp://example.org/a", "registry.sources[0].url", 10),
        # a rule across the file: a source id cited and not declared
        ("    sources: [src]", "    sources: [srd]", "residents[0].sources[0]", 39),
        # a rule of one record: the figure, not one of its values
        (
            "{metric: jobs_created, year: 2024,",
            "{metric: jobs_created,",
            "registry.published[1]",
            15,
        ),
        # the file itself
        ("schema: 1", "schema: 2", "schema", 1),
    ],
)
def test_a_problem_carries_its_key_path(old: str, new: str, where: str, line: int) -> None:
    assert old in BASE
    [problem] = problems(BASE.replace(old, new, 1))
    assert (problem.key_path, problem.line) == (where, line)


def test_a_yaml_syntax_error_has_no_key_path() -> None:
    [problem] = problems(BASE + "  - id: [unclosed\n")
    assert (problem.code, problem.key_path) == ("yaml", None)


def test_warnings_carry_key_paths_too(uzit: Uzit, tmp_path: Path) -> None:
    text = BASE.replace("value: 2, source", "value: 3, source").replace(
        "city: Samarkand", "city: tashkent"
    )
    registry = tmp_path / "r.yaml"
    registry.write_text(text, encoding="utf-8")
    result = uzit("validate", "-f", "json", str(registry))
    assert result.exit_code == 0
    found = {(p["code"], p["key_path"]) for p in json.loads(result.stdout)}
    assert found == {
        ("published-mismatch", "registry.published[0]"),
        ("spelling", "residents[1]"),  # where its position is: the resident
    }


def test_the_documented_json_is_what_validate_writes(
    uzit: Uzit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    block = re.search(r"here indented\):\n\n```json\n(.*?)```", text, re.DOTALL)
    assert block is not None
    result = uzit("validate", "-f", "json", "docs/examples/broken.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == json.loads(block[1])
