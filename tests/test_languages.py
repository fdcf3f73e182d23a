"""The reader's language: chosen by --lang, UZIT_LANG or the locale; help, messages, numbers and
dates in it; machine formats the same bytes in every language; English start-up unchanged.

The pseudo-language (tests/pseudo_language.py) turns every message of the catalogue into
look-alike letters, so any ASCII word left in a human format is English that did not pass
through the catalogue.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BUNDLED, ROOT, CliResult, invoke
from pseudo_language import data_variants, english_words, html_text, pseudo, translations
from subprocesses import environment

from uzit_cli import language, numbers
from uzit_cli.cli.app import COMMANDS, LANG_OPTION, build_app, language_asked, without_language
from uzit_cli.output.writers import FORMATS
from uzit_cli.problems import CODES

JA = ("--lang", "ja")


@pytest.fixture
def pseudo_language() -> Iterator[None]:
    """The pseudo-language installed as `ja`: a run with `--lang ja` keeps it (language.use
    changes nothing for the language already in use), and numbers and dates are Japanese."""
    with language.kept():
        language.install(translations(), "ja")
        yield


@pytest.fixture
def pseudo_russian() -> Iterator[None]:
    """The pseudo-language with Russian numbers and dates (`1 234,5`): run with `--lang ru`."""
    with language.kept():
        language.install(translations(), "ru")
        yield


# --- choosing the language ------------------------------------------------------------------


def test_lang_is_read_from_the_command_line_before_typer_parses_it() -> None:
    assert language_asked(["list", "--lang", "ja", "-f", "json"]) == "ja"
    assert language_asked(["--lang=ru", "stats"]) == "ru"
    assert language_asked(["list", "--", "--lang", "ja"]) is None  # an argument after --
    assert without_language(["--lang", "ja", "list", "--lang=ru", "-n", "2"]) == ["list", "-n", "2"]


def test_every_command_takes_lang_and_completes_the_languages() -> None:
    import typer

    group = typer.main.get_command(build_app())
    for command in (group, *group.commands.values()):  # type: ignore[attr-defined]
        assert any(LANG_OPTION in param.opts for param in command.params), command.name
    from uzit_cli.cli.completion import languages

    offered = [item.value for item in languages(None, None, "")]  # type: ignore[arg-type]
    assert offered == sorted(language.available()) and "ja" in offered and "ru" in offered


def test_a_language_uzit_lacks_asked_by_name_gives_english_and_one_note() -> None:
    for args, env in (
        (["sources", "--lang", "de"], {}),
        (["sources"], {"UZIT_LANG": "de"}),
    ):
        result = invoke(*args, "-f", "tsv", env=env)
        assert result.exit_code == 0
        assert result.stderr == (
            "uzit: note: no messages in 'de' (uzit speaks en, ja, ru); speaking English\n"
        )
    quiet = invoke("sources", "-f", "tsv", env={"LANG": "de_DE.UTF-8"})
    assert quiet.stderr == ""  # the locale names it: quietly English, as git does


def test_lang_before_the_command_and_the_environment_choose_too(pseudo_language: None) -> None:
    assert pseudo("Options") in invoke("--lang", "ja", "list", "--help").stdout
    assert pseudo("Options") in invoke("--lang=ja", "list", "--help").stdout
    assert pseudo("Options") in invoke("list", "--help", env={"UZIT_LANG": "ja"}).stdout
    assert pseudo("Options") in invoke("list", "--help", env={"LANG": "ja_JP.UTF-8"}).stdout
    assert "Options:" in invoke("list", "--help", env={"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}).stdout
    assert pseudo("Commands") in invoke("--lang", "ja").stdout  # the overview, no command


def test_help_is_in_the_language_with_typers_own_words(pseudo_language: None) -> None:
    shown = invoke("list", "--help", *JA).stdout
    for english in ("Usage: ", "[OPTIONS]", "Options", "Show this message and exit."):
        assert english not in shown and pseudo(english) in shown, english
    assert pseudo(COMMANDS["list"].summary) in invoke(*JA, "--help").stdout
    # every option's help is translated where the catalogue has it: --lang's is uzit's own
    assert "The language of tables" not in shown and "--lang LANG" in shown


def test_usage_errors_are_in_the_language(pseudo_language: None) -> None:
    bad = invoke("list", "--limit", "x", *JA)
    assert bad.exit_code == 2
    assert bad.stderr.splitlines() == [
        pseudo("uzit: error: {message}").format(
            message=pseudo("Invalid value for {option}: {message}").format(
                option="'--limit' / '-n'",
                message=pseudo("{value} is not a whole number.").format(value="'x'"),
            )
        ),
        pseudo("Try '{command} --help' for help.").format(command="uzit list"),
    ]
    typo = invoke("lst", *JA)
    assert (
        pseudo("No such command {name}. Did you mean {suggestions}?").format(
            name="'lst'", suggestions="'list', 'set'"
        )
        in typo.stderr
    )
    assert (
        pseudo("No such option: {option}").format(option="--nope")
        in invoke("list", "--nope", *JA).stderr
    )
    assert pseudo("No such option: {option} (Possible options: {options})").format(
        option="--colum", options="--color, --columns"
    ) in invoke("list", "--colum", "id", *JA).stderr.replace("--bom, ", "")


# --- numbers and dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "counted", "share", "date", "decimal"),
    [
        ("en", "1,234", "12.3 %", "2025-02-28", "-1,234.50"),
        ("ja", "1,234", "12.3%", "2025年2月28日", "-1,234.50"),
        ("ru", "1\xa0234", "12,3\xa0%", "28.02.2025", "-1\xa0234,50"),
    ],
)
def test_numbers_and_dates_in_each_language(
    code: str, counted: str, share: str, date: str, decimal: str
) -> None:
    with language.kept():
        language.use(code)
        assert numbers.whole(1234.4) == counted
        assert numbers.percent(0.1234) == share
        assert numbers.date(dt.date(2025, 2, 28)) == date
        assert numbers.decimal(-1234.5, 2) == decimal
        assert numbers.decimal(-0.04) in ("0.0", "0,0")  # never -0
        # a formula is arithmetic, the same in every language
        assert numbers.formula(1234.5) == "1234.5" and numbers.formula_percent(0.1487) == "14.87%"


def test_a_share_is_a_message(pseudo_language: None) -> None:
    assert numbers.share(3, 10) == pseudo("{part} of {total}").format(part="3", total="10")


# --- what stays the same in every language --------------------------------------------------

MACHINE_FORMATS = [record.format.value for record in FORMATS.values() if not record.for_people]


def _reading_args(tmp_path: Path) -> dict[str, list[str]]:
    """The commands that take --format (read from their options), with what each needs."""
    import typer

    group = typer.main.get_command(build_app())
    needs = _needs(tmp_path)
    return {
        name: needs.get(name, [])
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        if any("--format" in param.opts for param in command.params)
    }


def test_machine_formats_are_the_same_bytes_in_every_language(
    tmp_path: Path, pseudo_russian: None
) -> None:
    """Every machine format of every command that has --format, in English and in the
    pseudo-language with Russian numbers: every message and every number differs there."""
    reading = _reading_args(tmp_path)
    assert {"list", "stats", "project", "validate"} <= set(reading)
    differ = []
    for name, args in reading.items():
        for fmt in MACHINE_FORMATS:
            english = invoke(name, *args, "-f", fmt, "--lang", "en")
            other = invoke(name, *args, "-f", fmt, "--lang", "ru")
            if (other.stdout, other.exit_code) != (english.stdout, english.exit_code):
                differ.append(f"uzit {name} -f {fmt}")
    assert not differ, differ


def test_a_japanese_locale_changes_no_byte_of_json() -> None:
    runs = {
        name: subprocess.run(
            [sys.executable, "-m", "uzit_cli", "list", "-f", "json"],
            capture_output=True,
            env=environment({"LANG": value}, keep_locale=False),
            timeout=60,
            check=True,
        )
        for name, value in (("C", "C"), ("ja", "ja_JP.UTF-8"))
    }
    assert runs["ja"].stdout == runs["C"].stdout and runs["C"].stdout.startswith(b"[")


def test_english_start_up_loads_no_catalogue_and_no_babel() -> None:
    """Typer imports the standard library's gettext module itself; uzit's language module
    does not, and English loads no catalogue and never imports Babel."""
    script = (
        "import sys; import uzit_cli.language as l; first = 'gettext' in sys.modules; "
        "from uzit_cli.cli.app import run; status = run(['stats']); "
        "print(first, status, any(m.startswith('babel') for m in sys.modules), l._translations)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment({"LANG": "C"}, keep_locale=False),
        timeout=60,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "False 0 False None"


# --- the pseudo-language over every command -------------------------------------------------

BAD_REGISTRY = """\
schema: 1
registry:
  title: Broken registry
  as_of: 2025-02-28
  sources:
    - {id: src, title: A source, publisher: A publisher}
residents:
  - {id: a, name: A, joined: 2023-13-01, city: Tashkent, sectors: [bpo], colour: red,
     exports_to_japan: maybe, jobs_created: {2024: -3}}
  - {id: a, name: B, city: Tashkent, sectors: [], exports_to_japan: false, sources: [nowhere]}
"""

#: Proper nouns, names and abbreviations that stay as they are in every language (the
#: glossary's list; ID and URL are written so in Japanese and Russian too).
PROPER_NOUNS = {
    "uzit", "IT", "Park", "METI", "JETRO", "Trend", "News", "Agency", "USD", "JSON", "CSV",
    "TSV", "YAML", "HTML", "SQLite", "Excel", "Markdown", "UTF-8", "git", "SVG", "PNG", "Babel",
    "ID", "URL",
}  # fmt: skip


def _needs(tmp_path: Path) -> dict[str, list[str]]:
    """What each command needs to run on the bundled registry (copies for those that write)."""
    copy = tmp_path / "copy.yaml"
    if not copy.exists():
        shutil.copy(BUNDLED, copy)
        changed = BUNDLED.read_text(encoding="utf-8").replace("jobs_created: {2024: 18}", "")
        (tmp_path / "changed.yaml").write_text(changed, encoding="utf-8")
        (tmp_path / "bad.yaml").write_text(BAD_REGISTRY, encoding="utf-8")
    r = ["-r", str(copy)]
    return {
        "list": [],
        "show": ["example-sakura-systems"],
        "stats": [],
        "project": ["--explain"],
        "sources": [],
        "export": [str(tmp_path / "r.xlsx"), "--force"],
        "import": [str(tmp_path / "r.xlsx"), "-o", str(tmp_path / "back.yaml"), "--force"],
        "validate": [str(tmp_path / "bad.yaml")],
        "report": ["-o", str(tmp_path / "r.html"), "--force"],
        "schema": [],
        "init": [str(tmp_path / "starter.yaml"), "--force"],
        "completion": ["bash"],
        "diff": [str(BUNDLED), str(tmp_path / "changed.yaml")],
        "history": [str(BUNDLED)],
        "add": [*r, "--id", "example-new", "--name", "Example New", "--joined", "2025-01-02",
                "--city", "Samarkand", "--sector", "bpo", "--no-exports-to-japan",
                "--source", "trend-2025-02-28", "--dry-run"],
        "set": [*r, "example-sakura-systems", "headcount=50", "--dry-run"],
        "unset": [*r, "example-sakura-systems", "jobs_created", "--dry-run"],
        "remove": [*r, "example-sakura-systems", "--dry-run"],
        "rename": [*r, "example-sakura-systems", "example-sakura", "--dry-run"],
        "source": [*r, "rename", "trend-2025-02-28", "trend-2025", "--dry-run"],
        "fmt": ["--check", str(copy)],
    }  # fmt: skip


#: Commands whose standard output is for programs (a script, a schema): only their messages.
MACHINE_OUTPUT = {"completion", "schema"}


def _registry_text(path: Path) -> set[str]:
    """Every string of a registry file, keys, values and comments: data, shown as it is."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                found.add(str(key))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str):
            found.add(node)

    text = path.read_text(encoding="utf-8")
    walk(yaml.load(text, Loader=yaml.BaseLoader))
    found.update(line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line)
    return found


#: Workbook columns whose cells are names for programs (a figure's key), like the headers.
NAME_COLUMNS = {"key", "figure", "metric"}


def _workbook_text(path: Path) -> str:
    """Sheet titles and the text cells people read: not the header row nor a column of names,
    which are the same in every language (machine formats)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    parts = []
    for sheet in book.worksheets:
        parts.append(sheet.title)
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, ())
        for row in rows:
            parts.extend(
                value
                for name, value in zip(header, row, strict=False)
                if isinstance(value, str) and name not in NAME_COLUMNS
            )
    return "\n".join(parts)


def _comments(path: Path) -> str:
    """The comments a person reads: after `# ` (a line's data before it is the registry's), not
    the editor's schema directive."""
    comments = (
        re.split(r"(?:^|\s)# ", line, maxsplit=1) for line in path.read_text("utf-8").splitlines()
    )
    return "\n".join(
        parts[1]
        for parts in comments
        if len(parts) == 2 and not parts[1].startswith("yaml-language-server:")
    )


def _formula_symbols() -> set[str]:
    """The projection's symbols (`Y`, `jobs(2024)`, …): notation, the same in every language."""
    document = json.loads(invoke("project", "--explain", "-f", "json").stdout)
    return {word for i in document["inputs"] for word in re.findall(r"[A-Za-z]\w*", i["symbol"])}


def test_no_english_reaches_a_human_format(tmp_path: Path, pseudo_language: None) -> None:
    needs = _needs(tmp_path)
    assert set(needs) == set(COMMANDS), "a new command needs its arguments here"
    reading = _reading_args(tmp_path)
    human = [record.format.value for record in FORMATS.values() if record.for_people]
    data = data_variants(
        _registry_text(BUNDLED)
        | _registry_text(tmp_path / "bad.yaml")
        | {word for args in needs.values() for word in args}
        | {Path(word).name for args in needs.values() for word in args}  # a file named
        | {str(tmp_path), str(ROOT), str(BUNDLED.relative_to(ROOT))}  # paths as shown
    )
    import uzit_cli.registry.rules  # noqa: F401 - every module that declares a code, loaded
    from uzit_cli.model import RESIDENT_FIELDS
    from uzit_cli.projection import SCENARIOS

    allowed = {*COMMANDS, *CODES, *(f.value for f in FORMATS), *language.available()}
    allowed |= {field.name for field in RESIDENT_FIELDS} | set(SCENARIOS)  # names, as codes
    allowed |= _formula_symbols() | PROPER_NOUNS
    leaks: dict[str, set[str]] = {}

    def check(where: str, text: str) -> None:
        found = english_words(text, data, allowed)
        if found:
            leaks[where] = found

    def run(name: str, *args: str) -> CliResult:
        result = invoke(name, *args, *JA)
        if result.exit_code not in (0, 1):
            leaks[f"uzit {name} {' '.join(args)}: exit {result.exit_code}"] = {result.stderr[:200]}
        return result

    for name, args in needs.items():
        if name in reading:
            for fmt in human:
                result = run(name, *args, "-f", fmt)
                shown = html_text(result.stdout) if fmt == "html" else result.stdout
                check(f"uzit {name} -f {fmt}", shown)
                check(f"uzit {name} -f {fmt} (stderr)", result.stderr)
            # a machine format's stdout is English; its warnings and notes are for people
            check(f"uzit {name} -f json (stderr)", run(name, *args, "-f", "json").stderr)
            continue
        result = run(name, *args)
        if name not in MACHINE_OUTPUT:
            check(f"uzit {name}", result.stdout)
        check(f"uzit {name} (stderr)", result.stderr)
    check("uzit report: the page", html_text((tmp_path / "r.html").read_text(encoding="utf-8")))
    check("uzit export: the workbook", _workbook_text(tmp_path / "r.xlsx"))
    check("uzit init: the comments", _comments(tmp_path / "starter.yaml"))
    listed = "\n".join(f"{where}: {' '.join(sorted(words))}" for where, words in leaks.items())
    assert not leaks, f"English in a human format under a pseudo-language:\n{listed}"


def test_the_pseudo_language_keeps_placeholders_and_changes_every_letter() -> None:
    assert pseudo("{count} residents in {city}") == "{count} řéšíđéñţš íñ {city}"
    assert english_words(pseudo("Jobs created in {year}").format(year=2025), (), set()) == set()
    assert english_words("Jobs", (), set()) == {"Jobs"}


def test_json_keeps_english_keys_under_the_pseudo_language(pseudo_language: None) -> None:
    """A pseudo-language run of a machine format is English too (a check of the harness)."""
    assert json.loads(invoke("sources", "-f", "json", *JA).stdout)[0]["id"] == "trend-2025-02-28"


def test_japanese_help_is_wrapped_by_terminal_cells() -> None:
    from pseudo_language import cells

    english = invoke("project", "--help").stdout  # as wide as Typer makes help here
    shown = invoke("project", "--help", "--lang", "ja").stdout
    prose = [line for line in shown.splitlines() if not line.startswith("    ")]  # not examples
    width = max(len(line) for line in english.splitlines() if not line.startswith("    "))
    assert "使い方:" in shown and max(cells(line) for line in prose) <= width


def test_a_system_error_is_said_in_the_language(tmp_path: Path) -> None:
    """The C library's English (`No such file or directory`) is not the reader's language."""
    missing = tmp_path / "no-such-folder" / "r.html"
    result = invoke("report", "-o", str(missing), "--lang", "ru")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(f"{missing}: Нет такого файла или каталога")
    assert "No such file" in invoke("report", "-o", str(missing)).stderr
