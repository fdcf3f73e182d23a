"""`uzit init [PATH]`: write a commented starter registry, and its schema next to it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.commands.common import streams_of
from uzit_cli.problems import UzitError
from uzit_cli.schema import schema_text
from uzit_cli.starter import DEFAULT_SCHEMA_FILE, starter_registry


def write_new(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path`; an existing file is replaced only with `force`."""
    try:
        with path.open("w" if force else "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise UzitError(f"{path} already exists; use --force to replace it") from None
    except IsADirectoryError:
        raise UzitError(f"{path} is a directory; give a file name") from None
    except OSError as error:
        raise UzitError(f"cannot write {path}: {error.strerror or error}") from None


def init(
    ctx: typer.Context,
    target: Annotated[
        str,  # text, not Path: uzit converts it without pydantic (commands/coercion.py)
        typer.Argument(
            metavar="PATH",
            help="The registry file to create. Example: my-registry.yaml",
        ),
    ] = "registry.yaml",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace PATH (and the schema file) if they exist. Example: uzit init --force",
        ),
    ] = False,
) -> None:
    """Write a commented starter registry: one example source, one example resident, and a
    first line that names the JSON Schema for editors. The schema is written next to it as
    registry.schema.json unless that file exists. An existing PATH is never replaced without
    --force. `uzit validate` passes on the file as written.

    \b
    Examples:
      uzit init
      uzit init my-registry.yaml && uzit validate my-registry.yaml
    """
    out = streams_of(ctx).out.file
    path = Path(target)
    write_new(path, starter_registry(path.name), force=force)
    print(f"wrote {path}", file=out)
    schema_path = path.parent / DEFAULT_SCHEMA_FILE
    if force or not schema_path.exists():
        write_new(schema_path, schema_text(), force=True)
        print(f"wrote {schema_path}", file=out)
