"""The workbook's sheet titles, in the reader's language, and the names `uzit import` reads.

A sheet is known by its English name (`Residents`, `About`, `Projection target`) everywhere in
the code; the workbook shows it under its title in the language of the run that wrote it (入居企業,
Резиденты), and `uzit import` finds it under its title in any language uzit speaks, so a
workbook written with `--lang ja` reads back in any language. Column headers are the machine
keys in every language, and are not translated.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable

from uzit_cli.language import CATALOGUES, ENGLISH, Np_, _p, available

#: The longest sheet title a workbook holds (Excel's limit).
MAX_TITLE = 31

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
#: The sheets of the projection, one per scenario: `Projection target`, ….
PROJECTION = Np_("sheet", "Projection {scenario}")
_PROJECTION_PREFIX = "Projection "


def projection_sheet(scenario: str) -> str:
    """The English name of a scenario's sheet."""
    return f"{_PROJECTION_PREFIX}{scenario}"[:MAX_TITLE]


def sheet_title(name: str) -> str:
    """The title the workbook shows for the sheet called `name`, in the reader's language."""
    if name.startswith(_PROJECTION_PREFIX):
        scenario = name.removeprefix(_PROJECTION_PREFIX)
        return _p("sheet", PROJECTION).format(scenario=scenario)[:MAX_TITLE]
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


def find_sheets(titles: Iterable[str]) -> dict[str, str]:
    """The sheets of a workbook that `uzit export` writes, found by their titles in any
    language: English name -> the title in this workbook. The first of a name wins."""
    known = _titles()
    found: dict[str, str] = {}
    for title in titles:
        name = known.get(title)
        if name is not None:
            found.setdefault(name, title)
    return found
