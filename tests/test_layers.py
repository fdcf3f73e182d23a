"""The tree tells the architecture, and these checks keep it so (README, Development).

Imports are read from the source (every `import`, at module level or inside a function), so a
lazy import counts as much as any other: it is still a dependency.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from uzit_cli.cli.app import COMMANDS

PACKAGE = Path(__file__).resolve().parent.parent / "uzit_cli"

#: The pure core: no terminal, no Typer, no presentation.
CORE = (
    "registry",
    "projection",
    "timeline",
    "exchange",
    "editing",
    "stats",
    "crosstab",
    "growth",
    "park",
    "query",
    "model",
    "names",
)
#: What the core may never import.
NOT_FOR_CORE = ("typer", "rich", "uzit_cli.output", "uzit_cli.views", "uzit_cli.cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@functools.cache
def parsed(path: Path) -> ast.Module:
    """The module's syntax tree, read once for every check."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def imports(path: Path) -> tuple[str, ...]:
    """Every module `path` imports: `from a import b` gives a and a.b (b may be a module)."""
    package = module_name(path).rpartition(".")[0] if path.name != "__init__.py" else ""
    found: list[str] = []
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = module_name(path) if path.name == "__init__.py" else package
                anchor = ".".join(anchor.split(".")[: len(anchor.split(".")) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            found.append(base)
            found.extend(f"{base}.{alias.name}" for alias in node.names)
    return tuple(found)


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def in_core(name: str) -> bool:
    return any(within(name, f"uzit_cli.{part}") for part in CORE)


def test_the_core_imports_neither_typer_rich_nor_the_output_layer() -> None:
    found = [
        f"{name} imports {imported}"
        for name, path in modules().items()
        if in_core(name)
        for imported in imports(path)
        if any(within(imported, forbidden) for forbidden in NOT_FOR_CORE)
    ]
    assert found == []


def test_the_output_layer_imports_neither_commands_nor_the_cli() -> None:
    found = [
        f"{name} imports {imported}"
        for name, path in modules().items()
        if within(name, "uzit_cli.output")
        for imported in imports(path)
        if within(imported, "uzit_cli.commands") or within(imported, "uzit_cli.cli")
    ]
    assert found == []


def test_no_module_imports_a_command() -> None:
    """A command's module is loaded by name from cli/app.py's table, never imported."""
    found = [
        f"{name} imports {imported}"
        for name, path in modules().items()
        for imported in imports(path)
        if within(imported, "uzit_cli.commands") and imported != "uzit_cli.commands"
    ]
    assert found == []


def test_every_module_of_commands_is_one_command_named_after_it() -> None:
    in_folder = {
        path.stem for path in (PACKAGE / "commands").glob("*.py") if path.stem != "__init__"
    }
    registered = [entry.module.rpartition(".")[2] for entry in COMMANDS.values()]
    assert sorted(registered) == sorted(in_folder), "a module of commands/ that is no command"
    assert len(set(registered)) == len(registered), "two commands in one module"
    for name, entry in COMMANDS.items():
        # `import` is a keyword, so its module is import_.py
        assert entry.module.rpartition(".")[2].rstrip("_") == name.replace("-", "_")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        # a package's __init__ re-exporting its own modules is not a cycle between layers
        graph[name] = {
            imported
            for imported in imports(path)
            if imported in known and imported != name and not within(imported, name)
        }
    assert _cycles(graph) == []


@pytest.mark.parametrize("folder", ["cli", "commands", "views", "output", "exchange", "timeline"])
def test_each_layer_is_a_package(folder: str) -> None:
    assert (PACKAGE / folder / "__init__.py").is_file()


#: The modules that use Typer's private API; each is imported only where typer_fence allows.
BEHIND_THE_FENCE = ("uzit_cli.cli.coercion", "uzit_cli.cli.completion")


def test_typers_private_modules_are_reached_only_behind_the_fence() -> None:
    known = modules()
    users = sorted(
        name
        for name, path in known.items()
        if any(within(imported, "typer") and "._" in imported for imported in imports(path))
    )
    assert users == sorted(BEHIND_THE_FENCE)
    # and those modules are imported nowhere at module level: only inside a function, after
    # typer_fence.private_api_usable() said yes
    for name, path in known.items():
        for node in parsed(path).body:
            if isinstance(node, ast.ImportFrom) and node.module in BEHIND_THE_FENCE:
                raise AssertionError(f"{name} imports {node.module} at module level")
            if isinstance(node, ast.ImportFrom) and node.module == "uzit_cli.cli":
                fenced = {alias.name for alias in node.names} & {"coercion", "completion"}
                assert not fenced, f"{name} imports {fenced} at module level"
