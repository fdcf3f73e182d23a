"""The widths of a table's columns when its text may wrap: what each column needs
(`column_ranges`), and how they are narrowed step by step to fit a width (`fit_widths`).

output/layout.py decides which columns a table keeps; this module narrows the columns of a
table that wraps rather than cuts its text. Nothing is ever narrowed below its floor (see
`column_ranges`): a table whose floors do not fit is drawn as blocks instead (output/table.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from uzit_cli.output.wrapping import URL, has_wide, pieces

LONGEST_WORD = 24  # a wider word (a long Japanese name) may fold rather than widen its column
JAPANESE_LINE = 8  # Japanese wraps to lines of at least this many cells (4 characters)


def japanese_word(word: str) -> int:
    """The narrowest a word with Japanese in it goes, in cells: Japanese has no spaces, and
    breaks between characters, into lines of JAPANESE_LINE cells or more (`2030年の` /
    `新規雇用`), much as English text wraps at its spaces."""
    return min(cell_len(word), max(JAPANESE_LINE, *(cell_len(piece) for piece in pieces(word))))


def header_word(header: str) -> int:
    """The narrowest a header goes, in cells: its longest word, since a header breaks at spaces
    only, Japanese between characters too (see `japanese_word`)."""
    longest = 0
    for word in header.split():
        japanese = not word.isascii() and has_wide(word)
        longest = max(longest, japanese_word(word) if japanese else cell_len(word))
    return longest


def column_ranges(
    headers: Sequence[Text], cells: Sequence[Sequence[Text]], wrapped: Sequence[bool]
) -> list[tuple[int, int, int]]:
    """Per column, in terminal cells: (its floor, the widest value or header word, the widest
    line).

    The floor is the narrowest a column goes without breaking a word of its header or a value
    it keeps whole. Text columns (`wrapped`) wrap at spaces, hyphens and commas, so their floor
    is their longest piece between breaks: up to LONGEST_WORD (a longer one folds rather than
    widens) except in the first column (the key) and in a column with a URL, which never
    folds, so the link stays whole. Other columns (numbers, dates, `whole` values) never wrap:
    their floor is their widest value. Headers wrap at spaces only, Japanese ones between
    characters too (see `header_word`). Japanese, which may break between any two characters,
    counts as a word of at most LONGEST_WORD, and in the key, of JAPANESE_LINE cells (see
    `japanese_word`): the key would otherwise be as wide as its longest Japanese phrase.
    """
    ranges: list[tuple[int, int, int]] = []
    for index, header in enumerate(headers):
        longest_piece = widest_value = 0
        has_url = False
        for text in (row[index] for row in cells):
            for line in text.plain.splitlines():
                widest_value = max(widest_value, cell_len(line))
                for word in line.split():
                    has_url = has_url or bool(URL.fullmatch(word))
                    if not word.isascii() and has_wide(word):  # Japanese breaks anywhere:
                        # in the key, into lines as its header; elsewhere no wider than a long
                        # word (so a Japanese title does not make a table of narrow columns)
                        width = japanese_word(word) if not index else cell_len(word)
                        longest_piece = max(longest_piece, min(width, LONGEST_WORD))
                        continue
                    longest_piece = max(longest_piece, *(cell_len(p) for p in pieces(word)))
        header_lines = header.plain.splitlines() or [""]
        header_floor = max(header_word(line) for line in header_lines)
        widest = max(widest_value, *(cell_len(line) for line in header_lines))
        compact = max(widest_value, header_floor)
        if not wrapped[index]:
            floor = compact
        elif index and not has_url:
            floor = max(min(longest_piece, LONGEST_WORD), header_floor)
        else:
            floor = max(longest_piece, header_floor)
        ranges.append((min(floor, compact), compact, widest))
    return ranges


def fit_widths(ranges: Sequence[tuple[int, int, int]], available: int) -> list[int] | None:
    """Column widths that fit `available` cells, from `column_ranges` per column; None when
    even every column's floor does not fit.

    Each step narrows only as far as it must, the widest columns first: headers wrap; then
    values wrap at spaces, hyphens and commas, the first column (the key) last. No step goes
    below a column's floor: a word of a header, a number, a date or a whole value never breaks.
    """
    floors = [floor for floor, _, _ in ranges]
    if sum(floors) > available:
        return None
    widths = [widest for _, _, widest in ranges]
    steps = (
        [compact for _, compact, _ in ranges],
        [ranges[0][1], *floors[1:]] if ranges else [],
        floors,
    )
    for step in steps:
        if sum(widths) <= available:
            break
        widths = _level(
            widths,
            [min(floor, width) for floor, width in zip(step, widths, strict=True)],
            available,
        )
    return widths


def _level(widths: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """Cap every column at one level (never below its floor), as high as still fits."""

    def capped(level: int) -> list[int]:
        return [max(floor, min(width, level)) for width, floor in zip(widths, floors, strict=True)]

    low, high = 0, max(widths)
    while low < high:  # the highest level whose total fits
        middle = (low + high + 1) // 2
        if sum(capped(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    result = capped(low)
    # Hand out what the integer level left over, one cell each to the columns it capped.
    spare = available - sum(result)
    for index, width in enumerate(widths):
        if spare <= 0:
            break
        if result[index] < width:
            result[index] += 1
            spare -= 1
    return result
