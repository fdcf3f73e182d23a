"""What every command shares: the registry and format options, loading, and writing a report."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, TypeVar

import typer

from uzit_cli.model import Registry
from uzit_cli.output import Format, Report, Stream, Streams, write_report
from uzit_cli.problems import Problem, RegistryError, UsageError, UzitError
from uzit_cli.registry import STDIN, bundled_registry_path, display_path, load_registry


class FromEnvironment(str):
    """A registry path that came from $UZIT_REGISTRY, so that an error can say so."""

    __slots__ = ()


def _registry_given(ctx: typer.Context, value: str | None) -> str | None:
    """Refuse an empty path (`-r "$UNSET"`), and mark a path that came from UZIT_REGISTRY."""
    if value is None:
        return None
    if value == "":
        raise typer.BadParameter(
            'the registry path is empty (an unset variable in -r "$VAR"?); '
            "leave the option out to read the bundled registry"
        )
    source = ctx.get_parameter_source("registry")
    if source is not None and source.name == "ENVIRONMENT":
        return FromEnvironment(value)
    return value


RegistryOption = Annotated[
    str | None,
    typer.Option(
        "--registry",
        "-r",
        envvar="UZIT_REGISTRY",
        show_envvar=True,
        metavar="PATH",
        callback=_registry_given,
        help="Registry file to read; '-' reads standard input. "
        "Default: $UZIT_REGISTRY, else the bundled registry. Example: -r my-registry.yaml",
    ),
]

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format: auto (a table on a terminal, tab-separated values in a pipe), "
        "table, tsv, csv, json, jsonl, yaml or markdown. Example: -f json",
    ),
]

JqOption = Annotated[
    str | None,
    typer.Option(
        "--jq",
        metavar="EXPR",
        help="Filter the JSON output with a jq expression (implies -f json); a string prints "
        "without quotes. Example: --jq '.[] | select(.city == \"Tashkent\") | .id'",
        show_default=False,
    ),
]


FormatChoice = TypeVar("FormatChoice", bound=Enum)


def with_jq(output_format: FormatChoice, jq: str | None) -> FormatChoice:
    """The format to write (Format, or a command's own choice of formats): json when --jq
    is given (with -f auto or json; any other format is a usage error), else the one asked."""
    if jq is None:
        return output_format
    if output_format.value not in ("auto", "json"):
        raise UsageError(f"--jq filters JSON output; leave out -f {output_format.value}")
    return type(output_format)("json")


NoHeaderOption = Annotated[
    bool,
    typer.Option(
        "--no-header",
        help="Leave out the header row in tsv and csv output. Example: -f tsv --no-header",
    ),
]

WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        metavar="N",
        min=20,
        help="Fit a table to N columns instead of the terminal's width (or, in a file or "
        "pipe, $COLUMNS, else 120). Example: -f table --width 100 > residents.txt",
        show_default=False,
    ),
]

ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace the output file if it exists (without it, an existing file is an error "
        "and is left untouched). Example: --force",
    ),
]

PROGRESS_AFTER_SECONDS = 0.5


class OutputClosed(UzitError):
    """The reader of our output went away (`uzit list | head`): stop quietly."""

    exit_code = 0


def registry_path(option: str | None) -> str:
    """The registry to read: --registry, else $UZIT_REGISTRY (Typer fills both), else bundled."""
    return option if option is not None else str(bundled_registry_path())


def streams_of(ctx: typer.Context) -> Streams:
    """Standard output and error as `cli.run` decided them at start-up (Typer's `ctx.obj`);
    detected afresh only for an app run without `cli.run` (Typer's own test runner)."""
    found = ctx.find_object(Streams)
    return found if found is not None else Streams.detect()


def open_registry(option: str | None, err: Stream) -> Registry:
    """Load the selected registry, with a progress note on `err` (standard error) when it is a
    terminal and loading takes a while."""
    path = registry_path(option)
    shown = display_path(path)
    check_environment_path(option, shown)
    with _progress(f"Reading {shown}", err):
        return load_registry(path, display=shown)


def check_environment_path(option: str | None, shown: str) -> None:
    """A path from UZIT_REGISTRY that does not exist is reported as coming from there."""
    if isinstance(option, FromEnvironment) and option != STDIN and not os.path.lexists(option):
        raise RegistryError(
            [
                Problem(
                    shown, 1, 1, "no such file (the path comes from UZIT_REGISTRY)", code="no-file"
                )
            ]
        )


@contextmanager
def _progress(message: str, err: Stream | None = None) -> Iterator[None]:
    """A transient status on `err` (by default standard error as it is now), only on a
    terminal, only after half a second."""
    if err is None:
        err = Streams.detect().err
    if not err.is_terminal:
        yield
        return
    done = threading.Event()

    def show() -> None:
        if done.wait(PROGRESS_AFTER_SECONDS):
            return
        from rich.text import Text

        from uzit_cli.output.console import make_console

        # a Text, not a str: status() would read a path such as `[/x].yaml` as Rich markup
        with make_console(err).status(Text(message)):
            done.wait()

    thread = threading.Thread(target=show, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def emit(
    report: Report,
    output_format: Format,
    out: Stream,
    *,
    header: bool = True,
    width: int | None = None,
    jq: str | None = None,
) -> None:
    """Write a report to `out` (standard output); a closed pipe ends the command quietly.
    `width` fits a table to that many columns (see WidthOption); `jq` filters the JSON
    (see JqOption: the jq library is imported only then)."""
    program = None
    if jq is not None:
        from uzit_cli.output.jq_filter import compile_expression

        try:
            program = compile_expression(jq)
        except ValueError as error:
            raise UsageError(f"--jq: {error}") from None
    try:
        if program is not None:
            from uzit_cli.output.jq_filter import write_filtered

            try:
                write_filtered(report, program, out)
            except ValueError as error:
                raise UsageError(f"--jq: {error}") from None
        else:
            write_report(report, output_format, out, header=header, width=width)
        out.file.flush()
    except BrokenPipeError:
        raise OutputClosed() from None


def illustrative_notices(registry: Registry) -> tuple[str, ...]:
    if not registry.info.illustrative:
        return ()
    return (
        "Illustrative data: the company records are stand-ins that reproduce published "
        "aggregates, not real companies.",
    )
