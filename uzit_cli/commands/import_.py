"""`uzit import FILE.xlsx -o registry.yaml`: a workbook from `uzit export`, back as a registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.cli.common import ForceOption, streams_of
from uzit_cli.registry import display_path
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
    from uzit_cli.exchange import importing  # openpyxl: only when importing

    if output == "-":
        text = importing.registry_yaml(importing.read_workbook(file), file.name)
        importing.checked(text, "<stdout>")
        streams.out.file.write(text)
        return
    # refuses an existing file, or the workbook itself, before reading anything
    with replacing(Path(output), force=force, reading=file_name) as temporary:
        text = importing.registry_yaml(importing.read_workbook(file), file.name)
        registry = importing.checked(text, f"{display_path(output)} (not written)")
        temporary.write_text(text, encoding="utf-8")
    count = len(registry.residents)
    print(
        f"uzit: wrote {output} ({plural(count, 'resident')}, "
        f"as of {registry.info.as_of.isoformat()}); it passes `uzit validate`",
        file=streams.err.file,
    )
