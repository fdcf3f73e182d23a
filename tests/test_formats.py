"""Every output format is one entry in the table of writers, with its properties declared."""

from __future__ import annotations

import io
import re

from uzit_cli.output import Column, Format, Report, View, write_report
from uzit_cli.output.writers import FORMATS, WRITERS


def test_every_format_but_auto_has_a_writer() -> None:
    assert set(WRITERS) == set(Format) - {Format.auto}


def test_each_writer_writes_its_own_format() -> None:
    report = Report([View([Column("id", "ID")], [{"id": "a-b"}], title="T")])
    firsts = {}
    for output_format in WRITERS:
        stream = io.StringIO()
        write_report(report, output_format, stream)
        firsts[output_format] = stream.getvalue().splitlines()[0]
    assert firsts == {
        Format.table: "T",
        Format.tsv: "id",
        Format.csv: "id",
        Format.json: '[{"id":"a-b"}]',
        Format.jsonl: '{"id":"a-b"}',
        Format.yaml: "- id: a-b",
        Format.markdown: "### T",
        Format.html: "<!DOCTYPE html>",
    }


def test_which_formats_are_for_people_and_which_carry_whole_records() -> None:
    assert {f for f in FORMATS if FORMATS[f].for_people} == {
        Format.table,
        Format.markdown,
        Format.html,
    }
    assert {f for f in FORMATS if FORMATS[f].whole_records} == {
        Format.csv,
        Format.json,
        Format.jsonl,
        Format.yaml,
    }
    assert {f for f in FORMATS if FORMATS[f].spreadsheet_rows} == {Format.csv, Format.tsv}


def test_the_help_of_f_names_every_format_from_its_record() -> None:
    for name, record in FORMATS.items():
        assert f"{name.value} ({record.description})" in uzit_help("stats")


def test_the_readme_has_a_row_for_every_format() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| format | what you get |", 1)[1].split("\n\n", 1)[0]
    rows = {line.split("|")[1].strip().split()[0] for line in table.splitlines()[2:]}
    assert rows == {f"`{name.value}`" for name in Format}


def uzit_help(command: str) -> str:
    from conftest import invoke

    # Click wraps at a hyphen too ("semicolon-" / "separated"): such a break is joined back.
    return " ".join(re.sub(r"-\n\s+", "-", invoke(command, "--help").stdout).split())
