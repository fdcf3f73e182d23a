"""The reader's language: gettext catalogues, chosen by --lang, UZIT_LANG or the locale.

The code is written in English and English needs nothing: `_` returns its argument until
`use()` loads another language's catalogue, so English start-up pays for no import. Every text
a person reads passes through these functions where it is made:

    _("Jobs created")                              a message or a label
    _n("{count} resident", "{count} residents", n)  a count (Russian has three plural forms)
    _p("city", "Tashkent")                         a word whose meaning needs its context
    N_("Jobs created")                             marked for the catalogue, translated later
    Phrase("expected a date, got {value}", value=shown)  translated each time it is shown

Placeholders are `{name}`s filled by `str.format` after translation (never f-strings, which
the catalogue cannot hold), so a translator may move them. The catalogues are
`uzit_cli/locale/LANG.po` (compiled to `LANG.mo`, checked by tests/test_catalogues.py);
adding a language is adding its `.po` (see the README).

Machine formats (TSV, CSV, JSON, JSON Lines, YAML, SQLite, workbook column names) are the same
bytes in every language: what they carry is built under `english()`. Pure and free of any
other uzit module, so that every layer may use it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

ENGLISH = "en"

#: Where the catalogues are: `ja.po` and its compiled `ja.mo`, one pair per language.
CATALOGUES = os.path.join(os.path.dirname(__file__), "locale")

#: Locale names that mean "no language": the messages of the code itself, English.
_NEUTRAL = frozenset({"", "c", "posix"})


class Translations(Protocol):
    """What `use` loads and `install` takes: gettext's GNUTranslations, or a test's stand-in."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


_translations: Translations | None = None
_language = ENGLISH


def N_(message: str) -> str:
    """`message`, marked for the catalogue: translate it with `_` where it is shown."""
    return message


def Np_(context: str, message: str) -> str:
    """`message` in `context`, marked for the catalogue: shown with `_p(context, message)`."""
    return message


def _(message: str) -> str:
    """`message` in the reader's language."""
    return message if _translations is None else _translations.gettext(message)


#: Text put together from messages that a library keeps as a plain str (Typer copies an
#: option's help): its English text -> how to show it in the reader's language.
_COMPOSED: dict[str, Callable[[], str]] = {}


def composed(text: str, shown: Callable[[], str]) -> str:
    """`text` (English, made of several messages), remembered with `shown`, which writes it in
    the language in use; `translated(text)` then finds it though it is in no catalogue."""
    _COMPOSED[text] = shown
    return text


def translated(text: str) -> str:
    """A message, or a text made by `composed`, in the reader's language."""
    shown = _COMPOSED.get(text)
    return _(text) if shown is None else shown()


def _n(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count`: fill its `{count}` after (`.format(count=...)`)."""
    if _translations is None:
        return singular if count == 1 else plural
    return _translations.ngettext(singular, plural, count)


def _p(context: str, message: str) -> str:
    """`message` in `context` ("city", "sector", "date format"): the same English word may be
    two words in another language. A message the catalogue lacks stays as it is, so a city
    nobody translated keeps the registry's spelling."""
    return message if _translations is None else _translations.pgettext(context, message)


class Phrase:
    """A message kept as its English text and values, translated each time it is shown.

    A registry problem is found once and shown twice: on standard error in the reader's
    language, and in `validate -f json` in English (machine formats do not change with the
    language). `str()` gives it in the language in use when it is called.
    """

    __slots__ = ("message", "values")

    def __init__(self, message: str, /, **values: Any) -> None:
        self.message = message
        self.values = values

    def __str__(self) -> str:
        shown = {name: str(value) for name, value in self.values.items()}
        return _(self.message).format(**shown) if shown else _(self.message)

    def __repr__(self) -> str:
        return f"Phrase({self.message!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Phrase):
            return (self.message, self.values) == (other.message, other.values)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.message, tuple(sorted(self.values))))


def at_line_start(shown: str, written: str) -> str:
    """`shown` (a label in the reader's language) where it starts a line, a table cell or a
    heading: with a capital first letter where the language has capitals (Russian `Целевой`,
    in a sentence `целевой`), unless it is `written` itself, the id as the registry or an
    option writes it (every label in English)."""
    return shown if shown == written else shown[:1].upper() + shown[1:]


def current() -> str:
    """The language in use: `en`, `ja`, `ru`, …"""
    return _language


def available() -> tuple[str, ...]:
    """Every language uzit speaks: English, and one for each compiled catalogue."""
    try:
        names = os.listdir(CATALOGUES)
    except OSError:
        names = []
    return (ENGLISH, *sorted(name[:-3] for name in names if name.endswith(".mo")))


def language_of(locale_name: str) -> str:
    """`ja` for `ja_JP.UTF-8`, `ru` for `ru`, `en` for `C` or `POSIX`: the language part."""
    name = locale_name.split(".")[0].split("@")[0].strip()
    if name.casefold() in _NEUTRAL:
        return ENGLISH
    return name.replace("-", "_").split("_")[0].casefold()


def choose(option: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language to use and, when one was asked for that uzit does not speak, a note.

    `--lang` first, then UZIT_LANG, then the locale as gettext programs read it: the first of
    LC_ALL, LC_MESSAGES and LANG that is set; unless that is C or POSIX, LANGUAGE (a list such
    as `ja:en`) goes before it. A language asked for by name (`--lang`, UZIT_LANG) that uzit
    lacks gives English and a note; a locale it lacks gives English quietly, as git does.
    """
    known = available()
    for asked in (option, environ.get("UZIT_LANG")):
        if asked:
            language = language_of(asked)
            if language in known:
                return language, None
            return ENGLISH, asked
    locale_name = next(
        (environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), ""
    )
    if language_of(locale_name) == ENGLISH and locale_name.split(".")[0].casefold() in _NEUTRAL:
        return ENGLISH, None
    for wanted in (*environ.get("LANGUAGE", "").split(":"), locale_name):
        if wanted and language_of(wanted) in known:
            return language_of(wanted), None
    return ENGLISH, None


def use(language: str) -> None:
    """Speak `language` from now on (one of `available()`; English unloads any catalogue).
    Already speaking it, nothing changes: a test's stand-in (see `install`) stays in place."""
    if language == _language and (language == ENGLISH or _translations is not None):
        return
    if language == ENGLISH:
        install(None, ENGLISH)
        return
    import gettext

    with open(os.path.join(CATALOGUES, f"{language}.mo"), "rb") as catalogue:
        install(gettext.GNUTranslations(catalogue), language)


def install(translations: Translations | None, language: str) -> None:
    """Speak through `translations` (None: English); for `use`, and for tests that install
    a pseudo-language."""
    global _translations, _language
    _translations, _language = translations, language


@contextmanager
def kept() -> Iterator[None]:
    """Whatever language the block switches to, the one in use before it after: `cli.run`
    speaks the language of one command line, and a test runs many in one process."""
    saved = _translations, _language
    try:
        yield
    finally:
        install(*saved)


@contextmanager
def english() -> Iterator[None]:
    """English inside the block: what machine formats carry is built there."""
    saved = _translations, _language
    install(None, ENGLISH)
    try:
        yield
    finally:
        install(*saved)
