"""`uzit validate`: check a registry against the format and its published figures."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from uzit_cli.commands.common import (
    FormatOption,
    NoHeaderOption,
    OutputClosed,
    RegistryOption,
    check_environment_path,
    emit,
    registry_path,
)
from uzit_cli.model import PublishedFigure, Registry
from uzit_cli.output import Column, Format, Report, View
from uzit_cli.problems import Problem, RegistryError
from uzit_cli.registry import display_path, load_registry
from uzit_cli.stats import check_published

PROBLEM_COLUMNS = (
    Column("path", "Path"),
    Column("line", "Line", "int"),
    Column("column", "Column", "int"),
    Column("severity", "Severity"),
    Column("message", "Message"),
)


def published_warnings(registry: Registry, path: str) -> list[Problem]:
    """A warning for each published figure that the records do not reproduce."""
    figures: dict[tuple[str, int | None, str], list[PublishedFigure]] = {}
    for published in registry.info.published:  # duplicates kept in file order, one per check
        figures.setdefault((published.metric, published.year, published.source), []).append(
            published
        )
    warnings = []
    for check in check_published(registry.residents, registry.info):  # in file order
        same = figures.get((check.metric, check.year, check.source))
        figure = same.pop(0) if same else None
        if check.matches:
            continue
        line, column = (figure.line, figure.column) if figure else (1, 1)
        year = f" in {check.year}" if check.year is not None else ""
        warnings.append(
            Problem(
                path,
                line,
                column,
                f"published {check.metric}{year} is {check.published:,} ({check.source}) "
                f"but the records give {check.computed:,}",
                severity="warning",
            )
        )
    return warnings


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def validate(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Argument(
            metavar="PATH",
            help="Registry file to check ('-' for standard input). Default: the selected "
            "registry (--registry, $UZIT_REGISTRY, else the bundled one). Example: my.yaml",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Treat a published figure that the records do not reproduce as an error "
            "(exit 1). Example: uzit validate --strict",
        ),
    ] = False,
    registry: RegistryOption = None,
    output_format: FormatOption = Format.auto,
    no_header: NoHeaderOption = False,
) -> None:
    """Check a registry: every rule of the format, and its published figures.

    On success prints one line and exits 0. Otherwise every problem is listed as
    PATH:LINE:COL: message on standard error, then a count, and the exit status is 1.
    With --format other than auto, the problems are written to standard output as
    records (path, line, column, message, severity) for editors and CI.

    \b
    Examples:
      uzit validate
      uzit validate my-registry.yaml --strict
      uzit validate my-registry.yaml -f json
    """
    given = ctx.get_parameter_source("registry")
    if path is not None and registry is not None and given and given.name == "COMMANDLINE":
        raise typer.BadParameter(
            "give the registry either as PATH or with --registry, not both",
            param_hint="'--registry'",
        )
    source = path if path is not None else registry_path(registry)
    shown = display_path(source)
    registry_data: Registry | None = None
    uncounted = 0  # the "more problems follow" line after the first 1,000
    try:
        if path is None:
            check_environment_path(registry, shown)
        registry_data = load_registry(source, display=shown)
        problems = published_warnings(registry_data, shown)
    except RegistryError as error:
        problems = list(error.problems)
        uncounted = len(problems) - getattr(error, "counted", len(problems))
    if strict:
        problems = [Problem(p.path, p.line, p.column, p.message, "error") for p in problems]
    errors = sum(1 for p in problems if p.severity == "error") - uncounted

    if output_format is not Format.auto:
        rows = [p.as_dict() for p in problems]
        try:
            emit(
                Report([View(PROBLEM_COLUMNS, rows, title=f"Problems in {shown}")], document=rows),
                output_format,
                header=not no_header,
            )
        except OutputClosed as closed:
            if errors:  # the reader left early; the registry is still invalid
                closed.exit_code = 1
            raise
    else:
        for problem in problems:
            label = "warning: " if problem.severity == "warning" else ""
            print(
                f"{problem.path}:{problem.line}:{problem.column}: {label}{problem.message}",
                file=sys.stderr,
            )
        if errors:
            more = " or more" if uncounted else ""
            print(f"uzit: error: {shown}: {_plural(errors, 'problem')}{more}", file=sys.stderr)
        elif registry_data is not None:
            print(_success_line(registry_data, shown, len(problems)))
    if errors:
        raise typer.Exit(1)


def _success_line(registry: Registry, shown: str, mismatches: int) -> str:
    published = len(registry.info.published)
    summary = (
        f"{shown}: OK — {_plural(len(registry.residents), 'resident')}, "
        f"{_plural(len(registry.info.sources), 'source')}"
    )
    if published:
        reproduced = published - mismatches
        verdict = "reproduced" if not mismatches else "NOT all reproduced"
        summary += f"; published figures {verdict} ({reproduced}/{published})"
    return summary
