"""The `uzit` command: Typer wiring, and errors mapped to one line and an exit status.

Exit status: 0 success, 1 a data or registry problem, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import importlib
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn, TextIO

import typer

from uzit_cli import __version__, language
from uzit_cli.cli.common import NoPagerOption, OutputClosed, streams_of
from uzit_cli.cli.typer_fence import command_classes, private_api_usable
from uzit_cli.output.streams import Streams, finish_output
from uzit_cli.output.values import inert
from uzit_cli.problems import RegistryError, UzitError
from uzit_cli.words import plural


@dataclass(frozen=True)
class CommandEntry:
    """Where a command lives, and its line in `uzit --help`."""

    module: str
    function: str
    summary: str


# A command's module is imported, and its options built by Typer, only when that command
# runs: `uzit stats` never pays for the projection code or the other commands' options
# (issue 6, start-up). `uzit --help` lists them all from the summaries here.
COMMANDS: dict[str, CommandEntry] = {
    "list": CommandEntry(
        "uzit_cli.commands.list",
        "list_residents",
        "List residents: filter, sort, pick columns, in any format.",
    ),
    "show": CommandEntry(
        "uzit_cli.commands.show", "show", "Show every field of one resident, with its sources."
    ),
    "stats": CommandEntry(
        "uzit_cli.commands.stats",
        "stats",
        "Summarise the residents and check the published figures.",
    ),
    "project": CommandEntry(
        "uzit_cli.commands.project",
        "project",
        "Project residents and the jobs they create, year by year.",
    ),
    "sources": CommandEntry(
        "uzit_cli.commands.sources", "sources", "List the sources the registry cites."
    ),
    "export": CommandEntry(
        "uzit_cli.commands.export",
        "export",
        "Export the registry to an Excel workbook or a SQLite database.",
    ),
    "import": CommandEntry(
        "uzit_cli.commands.import_",
        "import_workbook",
        "Read back a workbook of `uzit export`; merge any CSV or sheet.",
    ),
    "validate": CommandEntry(
        "uzit_cli.commands.validate",
        "validate",
        "Check a registry: every rule of the format, and its figures.",
    ),
    "report": CommandEntry(
        "uzit_cli.commands.report",
        "report",
        "Write one self-contained HTML report with charts.",
    ),
    "schema": CommandEntry(
        "uzit_cli.commands.schema",
        "schema",
        "Print the JSON Schema of the registry format, for editors.",
    ),
    "init": CommandEntry(
        "uzit_cli.commands.init",
        "init",
        "Write a commented starter registry to fill in.",
    ),
    "completion": CommandEntry(
        "uzit_cli.commands.completion",
        "completion",
        "Print the shell script that completes uzit in bash, zsh or fish.",
    ),
    "diff": CommandEntry(
        "uzit_cli.commands.diff",
        "diff",
        "Show what changed between two registries, or two git versions.",
    ),
    "history": CommandEntry(
        "uzit_cli.commands.history",
        "history_command",
        "Headline figures of every committed version of the registry.",
    ),
    "add": CommandEntry(
        "uzit_cli.commands.add",
        "add",
        "Add a resident, from options or by asking for each field.",
    ),
    "set": CommandEntry(
        "uzit_cli.commands.set",
        "set_fields",
        "Set fields of a resident or of the registry header.",
    ),
    "unset": CommandEntry(
        "uzit_cli.commands.unset",
        "unset",
        "Leave fields out of a resident or of the registry header.",
    ),
    "remove": CommandEntry(
        "uzit_cli.commands.remove", "remove", "Remove residents from the registry."
    ),
    "rename": CommandEntry("uzit_cli.commands.rename", "rename", "Give a resident a new id."),
    "source": CommandEntry(
        "uzit_cli.commands.source",
        "source",
        "Add, change, rename or remove a source of the registry.",
    ),
    "fmt": CommandEntry(
        "uzit_cli.commands.fmt",
        "fmt",
        "Rewrite registries in the canonical layout, keeping comments.",
    ),
}

EXAMPLES = """\b
Examples:
  uzit stats                              the summary of the bundled registry
  uzit list --exports-to-japan --city Tashkent --sort jobs --desc
  uzit project --year 2030 --explain
  uzit validate my-registry.yaml          check a registry of your own
  uzit list -f csv > residents.csv        CSV, JSON, YAML, … for scripts
"""


CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


def version_text() -> str:
    import platform

    import yaml

    from uzit_cli.registry.yamlnodes import HAS_C_PARSER

    parser = "libyaml C parser" if HAS_C_PARSER else "pure-Python parser"
    return (
        f"uzit {__version__} (Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} with the {parser})"
    )


def _show_version(ctx: typer.Context, value: bool) -> None:
    if value:
        print(version_text(), file=streams_of(ctx).out.file)
        raise typer.Exit()


def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Show the version, the Python version and the YAML parser in use, then exit. "
            "Example: uzit --version",
        ),
    ] = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Japanese-capital residents of IT Park Uzbekistan: lists, summaries and growth
    projections from a YAML registry (the bundled one unless --registry or UZIT_REGISTRY
    names another)."""


def _listed_only() -> None:
    """Stands in for a command that is listed in `uzit --help` but not run (see app_for)."""
    raise AssertionError("a listed-only command was run")  # app_for never lets this happen


@functools.cache
def build_app(runnable: frozenset[str] = frozenset(COMMANDS)) -> typer.Typer:
    """The `uzit` app: the commands in `runnable` ready to run, the others only listed."""
    command_class, group_class = command_classes()
    app = typer.Typer(
        name="uzit",
        cls=group_class,
        help="Japanese-capital residents of IT Park Uzbekistan: lists, summaries and growth "
        "projections from a YAML registry.",
        epilog=EXAMPLES,
        rich_markup_mode=None,  # plain help and plain error lines, never boxes
        pretty_exceptions_enable=False,
        add_completion=False,
        no_args_is_help=True,
        context_settings=CONTEXT_SETTINGS,
    )
    app.callback()(root)
    for name, entry in COMMANDS.items():
        function: Callable[..., Any] = _listed_only
        if name in runnable:
            function = getattr(importlib.import_module(entry.module), entry.function)
        app.command(name, cls=command_class, short_help=entry.summary)(function)
    return app


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app that runs this command line, with only the command it names made runnable.

    uzit's own options (--version, --help) take no value, so the first word that is not an
    option is the command; with none, or an unknown one, no command can run.
    """
    command = next((word for word in argv if not word.startswith("-")), None)
    return build_app(frozenset({command}) if command in COMMANDS else frozenset())


def run(argv: list[str] | None = None, streams: Streams | None = None) -> int:
    """Run the CLI and return its exit status, printing every error as plain lines.

    `streams` are standard output and error as decided at start-up (detected here when not
    given); the commands find them in Typer's `ctx.obj`. A test passes its own, a StringIO
    that is a terminal of 60 columns, say. Typer's own help and usage lines still go to
    sys.stdout and sys.stderr, which the streams are everywhere but in such a test.
    """
    if streams is None:
        streams = Streams.detect()
    out, err = streams.out.file, streams.err.file
    # the reader's language (a first step: lang-cli brings --lang and its note)
    language.use(language.choose(None, os.environ)[0])
    try:
        try:
            words = sys.argv[1:] if argv is None else argv
            # the shell asks for completions (built on Typer's private modules: see the fence)
            if os.environ.get("_UZIT_COMPLETE") and private_api_usable():
                from uzit_cli.cli.completion import complete

                return complete(os.environ["_UZIT_COMPLETE"], build_app())
            if not words:  # `uzit` alone: the overview, and the status of a usage error
                print(_overview(), file=out)
                result: Any = 2
            else:
                result = app_for(words)(
                    args=words, prog_name="uzit", standalone_mode=False, obj=streams
                )
        except SystemExit as stop:
            # Typer answers a closed pipe outside emit() (help, --version, validate's OK line)
            # with sys.exit(1); that is `| head`, not an error.
            if isinstance(stop.__context__, BrokenPipeError):
                raise OutputClosed() from None
            raise
        out.flush()
        return result if isinstance(result, int) else 0
    except typer.TyperException as error:  # Typer's usage errors and its other exceptions
        message = getattr(error, "format_message", error.__str__)()
        print(f"uzit: error: {_shown(_one_line(message))}", file=err)
        misplaced = _option_before_command(argv)
        if misplaced:  # `uzit -r x.yaml list`: uzit itself has no such option, the command has
            print(f"Options come after the command: '{_shown(misplaced)}'.", file=err)
        if getattr(error, "exit_code", 1) == 2:
            print(f"Try '{_command_path(argv)} --help' for help.", file=err)
        return int(getattr(error, "exit_code", 1))
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=err)
        count = getattr(error, "counted", len(error.problems))  # without a "more follow" line
        path = error.problems[0].path if error.problems else "registry"
        # two snapshots (diff) count each file's own problems
        counts = error.counts or [(path, count, count < len(error.problems))]
        summary = ", ".join(
            f"{name}: {plural(number, 'problem')}{' or more' if more else ''}"
            for name, number, more in counts
        )
        print(f"uzit: error: {summary}; nothing was done", file=err)
        return error.exit_code
    except OutputClosed as closed:
        _detach(out)
        return closed.exit_code
    except BrokenPipeError:
        _detach(out)  # `uzit ... | head`: the reader has gone, which is not an error
        return 0
    except UzitError as error:
        # what the user typed is echoed back: escape it, so it cannot steer the terminal
        print(f"uzit: error: {_shown(str(error))}", file=err)
        if error.exit_code == 2:
            print(f"Try '{_command_path(argv)} --help' for help.", file=err)
        return error.exit_code
    except typer.Abort:
        return 130
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # standard output closed or full: say so, exit 1
        print(f"uzit: error: cannot write output: {error.strerror or error}", file=err)
        _detach(out)
        return 1


# repr() of an argument byte that was not UTF-8, as messages quote values: '\udcff'
_REPR_SURROGATE = re.compile(r"(?<!\\)\\udc([89a-f][0-9a-f])")


# Typer lays a list of choices out one per line ("Choose from:\n\tbash,\n\tzsh"); a newline
# typed by the user is escaped by _shown instead, so every error stays one line
_TYPER_LIST_BREAK = re.compile(r"\n\t+")


def _one_line(message: str) -> str:
    """A Typer message with its list of choices on the same line: `Choose from: bash, zsh`."""
    return _TYPER_LIST_BREAK.sub(" ", message)


def _shown(message: str) -> str:
    """An error message made inert, with undecodable argument bytes shown as `\\xff`."""
    return _REPR_SURROGATE.sub(r"\\x\1", inert(message))


def _overview() -> str:
    """`uzit --help`, as printed when uzit is run without a command."""
    command = typer.main.get_command(build_app(frozenset()))
    return command.get_help(typer.Context(command, info_name="uzit", **CONTEXT_SETTINGS)).rstrip()


def _option_before_command(argv: list[str] | None) -> str | None:
    """`uzit list -r x.yaml` for `uzit -r x.yaml list`: a command's options given before it."""
    words = sys.argv[1:] if argv is None else argv
    own = ["--no-pager"] if words[:1] == ["--no-pager"] else []  # uzit's own: it stays first
    words = words[len(own) :]
    command = next((word for word in words if word in COMMANDS), None)
    if command is None or not words or not words[0].startswith("-") or words[0] in ROOT_OPTIONS:
        return None
    before = words[: words.index(command)]
    rest = words[words.index(command) + 1 :]
    return " ".join(["uzit", *own, command, *before, *rest])


#: The options of `uzit` itself, which do go before a command.
ROOT_OPTIONS = ("-V", "--version", "-h", "--help", "--no-pager")


def _command_path(argv: list[str] | None) -> str:
    """`uzit COMMAND` for the command named on the command line, for the --help hint."""
    words = sys.argv[1:] if argv is None else argv
    command = next((word for word in words if word in COMMANDS), None)
    return f"uzit {command}" if command else "uzit"


def _detach(out: TextIO) -> None:
    """Point standard output at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """The console script `uzit`."""
    if sys.stderr is None:  # started with standard error closed: errors must not reach stdout
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    if sys.stdout is None:  # started with standard output closed: `uzit list >&-`
        # Writing fails with "standard output is closed"; what goes to standard error (the
        # problems `validate` finds) is still shown.
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a non-UTF-8 locale must not turn Japanese names into a crash
            reconfigure(errors="backslashreplace")
    streams = Streams.detect(paging=True)  # once, for the whole run
    try:
        status = run(streams=streams)
    except KeyboardInterrupt:
        status = 130
    _leave(status, streams)


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started without one: every write fails."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _leave(status: int, streams: Streams) -> NoReturn:
    """Flush the output and exit at once, without the interpreter's teardown.

    Teardown frees every object one at a time and runs a last full garbage collection: about
    0.15 s after reading 10,000 residents (issue 6), for memory the system takes back anyway.
    Nothing of uzit's needs it: output is flushed here, and files are closed where they are read.
    """
    try:
        finish_output(streams.out.file)  # and wait for the pager, if one was started
    except BrokenPipeError:
        pass  # `uzit ... | head`: the reader has gone, which is not an error
    except (OSError, ValueError) as error:
        print(f"uzit: error: cannot write output: {error}", file=streams.err.file)
        status = status or 1
    with contextlib.suppress(OSError, ValueError):
        streams.err.file.flush()
    os._exit(status)
