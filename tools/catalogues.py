"""The message catalogues: extract the code's messages, bring each language's `.po` up to date
and compile it to the `.mo` uzit reads.

    python tools/catalogues.py          # write uzit.pot, update every LANG.po, compile LANG.mo
    python tools/catalogues.py --check  # change nothing; exit 1 if any of them is out of date

`make catalogues` runs the first. New messages reach each `.po` with an empty translation;
messages the code no longer has leave it (tests/test_catalogues.py fails on both, and on a
placeholder that differs). Adding a language: see "Adding a language" in the README.
Development only (Babel's extraction and compiler); uzit itself reads the `.mo` with the
standard library's gettext.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "uzit_cli"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "uzit.pot"

#: The functions of uzit_cli/language.py whose first arguments are messages.
KEYWORDS = {
    "_": None,
    "N_": None,
    "Phrase": None,
    "_n": (1, 2),
    "Counted": (1, 2),
    "_p": ((1, "c"), 2),
    "Np_": ((1, "c"), 2),
}

# A fixed date, so that the files change only when their messages do.
_STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


# A command's help (`@described(N_(...))`) keeps its examples unwrapped with Click's \b line.
UNWRAPPED = (
    "Keep a line that is only \\b as it is (it keeps the next lines unwrapped), and the "
    "example commands."
)


@functools.cache
def template() -> Catalog:
    """Every message of the code, from the calls above (with `# Translators:` comments).
    Read once per process; copy it before changing it."""
    catalog = Catalog(
        project="uzit",
        version="",
        copyright_holder="the uzit authors",
        msgid_bugs_address="",
        creation_date=_STAMP,
        revision_date=_STAMP,
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        if isinstance(message, str) and "\n\b\n" in message:
            comments = [*comments, UNWRAPPED]
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_text(catalog: Catalog, *, template: bool = False) -> bytes:
    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=100,
        no_location=True,
        sort_output=True,
        omit_header=False,
        ignore_obsolete=True,
        include_previous=False,
    )
    return out.getvalue()


def updated(language: str, pot: Catalog) -> Catalog:
    """`language`'s catalogue with the template's messages: new ones untranslated, gone ones
    dropped (no fuzzy guesses: a wrong translation is worse than a missing one)."""
    path = LOCALE / f"{language}.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.revision_date = _STAMP
    return catalog


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def languages() -> list[str]:
    return sorted(path.stem for path in LOCALE.glob("*.po"))


def wanted_files() -> dict[Path, bytes]:
    """Every generated file as it should be: the template, each `.po` and each `.mo`."""
    pot = template()
    files = {TEMPLATE: _po_text(pot)}
    for language in languages():
        catalog = updated(language, pot)
        files[LOCALE / f"{language}.po"] = _po_text(catalog)
        # compiled from the text just written, so the .mo is what the .po says
        files[LOCALE / f"{language}.mo"] = _mo_bytes(
            read_po(io.BytesIO(files[LOCALE / f"{language}.po"]), locale=language)
        )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    arguments = parser.parse_args(argv)
    stale = []
    for path, content in wanted_files().items():
        if not path.exists() or path.read_bytes() != content:
            stale.append(path.relative_to(ROOT))
            if not arguments.check:
                path.write_bytes(content)
    if arguments.check and stale:
        names = ", ".join(str(path) for path in stale)
        print(f"catalogues: out of date: {names}; run `make catalogues`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
