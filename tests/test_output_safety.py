"""Registry text is data: never markup, never terminal control, never a command or a request.

Rich markup and emoji codes print literally in every format; CSV quotes any text so it reads
back exactly; control characters are refused by the validator with a located error; YAML tags
that would run code are refused before anything is built; and nothing in a registry makes uzit
open a URL or write a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Uzit, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from subprocesses import BUNDLED, FORMATS, Done, environment, uzit_all

from uzit_cli.characters import shows_nothing
from uzit_cli.output import Format
from uzit_cli.output.writers import FORMATS as RECORDS

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")

# A raw C0/C1 control character (tab and newline aside): what a terminal acts on.
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def in_process(
    commands: list[list[str]], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> list[Done]:
    """Run each `uzit` command in-process, in `cwd`: what a real process would print."""
    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        results = []
        for args in commands:
            done = invoke(*args, env=env)
            results.append(
                Done(tuple(args), done.exit_code, done.stdout.encode(), done.stderr.encode())
            )
        return results
    finally:
        os.chdir(here)


def one_each(first: list[str], second: list[str]) -> list[tuple[str, str]]:
    """Pairs in which every item of both lists appears at least once: as many pairs as the
    longer list has items, not the product of the two lengths."""
    count = max(len(first), len(second))
    return [(first[i % len(first)], second[i % len(second)]) for i in range(count)]


def ok(done: Done) -> None:
    assert done.returncode == 0, (done.args, done.err)
    assert done.stderr == b"", (done.args, done.err)


def tsv_unescape(field: str) -> str:
    escapes = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
    return re.sub(
        r"\\(\\|t|n|r|x[0-9a-f]{2}|u[0-9a-f]{4})",
        lambda m: escapes.get(m.group(1)) or chr(int(m.group(1)[1:], 16)),
        field,
    )


def markdown_unescape(text: str) -> str:
    return re.sub(r"\\([\\`*_\[\]<>|#!~&$:.])", r"\1", text)


def q(text: str) -> str:
    """A YAML double-quoted scalar, each character a file may not hold raw as an escape."""

    def escape(char: str) -> str:
        code = ord(char)
        if char in '"\\':
            return "\\" + char
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return f"\\x{code:02x}"
        if code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            return f"\\u{code:04x}"
        return char

    return '"' + "".join(map(escape, text)) + '"'


# -- Rich markup and emoji codes print literally ------------------------------------------------

BOLD = "[bold red]x[/]"
LINK = "[link=https://e.x]y[/link]"
SMILE = ":smile:"
NOTE = 'Note, with "quotes", commas\nand a second line [i]x[/i] :smile:'

MARKUP_REGISTRY = f"""\
schema: 1
registry:
  title: {q(f"Registry {BOLD} {SMILE}")}
  as_of: 2025-02-28
  sources:
    - id: src
      title: {q(LINK)}
      publisher: {q(f"{SMILE} [blink]P[/blink]")}
      url: https://e.x/
  targets:
    - {{metric: residents, factor: 2, by: 2030, source: src, note: {q(BOLD)}}}
residents:
  - id: example-a
    name: {q(BOLD)}
    name_ja: {q(SMILE)}
    joined: 2024-01-01
    city: {q(LINK)}
    sectors: [outsourcing]
    exports_to_japan: true
    export_markets: [JP]
    jobs_created: {{2024: 3}}
    note: {q(NOTE)}
    sources: [src]
  - id: example-b
    name: {q(f"{SMILE} {LINK}")}
    joined: 2024-01-01
    city: {q(SMILE)}
    sectors: [bpo]
    exports_to_japan: false
"""

LIST_COLUMNS = "id,name,name_ja,city,note"
EXPECTED_ROWS = [
    {"id": "example-a", "name": BOLD, "name_ja": SMILE, "city": LINK, "note": NOTE},
    {"id": "example-b", "name": f"{SMILE} {LINK}", "name_ja": None, "city": SMILE, "note": None},
]


@pytest.fixture
def markup(tmp_path: Path) -> Path:
    path = tmp_path / "markup.yaml"
    path.write_text(MARKUP_REGISTRY, encoding="utf-8")
    return path


def test_the_markup_registry_is_valid(markup: Path) -> None:
    (done,) = in_process([["validate", str(markup)]])
    ok(done)


def as_records(output_format: str, text: str) -> list[dict[str, Any]]:
    """Parse `list -c LIST_COLUMNS` output back into records with None for nothing."""
    if output_format == "json":
        records: list[dict[str, Any]] = json.loads(text)
        return records
    if output_format == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    if output_format == "yaml":
        loaded: list[dict[str, Any]] = yaml.safe_load(text)
        return loaded
    if output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    else:
        lines = text.split("\n")[:-1]
        header = lines[0].split("\t")
        rows = [
            dict(zip(header, map(tsv_unescape, line.split("\t")), strict=True))
            for line in lines[1:]
        ]
    return [{key: value or None for key, value in row.items()} for row in rows]


MACHINE_FORMATS = [f.value for f in Format if f is not Format.auto and not RECORDS[f].for_people]


@pytest.mark.parametrize("output_format", MACHINE_FORMATS)
def test_machine_formats_carry_markup_exactly(markup: Path, output_format: str) -> None:
    (done,) = in_process([["list", "-r", str(markup), "-f", output_format, "-c", LIST_COLUMNS]])
    ok(done)
    assert as_records(output_format, done.out) == EXPECTED_ROWS


def test_show_and_sources_carry_markup_exactly(markup: Path) -> None:
    show, sources = in_process(
        [
            ["show", "example-a", "-r", str(markup), "-f", "json"],
            ["sources", "-r", str(markup), "-f", "json"],
        ]
    )
    ok(show)
    ok(sources)
    record = json.loads(show.stdout)
    assert (record["name"], record["name_ja"], record["city"], record["note"]) == (
        BOLD,
        SMILE,
        LINK,
        NOTE,
    )
    assert record["sources"][0]["title"] == LINK
    assert json.loads(sources.stdout)[0]["publisher"] == f"{SMILE} [blink]P[/blink]"


PEOPLE_COMMANDS = [
    ("list", "-c", LIST_COLUMNS),
    ("show", "example-a"),
    ("sources",),
    ("stats", "--by", "city"),
    ("project", "--explain"),
]


@pytest.mark.parametrize("args", PEOPLE_COMMANDS, ids=" ".join)
def test_tables_and_markdown_show_markup_literally(markup: Path, args: tuple[str, ...]) -> None:
    table, markdown = in_process(
        [[*args, "-r", str(markup), "-f", "table"], [*args, "-r", str(markup), "-f", "markdown"]],
        env={"NO_COLOR": "1", "TERM": "xterm-256color"},
    )
    for done in (table, markdown):
        ok(done)
        assert b"\x1b" not in done.stdout
        assert "😄" not in done.out  # :smile: is not an emoji code here
    title = f"Registry {BOLD} {SMILE}"
    texts = {
        "list": [title, BOLD, LINK, SMILE],
        "show": [BOLD, LINK, SMILE, "[i]x[/i]"],
        "sources": [title, LINK, f"{SMILE} [blink]P[/blink]"],
        "stats": [title, LINK, SMILE],
        "project": [title],
    }[args[0]]
    for text in texts:
        assert text in table.out, text
        assert text in markdown_unescape(markdown.out), text
    # Markdown escapes the brackets, so no renderer reads a link or an image in them.
    assert not re.search(r"(?<!\\)\[", markdown.out)


def strip_sgr(data: bytes) -> bytes:
    return re.sub(rb"\x1b\[[0-9;]*m", b"", data)


@pytest.mark.parametrize("args", PEOPLE_COMMANDS, ids=" ".join)
def test_on_a_colour_terminal_markup_is_still_text(markup: Path, args: tuple[str, ...]) -> None:
    """On a terminal Rich may colour, but registry text never becomes a style or a link."""
    colour = {"TERM": "xterm-256color", "NO_COLOR": None}
    done = invoke(*args, "-r", str(markup), terminal=200, env=colour)  # in-process
    assert done.exit_code == 0 and done.stderr == "", done.stderr
    output = done.stdout.encode()
    assert b"\x1b[" in output  # the control: this terminal does get colour
    assert b"\x1b]" not in output  # no OSC: no hyperlink, no window title
    text = strip_sgr(output).decode("utf-8")
    assert "😄" not in text
    assert f"Registry {BOLD} {SMILE}" in text or args[0] == "show"
    if args[0] in ("list", "show"):
        assert BOLD in text and LINK in text


# -- CSV quotes any text -------------------------------------------------------------------------

TRICKY_NAMES = [
    'Comma, "Quoted" Ltd',
    '"Starts with a quote',
    "Ends with a comma,",
    "Semicolon; tab-free; 'single' quotes",
    "Back\\slash \\n not a newline",
    "  spaces around  ",
    "日本語, カンマ",
]
TRICKY_NOTE = 'Line one, with "quotes"\nLine two\twith a tab\n\nLine four, after a blank line\n'


def tricky_registry() -> str:
    residents = "".join(
        f"  - id: r{index}\n"
        f"    name: {q(name)}\n"
        "    joined: 2024-01-01\n"
        f"    city: {q(name)}\n"
        "    sectors: [bpo]\n"
        "    exports_to_japan: false\n"
        f"    note: {q(TRICKY_NOTE if index == 0 else name)}\n"
        for index, name in enumerate(TRICKY_NAMES)
    )
    return (
        "schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\n"
        "  sources:\n    - {id: s, title: "
        + q(TRICKY_NAMES[0])
        + ", publisher: "
        + q(TRICKY_NAMES[1])
        + "}\n"
        f"residents:\n{residents}"
    )


def test_csv_reads_back_names_and_notes_exactly(tmp_path: Path) -> None:
    path = tmp_path / "tricky.yaml"
    path.write_text(tricky_registry(), encoding="utf-8")
    listing, shown, no_header, sources = in_process(
        [
            ["list", "-r", str(path), "-f", "csv"],
            ["show", "r0", "-r", str(path), "-f", "csv"],
            ["list", "-r", str(path), "-f", "csv", "--no-header", "-c", "name,note"],
            ["sources", "-r", str(path), "-f", "csv"],
        ]
    )
    for done in (listing, shown, no_header, sources):
        ok(done)
        assert done.stdout.endswith(b"\r\n")
    records = list(csv.DictReader(io.StringIO(listing.out, newline="")))
    assert [r["name"] for r in records] == TRICKY_NAMES
    assert [r["city"] for r in records] == TRICKY_NAMES
    assert [r["note"] for r in records] == [TRICKY_NOTE, *TRICKY_NAMES[1:]]
    fields = dict(csv.reader(io.StringIO(shown.out, newline="")))
    assert fields["name"] == TRICKY_NAMES[0]
    assert fields["note"] == TRICKY_NOTE
    rows = list(csv.reader(io.StringIO(no_header.out, newline="")))
    assert rows == [[name, TRICKY_NOTE if i == 0 else name] for i, name in enumerate(TRICKY_NAMES)]
    (source,) = csv.DictReader(io.StringIO(sources.out, newline=""))
    assert source["title"] == TRICKY_NAMES[0]
    assert source["publisher"] == TRICKY_NAMES[1]


# Text the format allows: no control character (tab and newline only in a note), no line or
# paragraph separator, no surrogate, no byte order mark or non-character, not blank, and no
# spreadsheet formula start in a name.
_ALLOWED = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    # Bidi controls are left out: whether the format refuses them is an open question (below).
    blacklist_characters="\ufeff\ufffe\uffff\u061c\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
names = st.text(_ALLOWED, min_size=1, max_size=40).filter(
    lambda s: not shows_nothing(s) and not s.lstrip().startswith(tuple("=+-@＝＋－＠"))
)
notes = st.text(st.one_of(_ALLOWED, st.sampled_from("\n\t,\"'")), min_size=1, max_size=80).filter(
    lambda s: not shows_nothing(s)
)


def one_resident(name: str, note: str) -> str:
    return (
        "schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\nresidents:\n"
        f"  - id: r\n    name: {q(name)}\n    joined: 2024-01-01\n    city: {q(name)}\n"
        f"    sectors: [bpo]\n    exports_to_japan: false\n    note: {q(note)}\n"
    )


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=names, note=notes)
def test_csv_and_json_round_trip_any_allowed_text(uzit: Uzit, name: str, note: str) -> None:
    registry = one_resident(name, note)
    as_csv = uzit("list", "-r", "-", "-f", "csv", "-c", "name,city,note", input=registry)
    assert as_csv.exit_code == 0, as_csv.stderr
    (record,) = csv.DictReader(io.StringIO(as_csv.stdout, newline=""))
    assert record == {"name": name, "city": name, "note": in_spreadsheet(note)}
    as_json = uzit("show", "r", "-r", "-", "-f", "json", input=registry)
    assert as_json.exit_code == 0, as_json.stderr
    shown = json.loads(as_json.stdout)
    assert (shown["name"], shown["city"], shown["note"]) == (name, name, note)
    as_tsv = uzit("list", "-r", "-", "-f", "tsv", "--no-header", "-c", "name,note", input=registry)
    assert as_tsv.stdout.endswith("\n") and as_tsv.stdout.count("\n") == 1
    fields = list(map(tsv_unescape, as_tsv.stdout[:-1].split("\t")))
    assert fields == [name, in_spreadsheet(note)]


def in_spreadsheet(text: str) -> str:
    """Text as CSV and TSV carry it: a `'` before what a spreadsheet would run as a formula."""
    formula = text.lstrip().startswith(tuple("=+-@＝＋－＠")) or text.startswith(("\t", "\r"))
    return "'" + text if formula else text


# -- control characters are refused, with a located error ----------------------------------------

TEXT_FIELDS = {
    # field: (the YAML line with {} for the quoted value, the key the message names)
    "registry title": ("  title: {}", "title"),
    "source title": ("      title: {}", "title"),
    "source publisher": ("      publisher: {}", "publisher"),
    "source url": ("      url: {}", "url"),
    "source note": ("      note: {}", "note"),
    "target note": ("      note: {}", "note"),
    "name": ("    name: {}", "name"),
    "name_ja": ("    name_ja: {}", "name_ja"),
    "city": ("    city: {}", "city"),
    "website": ("    website: {}", "website"),
    "note": ("    note: {}", "note"),
}
ID_FIELDS = {
    "resident id": "    id: {}",
    "source id": "    - id: {}",
    "sector": "    sectors: [{}]",
    "export market": "    export_markets: [{}]",
    "resident source": "    sources: [{}]",
}
CLEAN = {
    "registry title": "Title",
    "source title": "A source",
    "source publisher": "A publisher",
    "source url": "https://e.x/",
    "source note": "A note",
    "target note": "A note",
    "name": "Example",
    "name_ja": "エグザンプル",
    "city": "Tashkent",
    "website": "https://e.x/",
    "note": "A note",
    "resident id": "example",
    "source id": "src",
    "sector": "bpo",
    "export market": "JP",
    "resident source": "src",
}
TEMPLATE = """\
schema: 1
registry:
  title: {registry title}
  as_of: 2025-02-28
  sources:
    - id: {source id}
      title: {source title}
      publisher: {source publisher}
      url: {source url}
      note: {source note}
  targets:
    - metric: residents
      factor: 2
      by: 2030
      source: src
      note: {target note}
residents:
  - id: {resident id}
    name: {name}
    name_ja: {name_ja}
    joined: 2024-01-01
    city: {city}
    sectors: [{sector}]
    exports_to_japan: true
    export_markets: [{export market}]
    website: {website}
    sources: [{resident source}]
    note: {note}
"""


def registry_with(field: str, value: str) -> tuple[str, int, int]:
    """The template with one field set to `value` (double-quoted); its line and column."""
    values = {key: q(text) for key, text in CLEAN.items()}
    marker = "\x00MARK\x00"
    values[field] = marker
    text = TEMPLATE.format_map(values)
    before = text[: text.index(marker)]
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    return text.replace(marker, q(value)), line, column


PAYLOADS = {
    "ESC CSI": ("\x1b[31mred", 0x1B, "U+001B (escape)"),
    "OSC 8 link": ("\x1b]8;;https://e.x\x07click\x1b]8;;\x07", 0x1B, "U+001B (escape)"),
    "BEL": ("ding\x07", 0x07, "U+0007 (bell)"),
    "C1 CSI": ("x\x9b2J", 0x9B, "U+009B"),
    "DEL": ("x\x7f", 0x7F, "U+007F (delete)"),
    "NUL": ("x\x00y", 0x00, "U+0000 (NUL)"),
    "carriage return": ("x\ry", 0x0D, "U+000D (carriage return)"),
}


def test_the_template_is_valid(uzit: Uzit) -> None:
    text, _, _ = registry_with("name", "Example")
    done = uzit("validate", "-", input=text)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "<stdin>: OK — 1 resident, 1 source\n"


# One check refuses every control character in every field: each field and each payload once.
@pytest.mark.parametrize(("field", "payload"), one_each(list(TEXT_FIELDS), list(PAYLOADS)))
def test_a_control_character_in_any_text_field_is_a_located_error(
    uzit: Uzit, field: str, payload: str
) -> None:
    value, _, name = PAYLOADS[payload]
    text, line, column = registry_with(field, CLEAN[field] + value)
    key = TEXT_FIELDS[field][1]
    for args in (("validate", "-"), ("list", "-r", "-")):
        done = uzit(*args, input=text)
        assert done.exit_code == 1, done.stderr
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert lines[0].startswith(
            f"<stdin>:{line}:{column}: {key}: control character {name} is not allowed"
        ), lines[0]
        assert not RAW_CONTROL.search(done.stderr.encode()), lines


@pytest.mark.parametrize(("field", "payload"), one_each(list(ID_FIELDS), list(PAYLOADS)))
def test_a_control_character_in_an_id_or_code_is_a_located_error(
    uzit: Uzit, field: str, payload: str
) -> None:
    value, _, _ = PAYLOADS[payload]
    text, line, column = registry_with(field, CLEAN[field] + value)
    done = uzit("validate", "-", "-f", "json", input=text)
    assert done.exit_code == 1, done.stderr
    problems = json.loads(done.stdout)
    assert (problems[0]["line"], problems[0]["column"]) == (line, column), problems
    assert problems[0]["severity"] == "error"
    plain = uzit("validate", "-", input=text)
    assert plain.stderr.splitlines()[0].startswith(f"<stdin>:{line}:{column}: ")
    assert not RAW_CONTROL.search(plain.stderr.encode())


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("\x1b", "U+001B (escape)"),
        ("\x07", "U+0007 (bell)"),
        ("\x9b", "U+009B"),
        ("\x7f", "U+007F (delete)"),
        ("\x85", "U+0085 (next line)"),
        ("\u2028", "U+2028 (line separator)"),
    ],
)
def test_a_raw_control_character_in_the_file_is_refused_before_yaml(
    uzit: Uzit, raw: str, name: str
) -> None:
    text, line, column = registry_with("name_ja", "エグザンプル")
    lines = text.split("\n")
    lines[line - 1] = lines[line - 1].replace("エグ", f"エグ{raw}")  # unquoted: bytes in the file
    done = uzit("list", "-r", "-", input="\n".join(lines))
    assert done.exit_code == 1
    assert done.stdout == ""
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"<stdin>:{line}:{column + 3}: "), first  # after `"エグ`
    assert name.split()[0] in first
    assert not RAW_CONTROL.search(done.stderr.encode())


def test_a_note_may_hold_newlines_and_tabs_but_nothing_else(uzit: Uzit) -> None:
    text, _, _ = registry_with("note", "one\ntwo\tthree")
    done = uzit("show", "example", "-r", "-", "-f", "json", input=text)
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["note"] == "one\ntwo\tthree"
    text, line, column = registry_with("name", "one\ntwo")
    done = uzit("validate", "-", input=text)
    assert done.exit_code == 1
    assert done.stderr.splitlines()[0].startswith(f"<stdin>:{line}:{column}: name: ")


@pytest.mark.parametrize(
    ("field", "start"),
    one_each(["name", "name_ja", "city", "source title", "source publisher"], ["=", "+", "-", "@"]),
)
def test_a_spreadsheet_formula_start_is_a_located_error(uzit: Uzit, field: str, start: str) -> None:
    text, line, column = registry_with(field, f'{start}HYPERLINK("https://e.x","x")')
    done = uzit("validate", "-", input=text)
    assert done.exit_code == 1, done.stderr
    assert done.stderr.splitlines()[0].startswith(f"<stdin>:{line}:{column}: ")


BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reorders what a terminal or spreadsheet shows


@pytest.mark.parametrize(
    "output_format",
    [
        "tsv",
        "json",
        "jsonl",
        "markdown",
        "table",
        pytest.param(
            "csv",
        ),
        pytest.param(
            "yaml",
        ),
    ],
)
def test_bidi_controls_are_refused_or_inert(uzit: Uzit, output_format: str) -> None:
    text, _, _ = registry_with("name", f"Ex{BIDI}elpmaxe")
    done = uzit("list", "-r", "-", "-f", output_format, "-c", "id,name", input=text)
    assert done.exit_code in (0, 1)
    assert BIDI not in done.stdout and BIDI not in done.stderr


@POSIX
def test_a_file_name_with_control_characters_is_printed_inert(tmp_path: Path) -> None:
    good = tmp_path / "ok\x1b]2;window title\x07.yaml"  # OSC 2 sets the title
    bad = tmp_path / "bad\x1b[2J.yaml"
    shutil.copyfile(BUNDLED, good)
    bad.write_text("schema: 2\n", encoding="utf-8")
    results = in_process(
        [["validate", good.name], ["list", "-r", bad.name], ["list", "-r", "gone\x07.yaml"]],
        cwd=tmp_path,
    )
    assert [done.returncode for done in results] == [0, 1, 1]
    for done in results:
        assert not RAW_CONTROL.search(done.stdout + done.stderr), done


# -- YAML tags that would run code -------------------------------------------------------------

TAGS = {
    "apply": (
        'title: !!python/object/apply:os.system ["{cmd}"]',
        "!!python/object/apply:os.system",
    ),
    "apply block": (
        'title: !!python/object/apply:os.system\n    args: ["{cmd}"]',
        "!!python/object/apply:os.system",
    ),
    "new": (
        'title: !!python/object/new:subprocess.check_call [["sh", "-c", "{cmd}"]]',
        "!!python/object/new:",
    ),
    "name": ("title: !!python/name:os.system", "!!python/name:os.system"),
    "module": ("title: !!python/module:os", "!!python/module:os"),
    "verbatim": (
        'title: !<tag:yaml.org,2002:python/object/apply:os.system> ["{cmd}"]',
        "python/object/apply:os.system",
    ),
    "local": ('title: !shell "{cmd}"', "!shell"),
    "on a key": ('? !!python/object/apply:os.system ["{cmd}"]\n  : x', "!!python/object/apply"),
}


def tagged_registry(form: str, marker: Path) -> tuple[str, int, int]:
    """The bundled header with the registry title replaced by a tagged node."""
    line = TAGS[form][0].format(cmd=f"touch {marker}")
    text = f"schema: 1\nregistry:\n  {line}\n  as_of: 2025-02-28\nresidents: []\n"
    return text, 3, 3 + line.index("!")


EVERY_COMMAND = [
    ["validate", "evil.yaml"],
    ["list", "-r", "evil.yaml"],
    ["stats", "-r", "evil.yaml", "-f", "json"],
    ["show", "x", "-r", "evil.yaml"],
    ["project", "-r", "evil.yaml"],
    ["sources", "-r", "evil.yaml", "-f", "yaml"],
]


# The loader refuses a tag before any command sees the registry: every form through validate,
# and one form through every command.
@pytest.mark.parametrize("form", list(TAGS))
def test_a_python_tag_is_refused_and_nothing_runs(tmp_path: Path, form: str) -> None:
    marker = tmp_path / "MARKER"
    text, line, column = tagged_registry(form, marker)
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    commands = EVERY_COMMAND if form == "apply" else EVERY_COMMAND[:1]
    results = in_process(commands, cwd=tmp_path)
    for done in results:
        assert done.returncode == 1, (done.args, done.err)
        assert done.stdout == b""
        first = done.err.splitlines()[0]
        assert first.startswith(f"evil.yaml:{line}:{column}: the tag '"), first
        assert TAGS[form][1] in first and "is not allowed" in first
        assert "Traceback" not in done.err
    assert not marker.exists()


def test_a_tag_directive_cannot_smuggle_a_python_tag(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    (tmp_path / "evil.yaml").write_text(
        "%TAG !p! tag:yaml.org,2002:python/\n"
        "---\n"
        "schema: 1\n"
        "registry:\n"
        f'  title: !p!object/apply:os.system ["touch {marker}"]\n'
        "  as_of: 2025-02-28\n"
        "residents: []\n",
        encoding="utf-8",
    )
    (done,) = in_process([["list", "-r", "evil.yaml"]], cwd=tmp_path)
    assert done.returncode == 1
    assert done.err.splitlines()[0].startswith("evil.yaml:5:10: "), done.err
    assert "python/object/apply:os.system" in done.err and "is not allowed" in done.err
    assert not marker.exists()


# -- no URL is opened, no file is written -------------------------------------------------------

URL_REGISTRY = f"""\
schema: 1
registry:
  title: {q(f"Links {LINK}")}
  as_of: 2025-02-28
  sources:
    - id: src
      title: {q(LINK)}
      publisher: P
      url: http://127.0.0.1:9/source
      note: {q("see https://e.x/ and file:///etc/passwd")}
residents:
  - id: example-a
    name: {q(LINK)}
    joined: 2024-01-01
    city: Tashkent
    sectors: [bpo]
    exports_to_japan: false
    website: https://uzit-must-not-fetch.example/
    sources: [src]
    note: {q("[link=file:///tmp/x]x[/link] http://127.0.0.1:9/")}
"""


URL_COMMANDS = [
    ("list", "-c", "id,name,website,note"),
    ("show", "example-a"),
    ("sources",),
    ("validate",),
    ("stats",),
    ("project", "--explain", "--chart"),
]


@POSIX
def test_no_registry_text_opens_a_url_or_writes_a_file(tmp_path: Path) -> None:
    work = tmp_path / "work"
    home = tmp_path / "home"
    work.mkdir()
    home.mkdir()
    registry = work / "links.yaml"
    registry.write_text(URL_REGISTRY, encoding="utf-8")
    opened = tmp_path / "BROWSER-WAS-RUN"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$@" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    with socket.socket() as proxy:  # every HTTP(S) request would connect here first
        proxy.bind(("127.0.0.1", 0))
        proxy.listen(8)
        proxy.setblocking(False)
        address = f"http://127.0.0.1:{proxy.getsockname()[1]}"
        env = environment(
            {
                "BROWSER": str(browser),
                "HOME": str(home),
                "TMPDIR": str(home),
                "http_proxy": address,
                "https_proxy": address,
                "HTTP_PROXY": address,
                "HTTPS_PROXY": address,
                "ALL_PROXY": address,
                "no_proxy": "",
            }
        )
        before = sorted(p.name for p in work.iterdir())
        # Real processes, with proxies, BROWSER, HOME and TMPDIR as the process starts: each
        # command once, the formats spread over them.
        commands = [
            [*URL_COMMANDS[index % len(URL_COMMANDS)], "-r", registry.name, "-f", output_format]
            for index, output_format in enumerate(FORMATS)
        ]
        results = uzit_all(commands, env=env, cwd=work)
        with pytest.raises(BlockingIOError):
            proxy.accept()
    assert {done.args[0] for done in results} == {args[0] for args in URL_COMMANDS}
    for done in results:
        assert done.returncode == 0, done.err
        if "--chart" not in done.args:  # the chart goes to stderr beside machine formats
            assert done.stderr == b"", done.err
    assert not opened.exists()
    assert sorted(p.name for p in work.iterdir()) == before
    assert list(home.iterdir()) == []


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(alphabet=st.sampled_from("=+-@ \t\r\uff1d\u3000ab1,"), max_size=4),
            st.integers(-5, 5),
            st.floats(allow_nan=False, allow_infinity=False),
            st.booleans(),
            st.tuples(st.text(max_size=3)),
        ),
        max_size=6,
    )
)
def test_a_row_of_spreadsheet_cells_is_each_cell_as_spreadsheet_text(values: list[Any]) -> None:
    from uzit_cli.output.values import spreadsheet_cells, spreadsheet_text

    assert spreadsheet_cells(values) == [spreadsheet_text(value) for value in values]


_JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),  # NaN and infinities too: both write them alike
        st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=4), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON_VALUES, st.booleans())
def test_a_json_line_is_what_the_json_encoder_writes(value: Any, ascii_only: bool) -> None:
    from uzit_cli.output.writers import _encoder, line_encoder

    assert line_encoder(ascii_only)(value) == _encoder(False, ascii_only).encode(value)
