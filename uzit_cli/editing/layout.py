"""The canonical layout of a registry (`uzit fmt`): keys in the format's order, residents and
sources in their own order, two-space indentation with list dashes indented two, dates
unquoted `YYYY-MM-DD`, years as plain numbers; comments, quoting of text, flow or block style
and folded text kept. Formatting formatted text changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from uzit_cli.editing.document import BOM, RoundTrip
from uzit_cli.editing.edits import _give_trailing, _take_trailing
from uzit_cli.registry.specs import CONTEXT, FIGURE, INFO, REGISTRY, RESIDENT, SOURCE, TARGET

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_YEAR = re.compile(r"\d{4}\Z")
_DATES = {"as_of", "joined", "published"}
_YEAR_MAPS = {"jobs_created", "export_revenue_usd"}


def _order(record: Any) -> tuple[str, ...]:
    return tuple(key.name for key in record.keys)


#: Under which key a list of records of each kind stands.
_LISTS = {
    "sources": SOURCE,
    "published": FIGURE,
    "targets": TARGET,
    "context": CONTEXT,
    "residents": RESIDENT,
}


def formatted(text: str) -> str:
    """`text` (a registry) in the canonical layout, with its line ends and byte order mark."""
    bom = text.startswith(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.removeprefix(BOM).replace("\r\n", "\n")
    round_trip = RoundTrip(2, 4, 2)
    tree = round_trip.load(plain)
    if isinstance(tree, CommentedMap):
        _arrange(tree, _order(REGISTRY))
        if isinstance(tree.get("registry"), CommentedMap):
            _arrange(tree["registry"], _order(INFO))
    result = round_trip.dump(tree)
    return (BOM if bom else "") + result.replace("\n", newline)


def _arrange(mapping: CommentedMap, order: Sequence[str]) -> None:
    """Keys of one record in the format's order (unknown keys last, as they stood), values
    written one way, and the records below it likewise."""
    for key, value in list(mapping.items()):
        if key in _DATES and isinstance(value, str) and _DATE.match(value):
            with contextlib.suppress(ValueError):  # not a calendar date: the loader says so
                mapping[key] = dt.date.fromisoformat(value)
        elif key in _YEAR_MAPS and isinstance(value, CommentedMap):
            _years(value)
        elif key in _LISTS and isinstance(value, CommentedSeq):
            for item in value:
                if isinstance(item, CommentedMap):
                    _arrange(item, _order(_LISTS[key]))
    rank = {key: index for index, key in enumerate(order)}
    keys = list(mapping)
    wanted = sorted(keys, key=lambda key: rank.get(key, len(order)))
    if wanted == keys:
        return
    trailing = _take_trailing(mapping, keys[-1])
    comments = dict(mapping.ca.items)
    values = [(key, mapping[key]) for key in wanted]
    for key in keys:
        del mapping[key]
    for key, value in values:
        mapping[key] = value
    mapping.ca.items.update(comments)
    if trailing is not None:
        _give_trailing(mapping, trailing)


def _years(years: CommentedMap) -> None:
    """Year keys as plain numbers (`"2024"` → `2024`), in order."""
    pairs = [(int(k) if isinstance(k, str) and _YEAR.match(k) else k, v) for k, v in years.items()]
    keys = [k for k, _ in pairs]
    if keys == list(years) and all(isinstance(k, int) for k in keys) and sorted(keys) == keys:
        return
    for key in list(years):
        del years[key]
    for key, value in sorted(pairs, key=lambda pair: (isinstance(pair[0], str), str(pair[0]))):
        years[key] = value
