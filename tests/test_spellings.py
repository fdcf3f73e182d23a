"""Cities and sectors are grouped as the filters match them, and variant spellings are flagged."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BUNDLED, Uzit

from uzit_cli.registry.spellings import NEAR_SPELLING_LENGTH, common_spellings, variants


def test_the_most_common_spelling_names_the_group() -> None:
    assert common_spellings(["tashkent", "Tashkent", "Tashkent", "Bukhara"]) == {
        "tashkent": "Tashkent",
        "bukhara": "Bukhara",
    }


@pytest.mark.parametrize(
    ("values", "found"),
    [
        (["Tashkent", "Tashkent", "tashkent"], [("Tashkent", "tashkent", True)]),
        (["Samarkand", "Samarkand", "Samarqand"], [("Samarkand", "Samarqand", False)]),
        (["Tashkent", "Termez", "Bukhara", "Nukus"], []),  # different cities stay apart
        (
            ["software-development", "software-developmnt"],
            [("software-development", "software-developmnt", False)],
        ),
    ],
)
def test_variants(values: list[str], found: list[tuple[str, str, bool]]) -> None:
    assert [(v.usual, v.other, v.only_case) for v in variants(values)] == found


@pytest.fixture
def misspelt(write_registry: Callable[[str, str], Path]) -> str:
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace("city: Tashkent", "city: tashkent", 2).replace(
        "city: tashkent", "city: Tashkent", 1
    )
    text = text.replace("city: Samarkand", "city: Samarqand", 1)
    return str(write_registry(text, "misspelt.yaml"))


def test_stats_by_city_groups_any_case_under_the_usual_spelling(uzit: Uzit, misspelt: str) -> None:
    rows = json.loads(uzit("stats", "-r", misspelt, "--by", "city", "-f", "json").stdout)
    assert [(row["group"], row["residents"]) for row in rows][:1] == [("Tashkent", 6)]
    summary = json.loads(uzit("stats", "-r", misspelt, "-f", "json").stdout)
    assert summary["by_city"]["Tashkent"] == 6 and "tashkent" not in summary["by_city"]


def test_on_a_tie_validate_names_the_spelling_stats_groups_under(
    uzit: Uzit, write_registry: Callable[[str, str], Path]
) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace("city: Samarkand", "city: samarkand", 1)
    path = str(write_registry(text, "tie.yaml"))
    rows = json.loads(uzit("stats", "-r", path, "--by", "city", "-f", "json").stdout)
    group = next(row["group"] for row in rows if row["group"].casefold() == "samarkand")
    [warning] = json.loads(uzit("validate", path, "-f", "json").stdout)
    assert f"from '{group}', as often used (1 each)" in warning["message"]


def test_validate_warns_with_code_and_line(uzit: Uzit, misspelt: str) -> None:
    result = uzit("validate", misspelt, "-f", "json")
    spelling = [p for p in json.loads(result.stdout) if p["code"] == "spelling"]
    assert [re.sub(r" \(resident '[^']+'\)", "", p["message"]) for p in spelling] == [
        "city: 'tashkent' differs only in case from 'Tashkent', which more residents use "
        "(5 against 1); write one spelling",
        # one each: the spelling written first names the group, as in stats
        "city: 'Samarkand' looks like a variant of 'Samarqand', as often used (1 each); "
        "write one spelling",
    ]
    lines = Path(misspelt).read_text(encoding="utf-8").splitlines()
    for problem in spelling:  # each points at the resident that writes it
        assert lines[problem["line"] - 1].lstrip().startswith("- id:")
    assert uzit("validate", misspelt).exit_code == 0  # warnings
    assert uzit("validate", misspelt, "--strict").exit_code == 1


def test_values_past_the_near_spelling_length_are_compared_by_case_only() -> None:
    long = "a" * (NEAR_SPELLING_LENGTH + 1)
    found = variants([long, long + "b", long.upper(), "Tashkent", "Tashkend"])
    assert [(v.usual, v.other, v.only_case) for v in found] == [
        (long, long.upper(), True),
        ("Tashkent", "Tashkend", False),
    ]
