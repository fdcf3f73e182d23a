"""Every problem has a stable code, declared once (problems.CODES) and listed in the docs."""

from __future__ import annotations

import json
import re

from conftest import ROOT, Uzit

from uzit_cli.problems import CODES, RegistryError
from uzit_cli.registry import parse_registry
from uzit_cli.registry.warnings import code_table

SOURCE = "\n".join(
    path.read_text(encoding="utf-8") for path in sorted((ROOT / "uzit_cli").rglob("*.py"))
)
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.yaml"))


def test_every_code_given_is_declared_and_every_declared_code_is_given() -> None:
    given = set(re.findall(r'code="([a-z0-9-]+)"', SOURCE))
    assert given == set(CODES)


def test_the_docs_hold_the_code_table_generated_from_the_rules() -> None:
    text = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    section = text.split("### Problem codes", 1)[1].split("\n### ", 1)[0]
    assert "\n" + code_table() in section


def test_every_problem_of_the_bad_corpus_has_a_code() -> None:
    uncoded = []
    for path in CORPUS:
        try:
            parse_registry(path.read_bytes(), path.name)
        except RegistryError as error:
            uncoded += [problem for problem in error.problems if problem.code not in CODES]
    assert uncoded == []


def test_validate_json_carries_the_code(uzit: Uzit) -> None:
    path = ROOT / "docs" / "examples" / "broken.yaml"
    problems = json.loads(uzit("validate", str(path), "-f", "json").stdout)
    assert [(p["line"], p["code"]) for p in problems] == [(15, "wrong-type"), (16, "unknown-key")]
