"""`uzit validate`: check a registry against the format and its published figures."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.cli.common import (
    LayoutOptions,
    OutputClosed,
    RegistryOptions,
    check_environment_path,
    described,
    help_with,
    refuse_empty_path,
    streams_of,
    with_jq,
)
from uzit_cli.cli.option_groups import takes_groups
from uzit_cli.language import N_, Np_, _, _n, _p
from uzit_cli.model import Registry
from uzit_cli.numbers import whole
from uzit_cli.output import Column, Format, Report, View, resolve_format
from uzit_cli.output.writers import FORMATS
from uzit_cli.problems import Problem, RegistryError
from uzit_cli.registry import STDIN, display_path, load_registry
from uzit_cli.registry.warnings import registry_warnings

PROBLEM_COLUMNS = (
    # the first to go from a narrow table: the title names the file (a priority above
    # layout.ESSENTIAL, so it goes before the message is narrowed below layout.NAME_MIN)
    Column("path", N_("Path"), priority=6, whole=True),
    Column("line", N_("Line"), "int"),
    Column("column", N_("Column"), "int"),
    Column("severity", "severity", audience="machines"),
    Column("level", N_("Severity"), audience="people"),  # in the reader's language
    Column("message", "message", audience="machines"),  # English, as in every machine format
    # what the reader needs: it keeps its room while Path and Key go
    Column("said", N_("Message"), audience="people", priority=1),
    Column("code", N_("Code"), whole=True),
    # the next to go: the message names the key too
    Column("key_path", N_("Key"), priority=5, whole=True),
)


#: A problem's severity as people read it; machine formats keep the word itself.
SEVERITIES = {"error": Np_("severity", "error"), "warning": Np_("severity", "warning")}

#: The output formats, derived from their records, and `github`: GitHub Actions annotations.
ProblemFormat = Enum(  # type: ignore[misc]
    "ProblemFormat", {**{f.name: f.value for f in Format}, "github": "github"}, type=str
)
GITHUB, AUTO = ProblemFormat("github"), ProblemFormat("auto")


@dataclass(frozen=True)
class Checked:
    """One registry checked: its name as shown, the registry if it loads, its problems, and
    how many of them are not problems of their own (the "more problems follow" line)."""

    shown: str
    registry: Registry | None
    problems: list[Problem]
    uncounted: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error") - self.uncounted


def check_file(source: str, option: str | None = None) -> Checked:
    """Check one registry; `option` is the --registry value it came from, if any (so that a
    missing path from UZIT_REGISTRY says so)."""
    shown = display_path(source)
    try:
        check_environment_path(option, shown)
        registry_data = load_registry(source, display=shown)
    except RegistryError as error:
        problems = list(error.problems)
        return Checked(
            shown, None, problems, len(problems) - getattr(error, "counted", len(problems))
        )
    return Checked(shown, registry_data, registry_warnings(registry_data, shown))


def problem_record(problem: Problem) -> dict[str, object]:
    """A problem for machine formats, with its code (None until the loader gives one)."""
    record = problem.as_dict()
    record.setdefault("code", getattr(problem, "code", None))
    return record


def _annotation_value(text: str, *, property_value: bool = False) -> str:
    """Text escaped as GitHub's workflow commands require (% CR LF, and : , in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


GITHUB_TITLE = "uzit validate"
STDIN_TITLE = N_("uzit validate on standard input (no file to attach it to)")


def github_file(source: str) -> str | None:
    """The path GitHub attaches an annotation to: relative to the working directory (the
    workspace), newlines kept for `%0A`, other characters a terminal acts on escaped; None for
    standard input, which is no file."""
    if source == STDIN:
        return None
    try:
        path = str(Path(os.path.abspath(source)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        path = source
    return "".join(c if c.isprintable() or c in "\r\n" else ascii(c)[1:-1] for c in path)


def github_annotation(problem: Problem, file: str | None = "") -> str:
    """`::error file=…,line=…,col=…,title=…::message`, a line GitHub Actions shows on the file.

    Only such lines start with `::`: every value is escaped, so a name or message can neither end
    the line nor start a command. `file` is the file's path (`github_file`), None for standard
    input (the annotation then names it in its title and message), "" for `problem.path`."""
    kind = "warning" if problem.severity == "warning" else "error"
    code = getattr(problem, "code", None)
    if file is None:
        title = _(STDIN_TITLE)
        message = f"{problem.path}:{problem.line}:{problem.column}: {problem.message}"
        return f"::{kind} title={_annotation_value(title, property_value=True)}::" + (
            _annotation_value(message)
        )
    title = f"{GITHUB_TITLE} ({code})" if code else GITHUB_TITLE
    return (
        f"::{kind} file={_annotation_value(file or problem.path, property_value=True)},"
        f"line={problem.line},col={problem.column},"
        f"title={_annotation_value(title, property_value=True)}"
        f"::{_annotation_value(problem.message)}"
    )


def github_notice(file: str | None, text: str) -> str:
    """A good file's OK line as a `::notice` on the file: never a bare line that a file name
    could make start with `::`."""
    where = "" if file is None else f"file={_annotation_value(file, property_value=True)},"
    title = GITHUB_TITLE if file is not None else _(STDIN_TITLE)
    return (
        f"::notice {where}title={_annotation_value(title, property_value=True)}"
        f"::{_annotation_value(text)}"
    )


@described(
    N_(
        """\
Check registries: every rule of the format, and their published figures.

Each file is checked and reported on its own; the exit status is 1 if any has an error.
For a good file prints one OK line. Otherwise every problem is listed as
PATH:LINE:COL: message on standard error, then a count. With -f github the problems
are GitHub Actions annotations on standard output (::error file=…,line=…,col=…::…).
With another --format the problems of all files are written to standard output as
records (path, line, column, message, severity, code) for editors and CI.

\b
Examples:
  uzit validate
  uzit validate my-registry.yaml --strict
  uzit validate registries/*.yaml -f github
  uzit validate my-registry.yaml -f json
  uzit validate -q && echo valid"""
    )
)
@takes_groups
def validate(
    ctx: typer.Context,
    source: RegistryOptions,
    layout: LayoutOptions,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help=N_(
                "Registry files to check, each reported on its own ('-' for standard input). "
                "Default: the selected registry (--registry, $UZIT_REGISTRY, else the bundled "
                "one). "
                "Example: my.yaml other.yaml"
            ),
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help=N_(
                "Treat every warning as an error (exit 1): a published figure that the "
                "records do not reproduce, a city or sector spelt two ways. "
                "Example: uzit validate --strict"
            ),
        ),
    ] = False,
    output_format: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help=help_with(
                N_(
                    "Output format: auto (problems on standard error, an OK line per good "
                    "file), github (GitHub Actions annotations), or {formats} (the problems as "
                    "records). Example: -f github"
                ),
                formats=lambda: ", ".join(name.value for name in FORMATS),
            ),
        ),
    ] = AUTO,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help=N_(
                "Print only the problems: no OK line for a good file and no count after "
                "them (the exit status still says). Example: uzit validate -q"
            ),
        ),
    ] = False,
) -> None:
    registry = source.registry
    output_format = with_jq(output_format, layout.jq)
    given = ctx.get_parameter_source("registry")
    for path in paths or ():
        refuse_empty_path(
            path,
            given=_('an unset variable in uzit validate "$VAR"?'),
            fix=_("leave PATH out to read the selected registry"),
        )
    if paths and registry is not None and given and given.name == "COMMANDLINE":
        raise typer.BadParameter(
            _("give the registry either as PATH or with --registry, not both"),
            param_hint="'--registry'",
        )
    sources = list(paths) if paths else [source.path]
    checked = []
    for named in sources:
        result = check_file(named, None if paths else registry)
        if strict:
            result = replace(
                result, problems=[replace(p, severity="error") for p in result.problems]
            )
        checked.append(result)
    errors = sum(result.errors for result in checked)
    streams = streams_of(ctx)
    out, err = streams.out.file, streams.err.file

    if output_format is GITHUB:
        for result, named in zip(checked, sources, strict=True):
            file = github_file(named)
            for problem in result.problems:
                print(github_annotation(problem, file), file=out)
            if result.registry is not None and not result.errors and not quiet:
                mismatches = _mismatches(result.problems)
                line = _success_line(result.registry, result.shown, mismatches)
                print(github_notice(file, line), file=out)
    elif output_format is not AUTO:
        problems = [p for result in checked for p in result.problems]
        rows = [problem_record(p) for p in problems]
        shown = [
            {
                **row,
                "level": _p("severity", SEVERITIES.get(p.severity, p.severity)),
                "said": p.message,
            }
            for row, p in zip(rows, problems, strict=True)
        ]
        title, columns = _("Problems in {path}").format(path=checked[0].shown), PROBLEM_COLUMNS
        if len(checked) > 1:  # no one file in the title: the path tells the rows apart
            title = _("Problems")
            columns = (replace(PROBLEM_COLUMNS[0], priority=None), *PROBLEM_COLUMNS[1:])
        try:
            chosen = resolve_format(Format(output_format.value), streams.out)
            view = View(columns, shown, title=title, blocks=True)
            layout.emit(
                Report([view], document=rows),
                chosen,
                streams.out,
            )
        except OutputClosed as closed:
            if errors:  # the reader left early; the registry is still invalid
                closed.exit_code = 1
            raise
    else:
        for result in checked:
            for problem in result.problems:
                print(problem, file=err)
            if quiet:
                continue
            if result.errors:
                count = (
                    _n(
                        "uzit: error: {path}: {count} problem or more",
                        "uzit: error: {path}: {count} problems or more",
                        result.errors,
                    )
                    if result.uncounted
                    else _n(
                        "uzit: error: {path}: {count} problem",
                        "uzit: error: {path}: {count} problems",
                        result.errors,
                    )
                )
                print(count.format(path=result.shown, count=whole(result.errors)), file=err)
            elif result.registry is not None:
                mismatches = _mismatches(result.problems)
                print(_success_line(result.registry, result.shown, mismatches), file=out)
    if errors:
        raise typer.Exit(1)


def _mismatches(problems: list[Problem]) -> int:
    return sum(1 for p in problems if p.code == "published-mismatch")


def _success_line(registry: Registry, shown: str, mismatches: int) -> str:
    published = len(registry.info.published)
    residents, sources = len(registry.residents), len(registry.info.sources)
    if not published:
        line = _("{path}: OK — {residents}, {sources}")
    elif not mismatches:
        line = _(
            "{path}: OK — {residents}, {sources}; published figures reproduced "
            "({reproduced}/{published})"
        )
    else:
        line = _(
            "{path}: OK — {residents}, {sources}; published figures NOT all reproduced "
            "({reproduced}/{published})"
        )
    return line.format(
        path=shown,
        residents=_n("{count} resident", "{count} residents", residents).format(
            count=whole(residents)
        ),
        sources=_n("{count} source", "{count} sources", sources).format(count=whole(sources)),
        reproduced=published - mismatches,
        published=published,
    )
