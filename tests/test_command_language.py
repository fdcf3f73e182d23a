"""The commands in the reader's language: their help as the catalogue holds it, their messages
translated, and the `init` starter commented in Japanese or Russian yet the same registry."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
import yaml
from conftest import Uzit

from uzit_cli import language
from uzit_cli.cli.app import build_app
from uzit_cli.output.writers import FORMATS, format_help, formats_where
from uzit_cli.projection import DEFAULT_YEAR, SCENARIOS
from uzit_cli.registry.starter import starter_registry
from uzit_cli.resident_columns import DEFAULT_COLUMNS, RECORD_FIELDS
from uzit_cli.views.residents import SCREEN_LIMIT


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    language.use(language.ENGLISH)


def _catalogue(name: str) -> gettext.GNUTranslations:
    with open(Path(language.CATALOGUES) / f"{name}.mo", "rb") as compiled:
        return gettext.GNUTranslations(compiled)


def _helps() -> list[tuple[str, str]]:
    """Every help Typer shows: each command's, and each of its options' and arguments'."""
    root = typer.main.get_command(build_app())
    helps = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        helps.append((f"uzit {name}", command.help))
        helps += [
            (f"uzit {name} {param.name}", param.help)
            for param in command.params
            if getattr(param, "help", None) and param.name != "lang"
        ]
    return helps


@pytest.mark.parametrize("name", ["ja", "ru"])
def test_every_help_as_typer_shows_it_is_translated(name: str) -> None:
    """A help built at import from pieces (an f-string) would not be found when shown; one
    composed of messages (a scenario's option and its example) is found as composed."""
    language.use(name)
    untranslated = [where for where, text in _helps() if language.translated(text) == text]
    assert not untranslated, f"help not in the {name} catalogue as Typer shows it: {untranslated}"


def _option_help(command: str, option: str) -> str:
    click_command = typer.main.get_command(build_app()).commands[command]  # type: ignore[attr-defined]
    return next(param.help for param in click_command.params if param.name == option)


def test_help_written_out_in_full_says_the_declared_facts() -> None:
    """Help is written whole for the catalogue; where it names a declared fact, it says it."""
    scenarios = "; ".join(f"{s.name}, {s.summary}" for s in SCENARIOS.values())
    named = [
        ("list", "limit", f"shows the first {SCREEN_LIMIT} "),
        ("list", "columns", f"({', '.join(RECORD_FIELDS)})"),
        ("list", "columns", f"Default: {', '.join(DEFAULT_COLUMNS)} for table"),
        ("list", "output_format", f"Output format: {format_help()}. "),
        ("validate", "output_format", f"or {', '.join(f.value for f in FORMATS)} (the"),
        ("project", "year", f"Default: {DEFAULT_YEAR}, or five years on when {DEFAULT_YEAR} "),
        ("project", "scenario", f"in the order given: {scenarios}. Default"),
        ("project", "explain", f"after the tables in {formats_where(explanation='inline')};"),
        ("project", "explain", f"; {formats_where(explanation='document')} always carry"),
        ("project", "explain", f"with {formats_where(explanation='stderr')} they go"),
        ("project", "chart", f"on standard error with {formats_where(chart='stderr')}, so"),
    ]
    wrong = [(c, o, fact) for c, o, fact in named if fact not in _option_help(c, o)]
    assert not wrong


@pytest.mark.parametrize(("name", "word"), [("ja", "形式のバージョン"), ("ru", "версия формата")])
def test_init_comments_in_the_readers_language_and_the_same_registry(
    uzit: Uzit, tmp_path: Path, name: str, word: str
) -> None:
    target = tmp_path / "my.yaml"
    result = uzit("init", str(target), env={"UZIT_LANG": name})
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert f"schema: 1                       # {word}" in text
    assert "uzit validate my.yaml" in text
    assert yaml.safe_load(text) == yaml.safe_load(starter_registry("my.yaml"))
    checked = uzit("validate", str(target), env={"UZIT_LANG": name})
    assert checked.exit_code == 0, checked.stderr


def test_a_usage_error_of_a_command_in_russian(uzit: Uzit) -> None:
    result = uzit("stats", "--measure", "jobs", env={"UZIT_LANG": "ru"})
    assert result.exit_code == 2
    assert "--measure задаёт, что считает таблица --by: добавьте --by" in result.stderr


def test_a_count_in_a_message_takes_its_russian_plural_form(uzit: Uzit, tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(starter_registry("one.yaml"), encoding="utf-8")
    result = uzit(
        "list", "-r", str(tmp_path / "one.yaml"), "--city", "Nowhere", env={"UZIT_LANG": "ru"}
    )
    assert result.exit_code == 0
    assert "ни один резидент не подходит под эти фильтры (в реестре 1 резидент;" in result.stderr
