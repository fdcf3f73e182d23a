"""A pseudo-language made from uzit.pot: every message of the catalogue with its letters turned
into look-alikes (`Jobs created` -> `Ĵøbš çřéáţéđ`), placeholders kept. Installed with
`language.install`, it shows which English text reaches a reader without passing through the
catalogue: such text stays plain ASCII letters, while everything translated does not.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

from uzit_cli.language import CATALOGUES

_LOWER = "áƀçđéƒğħíĵķłṁñøþʠřšţüṽŵẋýž"
_UPPER = "ÁƁÇĐÉƑĞĦÍĴĶŁṀÑØƤɊŘŠŢÜṼŴẊÝŽ"
_LOOK_ALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", _LOWER + _UPPER
)
# what must stay as written: placeholders and markup tags
_KEPT = re.compile(r"\{[^{}]*\}|<[^<>]*>")


def pseudo(message: str) -> str:
    """`message` with its letters as look-alikes, its `{placeholders}` and tags untouched."""
    parts = []
    last = 0
    for kept in _KEPT.finditer(message):
        parts.append(message[last : kept.start()].translate(_LOOK_ALIKES))
        parts.append(kept.group())
        last = kept.end()
    parts.append(message[last:].translate(_LOOK_ALIKES))
    return "".join(parts)


class PseudoTranslations:
    """gettext's three calls over the template: a message it holds comes back as look-alikes;
    any other (one the code never marked) stays as it is, which is the leak looked for."""

    def __init__(self, template: Path) -> None:
        with template.open("rb") as file:
            catalog = read_po(file)
        self.singular: set[tuple[str | None, str]] = set()
        self.plural: set[tuple[str, str]] = set()
        for message in catalog:
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                self.plural.add((message.id[0], message.id[1]))
            else:
                self.singular.add((message.context, message.id))

    def gettext(self, message: str, /) -> str:
        return pseudo(message) if (None, message) in self.singular else message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        chosen = singular if n == 1 else plural
        return pseudo(chosen) if (singular, plural) in self.plural else chosen

    def pgettext(self, context: str, message: str, /) -> str:
        return pseudo(message) if (context, message) in self.singular else message


@cache
def translations() -> PseudoTranslations:
    return PseudoTranslations(Path(CATALOGUES) / "uzit.pot")


# --- finding English --------------------------------------------------------------------------

_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\S+@\S+\.\w+")
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_TRUNCATED = re.compile(r"\S*…")
_TAG = re.compile(r"</?[a-z]+/?>")  # Markdown's <br>
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")


def english_words(text: str, data: Iterable[str], allowed: set[str]) -> set[str]:
    """The runs of ASCII letters in `text` that are none of: the `data` (registry text, file
    names, what the command line gave; whole words of it, wrapped or not), a URL, an option, a
    cell cut short by `…`, an identifier (with `_` or a digit: fields, hashes, symbols) or a word of
    `allowed` (codes, commands, field names, proper nouns; as written there: a field `city` is
    allowed, the English header `City` is not)."""
    values = sorted({value for value in data if value.strip()}, key=len, reverse=True)
    if values:
        # a value may be wrapped at its spaces by a table: any run of white space matches one
        alternatives = "|".join(
            r"\s+".join(re.escape(part) for part in value.split()) for value in values
        )
        text = re.sub(rf"(?<![\w-])(?:{alternatives})(?![\w-])", " ", text)
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)  # `jobs\_created` is the field jobs_created
    text = _TRUNCATED.sub(" ", _OPTION.sub(" ", _URL.sub(" ", _TAG.sub(" ", text))))
    return {
        word
        for word in _WORD.findall(text)
        if not any(c == "_" or c.isdigit() for c in word) and word not in allowed
    }


def data_variants(values: Iterable[str]) -> set[str]:
    """Each registry text as each human format may show it: as is, HTML-escaped, and with
    Markdown's backslash escapes."""
    from uzit_cli.output.report import Column
    from uzit_cli.output.values import markdown_cell

    shown: set[str] = set()
    for value in values:
        shown.update({value, html.escape(value), html.escape(value, quote=False)})
        shown.add(markdown_cell(value, Column("", "")))
    return shown


class _Text(HTMLParser):
    """The text of an HTML page a person reads: character data outside style and script, and
    the attributes read aloud or shown on hover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        if tag not in _INLINE:  # a new block: what follows is not the same word
            self.parts.append("\n")
        for name, value in attrs:
            if name in ("title", "alt", "aria-label", "placeholder") and value:
                self.parts.append(f"\n{value}\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1
        if tag not in _INLINE:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


#: Tags inside a line of text (a date in a span): their text continues the word around them.
_INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "wbr"}
)


def html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


def cells(text: str) -> int:
    """The width of `text` on a terminal: East Asian wide and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
