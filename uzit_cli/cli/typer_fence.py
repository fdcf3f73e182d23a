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

import typer
from typer.core import TyperCommand, TyperGroup

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
