"""Where a table cell's text may break: at spaces, then after hyphens and commas; a URL never;
measured in terminal cells, so a wide Japanese character counts twice. Japanese has no spaces:
it may break between any two of its characters, except before closing punctuation and small
kana and after an opening bracket (the basic rules of Japanese line breaking, kinsoku), nor
between a number and the counter or unit after it (`2 倍`, `10社`, `2030年`), nor inside a date
(`2025年2月28日`)."""

from __future__ import annotations

import itertools
import re
import unicodedata

from rich.cells import cell_len

#: The kinds of column whose text wraps onto several lines (other values stay whole).
TEXT_KINDS = ("text", "list", "years")
URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


#: What never starts a line of Japanese (closing punctuation, small kana, the long vowel mark;
#: the ASCII ones too, as in `87(9社)`) and what never ends one (opening brackets).
NO_LINE_START = frozenset(
    "、。，．・：；？！）」』】〉》〕］｝ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々)]},.:;!?%"
)
NO_LINE_END = frozenset("（「『【〈《〔［｛([{")
#: The units of a Japanese date, which the next number follows on the same line.
DATE_UNITS = frozenset("年月")


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def has_wide(text: str) -> bool:
    """Whether `text` holds a wide (East Asian) character: Japanese, which breaks anywhere."""
    return any(_wide(character) for character in text)


def pieces(word: str) -> list[str]:
    """A word cut after each hyphen or comma that follows a letter (`software-`, `development`),
    and between Japanese characters (see the module): where a line may break inside a word.
    Numbers (`1,100`) and URLs are never cut."""
    if URL.fullmatch(word):
        return [word]
    if not word.isascii() and has_wide(word):
        return japanese_pieces(word)
    found: list[str] = []
    start = 0
    for index in range(1, len(word) - 1):
        if word[index] in "-," and word[index - 1].isalpha():
            found.append(word[start : index + 1])
            start = index + 1
    found.append(word[start:])
    return found


def japanese_pieces(word: str) -> list[str]:
    """`word` cut at each place a line of Japanese may break: before a wide character, or after
    one, unless the rules of line breaking keep the two together, or the wide character is a
    unit after a number (`10社`; `2 倍`, which `wrap` keeps as one word)."""
    found = [word[0]]
    for index, (previous, character) in enumerate(itertools.pairwise(word), start=1):
        number = previous.isdigit() or (previous == " " and word[index - 2 : index - 1].isdigit())
        date = previous in DATE_UNITS and character.isdigit()  # 2025年2月28日 stays whole
        breakable = (_wide(previous) or _wide(character)) and not (
            character in NO_LINE_START or previous in NO_LINE_END or number or date
        )
        if breakable:
            found.append(character)
        else:
            found[-1] += character
    return found


def _words(paragraph: str) -> list[str]:
    """The paragraph's words between spaces; a number stays with the Japanese unit after it
    (`2 倍` is one word)."""
    found: list[str] = []
    for word in paragraph.split():
        if found and found[-1][-1].isdigit() and _wide(word[0]):
            found[-1] += f" {word}"
        else:
            found.append(word)
    return found


def flowed(text: str, width: int) -> str:
    """A paragraph with Japanese in it broken into lines of `width` cells as `wrap` breaks it
    (anywhere Japanese allows, not only at spaces as Rich does); other text as it is, for Rich
    to wrap."""
    return "\n".join(wrap(text, width)) if has_wide(text) else text


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces; a word is broken after its
    hyphens and commas only when it does not fit on a line of its own (a slug such as
    `software-development` moves whole to the next line), and folded mid-word only where a
    piece is wider than the line. A URL is never broken: one longer than the line is a line of
    its own, longer than `width` (a table's URL column is as wide as its URLs; blocks let the
    terminal wrap it). Japanese is not moved whole: it fills the line from where it stands,
    broken where Japanese may break (see `pieces`)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in _words(paragraph):
            joined = f"{line} {word}" if line else word
            if cell_len(joined) <= width:
                line = joined
                continue
            japanese = not word.isascii() and has_wide(word)
            if (cell_len(word) <= width and not japanese) or URL.fullmatch(word):  # next line
                lines.append(line)
                line = word  # a URL longer than the line too: never broken, the terminal wraps it
                continue
            for number, piece in enumerate(pieces(word)):  # from where the line stands
                joined = f"{line} {piece}" if line and not number else line + piece
                if cell_len(joined) <= width:
                    line = joined
                    continue
                if line:
                    lines.append(line)
                line = ""
                for character in piece:  # only a piece wider than the line gets here
                    if line and cell_len(line + character) > width:
                        lines.append(line)
                        line = ""
                    line += character
        lines.append(line)
    return lines
