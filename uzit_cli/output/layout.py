"""Which columns a table for people keeps, and how wide each is, for a given width.

Pure arithmetic on cell widths, so it is tested without drawing anything (output/table.py
measures the cells and draws). The rules, as `gh` applies them:

1. a column empty in every row shown is left out (`empty_columns`);
2. when even the narrowest useful widths do not fit, the columns with the highest `priority`
   number are left out first (never those of priority 1 or None), unless the user asked for
   the columns (`--columns`); the name (priority 1) keeps NAME_MIN cells while columns of a
   priority above ESSENTIAL go, and is shortened to its `shortest` (CUT_MIN) before one of
   priority ESSENTIAL or less (for `list`: Jobs, City, To JP) goes, since the id is there;
3. then headers wrap at spaces, and long text is shortened (cut with `…`, or wrapped), the
   highest priority number first, so the name (priority 1) is shortened last;
4. `whole` columns (ids, URLs) and numbers and dates keep their full width throughout, and no
   word of a header is broken.

When the columns kept still do not fit, the table is drawn as one block per row instead
(output/blocks.py); a view that allows it (`View.blocks`) does so below NARROW cells as well.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from uzit_cli.output.report import Column

GAP = 2  # cells between two columns
NARROW = 60  # below this a view that allows blocks prints one block per row
CUT_MIN = 12  # a column cut with `…` keeps at least this many cells (and its header's words)
NAME_MIN = 30  # the cut column of priority 1 (a name) keeps this many: other columns go first
KEPT = 1  # priority 1 (a name) is never left out, only shortened, and that last
ESSENTIAL = 4  # columns of this priority or less go only after the name is shortened


def is_empty(value: Any, column: Column) -> bool:
    """No value to show: None, an empty list or mapping, blank text, or 0 when `zero_is_empty`."""
    if value is None:
        return True
    if isinstance(value, (str, tuple, list, Mapping)) and not value:
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return column.zero_is_empty and not isinstance(value, bool) and value == 0


def empty_columns(columns: Sequence[Column], rows: Sequence[Mapping[str, Any]]) -> list[bool]:
    """For each column, whether every row leaves it empty (never when there are no rows)."""
    if not rows:
        return [False] * len(columns)
    return [all(is_empty(row.get(c.key), c) for row in rows) for c in columns]


@dataclass(frozen=True)
class Measure:
    """One column's widths in cells: header on one line (`widest`), headers wrapped at spaces
    (`compact`), and the narrowest it is shortened to without breaking a word (`narrowest`)."""

    widest: int
    compact: int
    narrowest: int
    shortest: int | None = None  # narrower still, before an essential column is left out


@dataclass(frozen=True)
class Fit:
    """The columns kept (indices, in order), their widths (None: they do not fit even at their
    narrowest), and the indices left out to make room."""

    kept: list[int]
    widths: list[int] | None
    dropped: list[int]


def total(widths: Sequence[int]) -> int:
    """The width of a table with these column widths, gaps included."""
    return sum(widths) + GAP * max(len(widths) - 1, 0)


def fit_columns(
    columns: Sequence[Column], measures: Sequence[Measure], available: int, *, asked: bool
) -> Fit:
    """The columns kept and their widths in `available` cells (see the module's rules 2-4)."""
    kept = list(range(len(columns)))
    dropped: list[int] = []
    measures = list(measures)
    while total([measures[i].narrowest for i in kept]) > available and not asked:
        droppable = [i for i in kept if (columns[i].priority or KEPT) > KEPT]
        if not any((columns[i].priority or 0) > ESSENTIAL for i in droppable):
            squeezable = [i for i in kept if measures[i].shortest is not None]
            squeezed = False
            for i in squeezable:
                shortest = measures[i].shortest
                if shortest is not None and shortest < measures[i].narrowest:
                    measures[i] = Measure(
                        measures[i].widest, measures[i].compact, shortest, shortest
                    )
                    squeezed = True
            if squeezed:
                continue
        if not droppable:
            break
        # the highest priority number goes first; of equals, the rightmost
        victim = max(droppable, key=lambda i: (columns[i].priority or 0, i))
        kept.remove(victim)
        dropped.append(victim)
    if total([measures[i].narrowest for i in kept]) > available:
        return Fit(kept, None, dropped)
    widths = {i: measures[i].widest for i in kept}
    excess = total(list(widths.values())) - available
    # headers wrap at spaces first, the longest first
    for i in sorted(kept, key=lambda i: measures[i].compact - measures[i].widest):
        if excess <= 0:
            break
        saved = min(excess, widths[i] - measures[i].compact)
        widths[i] -= saved
        excess -= saved
    # then values are shortened, the highest priority number first (None: the most important)
    for i in sorted(kept, key=lambda i: (-(columns[i].priority or 0), -i)):
        if excess <= 0:
            break
        saved = min(excess, widths[i] - measures[i].narrowest)
        widths[i] -= saved
        excess -= saved
    return Fit(kept, [widths[i] for i in kept], dropped)


def shorten(text: str, width: int, *, ellipsis: str = "…", measure: Any = len) -> str:
    """The first line of `text` in at most `width` cells, ending in `ellipsis` when cut."""
    lines = text.splitlines() or [""]
    first = lines[0]
    if len(lines) == 1 and measure(first) <= width:
        return first
    room = max(width - measure(ellipsis), 0)
    kept = ""
    for character in first:
        if measure(kept + character) > room:
            break
        kept += character
    return kept.rstrip() + ellipsis
