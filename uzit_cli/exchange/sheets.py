"""The workbook's sheet titles, in the reader's language, and the names `uzit import` reads.

A sheet is known by its English name (`Residents`, `About`, `Projection target`) everywhere in
the code; the workbook shows it under its title in the language of the run that wrote it (入居企業,
Резиденты), and `uzit import` finds it under its title in any language uzit speaks, so a
workbook written with `--lang ja` reads back in any language. Column headers are the machine
keys in every language, and are not translated: a sheet whose title is in no language uzit
knows (a translation changed since, a sheet renamed by hand) is found by its header.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence

from uzit_cli.language import CATALOGUES, ENGLISH, Np_, _p, available

#: The longest sheet title a workbook holds (Excel's limit).
MAX_TITLE = 31
#: The characters Excel refuses in a sheet title.
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")

#: Every sheet of the workbook by its English name, marked for the catalogue (context "sheet").
SHEETS = (
    Np_("sheet", "Residents"),
    Np_("sheet", "Sources"),
    Np_("sheet", "Figures"),
    Np_("sheet", "Published"),
    Np_("sheet", "Targets"),
    Np_("sheet", "Context"),
    Np_("sheet", "About"),
)
#: The sheets of the projection, one per scenario: `Projection target`, …; in another language
#: `{scenario}` is the scenario's label there (予測(目標), Прогноз (целевой)). `uzit import`
#: computes the projection, so it does not read these sheets.
PROJECTION = Np_("sheet", "Projection {scenario}")
_PROJECTION_PREFIX = "Projection "


def projection_sheet(scenario: str) -> str:
    """The English name of a scenario's sheet."""
    return f"{_PROJECTION_PREFIX}{scenario}"[:MAX_TITLE]


def sheet_title(name: str) -> str:
    """The title the workbook shows for the sheet called `name`, in the reader's language."""
    if name.startswith(_PROJECTION_PREFIX):
        from uzit_cli.projection.scenarios import scenario_label  # only `export` needs it

        label = _NOT_IN_TITLE.sub("-", scenario_label(name.removeprefix(_PROJECTION_PREFIX)))
        return _p("sheet", PROJECTION).format(scenario=label)[:MAX_TITLE]
    return _p("sheet", name)[:MAX_TITLE]


@functools.lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    """Every sheet's title in every language uzit speaks, to its English name."""
    import gettext

    found = {name: name for name in SHEETS}
    for language in available():
        if language == ENGLISH:
            continue
        with open(os.path.join(CATALOGUES, f"{language}.mo"), "rb") as catalogue:
            translations = gettext.GNUTranslations(catalogue)
        for name in SHEETS:
            found.setdefault(translations.pgettext("sheet", name)[:MAX_TITLE], name)
    return found


#: The header names that tell each sheet `uzit import` reads from the others, whatever its
#: title: the machine keys `uzit export` writes in the first row (see export.py).
SIGNATURES = {
    "Residents": frozenset({"id", "name", "joined"}),
    "Sources": frozenset({"id", "title", "publisher"}),
    "Published": frozenset({"metric", "published", "computed"}),
    "Targets": frozenset({"metric", "factor"}),
    "Context": frozenset({"metric", "value", "as_of"}),
    "About": frozenset({"key", "value"}),
}


def find_sheets(
    titles: Sequence[str], header: Callable[[str], Iterable[object]] | None = None
) -> dict[str, str]:
    """The sheets of a workbook that `uzit export` writes: English name -> the title in this
    workbook. Found by their titles in any language uzit speaks, then, for a sheet still
    missing, by `header(title)` (its first row) holding that sheet's SIGNATURES. The first
    sheet of a name wins."""
    known = _titles()
    found: dict[str, str] = {}
    for title in titles:
        name = known.get(title)
        if name is not None:
            found.setdefault(name, title)
    missing = [name for name in SIGNATURES if name not in found]
    if header is None or not missing:
        return found
    for title in titles:
        if title in found.values():
            continue
        names = {str(value).strip().casefold() for value in header(title) if value is not None}
        name = next((name for name in missing if SIGNATURES[name] <= names), None)
        if name is not None:
            found[name] = title
            missing.remove(name)
    return found
