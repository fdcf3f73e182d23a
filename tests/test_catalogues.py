"""The message catalogues: current with the code, complete, and true to its placeholders."""

from __future__ import annotations

import copy
import functools
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _tool():  # tools/ is not a package: load tools/catalogues.py by path
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools/catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogues"] = module
    spec.loader.exec_module(module)
    return module


def test_the_catalogues_are_current_with_the_code() -> None:
    """A message added, changed or removed in the code without `make catalogues` fails here,
    as does a `.mo` not compiled from its `.po`."""
    tool = _tool()
    stale = [
        str(path.relative_to(ROOT))
        for path, content in tool.wanted_files().items()
        if not path.exists() or path.read_bytes() != content
    ]
    assert not stale, f"run `make catalogues`: out of date: {stale}"


def _catalogue(name: str):  # a LANG.po or the template, as Babel reads it
    from babel.messages.pofile import read_po

    with (ROOT / "uzit_cli/locale" / name).open("rb") as file:
        return read_po(file, locale=name.split(".")[0] if name != "uzit.pot" else None)


def _languages() -> list[str]:
    return sorted(path.stem for path in (ROOT / "uzit_cli/locale").glob("*.po"))


def _entries(catalogue) -> dict:
    return {(m.context, m.id): m for m in catalogue if m.id}


def test_there_is_a_catalogue_for_every_language_uzit_offers() -> None:
    from uzit_cli import language

    assert language.available() == ("en", *_languages())
    assert {"ja", "ru"} <= set(_languages())


def test_every_message_is_translated_in_every_language() -> None:
    for name in _languages():
        catalogue = _catalogue(f"{name}.po")
        empty = [
            message.id
            for message in catalogue
            if message.id
            and (
                not message.string
                or (isinstance(message.string, tuple) and not all(message.string))
            )
        ]
        assert not empty, f"{name}.po: {len(empty)} untranslated, the first: {empty[:5]}"
        forms = catalogue.num_plurals
        plurals = [m for m in catalogue if m.id and isinstance(m.id, tuple)]
        assert all(len(m.string) == forms for m in plurals), name


def test_a_catalogue_holds_only_messages_the_code_uses() -> None:
    used = set(_entries(_catalogue("uzit.pot")))
    for name in _languages():
        unused = set(_entries(_catalogue(f"{name}.po"))) - used
        assert not unused, f"{name}.po holds messages no longer in the code: {sorted(unused)[:5]}"


def test_the_catalogue_tool_drops_a_message_the_code_no_longer_has() -> None:
    tool = _tool()
    template = copy.deepcopy(tool.template())
    some = next(message for message in template if message.id)
    assert (some.context, some.id) in _entries(tool.updated("ja", template))
    template.delete(some.id, some.context)
    updated = tool.updated("ja", template)
    assert (some.context, some.id) not in _entries(updated) and not updated.obsolete


def _placeholders(text: str) -> list[tuple[str, str | None, str]]:
    """The `{name}`, `{name!r}`, `{count:,}` of a message, each once, in order of name (a
    translation may name a value twice where its language repeats it)."""
    import string

    found = {
        (field, conversion, spec)
        for _, field, spec, conversion in string.Formatter().parse(text)
        if field is not None
    }
    return sorted(found, key=lambda item: (item[0], item[1] or "", item[2]))


def test_each_translation_has_exactly_the_placeholders_of_its_message() -> None:
    wrong = []
    for name in _languages():
        for message in _catalogue(f"{name}.po"):
            if not message.id:
                continue
            if isinstance(message.id, tuple):  # every plural form has the plural's placeholders
                wanted = _placeholders(message.id[1])
                forms = list(message.string)
            else:
                wanted, forms = _placeholders(message.id), [message.string]
            for form in forms:
                try:
                    if form and _placeholders(form) != wanted:
                        wrong.append((name, message.id, form))
                except ValueError:  # an unbalanced brace
                    wrong.append((name, message.id, form))
    assert not wrong, wrong[:5]


def test_the_compiled_catalogues_say_what_the_po_files_say() -> None:
    import gettext

    for name in _languages():
        with (ROOT / "uzit_cli/locale" / f"{name}.mo").open("rb") as file:
            compiled = gettext.GNUTranslations(file)
        for message in _catalogue(f"{name}.po"):
            if message.id and not isinstance(message.id, tuple) and message.string:
                shown = (
                    compiled.pgettext(message.context, message.id)
                    if message.context
                    else compiled.gettext(message.id)
                )
                assert shown == message.string, (name, message.id)
