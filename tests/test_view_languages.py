"""The views in the reader's language (issue 26): labels and data in Japanese and Russian, the
same figures as in English, machine formats that do not change, tables that still fit."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import BUNDLED, CliResult, invoke
from tests.subprocesses import environment, in_pty
from uzit_cli import language
from uzit_cli.names import place_shown, sector_shown
from uzit_cli.registry import load_registry

RESIDENTS = load_registry(BUNDLED).residents
INSTALLED = Path(sys.executable).with_name("uzit")
UZIT = [str(INSTALLED)] if INSTALLED.exists() else [sys.executable, "-m", "uzit_cli"]


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """A run in-process leaves its language loaded: the next test starts in English."""
    yield
    language.use(language.ENGLISH)


def run(lang: str, *args: str, terminal: int | None = None) -> CliResult:
    done = invoke(*args, env={"UZIT_LANG": lang}, terminal=terminal)
    assert done.exit_code == 0, done.stderr
    return done


def cell_numbers(markdown: str) -> list[float]:
    """The numbers of every table cell but each row's first (its label), in order: 1,234 and
    9.7 as numbers, a date's year, month and day as three (2025-02-28, 2025年2月28日)."""
    found = []
    for line in markdown.splitlines():
        if line.startswith("|") and not line.startswith("| -"):
            cells = line.strip("|").split("|")[1:]
            found += [
                float(n.replace(",", ""))
                for cell in cells
                for n in re.findall(r"\d[\d,]*(?:\.\d+)?", cell)
            ]
    return found


def test_a_japanese_stats_table_speaks_japanese_with_the_english_figures() -> None:
    english = run("en", "stats", "-f", "markdown").stdout
    japanese = run("ja", "stats", "-f", "markdown").stdout
    assert "入居企業" in japanese and "創出雇用数" in japanese
    assert "Residents" not in japanese and "Jobs created" not in japanese
    assert cell_numbers(japanese) == cell_numbers(english) != []


def test_a_russian_list_names_cities_and_sectors_in_russian() -> None:
    out = run("ru", "list", "-f", "markdown", "--columns", "id,city,sectors").stdout
    assert "Ташкент" in out and "Самарканд" in out and "разработка ПО" in out
    assert "Tashkent" not in out and "software-development" not in out


def test_machine_formats_are_the_same_bytes_in_every_language(tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    text = BUNDLED.read_text(encoding="utf-8")
    changed.write_text(text.replace("city: Fergana", "city: Samarqand"), encoding="utf-8")
    runs = [
        ("list", "-f", "csv"),
        ("list", "--columns", "id,name,city,sectors", "-f", "json"),
        ("show", "example-sakura-systems", "-f", "yaml"),
        ("stats", "-f", "json"),
        ("stats", "--by", "sector", "-f", "tsv"),
        ("stats", "--by", "exports-to-japan", "-f", "jsonl"),
        ("stats", "--growth", "-f", "csv"),
        ("stats", "--by", "city", "--by", "year", "--measure", "jobs", "-f", "csv"),
        ("sources", "-f", "json"),
        ("diff", str(BUNDLED), str(changed), "-f", "json"),
        ("diff", str(BUNDLED), str(changed), "-f", "tsv"),
    ]
    for args in runs:
        english = run("en", *args).stdout
        assert run("ja", *args).stdout == english, args
        assert run("ru", *args).stdout == english, args


def test_in_japanese_a_resident_is_named_by_its_japanese_name_then_its_latin_one() -> None:
    out = run("ja", "list", "-f", "markdown").stdout
    assert "| エグザンプル・サクラ・システムズ (Example Sakura Systems) |" in out
    assert "| Example Kaizen BPO |" in out  # no name_ja: the Latin name alone
    assert "日本語名" not in out  # the name column says it already
    english = run("en", "list", "-f", "markdown").stdout
    assert "| Example Sakura Systems |" in english and "エグザンプル" not in english


def test_a_place_is_found_ignoring_case_and_spelling_and_an_unknown_one_kept() -> None:
    language.use("ja")
    assert [place_shown(city) for city in ("tashkent", "Samarqand", "Bishkek")] == [
        "タシケント",
        "サマルカンド",
        "Bishkek",
    ]
    assert (sector_shown("gamedev"), sector_shown("robotics")) == ("ゲーム開発", "robotics")
    language.use(language.ENGLISH)
    assert place_shown("samarqand") == "samarqand"  # English keeps the registry's spelling


@pytest.mark.parametrize("args", [("list",), ("stats", "--by", "sector")])
def test_a_japanese_table_fits_80_columns_of_a_real_terminal(args: tuple[str, ...]) -> None:
    env = environment({"NO_COLOR": "1", "TERM": "xterm", "UZIT_LANG": "ja"})
    status, lines = in_pty([*UZIT, *args], 80, env)
    assert status == 0, lines
    assert max(cell_len(line) for line in lines) <= 80
    if args == ("list",):
        for resident in RESIDENTS:  # ids whole, one line per resident
            assert any(line.startswith(resident.id + " ") for line in lines), resident.id
    else:
        assert any(line.startswith("ソフトウェア開発 ") for line in lines)


def test_japanese_labels_of_a_block_line_their_values_up_by_cells() -> None:
    out = run("ja", "sources", terminal=100).stdout
    block = out.split("\n\n")[0].splitlines()
    starts = {
        cell_len(line[: len(line) - len(line.split("  ", 1)[1].lstrip())])
        for line in block
        if line[:1] not in ("", " ") and "  " in line and not line.startswith("出典 ·")
    }
    assert len(starts) == 1, block  # 発行元 (6 cells) and ID (2) start their values together


def test_project_in_japanese_at_80_columns_keeps_the_columns_english_keeps() -> None:
    """Japanese headers are one word each (16 cells); they wrap between characters, as English
    ones wrap at spaces, so no column (the share of the shortage) is left out to fit."""

    def scenario_row(lang: str, name: str) -> list[str]:
        out = run(lang, "project", terminal=80).stdout
        assert max(cell_len(line) for line in out.splitlines()) <= 80
        return next(line.split() for line in out.splitlines() if line.startswith(name + " "))

    english, japanese = scenario_row("en", "target"), scenario_row("ja", "目標")
    assert english[-2:] == ["0.11", "%"] and japanese[-1] == "0.11%"
    assert len(japanese) == len(english) - 2  # `14.87 %` and `0.11 %` are two words in English


def test_stats_in_japanese_at_80_columns_leaves_out_no_column() -> None:
    """The key of the IT Park shares (`輸出を行う入居企業`) wraps, so its source stays."""
    assert "省略" not in run("ja", "stats", terminal=80).stdout
    assert "Left out" not in run("en", "stats", terminal=80).stdout
