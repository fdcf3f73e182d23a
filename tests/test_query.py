"""The query core shared by `uzit list` and `uzit stats`: filters, hints, date parsing, sorting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from benchmark_inputs import pathological
from hypothesis import given, settings
from hypothesis import strategies as st

from uzit_cli.model import Resident
from uzit_cli.query import (
    SORT_FIELDS,
    Filters,
    apply_filters,
    filter_hints,
    last_jobs_year,
    parse_date_or_year,
    resolve_jobs_year,
    sort_residents,
)
from uzit_cli.resident_columns import RECORD_FIELDS, jobs_in
from uzit_cli.words import closest

D = dt.date

A = Resident(
    id="alpha-soft",
    name="Alpha Soft",
    name_ja="アルファソフト",
    joined=D(2023, 5, 1),
    city="Tashkent",
    sectors=("outsourcing", "software-development"),
    exports_to_japan=True,
    export_markets=("JP", "US"),
    headcount=40,
    jobs_created={2023: 5, 2024: 12},
    export_revenue_usd={2024: 1000.0},
    website="https://alpha.example",
    sources=("src",),
    note="Second note",
)
B = Resident(
    id="bravo-bpo",
    name="Bravo BPO",
    joined=D(2024, 1, 1),
    city="Samarkand",
    sectors=("bpo",),
    exports_to_japan=False,
    jobs_created={2024: 3},
    note="first note",
)
C = Resident(
    id="charlie-games",
    name="charlie games",  # lower case on purpose: text sorts ignore case
    name_ja="チャーリーゲームズ",
    joined=D(2024, 12, 31),
    city="tashkent",
    sectors=("gamedev", "creative"),
    exports_to_japan=True,
    export_markets=("JP",),
    headcount=15,
    jobs_created={2023: 2},
    export_revenue_usd={2023: 50.0},
    website="https://Charlie.example",
    sources=("src",),
)
DELTA = Resident(
    id="delta-ai",
    name="Delta AI",
    joined=D(2025, 1, 1),
    city="Bukhara",
    sectors=("ai-data",),
    exports_to_japan=True,
    export_markets=("JP",),
    headcount=15,
)
E = Resident(
    id="echo-edtech",
    name="Echo Edtech",
    name_ja="エコー教育",
    joined=D(2022, 6, 15),
    city="Fergana",
    sectors=("edtech", "outsourcing"),
    exports_to_japan=False,
    export_markets=("KZ",),
    headcount=8,
    jobs_created={2024: 12},
    export_revenue_usd={2024: 1000.0},
    website="https://beta.example",
    sources=("other",),
)
ALL = (A, B, C, DELTA, E)


def _fields(resident: Resident) -> dict[str, Any]:
    return {f.name: getattr(resident, f.name) for f in dataclasses.fields(resident)}


BY_LETTER = {"a": A, "b": B, "c": C, "d": DELTA, "e": E}


def ids(residents: Sequence[Resident]) -> str:
    """The residents as a string of letters, so expectations read at a glance."""
    letters = {r.id: letter for letter, r in BY_LETTER.items()}
    return "".join(letters[r.id] for r in residents)


def select(**kwargs: Any) -> str:
    return ids(apply_filters(ALL, Filters(**kwargs)))


# --- filters, one kind at a time ---------------------------------------------------------


def test_no_filters_keep_everything_in_order() -> None:
    assert select() == "abcde"
    assert apply_filters([], Filters()) == []


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [
        (("outsourcing",), "ae"),
        (("bpo", "gamedev"), "bc"),  # several values: any of them
        (("BPO",), "b"),
        (("nope",), ""),
        (("creative",), "c"),  # a resident's second sector counts too
    ],
)
def test_sector(sectors: tuple[str, ...], expected: str) -> None:
    assert select(sectors=sectors) == expected


@pytest.mark.parametrize(
    ("cities", "expected"),
    [
        (("Tashkent",), "ac"),
        (("TASHKENT",), "ac"),
        (("tashkent",), "ac"),
        (("Samarkand", "bukhara"), "bd"),
        (("Tashknet",), ""),
    ],
)
def test_city_ignores_case(cities: tuple[str, ...], expected: str) -> None:
    assert select(cities=cities) == expected


def test_exports_to_japan() -> None:
    assert select(exports_to_japan=True) == "acd"
    assert select(exports_to_japan=False) == "be"


@pytest.mark.parametrize(
    ("since", "before", "expected"),
    [
        (D(2024, 1, 1), None, "bcd"),  # since is inclusive
        (None, D(2024, 1, 1), "ae"),  # before is exclusive
        (D(2024, 1, 1), D(2025, 1, 1), "bc"),  # "during 2024"
        (D(2024, 12, 31), None, "cd"),
        (None, D(2024, 12, 31), "abe"),
        (D(2025, 1, 1), D(2024, 1, 1), ""),
    ],
)
def test_joined(since: dt.date | None, before: dt.date | None, expected: str) -> None:
    assert select(joined_since=since, joined_before=before) == expected


def test_joined_with_years_as_the_cli_parses_them() -> None:
    since, before = parse_date_or_year("2024"), parse_date_or_year("2025")
    assert select(joined_since=since, joined_before=before) == "bc"


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        (("soft",), "a"),
        (("SOFT",), "a"),
        (("ECHO",), "e"),
        (("charlie-g",), "c"),  # only the id has the hyphen
        (("ゲーム",), "c"),  # name_ja
        (("アルファ",), "a"),
        (("教育",), "e"),
        (("alpha", "delta"), "ad"),
        (("zzz",), ""),
        (("",), "abcde"),  # the empty string is in every text
    ],
)
def test_search_in_id_name_and_name_ja(search: tuple[str, ...], expected: str) -> None:
    assert select(search=search) == expected


@pytest.mark.parametrize(
    ("min_jobs", "jobs_year", "expected"),
    [
        (12, 2024, "ae"),
        (3, 2024, "abe"),
        (13, 2024, ""),
        (0, 2024, "abcde"),  # no entry counts as 0 jobs
        (1, None, ""),  # no jobs year (no year has data): nobody created jobs
        (0, None, "abcde"),
        (2, 2023, "ac"),
        (3, 2023, "a"),
        (1, 2020, ""),
        (0, 2020, "abcde"),
    ],
)
def test_min_jobs(min_jobs: int, jobs_year: int | None, expected: str) -> None:
    assert select(min_jobs=min_jobs, jobs_year=jobs_year) == expected


def test_min_jobs_without_any_jobs_data() -> None:
    assert apply_filters([DELTA], Filters(min_jobs=1)) == []
    assert apply_filters([DELTA], Filters(min_jobs=0)) == [DELTA]


def test_jobs_year_alone_selects_nothing_out() -> None:
    assert select(jobs_year=2023) == "abcde"


# --- filters combined --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(exports_to_japan=True, cities=("tashkent",)), "ac"),
        (Filters(exports_to_japan=True, cities=("Tashkent",), joined_since=D(2024, 1, 1)), "c"),
        (Filters(sectors=("outsourcing",), exports_to_japan=False), "e"),
        (Filters(sectors=("outsourcing", "bpo"), cities=("Samarkand", "Fergana")), "be"),
        (Filters(search=("o",), min_jobs=12, jobs_year=2024), "ae"),
        (Filters(search=("o",), min_jobs=12, jobs_year=2024, joined_before=D(2023, 1, 1)), "e"),
        (Filters(cities=("Bukhara",), exports_to_japan=False), ""),
        (
            Filters(
                sectors=("outsourcing",),
                cities=("TASHKENT",),
                exports_to_japan=True,
                joined_since=D(2023, 1, 1),
                joined_before=D(2024, 1, 1),
                search=("アルファ",),
                min_jobs=5,
                jobs_year=2023,
            ),
            "a",
        ),
    ],
)
def test_kinds_combine_with_and(filters: Filters, expected: str) -> None:
    assert ids(apply_filters(ALL, filters)) == expected


def test_input_order_is_kept() -> None:
    assert ids(apply_filters([E, C, A], Filters(search=("h",)))) == "eca"


def test_active() -> None:
    assert not Filters().active
    assert not Filters(jobs_year=2024).active  # only says which year min_jobs looks at
    for filters in (
        Filters(sectors=("bpo",)),
        Filters(cities=("Tashkent",)),
        Filters(exports_to_japan=False),
        Filters(joined_since=D(2024, 1, 1)),
        Filters(joined_before=D(2024, 1, 1)),
        Filters(search=("x",)),
        Filters(min_jobs=0),
    ):
        assert filters.active, filters


# --- jobs year ---------------------------------------------------------------------------


def test_last_jobs_year_is_the_last_complete_year_with_jobs() -> None:
    assert last_jobs_year(ALL, 2024) == 2024
    assert last_jobs_year(ALL, 2023) == 2023  # 2024 had not ended: never the default
    assert last_jobs_year([C], 2024) == 2023
    assert last_jobs_year([DELTA], 2024) is None
    assert last_jobs_year([], 2024) is None
    zeros = Resident(**{**_fields(B), "jobs_created": {2023: 4, 2024: 0}})
    assert last_jobs_year([zeros], 2024) == 2023  # a year of only zeros is not the jobs year


def test_resolve_jobs_year_and_jobs_in() -> None:
    assert resolve_jobs_year(ALL, None, 2024) == 2024
    assert resolve_jobs_year(ALL, 2019, 2024) == 2019
    assert resolve_jobs_year(ALL, 2025, 2024) == 2025  # a partial year, when asked for
    assert resolve_jobs_year([DELTA], None, 2024) is None
    assert jobs_in(A, 2023) == 5
    assert jobs_in(A, 2022) is None
    assert jobs_in(A, None) is None


# --- dates and years ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", D(2024, 1, 1)),
        ("2024-03-05", D(2024, 3, 5)),
        ("2024-02-29", D(2024, 2, 29)),
        (" 2025 ", D(2025, 1, 1)),
        ("0001", D(1, 1, 1)),
    ],
)
def test_parse_date_or_year(text: str, expected: dt.date) -> None:
    assert parse_date_or_year(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "2024-02-30 is not a calendar date"),
        ("2023-02-29", "2023-02-29 is not a calendar date"),
        ("2024-13-01", "2024-13-01 is not a calendar date"),
        ("0000", "0000 is not a valid year: expected YYYY or YYYY-MM-DD"),
        (
            "24",
            "'24' is not a date or a year: expected YYYY or YYYY-MM-DD, e.g. 2024 or 2024-03-05",
        ),
        (
            "2024-3-5",
            "'2024-3-5' is not a date or a year: expected YYYY or YYYY-MM-DD, "
            "e.g. 2024 or 2024-03-05",
        ),
        (
            "",
            "'' is not a date or a year: expected YYYY or YYYY-MM-DD, e.g. 2024 or 2024-03-05",
        ),
    ],
)
def test_parse_date_or_year_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date_or_year(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text", ["2024/03/05", "05.03.2024", "last year", "２０２４", "2024-03-05T00:00", "20245"]
)
def test_parse_date_or_year_refuses_other_shapes(text: str) -> None:
    with pytest.raises(ValueError, match="expected YYYY or YYYY-MM-DD"):
        parse_date_or_year(text)


# --- hints -------------------------------------------------------------------------------


def test_closest() -> None:
    assert closest("Tashknet", ["Tashkent", "Samarkand"]) == "Tashkent"
    assert closest("TASHKNET", ["Tashkent", "Samarkand"]) == "Tashkent"
    assert closest("tashknet", ["Tashkent", "tashkent"]) == "Tashkent"  # first spelling wins
    assert closest("Tokyo", ["Tashkent", "Samarkand"]) is None
    assert closest("x", []) is None


def hints(**kwargs: Any) -> list[str]:
    return filter_hints(ALL, Filters(**kwargs))


def test_no_hints_for_values_that_exist() -> None:
    assert hints() == []
    assert hints(cities=("SAMARKAND", "tashkent"), sectors=("BPO",), jobs_year=2023) == []


def test_hint_for_a_misspelt_city() -> None:
    assert hints(cities=("Tashkent", "Tashknet")) == [
        "no resident has city 'Tashknet'; did you mean 'Tashkent'?"
    ]


def test_hint_without_a_suggestion() -> None:
    assert hints(cities=("Tokyo",)) == ["no resident has city 'Tokyo'"]


def test_hint_for_a_misspelt_sector_and_city_together() -> None:
    assert hints(sectors=("gamdev", "blockchain"), cities=("Samarknd",)) == [
        "no resident has city 'Samarknd'; did you mean 'Samarkand'?",
        "no resident has sector 'gamdev'; did you mean 'gamedev'?",
        "no resident has sector 'blockchain'",
    ]


def test_a_repeated_unknown_value_gives_one_hint() -> None:
    assert hints(cities=("Tokyo", "TOKYO")) == ["no resident has city 'Tokyo'"]


def test_hint_for_a_jobs_year_without_data() -> None:
    assert hints(jobs_year=2020) == [
        "no resident has jobs data for 2020; years with data: 2023, 2024"
    ]
    assert filter_hints([DELTA], Filters(jobs_year=2024)) == [
        "no resident has jobs data for 2024 or any year"
    ]


def test_hint_for_an_empty_date_range() -> None:
    assert hints(joined_since=D(2025, 1, 1), joined_before=D(2025, 1, 1)) == [
        "--joined-since 2025-01-01 is not before --joined-before 2025-01-01, "
        "so no resident can match"
    ]
    assert hints(joined_since=D(2024, 1, 1), joined_before=D(2025, 1, 1)) == []


def test_hints_on_an_empty_registry() -> None:
    assert filter_hints([], Filters(cities=("Tashkent",), sectors=("bpo",))) == [
        "no resident has city 'Tashkent'",
        "no resident has sector 'bpo'",
    ]


# --- sorting -----------------------------------------------------------------------------

# field -> (ascending, descending) with the default jobs year (2024).
SORTED = {
    "id": ("abcde", "edcba"),
    "name": ("abcde", "edcba"),  # "charlie games" between Bravo and Delta: case ignored
    "name_ja": ("aecbd", "ceabd"),  # ア < エ < チ, then the two without one
    "city": ("debac", "acbed"),  # Tashkent and tashkent tie: by id both ways
    "sectors": ("dbeca", "acebd"),
    "joined": ("eabcd", "dcbae"),
    "exports_to_japan": ("beacd", "acdbe"),
    "export_markets": ("cdaeb", "eacdb"),  # (JP) < (JP, US) < (KZ); none last
    "headcount": ("ecdab", "acdeb"),
    "jobs": ("baecd", "aebcd"),
    "jobs_total": ("cbead", "aebcd"),
    "jobs_created": ("cbead", "aebcd"),  # by-year mappings sort by their total
    "export_revenue_usd": ("caebd", "aecbd"),
    "export_revenue": ("aebcd", "aebcd"),
    "website": ("aecbd", "ceabd"),
    "sources": ("eacbd", "acebd"),  # empty lists count as missing
    "note": ("bacde", "abcde"),
}


#: What a field none of ALL carries sorts as: every resident ties, so by id both ways.
UNCARRIED = ("abcde", "abcde")


def carried(field: str) -> bool:
    return any(getattr(r, field, None) not in (None, (), {}) for r in ALL)


def test_every_sort_field_has_an_expectation() -> None:
    missing = [field for field in SORT_FIELDS if field not in SORTED and carried(field)]
    assert not missing, (
        f"sort fields the residents here carry, without an order in SORTED: {missing}"
    )
    assert set(SORTED) <= set(SORT_FIELDS)
    assert len(SORT_FIELDS) == len(set(SORT_FIELDS))


@pytest.mark.parametrize("field", SORT_FIELDS)
def test_sort_by_every_field_both_ways(field: str) -> None:
    ascending, descending = SORTED.get(field, UNCARRIED)
    shuffled = list(ALL)
    random.Random(field).shuffle(shuffled)
    assert ids(sort_residents(shuffled, field, jobs_year=2024)) == ascending
    assert ids(sort_residents(shuffled, field, descending=True, jobs_year=2024)) == descending


@pytest.mark.parametrize(
    ("field", "ascending", "descending"),
    [
        ("jobs", "cabde", "acbde"),  # 2023: a 5, c 2, others none
        ("export_revenue", "cabde", "cabde"),
    ],
)
def test_sort_by_a_given_jobs_year(field: str, ascending: str, descending: str) -> None:
    assert ids(sort_residents(ALL, field, jobs_year=2023)) == ascending
    assert ids(sort_residents(ALL, field, jobs_year=2023, descending=True)) == descending


def test_sort_field_names_forgive_case_and_hyphens() -> None:
    assert ids(sort_residents(ALL, "Exports-To-Japan")) == "beacd"
    assert ids(sort_residents(ALL, " NAME_JA ")) == "aecbd"


def test_unknown_sort_field() -> None:
    with pytest.raises(ValueError) as caught:
        sort_residents(ALL, "nmae")
    # the record fields in the registry's order, then the derived ones
    assert (*RECORD_FIELDS, "jobs", "jobs_total", "export_revenue") == SORT_FIELDS
    assert str(caught.value) == (
        "unknown sort field 'nmae'; did you mean 'name'? Valid fields: "
        + ", ".join(SORT_FIELDS)
        + ", or jobs_YEAR, export_revenue_usd_YEAR"
    )
    with pytest.raises(ValueError, match=r"^unknown sort field 'zzz'. Valid fields: id, "):
        sort_residents(ALL, "zzz")


def test_sort_does_not_touch_its_input() -> None:
    residents = [E, A, C]
    assert ids(sort_residents(residents, "id")) == "ace"
    assert ids(residents) == "eac"
    assert sort_residents([], "jobs") == []


def test_filters_and_sorts_on_many_residents() -> None:
    # benchmarks/guards.py times 20,000 residents, where quadratic work would take minutes
    many = pathological.many_residents(2_000)
    selected = apply_filters(
        many, Filters(cities=("tashkent",), search=("1",), min_jobs=3, jobs_year=2024)
    )
    assert 0 < len(selected) < len(many)
    assert all(r.city == "Tashkent" and "1" in r.id + r.name for r in selected)
    for field in ("name", "headcount", "jobs", "sectors"):
        ordered = sort_residents(many, field, descending=True)
        assert sorted(r.id for r in ordered) == [r.id for r in many]


# --- properties --------------------------------------------------------------------------

SECTORS = ("bpo", "gamedev", "edtech", "ai-data")
CITIES = ("Tashkent", "tashkent", "Samarkand", "Bukhara")
YEARS = st.integers(2021, 2025)

texts = st.text(alphabet="aBsSßアイ教-", max_size=5)


# Strategies are made once, not in every draw: making one (a regex's above all) costs more
# than drawing from it.
IDS = st.from_regex(r"[a-c][a-c0-9-]{0,3}", fullmatch=True)
MAYBE_TEXTS = st.none() | texts
JOINED = st.dates(D(2021, 1, 1), D(2025, 12, 31))
CITY = st.sampled_from(CITIES)
SECTOR_LISTS = st.lists(st.sampled_from(SECTORS), min_size=1, max_size=3, unique=True)
MARKETS = st.none() | st.lists(st.sampled_from(("JP", "US", "KZ")), max_size=3, unique=True).map(
    tuple
)
HEADCOUNTS = st.none() | st.integers(0, 30)
JOBS = st.dictionaries(YEARS, st.integers(0, 20), max_size=3)
REVENUES = st.dictionaries(YEARS, st.floats(0, 1e6, allow_nan=False), max_size=2)
WEBSITES = st.none() | st.sampled_from(("https://a.example", "https://A.example"))
SOURCE_LISTS = st.lists(st.sampled_from(("src", "other")), max_size=2)


@st.composite
def residents_st(draw: st.DrawFn) -> Resident:
    return Resident(
        id=draw(IDS),
        name=draw(texts),
        name_ja=draw(MAYBE_TEXTS),
        joined=draw(JOINED),
        city=draw(CITY),
        sectors=tuple(draw(SECTOR_LISTS)),
        exports_to_japan=draw(st.booleans()),
        export_markets=draw(MARKETS),
        headcount=draw(HEADCOUNTS),
        jobs_created=draw(JOBS),
        export_revenue_usd=draw(REVENUES),
        website=draw(WEBSITES),
        sources=tuple(draw(SOURCE_LISTS)),
        note=draw(MAYBE_TEXTS),
    )


resident_lists = st.lists(residents_st(), max_size=12, unique_by=lambda r: r.id)

filters_st = st.builds(
    Filters,
    sectors=st.lists(st.sampled_from((*SECTORS, "BPO", "nope")), max_size=2).map(tuple),
    cities=st.lists(st.sampled_from((*CITIES, "SAMARKAND", "Tokyo")), max_size=2).map(tuple),
    exports_to_japan=st.none() | st.booleans(),
    joined_since=st.none() | st.dates(D(2021, 1, 1), D(2026, 1, 1)),
    joined_before=st.none() | st.dates(D(2021, 1, 1), D(2026, 1, 1)),
    search=st.lists(texts, max_size=2).map(tuple),
    min_jobs=st.none() | st.integers(0, 20),
    jobs_year=st.none() | st.integers(2020, 2026),
)


def reference_filter(residents: Sequence[Resident], f: Filters) -> list[Resident]:
    """The filters spelt out one condition at a time, as the issue states them."""
    year = f.jobs_year  # resolved by the caller; None: no jobs year

    def same(a: str, b: str) -> bool:
        return a.casefold() == b.casefold()

    result = []
    for r in residents:
        conditions = [
            not f.sectors or any(same(s, v) for s in r.sectors for v in f.sectors),
            not f.cities or any(same(r.city, v) for v in f.cities),
            f.exports_to_japan is None or r.exports_to_japan is f.exports_to_japan,
            f.joined_since is None or f.joined_since <= r.joined,
            f.joined_before is None or r.joined < f.joined_before,
            not f.search
            or any(
                needle.casefold() in text.casefold()
                for needle in f.search
                for text in (r.id, r.name, r.name_ja or "")
            ),
            f.min_jobs is None
            or (r.jobs_created.get(year, 0) if year is not None else 0) >= f.min_jobs,
        ]
        if all(conditions):
            result.append(r)
    return result


def is_subsequence(part: Sequence[Resident], whole: Sequence[Resident]) -> bool:
    rest = iter(whole)
    return all(any(item is candidate for candidate in rest) for item in part)


PROPERTIES = settings(deadline=None)


# One property for the filters: generating the residents is most of its cost, so each example
# is checked against every statement of the filters at once.
@PROPERTIES
@given(resident_lists, filters_st)
def test_filters_match_the_reference_and_combine_as_documented(
    residents: list[Resident], filters: Filters
) -> None:
    once = apply_filters(residents, filters)
    assert once == reference_filter(residents, filters)
    # a subsequence (order kept, nothing added), and idempotent
    assert is_subsequence(once, residents)
    assert apply_filters(once, filters) == once
    year = filters.jobs_year
    single_kinds = [
        Filters(sectors=filters.sectors),
        Filters(cities=filters.cities),
        Filters(exports_to_japan=filters.exports_to_japan),
        Filters(joined_since=filters.joined_since, joined_before=filters.joined_before),
        Filters(search=filters.search),
        Filters(min_jobs=filters.min_jobs, jobs_year=year),
    ]
    kept = [{id(r) for r in apply_filters(residents, f)} for f in single_kinds]
    expected = [r for r in residents if all(id(r) in k for k in kept)]
    assert once == expected  # AND across kinds
    if len(filters.cities) == 2:  # OR within a kind
        either = [
            {id(r) for r in apply_filters(residents, Filters(cities=(c,)))} for c in filters.cities
        ]
        union = [r for r in residents if id(r) in either[0] | either[1]]
        assert apply_filters(residents, Filters(cities=filters.cities)) == union


def reference_key(r: Resident, field: str, year: int | None) -> Any:
    """What each field sorts by, from the fields themselves: text folded, empty means none."""
    if field == "jobs":
        return None if year is None else r.jobs_created.get(year)
    if field in ("jobs_total", "jobs_created"):
        return sum(r.jobs_created.values()) if r.jobs_created else None
    if field == "export_revenue_usd":
        return sum(r.export_revenue_usd.values()) if r.export_revenue_usd else None
    if field == "export_revenue":
        return None if year is None else r.export_revenue_usd.get(year)
    value = getattr(r, field)
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, tuple):
        return tuple(v.casefold() for v in value) or None
    return value


@PROPERTIES
@given(
    resident_lists,
    st.sampled_from(SORT_FIELDS),
    st.booleans(),
    st.none() | st.integers(2020, 2026),
)
def test_sort_orders_by_key_then_id_with_missing_last(
    residents: list[Resident], field: str, descending: bool, jobs_year: int | None
) -> None:
    result = sort_residents(residents, field, descending=descending, jobs_year=jobs_year)
    assert sorted(map(id, result)) == sorted(map(id, residents))  # a permutation
    year = jobs_year
    keys = [reference_key(r, field, year) for r in result]
    better: Callable[[Any, Any], bool] = (
        (lambda x, y: x > y) if descending else (lambda x, y: x < y)
    )
    for (k1, r1), (k2, r2) in itertools.pairwise(zip(keys, result, strict=True)):
        if k1 is None:
            assert k2 is None  # missing values come last
            assert r1.id < r2.id  # and among themselves by id
        elif k1 == k2:
            assert r1.id < r2.id  # ties by id ascending, whichever the direction
        elif k2 is not None:
            assert better(k1, k2)
