"""`--jq EXPR`: a command's JSON output filtered by a jq expression, as `gh --jq` does.

The `jq` library is imported here only, and this module only when `--jq` is given. Each result
is printed on a line of its own: a string as its text (no quotes), anything else as JSON
(indented on a terminal, one line in a pipe). A bad expression, or one that fails on the data,
is a ValueError carrying jq's own message on one line.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from uzit_cli.output.report import Format, Report
from uzit_cli.output.streams import Stream
from uzit_cli.output.writers import is_unicode, write_report


def _one_line(error: Exception) -> str:
    """jq's message without its `jq: error:` prefix and the pointer lines under it."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else "jq failed"
    return first.removeprefix("jq: error: ").rstrip(":")


def compile_expression(expression: str) -> Any:
    """The compiled expression; ValueError with jq's message when it does not compile."""
    import jq

    try:
        return jq.compile(expression)
    except ValueError as error:
        raise ValueError(_one_line(error)) from None


def filtered(report: Report, program: Any) -> Iterator[Any]:
    """The results of `program` (compiled) over the report's JSON document."""
    buffer = io.StringIO()
    write_report(report, Format.json, Stream(buffer))
    try:
        results: list[Any] = program.input_value(json.loads(buffer.getvalue())).all()
    except ValueError as error:
        raise ValueError(_one_line(error)) from None
    return iter(results)


def write_filtered(report: Report, program: Any, output: Stream) -> None:
    """Write each result of `program` over the report's JSON to `output` (see the module)."""
    ascii_only = not is_unicode(output.file)  # as -f json: JSON stays JSON in any encoding
    indent = 2 if output.is_terminal else None
    for result in filtered(report, program):
        if isinstance(result, str):
            text = result
        else:
            text = json.dumps(result, ensure_ascii=ascii_only, indent=indent)
        output.file.write(text + "\n")
