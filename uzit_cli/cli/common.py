"""What every command shares: the registry and format options, loading, and writing a report."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, ClassVar, TypeVar

import typer

from uzit_cli.language import N_, Phrase, _, composed, english
from uzit_cli.model import Registry
from uzit_cli.output import Format, Report, Stream, Streams, resolve_format, write_report
from uzit_cli.output.streams import PagedOutput
from uzit_cli.output.values import inert
from uzit_cli.output.writers import SPREADSHEET_FORMATS, format_help, formats_where
from uzit_cli.problems import NO_FILE, Problem, RegistryError, UsageError, UzitError
from uzit_cli.views.notices import illustrative_notices as illustrative_notices

F = TypeVar("F", bound=Callable[..., Any])


def described(help_text: str) -> Callable[[F], F]:
    """A command with `help_text` as its help (Typer reads the docstring). Written as
    `@described(N_(...))`, the text flush left in triple quotes, so that the catalogue holds
    it exactly as Typer shows it (`inspect.cleandoc`), for the CLI to translate when shown."""

    def describe(command: F) -> F:
        command.__doc__ = help_text
        return command

    return describe


class FromEnvironment(str):
    """A registry path that came from $UZIT_REGISTRY, so that an error can say so."""

    __slots__ = ()


def refuse_empty_path(value: str | None, given: str = '-r "$VAR"', fix: str = "") -> None:
    """The one usage error for an empty registry path, however it was given (`-r ""`,
    `uzit validate ""`, an empty UZIT_REGISTRY), which would otherwise read the current
    directory or, silently, the bundled registry. `given` and `fix` come translated."""
    if value == "":
        raise UsageError(
            _("the registry path is empty ({given}); {fix}").format(
                given=given, fix=fix or _("leave the option out to read the bundled registry")
            )
        )


def _registry_given(ctx: typer.Context, value: str | None) -> str | None:
    """Refuse an empty path (`-r "$UNSET"`), and mark a path that came from UZIT_REGISTRY."""
    if value is None:
        return None
    refuse_empty_path(value, given=_('an unset variable in -r "$VAR"?'))
    source = ctx.get_parameter_source("registry")
    if source is not None and source.name == "ENVIRONMENT":
        return FromEnvironment(value)
    return value


def registry_option(help_text: str) -> Any:
    """--registry/-r PATH, from $UZIT_REGISTRY when not given; `help_text` marked with N_
    where it is written, since what `-` does depends on the command."""
    return typer.Option(
        "--registry",
        "-r",
        envvar="UZIT_REGISTRY",
        show_envvar=True,
        metavar="PATH",
        callback=_registry_given,
        help=help_text,
    )


RegistryOption = Annotated[
    str | None,
    registry_option(
        N_(
            "Registry file to read; '-' reads standard input. "
            "Default: $UZIT_REGISTRY, else the bundled registry. Example: -r my-registry.yaml"
        )
    ),
]
#: --registry of the commands that edit it in place, which standard input cannot be
EditedRegistryOption = Annotated[
    str | None,
    registry_option(
        N_(
            "Registry file to edit in place; this or $UZIT_REGISTRY is needed (the bundled "
            "registry is not edited). Example: -r my-registry.yaml"
        )
    ),
]


def help_with(message: str, **facts: Callable[[], str]) -> str:
    """An option's help that names declared facts (the formats, from their records): English
    for Typer, and in the reader's language when shown (`language.translated` finds it), so a
    new format needs no edit here and the catalogue holds `message` once."""

    def shown() -> str:
        return _(message).format(**{name: fact() for name, fact in facts.items()})

    with english():
        text = shown()
    return composed(text, shown)


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help=help_with(N_("Output format: {formats}. Example: -f json"), formats=format_help),
    ),
]

JqOption = Annotated[
    str | None,
    typer.Option(
        "--jq",
        metavar="EXPR",
        help=N_(
            "Filter the JSON output with a jq expression (implies -f json); a string prints "
            "without quotes. Example: --jq '.[] | select(.exports_to_japan) | .id'"
        ),
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
        raise UsageError(
            _("--jq filters JSON output; leave out -f {format}").format(format=output_format.value)
        )
    return type(output_format)("json")


NoHeaderOption = Annotated[
    bool,
    typer.Option(
        "--no-header",
        help=N_("Leave out the header row in tsv and csv output. Example: -f tsv --no-header"),
    ),
]

WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        metavar="N",
        min=20,
        help=N_(
            "Fit a table to N columns instead of the terminal's width (or, in a file or "
            "pipe, $COLUMNS, else 120). Example: -f table --width 100 > residents.txt"
        ),
        show_default=False,
    ),
]

ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help=N_(
            "Replace the output file if it exists (without it, an existing file is an error "
            "and is left untouched). Example: --force"
        ),
    ),
]

PROGRESS_AFTER_SECONDS = 0.5


class OutputClosed(UzitError):
    """The reader of our output went away (`uzit list | head`): stop quietly."""

    exit_code = 0


def registry_path(option: str | None) -> str:
    """The registry to read: --registry, else $UZIT_REGISTRY (Typer fills both), else bundled.
    An empty UZIT_REGISTRY (which Typer passes over) is the usage error of `-r ""`."""
    if option is None and os.environ.get("UZIT_REGISTRY") == "":
        refuse_empty_path(
            "",
            given=_("UZIT_REGISTRY is set but empty"),
            fix=_("unset it (or give -r PATH) to read the bundled registry"),
        )
    from uzit_cli.registry import bundled_registry_path  # the loader: only when one is read

    return option if option is not None else str(bundled_registry_path())


def streams_of(ctx: typer.Context) -> Streams:
    """Standard output and error as `cli.run` decided them at start-up (Typer's `ctx.obj`);
    detected afresh only for an app run without `cli.run` (Typer's own test runner)."""
    found = ctx.find_object(Streams)
    return found if found is not None else Streams.detect()


def open_registry(option: str | None, err: Stream) -> Registry:
    """Load the selected registry, with a progress note on `err` (standard error) when it is a
    terminal and loading takes a while."""
    from uzit_cli.registry import display_path, load_registry  # not for --help or --version

    path = registry_path(option)
    shown = display_path(path)
    check_environment_path(option, shown)
    with _progress(_("Reading {path}").format(path=shown), err):
        return load_registry(path, display=shown)


def check_environment_path(option: str | None, shown: str) -> None:
    """A path from UZIT_REGISTRY that does not exist is reported as coming from there."""
    from uzit_cli.registry import STDIN

    if isinstance(option, FromEnvironment) and option != STDIN and not os.path.lexists(option):
        raise RegistryError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    Phrase("no such file (the path comes from UZIT_REGISTRY)"),
                    code=NO_FILE,
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
    err: Stream | None = None,
) -> None:
    """Write a report to `out` (standard output); a closed pipe ends the command quietly.
    `width` fits a table to that many columns (see WidthOption); `jq` filters the JSON
    (see JqOption: the jq library is imported only then); what the format has no room for
    (an explanation, a chart, warnings) goes to `err`, standard error."""
    program = None
    if jq is not None:
        from uzit_cli.output.jq_filter import compile_expression

        try:
            program = compile_expression(jq)
        except ValueError as error:
            raise UsageError(_("--jq: {error}").format(error=error)) from None
    try:
        if program is not None:
            from uzit_cli.output.jq_filter import write_filtered

            try:
                write_filtered(report, program, out)
            except ValueError as error:
                raise UsageError(_("--jq: {error}").format(error=error)) from None
            if err is not None and report.warnings:  # as -f json has them: after the output
                out.file.flush()
                for text in report.warnings:
                    err.file.write(_("uzit: warning: {message}").format(message=inert(text)) + "\n")
                err.file.flush()
        else:
            write_report(report, output_format, out, header=header, width=width, err=err)
        out.file.flush()
    except BrokenPipeError:
        raise OutputClosed() from None


# --- option groups (see cli/option_groups.py) -------------------------------------------


class Colour(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _colour_chosen(ctx: typer.Context, value: Colour | str | None) -> Colour:
    """--color always|never overrides what start-up decided (NO_COLOR, FORCE_COLOR, …) for
    standard output and error; the commands read it from the streams in `ctx.obj`."""
    chosen = Colour(value or Colour.auto)
    if chosen is not Colour.auto:
        streams = streams_of(ctx)
        ctx.obj = Streams(
            dataclasses.replace(streams.out, colour=chosen is Colour.always),
            dataclasses.replace(streams.err, colour=chosen is Colour.always),
        )
    return chosen


ColourOption = Annotated[
    Colour,
    typer.Option(
        "--color",
        case_sensitive=False,
        callback=_colour_chosen,
        help=N_(
            "Colour tables: auto (on a terminal, unless NO_COLOR is set or TERM is dumb; "
            "CLICOLOR_FORCE or FORCE_COLOR colour a table in a pipe too), always, or never. "
            "Tab- and comma-separated values, JSON and YAML are never coloured. "
            "Example: --color never"
        ),
    ),
]


def _no_pager_chosen(ctx: typer.Context, value: bool) -> bool:
    """--no-pager, before the command or after it: what is held is written out, and the rest
    goes straight to the terminal (see PagedOutput)."""
    out = streams_of(ctx).out.file
    if value and isinstance(out, PagedOutput):
        out.stop_paging()
    return value


NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        callback=_no_pager_chosen,
        help=N_(
            "Write to the terminal directly, never through a pager ($UZIT_PAGER, else "
            "$PAGER, else less -FRX, used on a terminal for output taller than the screen); "
            "before the command or after it. Example: uzit list --no-pager"
        ),
    ),
]

BomOption = Annotated[
    bool,
    typer.Option(
        "--bom",
        help=N_(
            "Start csv or tsv output with a UTF-8 byte-order mark, so Excel (Japanese "
            "Windows too) reads the Japanese names right. Example: -f csv --bom > out.csv"
        ),
    ),
]

BOM = "\ufeff"


def check_bom(bom: bool, chosen: Format) -> None:
    if bom and chosen not in SPREADSHEET_FORMATS:
        raise UsageError(
            _("--bom is for {formats} output, not {format}").format(
                formats=formats_where(spreadsheet_rows=True), format=chosen.value
            )
        )


@dataclass(frozen=True)
class RegistryOptions:
    """--registry: which registry a command reads."""

    GROUP: ClassVar[bool] = True
    registry: RegistryOption = None

    @property
    def path(self) -> str:
        """The path to read (--registry, $UZIT_REGISTRY, else the bundled registry)."""
        return registry_path(self.registry)

    def open(self, err: Stream) -> Registry:
        return open_registry(self.registry, err)


@dataclass(frozen=True)
class LayoutOptions:
    """How a table or spreadsheet rows are laid out: --no-header, --width, --bom, --color,
    --jq for JSON, and --no-pager.
    For a command with a --format of its own (`validate`); others take OutputOptions."""

    GROUP: ClassVar[bool] = True
    no_header: NoHeaderOption = False
    width: WidthOption = None
    bom: BomOption = False
    color: ColourOption = Colour.auto
    jq: JqOption = None
    no_pager: NoPagerOption = False

    def emit(self, report: Report, chosen: Format, out: Stream, err: Stream | None = None) -> None:
        """Write `report` in `chosen` (already resolved from auto; json with --jq) to `out`,
        a byte-order mark first when asked for (the writer then writes UTF-8 bytes); what the
        format has no room for goes to `err`."""
        check_bom(self.bom, chosen)
        if self.bom:
            report = dataclasses.replace(report, bom=True)
        emit(report, chosen, out, header=not self.no_header, width=self.width, jq=self.jq, err=err)


@dataclass(frozen=True)
class OutputOptions(LayoutOptions):
    """--format and the layout options: how a command writes its report."""

    output_format: FormatOption = Format.auto

    def chosen(self, out: Stream) -> Format:
        """The format written to `out`: --format, or for auto a table on a terminal, else tsv;
        json with --jq."""
        return resolve_format(with_jq(self.output_format, self.jq), out)

    def write(self, report: Report, out: Stream, err: Stream | None = None) -> None:
        self.emit(report, self.chosen(out), out, err)

    #: --format first in the help, then the layout options
    ORDER: ClassVar[tuple[str, ...]] = ("output_format",)
