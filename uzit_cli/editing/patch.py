"""Only the changed lines change: an edit made by a round-trip YAML library, carried back onto
the text as the person wrote it.

ruamel.yaml keeps comments, key order, quoting and flow or block style, but writing a document
back can still respell a line nobody touched (an indentation it does not keep, a line it wraps).
So the edited document is compared with the same document written back unedited, and only the
lines that differ between those two are carried over, onto the original text. Lines the
library would respell but the edit does not touch stay byte for byte as they were.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def carry_over(original: list[str], unedited: list[str], edited: list[str]) -> list[str]:
    """`original` with the changes from `unedited` to `edited` applied (lines without ends).

    Each changed block is widened, over lines the edit leaves alone, until the lines around it
    are ones `unedited` writes exactly as `original` has them, so that it lands where it
    belongs even when the library respells lines near it.
    """
    if original == unedited:
        return list(edited)
    in_original = _equal_lines(unedited, original)
    in_edited = _equal_lines(unedited, edited)
    anchors = in_original.keys() & in_edited.keys()
    result: list[str] = []
    taken = 0  # lines of `original` already in `result`
    for start, end in _blocks(unedited, edited, anchors):
        first = in_original[start - 1] + 1 if start > 0 else 0
        last = in_original[end] if end < len(unedited) else len(original)
        new_first = in_edited[start - 1] + 1 if start > 0 else 0
        new_last = in_edited[end] if end < len(unedited) else len(edited)
        result += original[taken:first]
        result += edited[new_first:new_last]
        taken = last
    result += original[taken:]
    return result


def _equal_lines(old: list[str], new: list[str]) -> dict[int, int]:
    """For each line of `old` that `new` has unchanged, its line there."""
    placed: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                placed[i1 + offset] = j1 + offset
    return placed


def _blocks(unedited: list[str], edited: list[str], anchors: set[int]) -> list[tuple[int, int]]:
    """The changed blocks of `unedited` (start, end), each widened until the line before it and
    the line after it are anchors (or the ends of the text), overlapping ones merged."""
    length = len(unedited)
    blocks: list[tuple[int, int]] = []
    opcodes = SequenceMatcher(None, unedited, edited, autojunk=False).get_opcodes()
    for tag, start, end, _j1, _j2 in opcodes:
        if tag == "equal":
            continue
        while start > 0 and (start - 1) not in anchors:
            start -= 1
        while end < length and end not in anchors:
            end += 1
        if blocks and start <= blocks[-1][1]:
            start = blocks[-1][0]
            end = max(end, blocks[-1][1])
            blocks.pop()
        blocks.append((start, end))
    return blocks
