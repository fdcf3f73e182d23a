"""The output layer on its own: every format parsed back, terminal versus pipe, colour, the
terminal row limit, column fitting, and registry text that must stay inert."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from subprocesses import Loaded, modules_after

from uzit_cli.output import Column, Format, Report, View, resolve_format, write_report
from uzit_cli.output.column_widths import fit_widths
from uzit_cli.output.values import (
    inert,
    json_safe,
    markdown_cell,
    plain_text,
    spreadsheet_text,
    tsv_field,
)

ESC = "\x1b"
SGR_COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])m")  # a foreground colour code

COLUMNS = (
    Column("id", "ID"),
    Column("name", "Name"),
    Column("count", "Count", "int"),
    Column("amount", "Amount", "number", 1),
    Column("flag", "Flag", "bool"),
    Column("day", "Day", "date"),
    Column("tags", "Tags", "list"),
    Column("years", "Years", "years"),
    Column("label", "Label", audience="people"),
)
MACHINE_KEYS = ["id", "name", "count", "amount", "flag", "day", "tags", "years"]

TRICKY = [
    "plain",
    'comma, and "quotes"',
    "line one\nline two\r\nthree",
    "tab\there \\ backslash",
    "[bold red]x[/]",
    "[link=https://example.com]click[/link]",
    "サクラ・システムズ",
    "| pipe * star _under_ `tick` <b> #!",
]


def rows() -> list[dict[str, Any]]:
    return [
        {
            "id": f"r{index}",
            "name": name,
            "count": 1234567 * index,
            "amount": 1500.25 * index if index % 3 else None,
            "flag": index % 2 == 0,
            "day": dt.date(2024, 1 + index, 5),
            "tags": ("a", "b-c") if index % 2 else (),
            "years": {2023: index, 2024: 10 * index},
            "label": f"label {index}",
        }
        for index, name in enumerate(TRICKY)
    ]


def report(**view: Any) -> Report:
    return Report(
        [View(COLUMNS, rows(), title="Title [b]", caption="8 rows", **view)],
        notices=("Illustrative data",),
    )


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as sys.stdout does in an interactive shell."""

    def isatty(self) -> bool:
        return True


def render(fmt: Format, *, terminal: bool = False, **view: Any) -> str:
    stream = Terminal() if terminal else io.StringIO()
    write_report(report(**view), fmt, stream)
    return stream.getvalue()


@pytest.fixture
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment in which Rich would colour a terminal, 100 columns wide."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")


def expected_json(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "count": row["count"],
        "amount": row["amount"],
        "flag": row["flag"],
        "day": row["day"].isoformat(),
        "tags": list(row["tags"]),
        "years": {str(year): value for year, value in row["years"].items()},
    }


# Machine formats parse back to the values.


def test_json_parses_back_to_the_values_in_column_order() -> None:
    parsed = json.loads(render(Format.json))
    assert parsed == [expected_json(row) for row in rows()]
    assert list(parsed[0]) == MACHINE_KEYS  # people-only columns stay out


def test_json_is_compact_in_a_pipe_and_pretty_on_a_terminal() -> None:
    piped = render(Format.json)
    assert piped.count("\n") == 1 and piped.startswith('[{"id":"r0",')
    pretty = render(Format.json, terminal=True)
    assert pretty.startswith('[\n  {\n    "id": "r0",')
    assert json.loads(pretty) == json.loads(piped)


def test_json_document_replaces_the_rows() -> None:
    stream = io.StringIO()
    document = {"when": dt.date(2025, 2, 28), "by_year": {2024: 87}, "items": (1, 2)}
    write_report(Report([View(COLUMNS, [])], document=document), Format.json, stream)
    assert json.loads(stream.getvalue()) == {
        "when": "2025-02-28",
        "by_year": {"2024": 87},
        "items": [1, 2],
    }


def test_an_empty_list_is_an_empty_array() -> None:
    stream = io.StringIO()
    write_report(Report([View(COLUMNS, iter([]))]), Format.json, stream)
    assert stream.getvalue() == "[]\n"


def test_json_lines_one_object_a_line() -> None:
    lines = render(Format.jsonl).splitlines()
    assert [json.loads(line) for line in lines] == [expected_json(row) for row in rows()]


def test_yaml_parses_back() -> None:
    assert yaml.safe_load(render(Format.yaml)) == [expected_json(row) for row in rows()]


def test_omit_absent_leaves_out_none_and_empty_mappings_and_lists_but_not_csv_cells() -> None:
    data = [{"id": "a", "count": None, "years": {}, "tags": ()}, {"id": "b", "count": 0}]
    columns = (Column("id", "ID"), Column("count", "Count", "int"), *COLUMNS[6:8])
    for fmt in (Format.json, Format.jsonl, Format.yaml):
        stream = io.StringIO()
        write_report(Report([View(columns, iter(data), omit_absent=True)]), fmt, stream)
        text = stream.getvalue()
        if fmt is Format.jsonl:
            parsed = [json.loads(line) for line in text.splitlines()]
        else:
            parsed = yaml.safe_load(text)  # JSON is YAML too
        assert parsed == [{"id": "a"}, {"id": "b", "count": 0}], fmt
    stream = io.StringIO()
    write_report(Report([View(columns, iter(data), omit_absent=True)]), Format.csv, stream)
    assert stream.getvalue() == "id,count,tags,years\r\na,,,\r\nb,0,,\r\n"


def test_csv_is_rfc_4180_and_parses_back() -> None:
    text = render(Format.csv)
    assert text.startswith(",".join(MACHINE_KEYS) + "\r\n")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert records[0] == MACHINE_KEYS
    assert records[1:] == [[plain_text(row[key]) for key in MACHINE_KEYS] for row in rows()]
    # the names survive exactly, commas, quotes and newlines included
    assert [record[1] for record in records[1:]] == TRICKY
    assert '"comma, and ""quotes"""' in text


def test_csv_fields_as_written() -> None:
    record = next(csv.reader(io.StringIO(render(Format.csv), newline="")))
    assert record == MACHINE_KEYS
    first = list(csv.reader(io.StringIO(render(Format.csv), newline="")))[2]
    assert first == [
        "r1",
        TRICKY[1],
        "1234567",
        "1500.25",
        "false",
        "2024-02-05",
        "a,b-c",
        "2023:1,2024:10",
    ]


def unescape_tsv(field: str) -> str:
    escapes = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
    return re.sub(
        r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|.)",
        lambda m: escapes.get(m.group(1)) or chr(int(m.group(1)[1:], 16)),
        field,
    )


def test_tsv_has_one_line_a_row_and_unescapes_back() -> None:
    lines = render(Format.tsv).split("\n")
    assert lines[-1] == ""  # ends with a newline
    lines = lines[:-1]
    assert lines[0].split("\t") == MACHINE_KEYS
    assert len(lines) == 1 + len(TRICKY)
    parsed = [[unescape_tsv(field) for field in line.split("\t")] for line in lines[1:]]
    assert parsed == [[plain_text(row[key]) for key in MACHINE_KEYS] for row in rows()]
    assert lines[3].split("\t")[1] == "line one\\nline two\\r\\nthree"
    assert lines[4].split("\t")[1] == "tab\\there \\\\ backslash"


def test_no_header_in_tsv_and_csv() -> None:
    for fmt in (Format.tsv, Format.csv):
        stream = io.StringIO()
        write_report(report(), fmt, stream, header=False)
        assert stream.getvalue().startswith("r0" + ("\t" if fmt is Format.tsv else ",") + "plain")


def test_markdown_escapes_markup_and_keeps_one_line_a_row() -> None:
    text = render(Format.markdown)
    lines = text.splitlines()
    assert lines[0] == "> **Illustrative data**"
    assert "### Title \\[b\\]" in lines
    table = [line for line in lines if line.startswith("|")]
    assert table[0].startswith("| ID | Name | Count | Amount | Flag |")
    assert table[0].endswith("| Label |")  # people columns included, as in a table
    assert table[1] == "|---|---|---:|---:|---|---|---|---|---|"
    assert len(table) == 2 + len(TRICKY)
    assert all(line.count("|") - line.count("\\|") == len(COLUMNS) + 1 for line in table)
    assert "\\[bold red\\]x\\[/\\]" in text
    assert "\\| pipe \\* star \\_under\\_ \\`tick\\` \\<b\\> \\#\\!" in text
    assert "line one<br>line two\\\\r<br>three" in text  # a stray CR is shown, escaped
    assert "| 1,234,567 | 1,500.2 |" in text
    assert lines[-1] == "8 rows"


def test_markdown_cell_escapes_every_special_character() -> None:
    assert markdown_cell("| [ ] < > * _ `", Column("x", "X")) == r"\| \[ \] \< \> \* \_ \`"
    assert markdown_cell(1234, Column("n", "N", "int")) == "1,234"


# Tables for people.


def test_table_in_a_pipe_is_whole_plain_and_keeps_markup_literal() -> None:
    stream = io.StringIO()
    write_report(report(), Format.table, stream, width=400)  # wide enough for every cell
    text = stream.getvalue()
    assert ESC not in text  # no colour in a file or pipe
    assert "[bold red]x[/]" in text
    assert "[link=https://example.com]click[/link]" in text
    assert "Title [b]" in text and "8 rows" in text and "Illustrative data" in text
    assert "1,234,567" in text and "8,641,969" in text  # thousands separators
    assert "1,500.2" in text  # one decimal, as the column asks
    assert "✓" in text and "✗" in text
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("ID"))
    row = next(line for line in lines if line.startswith("r1 "))
    # numbers are right-aligned: they end where the header's title ends
    assert row.index("1,234,567") + len("1,234,567") == header.index("Count") + len("Count")


def test_table_on_a_terminal_is_coloured_unless_no_color(
    colour_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    coloured = render(Format.table, terminal=True)
    assert SGR_COLOUR.search(coloured)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render(Format.table, terminal=True)
    assert not SGR_COLOUR.search(plain)
    assert "✓" in plain


def test_table_with_term_dumb_has_no_escapes(
    colour_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert not SGR_COLOUR.search(render(Format.table, terminal=True))


def test_auto_is_a_table_on_a_terminal_and_tsv_in_a_pipe() -> None:
    assert resolve_format(Format.auto, Terminal()) is Format.table
    assert resolve_format(Format.auto, io.StringIO()) is Format.tsv
    assert resolve_format(Format.csv, Terminal()) is Format.csv
    assert render(Format.auto).startswith("id\tname\t")
    assert "Illustrative data" in render(Format.auto, terminal=True)


def test_a_closed_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    stream.close()
    assert resolve_format(Format.auto, stream) is Format.tsv


def many(count: int) -> Iterator[dict[str, Any]]:
    return ({"id": f"row-{index:04d}", "name": "x", "count": index} for index in range(count))


def limited(count: int, stream: io.StringIO, fmt: Format = Format.table) -> str:
    view = View(COLUMNS[:3], many(count), screen_limit=50, more_hint="--limit 0 shows all")
    write_report(Report([view]), fmt, stream)
    return stream.getvalue()


def test_a_terminal_table_shows_the_first_rows_and_counts_the_rest(colour_terminal: None) -> None:
    text = limited(1234, Terminal())
    assert text.count("row-") == 50
    assert "row-0049" in text and "row-0050" not in text
    assert "… 1,184 more rows not shown; --limit 0 shows all" in text


def test_no_footer_when_everything_fits_on_a_terminal(colour_terminal: None) -> None:
    text = limited(50, Terminal())
    assert text.count("row-") == 50 and "not shown" not in text


@pytest.mark.parametrize("fmt", [Format.table, Format.tsv, Format.csv, Format.jsonl])
def test_files_and_pipes_always_get_every_row(fmt: Format) -> None:
    text = limited(1234, io.StringIO(), fmt)
    assert text.count("row-") == 1234 and "not shown" not in text


@pytest.mark.parametrize("fmt", [Format.json, Format.markdown])
def test_other_formats_on_a_terminal_get_every_row(fmt: Format) -> None:
    assert limited(1234, Terminal(), fmt).count("row-") == 1234


# Registry text can never steer the terminal.

HOSTILE = [
    "\x1b[31mred\x1b[0m",  # ANSI colour
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]0;new window title\x07",  # OSC 0 title
    "\x9b31m8-bit CSI",
    "\x08\x7f\x00 backspace, delete, NUL",
    "abc\u202edcba",  # right-to-left override
    "\u2066isolate\u2069",
]
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_report() -> Report:
    view = View(
        (Column("name", "Name"), Column("tags", "Tags", "list")),
        [{"name": text, "tags": (text,)} for text in HOSTILE],
        title=HOSTILE[0],
        caption=HOSTILE[1],
    )
    return Report([view], notices=(HOSTILE[2],))


def test_inert_makes_every_control_and_bidi_character_visible() -> None:
    for text in HOSTILE:
        shown = inert(text)
        assert not UNSAFE.search(shown)
        assert "\\x1b" in shown or "\\x9b" in shown or "\\x08" in shown or "\\u20" in shown
    assert inert("plain サクラ\ttab\nnewline") == "plain サクラ\ttab\nnewline"


def test_hostile_text_is_inert_in_a_terminal_table(colour_terminal: None) -> None:
    stream = Terminal()
    write_report(hostile_report(), Format.table, stream)
    text = stream.getvalue()
    without_rich_styles = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert not UNSAFE.search(without_rich_styles)
    assert "\\x1b]8;;https://evil.example" in without_rich_styles
    assert "\\x9b31m8-bit CSI" in without_rich_styles
    assert "abc\\u202edcba" in without_rich_styles


@pytest.mark.parametrize("fmt", [Format.table, Format.tsv, Format.markdown])
def test_hostile_text_is_inert_in_text_formats(fmt: Format) -> None:
    stream = io.StringIO()
    write_report(hostile_report(), fmt, stream)
    assert not UNSAFE.search(stream.getvalue())


def test_tsv_escapes_are_reversible_for_hostile_text() -> None:
    for text in [*HOSTILE, "\\x1b literally", "back\\slash"]:
        assert unescape_tsv(tsv_field(text)) == text
        assert not UNSAFE.search(tsv_field(text))


@pytest.mark.parametrize("fmt", [Format.json, Format.jsonl])
def test_json_carries_the_exact_text_with_escapes(fmt: Format) -> None:
    stream = io.StringIO()
    write_report(hostile_report(), fmt, stream)
    text = stream.getvalue()
    assert not UNSAFE.search(text)
    values = json.loads(text) if fmt is Format.json else [json.loads(x) for x in text.splitlines()]
    assert [value["name"] for value in values] == HOSTILE


def test_json_safe_keeps_the_value() -> None:
    raw = json.dumps(["\x85 \x9b \u202e \u2028"], ensure_ascii=False)
    assert json.loads(json_safe(raw)) == json.loads(raw)
    assert json_safe(raw) == '["\\u0085 \\u009b \\u202e \\u2028"]'


def test_csv_carries_the_exact_text() -> None:
    stream = io.StringIO()
    write_report(hostile_report(), Format.csv, stream)
    records = list(csv.reader(io.StringIO(stream.getvalue(), newline="")))
    assert [record[0] for record in records[1:]] == HOSTILE


# Column widths on a terminal, and East Asian wide characters.


def table_lines(columns: tuple[Column, ...], data: list[dict[str, Any]], width: int) -> list[str]:
    import os

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        stream = Terminal()
        write_report(Report([View(columns, data)]), Format.table, stream)
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue()).splitlines()


JAPANESE: list[dict[str, Any]] = [
    {
        "id": "example-sakura-systems",
        "name_ja": "エグザンプル・サクラ・システムズ",
        "city": "Tashkent",
    },
    {"id": "example-kaizen-bpo", "name_ja": None, "city": "Samarkand"},
    {"id": "example-fuji", "name_ja": "フジ", "city": "Bukhara"},
]
JAPANESE_COLUMNS = (Column("id", "ID"), Column("name_ja", "Japanese name"), Column("city", "City"))


@pytest.mark.parametrize("width", [120, 80, 60])
def test_japanese_names_keep_the_next_column_aligned(colour_terminal: None, width: int) -> None:
    lines = table_lines(JAPANESE_COLUMNS, JAPANESE, width)
    body = [line for line in lines if line.startswith("example-")]
    assert len(body) == 3
    starts = set()
    for line in body:
        city = next(c for c in ("Tashkent", "Samarkand", "Bukhara") if c in line)
        starts.add(cell_len(line[: line.index(city)]))  # display cells, not characters
    assert len(starts) == 1
    assert max(cell_len(line) for line in lines) <= width


def test_a_wide_table_wraps_at_spaces_before_it_folds_words(colour_terminal: None) -> None:
    columns = (Column("id", "ID"), Column("name", "Name"))
    data = [{"id": "example-silk-road-consulting", "name": "Example Silk Road Consulting"}]
    assert [line.rstrip() for line in table_lines(columns, data, 45)] == [
        "ID                            Name",
        "─" * 45,
        "example-silk-road-consulting  Example Silk",
        "                              Road Consulting",
    ]
    # Narrower: the id wraps at its hyphens too, and nothing folds mid-word.
    assert [line.rstrip() for line in table_lines(columns, data, 24)][2:] == [
        "example-      Example",
        "silk-road-    Silk Road",
        "consulting    Consulting",
    ]


@pytest.mark.parametrize("width", [80, 100, 120, 140])
def test_the_list_table_keeps_dates_numbers_and_words_whole(
    colour_terminal: None, width: int
) -> None:
    from uzit_cli.registry import bundled_registry_path, load_registry
    from uzit_cli.resident_columns import DEFAULT_COLUMNS, resident_row
    from uzit_cli.views.residents import columns_for

    registry = load_registry(bundled_registry_path())
    data = [resident_row(resident, 2024) for resident in registry.residents]
    lines = table_lines(tuple(columns_for(DEFAULT_COLUMNS, 2024)), data, width)
    text = "\n".join(lines)
    assert max(cell_len(line) for line in lines) <= width
    header = lines[: next(i for i, line in enumerate(lines) if line.startswith("─"))]
    for resident in registry.residents:
        row = next(line for line in lines if line.startswith(resident.id + " "))  # ids whole
        assert resident.name in row  # one line per resident, names whole at 80 columns and up
        if "Joined" in "".join(header):
            assert resident.joined.isoformat() in row  # dates never break
    assert "Headcount" not in text  # empty in every row: left out
    assert len(header) <= 2  # "Exports to Japan" gives way to "To JP" when space is short


def test_urls_stay_whole_and_the_title_folds(colour_terminal: None) -> None:
    url = "https://example.org/a/rather/long/path/to/a-page-about-it-park-residents.html"
    columns = (Column("id", "ID"), Column("title", "Title"), Column("url", "URL"))
    data = [{"id": "src-one", "title": "A fairly long title of the source page", "url": url}]
    lines = [line.rstrip() for line in table_lines(columns, data, 100)]
    assert lines[2:] == [
        f"src-one  A fairly      {url}",
        "         long title",
        "         of the",
        "         source page",
    ]


def test_a_table_in_a_pipe_has_no_trailing_spaces() -> None:
    text = render(Format.table)
    assert text.count("r7") == 1 and text.endswith("8 rows\n")
    assert [line for line in text.splitlines() if line != line.rstrip(" ")] == []


def test_fit_widths_keeps_natural_widths_when_they_fit() -> None:
    assert fit_widths([(5, 10, 12), (3, 4, 4)], 20) == [12, 4]


def test_fit_widths_wraps_headers_then_values_widest_first() -> None:
    # (longest word, widest value or header word, widest line)
    ranges = [(20, 20, 20), (10, 28, 28), (7, 7, 16), (9, 33, 33)]
    assert fit_widths(ranges, 100) == [20, 28, 16, 33]
    assert fit_widths(ranges, 88) == [20, 28, 7, 33]  # the header wraps first
    assert fit_widths(ranges, 80) == [20, 27, 7, 26]  # the widest first
    assert fit_widths(ranges, 50) == [20, 12, 7, 11]  # never below a word
    assert fit_widths(ranges, 46) == [20, 10, 7, 9]
    assert fit_widths(ranges, 45) is None  # a word would break: the table is drawn as blocks


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 200)),
        min_size=1,
        max_size=12,
    ),
    st.integers(1, 400),
)
def test_fit_widths_fits_whenever_the_floor_does(
    raw: list[tuple[int, int, int]], available: int
) -> None:
    ranges = [
        (min(word, compact, widest), min(compact, widest), widest) for word, compact, widest in raw
    ]
    widths = fit_widths(ranges, available)
    if sum(word for word, _, _ in ranges) > available:
        assert widths is None  # never below a column's floor: blocks instead
        return
    assert widths is not None and sum(widths) <= available
    for width, (word, _, widest) in zip(widths, ranges, strict=True):
        assert word <= width <= widest


# Rich is loaded only to draw a table: one interpreter runs `list` in every machine format
# (none may load Rich), then as a table (which does).

MACHINE_FORMATS = [f.value for f in Format if f not in (Format.auto, Format.table)]


@functools.cache
def rich_probe() -> dict[str, Loaded]:
    runs = modules_after([["list", "-f", fmt] for fmt in [*MACHINE_FORMATS, "table"]])
    return {run.args[-1]: run for run in runs}


def loads_rich(modules: frozenset[str]) -> bool:
    return any(m == "rich" or m.startswith("rich.") for m in modules)


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_never_import_rich(fmt: str) -> None:
    run = rich_probe()[fmt]
    assert run.status == 0 and run.printed
    assert not loads_rich(run.after), "rich"


def test_a_table_does_import_rich() -> None:
    run = rich_probe()["table"]
    assert run.status == 0
    assert loads_rich(run.new)


def test_a_non_utf8_stream_gets_escapes_that_stay_aligned() -> None:
    """LANG=C: what cannot be encoded is escaped before the columns are measured."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="backslashreplace")
    view = View(
        (*JAPANESE_COLUMNS, Column("ok", "OK", "bool")), [{**r, "ok": True} for r in JAPANESE]
    )
    write_report(Report([view], notices=("Illustrative · data",)), Format.table, stream)
    stream.flush()
    text = raw.getvalue().decode("ascii")  # nothing but ASCII was written
    lines = text.splitlines()
    assert lines[0] == "Illustrative \\xb7 data"
    assert lines[2].startswith("-----")  # an ASCII rule under the header
    body = [line for line in lines if line.startswith("example-")]
    starts = {
        line.index(city)
        for line, city in zip(body, ("Tashkent", "Samarkand", "Bukhara"), strict=True)
    }
    assert len(starts) == 1
    assert "\\u30a8\\u30b0" in body[0] and body[0].rstrip().endswith("yes")
    assert "-" in body[1].split()  # a missing value is "-" rather than "—"


@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_any_text_round_trips_through_csv_tsv_and_json(texts: list[str]) -> None:
    columns = [Column(f"c{index}", f"C{index}") for index in range(len(texts))]
    row = {column.key: text for column, text in zip(columns, texts, strict=True)}
    outputs = {}
    for fmt in (Format.csv, Format.tsv, Format.json, Format.jsonl):
        stream = io.StringIO()
        write_report(Report([View(columns, [row])]), fmt, stream)
        outputs[fmt] = stream.getvalue()
    cells = [spreadsheet_text(text) for text in texts]  # a formula start gets a `'`
    assert list(csv.reader(io.StringIO(outputs[Format.csv], newline="")))[1] == cells
    tsv_lines = outputs[Format.tsv].split("\n")
    assert len(tsv_lines) == 3 and tsv_lines[2] == ""  # one line a row, whatever the text
    assert [unescape_tsv(field) for field in tsv_lines[1].split("\t")] == cells
    assert not UNSAFE.search(outputs[Format.tsv])
    assert list(json.loads(outputs[Format.json])[0].values()) == texts
    assert list(json.loads(outputs[Format.jsonl]).values()) == texts
