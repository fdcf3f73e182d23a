"""Tables that fit their width (issue 14): column priority, empty columns, cut text, whole ids,
blocks when narrow, the width of a table in a file, and snapshots of the bundled tables.

Snapshots live in tests/snapshots/; after a deliberate layout change, regenerate them with
`UZIT_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_tables.py` and review the diff.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, Uzit
from uzit_cli.output.layout import Measure, empty_columns, fit_columns, shorten, total
from uzit_cli.output.report import Column
from uzit_cli.registry import load_registry

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
IDS = [resident.id for resident in load_registry(BUNDLED).residents]
NAMES = [resident.name for resident in load_registry(BUNDLED).residents]

# What a snapshot holds: a command of the bundled registry as a table of a given width.
SNAPSHOT_RUNS = {
    "list": ("list",),
    "sources": ("sources",),
    "stats": ("stats",),
    "stats-by-city": ("stats", "--by", "city"),
    "project": ("project",),
}
WIDTHS = (60, 80, 100, 160)


def table(uzit: Uzit, *args: str, width: int | None = 100) -> list[str]:
    extra = ("--width", str(width)) if width is not None else ()
    result = uzit(*args, "-f", "table", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def rows_of(lines: list[str]) -> dict[str, str]:
    """The line of each bundled resident, by id (a line that starts with the id and a space)."""
    return {i: line for i in IDS for line in lines if line.startswith(i + " ")}


# --- the layout arithmetic -------------------------------------------------------------------


def test_the_highest_priority_number_is_left_out_first() -> None:
    columns = [Column("id", "ID"), Column("a", "A", priority=1), Column("b", "B", priority=2)]
    measures = [Measure(10, 10, 10), Measure(10, 10, 10), Measure(10, 10, 10)]
    fit = fit_columns(columns, measures, 25, asked=False)
    assert (fit.kept, fit.widths, fit.dropped) == ([0, 1], [10, 10], [2])


def test_the_name_priority_1_is_shortened_but_never_left_out() -> None:
    columns = [Column("id", "ID"), Column("name", "Name", priority=1), Column("b", "B", priority=2)]
    fit = fit_columns(columns, [Measure(40, 40, 30)] * 3, 50, asked=False)
    assert (fit.kept, fit.widths, fit.dropped) == ([0, 1], None, [2])  # a list then prints blocks


def test_columns_asked_for_are_never_left_out() -> None:
    columns = [Column("id", "ID"), Column("b", "B", priority=2)]
    fit = fit_columns(columns, [Measure(10, 10, 10)] * 2, 15, asked=True)
    assert (fit.kept, fit.widths) == ([0, 1], None)


def test_text_is_cut_the_highest_priority_number_first() -> None:
    columns = [Column("name", "Name", priority=1), Column("city", "City", priority=3)]
    measures = [Measure(30, 30, 12), Measure(20, 20, 12)]
    assert fit_columns(columns, measures, 44, asked=False).widths == [30, 12]
    assert fit_columns(columns, measures, 40, asked=False).widths == [26, 12]
    assert total([26, 12]) == 40


def test_shorten_ends_a_cut_value_with_an_ellipsis() -> None:
    assert shorten("outsourcing, software-development", 12) == "outsourcing…"
    assert shorten("short", 12) == "short"
    assert shorten("two\nlines", 12) == "two…"


def test_a_column_of_zeros_is_empty_only_when_declared() -> None:
    columns = [Column("n", "N", "int"), Column("z", "Z", "int", zero_is_empty=True)]
    assert empty_columns(columns, [{"n": 0, "z": 0}, {"n": None, "z": None}]) == [False, True]


# --- through the CLI -------------------------------------------------------------------------


def test_list_at_100_columns_is_one_line_per_resident(uzit: Uzit) -> None:
    lines = table(uzit, "list", width=100)
    rows = rows_of(lines)
    assert list(rows) == IDS  # every id whole, at the start of its own line
    assert all(name in rows[i] for i, name in zip(IDS, NAMES, strict=True))
    assert max(len(line) for line in lines) <= 100
    assert len(lines) == 17  # notice, title, 2 header lines, rule, 10 rows, note, caption
    assert "Headcount" not in "\n".join(lines)  # empty for every resident: left out


def test_list_at_80_columns_keeps_ids_and_names_whole(uzit: Uzit) -> None:
    lines = table(uzit, "list", width=80)
    rows = rows_of(lines)
    assert [rows[i].split("  ")[0] for i in IDS] == IDS
    assert all(name in rows[i] for i, name in zip(IDS, NAMES, strict=True))
    assert "Left out to fit 80 columns: Joined, Sectors" in lines


def test_list_below_60_columns_prints_a_block_per_resident(uzit: Uzit) -> None:
    lines = table(uzit, "list", width=50)
    assert [line.split()[1] for line in lines if line.startswith("ID ")] == IDS
    assert "Exports to Japan  ✓" in lines
    assert max(len(line) for line in lines) <= 50


def test_an_empty_column_asked_for_is_left_out_with_a_note(uzit: Uzit) -> None:
    lines = table(uzit, "list", "--columns", "id,headcount,city", width=100)
    assert lines[2].split() == ["ID", "City"]
    assert "Left out, empty in every row: Headcount" in lines


def test_columns_asked_for_are_kept_however_narrow(uzit: Uzit) -> None:
    lines = table(uzit, "list", "--columns", "id,name,city,sectors,joined", width=70)
    assert not any(line.startswith("Left out") for line in lines)
    # too many to fit whole: a block per resident rather than a column less
    assert lines[3:8] == [
        "ID       example-sakura-systems",
        "Name     Example Sakura Systems",
        "City     Tashkent",
        "Sectors  outsourcing, software-development",
        "Joined   2022-09-14",
    ]


def test_machine_formats_keep_every_column_asked_for(uzit: Uzit) -> None:
    out = uzit("list", "--columns", "id,headcount", "-f", "json").stdout
    assert json.loads(out)[0] == {"id": IDS[0], "headcount": None}


def test_a_problems_message_keeps_its_room_while_path_and_key_go(
    uzit: Uzit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a path of 22 cells kept whole used to squeeze the message to its longest word (13)
    (tmp_path / "regs").mkdir()
    (tmp_path / "regs" / "syntax-error.yaml").write_text("schema: 1\nregistry: [a, b\n  x: 1\n")
    monkeypatch.chdir(tmp_path)
    result = uzit("validate", "regs/syntax-error.yaml", "-f", "table", terminal=80)
    lines = result.stdout.splitlines()
    assert "this '[' is never closed: expected ',' or ']' at" in lines[3]
    assert lines[-1] == "Left out to fit 80 columns: Path"


def test_sources_at_80_columns_keep_urls_whole_on_their_own_lines(uzit: Uzit) -> None:
    lines = table(uzit, "sources", width=80)
    assert "Publisher  Trend News Agency" in lines
    long_url = "https://buzb.uz/en/news/japanese-business-is-expanding-its-influence-in-uzbekistans-it-sector"
    start = lines.index(long_url)  # longer than the width: whole, for the terminal to wrap
    assert lines[start - 1] == "URL"
    assert "URL        https://en.trend.az/casia/uzbekistan/4011316.html" in lines
    assert max(len(line) for line in lines if "://" not in line) <= 80


def test_stats_by_leaves_out_headcount_when_no_one_reports_it(uzit: Uzit) -> None:
    lines = table(uzit, "stats", "--by", "city", width=100)
    header = lines[2].split()
    assert header[:2] == ["City", "Residents"] and "Headcount" not in header
    assert lines[4].split() == ["Tashkent", "6", "4", "59", "59"]
    tsv = uzit("stats", "--by", "city", "-f", "tsv").stdout.splitlines()[0].split("\t")
    assert tsv[-2:] == ["headcount_total", "headcount_reported"]  # machines keep them


def test_project_title_is_one_line_and_markdown_has_no_line_breaks(uzit: Uzit) -> None:
    title = "Projection 2025 → 2030 · Japanese-capital residents of IT Park Uzbekistan"
    assert title in table(uzit, "project", width=100)
    markdown = uzit("project", "-f", "markdown").stdout
    assert "<br>" not in markdown and f"### {title}" in markdown


def test_project_keeps_full_precision_for_machines(uzit: Uzit) -> None:
    document = json.loads(uzit("project", "-f", "json").stdout)
    target = next(s for s in document["scenarios"] if s["name"] == "target")
    assert target["years"][1]["residents"] == pytest.approx(11.486984, abs=1e-6)


def test_a_table_in_a_file_is_120_columns_unless_columns_or_width_say(uzit: Uzit) -> None:
    default = uzit("list", "-f", "table", env={"COLUMNS": None}).stdout
    assert max(len(line) for line in default.splitlines()) == 120  # the notice wraps at 120
    assert "Joined" in default and "Sectors" in default
    narrow = uzit("list", "-f", "table", env={"COLUMNS": "90"}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 90
    assert "Left out to fit 90 columns: Joined, Sectors" in narrow
    wide = uzit("list", "-f", "table", "--width", "160", env={"COLUMNS": "90"}).stdout
    assert "Left out" not in wide and max(len(line) for line in wide.splitlines()) > 120


def header_words(lines: list[str]) -> list[str]:
    """The words of every table header: the lines above each rule, up to the first one that
    does not start with a space (a header of several lines is aligned to the bottom)."""
    words: list[str] = []
    for index, line in enumerate(lines):
        if not line.startswith("──"):
            continue
        above = index - 1
        words.extend(lines[above].split())
        while above > 0 and lines[above - 1].startswith(" "):
            above -= 1
            words.extend(lines[above].split())
    return words


@pytest.mark.parametrize("width", WIDTHS)
def test_no_header_is_broken_mid_word(uzit: Uzit, width: int) -> None:
    for args in SNAPSHOT_RUNS.values():
        markdown = uzit(*args, "-f", "markdown").stdout.splitlines()
        headers = [line for line, below in itertools.pairwise(markdown) if "|---" in below]
        known = {word for line in headers for word in line.strip("| ").replace("|", " ").split()}
        known |= {"To", "JP"}  # the short header of "Exports to Japan"
        found = header_words(table(uzit, *args, width=width))
        assert set(found) <= known, (args, width, set(found) - known)  # sources: blocks


# --- snapshots -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SNAPSHOT_RUNS))
def test_bundled_tables_match_their_snapshots(uzit: Uzit, name: str) -> None:
    """Every width in one file per command, so a layout change is one reviewed diff."""
    parts = []
    for width in WIDTHS:
        lines = table(uzit, *SNAPSHOT_RUNS[name], width=width)
        parts.append(f"===== uzit {' '.join(SNAPSHOT_RUNS[name])} at {width} columns\n")
        parts.append("".join(line + "\n" for line in lines))
    text = "".join(parts)
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("UZIT_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs: UZIT_UPDATE_SNAPSHOTS=1 regenerates it (review the diff)"
    )


def test_japanese_prose_wraps_between_characters_as_japanese_does() -> None:
    import io

    from rich.cells import cell_len

    from uzit_cli.output import Report, Stream, View
    from uzit_cli.output.table import write_tables
    from uzit_cli.output.wrapping import wrap

    note = (
        "この登録簿の企業レコードは、公表された集計値を再現する架空のもので、"
        "実在の企業ではありません。"
    )
    out = io.StringIO()
    view = View([Column("note", "注記")], [{"note": note}, {"note": "短い注記。"}])
    write_tables(Report([view]), Stream(out, is_terminal=True, width=40))
    lines = out.getvalue().splitlines()
    assert lines[0].strip() == "注記"  # a table with its header, not a block per row
    assert max(cell_len(line) for line in lines) <= 40
    body = [line.strip() for line in lines[2:]]
    assert "".join(body[:-1]) == note and body[-1] == "短い注記。"
    # no line starts with closing punctuation, none ends with an opening bracket
    wrapped = wrap("実績は（2025年）で、目標に届いた。", 6)
    assert not any(line[0] in "、。）" or line[-1] == "（" for line in wrapped)
    # nor inside a date: the line breaks before 2024年2月, not after 2024年
    assert wrap("期限は2024年2月までです", 12)[:2] == ["期限は", "2024年2月ま"]


def test_a_japanese_notice_fills_its_lines_and_breaks_as_japanese_does() -> None:
    """Rich breaks at spaces only: `例示用のデータ: ` alone on a line, `2 ⏎ 倍`, a line that
    starts with `。`. The console breaks a paragraph with Japanese in it between characters."""
    import io

    from rich.cells import cell_len

    from uzit_cli.output import Report, Stream, View
    from uzit_cli.output.table import write_tables

    notices = [
        "例示用のデータ: 企業のレコードは公表された集計値を再現するための仮のもので、"
        "実在の企業ではありません。",
        "目標は入居企業 10 社の 2 倍です。雇用は 87(9社による)。この割合は異なる日の数値を"
        "並べたものです。 The end.",
    ]
    for width in (30, 31, 32, 33):
        out = io.StringIO()
        view = View([Column("n", "N")], [{"n": 1}])
        write_tables(Report([view], notices=notices), Stream(out, is_terminal=True, width=width))
        lines = out.getvalue().splitlines()[:-3]  # the notices, without the table
        assert width - 2 <= cell_len(lines[0]) <= width, lines  # not `例示用のデータ:` alone
        assert max(cell_len(line) for line in lines) <= width, lines
        assert "".join(lines).replace(" ", "") == "".join(notices).replace(" ", ""), lines
        assert not any(line[:1] in "。、）」)" for line in lines), lines
        assert "2 倍" in "\n".join(lines) and "10 社" in "\n".join(lines), lines


def test_a_japanese_header_wraps_between_characters_in_even_lines() -> None:
    from uzit_cli.output.column_widths import header_word
    from uzit_cli.output.table import _balanced

    assert header_word("2030年の新規雇用") == 8 and header_word("Share of shortage") == 8
    assert _balanced("不足に占める割合", 14) == ["不足に占", "める割合"]
