"""What the editing commands share: open the registry for editing, and finish an edit (a
dry run's diff and summary, or a validated, atomic write)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple, TextIO

import typer

from uzit_cli.cli.common import check_environment_path, registry_path, streams_of
from uzit_cli.language import N_, _
from uzit_cli.problems import UsageError
from uzit_cli.registry import STDIN, display_path

if TYPE_CHECKING:
    from uzit_cli.editing import RegistryDocument
    from uzit_cli.model import Registry
    from uzit_cli.problems import Problem

DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        "-n",
        help=N_(
            "Print the change as a unified diff and uzit diff's summary, and write nothing. "
            "Example: --dry-run"
        ),
    ),
]


#: The actions of `uzit source` (for its argument's checks and Tab completion).
SOURCE_ACTIONS = ("add", "set", "unset", "rename", "remove")

#: How `set` and `unset` name a field of the registry header: registry.as_of
HEADER_PREFIX = "registry."


def header_fields(words: list[str], refusal: str) -> list[str]:
    """The header's fields that `words` name, without their prefix; a word without it is a
    usage error, `refusal` (translated) with the word in its `{word}`."""
    for word in words:
        if not word.startswith(HEADER_PREFIX):
            raise UsageError(refusal.format(word=repr(word)))
    return [word.removeprefix(HEADER_PREFIX) for word in words]


def open_for_editing(option: str | None) -> RegistryDocument:
    """The selected registry (--registry, else $UZIT_REGISTRY), for editing; neither given is
    a usage error: the bundled registry is never edited by default."""
    from uzit_cli.editing import RegistryDocument

    path = registry_path(option)  # an empty $UZIT_REGISTRY: its own usage error
    if option is None:
        raise UsageError(no_registry_given(display_path(path)))
    shown = display_path(path)
    check_environment_path(option, shown)
    if path != STDIN and os.path.realpath(path) == os.path.realpath(INSTALLED):
        raise UsageError(
            _(
                "the registry bundled inside the installed package is not edited in place; "
                "copy it and give the copy: cp {path} my.yaml && uzit ... -r my.yaml"
            ).format(path=shown)
        )
    return RegistryDocument.open(path, shown)


def no_registry_given(path: str) -> str:
    """The usage error of an editing command given no registry (`path`: the bundled one)."""
    return _(
        "give the registry to edit with -r FILE, or set UZIT_REGISTRY; the bundled registry "
        "is not edited (to start from it: cp {path} my.yaml)"
    ).format(path=path)


#: The bundled registry as installed (a checkout's data/residents.yaml is edited as any file).
INSTALLED = Path(__file__).resolve().parent.parent / "data" / "residents.yaml"


def left_out(
    ctx: typer.Context, document: RegistryDocument, what: str, fields: dict[str, bool]
) -> list[str]:
    """The fields an unset left out, from `fields` (each with whether it was there); a note
    on standard error for each that was not: nothing to do, as `set` of the value a field has
    (exit 0). `what` is the record, translated ("resident 'x'")."""
    err = streams_of(ctx).err.file
    for field, there in fields.items():
        if not there:
            print(
                _("{path}: {what} has no {field}; nothing to leave out").format(
                    path=document.shown, what=what, field=field
                ),
                file=err,
            )
    return [field for field, there in fields.items() if there]


def finish(ctx: typer.Context, document: RegistryDocument, *, dry_run: bool, done: str) -> None:
    """Validate the edited registry, then print the change (`dry_run`) or write it; `done`
    says what was done, translated, for the line that confirms the write ("added
    example-new")."""
    streams = streams_of(ctx)
    err = streams.err.file
    if not document.changed:
        print(
            _("{path}: already so, nothing written ({done})").format(
                path=document.shown, done=done
            ),
            file=err,
        )
        return
    after = document.check()  # RegistryError: every problem, as validate shows them; exit 1
    warnings = _new_warnings(document, after)
    if dry_run:
        from uzit_cli.cli.common import illustrative_notices
        from uzit_cli.timeline.changes import diff_registries
        from uzit_cli.views.changes import diff_report, write_summary

        streams.out.file.write(document.unified_diff())
        before = warnings.before if warnings.before is not None else document.before()
        if before is not None:
            print(file=streams.out.file)
            changes = diff_registries(before, after)
            edited = _("{path} as edited").format(path=document.shown)
            report = diff_report(changes, document.shown, edited, illustrative_notices(after))
            write_summary(report, streams.out)
        print(_("{path}: dry run; nothing was written").format(path=document.shown), file=err)
        warnings.show(err)
        return
    document.write()
    print(_("{path}: {done}").format(path=document.shown, done=done), file=err)
    warnings.show(err)


class _Warnings(NamedTuple):
    """The warnings `uzit validate` gives of the edited registry that it did not give before
    the edit, and the registry as it was (None: not read)."""

    found: list[Problem]
    before: Registry | None

    def show(self, err: TextIO) -> None:
        """On standard error, as validate shows them (`my.yaml:12:5: warning: …`)."""
        for problem in self.found:
            print(problem, file=err)


def _new_warnings(document: RegistryDocument, after: Registry) -> _Warnings:
    """What the edit gave validate to warn about: a new value's spelling (`outsorcing` beside
    `outsourcing`), a published figure the records no longer reproduce. A warning the registry
    had before, the same word for word, is not repeated after every edit; so the registry as it
    was is read only when the edited one has a warning."""
    from uzit_cli.registry.warnings import registry_warnings

    found = registry_warnings(after, document.shown)
    if not found:
        return _Warnings([], None)
    before = document.before()
    known = set()
    if before is not None:
        known = {(p.code, p.message) for p in registry_warnings(before, document.shown)}
    return _Warnings([p for p in found if (p.code, p.message) not in known], before)
