"""`uzit source add|set|unset|rename|remove`: keep the registry's sources."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from uzit_cli.cli.common import EditedRegistryOption, described
from uzit_cli.cli.edit_session import (
    SOURCE_ACTIONS,
    DryRunOption,
    finish,
    left_out,
    open_for_editing,
)
from uzit_cli.cli.option_groups import Completes
from uzit_cli.language import N_, _
from uzit_cli.problems import UsageError

#: The actions' words, for the --help hint of a usage error (`uzit source add --help`).
ACTIONS = SOURCE_ACTIONS

#: How many words each action takes after it, and what they are.
WORDS = {
    "add": (0, ""),
    "set": (2, "ID FIELD=VALUE..."),
    "unset": (2, "ID FIELD..."),
    "rename": (2, "OLD NEW"),
    "remove": (1, "ID"),
}


def _action(word: str | None) -> str:
    """The action named by `word` (any case); a usage error listing the actions, in uzit's
    words rather than Click's, when it names none or is missing."""
    actions = ", ".join(ACTIONS)
    if word is None:
        raise UsageError(_("uzit source needs an action: {actions}").format(actions=actions))
    if word.lower() in ACTIONS:
        return word.lower()
    raise UsageError(
        _("uzit source has no action {word}; its actions are {actions}").format(
            word=repr(word), actions=actions
        )
    )


def _text(flag: str, help_text: str) -> Any:
    """A text option of `source add`."""
    return typer.Option(flag, metavar="TEXT", help=help_text)


@described(
    N_(
        """\
Add, change, rename or remove one of the registry's sources (registry.sources), and
write the registry back, keeping its comments and layout. A source still cited by a
resident, a published figure or a target cannot be removed; a rename changes every
citation too. `uzit sources` lists them.

\b
Examples:
  uzit source add --id meti-2019 --title 'IT人材需給に関する調査' \\
    --publisher METI -r my.yaml
  uzit source set meti-2019 published=2019-04-01 -r my.yaml
  uzit source rename meti-2019 meti-2019-04 -r my.yaml
  uzit source remove meti-2019-04 -r my.yaml --dry-run"""
    )
)
def source(
    ctx: typer.Context,
    action_word: Annotated[
        str | None,
        typer.Argument(
            metavar="ACTION",
            help=N_(
                "add (from the options), set ID FIELD=VALUE..., unset ID FIELD..., "
                "rename OLD NEW (and every citation), remove ID (refused while cited). "
                "Example: add"
            ),
            show_default=False,
        ),
        Completes("source_actions"),
    ] = None,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ARGS",
            help=N_(
                "What the action takes: an id, then fields or a new id. "
                "Example: trend-2025-02-28 url=https://example.org/a"
            ),
            show_default=False,
        ),
    ] = None,
    source_id: Annotated[
        str | None,
        _text("--id", N_("The new source's id, a slug (with add). Example: --id meti-2019")),
    ] = None,
    title: Annotated[
        str | None,
        _text("--title", N_("Its title (with add). Example: --title 'IT人材需給に関する調査'")),
    ] = None,
    publisher: Annotated[
        str | None,
        _text("--publisher", N_("Who published it (with add). Example: --publisher METI")),
    ] = None,
    url: Annotated[
        str | None,
        _text("--url", N_("Its address (with add). Example: --url https://www.meti.go.jp/")),
    ] = None,
    published: Annotated[
        str | None,
        _text(
            "--published",
            N_("The day it was published, YYYY-MM-DD (with add). Example: --published 2019-04-01"),
        ),
    ] = None,
    note: Annotated[
        str | None, _text("--note", N_("A note (with add). Example: --note 'No URL checked.'"))
    ] = None,
    registry: EditedRegistryOption = None,
    dry_run: DryRunOption = False,
) -> None:
    from uzit_cli.editing.values import SOURCE_KINDS, parse_assignment, value_of

    action = _action(action_word)
    words = words or []
    least, shape = WORDS[action]
    fields = {"id": source_id, "title": title, "publisher": publisher, "url": url}
    fields |= {"published": published, "note": note}
    given = {name: value for name, value in fields.items() if value is not None}
    if action == "add":
        if words:
            raise UsageError(_("source add takes its fields as options: --id, --title, ..."))
        if "id" not in given:
            raise UsageError(_("source add needs --id (and --title, --publisher)"))
    elif given:
        raise UsageError(
            _("--{option} goes with source add; use: source {action} {usage}").format(
                option=next(iter(given)), action=action, usage=shape
            )
        )
    elif len(words) < least or (action in ("remove", "rename") and len(words) > least):
        raise UsageError(_("source {action} takes {usage}").format(action=action, usage=shape))
    document = open_for_editing(registry)
    if action == "add":
        record = {name: value_of(SOURCE_KINDS[name], text) for name, text in given.items()}
        document.add_source(record)
        done = _("added source {id}").format(id=given["id"])
    elif action == "set":
        document.source(words[0])
        for word in words[1:]:
            change = parse_assignment(word)
            if change.op != "=":
                raise UsageError(
                    _("{word}: a source has no list to add to or take from").format(word=repr(word))
                )
            kind = SOURCE_KINDS.get(change.field, "yaml")
            document.set_source_field(words[0], change.field, value_of(kind, change.text))
        done = _("set {assignments} of source {id}").format(
            assignments=" ".join(words[1:]), id=words[0]
        )
    elif action == "unset":
        there = {name: document.unset_source_field(words[0], name) for name in words[1:]}
        what = _("source {id}").format(id=repr(words[0]))
        left = left_out(ctx, document, what, there)
        if not left:
            return
        done = _("left {fields} out of source {id}").format(fields=" ".join(left), id=words[0])
    elif action == "rename":
        document.rename_source(words[0], words[1])
        done = _("renamed source {old} to {new} and its citations").format(
            old=words[0], new=words[1]
        )
    else:
        document.remove_source(words[0])
        done = _("removed source {id}").format(id=words[0])
    finish(ctx, document, dry_run=dry_run, done=done)
