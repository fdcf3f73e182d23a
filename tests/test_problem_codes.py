"""Every problem has a stable code, declared once beside its rule and listed in the docs."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, Uzit

from uzit_cli.problems import CODES, Problem, RegistryError
from uzit_cli.registry import parse_registry
from uzit_cli.registry.warnings import code_table

CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.yaml"))


def test_a_problem_with_a_code_not_declared_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match="'no-such-rule' is not declared"):
        Problem("r.yaml", 1, 1, "message", code="no-such-rule")


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


# Given by a missing file, a file or line or number too large for a small corpus file, or the
# limit of 1,000 problems: tests of their own check these by their messages.
GIVEN_ONLY_BY_SIZE_OR_ABSENCE = {
    "no-file",
    "file-too-large",
    "line-too-long",
    "number-too-large",
    "too-many-problems",
}


def test_every_code_is_given_by_the_bad_corpus_or_named_in_a_test() -> None:
    """A new rule comes with a test: a file of the bad corpus that gives its code (its
    .expected file then checks the message), or a test that names the code. A rule declared
    but left out of its record's `rules` fails that test; one without a test fails here."""
    given = set(GIVEN_ONLY_BY_SIZE_OR_ABSENCE)
    for path in CORPUS:
        try:
            parse_registry(path.read_bytes(), path.name)
        except RegistryError as error:
            given |= {problem.code for problem in error.problems}
    tests = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests").glob("*.py"))
    named = {code for code in CODES if f'"{code}"' in tests}
    assert set(CODES) - given - named == set()


def test_validate_json_carries_the_code(uzit: Uzit) -> None:
    path = ROOT / "docs" / "examples" / "broken.yaml"
    problems = json.loads(uzit("validate", str(path), "-f", "json").stdout)
    assert [(p["line"], p["code"]) for p in problems] == [(15, "wrong-type"), (16, "unknown-key")]
