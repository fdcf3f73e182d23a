"""`uzit import FILE.xlsx -o registry.yaml`: a workbook from `uzit export`, back as a registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TextIO

import typer

from uzit_cli.commands.common import ForceOption, streams_of
from uzit_cli.output.values import inert
from uzit_cli.words import plural
from uzit_cli.writing import replacing


def import_workbook(
    ctx: typer.Context,
    file_name: Annotated[
        str,  # not Path: uzit converts str options itself, without pydantic (see coercion.py)
        typer.Argument(
            metavar="FILE",
            help="An .xlsx workbook written by `uzit export` (edited or not). "
            "Example: residents.xlsx",
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The registry file to write ('-' writes standard output). An existing file "
            "is replaced only with --force. Example: -o registry.yaml",
            show_default=False,
        ),
    ],
    force: ForceOption = False,
) -> None:
    """Read a workbook written by `uzit export` back into a registry file, after checking it
    with every rule of `uzit validate` (nothing is written when a rule fails, exit 1).

    The sheets Residents (jobs_YEAR columns become jobs_created), Sources, Published,
    Targets and About are read by their header names; Figures and the projections are
    computed, so edits there are ignored. Lists are comma-separated cells.

    \b
    Examples:
      uzit export residents.xlsx
      uzit import residents.xlsx -o registry.yaml
      uzit stats -r registry.yaml
    """
    file = Path(file_name)
    streams = streams_of(ctx)
    from uzit_cli import importing  # openpyxl: only when importing

    if output == "-":
        imported = importing.import_workbook(file)
        text = importing.registry_yaml(imported.document, file.name)
        importing.checked(text, file.name, imported)
        _tell_ignored(imported.ignored, streams.err.file)
        write_utf8(streams.out.file, text)
        return
    # refuses an existing file, or the workbook itself, before reading anything
    with replacing(Path(output), force=force, reading=file_name) as temporary:
        imported = importing.import_workbook(file)
        text = importing.registry_yaml(imported.document, file.name)
        registry = importing.checked(text, file.name, imported)
        temporary.write_text(text, encoding="utf-8")
    _tell_ignored(imported.ignored, streams.err.file)
    count = len(registry.residents)
    print(
        f"uzit: wrote {output} ({plural(count, 'resident')}, "
        f"as of {registry.info.as_of.isoformat()}); it passes `uzit validate`",
        file=streams.err.file,
    )


def _tell_ignored(ignored: list[str], err: TextIO) -> None:
    for line in ignored:
        print(f"uzit: warning: {inert(line)}; ignored", file=err)


def write_utf8(out: TextIO, text: str) -> None:
    """`text` as UTF-8 bytes, whatever the locale's encoding (PYTHONIOENCODING=ascii would
    otherwise turn every Japanese name into `\\u30a8` text): a registry is UTF-8."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a stream of text only (a test's StringIO): it takes the text as it is
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
