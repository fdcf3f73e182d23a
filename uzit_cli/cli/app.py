"""The `uzit` command: Typer wiring, and errors mapped to one line and an exit status.

Exit status: 0 success, 1 a data or registry problem, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import importlib
import inspect
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NoReturn, TextIO, get_type_hints

import typer

from uzit_cli import __version__, language
from uzit_cli.cli.common import NoPagerOption, OutputClosed, streams_of
from uzit_cli.cli.option_groups import Completes
from uzit_cli.cli.typer_fence import command_classes, private_api_usable, speak, typer_message
from uzit_cli.language import N_, _, _n
from uzit_cli.numbers import whole
from uzit_cli.output.streams import Streams, finish_output
from uzit_cli.output.values import inert
from uzit_cli.problems import RegistryError, UzitError
from uzit_cli.words import system_error


class CommandEntry:
    """Where a command lives, its line in `uzit --help`, and whether it edits a registry
    (then a registry with problems ends its error with "nothing was done")."""

    # A plain class, as FieldSpec is: a declaration never compared, and a dataclass compiles
    # its methods at every start-up.
    __slots__ = ("edits", "function", "module", "summary")

    def __init__(self, module: str, function: str, summary: str, *, edits: bool = False) -> None:
        self.module, self.function, self.summary = module, function, summary
        self.edits = edits


# A command's module is imported, and its options built by Typer, only when that command
# runs: `uzit stats` never pays for the projection code or the other commands' options
# (issue 6, start-up). `uzit --help` lists them all from the summaries here.
COMMANDS: dict[str, CommandEntry] = {
    "list": CommandEntry(
        "uzit_cli.commands.list",
        "list_residents",
        N_("List residents: filter, sort, pick columns, in any format."),
    ),
    "show": CommandEntry(
        "uzit_cli.commands.show", "show", N_("Show every field of one resident, with its sources.")
    ),
    "stats": CommandEntry(
        "uzit_cli.commands.stats",
        "stats",
        N_("Summarise the residents and check the published figures."),
    ),
    "project": CommandEntry(
        "uzit_cli.commands.project",
        "project",
        N_("Project residents and the jobs they create, year by year."),
    ),
    "sources": CommandEntry(
        "uzit_cli.commands.sources", "sources", N_("List the sources the registry cites.")
    ),
    "export": CommandEntry(
        "uzit_cli.commands.export",
        "export",
        N_("Export the registry to an Excel workbook or a SQLite database."),
    ),
    "import": CommandEntry(
        "uzit_cli.commands.import_",
        "import_workbook",
        N_("Read back a workbook of `uzit export`; merge any CSV or sheet."),
        edits=True,
    ),
    "validate": CommandEntry(
        "uzit_cli.commands.validate",
        "validate",
        N_("Check a registry: every rule of the format, and its figures."),
    ),
    "report": CommandEntry(
        "uzit_cli.commands.report",
        "report",
        N_("Write one self-contained HTML report with charts."),
    ),
    "schema": CommandEntry(
        "uzit_cli.commands.schema",
        "schema",
        N_("Print the JSON Schema of the registry format, for editors."),
    ),
    "init": CommandEntry(
        "uzit_cli.commands.init",
        "init",
        N_("Write a commented starter registry to fill in."),
    ),
    "completion": CommandEntry(
        "uzit_cli.commands.completion",
        "completion",
        N_("Print the shell script that completes uzit in bash, zsh or fish."),
    ),
    "diff": CommandEntry(
        "uzit_cli.commands.diff",
        "diff",
        N_("Show what changed between two registries, or two git versions."),
    ),
    "history": CommandEntry(
        "uzit_cli.commands.history",
        "history_command",
        N_("Headline figures of every committed version of the registry."),
    ),
    "add": CommandEntry(
        "uzit_cli.commands.add",
        "add",
        N_("Add a resident, from options or by asking for each field."),
        edits=True,
    ),
    "set": CommandEntry(
        "uzit_cli.commands.set",
        "set_fields",
        N_("Set fields of a resident or of the registry header."),
        edits=True,
    ),
    "unset": CommandEntry(
        "uzit_cli.commands.unset",
        "unset",
        N_("Leave fields out of a resident or of the registry header."),
        edits=True,
    ),
    "remove": CommandEntry(
        "uzit_cli.commands.remove",
        "remove",
        N_("Remove residents from the registry."),
        edits=True,
    ),
    "rename": CommandEntry(
        "uzit_cli.commands.rename", "rename", N_("Give a resident a new id."), edits=True
    ),
    "source": CommandEntry(
        "uzit_cli.commands.source",
        "source",
        N_("Add, change, rename or remove a source of the registry."),
        edits=True,
    ),
    "fmt": CommandEntry(
        "uzit_cli.commands.fmt",
        "fmt",
        N_("Rewrite registries in the canonical layout, keeping comments."),
        edits=True,
    ),
}

EXAMPLES = N_("""\b
Examples:
  uzit stats                        the summary of the bundled registry
  uzit list --exports-to-japan --city Tashkent --sort jobs --desc
  uzit project --year 2030 --explain
  uzit validate my-registry.yaml    check a registry of your own
  uzit list -f csv > residents.csv  CSV, JSON, YAML, … for scripts
  uzit stats --lang ja              in Japanese (else UZIT_LANG, the locale)
""")


CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}

#: `--lang`, taken by uzit and by every command. run() reads it from the command line before
#: Typer parses anything (so help and usage errors are in that language too); Typer only
#: shows and completes it.
LANG_OPTION = "--lang"
LangOption = Annotated[
    str | None,
    typer.Option(
        LANG_OPTION,
        metavar="LANG",
        show_default=False,
        help=N_(
            "The language of tables, messages and help: a language code such as ja or ru (en "
            "is English); else UZIT_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG). Machine "
            "formats are the same in every language. Example: --lang ja"
        ),
    ),
    Completes("languages"),
]


def version_text() -> str:
    import platform

    import yaml

    from uzit_cli.registry.yamlnodes import HAS_C_PARSER

    parser = _("the libyaml C parser") if HAS_C_PARSER else _("the pure-Python parser")
    return _("uzit {version} (Python {python}, PyYAML {pyyaml} with {parser})").format(
        version=__version__,
        python=platform.python_version(),
        pyyaml=yaml.__version__,
        parser=parser,
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
            help=N_(
                "Show the version, the Python version and the YAML parser in use, then exit. "
                "Example: uzit --version"
            ),
        ),
    ] = False,
    no_pager: NoPagerOption = False,
    lang: LangOption = None,
) -> None:
    """Japanese-capital residents of IT Park Uzbekistan: lists, summaries and growth
    projections from a YAML registry (the bundled one unless --registry or UZIT_REGISTRY
    names another)."""


def _listed_only() -> None:
    """Stands in for a command that is listed in `uzit --help` but not run (see app_for)."""
    raise AssertionError("a listed-only command was run")  # app_for never lets this happen


@functools.cache
def build_app(runnable: frozenset[str] = frozenset(COMMANDS), listed: bool = True) -> typer.Typer:
    """The `uzit` app: the commands in `runnable` ready to run, the others only listed (in
    `uzit --help`, and among the suggestions for an unknown command), or, when `listed` is
    False, left out: a command that runs needs no other, and Typer builds each one it has."""
    command_class, group_class = command_classes()
    app = typer.Typer(
        name="uzit",
        cls=group_class,
        help=N_(
            "Japanese-capital residents of IT Park Uzbekistan: lists, summaries and growth "
            "projections from a YAML registry."
        ),
        epilog=EXAMPLES,
        rich_markup_mode=None,  # plain help and plain error lines, never boxes
        pretty_exceptions_enable=False,
        add_completion=False,
        no_args_is_help=True,
        context_settings=CONTEXT_SETTINGS,
    )
    app.callback()(root)
    for name, entry in COMMANDS.items():
        if not listed and name not in runnable:
            continue
        function: Callable[..., Any] = _listed_only
        if name in runnable:  # (a listed one needs no options: Typer builds each, at a cost)
            command = getattr(importlib.import_module(entry.module), entry.function)
            function = with_language_option(command)
        app.command(name, cls=command_class, short_help=entry.summary)(function)
    return app


def with_language_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` with `--lang` added to the options Typer reads from its signature: every
    command takes it, declared once (LangOption); run() has used its value already."""
    parameters = list(inspect.signature(function).parameters.values())
    if any(isinstance(parameter.annotation, str) for parameter in parameters):
        # annotations still as text (a command not built by takes_groups, which resolves them)
        hints = get_type_hints(function, include_extras=True)
        parameters = [
            parameter.replace(annotation=hints.get(parameter.name, parameter.annotation))
            for parameter in parameters
        ]
    parameters.append(
        inspect.Parameter(
            "lang", inspect.Parameter.KEYWORD_ONLY, annotation=LangOption, default=None
        )
    )

    @functools.wraps(function)
    def command(*args: Any, lang: str | None = None, **values: Any) -> Any:
        return function(*args, **values)

    del command.__wrapped__  # Typer must read the new signature, not the wrapped one
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    return command


def _command_named(argv: Sequence[str]) -> str | None:
    """The command a command line names: its first word that is not an option (uzit's own
    options take no value, and --lang's is set aside)."""
    return next((word for word in without_language(argv) if not word.startswith("-")), None)


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app that runs this command line, with only the command it names made runnable.

    uzit's own options (--version, --help, --no-pager) take no value, and --lang's is set
    aside, so the first word that is not an option is the command; with none, or an unknown
    one, no command can run. The other commands are listed only where uzit's help may show
    them: without a command, or with -h or --help before it (`uzit --help stats`).
    """
    words = without_language(argv)
    command = _command_named(argv)
    if command not in COMMANDS:
        return build_app(frozenset())
    before = words[: words.index(command)]
    return build_app(frozenset({command}), listed=any(word in ("-h", "--help") for word in before))


def language_asked(argv: Sequence[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` on the command line (the last one, as Typer takes
    the last), read before Typer parses it; words after `--` are arguments."""
    asked = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == LANG_OPTION and index + 1 < len(argv):
            asked = argv[index + 1]
        elif word.startswith(LANG_OPTION + "="):
            asked = word[len(LANG_OPTION) + 1 :]
    return asked


def without_language(argv: Sequence[str]) -> list[str]:
    """The command line without its `--lang` options and their values."""
    words: list[str] = []
    skip = False
    for index, word in enumerate(argv):
        if skip:
            skip = False
        elif word == "--":
            return [*words, *argv[index:]]
        elif word == LANG_OPTION:
            skip = True
        elif not word.startswith(LANG_OPTION + "="):
            words.append(word)
    return words


def click_command(app: typer.Typer) -> Any:
    """The command Typer builds for `app`, with its help in the reader's language."""
    if language.current() == language.ENGLISH:
        return _english_command(app)
    command = typer.main.get_command(app)
    speak(command)  # translates the help in place: a command spoken so is not kept
    return command


@functools.cache
def _english_command(app: typer.Typer) -> Any:
    """Typer's command for `app`, built once: a process that runs uzit more than once (the
    tests, a program that imports it) need not build it again, which took half of a run."""
    return typer.main.get_command(app)


def choose_language(argv: Sequence[str], err: TextIO, *, quiet: bool = False) -> None:
    """Speak the language `--lang`, UZIT_LANG or the locale asks for; a language asked for by
    name that uzit lacks gives English and one note on standard error (in English, then)."""
    chosen, unknown = language.choose(language_asked(argv), os.environ)
    language.use(chosen)
    if unknown is not None and not quiet:
        known = ", ".join(language.available())
        print(
            f"uzit: note: no messages in {_shown(repr(unknown))} (uzit speaks {known}); "
            "speaking English",
            file=err,
        )


def run(argv: list[str] | None = None, streams: Streams | None = None) -> int:
    """Run the CLI and return its exit status, printing every error as plain lines.

    `streams` are standard output and error as decided at start-up (detected here when not
    given); the commands find them in Typer's `ctx.obj`. A test passes its own, a StringIO
    that is a terminal of 60 columns, say. Typer's own help and usage lines still go to
    sys.stdout and sys.stderr, which the streams are everywhere but in such a test. The
    language of the command line is spoken for this run only.
    """
    with language.kept():
        return _run(sys.argv[1:] if argv is None else argv, streams)


def _run(words: list[str], streams: Streams | None) -> int:
    if streams is None:
        streams = Streams.detect()
    out, err = streams.out.file, streams.err.file
    completing = os.environ.get("_UZIT_COMPLETE")
    choose_language(words, err, quiet=bool(completing))
    try:
        try:
            # the shell asks for completions (built on Typer's private modules: see the fence)
            if completing and private_api_usable():
                from uzit_cli.cli.completion import complete

                return complete(completing, build_app())
            if not without_language(words):  # `uzit` alone: the overview, a usage error
                print(_overview(), file=out)
                result: Any = 2
            else:
                result = click_command(app_for(words))(
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
        message = _shown(
            typer_message(_one_line(getattr(error, "format_message", error.__str__)()))
        )
        print(_error(message), file=err)
        misplaced = _option_before_command(without_language(words))
        if misplaced:  # `uzit -r x.yaml list`: uzit itself has no such option, the command has
            print(
                _("Options come after the command: '{command}'.").format(command=_shown(misplaced)),
                file=err,
            )
        if getattr(error, "exit_code", 1) == 2:
            print(_try_help(words), file=err)
        return int(getattr(error, "exit_code", 1))
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=err)
        count = getattr(error, "counted", len(error.problems))  # without a "more follow" line
        path = error.problems[0].path if error.problems else "registry"
        # two snapshots (diff) count each file's own problems
        counts = error.counts or [(path, count, count < len(error.problems))]
        summary = ", ".join(_problems_of(str(name), number, more) for name, number, more in counts)
        entry = COMMANDS.get(_command_named(words) or "")
        if entry is not None and entry.edits:  # a reading command had nothing to do
            summary = _("{summary}; nothing was done").format(summary=summary)
        print(_error(summary), file=err)
        return error.exit_code
    except OutputClosed as closed:
        _detach(out)
        return closed.exit_code
    except BrokenPipeError:
        _detach(out)  # `uzit ... | head`: the reader has gone, which is not an error
        return 0
    except UzitError as error:
        # what the user typed is echoed back: escape it, so it cannot steer the terminal
        print(_error(_shown(str(error))), file=err)
        if error.exit_code == 2:
            print(_try_help(words), file=err)
        return error.exit_code
    except typer.Abort:
        return 130
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # standard output closed or full: say so, exit 1
        print(_cannot_write(system_error(error)), file=err)
        _detach(out)
        return 1


def _error(message: str) -> str:
    """`uzit: error: MESSAGE`, the word "error" in the reader's language (as git says
    `致命的错误` in Chinese): scripts match problem codes and exit statuses, not this prefix."""
    return _("uzit: error: {message}").format(message=message)


def _try_help(words: Sequence[str]) -> str:
    return _("Try '{command} --help' for help.").format(command=_command_path(list(words)))


def _cannot_write(reason: str) -> str:
    return _("uzit: error: cannot write output: {reason}").format(reason=reason)


def _problems_of(path: str, count: int, more: bool) -> str:
    """`data.yaml: 3 problems` (or `… or more` when the count stopped early)."""
    if more:
        text = _n("{path}: {count} problem or more", "{path}: {count} problems or more", count)
    else:
        text = _n("{path}: {count} problem", "{path}: {count} problems", count)
    return text.format(path=path, count=whole(count))


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
    command = click_command(build_app(frozenset()))
    help_text: str = command.get_help(typer.Context(command, info_name="uzit", **CONTEXT_SETTINGS))
    return help_text.rstrip()


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
ROOT_OPTIONS = ("-V", "--version", "-h", "--help", "--no-pager", LANG_OPTION)


def _command_path(argv: list[str] | None) -> str:
    """`uzit COMMAND` for the command named on the command line, for the --help hint; `uzit
    COMMAND ACTION` when the command's module declares the words of its first argument as
    ACTIONS and the next word is one (`uzit source add`)."""
    words = sys.argv[1:] if argv is None else argv
    at = next((index for index, word in enumerate(words) if word in COMMANDS), None)
    if at is None:
        return "uzit"
    command = words[at]
    module = sys.modules.get(COMMANDS[command].module)  # loaded if the command ran
    actions = getattr(module, "ACTIONS", ())
    if words[at + 1 : at + 2] and words[at + 1] in actions:
        return f"uzit {command} {words[at + 1]}"
    return f"uzit {command}"


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
        print(_cannot_write(str(error)), file=streams.err.file)
        status = status or 1
    with contextlib.suppress(OSError, ValueError):
        streams.err.file.flush()
    os._exit(status)
