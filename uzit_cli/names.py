"""The declared names of Uzbekistan's places and of the sector slugs, in each language.

The registry writes a city as its editors write it in Latin letters (`Tashkent`, `samarkand`,
`Samarqand`) and a sector as a slug (`software-development`). Tables, Markdown and the page
show them in the reader's language: タシケント, Ташкент; ソフトウェア開発. Each name is declared
once below, marked for the catalogues; a value nobody declared keeps the registry's spelling,
and so does every value in English (the registry's words are English already) and in every
machine format, which never calls these functions.

Pure: the core and the views may use it.
"""

from __future__ import annotations

from uzit_cli.language import ENGLISH, Np_, _p, at_line_start, current

#: The cities: Tashkent and the centre of each region, and a few more that host IT Park
#: branches or are known abroad. The English spelling is the declared one.
CITIES = (
    Np_("city", "Tashkent"),
    Np_("city", "Samarkand"),
    Np_("city", "Bukhara"),
    Np_("city", "Fergana"),
    Np_("city", "Andijan"),
    Np_("city", "Namangan"),
    Np_("city", "Nukus"),
    Np_("city", "Karshi"),
    Np_("city", "Termez"),
    Np_("city", "Urgench"),
    Np_("city", "Navoi"),
    Np_("city", "Jizzakh"),
    Np_("city", "Gulistan"),
    Np_("city", "Nurafshon"),
    Np_("city", "Kokand"),
    Np_("city", "Margilan"),
    Np_("city", "Khiva"),
    Np_("city", "Chirchik"),
)

#: The fourteen first-level divisions: twelve regions, the Republic of Karakalpakstan and the
#: city of Tashkent (a city above, not repeated).
REGIONS = (
    Np_("region", "Republic of Karakalpakstan"),
    Np_("region", "Andijan Region"),
    Np_("region", "Bukhara Region"),
    Np_("region", "Fergana Region"),
    Np_("region", "Jizzakh Region"),
    Np_("region", "Kashkadarya Region"),
    Np_("region", "Khorezm Region"),
    Np_("region", "Namangan Region"),
    Np_("region", "Navoi Region"),
    Np_("region", "Samarkand Region"),
    Np_("region", "Surkhandarya Region"),
    Np_("region", "Syrdarya Region"),
    Np_("region", "Tashkent Region"),
)

#: The sector slugs the registry format names (docs/registry-format.md, `sectors`).
SECTORS = (
    Np_("sector", "outsourcing"),
    Np_("sector", "software-development"),
    Np_("sector", "bpo"),
    Np_("sector", "gamedev"),
    Np_("sector", "creative"),
    Np_("sector", "edtech"),
    Np_("sector", "ai-data"),
    Np_("sector", "it-consulting"),
)

#: Other spellings of a declared place, folded: Uzbek Latin, older transliterations, and the
#: word "city" or "region" written beside the name.
OTHER_SPELLINGS = {
    "toshkent": "Tashkent",
    "tashkent city": "Tashkent",
    "toshkent shahri": "Tashkent",
    "samarqand": "Samarkand",
    "buxoro": "Bukhara",
    "farg'ona": "Fergana",
    "fargʻona": "Fergana",
    "ferghana": "Fergana",
    "andijon": "Andijan",
    "qarshi": "Karshi",
    "termiz": "Termez",
    "urganch": "Urgench",
    "navoiy": "Navoi",
    "jizzax": "Jizzakh",
    "jizzak": "Jizzakh",
    "guliston": "Gulistan",
    "qo'qon": "Kokand",
    "qoʻqon": "Kokand",
    "marg'ilon": "Margilan",
    "margʻilon": "Margilan",
    "xiva": "Khiva",
    "chirchiq": "Chirchik",
    "karakalpakstan": "Republic of Karakalpakstan",
    "qoraqalpog'iston": "Republic of Karakalpakstan",
    "qoraqalpogʻiston": "Republic of Karakalpakstan",
    "kashkadarya": "Kashkadarya Region",
    "qashqadaryo": "Kashkadarya Region",
    "khorezm": "Khorezm Region",
    "xorazm": "Khorezm Region",
    "surkhandarya": "Surkhandarya Region",
    "surxondaryo": "Surkhandarya Region",
    "syrdarya": "Syrdarya Region",
    "sirdaryo": "Syrdarya Region",
}

_PLACES: dict[str, tuple[str, str]] = {
    **{name.casefold(): ("city", name) for name in CITIES},
    **{name.casefold(): ("region", name) for name in REGIONS},
}
_PLACES.update(
    {folded: _PLACES[name.casefold()] for folded, name in OTHER_SPELLINGS.items()},
)
_SECTORS = frozenset(SECTORS)


def place_shown(value: str) -> str:
    """A city (or region) as the reader's language names it: the declared name, found
    ignoring case and among the other spellings; the registry's own spelling for a place
    nobody declared, and in English."""
    if current() == ENGLISH:
        return value
    found = _PLACES.get(" ".join(value.split()).casefold())
    return value if found is None else _p(*found)


def sector_shown(slug: str) -> str:
    """A sector slug as the reader's language names it; an undeclared slug, and every slug
    in English, as the registry writes it."""
    if current() == ENGLISH or slug not in _SECTORS:
        return slug
    return _p("sector", slug)


def sector_heading(slug: str) -> str:
    """A sector as it starts a row or heads a column: as `sector_shown`, with a capital first
    letter where the reader's language gives it one (Russian `Разработка ПО`, in a list
    `разработка ПО`); a slug shown as the registry writes it (every one in English) stays so."""
    return at_line_start(sector_shown(slug), slug)


def sectors_shown(slugs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sector_shown(slug) for slug in slugs)


def name_shown(name: str, name_ja: str | None) -> str:
    """A resident's name for people: in Japanese its `name_ja` first, with the Latin name
    beside it in brackets (the Latin name alone when it has none); the Latin name elsewhere."""
    if current() != "ja" or not name_ja:
        return name
    return f"{name_ja} ({name})"
