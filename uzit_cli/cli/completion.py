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
from pathlib import Path
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
        for name in (*COLUMN_NAMES, *_year_columns(ctx))
        if name.startswith(last) and name not in given
    ]


def sort_fields(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    from uzit_cli.query import SORT_FIELDS

    return _matching((*SORT_FIELDS, *_year_columns(ctx)), incomplete)


def scenarios(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    from uzit_cli.projection import SCENARIOS

    return _matching(SCENARIOS, incomplete)


def breakdowns(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    from uzit_cli.crosstab import DIMENSIONS

    return _matching(DIMENSIONS, incomplete)


def measures(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    from uzit_cli.crosstab import MEASURES

    return _matching(MEASURES, incomplete)


def source_actions(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    from uzit_cli.cli.edit_session import SOURCE_ACTIONS

    return _matching(SOURCE_ACTIONS, incomplete)


def languages(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    """The languages uzit speaks (--lang): English and one for each catalogue."""
    from uzit_cli.language import available

    return _matching(available(), incomplete)


def jobs_years(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    """The years residents report jobs for, up to the year of as_of."""
    registry = _selected_registry(ctx)
    if registry is None:
        return []
    limit = registry.info.as_of.year
    years = {str(y) for r in registry.residents for y in r.jobs_created if y <= limit}
    return _matching(years, incomplete)


def _year_columns(ctx: Context) -> list[str]:
    """jobs_YEAR and export_revenue_usd_YEAR for every year the registry has data for."""
    from uzit_cli.model import RESIDENT_FIELDS

    registry = _selected_registry(ctx)
    if registry is None:
        return []
    names: list[str] = []
    for field in RESIDENT_FIELDS:
        if field.spec.per_year:
            years = {y for r in registry.residents for y in getattr(r, field.name) or {}}
            names.extend(f"{field.spec.per_year[0]}_{year}" for year in sorted(years))
    return names


def _completers(function: Callable[..., Any]) -> dict[str, Completer]:
    """Parameter name -> completer, from the `Completes` marks of a command's options."""
    from typing import get_type_hints

    from uzit_cli.cli.option_groups import Completes

    found: dict[str, Completer] = {}
    for name, hint in get_type_hints(function, include_extras=True).items():
        for mark in getattr(hint, "__metadata__", ()):
            if isinstance(mark, Completes):
                found[name] = globals()[mark.completer]
    return found


def completing_app(app: typer.Typer) -> Any:
    """The Click group of `app`, with the completers its options declare attached. The app is
    passed in, so this module does not import the one that imports it."""
    import inspect

    group = typer.main.get_command(app)
    for command in (group, *group.commands.values()):  # type: ignore[attr-defined]
        if command.callback is None:
            continue
        completers = _completers(inspect.unwrap(command.callback))
        for param in command.params:
            completer = completers.get(param.name or "")
            if completer is not None:
                param._custom_shell_complete = completer
    return group


# --- the shells ------------------------------------------------------------------------------
#
# A value offered is data in every shell: it may hold `*`, spaces, quotes, `$(...)`, `<(...)`
# or backslashes (a city named `0\`). uzit's own scripts read the candidates line by line into
# an array, never through `eval` or an unquoted expansion; bash gets each value already
# quoted for its command line (it inserts COMPREPLY as it is), zsh quotes with `compadd`,
# fish escapes its candidates itself. A value with a control character (a newline would end
# the line) is not offered.

BASH_SCRIPT = r"""
%(function)s() {
    local candidate
    COMPREPLY=()
    while IFS= read -r candidate; do
        COMPREPLY+=("$candidate")
    done < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \
        %(variable)s=complete_bash "$1" 2>/dev/null)
    return 0
}

complete -o default -F %(function)s %(program)s
"""

ZSH_SCRIPT = r"""
#compdef %(program)s

%(function)s() {
    local -a values shown
    local line value
    for line in "${(@f)$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" \
        %(variable)s=complete_zsh %(program)s 2>/dev/null)}"; do
        [[ -n "$line" ]] || continue
        value="${line%%%%$'\t'*}"
        values+=("$value")
        if [[ "$line" == *$'\t'* ]]; then
            shown+=("$value -- ${line#*$'\t'}")
        else
            shown+=("$value")
        fi
    done
    if (( ${#values} )); then
        compadd -l -d shown -- "${values[@]}"
    else
        _files
    fi
}

compdef %(function)s %(program)s
"""

FISH_SCRIPT = (
    "complete --command %(program)s --no-files --arguments "
    '"(env %(variable)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) %(program)s)" --condition '
    '"env %(variable)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) %(program)s"'
)

SCRIPTS = {"bash": BASH_SCRIPT, "zsh": ZSH_SCRIPT, "fish": FISH_SCRIPT}

_BASH_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:@%+=")


def offerable(text: str) -> bool:
    """False for a value with a control character: no shell's line protocol can carry it."""
    return not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text)


def bash_quoted(value: str) -> str:
    """`value` as one word of a bash command line, every special character backslashed, as
    bash's `printf %q` does: `Tashkent City` -> `Tashkent\\ City`, `*` -> `\\*`."""
    return "".join(c if c in _BASH_PLAIN or ord(c) > 0x7F else "\\" + c for c in value)


def _help_line(item: CompletionItem) -> str:
    help_text = " ".join((item.help or "").split())
    return "".join(c for c in help_text if offerable(c))


def _shell_classes() -> dict[str, type]:
    """Typer's shell classes with uzit's scripts and uzit's way of writing a candidate."""
    from typer._completion_classes import BashComplete, FishComplete, ZshComplete

    class UzitBash(BashComplete):
        def source(self) -> str:
            return _script("bash")

        def format_completion(self, item: CompletionItem) -> str:
            return bash_quoted(item.value)

        def complete(self) -> str:
            args, incomplete = self.get_completion_args()
            items = self.get_completions(args, incomplete)
            return "\n".join(self.format_completion(i) for i in items if offerable(i.value))

    class UzitZsh(ZshComplete):
        def source(self) -> str:
            return _script("zsh")

        def format_completion(self, item: CompletionItem) -> str:
            help_text = _help_line(item)
            return f"{item.value}\t{help_text}" if help_text else item.value

        def complete(self) -> str:
            args, incomplete = self.get_completion_args()
            items = self.get_completions(args, incomplete)
            return "\n".join(self.format_completion(i) for i in items if offerable(i.value))

    class UzitFish(FishComplete):
        def source(self) -> str:
            return _script("fish")

        def format_completion(self, item: CompletionItem) -> str:
            help_text = _help_line(item)
            return f"{item.value}\t{help_text}" if help_text else item.value

        def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
            items = super().get_completions(args, incomplete)
            return [item for item in items if offerable(item.value)]

    return {"bash": UzitBash, "zsh": UzitZsh, "fish": UzitFish}


def _script(shell: str) -> str:
    return (
        SCRIPTS[shell]
        % {"function": "_uzit_completion", "program": "uzit", "variable": COMPLETE_VAR}
    ).strip() + "\n"


def complete(instruction: str, app: typer.Typer) -> int:
    """Answer one request of the shell's completion script about `app` (every command
    runnable); the exit status to return. The app is passed in, so this module does not
    import the one that imports it."""
    from typer._click.shell_completion import add_completion_class
    from typer.completion import shell_complete

    for shell, cls in _shell_classes().items():
        add_completion_class(cls, shell)
    return shell_complete(
        completing_app(app), {}, "uzit", COMPLETE_VAR, typer_instruction(instruction)
    )


def completion_script(shell: str) -> str:
    """The script that makes `shell` complete uzit's commands, options and values."""
    return _script(shell)


#: Where `uzit completion SHELL --install` puts the script, and the line it adds to the
#: shell's start-up file so that the script is read (None: the shell reads the place itself).
INSTALL_PLACES: dict[str, tuple[str, str | None, str | None]] = {
    "bash": (".bash_completions/uzit.sh", ".bashrc", "source ~/.bash_completions/uzit.sh"),
    "zsh": (".zfunc/_uzit", ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
    "fish": (".config/fish/completions/uzit.fish", None, None),
}


def install(shell: str, home: Path | None = None) -> Path:
    """Write the script for `shell` under `home` (the user's) and add the one line that reads
    it to the shell's start-up file, unless there already. Nothing else in the start-up file
    is changed: no global `zstyle`, no other setting of the user's shell."""
    home = Path.home() if home is None else home
    place, rc_name, line = INSTALL_PLACES[shell]
    script = home / place
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(_script(shell), encoding="utf-8")
    if rc_name is not None and line is not None:
        rc = home / rc_name
        content = rc.read_text(encoding="utf-8") if rc.is_file() else ""
        if line not in content.splitlines():
            ending = "" if not content or content.endswith("\n") else "\n"
            with rc.open("a", encoding="utf-8") as file:
                file.write(f"{ending}{line}\n")
    return script
