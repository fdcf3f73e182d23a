"""Shell completion for bash, zsh and fish, through Typer's completion protocol.

The shell runs `uzit` with `_UZIT_COMPLETE=complete_bash` (or `_zsh`, `_fish`) and the words
typed so far; `cli.run` hands such a run to `complete` before anything else, so ordinary
commands pay one environment lookup for it. Only here is the whole app built, and the values
that depend on the registry (resident ids, cities, sectors) are offered from the registry the
command line selects: --registry, else $UZIT_REGISTRY, else the bundled one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

import typer
from typer._click import Context, Parameter
from typer._click.shell_completion import CompletionItem

from uzit_cli.model import Registry

COMPLETE_VAR = "_UZIT_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
_INSTRUCTIONS = ("complete", "source")

Completer = Callable[[Context, Parameter, str], list[CompletionItem]]


def typer_instruction(value: str) -> str:
    """Typer's `complete_bash` for Click's `bash_complete` too; anything else unchanged."""
    first, _, second = value.partition("_")
    if first in SHELLS and second in _INSTRUCTIONS:
        return f"{second}_{first}"
    return value


def _selected_registry(ctx: Context) -> Registry | None:
    """The registry the command line selects, or None if it cannot be read quietly."""
    from uzit_cli.cli.common import registry_path
    from uzit_cli.registry import load_registry

    option = ctx.params.get("registry") or os.environ.get("UZIT_REGISTRY") or None
    if option == "-":  # standard input is the shell's, not a registry, while completing
        return None
    try:
        return load_registry(registry_path(option))
    except Exception:  # a broken registry offers nothing; completion never prints an error
        return None


def _matching(
    values: Iterable[str], incomplete: str, helps: dict[str, str] | None = None
) -> list[CompletionItem]:
    wanted = incomplete.casefold()
    return [
        CompletionItem(value, help=(helps or {}).get(value))
        for value in sorted(set(values))
        if value.casefold().startswith(wanted)
    ]


def resident_ids(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    registry = _selected_registry(ctx)
    if registry is None:
        return []
    names = {resident.id: resident.name for resident in registry.residents}
    return _matching(names, incomplete, names)


def cities(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    registry = _selected_registry(ctx)
    return [] if registry is None else _matching((r.city for r in registry.residents), incomplete)


def sectors(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    registry = _selected_registry(ctx)
    if registry is None:
        return []
    return _matching((s for r in registry.residents for s in r.sectors), incomplete)


def column_list(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    """The next name of a comma-separated --columns value: `id,na` offers `id,name`."""
    from uzit_cli.resident_columns import COLUMN_NAMES

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    given = set(done.split(",")) if done else set()
    return [
        CompletionItem(prefix + name)
        for name in COLUMN_NAMES
        if name.startswith(last) and name not in given
    ]


def sort_fields(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    from uzit_cli.query import SORT_FIELDS

    return _matching(SORT_FIELDS, incomplete)


# command -> parameter name -> what completes it
COMPLETERS: dict[str, dict[str, Completer]] = {
    "show": {"resident_id": resident_ids},
    "list": {
        "city": cities,
        "sector": sectors,
        "columns": column_list,
        "sort": sort_fields,
    },
    "stats": {"city": cities, "sector": sectors},
    "add": {"city": cities, "sectors": sectors},
    "set": {"target": resident_ids},
    "unset": {"target": resident_ids},
    "remove": {"ids": resident_ids},
    "rename": {"old": resident_ids},
}


def completing_app(app: typer.Typer) -> Any:
    """The Click group of the whole app, with the registry-dependent completers attached."""
    group = typer.main.get_command(app)
    for command_name, completers in COMPLETERS.items():
        command = group.commands[command_name]  # type: ignore[attr-defined]
        for param in command.params:
            completer = completers.get(param.name or "")
            if completer is not None:
                param._custom_shell_complete = completer
    return group


def complete(instruction: str, app: typer.Typer) -> int:
    """Answer one request of the shell's completion script about `app` (every command
    runnable); the exit status to return. The app is passed in, so this module does not
    import the one that imports it."""
    from typer._completion_classes import completion_init
    from typer.completion import shell_complete

    completion_init()  # registers Typer's bash, zsh and fish answers with Click
    return shell_complete(
        completing_app(app), {}, "uzit", COMPLETE_VAR, typer_instruction(instruction)
    )


def completion_script(shell: str) -> str:
    """The script that makes `shell` complete uzit's commands, options and values."""
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    completion_init()
    return get_completion_script(prog_name="uzit", complete_var=COMPLETE_VAR, shell=shell)
