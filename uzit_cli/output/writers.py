"""Every format written the same way for every command, streamed row by row."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, TextIO

from uzit_cli.language import N_, _
from uzit_cli.model import EMPTY_IS_A_VALUE
from uzit_cli.output.report import Column, Format, Report, View
from uzit_cli.output.streams import Stream, described, utf8
from uzit_cli.output.values import (
    AS_IS,
    header_text,
    inert,
    joined,
    json_safe,
    json_value,
    markdown_cell,
    note_text,
    plain_text,
    spreadsheet_cells,
    tsv_field,
)

if TYPE_CHECKING:
    import json


def resolve_format(requested: Format, stream: Stream | TextIO) -> Format:
    """`auto` becomes a table on a terminal and TSV anywhere else."""
    if requested is not Format.auto:
        return requested
    return Format.table if described(stream).is_terminal else Format.tsv


def write_report(
    report: Report,
    requested: Format,
    stream: Stream | TextIO,
    *,
    header: bool = True,
    width: int | None = None,
    err: Stream | None = None,
) -> None:
    """Write `report` to `stream` in the requested format (`auto` resolved for that stream):
    `header` is the header row of TSV and CSV, `width` the width a table is fitted to, `err`
    where what the format has no room for goes (see FormatRecord); without it, nowhere."""
    stream = described(stream)
    record = FORMATS[resolve_format(requested, stream)]
    options = WriteOptions(header, width)
    if report.explanation and record.explanation == "inline" and record.shape != "page":
        report = replace(report, views=[*report.views, *report.explanation], explanation=())
    if record.utf8 or report.bom:  # a byte order mark says UTF-8: the bytes must be
        with utf8(stream, record.format.value.upper()) as encoded:
            if report.bom:
                encoded.file.write("\ufeff")
            record.writer(report, encoded, options)
    else:
        record.writer(report, stream, options)
    if err is not None and (report.chart or report.explanation or report.warnings):
        # the output first, whole: a reader gone early (`| head`) or a full disk ends the
        # command there, before anything is said about it on standard error
        stream.file.flush()
    if report.chart is not None:
        _write_chart(report, record, stream, err)
    if err is not None:
        _write_to_stderr(report, record, err, width)


def _write_chart(report: Report, record: FormatRecord, out: Stream, err: Stream | None) -> None:
    """A report's chart after it: in colour on a terminal's table, fenced in Markdown, on
    standard error for machine formats; the page has drawn it already."""
    from uzit_cli.output.bars import Chart, write_chart

    assert isinstance(report.chart, Chart)
    if record.shape == "page":
        return
    if record.chart == "inline":
        rich = record.format is Format.table and out.is_terminal
        write_chart(report.chart, out, rich=rich, fenced=record.format is Format.markdown)
        out.file.flush()
    elif err is not None:
        write_chart(report.chart, err, rich=False)
        err.file.flush()


EXPLAIN_NOTE = N_(
    "--explain: the explanation is above, on standard error; standard output keeps only the rows"
)


def _write_to_stderr(report: Report, record: FormatRecord, err: Stream, width: int | None) -> None:
    """What the format has no room for, on standard error: the explanation as a table (so
    `| less` still shows it and the rows stay parseable), then the warnings, then a note that
    says where the explanation went; written after the output."""
    out_of_band = report.explanation and record.explanation == "stderr"
    if out_of_band:
        write_report(Report(report.explanation), Format.table, err, width=width)
        err.file.flush()
    if record.for_people:
        return
    warning = _("uzit: warning: {message}")
    lines = [warning.format(message=inert(text)) for text in report.warnings]
    if out_of_band:
        lines.append(_("uzit: note: {message}").format(message=_(EXPLAIN_NOTE)))
    if lines:
        err.file.write("\n".join(lines) + "\n")
        err.file.flush()


def is_absent(value: Any) -> bool:
    """None, an empty mapping or an empty list: what a record without that optional field
    holds (a resident without `sources` has the empty tuple)."""
    # `not value` first: the Mapping check is slow, and only a falsy value can be empty
    return value is None or (not value and isinstance(value, (tuple, Mapping)))


def without_absent(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without its absent fields (see `is_absent`): None always, an empty list only
    where it is not a value (EMPTY_IS_A_VALUE), as `row_objects` leaves them out."""
    return {
        key: value
        for key, value in record.items()
        if value is not None and (key in EMPTY_IS_A_VALUE or not is_absent(value))
    }


def row_objects(view: View) -> Iterator[dict[str, Any]]:
    """The rows of a view as JSON-ready objects, as `-f json`, `-f yaml` and `-f jsonl`
    write them (whole records without their absent fields when the view says so)."""
    keys = [column.key for column in view.machine_columns()]
    if view.omit_absent:
        for row in view.rows:
            record = {}
            for key in keys:  # is_absent() and json_value(), inlined for the common values
                value = row.get(key)
                if value is None:
                    continue
                if type(value) in AS_IS:
                    record[key] = value
                elif key in EMPTY_IS_A_VALUE or not is_absent(value):
                    record[key] = json_value(value)
            yield record
        return
    for row in view.rows:
        yield {key: json_value(row.get(key)) for key in keys}


def _document(report: Report) -> Any:
    if report.document is not None:
        return json_value(report.document)
    return row_objects(report.views[0])


class WriteOptions:
    """How to write: the header row of TSV and CSV, and the width a table is fitted to. (A
    plain class: made once per report, never compared; a dataclass compiles its methods at
    every start-up.)"""

    __slots__ = ("header", "width")

    def __init__(self, header: bool = True, width: int | None = None) -> None:
        self.header, self.width = header, width


def _write_table(report: Report, output: Stream, options: WriteOptions) -> None:
    from uzit_cli.output.table import write_tables  # Rich is imported only to draw a table

    write_tables(report, output, width=options.width)


def _write_tsv(report: Report, output: Stream, options: WriteOptions) -> None:
    stream = output.file
    view = report.views[0]
    keys = [column.key for column in view.machine_columns()]
    if options.header:
        stream.write("\t".join(keys) + "\n")
    for row in view.rows:
        stream.write("\t".join([tsv_field(row.get(key)) for key in keys]) + "\n")


def _write_csv(report: Report, output: Stream, options: WriteOptions) -> None:
    import csv  # only for this format

    stream = output.file
    view = report.views[0]
    writer = csv.writer(stream, lineterminator="\r\n")  # RFC 4180
    keys = [column.key for column in view.machine_columns()]
    if options.header:
        writer.writerow(keys)
    for row in view.rows:
        writer.writerow(spreadsheet_cells(map(row.get, keys)))


# Made once: json.dumps() with options builds a new encoder for every call, that is every row.
# On a stream that cannot hold every character (PYTHONIOENCODING=ascii, latin-1, cp932), JSON is
# written as ASCII with \uXXXX escapes: the same values, never the stream's lossy replacement.
# Made on first use, so that a command writing no JSON does not import the json module.
@functools.cache
def _encoder(pretty: bool, ascii_only: bool) -> json.JSONEncoder:
    import json

    return json.JSONEncoder(
        ensure_ascii=ascii_only,
        indent=2 if pretty else None,
        separators=(",", ": ") if pretty else (",", ":"),
    )


# A float written in exponent form without a point (1e+20, 1e-07) is text to YAML 1.1; the
# strings of a JSON text are skipped by matching them first.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?\d+(?:\.\d+)?)([eE][-+]?\d+)')


def _with_points(text: str) -> str:
    """JSON numbers in exponent form given a point and a signed exponent: 1.0e+20, 1.0e-07."""

    def point(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group()
        exponent = match.group(2)
        if exponent[1] not in "+-":
            exponent = exponent[0] + "+" + exponent[1:]
        mantissa = match.group(1)
        return f"{mantissa if '.' in mantissa else mantissa + '.0'}{exponent}"

    return _JSON_TOKEN.sub(point, text)


# What json writes after a float's digits in exponent form (repr(): a lowercase e, a sign).
# Searched for on its own, since a search that starts at every digit took as long as encoding.
_EXPONENT = re.compile(r"e[-+][0-9]")


def _in_exponent_form(text: str) -> bool:
    """Whether a JSON text may hold a number in exponent form: an `e+1` or `e-1` after a digit
    (in a string too, which _with_points leaves alone)."""
    return any(
        text[found.start() - 1 : found.start()].isdigit() for found in _EXPONENT.finditer(text)
    )


def is_unicode(stream: TextIO) -> bool:
    """Whether the stream's encoding holds every character (UTF-8, -16 or -32)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding.startswith("utf")


def _dumps(item: Any, *, pretty: bool, ascii_only: bool = False) -> str:
    text = json_safe(_encoder(pretty, ascii_only).encode(item))
    return _with_points(text) if _in_exponent_form(text) else text


def _write_json(report: Report, output: Stream, options: WriteOptions) -> None:
    stream = output.file
    pretty = output.is_terminal  # indented for a person, one line for a program
    ascii_only = not is_unicode(stream)  # JSON stays JSON in any output encoding
    document = _document(report)
    if isinstance(document, Iterator):
        _write_json_array(document, stream, pretty=pretty, ascii_only=ascii_only)
    else:
        stream.write(_dumps(document, pretty=pretty, ascii_only=ascii_only) + "\n")


def _write_json_array(
    items: Iterable[Any], stream: TextIO, *, pretty: bool, ascii_only: bool = False
) -> None:
    """A JSON array written one element at a time, so a large list never becomes one string."""
    separator, opening, closing = (",\n  ", "[\n  ", "\n]\n") if pretty else (",", "[", "]\n")
    first = True
    for item in items:
        stream.write(opening if first else separator)
        text = _dumps(item, pretty=pretty, ascii_only=ascii_only)
        stream.write(text.replace("\n", "\n  ") if pretty else text)
        first = False
    stream.write("[]\n" if first else closing)


def line_encoder(ascii_only: bool) -> Callable[[Any], str]:
    """JSON text of one value on one line, as _encoder(False, ascii_only).encode writes it, from
    one C encoder made once: encode() makes a new one for every value (a fifth of writing
    10,000 JSON Lines). json.encoder.c_make_encoder is CPython's, not documented: where it is
    missing or takes other arguments, encode() does it."""
    from json import encoder as json_encoder

    encoder = _encoder(False, ascii_only)
    make = getattr(json_encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    strings = json_encoder.encode_basestring_ascii if ascii_only else json_encoder.encode_basestring
    try:  # (markers, default, strings, indent, key and item separators, sort, skip, NaN)
        encode = make(None, encoder.default, strings, None, ":", ",", False, False, True)
    except TypeError:
        return encoder.encode
    return lambda value: "".join(encode(value, 0))


def _write_jsonl(report: Report, output: Stream, options: WriteOptions) -> None:
    stream = output.file
    encode = line_encoder(not is_unicode(stream))
    document = _document(report)
    items: Iterable[Any] = document if isinstance(document, (Iterator, list)) else [document]
    # Lines are made safe a batch at a time (what _dumps does to one text): the two passes
    # over each line of 10,000 cost as much as encoding them. Batches grow from one line, so
    # the first lines are out at once.
    batch: list[str] = []
    written = 0
    try:
        for item in items:
            batch.append(encode(item))
            if len(batch) >= min(written, _JSONL_BATCH):  # 1, 1, 2, 4, 8... lines
                full, batch = batch, []
                _write_lines(full, stream)
                written += len(full)
    finally:  # the lines made before an interruption are written, as one by one they were
        if batch:
            _write_lines(batch, stream)


_JSONL_BATCH = 256  # lines at most in one batch


def _write_lines(lines: list[str], stream: TextIO) -> None:
    text = json_safe("\n".join(lines))
    stream.write((_with_points(text) if _in_exponent_form(text) else text) + "\n")


def _write_yaml(report: Report, output: Stream, options: WriteOptions) -> None:
    stream = output.file
    import yaml

    document = _document(report)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    # On a stream that cannot hold Unicode, YAML's own escapes keep the values exact.
    unicode = is_unicode(stream)
    if not isinstance(document, Iterator):
        yaml.dump(document, stream, Dumper=dumper, sort_keys=False, allow_unicode=unicode)
        return
    # A list of rows is written one item at a time, as the same block sequence one dump of the
    # whole list gives: memory stays that of one row, and the first rows come out at once.
    empty = True
    for item in document:
        yaml.dump([item], stream, Dumper=dumper, sort_keys=False, allow_unicode=unicode)
        empty = False
    if empty:
        stream.write("[]\n")


def _write_markdown(report: Report, output: Stream, options: WriteOptions) -> None:
    stream = output.file
    for notice in report.notices:
        stream.write(f"> **{_escape_line(notice)}**\n\n")
    for index, view in enumerate(report.views):
        if index:
            stream.write("\n")
        if view.title:
            stream.write(f"### {_escape_line(view.title)}\n\n")
        rows = view.rows if view.total is None else [*view.rows, view.total]
        _write_markdown_table(view.people_columns(), rows, stream)
        notes = [note_text(column) for column in view.people_columns() if column.note]
        for text in [*notes, *([view.caption] if view.caption else [])]:
            stream.write(f"\n{_escape_line(text)}\n")


def _write_markdown_table(
    columns: Iterable[Column], rows: Iterable[Mapping[str, Any]], stream: TextIO
) -> None:
    columns = list(columns)
    headers = [markdown_cell(header_text(column), Column(column.key, "")) for column in columns]
    stream.write("| " + " | ".join(headers) + " |\n")
    stream.write("|" + "|".join("---:" if c.numeric else "---" for c in columns) + "|\n")
    for row in rows:
        cells = [markdown_cell(row.get(column.key), column) for column in columns]
        stream.write("| " + " | ".join(cells) + " |\n")


def _escape_line(text: str) -> str:
    return markdown_cell(text, Column("", ""))


def _write_html(report: Report, output: Stream, options: WriteOptions) -> None:
    from uzit_cli.output.html.page import report_page  # the page's code only for this format

    output.file.write(report_page(report))


#: What a format writes, given a report, a stream and the options.
Writer = Callable[[Report, Stream, WriteOptions], None]
Placement = Literal["inline", "stderr", "document"]


class FormatRecord:
    """Everything about one format, declared once: `-f` help, `validate`'s choices, the
    writers' table and the tests' lists of formats are derived from these records.

    - `writer` writes a report; `for_people` (titles, labels, notices, numbers rounded) or
      for machines; `whole_records` (a record written whole, read back by programs);
    - `shape`: "tables" (every view), "rows" (the first view's rows, a line each), "document"
      (one JSON or YAML document, else the rows) or "page" (a whole HTML document);
    - where a report's `explanation` goes ("inline" after the views, "stderr" as a table on
      standard error, "document": already in the document) and its `chart` ("inline" or
      "stderr"); `warnings` go to standard error with every format not for people;
    - `utf8`: the format has a defined encoding and is always written as UTF-8 bytes;
    - `spreadsheet_rows`: its rows are a spreadsheet's, so a year-keyed field is spread into a
      column a year, and a UTF-8 byte-order mark may start it (`--bom`).

    A plain class, as FieldSpec is: a declaration never compared, and a dataclass compiles
    its methods at every start-up.
    """

    __slots__ = (
        "chart",
        "description",
        "explanation",
        "for_people",
        "format",
        "shape",
        "spreadsheet_rows",
        "utf8",
        "whole_records",
        "writer",
    )

    def __init__(
        self,
        format: Format,
        description: str,
        writer: Writer,
        for_people: bool,
        whole_records: bool,
        shape: Literal["tables", "rows", "document", "page"],
        explanation: Placement,
        chart: Literal["inline", "stderr"],
        utf8: bool,
        spreadsheet_rows: bool,
    ) -> None:
        self.format, self.description, self.writer = format, description, writer
        self.for_people, self.whole_records, self.shape = for_people, whole_records, shape
        self.explanation, self.chart, self.utf8 = explanation, chart, utf8
        self.spreadsheet_rows = spreadsheet_rows

    def __repr__(self) -> str:  # pytest's ids and messages name the format
        return f"FormatRecord({self.format.value!r})"


FORMATS: dict[Format, FormatRecord] = {
    record.format: record
    for record in (
        FormatRecord(
            Format.table,
            N_("aligned columns"),
            _write_table,
            for_people=True,
            whole_records=False,
            shape="tables",
            explanation="inline",
            chart="inline",
            utf8=False,
            spreadsheet_rows=False,
        ),
        FormatRecord(
            Format.tsv,
            N_("tab-separated values"),
            _write_tsv,
            for_people=False,
            whole_records=False,
            shape="rows",
            explanation="stderr",
            chart="stderr",
            utf8=False,
            spreadsheet_rows=True,
        ),
        FormatRecord(
            Format.csv,
            N_("comma-separated values"),
            _write_csv,
            for_people=False,
            whole_records=True,
            shape="rows",
            explanation="stderr",
            chart="stderr",
            utf8=True,
            spreadsheet_rows=True,
        ),
        FormatRecord(
            Format.json,
            N_("one JSON document"),
            _write_json,
            for_people=False,
            whole_records=True,
            shape="document",
            explanation="document",
            chart="stderr",
            utf8=True,
            spreadsheet_rows=False,
        ),
        FormatRecord(
            Format.jsonl,
            N_("a JSON object a line"),
            _write_jsonl,
            for_people=False,
            whole_records=True,
            shape="rows",
            explanation="stderr",
            chart="stderr",
            utf8=True,
            spreadsheet_rows=False,
        ),
        FormatRecord(
            Format.yaml,
            N_("one YAML document"),
            _write_yaml,
            for_people=False,
            whole_records=True,
            shape="document",
            explanation="document",
            chart="stderr",
            utf8=True,
            spreadsheet_rows=False,
        ),
        FormatRecord(
            Format.markdown,
            N_("Markdown tables"),
            _write_markdown,
            for_people=True,
            whole_records=False,
            shape="tables",
            explanation="inline",
            chart="inline",
            utf8=False,
            spreadsheet_rows=False,
        ),
        FormatRecord(
            Format.html,
            N_("one self-contained HTML page"),
            _write_html,
            for_people=True,
            whole_records=False,
            shape="page",
            explanation="inline",
            chart="inline",
            utf8=True,
            spreadsheet_rows=False,
        ),
    )
}
WRITERS: dict[Format, Writer] = {name: record.writer for name, record in FORMATS.items()}
#: The formats whose rows are a spreadsheet's (see FormatRecord).
SPREADSHEET_FORMATS = tuple(name for name, record in FORMATS.items() if record.spreadsheet_rows)
if set(FORMATS) != set(Format) - {Format.auto}:  # a new format without a record fails at import
    raise RuntimeError(f"no record for {sorted(set(Format) - set(FORMATS) - {Format.auto})}")


def formats_where(**traits: object) -> str:
    """The names of the formats whose record has these traits, in words: `tsv, csv and jsonl`."""
    names = [
        name.value
        for name, record in FORMATS.items()
        if all(getattr(record, key) == value for key, value in traits.items())
    ]
    if len(names) < 2:
        return "".join(names)
    return _("{formats} and {last}").format(formats=joined(names[:-1]), last=names[-1])


def format_help() -> str:
    """The choices of `-f`, in words, from the records."""
    # Translators: a format's name and what it writes, as in "csv (comma-separated values)"
    shown = _("{format} ({description})")
    names = joined(
        shown.format(format=name.value, description=_(record.description))
        for name, record in FORMATS.items()
    )
    return _("auto (a table on a terminal, tab-separated values in a pipe), {formats}").format(
        formats=names
    )


__all__ = [
    "Format",
    "is_absent",
    "plain_text",
    "resolve_format",
    "row_objects",
    "without_absent",
    "write_report",
]
