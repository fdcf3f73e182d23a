"""Standard output and error decided once (output/streams.py), and terminal and pipe behaviour
tested in-process: a StringIO stands in for a terminal of a given width, with or without
colour, and the real CLI runs with it (`cli.run(argv, streams=...)`)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

from uzit_cli.cli.app import run
from uzit_cli.output.streams import FILE_WIDTH, Stream, Streams

SGR = re.compile(r"\x1b\[[0-9;]*m")


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal, as sys.stdout does in an interactive shell."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled registry, and nothing of the developer's shell that changes output."""
    for name in ("UZIT_REGISTRY", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def uzit(
    *argv: str, terminal: bool = False, width: int = 60, colour: bool = False
) -> tuple[int, str, str]:
    """Run `uzit ARGV` with standard output a StringIO that is a terminal `width` columns
    wide (or a pipe), standard error another StringIO: the status, and what each received."""
    out, err = io.StringIO(), io.StringIO()
    streams = Streams(Stream(out, is_terminal=terminal, width=width, colour=colour), Stream(err))
    status = run(list(argv), streams=streams)
    return status, out.getvalue(), err.getvalue()


# -- what is decided at start-up ---------------------------------------------------------------

# (the stream is a terminal, the environment) -> (seen as a terminal, coloured)
DECISIONS = [
    (True, {}, True, True),
    (True, {"NO_COLOR": "1"}, True, False),
    (True, {"NO_COLOR": ""}, True, True),  # no-color.org: only a non-empty value counts
    (True, {"TERM": "dumb"}, True, False),
    (True, {"TERM": "unknown"}, True, False),
    (True, {"TTY_COMPATIBLE": "0"}, True, False),
    (True, {"FORCE_COLOR": ""}, True, False),  # Rich's rule: set but empty forbids colour
    (False, {}, False, False),
    (False, {"FORCE_COLOR": "1"}, False, True),  # coloured, but still laid out for a file
    (False, {"TTY_COMPATIBLE": "1"}, False, True),
    (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
]


@pytest.mark.parametrize(("terminal", "environ", "is_terminal", "colour"), DECISIONS)
def test_terminal_and_colour_are_decided_from_the_stream_and_the_environment(
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    environ: dict[str, str],
    is_terminal: bool,
    colour: bool,
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    stream = Stream.detect(FakeTerminal() if terminal else io.StringIO())
    assert (stream.is_terminal, stream.colour) == (is_terminal, colour)


def test_the_width_is_the_terminals_or_columns_or_120_in_a_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Stream.detect(io.StringIO()).width == FILE_WIDTH
    monkeypatch.setenv("COLUMNS", "90")
    assert Stream.detect(io.StringIO()).width == 90
    assert Stream.detect(FakeTerminal()).width == 90  # $COLUMNS first, as shutil reads it
    monkeypatch.setenv("COLUMNS", "wide")
    assert Stream.detect(io.StringIO()).width == FILE_WIDTH


def test_a_closed_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    stream.close()  # isatty() raises ValueError
    assert not Stream.detect(stream).is_terminal


def test_streams_detect_the_process_streams_unless_given() -> None:
    out, err = FakeTerminal(), io.StringIO()
    streams = Streams.detect(out, err)
    assert (streams.out.file, streams.err.file) == (out, err)
    assert (streams.out.is_terminal, streams.err.is_terminal) == (True, False)


# -- the real CLI, in-process, on a terminal and in a pipe ---------------------------------------


def test_list_is_a_table_on_a_terminal_and_tsv_in_a_pipe() -> None:
    status, table, err = uzit("list", terminal=True, width=100)
    assert (status, err) == (0, "")
    assert "\t" not in table and "example-sakura-systems" in table
    assert any(line.split()[:2] == ["ID", "Name"] for line in table.splitlines())
    status, tsv, err = uzit("list")
    assert (status, err) == (0, "")
    assert tsv.startswith("id\tname\t")


URL_LINE = re.compile(r"https?://\S+")


@pytest.mark.parametrize("width", [40, 60, 100])
def test_a_table_fits_the_terminals_width(width: int) -> None:
    for args in (("list",), ("stats",), ("sources",), ("project", "--chart")):
        status, out, _ = uzit(*args, terminal=True, width=width)
        assert status == 0
        lines = [line for line in out.splitlines() if not URL_LINE.fullmatch(line)]
        assert max(cell_len(line) for line in lines) <= width, (args, width)  # URLs: see below


def test_width_option_beats_the_terminals_width() -> None:
    _, out, _ = uzit("list", "--width", "160", terminal=True, width=60)
    assert max(cell_len(line) for line in out.splitlines()) > 100


def test_a_terminal_is_coloured_only_when_colour_was_decided() -> None:
    for args in (("list",), ("project", "--chart"), ("validate", "-f", "table")):
        _, coloured, _ = uzit(*args, terminal=True, colour=True)
        _, plain, _ = uzit(*args, terminal=True, colour=False)
        assert SGR.search(coloured), args
        assert "\x1b" not in plain, args
        assert SGR.sub("", coloured).split() == plain.split(), args  # the same text


def test_no_color_in_the_environment_reaches_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = FakeTerminal()
    assert run(["list"], streams=Streams.detect(out, io.StringIO())) == 0
    assert "\x1b" not in out.getvalue() and "example-sakura-systems" in out.getvalue()


def test_json_is_indented_on_a_terminal_and_one_line_in_a_pipe() -> None:
    _, pretty, _ = uzit("list", "-f", "json", terminal=True)
    _, compact, _ = uzit("list", "-f", "json")
    assert pretty.startswith("[\n  {") and compact.count("\n") == 1
    assert json.loads(pretty) == json.loads(compact)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("list", "--sort", "nope"), 2, "uzit: error: "),
        (("list", "-r", "no-such-file.yaml"), 1, "no-such-file.yaml:1:1: no such file"),
        (("show", "no-such-id"), 1, "uzit: error: "),
        (("list", "--city", "Nowhere"), 0, "uzit: "),  # the hint, and no resident matches
    ],
)
def test_errors_and_hints_go_to_standard_error(
    args: tuple[str, ...], status: int, message: str
) -> None:
    code, out, err = uzit(*args, terminal=True)
    assert code == status
    assert message in err
    assert "error" not in out


def test_explain_in_a_pipe_writes_its_tables_to_standard_error() -> None:
    status, out, err = uzit("project", "--explain", "-f", "tsv")
    assert status == 0
    assert out.startswith("scenario\tyear\t")
    assert err.startswith("Inputs: every number the projection rests on")
    assert "uzit: note: --explain" in err


def test_version_goes_to_the_given_standard_output() -> None:
    status, out, err = uzit("--version")
    assert (status, err) == (0, "")
    assert out.startswith("uzit ")


# -- tables on a terminal: never a word, a number or a whole value broken ------------------------


def test_project_never_splits_a_number_or_a_header_word() -> None:
    args = ("project", "--scenario", "trend", "--year", "2075")
    _, jsonl, _ = uzit(*args, "-f", "jsonl")
    last = json.loads(jsonl.splitlines()[-1])
    _, out, _ = uzit(*args, terminal=True, width=100)
    words = out.split()
    assert "Scenario" in words and "trend" in words, out
    for key in ("residents", "exporting_to_japan", "new_jobs", "cumulative_jobs"):
        assert f"{last[key]:,.0f}" in words, (key, out)  # 25 digits and more, on one line


def test_a_slug_moves_whole_to_the_next_line_rather_than_break_at_its_hyphen() -> None:
    _, out, _ = uzit("list", terminal=True, width=50)  # one block per resident
    assert "Sectors           outsourcing," in out.splitlines(), out
    assert "                  software-development" in out.splitlines(), out


@pytest.mark.parametrize("width", [60, 80])
def test_sources_print_each_url_whole_on_one_line(width: int) -> None:
    _, tsv, _ = uzit("sources", "--no-header")
    urls = [field for line in tsv.splitlines() for field in line.split("\t") if "://" in field]
    _, out, _ = uzit("sources", terminal=True, width=width)
    lines = out.splitlines()
    for url in urls:  # beside its label, or alone when it does not fit: a working link to copy
        assert url in lines or f"URL        {url}" in lines, (url, out)


ROOT = Path(__file__).resolve().parent.parent
BROKEN = "docs/examples/broken.yaml"  # the tests run from the root


def test_validate_leaves_out_path_then_key_and_then_prints_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    _, tsv, _ = uzit("validate", BROKEN, "-f", "tsv", "--no-header")
    messages = [line.split("\t")[4] for line in tsv.splitlines()]
    for width, left_out in ((100, "Path"), (80, "Path, Key"), (60, "Path, Key")):
        _, out, _ = uzit("validate", BROKEN, "-f", "table", terminal=True, width=width)
        assert f"Left out to fit {width} columns: {left_out}" in out, out
        words = out.split()
        assert {"Line", "Column", "Severity", "Message", "Code", "error"} <= set(words), out
        for message in messages:  # wrapped at spaces only, at these widths
            assert set(message.split()) <= set(words), out
    _, out, _ = uzit("validate", BROKEN, "-f", "table", terminal=True, width=59)
    lines = out.splitlines()  # one block per problem
    assert [line for line in lines if line.startswith("Path ")] == [
        "Path      docs/examples/broken.yaml"
    ] * 2
    assert "Key       residents[1].exports_to_japn" in lines


GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled registry committed twice, with an invalid version between."""
    root = tmp_path_factory.mktemp("history")
    (root / "data").mkdir()
    path = root / "data" / "residents.yaml"
    text = (ROOT / "data" / "residents.yaml").read_text(encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q"], cwd=root, env=env, check=True)
    for number, version in enumerate((text, text + "residents: [\n", text), start=1):
        path.write_text(version, encoding="utf-8")
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"2025-0{number}-15T12:00:00Z"
        subprocess.run(["git", "add", "."], cwd=root, env=env, check=True)
        subprocess.run(["git", "commit", "-qm", f"v{number}"], cwd=root, env=env, check=True)
    return path


@pytest.mark.parametrize("width", [60, 80, 100])
def test_history_keeps_hashes_dates_and_headers_whole(history_repo: Path, width: int) -> None:
    _, tsv, _ = uzit("history", str(history_repo), "--no-header")
    rows = [line.split("\t") for line in tsv.splitlines()]
    _, out, _ = uzit("history", str(history_repo), terminal=True, width=width)
    words = out.split()
    for row in rows:
        assert row[0] in words and row[1] in words, (row, out)  # the date and the commit
    assert "Date" in words and "Commit" in words and "Jobs" in words, out
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_the_history_chart_draws_residents_and_target_path_to_one_scale() -> None:
    from uzit_cli.model import Target
    from uzit_cli.output.bars import chart_lines
    from uzit_cli.timeline.history import HistoryRow, pace
    from uzit_cli.views.history import history_chart

    def row(as_of: dt.date, residents: int) -> HistoryRow:
        return HistoryRow("c" * 40, str(as_of), "r.yaml", as_of=as_of, residents=residents)

    rows = [row(dt.date(2025, 2, 28), 10), row(dt.date(2026, 2, 28), 12)]
    found = pace(rows, Target(metric="residents", source="src", factor=2, by=2030))
    assert found is not None and found.path(dt.date(2025, 2, 28)) == 10
    lines = chart_lines(history_chart(rows, found), width=80)
    first = next(line for line in lines if line.lstrip().startswith("2025-02-28"))
    assert first.count("#") == first.count("=") > 0  # 10 residents, a target path of 10.0


def test_the_history_chart_has_one_heading_then_its_note_then_its_bars() -> None:
    from uzit_cli.output.bars import chart_lines
    from uzit_cli.timeline.history import HistoryRow
    from uzit_cli.views.history import history_chart

    rows = [
        HistoryRow("c" * 40, "2025-02-28", "r.yaml", as_of=dt.date(2025, 2, 28), residents=1),
        HistoryRow("d" * 40, "2026-02-28", "r.yaml", as_of=dt.date(2026, 2, 28), residents=2),
    ]
    lines = chart_lines(history_chart(rows, None), width=80)  # no target: a note, no path
    assert lines[:3] == [
        "Residents at each committed version (by as_of)",
        "No residents target with a factor: no target path to draw.",
        "                    Residents",
    ]  # no second heading ("History") between the note and the bars


def test_a_columns_note_goes_with_the_column() -> None:
    _, out, _ = uzit("project", terminal=True, width=60)
    assert "Left out to fit 60 columns: Share of shortage" in out
    assert "Share of shortage:" not in out  # its footnote, with it
    _, out, _ = uzit("project", terminal=True, width=80)
    assert "Share of shortage: jobs since" in " ".join(out.split())


def test_history_says_once_whether_it_is_on_track(history_repo: Path) -> None:
    _, out, _ = uzit("history", str(history_repo), terminal=True, width=100)
    assert " ".join(out.split()).count("needed from the last snapshot") == 1, out


def test_explain_keeps_source_ids_and_urls_whole() -> None:
    _, tsv, _ = uzit("sources", "--no-header")
    sources = [line.split("\t") for line in tsv.splitlines()]
    ids = [source[0] for source in sources]
    _, out, _ = uzit("project", "--explain", terminal=True, width=60)
    words = [word.strip("(),.;:") for word in out.split()]
    assert "trend-2025-02-28" in words and "meti-2016-06-10" in words, out
    assert not [w for w in words if w.endswith("-") and any(i.startswith(w) for i in ids)], out
    assert "https://en.trend.az/casia/uzbekistan/4011316.html" in words, out


def test_only_the_output_layer_writes_a_stream_as_utf8_bytes() -> None:
    # issue 24 item 10: one mechanism, output.streams.utf8(stream, "WHAT"), for every command
    # that writes a format with its own encoding (import -o -, project --chart-file -, …)
    package = Path(__file__).resolve().parent.parent / "uzit_cli"
    own = [
        str(path.relative_to(package))
        for folder in ("commands", "cli")
        for path in sorted((package / folder).rglob("*.py"))
        if '"buffer"' in path.read_text(encoding="utf-8")
    ]
    assert own == []


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_website_column_keeps_each_url_whole(tmp_path: Path, width: int) -> None:
    # issue 24 item 30: a URL is a whole value in a drawn table as in blocks, never wrapped
    url = "https://www.example-sakura-systems.example.co.jp/company/about-us"  # 64 cells
    text = (ROOT / "data" / "residents.yaml").read_text(encoding="utf-8")
    registry = tmp_path / "web.yaml"
    registry.write_text(
        text.replace(
            "  - id: example-sakura-systems\n",
            f"  - id: example-sakura-systems\n    website: {url}\n",
            1,
        ),
        encoding="utf-8",
    )
    status, out, _ = uzit(
        "list", "-r", str(registry), "--columns", "id,website", terminal=True, width=width
    )
    assert status == 0
    assert any(line.strip() == url or line.split()[-1:] == [url] for line in out.splitlines()), out
