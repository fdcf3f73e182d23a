"""The widths of a table's columns when its text may wrap: what each column needs
(`column_ranges`), and how they are narrowed step by step to fit a width (`fit_widths`).

output/layout.py decides which columns a table keeps; this module narrows the columns of a
table that wraps rather than cuts its text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from uzit_cli.output.wrapping import URL, pieces

LONGEST_WORD = 24  # a wider word (a long Japanese name, a URL) may fold rather than widen
FLOOR = 4  # the narrowest a column is folded to when nothing else fits


def column_ranges(
    headers: Sequence[Text], cells: Sequence[Sequence[Text]], wrapped: Sequence[bool]
) -> tuple[list[tuple[int, int, int]], list[bool], list[bool]]:
    """Per column, in terminal cells: (the narrowest it goes without folding a word, the widest
    value or header word, the widest line), whether its words may fold, and whether it has a
    URL (kept whole longest).

    Text columns wrap at spaces, hyphens and commas (the longest piece between breaks); other
    columns (numbers, dates) keep their widest value. Headers wrap at spaces only. A column
    with a URL never folds, so the link stays whole; other columns' pieces count up to
    LONGEST_WORD (a longer one folds rather than widens), except the first column's (the key).
    """
    ranges: list[tuple[int, int, int]] = []
    foldable: list[bool] = []
    urls: list[bool] = []
    for index, header in enumerate(headers):
        longest_piece = widest_value = 0
        has_url = False
        for text in (row[index] for row in cells):
            for line in text.plain.splitlines():
                widest_value = max(widest_value, cell_len(line))
                for word in line.split():
                    has_url = has_url or bool(URL.fullmatch(word))
                    longest_piece = max(longest_piece, *(cell_len(p) for p in pieces(word)))
        header_lines = header.plain.splitlines() or [""]
        header_word = max(cell_len(word) for line in header_lines for word in [*line.split(), ""])
        widest = max(widest_value, *(cell_len(line) for line in header_lines))
        compact = max(widest_value, header_word)
        folds = wrapped[index] and not has_url
        if not wrapped[index]:
            narrowest = compact
        elif index and folds:
            narrowest = max(min(longest_piece, LONGEST_WORD), header_word)
        else:
            narrowest = max(longest_piece, header_word)
        ranges.append((min(narrowest, compact), compact, widest))
        foldable.append(folds)
        urls.append(has_url)
    return ranges, foldable, urls


def fit_widths(
    ranges: Sequence[tuple[int, int, int]],
    available: int,
    foldable: Sequence[bool],
    whole: Sequence[bool] = (),
) -> list[int]:
    """Column widths that fit `available` cells, from `column_ranges` per column.

    Each step narrows only as far as it must, the widest columns first: headers wrap; then
    values wrap at spaces, hyphens and commas, the first column (the key) last; then words of
    foldable columns fold, the first column last; numbers and dates stay whole unless even
    that does not fit, and `whole` columns (URLs, to stay clickable) after everything else.
    """
    widths = [widest for _, _, widest in ranges]
    if not widths:
        return widths
    words = [word for word, _, _ in ranges]
    folded = [FLOOR if fold else word for word, fold in zip(words, foldable, strict=True)]
    steps = (
        [compact for _, compact, _ in ranges],
        [ranges[0][1], *words[1:]],
        words,
        [words[0], *folded[1:]],
        folded,
        [word if keep else FLOOR for word, keep in zip(words, whole, strict=True)]
        if whole
        else folded,
        [FLOOR] * len(ranges),
    )
    for floors in steps:
        if sum(widths) <= available:
            break
        widths = _level(
            widths,
            [min(floor, width) for floor, width in zip(floors, widths, strict=True)],
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
