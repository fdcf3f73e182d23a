"""The gate to Typer's private modules, and the public path around it.

uzit converts option values itself (cli/coercion.py) so that running a command never
imports pydantic: that halves start-up; and shell completion (cli/completion.py) adds completers
for values read from the registry. It does so through Typer's private modules, which a
Typer release may move at any time. So the fast path is used only on the Typer series it is
tested with (pyproject.toml pins the same series); on any other Typer, or if an import fails,
uzit uses Typer's public classes: every option works, start-up is slower, messages for bad
option values are Typer's own, and `uzit completion` says it needs the tested Typer.
tests/test_typer_fence.py runs the public path.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from uzit_cli import language
from uzit_cli.language import N_, _

#: Typer series (major.minor) whose private modules cli/coercion.py is tested with.
TESTED_TYPER_SERIES = ("0.29",)


def private_api_usable(version: str | None = None) -> bool:
    """True on a Typer series uzit is tested with (the installed one unless `version`)."""
    series = ".".join((version or typer.__version__).split(".")[:2])
    return series in TESTED_TYPER_SERIES


def command_classes() -> tuple[type[TyperCommand], type[TyperGroup]]:
    """The command and group classes: uzit's plain-conversion ones where the fence allows."""
    if private_api_usable():
        try:
            from uzit_cli.cli.coercion import UzitCommand, UzitGroup
        except (ImportError, AttributeError):  # a patch release that moved something
            pass
        else:
            return UzitCommand, UzitGroup
    return TyperCommand, TyperGroup


# --- Typer's own words in the reader's language ----------------------------------------------
#
# Typer 0.29 writes its help chrome and its usage errors in English: "Usage: ", the help
# option's help, and f-strings such as "No such option: --x". Its section headings ("Options",
# "Commands", "[default: 20]", "[required]") go through the standard library's gettext `_` of
# typer.core, which reads no catalogue of ours. On the tested series, `speak` points that `_` at
# uzit's catalogue and translates the help of every command and option; usage errors are
# matched against TYPER_MESSAGES below and translated whole. On any other Typer, help and
# usage errors stay English, and nothing else changes.

#: Typer's usage errors as they read in Typer 0.29 (after cli.app's `_one_line`), each a
#: message of the catalogue whose `{placeholders}` match the variable parts. Placeholders
#: named `message` hold a message of their own, translated the same way.
TYPER_MESSAGES = (
    N_("No such option: {option}"),
    N_("No such option: {option} (Possible options: {options})"),
    N_("No such command {name}."),
    N_("No such command {name}. Did you mean {suggestions}?"),
    N_("Missing command."),
    N_("Missing option {option}."),
    N_("Missing option {option}. Choose from: {choices}"),
    N_("Missing argument {argument}."),
    N_("Missing argument {argument}. Choose from: {choices}"),
    N_("Invalid value for {option}: {message}"),
    N_("Invalid value: {message}"),
    N_("Option {option} requires an argument."),
    N_("Option {option} requires {count} arguments."),
    N_("Option {option} does not take a value."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Argument {argument} takes {count} values."),
    N_("{value} is not one of {choices}."),
    N_("Value {value} is not a valid {kind}."),
)

#: Typer's help words: typer.core's gettext messages, the help option's help, the usage prefix.
TYPER_HELP_WORDS = (
    N_("Usage: "),
    N_("Show this message and exit."),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
)

#: The words of a usage line (`uzit [OPTIONS] COMMAND [ARGS]...`): Click's metavars.
USAGE_METAVARS = {
    "options_metavar": N_("[OPTIONS]"),
    "subcommand_metavar": N_("COMMAND [ARGS]..."),
}

# typer.core says "No such command 'x'." through its `_` and then appends "Did you mean" in
# English: that one is left to TYPER_MESSAGES, which translates the whole sentence.
_LEFT_TO_PATTERNS = frozenset({"No such command {name!r}."})

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _pattern(message: str) -> re.Pattern[str]:
    """`No such option: {option}` as a regular expression with a group per placeholder."""
    parts = _PLACEHOLDER.split(message)
    expression = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
        for index, part in enumerate(parts)
    )
    return re.compile(expression, re.DOTALL)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """TYPER_MESSAGES as patterns, compiled on first use: English never needs them. The most
    specific first (the most fixed text), so `No such option: {option}` does not take the
    `(Possible options: …)` that a longer message names."""
    fixed = sorted(TYPER_MESSAGES, key=lambda message: -len(_PLACEHOLDER.sub("", message)))
    return tuple((message, _pattern(message)) for message in fixed)


def typer_message(message: str) -> str:
    """One of Typer's English usage errors in the reader's language; any other message as it
    is (uzit's own are translated where they are made)."""
    if language.current() == language.ENGLISH:
        return message
    for english, pattern in _patterns():
        found = pattern.fullmatch(message)
        if found is not None:
            values = found.groupdict()
            if "message" in values:
                values["message"] = typer_message(values["message"])
            return _(english).format(**values)
    return message


def _typer_gettext(message: str) -> str:
    return message if message in _LEFT_TO_PATTERNS else _(message)


def speak(command: Any) -> None:
    """The help of `command` (Typer's click command) and of its options and subcommands in
    the reader's language, with Typer's own words; nothing on an untested Typer or in
    English."""
    if language.current() == language.ENGLISH or not private_api_usable():
        return
    import typer.core

    if getattr(typer.core, "_", None) is not _typer_gettext:
        typer.core._ = _typer_gettext  # type: ignore[attr-defined]
    _translate_help(command)  # (wrapped by cells already: see command_classes)


def _translate_help(command: Any) -> None:
    for name, english in USAGE_METAVARS.items():
        if getattr(command, name, None) == english:
            setattr(command, name, _(english))
    for name in ("help", "short_help", "epilog"):
        text = getattr(command, name, None)
        if isinstance(text, str) and text:
            setattr(command, name, _(text))
    for param in getattr(command, "params", ()):
        text = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = language.translated(text)  # one message, or composed of several
    for subcommand in getattr(command, "commands", {}).values():
        _translate_help(subcommand)
