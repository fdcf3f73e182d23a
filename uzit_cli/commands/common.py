"""What every command shares: the registry and format options, loading, and writing a report."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Optional

import typer

from uzit_cli.model import Registry
from uzit_cli.output import Format, Report, is_terminal, write_report
from uzit_cli.problems import UzitError
from uzit_cli.registry import bundled_registry_path, display_path, load_registry

RegistryOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option(
        "--registry",
        "-r",
        envvar="UZIT_REGISTRY",
        show_envvar=True,
        metavar="PATH",
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

NoHeaderOption = Annotated[
    bool,
    typer.Option(
        "--no-header",
        help="Leave out the header row in tsv and csv output. Example: -f tsv --no-header",
    ),
]

WidthOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--width",
        metavar="N",
        min=20,
        help="Fit a table to N columns instead of the terminal's width (or, in a file or "
        "pipe, $COLUMNS, else 120). Example: -f table --width 100 > residents.txt",
        show_default=False,
    ),
]

PROGRESS_AFTER_SECONDS = 0.5


class OutputClosed(UzitError):
    """The reader of our output went away (`uzit list | head`): stop quietly."""

    exit_code = 0


def registry_path(option: str | None) -> str:
    """The registry to read: --registry, else $UZIT_REGISTRY (Typer fills both), else bundled."""
    return option if option else str(bundled_registry_path())


def open_registry(option: str | None) -> Registry:
    """Load the selected registry, with a progress note on a terminal when it takes a while."""
    path = registry_path(option)
    with _progress(f"Reading {display_path(path)}"):
        return load_registry(path)


@contextmanager
def _progress(message: str) -> Iterator[None]:
    """A transient status on stderr, only on a terminal, only after half a second."""
    if not is_terminal(sys.stderr):
        yield
        return
    done = threading.Event()

    def show() -> None:
        if done.wait(PROGRESS_AFTER_SECONDS):
            return
        from rich.console import Console

        with Console(stderr=True, markup=False, highlight=False).status(message):
            done.wait()

    thread = threading.Thread(target=show, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def emit(
    report: Report, output_format: Format, *, header: bool = True, width: int | None = None
) -> None:
    """Write a report to standard output; a closed pipe ends the command quietly. `width`
    fits a table to that many columns (see WidthOption)."""
    try:
        write_report(report, output_format, sys.stdout, header=header, width=width)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed() from None


def illustrative_notices(registry: Registry) -> tuple[str, ...]:
    if not registry.info.illustrative:
        return ()
    return (
        "Illustrative data: the company records are stand-ins that reproduce published "
        "aggregates, not real companies.",
    )
