"""Issue 19, hardening round two: one test per defect class, through the loader and the CLI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from benchmark_inputs import pathological
from conftest import BUNDLED, Uzit, invoke_encoded
from hypothesis import given, settings
from hypothesis import strategies as st

from uzit_cli.cli import common
from uzit_cli.output import Format
from uzit_cli.output.report import Column
from uzit_cli.output.values import markdown_cell, spreadsheet_text
from uzit_cli.output.writers import FORMATS
from uzit_cli.problems import RegistryError, UzitError
from uzit_cli.registry import LONG_LINE_BYTES, MAX_NUMBER, parse_registry

TEXT = BUNDLED.read_text(encoding="utf-8")
FIRST = "    jobs_created: {2024: 18}\n"  # a line of the first resident (line 78)
FEW = settings(max_examples=25, deadline=None)


def edited(old: str, new: str, text: str = TEXT) -> bytes:
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def with_field(line: str) -> bytes:
    """The bundled registry with one more line in its first resident (at line 79)."""
    return edited(FIRST, FIRST + line + "\n")


def problems(data: bytes) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        parse_registry(data, "r.yaml")
    return [str(problem) for problem in caught.value.problems]


def first_problem(data: bytes) -> str:
    return problems(data)[0]


# -- 1, 2, 26: numbers of any length, and at the edges of the float range -----------------------


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        (FIRST, FIRST + "    headcount: " + "9" * 5000 + "\n", "91:16"),
        (FIRST, FIRST + "    headcount: 0x" + "f" * 5000 + "\n", "91:16"),
        (FIRST, FIRST + "    headcount: 1" + ":59" * 3000 + "\n", "91:16"),
        (FIRST, "    jobs_created: {2024: " + "9" * 400 + "}\n", "90:26"),
        (FIRST, FIRST + "    export_revenue_usd: {2024: 1.7e+308}\n", "91:32"),
        (FIRST, FIRST + "    export_revenue_usd: {2024: 1.0e+400}\n", "91:32"),
        ("      factor: 2\n", "      factor: 1" + "0" * 400 + "\n", "56:15"),
        ("      value: 790000\n", "      value: 79" + "0" * 400 + "\n", "63:14"),
    ],
)
def test_a_number_past_the_bound_is_one_located_problem(old: str, new: str, place: str) -> None:
    (message,) = problems(edited(old, new))
    assert message.startswith(f"r.yaml:{place}: ")
    assert message.endswith(
        " is larger than 1,000,000,000,000,000, the largest number a registry holds"
    )


def test_a_long_hex_number_in_a_text_field_is_described_not_converted() -> None:
    message = first_problem(edited("    city: Tashkent\n", "    city: 0x" + "f" * 5000 + "\n"))
    assert message.startswith("r.yaml:86:11: city: expected text, not '0xffff")


@pytest.mark.parametrize("output", ["json", "table", "csv", "yaml", "markdown"])
def test_the_bound_itself_is_accepted_and_sums_stay_exact(
    uzit: Uzit, tmp_path: Path, output: str
) -> None:
    path = tmp_path / "big.yaml"
    big = f"{{2024: {MAX_NUMBER}}}\n    headcount: {MAX_NUMBER}\n"
    text = TEXT.replace("jobs_created: {2024: 18}\n", "jobs_created: " + big, 1)
    path.write_text(text.replace("jobs_created: {2024: 14}\n", "jobs_created: " + big, 1))
    result = uzit("stats", "-r", str(path), "-f", output)
    assert result.exit_code == 0, result.stderr
    assert "but the records give 2,000,000,000,000,055" in result.stderr
    assert "Traceback" not in result.stderr
    if output == "json":
        assert '"headcount_total":2000000000000000,' in result.stdout
        assert '"jobs_created_total":2000000000000055,' in result.stdout


@FEW
@given(
    st.sampled_from(["", "-", "0x", "0o", "1:"]),
    st.integers(min_value=1, max_value=6000),
    st.sampled_from("0179f"),
)
def test_any_integer_loads_or_is_refused_in_one_line(prefix: str, length: int, digit: str) -> None:
    written = prefix + digit * length
    try:
        registry = parse_registry(with_field(f"    headcount: {written}"), "r.yaml")
    except RegistryError as error:
        (problem,) = error.problems
        assert (problem.line, problem.column) == (91, 16)
        assert len(str(problem)) < 300
    else:
        assert 0 <= registry.residents[0].headcount <= MAX_NUMBER  # type: ignore[operator]


@FEW
@given(st.floats(allow_nan=False) | st.sampled_from([1.7976931348623157e308, 5e-324, 1e16]))
def test_any_float_loads_or_is_refused_in_one_line(number: float) -> None:
    try:
        registry = parse_registry(with_field(f"    export_revenue_usd: {{2024: {number!r}}}"))
    except RegistryError as error:
        assert len(error.problems) == 1
    else:
        value = registry.residents[0].export_revenue_usd[2024]
        assert 0 <= value <= MAX_NUMBER


@pytest.mark.parametrize("option", ["--limit", "--min-jobs", "--jobs-year"])
def test_a_whole_number_option_of_any_length_is_a_plain_usage_error(
    uzit: Uzit, option: str
) -> None:
    result = uzit("list", option, "9" * 5000)
    assert result.exit_code == 2
    assert "a number of 5,000 digits is too large." in result.stderr
    assert "sys.set_int_max_str_digits" not in result.stderr


# -- 4, 6, 30: closed, empty and interrupted standard streams -----------------------------------


def run_uzit(*args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("UZIT_REGISTRY", "PYTHONIOENCODING")}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "uzit_cli", *args],
        capture_output=True,
        env={**env, **options.pop("env", {})},  # type: ignore[dict-item]
        timeout=30,
        **options,
    )


@pytest.mark.parametrize("args", [("stats", "-r", "-"), ("validate", "-")])
def test_a_closed_standard_input_is_one_problem(args: tuple[str, ...]) -> None:
    result = run_uzit(*args, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert result.returncode == 1
    assert result.stderr.startswith(b"<stdin>:1:1: standard input is closed; give the registry")


def test_a_non_blocking_empty_pipe_is_one_problem() -> None:
    read, write = os.pipe()
    os.set_blocking(read, False)
    try:
        result = run_uzit("stats", "-r", "-", stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert result.returncode == 1
    assert b"<stdin>:1:1: standard input has nothing to read yet (it is non-blocking)" in (
        result.stderr
    )


def test_validate_with_standard_output_closed_still_shows_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(edited(FIRST, "    jobs_created: {2024: -18}\n"))
    result = run_uzit("validate", str(path), preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert b"bad.yaml:90:26: jobs_created: must be 0 or more, not -18\n" in result.stderr


def test_ctrl_c_while_the_modules_import_exits_130_quietly() -> None:
    # the launcher is all that runs before uzit_cli.cli.app is imported: interrupt that import
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'uzit_cli.cli.app':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "from uzit_cli.cli.launch import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "stats"], capture_output=True, timeout=30, check=False
    )
    assert result.returncode == 130
    assert result.stderr == b""


# -- 10, 21: the registry path as given -------------------------------------------------------


def test_an_empty_registry_path_is_a_usage_error(uzit: Uzit) -> None:
    result = uzit("stats", "-r", "")
    assert result.exit_code == 2
    assert "the registry path is empty" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["stats", "validate"])
def test_a_missing_registry_from_the_environment_says_where_it_came_from(
    uzit: Uzit, command: str
) -> None:
    result = uzit(command, env={"UZIT_REGISTRY": "nowhere.yaml"})
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "nowhere.yaml:1:1: no such file (the path comes from UZIT_REGISTRY)\n"
    )


# -- 5: path text is data in the progress line ---------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("name", ["[/x].yaml", "[link=https://evil.example]click here[/link].yaml"])
def test_the_progress_line_shows_a_path_as_text(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(common, "PROGRESS_AFTER_SECONDS", 0.0)
    with common._progress(f"Reading {name}"):
        time.sleep(0.3)
    shown = terminal.getvalue()
    assert f"Reading {name}" in shown
    assert "\x1b]8;" not in shown  # no hyperlink


# -- 7, 8, 27, 30: values the format refuses ---------------------------------------------------


def test_residents_as_an_alias_to_another_list_is_checked() -> None:
    data = edited("  sources:\n", "  sources: &listed\n")
    head, _, _ = data.decode().partition("residents:\n")
    found = problems((head + "residents: *listed\n").encode())
    assert all(line.startswith("r.yaml:81:12: ") for line in found)  # at `*listed`
    assert (
        "r.yaml:81:12: the resident 'trend-2025-02-28' is missing the required keys 'name', "
        "'joined', 'city', 'sectors', 'exports_to_japan'"
    ) in found
    assert any("unknown key 'title' in a resident" in line for line in found)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("joined: 2022-09-14", 'joined: "２０２２-０９-１４"', "joined: expected a date written"),
        ("joined: 2022-09-14", 'joined: "٢٠٢٢-٠٩-١٤"', "joined: expected a date written"),
        ("city: Tashkent", 'city: "\\u200b"', "city: expected text, but it is blank"),
        ("city: Tashkent", 'city: "\\u3164"', "city: expected text, but it is blank"),
        ("city: Tashkent", 'city: "\\u2060 \\u200b"', "city: expected text, but it is blank"),
        ("city: Tashkent", 'city: "\\u0301"', "city: expected text, but it is blank"),
        ("city: Tashkent", 'city: "\\ue000\\ufff9"', "city: expected text, but it is blank"),
        ("city: Tashkent", 'city: "\\U00013430"', "city: expected text, but it is blank"),
        ("name: Example Sakura Systems", 'name: " =1+1"', "name: must not begin with '='"),
        ("name: Example Sakura Systems", "name: ＝HYPERLINK()", "name: must not begin with '＝'"),
        ("export_markets: [JP]", "export_markets: [JP, US, JP]", "export_markets: 'JP' is listed"),
    ],
)
def test_a_value_the_format_refuses(old: str, new: str, message: str) -> None:
    (found,) = problems(edited(old, new))
    assert message in found


@pytest.mark.parametrize(
    "url",
    [
        "https://",
        "https://:@",
        "http://:80/x",
        "https://@/",
        "https://...",
        "http://a..b",
        "http://-x",
    ],
)
def test_a_url_without_a_host_is_refused(url: str) -> None:
    old = "url: https://en.trend.az/casia/uzbekistan/4011316.html"
    (found,) = problems(edited(old, f'url: "{url}"'))
    assert "is not an http:// or https:// URL" in found


# -- 9: limits count what they say ---------------------------------------------------------------


def _many(count: int, extra: str = "") -> bytes:
    head = TEXT.partition("residents:\n")[0] + "residents:\n"
    resident = (
        "  - {{id: r{0}, name: R{0}, joined: 2024-01-01, city: &c{0} Tashkent, "
        "sectors: [bpo], exports_to_japan: false{1}}}\n"
    )
    return (head + "".join(resident.format(n, extra) for n in range(count))).encode()


def test_one_anchor_in_each_of_many_residents_is_within_the_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from uzit_cli.registry import yaml_problems

    monkeypatch.setattr(yaml_problems, "MAX_HELD_NODES", 1_000)  # the limit, scaled down
    registry = parse_registry(_many(400))  # 6,000 values, 400 of them anchored
    assert len(registry.residents) == 400
    assert registry.residents[-1].city == "Tashkent"


# -- 15, 18, 19, 20: messages that say the right thing at the right place ------------------------


def test_a_message_never_carries_a_raw_control_character(uzit: Uzit, tmp_path: Path) -> None:
    source = "    - id: trend-2025-02-28\n"
    text = TEXT.replace(source, '    - id: "a\\e[31m\\a"\n' + source[:-1] + "x\n", 1)
    text = text.replace("    - id: buzb-japanese-business\n", '    - id: "a\\e[31m\\a"\n', 1)
    path = tmp_path / "esc.yaml"
    path.write_text(text)
    for args in (("stats",), ("validate", "-f", "csv"), ("validate", "-f", "yaml")):
        result = uzit(*args, "-r", str(path))
        assert result.exit_code == 1
        assert "\x1b" not in result.stderr + result.stdout
        assert "\x07" not in result.stderr + result.stdout
        assert "a\\x1b[31m\\x07" in result.stderr + result.stdout


def test_a_duplicate_published_figure_is_reported_at_each_place(uzit: Uzit, tmp_path: Path) -> None:
    figure = "    - {metric: residents, value: 10, source: trend-2025-02-28}\n"
    path = tmp_path / "dup.yaml"
    path.write_text(TEXT.replace(figure, figure.replace("10", "11") * 2, 1))
    result = uzit("validate", str(path))
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    places = [line.split(": warning:")[0].rsplit("dup.yaml", 1)[1] for line in warnings]
    assert places == [":51:7", ":52:7"]


def test_past_a_thousand_problems_the_last_line_says_more_follow(
    uzit: Uzit, tmp_path: Path
) -> None:
    path = tmp_path / "many.yaml"
    path.write_bytes(_many(1_100, extra=", headcount: -1"))
    result = uzit("stats", "-r", str(path))
    lines = result.stderr.splitlines()
    assert lines[-2].endswith(": more problems follow; uzit stops after 1,000 (fix these first)")
    assert lines[-1] == f"uzit: error: {path}: 1,000 problems or more"
    assert len(lines) == 1_002
    result = uzit("validate", str(path))
    assert result.stderr.splitlines()[-1] == f"uzit: error: {path}: 1,000 problems or more"


def test_a_float_tag_on_a_whole_number_says_to_remove_the_tag() -> None:
    (found,) = problems(with_field("    headcount: !!float 12"))
    assert found.endswith(
        "headcount: expected a whole number, not the number 12; remove the tag !!float"
    )


# -- 11, 12, 13, 14: every format is what it claims, for any text ---------------------------------

HOSTILE_NOTE = '=HYPERLINK("http://x","click")'


def _quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar: raw where YAML allows it, escaped where not."""
    return json.dumps(text, ensure_ascii=False).replace("\ufeff", "\\ufeff")


def _one_resident(name: str, note: str, extra: str = "") -> str:
    return (
        "schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\nresidents:\n"
        f"  - id: r\n    name: {_quoted(name)}\n    joined: 2024-01-01\n    city: T\n"
        f"    sectors: [bpo]\n    exports_to_japan: false\n    note: {_quoted(note)}\n{extra}"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("list", "-f", "csv"),
        ("show", "r", "-f", "csv"),
        ("list", "-f", "tsv", "-c", "note"),
        ("show", "r", "-f", "tsv"),
    ],
)
def test_a_formula_in_any_text_field_is_neutralised_in_csv_and_tsv(
    uzit: Uzit, args: tuple[str, ...]
) -> None:
    result = uzit(*args, "-r", "-", input=_one_resident("R", HOSTILE_NOTE))
    assert result.exit_code == 0, result.stderr
    cells = [
        cell
        for line in result.stdout.splitlines()
        for cell in line.replace('"', "").split(",\t"[0])
    ]
    assert "'=HYPERLINK(" in result.stdout.replace('""', '"')
    assert not any(cell.lstrip().startswith("=HYPERLINK") for cell in cells)


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("~~x~~", "\\~\\~x\\~\\~"),
        ("&lt;b&gt;", "\\&lt;b\\&gt;"),
        ("see www.example.com", "see www\\.example.com"),
        ("http://x.example", "http\\://x.example"),
        ("a :smile: b", "a \\:smile: b"),
        ("$x$", "\\$x\\$"),
        ("Note: plain", "Note: plain"),
    ],
)
def test_markdown_escapes_every_markup_start(text: str, rendered: str) -> None:
    assert markdown_cell(text, Column("note", "Note")) == rendered


@pytest.mark.parametrize(
    ("encoding", "output"),
    [
        *(("ascii", output) for output in (f.value for f in Format if f is not Format.auto)),
        ("latin-1", "json"),
        ("cp932", "jsonl"),
    ],
)
def test_any_output_encoding_gives_valid_output(encoding: str, output: str) -> None:
    # in-process: test_process checks that PYTHONIOENCODING and the locales give this stream
    registry = _one_resident("R 😀 \ufeff", "note")
    result, stdout = invoke_encoded(encoding, "list", "-r", "-", "-f", output, input=registry)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    if output in ("json", "jsonl"):
        (record,) = json.loads(stdout) if output == "json" else [json.loads(stdout)]
        assert record["name"] == "R 😀 \ufeff"
    if output == "yaml":
        assert yaml.safe_load(stdout)[0]["name"] == "R 😀 \ufeff"


@pytest.mark.parametrize("encoding", ["ascii", "cp932"])
def test_a_format_with_a_defined_encoding_is_utf8_bytes_in_any_locale(encoding: str) -> None:
    registry = _one_resident("R 😀 エ", "note").encode()
    for args in (("list", "-r", "-", "-f", "csv"), ("report", "-r", "-", "-o", "-")):
        result, stdout = invoke_encoded(encoding, *args, input=registry)
        assert result.exit_code == 0, result.stderr
        assert "R 😀 エ" in stdout.decode("utf-8")  # not \\u escapes, not cp932 bytes


def test_a_text_only_stream_that_is_not_utf8_is_refused_with_the_fix() -> None:
    from uzit_cli.output.streams import Stream, utf8

    class Ascii(io.StringIO):
        encoding = "ascii"  # type: ignore[assignment]

    with pytest.raises(UzitError, match="set PYTHONIOENCODING=utf-8"), utf8(Stream(Ascii()), "CSV"):
        pass


def test_json_reads_back_as_a_registry(uzit: Uzit) -> None:
    extra = (
        '    export_revenue_usd: {2023: 1.0e-7, 2024: 100000000000000.5}\n    name_ja: "\\ufeffX"\n'
    )
    registry = _one_resident("R", "note", extra)
    result = uzit("list", "-r", "-", "-f", "json", input=registry)
    (record,) = json.loads(result.stdout)
    assert "sources" not in record
    assert '"2023":1.0e-07' in result.stdout and "\\ufeff" in result.stdout
    assert "\ufeff" not in result.stdout
    text = "schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\nresidents: " + result.stdout
    again = parse_registry(text.encode())
    assert again.residents[0].export_revenue_usd == {2023: 1.0e-7, 2024: 100000000000000.5}
    assert again.residents[0].name_ja == "\ufeffX"


# -- 23, 25: time and memory bounded by the documented limits -----------------------------------


def test_every_unknown_id_among_many_sources_gets_a_suggestion() -> None:
    # benchmarks/guards.py times 1,000 of them among 20,000 sources
    case = pathological.unknown_source_ids(sources=2_000, residents=100)
    with pytest.raises(RegistryError) as caught:
        parse_registry(case.data, "{path}")
    found = [str(problem) for problem in caught.value.problems]
    assert len(found) == 100
    assert found[0] == case.expected()
    assert all(f"'sourse-{n:05d}' is not an id" in line for n, line in enumerate(found))
    assert all("did you mean 'source-" in line for line in found)


def test_cr_line_endings_are_lines_for_the_length_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from uzit_cli.registry import files

    # the limit scaled down with the file (4 KiB against 1 MiB; 10,000 residents took 0.5 s)
    monkeypatch.setattr(files, "LONG_LINE_BYTES", 2**12)
    data = _many(100).replace(b"\n", b"\r")
    assert len(data) > 2 * 2**12
    assert len(parse_registry(data).residents) == 100
    (found,) = problems(data.replace(b"\r", b" "))  # the same bytes as one line are refused
    assert "is longer than" in found


LONG_LINE = "r.yaml:1:1: line 1 is longer than 1 MiB; a registry's lines are short " + (
    "(is this the right file?)"
)


@pytest.mark.parametrize("ending", [b"\n", b"\r", b"\r\n"])
def test_the_line_length_limit_is_exact(ending: bytes) -> None:
    body = TEXT.encode().replace(b"\n", ending)
    longest = b"#" * LONG_LINE_BYTES
    assert parse_registry(body + longest + ending)
    for extra in (1, 2**19, 2**20 - 1):
        (found,) = problems(longest + b"#" * extra + ending + body)
        assert found == LONG_LINE
    (found,) = problems(body + longest + b"#" + ending)
    assert found.startswith(f"r.yaml:{TEXT.count(chr(10)) + 1}:1: line ")


# Every format but the two that lay out the whole report first: Rich's table and the HTML page.
STREAMING_FORMATS = [
    f.value for f, r in FORMATS.items() if r.shape != "page" and f is not Format.table
]


@pytest.mark.parametrize("output", STREAMING_FORMATS)
def test_every_machine_format_streams_its_rows(output: str) -> None:
    from uzit_cli.output import Format, Report, View, write_report

    stream = io.StringIO()
    written: list[int] = []

    def rows() -> Iterator[dict[str, object]]:
        for n in range(3):
            written.append(len(stream.getvalue()))  # what was written before row n was made
            yield {"id": f"r{n}", "note": "x"}

    columns = (Column("id", "ID"), Column("note", "Note"))
    write_report(Report([View(columns, rows())]), Format(output), stream)
    assert written[0] <= written[1] < written[2]  # row 0 was out before row 2 was made
    if output == "yaml":
        assert yaml.safe_load(stream.getvalue()) == [{"id": f"r{n}", "note": "x"} for n in range(3)]


# -- 29: bytes that are not UTF-8, in arguments and in files ------------------------------------

UNDECODABLE = b"r\xff".decode("utf-8", "surrogateescape")


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("show", UNDECODABLE), "no resident with id 'r\\xff'"),
        (("list", "--sort", UNDECODABLE), "unknown sort field 'r\\xff'"),
        (("stats", "-r", UNDECODABLE), "r\\xff:1:1: no such file"),
        (("list", "--city", UNDECODABLE), "uzit: no resident has city 'r\\xff'"),
    ],
)
def test_an_undecodable_argument_byte_is_shown_as_the_byte(
    uzit: Uzit, args: tuple[str, ...], shown: str
) -> None:
    result = uzit(*args)
    assert shown in result.stderr
    assert "udcff" not in result.stderr


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (b'title: "caf\xe9a"\n', " (it looks like Latin-1 or Windows-1252)"),
        (b'title: "\x83T\x83N\x83\x89"\n', " (it looks like Shift_JIS)"),
    ],
)
def test_a_legacy_encoding_is_named_as_what_it_looks_like(text: bytes, hint: str) -> None:
    (found,) = problems(b"schema: 1\n" + text)
    assert f"is not valid UTF-8{hint}; save the file as UTF-8" in found


# -- 22: the message for a common slip says what to write -----------------------------------------

SAKURA_END = "    note: Illustrative stand-in; not a real company.\n  - id: example-fuji-data-lab\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            SAKURA_END,
            SAKURA_END.replace("  - id:", "    id:"),
            "r.yaml:93:5: the key 'id' appears twice in a resident: a new resident starts with "
            "'- ' (write '- id: ...' here, indented like the others)",
        ),
        (
            SAKURA_END,
            SAKURA_END.replace("  - id:", "  -id:"),
            "r.yaml:93:3: a list item needs a space after its '-': write '- ' and then the value",
        ),
        (
            FIRST,
            "    jobs_created: {2024:18}\n",
            "r.yaml:90:20: jobs_created: expected a year such as 2024, not '2024:18', which YAML "
            "1.1 reads as the number 121458; add a space after the colon: 2024: 18",
        ),
        (
            "    joined: 2022-09-14\n",
            "    joined: 2022\n",
            "r.yaml:85:13: joined: expected a date (YYYY-MM-DD), not the number 2022; a date "
            "needs its month and day: 2022-MM-DD",
        ),
        (
            FIRST,
            FIRST + "    headcount: unknown\n",
            "r.yaml:91:16: headcount: expected a whole number, not the text 'unknown'; if it is "
            "not known, leave the key out",
        ),
    ],
)
def test_a_common_slip_gets_the_fix(old: str, new: str, expected: str) -> None:
    assert problems(edited(old, new)) == [expected]


@pytest.mark.parametrize("parser", ["c", "python"])
def test_the_end_of_a_file_without_a_final_newline_is_inside_the_file(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from uzit_cli.registry import yamlnodes

    if parser == "python":
        monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    data = b"schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\nresidents: [a, b"
    assert problems(data) == [
        "r.yaml:5:12: this '[' is never closed: expected ',' or ']' at line 5, column 17"
    ]


# -- 28: a problem in an aliased value is reported where the alias is used -----------------------


def test_a_problem_in_an_aliased_value_is_reported_at_each_use() -> None:
    text = TEXT.replace(
        "    sources: [trend-2025-02-28]\n", "    sources: &shared [trend-2025-02-28, nope]\n", 1
    )
    second = text.index("    sources: [trend-2025-02-28]\n")
    text = text[:second] + text[second:].replace(
        "    sources: [trend-2025-02-28]\n", "    sources: *shared\n", 1
    )
    assert problems(text.encode()) == [
        "r.yaml:91:41: sources: 'nope' is not an id in registry.sources",
        "r.yaml:102:14: sources: 'nope' is not an id in registry.sources",
    ]


# -- properties: any path text, any text in any format and any output encoding -------------------


@FEW
@given(st.text(max_size=30))
def test_any_path_text_is_shown_printable_and_read_as_data(path: str) -> None:
    from uzit_cli.registry import display_path, load_registry

    shown = display_path(path)
    assert shown.isprintable()
    try:
        load_registry(path or "-missing-", display=shown)
    except RegistryError as error:
        assert all(str(problem).isprintable() for problem in error.problems)


_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@FEW
@given(
    st.lists(_ANY_TEXT, min_size=1, max_size=3),
    st.sampled_from(["utf-8", "ascii", "latin-1", "cp932"]),
)
def test_any_text_in_any_format_and_encoding_stays_valid(texts: list[str], encoding: str) -> None:
    import csv

    from uzit_cli.output import Report, View, write_report
    from uzit_cli.output.writers import FORMATS

    columns = [Column(f"c{n}", f"C{n}") for n in range(len(texts))]
    row = {column.key: text for column, text in zip(columns, texts, strict=True)}
    for record in FORMATS.values():
        output = record.format.value
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="backslashreplace", newline="")
        write_report(Report([View(columns, [row])]), record.format, stream)
        stream.flush()
        # a format with a defined encoding is UTF-8 bytes whatever the stream's encoding
        text = raw.getvalue().decode("utf-8" if record.utf8 else encoding)
        if output in ("json", "jsonl"):
            parsed = json.loads(text)
            assert list((parsed[0] if output == "json" else parsed).values()) == texts
        elif output == "yaml":
            assert list(yaml.safe_load(text)[0].values()) == texts
        elif output == "csv":
            cells = list(csv.reader(io.StringIO(text, newline="")))[1]
            assert cells == [spreadsheet_text(text) for text in texts]
            assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize("parser", ["c", "python"])
@pytest.mark.parametrize(
    ("value", "place"), [("{2024: }", "90:25"), ("{2024: , 2025: 3}", "90:25")]
)
def test_an_empty_value_is_located_the_same_by_both_parsers(
    parser: str, value: str, place: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from uzit_cli.registry import yamlnodes

    if parser == "python":
        monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    (found,) = problems(edited(FIRST, f"    jobs_created: {value}\n"))
    assert found.startswith(f"r.yaml:{place}: jobs_created: expected a whole number")


def test_did_you_mean_for_a_source_id_is_the_closest_not_the_first() -> None:
    sources = [f"news-2025-01-{day:02d}" for day in range(1, 29)] + ["news-2025-02-27"]
    header = "".join(f"    - {{id: {s}, title: T, publisher: P}}\n" for s in sources)
    text = (
        "schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\n  sources:\n" + header
        + "residents:\n  - {id: a, name: A, joined: 2024-01-01, city: C, sectors: [s],"
        " exports_to_japan: false, sources: [newz-2025-02-27, nevs-2025-01-3]}\n"
    )  # fmt: skip
    with pytest.raises(RegistryError) as caught:
        parse_registry(text.encode())
    assert [p.message.rsplit("; ", 1)[1] for p in caught.value.problems] == [
        "did you mean 'news-2025-02-27'?",
        "did you mean 'news-2025-01-03'?",
    ]


def test_a_byte_order_mark_is_utf8_bytes_in_any_locale() -> None:
    result, stdout = invoke_encoded("ascii", "list", "-f", "csv", "--bom")
    assert result.exit_code == 0, result.stderr
    assert stdout.startswith(b"\xef\xbb\xbfid,")  # not the text \ufeff
    assert "エグザンプル" in stdout.decode("utf-8-sig")
