"""The editing commands through the CLI: add, set, unset, remove, rename, source and fmt.

The engine's own tests are in test_editing.py; these check what a user sees: the file changed
only where asked, exit 0 written, 1 refused (the file byte for byte as it was), 2 usage."""

from __future__ import annotations

import difflib
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED, invoke
from subprocesses import converse, environment


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "my.yaml"
    path.write_bytes(BUNDLED.read_bytes())
    return path


def changes(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


ADD = (
    "add",
    "--name",
    "Example Nagoya Labs",
    "--joined",
    "2025-01-10",
    "--city",
    "Tashkent",
    "--sector",
    "ai-data",
    "--no-exports-to-japan",
    "--jobs",
    "2025=4",
)


def test_add_set_rename_remove_leave_a_valid_file_changed_only_where_asked(copy: Path) -> None:
    r = ("-r", str(copy))
    assert invoke(*ADD, *r).exit_code == 0
    assert invoke("set", "example-kaizen-bpo", "jobs_created.2025=14", "city=Tashkent", *r)
    assert invoke("set", "example-kaizen-bpo", "sectors+=ai-data", "sectors-=bpo", *r)
    assert invoke("rename", "example-origami-games", "origami-games", *r).exit_code == 0
    assert invoke("remove", "example-hikari-software", *r).exit_code == 0
    assert invoke("validate", str(copy)).exit_code == 0
    text = BUNDLED.read_text()
    hikari = text.index("  - id: example-hikari-software")
    expected = text[:hikari] + text[text.index("  - id: example-bukhara-edtech") :]
    kaizen = expected.index("  - id: example-kaizen-bpo")
    expected = expected[:kaizen] + expected[kaizen:].replace(
        "    city: Samarkand\n    sectors: [bpo]\n",
        "    city: Tashkent\n    sectors: [ai-data]\n",
        1,
    ).replace("{2024: 12}", "{2024: 12, 2025: 14}", 1)
    expected = expected.replace("- id: example-origami-games", "- id: origami-games")
    expected += (
        "  - id: example-nagoya-labs\n    name: Example Nagoya Labs\n    joined: 2025-01-10\n"
        "    city: Tashkent\n    sectors: [ai-data]\n    exports_to_japan: false\n"
        "    jobs_created: {2025: 4}\n"
    )
    assert copy.read_bytes() == expected.encode()


def test_the_header_and_a_field_left_out(copy: Path) -> None:
    done = invoke("set", "registry.as_of=2025-12-31", "-r", str(copy))
    assert done.exit_code == 0
    assert done.stderr.endswith("my.yaml: set registry.as_of=2025-12-31\n")
    assert invoke("unset", "example-tsukuba-ai", "note", "-r", str(copy)).exit_code == 0
    assert changes(BUNDLED.read_bytes(), copy.read_bytes()) == [
        "-  as_of: 2025-02-28",
        "+  as_of: 2025-12-31",
        "-    note: Illustrative stand-in; not a real company. Joined in early 2025, so it "
        "created no jobs in 2024.",
    ]


def test_a_refused_edit_leaves_the_file_as_it_was(copy: Path) -> None:
    done = invoke("set", "example-kaizen-bpo", "joined=2026-01-01", "-r", str(copy))
    assert done.exit_code == 1
    assert "my.yaml:106:13: joined: 2026-01-01 is after the registry's as_of" in done.stderr
    assert done.stderr.endswith("my.yaml: 2 problems; nothing was done\n")
    assert copy.read_bytes() == BUNDLED.read_bytes()


def test_a_dry_run_prints_the_diff_and_the_summary_and_writes_nothing(copy: Path) -> None:
    done = invoke("set", "example-kaizen-bpo", "jobs_created.2025=14", "-r", str(copy), "-n")
    assert done.exit_code == 0
    assert "-    jobs_created: {2024: 12}\n+    jobs_created: {2024: 12, 2025: 14}\n" in done.stdout
    assert "~ example-kaizen-bpo  jobs_created.2025: (none) → 14" in done.stdout
    assert copy.read_bytes() == BUNDLED.read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ("set", "x", "city=Tashkent"),
        ("unset", "x", "note"),
        ("remove", "x"),
        ("rename", "x", "y"),
        ("source", "remove", "x"),
        ADD,
    ],
)
def test_standard_input_cannot_be_edited_in_place_nor_is_it_offered(args: tuple[str, ...]) -> None:
    done = invoke(*args, "-r", "-", input=BUNDLED.read_bytes())
    assert done.exit_code == 2
    assert "standard input cannot be edited in place" in done.stderr
    shown = invoke(args[0], "--help", terminal=200).stdout
    assert "Registry file to edit in place;" in shown and "standard input" not in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "example-kaizen-bpo"), "nothing to set"),
        (("set", "city=Tashkent"), "give the resident's id first"),
        (("add", "--name", "X"), "missing --joined, --city, --sector"),
    ],
)
def test_usage_errors_exit_2(copy: Path, args: tuple[str, ...], message: str) -> None:
    done = invoke(*args, "-r", str(copy))
    assert done.exit_code == 2 and message in done.stderr
    assert copy.read_bytes() == BUNDLED.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "example-kaizen-bpo", "joined=2025-02-30"), "February 2025 has 28 days"),
        (("set", "registry.as_of=2025-13-01"), "as_of: 2025-13-01 is not a date: no month 13"),
        (("source", "set", "trend-2025-02-28", "published=2025-02-30"), "has 28 days"),
        (
            ("set", "example-kaizen-bpo", "jobs_created.2025=2025-13-01"),
            "expected a whole number, not '2025-13-01', which YAML reads as a date",
        ),
        (("set", "example-kaizen-bpo", "headcount=!!int x"), "not the quoted text '!!int x'"),
        ((*ADD[:4], "2025-02-30", *ADD[5:]), "joined: 2025-02-30 is not a date: February"),
    ],
)
def test_an_impossible_value_is_reported_as_validate_reports_it(
    copy: Path, args: tuple[str, ...], message: str
) -> None:
    done = invoke(*args, "-r", str(copy))
    assert done.exit_code == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert copy.read_bytes() == BUNDLED.read_bytes()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("remove", "kaizen"),
            "no resident has the id 'kaizen' (did you mean example-kaizen-bpo?)",
        ),
        (("set", "nobody", "city=X"), "no resident has the id 'nobody'; `uzit list` shows the ids"),
        (("source", "remove", "zzz"), "no source has the id 'zzz'; `uzit sources` shows the ids"),
    ],
)
def test_unknown_ids_exit_1_with_the_ids_show_suggests(
    copy: Path, args: tuple[str, ...], said: str
) -> None:
    done = invoke(*args, "-r", str(copy))
    assert done.exit_code == 1 and done.stderr == f"uzit: error: {copy}: {said}\n"


def test_a_source_actions_usage_error_points_to_the_help_of_the_action(copy: Path) -> None:
    done = invoke("source", "add", "--title", "T", "-r", str(copy))
    assert done.exit_code == 2 and done.stderr.endswith("Try 'uzit source add --help' for help.\n")
    assert "uzit source add --id" in invoke("source", "add", "--help").stdout


def test_add_refuses_an_id_from_the_name_that_a_resident_has(copy: Path) -> None:
    """Run twice, `uzit add` would otherwise add a second copy as example-nagoya-labs-2."""
    assert invoke(*ADD, "-r", str(copy)).exit_code == 0
    added = copy.read_bytes()
    again = invoke(*ADD, "-r", str(copy))
    assert again.exit_code == 2 and copy.read_bytes() == added
    assert again.stderr.startswith(
        f"uzit: error: {copy}: the name gives the id example-nagoya-labs, which "
        "'Example Nagoya Labs' "
        "already has; if this is another resident, give it an id of its own with --id, such as "
        "--id example-nagoya-labs-2\n"
    )
    assert invoke(*ADD, "--id", "example-nagoya-labs-2", "-r", str(copy)).exit_code == 0


def test_sources_are_added_changed_renamed_and_not_removed_while_cited(copy: Path) -> None:
    r = ("-r", str(copy))
    add = ("--id", "meti-2019", "--title", "IT人材需給に関する調査", "--publisher", "METI")
    assert invoke("source", "add", *add, *r).exit_code == 0
    assert invoke("source", "set", "meti-2019", "published=2019-04-01", *r).exit_code == 0
    assert invoke("source", "rename", "trend-2025-02-28", "trend", *r).exit_code == 0
    refused = invoke("source", "remove", "trend", *r)
    assert refused.exit_code == 1 and "source 'trend' is cited by residents[0]" in refused.stderr
    assert invoke("source", "remove", "meti-2019", *r).exit_code == 0
    text = copy.read_text()
    assert "meti-2019" not in text and "trend-2025-02-28" not in text
    assert text.count("source: trend}") == 3 and text.count("sources: [trend]") == 10


def test_a_write_keeps_the_symlink_and_the_mode(copy: Path, tmp_path: Path) -> None:
    copy.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(copy)
    assert invoke("set", "example-kaizen-bpo", "headcount=12", "-r", str(link)).exit_code == 0
    assert link.is_symlink() and "headcount: 12" in copy.read_text()
    assert copy.stat().st_mode & 0o777 == 0o640


def test_fmt_check_passes_on_the_bundled_registry_and_fails_on_a_reordered_copy(
    copy: Path,
) -> None:
    assert invoke("fmt", "--check", str(BUNDLED)).exit_code == 0
    text = BUNDLED.read_text()
    copy.write_text(
        text.replace("  title: Japanese", "  as_of: 2025-02-28\n  title: Japanese", 1).replace(
            "  as_of: 2025-02-28\n  illustrative", "  illustrative", 1
        )
    )
    done = invoke("fmt", "--check", str(copy))
    assert done.exit_code == 1 and done.stdout.startswith("would reformat ")
    assert done.stdout.endswith("my.yaml\n")
    shown = invoke("fmt", "--diff", str(copy))
    assert "\n+  title: Japanese-capital residents of IT Park Uzbekistan\n   as_of:" in shown.stdout
    assert invoke("fmt", str(copy)).exit_code == 0
    assert copy.read_bytes() == BUNDLED.read_bytes()
    assert invoke("fmt", "--check", str(copy)).exit_code == 0


def test_fmt_reads_standard_input_only_to_check_or_show_as_its_help_says() -> None:
    assert invoke("fmt", "--check", "-r", "-", input=BUNDLED.read_bytes()).exit_code == 0
    done = invoke("fmt", "-r", "-", input=BUNDLED.read_bytes())
    assert done.exit_code == 2 and "use --check or --diff" in done.stderr
    shown = " ".join(invoke("fmt", "--help").stdout.split())
    assert "'-' reads standard input, with --check or --diff." in shown


def test_fmt_writes_dates_and_years_one_way_and_keeps_comments(copy: Path) -> None:
    text = BUNDLED.read_text().replace("joined: 2022-09-14", 'joined: "2022-09-14"  # kept')
    copy.write_text(text.replace("{2024: 18}", '{"2024": 18}'))
    assert invoke("fmt", str(copy)).exit_code == 0
    assert copy.read_text() == BUNDLED.read_text().replace(  # the comment keeps its column
        "joined: 2022-09-14", "joined: 2022-09-14    # kept"
    )


def _uzit_env() -> dict[str, str]:
    return environment({"NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100"})


def test_add_on_a_terminal_asks_for_what_is_missing_with_completion(copy: Path) -> None:
    argv = [sys.executable, "-m", "uzit_cli", "add", "-r", str(copy), "--name", "Nagoya Labs"]
    answers = [b"\r", b"2025-13-01\r", b"2025-01-05\r", b"Sam\t\r", b"ai-d\t, bp\t\r", b"y\r"]
    status, lines = converse(argv, [*answers, b"tre\t\r"], _uzit_env())
    assert status == 0, lines
    assert any(line.endswith("2025-13-01 is not a date: no month 13") for line in lines), lines
    # the id suggested from the name (an answer's echo may come before or after the next line)
    assert any(line.startswith("ID (nagoya-labs):") for line in lines), lines
    assert any(line.endswith("my.yaml: added nagoya-labs") for line in lines), lines
    assert copy.read_text().endswith(
        "  - id: nagoya-labs\n    name: Nagoya Labs\n    joined: 2025-01-05\n"
        "    city: Samarkand\n    sectors: [ai-data, bpo]\n    exports_to_japan: true\n"
        "    export_markets: [JP]\n    sources: [trend-2025-02-28]\n"
    )


def test_add_asks_in_the_readers_language(copy: Path) -> None:
    """Every word of the questions in Japanese: the field's label and what it holds, Rich's
    "Please enter Y or N" too; the backticks that mark code in the docs are not shown."""
    argv = [sys.executable, "-m", "uzit_cli", "add", "-r", str(copy), "--lang", "ja"]
    answers = [b"Nagoya Labs\r", b"\r", b"2025-01-05\r", b"\r", b"bpo\r", b"x\r", b"y\r", b"\r"]
    status, lines = converse(argv, answers, _uzit_env())
    assert status == 0, lines
    asked = "\n".join(lines[:-1])
    for shown in ("名称: ", "入居日 (2025-02-28): ", "分野: ", "y か n を入力してください。"):
        assert shown in asked + " ", lines
    assert "テキスト。1〜200 文字、先頭に = + - @ は不可" in lines, lines
    assert not re.search(r"`|\b(?:text|slug|boolean|Please|Name|Sectors|joined)\b", asked), lines


def test_ctrl_c_while_asking_writes_nothing(copy: Path) -> None:
    argv = [sys.executable, "-m", "uzit_cli", "add", "-r", str(copy)]
    status, _ = converse(argv, [b"Nagoya\r", b"\x03"], _uzit_env(), again=b"\x03")
    assert status == 130
    assert copy.read_bytes() == BUNDLED.read_bytes()
    assert not [name for name in os.listdir(copy.parent) if name.startswith(".my.yaml.")]


def test_an_id_is_made_from_latin_or_cyrillic_letters_only() -> None:
    from uzit_cli.commands.add import suggested_id

    assert suggested_id("Эпсилон", ["epsilon"]) == "epsilon-2"
    assert suggested_id("Қўқон Софт") == "qoqon-soft"
    assert suggested_id("イプシロン") == ""


def test_add_asks_for_an_id_when_the_name_cannot_give_one(copy: Path) -> None:
    """Not `resident`, which a second such name would then be refused for."""
    named = ("--name", "イプシロン", *ADD[3:], "-r", str(copy))
    done = invoke("add", *named)
    assert done.exit_code == 2 and copy.read_bytes() == BUNDLED.read_bytes()
    assert "the name 'イプシロン' has no Latin or Cyrillic letters or digits" in done.stderr
    argv = [sys.executable, "-m", "uzit_cli", "add", *named]
    status, lines = converse(argv, [b"\r", b"ipsilon\r", b"\r"], _uzit_env())
    assert status == 0, lines
    # the question (its label "id" or "ID") with no default to take, asked again after Enter
    assert any(line.lower().startswith("id:") for line in lines), lines
    assert "needs a value of its kind" in "\n".join(lines)
    assert any(line.endswith("my.yaml: added ipsilon") for line in lines), lines


@pytest.mark.parametrize("args", [("set", "beta-co", "city=Y"), ADD, ("fmt",)])
def test_an_editing_command_never_edits_the_bundled_registry(args: tuple[str, ...]) -> None:
    """Without -r or UZIT_REGISTRY there is nothing to edit: a usage error, not an edit of
    the registry inside the installed package (nor "no resident has the id" about it)."""
    done = invoke(*args)
    assert done.exit_code == 2
    assert "uzit: error: give the registry to edit with -r FILE, or set UZIT_REGISTRY" in (
        done.stderr
    )
    assert invoke("fmt", "--check").exit_code == 0  # reading it stays as it was


def test_unset_of_a_field_not_there_is_a_note_and_a_misspelt_one_an_error(copy: Path) -> None:
    """As `set` of the value a field has: nothing to change, exit 0, nothing written."""
    r = ("-r", str(copy))
    absent = invoke("unset", "example-kaizen-bpo", "website", "jobs_created.2030", *r)
    assert absent.exit_code == 0 and copy.read_bytes() == BUNDLED.read_bytes()
    assert absent.stderr.splitlines() == [
        f"{copy}: resident 'example-kaizen-bpo' has no website; nothing to leave out",
        f"{copy}: resident 'example-kaizen-bpo' has no jobs_created.2030; nothing to leave out",
    ]
    misspelt = invoke("unset", "example-kaizen-bpo", "webiste", *r)
    assert misspelt.exit_code == 1 and "no such field; did you mean 'website'?" in misspelt.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("source", "remove", "x", "--title", "y"), "use: source remove ID\n"),
        (("source",), "uzit source needs an action: add, set, unset, rename, remove\n"),
        (("source", "frob"), "no action 'frob'; its actions are add, set, unset, rename, remove\n"),
    ],
)
def test_source_usage_errors_name_the_action_and_list_the_actions(
    copy: Path, args: tuple[str, ...], said: str
) -> None:
    done = invoke(*args, "-r", str(copy))
    assert done.exit_code == 2 and said in done.stderr, done.stderr


def test_an_edit_shows_the_warnings_it_gives_validate_and_not_those_there_before(
    copy: Path,
) -> None:
    r = ("-r", str(copy))
    added = invoke(*ADD[:8], "outsorcing", *ADD[9:], *r)
    assert added.exit_code == 0
    assert added.stderr.splitlines()[1:] == [  # as `uzit validate` words them
        f"{copy}:51:7: warning: published residents is 10 (trend-2025-02-28, as of 2025-02-28) "
        "but the records give 11",
        f"{copy}:180:5: warning: sectors: 'outsorcing' (resident 'example-nagoya-labs') looks "
        "like a variant of 'outsourcing', which more residents use (2 against 1); write one "
        "spelling",
    ]
    again = invoke("set", "example-nagoya-labs", "city=Samarkand", *r)  # the two were there
    assert again.exit_code == 0 and again.stderr.count("\n") == 1


@pytest.mark.parametrize("style", ["|", ">"])
def test_an_edit_keeps_the_value_of_a_note_that_ends_a_file_without_a_last_newline(
    copy: Path, style: str
) -> None:
    from uzit_cli.registry import parse_registry

    text = copy.read_text().rstrip("\n")
    last = text.rindex("\n    note: ")
    copy.write_text(text[:last] + f"\n    note: {style}\n      two\n      lines")  # no newline
    before = parse_registry(copy.read_bytes()).residents[-1].note
    assert before == ("two\nlines" if style == "|" else "two lines")
    assert invoke(*ADD, "-r", str(copy)).exit_code == 0
    after = parse_registry(copy.read_bytes()).residents
    assert after[-2].note == before and after[-1].id == "example-nagoya-labs"
    assert f"    note: {style}-\n      two\n      lines\n" in copy.read_text()
