"""`uzit completion SHELL`: the script that makes bash, zsh or fish complete uzit."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from uzit_cli.cli.common import OutputClosed, described, streams_of
from uzit_cli.cli.typer_fence import TESTED_TYPER_SERIES, private_api_usable
from uzit_cli.language import N_, _
from uzit_cli.problems import UzitError


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@described(
    N_(
        """\
Print the script that makes SHELL complete uzit's commands and options, and the
values that come from the registry: resident ids after `uzit show`, cities after
--city, sectors after --sector, years after --jobs-year (from --registry, $UZIT_REGISTRY,
else the bundled registry), column names after --columns and --sort, scenarios after
--scenario and breakdowns after --by. A value is offered as data, quoted for the shell:
a city named `*` or `$(...)` is inserted as that text, never expanded or run.

\b
Examples:
  eval "$(uzit completion bash)"          for this bash session
  uzit completion bash --install          for every new bash session
  uzit completion fish > ~/.config/fish/completions/uzit.fish"""
    )
)
def completion(
    ctx: typer.Context,
    shell: Annotated[
        Shell,
        typer.Argument(
            metavar="SHELL",
            case_sensitive=False,
            help=N_("The shell to complete in: bash, zsh or fish. Example: bash"),
            show_default=False,
        ),
    ],
    install: Annotated[
        bool,
        typer.Option(
            "--install",
            help=N_(
                "Write the script to ~/.bash_completions/uzit.sh, ~/.zfunc/_uzit or "
                "~/.config/fish/completions/uzit.fish instead of printing it, and add the one line "
                "that reads it to ~/.bashrc or ~/.zshrc if it is not there (nothing else: no "
                "zstyle). Example: uzit completion bash --install"
            ),
        ),
    ] = False,
) -> None:
    if not private_api_usable():  # completion is built on Typer's private modules
        raise UzitError(
            _("shell completion needs Typer {tested}; this is Typer {version}").format(
                tested=", ".join(TESTED_TYPER_SERIES), version=typer.__version__
            )
        )
    from uzit_cli.cli.completion import completion_script
    from uzit_cli.cli.completion import install as install_script

    out = streams_of(ctx).out.file

    if install:
        try:
            path = install_script(shell.value)
        except OSError as error:
            raise UzitError(
                _("cannot install the completion: {error}").format(error=error)
            ) from None
        print(
            _("{shell} completion installed in {path}; it works in new shells").format(
                shell=shell.value, path=path
            ),
            file=out,
        )
        return
    try:
        script = completion_script(shell.value)
        out.write(script if script.endswith("\n") else script + "\n")
        out.flush()
    except BrokenPipeError:
        raise OutputClosed() from None
