"""The statistics core against figures worked out by hand from small registries."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uzit_cli.model import PublishedFigure, RegistryInfo, Resident, Source
from uzit_cli.problems import UsageError
from uzit_cli.registry import bundled_registry_path, load_registry, parse_registry
from uzit_cli.stats import (
    BREAKDOWNS,
    SECTOR_CAPTION,
    Check,
    GroupRow,
    breakdown,
    breakdown_caption,
    breakdown_years,
    check_published,
    group_document,
    summarize,
    summary_document,
)

AS_OF = dt.date(2025, 2, 28)
INFO = RegistryInfo(title="Test", as_of=AS_OF)


def make(
    n: int,
    *,
    joined: str = "2024-03-01",
    city: str = "Tashkent",
    sectors: tuple[str, ...] = ("software-development",),
    exports: bool = False,
    headcount: int | None = None,
    jobs: Mapping[int, int] | None = None,
    revenue: Mapping[int, float] | None = None,
) -> Resident:
    return Resident(
        id=f"r{n}",
        name=f"Resident {n}",
        joined=dt.date.fromisoformat(joined),
        city=city,
        sectors=sectors,
        exports_to_japan=exports,
        export_markets=("JP",) if exports else None,
        headcount=headcount,
        jobs_created=MappingProxyType(dict(jobs or {})),
        export_revenue_usd=MappingProxyType(dict(revenue or {})),
    )


def roundtrip(document: Any) -> Any:
    return json.loads(json.dumps(document, allow_nan=False))


# -- the headline summary --------------------------------------------------------------------


def test_empty_residents_give_zeros_and_nones() -> None:
    s = summarize([], INFO)
    assert (s.residents, s.exporting_to_japan, s.exporting_to_japan_share) == (0, 0, 0.0)
    assert isinstance(s.exporting_to_japan_share, float)
    assert dict(s.jobs_created) == {} and s.jobs_created_total == 0
    assert dict(s.job_creators_by_year) == {}
    assert s.jobs_year is None and s.job_creators_in_jobs_year == 0
    assert s.mean_jobs_per_job_creator is None and s.median_jobs_per_job_creator is None
    assert (s.headcount_total, s.headcount_reported) == (0, 0)
    assert dict(s.joined_by_year) == {} and dict(s.cumulative_by_year) == {}
    assert dict(s.export_revenue_usd) == {} and dict(s.export_revenue_reported) == {}
    assert dict(s.by_city) == {} and dict(s.by_sector) == {}
    assert s.as_of == AS_OF and s.illustrative is False
    for by in BREAKDOWNS:
        assert breakdown([], by) == []
    assert breakdown_years([]) == ()
    document = summary_document(s, None)
    assert roundtrip(document) == document
    assert document["published_checks"] == []
    assert document["mean_jobs_per_job_creator"] is None


def test_residents_without_optional_fields() -> None:
    residents = [make(1), make(2, joined="2024-12-31"), make(3, joined="2025-01-01")]
    s = summarize(residents, INFO)
    assert s.residents == 3 and s.exporting_to_japan == 0 and s.exporting_to_japan_share == 0.0
    assert dict(s.jobs_created) == {} and s.jobs_year is None
    assert (s.headcount_total, s.headcount_reported) == (0, 0)
    assert dict(s.export_revenue_usd) == {}
    assert dict(s.joined_by_year) == {2024: 2, 2025: 1}
    assert dict(s.cumulative_by_year) == {2024: 2, 2025: 3}
    (row,) = breakdown(residents, "city")
    assert row == GroupRow("Tashkent", 3, 0, MappingProxyType({}), 0, 0, 0)


def test_headcount_counts_only_residents_that_report_it() -> None:
    residents = [make(1, headcount=14), make(2), make(3, headcount=0), make(4, headcount=7)]
    s = summarize(residents, INFO)
    # 14 + 0 + 7, reported by three of four (a reported 0 is reported).
    assert (s.headcount_total, s.headcount_reported) == (21, 3)


def test_share_of_exporters_is_exact_fraction() -> None:
    residents = [make(1, exports=True), make(2), make(3)]
    s = summarize(residents, INFO)
    assert s.exporting_to_japan == 1
    assert s.exporting_to_japan_share == 1 / 3


def test_multi_sector_resident_counts_once_in_each_sector() -> None:
    residents = [
        make(1, sectors=("outsourcing", "software-development")),
        make(2, sectors=("software-development",)),
        make(3, sectors=("bpo",)),
    ]
    s = summarize(residents, INFO)
    assert list(s.by_sector.items()) == [
        ("software-development", 2),
        ("bpo", 1),
        ("outsourcing", 1),
    ]
    assert sum(s.by_sector.values()) == 4  # more than the 3 residents
    rows = breakdown(residents, "sector")
    assert [(r.label, r.residents) for r in rows] == [
        ("software-development", 2),
        ("bpo", 1),
        ("outsourcing", 1),
    ]
    assert breakdown_caption("sector") == SECTOR_CAPTION
    assert "counts once in each of its sectors" in SECTOR_CAPTION
    assert all(breakdown_caption(by) is None for by in BREAKDOWNS if by != "sector")


def test_cities_ranked_by_count_then_name() -> None:
    residents = [
        make(1, city="Samarkand"),
        make(2, city="Bukhara"),
        make(3, city="Tashkent"),
        make(4, city="Samarkand"),
    ]
    assert list(summarize(residents, INFO).by_city.items()) == [
        ("Samarkand", 2),
        ("Bukhara", 1),
        ("Tashkent", 1),
    ]


def test_cumulative_counts_fill_gap_years_up_to_as_of() -> None:
    residents = [
        make(1, joined="2019-05-01"),
        make(2, joined="2019-12-31"),
        make(3, joined="2022-01-01"),
        make(4, joined="2024-06-30"),
    ]
    s = summarize(residents, INFO)
    assert list(s.joined_by_year.items()) == [
        (2019, 2),
        (2020, 0),
        (2021, 0),
        (2022, 1),
        (2023, 0),
        (2024, 1),
        (2025, 0),
    ]
    assert list(s.cumulative_by_year.items()) == [
        (2019, 2),
        (2020, 2),
        (2021, 2),
        (2022, 3),
        (2023, 3),
        (2024, 4),
        (2025, 4),
    ]


def test_jobs_per_year_creators_mean_and_even_median() -> None:
    residents = [
        make(1, jobs={2024: 3}),
        make(2, jobs={2023: 5, 2024: 10}),
        make(3, jobs={2024: 4}),
        make(4, jobs={2024: 1}),
        make(5, jobs={2024: 0}),  # reports 2024 but created nothing: not a job creator
        make(6),
    ]
    s = summarize(residents, INFO)
    assert list(s.jobs_created.items()) == [(2023, 5), (2024, 18)]
    assert s.jobs_created_total == 23
    assert list(s.job_creators_by_year.items()) == [(2023, 1), (2024, 4)]
    assert s.jobs_year == 2024
    assert s.job_creators_in_jobs_year == 4
    assert s.mean_jobs_per_job_creator == 4.5  # 18 / 4
    assert s.median_jobs_per_job_creator == 3.5  # middle of 1, 3, 4, 10


def test_odd_median_is_the_middle_value() -> None:
    residents = [make(1, jobs={2024: 2}), make(2, jobs={2024: 9}), make(3, jobs={2024: 4})]
    s = summarize(residents, INFO)
    assert s.median_jobs_per_job_creator == 4.0
    assert s.mean_jobs_per_job_creator == 5.0


def test_a_year_of_only_zeros_is_not_the_jobs_year() -> None:
    residents = [make(1, jobs={2023: 6}), make(2, jobs={2024: 0})]
    s = summarize(residents, INFO)
    assert dict(s.jobs_created) == {2023: 6, 2024: 0}
    assert dict(s.job_creators_by_year) == {2023: 1, 2024: 0}
    assert s.jobs_year == 2023 and s.job_creators_in_jobs_year == 1
    asked = summarize(residents, INFO, 2024)  # --jobs-year 2024: asked for, so used
    assert asked.jobs_year == 2024 and asked.mean_jobs_per_job_creator is None


def test_a_partial_year_is_the_jobs_year_only_when_asked_for() -> None:
    # as_of 2025-02-28: 2025 has not ended; 2024 is the last complete year.
    residents = [make(1, jobs={2024: 15, 2025: 2}), make(2, jobs={2024: 30})]
    s = summarize(residents, INFO)
    assert (s.jobs_year, s.jobs_year_partial, s.mean_jobs_per_job_creator) == (2024, False, 22.5)
    asked = summarize(residents, INFO, 2025)
    assert (asked.jobs_year, asked.jobs_year_partial) == (2025, True)
    assert asked.mean_jobs_per_job_creator == 2.0


def test_export_revenue_per_year_and_how_many_report_it() -> None:
    residents = [
        make(1, revenue={2023: 1000.5, 2024: 2000}),
        make(2, revenue={2024: 250.25}),
        make(3),
    ]
    s = summarize(residents, INFO)
    assert list(s.export_revenue_usd.items()) == [(2023, 1000.5), (2024, 2250.25)]
    assert list(s.export_revenue_reported.items()) == [(2023, 1), (2024, 2)]


def test_summary_mappings_are_read_only() -> None:
    s = summarize([make(1, jobs={2024: 1})], INFO)
    with pytest.raises(TypeError):
        s.jobs_created[2024] = 5  # type: ignore[index]


# -- breakdowns ------------------------------------------------------------------------------


def _breakdown_residents() -> list[Resident]:
    return [
        make(1, joined="2023-05-01", city="Tashkent", exports=True, headcount=10, jobs={2023: 2}),
        make(2, joined="2024-02-01", city="Samarkand", jobs={2024: 5}),
        make(3, joined="2024-07-01", city="Tashkent", headcount=4, jobs={2024: 3}),
        make(4, joined="2024-09-01", city="Bukhara", exports=True),
        make(5, joined="2025-01-10", city="Tashkent", exports=True, jobs={2024: 0}),
    ]


def test_breakdown_by_city_rows_and_order() -> None:
    rows = breakdown(_breakdown_residents(), "city")
    assert rows == [
        GroupRow("Tashkent", 3, 2, MappingProxyType({2023: 2, 2024: 3}), 5, 14, 2),
        GroupRow("Bukhara", 1, 1, MappingProxyType({2023: 0, 2024: 0}), 0, 0, 0),
        GroupRow("Samarkand", 1, 0, MappingProxyType({2023: 0, 2024: 5}), 5, 0, 0),
    ]
    assert breakdown_years(rows) == (2023, 2024)
    assert all(tuple(row.jobs_created) == (2023, 2024) for row in rows)


def test_breakdown_by_joined_year_and_exports() -> None:
    residents = _breakdown_residents()
    by_year = breakdown(residents, "joined-year")
    assert [(r.label, r.residents, r.jobs_created_total) for r in by_year] == [
        ("2023", 1, 2),
        ("2024", 3, 8),
        ("2025", 1, 0),
    ]  # years in calendar order
    by_export = breakdown(residents, "exports-to-japan")
    assert [(r.label, r.residents, r.exporting_to_japan, r.headcount_total) for r in by_export] == [
        ("true", 3, 3, 10),
        ("false", 2, 0, 4),
    ]


def test_breakdown_rejects_unknown_grouping_with_a_hint() -> None:
    with pytest.raises(UsageError, match=r"'sectors'.*did you mean 'sector'"):
        breakdown([], "sectors")


def test_group_document_is_json_ready() -> None:
    document = group_document(breakdown(_breakdown_residents(), "city"))
    assert roundtrip(document) == document
    assert document[0] == {
        "group": "Tashkent",
        "residents": 3,
        "exporting_to_japan": 2,
        "jobs_created": {"2023": 2, "2024": 3},
        "jobs_created_total": 5,
        "headcount_total": 14,
        "headcount_reported": 2,
    }


# -- the published-figure check --------------------------------------------------------------

MISMATCH = """\
schema: 1
registry:
  title: Mismatch
  as_of: 2025-02-28
  sources:
    - id: paper
      title: A paper
      publisher: A publisher
  published:
    - {metric: residents, value: 3, source: paper}
    - {metric: exporting_to_japan, value: 1, source: paper}
    - {metric: jobs_created, year: 2024, value: 40, source: paper}
    - {metric: jobs_created, year: 2023, value: 0, source: paper}
residents:
  - id: a
    name: A
    joined: 2023-01-01
    city: Tashkent
    sectors: [bpo]
    exports_to_japan: true
    jobs_created: {2024: 20}
  - id: b
    name: B
    joined: 2024-01-01
    city: Tashkent
    sectors: [bpo]
    exports_to_japan: false
    jobs_created: {2024: 5}
"""


def test_mismatching_published_figures_show_the_computed_value() -> None:
    registry = parse_registry(MISMATCH.encode())
    checks = check_published(registry.residents, registry.info)
    assert [(c.metric, c.year, c.published, c.computed, c.matches) for c in checks] == [
        ("residents", None, 3, 2, False),
        ("exporting_to_japan", None, 1, 1, True),
        ("jobs_created", 2024, 40, 25, False),
        ("jobs_created", 2023, 0, 0, True),
    ]
    assert all(c.source == "paper" for c in checks)
    assert checks[0].source_publisher == "A publisher" and checks[0].source_title == "A paper"
    document = summary_document(summarize(registry.residents, registry.info), checks)
    assert document["published_checks"] == [
        {
            "metric": "residents",
            "year": None,
            "published": 3,
            "computed": 2,
            "matches": False,
            "source": "paper",
            "as_of": "2025-02-28",
            "source_publisher": "A publisher",
            "source_title": "A paper",
        },
        {
            "metric": "exporting_to_japan",
            "year": None,
            "published": 1,
            "computed": 1,
            "matches": True,
            "source": "paper",
            "as_of": "2025-02-28",
            "source_publisher": "A publisher",
            "source_title": "A paper",
        },
        {
            "metric": "jobs_created",
            "year": 2024,
            "published": 40,
            "computed": 25,
            "matches": False,
            "source": "paper",
            "as_of": "2025-02-28",
            "source_publisher": "A publisher",
            "source_title": "A paper",
        },
        {
            "metric": "jobs_created",
            "year": 2023,
            "published": 0,
            "computed": 0,
            "matches": True,
            "source": "paper",
            "as_of": "2025-02-28",
            "source_publisher": "A publisher",
            "source_title": "A paper",
        },
    ]


def test_check_with_unknown_source_and_no_published_figures() -> None:
    info = RegistryInfo(
        title="t",
        as_of=AS_OF,
        sources=(Source(id="s", title="T", publisher="P"),),
        published=(PublishedFigure(metric="residents", value=0, source="missing"),),
    )
    (check,) = check_published([], info)
    assert check == Check("residents", None, 0, 0, "missing", AS_OF, None, None)
    assert check.matches
    assert check_published([make(1)], INFO) == []


# -- the bundled registry --------------------------------------------------------------------

ELEVENTH = """\
  - id: example-eleventh
    name: Example Eleventh
    joined: 2025-02-01
    city: Namangan
    sectors: [bpo, gamedev]
    exports_to_japan: false
"""


def test_bundled_registry_headline_and_checks() -> None:
    registry = load_registry(bundled_registry_path())
    s = summarize(registry.residents, registry.info)
    assert (s.residents, s.exporting_to_japan, s.exporting_to_japan_share) == (10, 5, 0.5)
    assert dict(s.jobs_created) == {2024: 87} and s.jobs_created_total == 87
    assert dict(s.job_creators_by_year) == {2024: 9}
    assert s.jobs_year == 2024
    assert s.mean_jobs_per_job_creator == 87 / 9
    assert s.median_jobs_per_job_creator == 9.0  # 3 5 7 8 [9] 11 12 14 18
    assert (s.headcount_total, s.headcount_reported) == (0, 0)
    assert dict(s.joined_by_year) == {2022: 1, 2023: 2, 2024: 6, 2025: 1}
    assert dict(s.cumulative_by_year) == {2022: 1, 2023: 3, 2024: 9, 2025: 10}
    assert list(s.by_city.items()) == [
        ("Tashkent", 6),
        ("Samarkand", 2),
        ("Bukhara", 1),
        ("Fergana", 1),
    ]
    assert s.by_sector["software-development"] == 3
    assert s.illustrative is True and s.as_of == AS_OF
    checks = check_published(registry.residents, registry.info)
    assert [(c.metric, c.year, c.published, c.computed, c.matches) for c in checks] == [
        ("residents", None, 10, 10, True),
        ("exporting_to_japan", None, 5, 5, True),
        ("jobs_created", 2024, 87, 87, True),
    ]
    assert checks[0].source_publisher == "Trend News Agency"


def test_an_eleventh_resident_changes_the_figures_and_fails_the_residents_check() -> None:
    text = bundled_registry_path().read_text(encoding="utf-8")
    assert text.rstrip().endswith("created no jobs in 2024.")  # residents is the last section
    registry = parse_registry((text.rstrip("\n") + "\n" + ELEVENTH).encode())
    s = summarize(registry.residents, registry.info)
    assert s.residents == 11 and s.exporting_to_japan == 5
    assert s.exporting_to_japan_share == 5 / 11
    assert s.by_city["Namangan"] == 1
    assert (s.by_sector["bpo"], s.by_sector["gamedev"]) == (2, 2)
    assert dict(s.joined_by_year)[2025] == 2 and dict(s.cumulative_by_year)[2025] == 11
    checks = check_published(registry.residents, registry.info)
    assert [(c.metric, c.published, c.computed, c.matches) for c in checks] == [
        ("residents", 10, 11, False),
        ("exporting_to_japan", 5, 5, True),
        ("jobs_created", 87, 87, True),
    ]


# -- the JSON contract -----------------------------------------------------------------------

DOCUMENT_TYPES: dict[str, tuple[type, ...]] = {
    "as_of": (str,),
    "illustrative": (bool,),
    "residents": (int,),
    "exporting_to_japan": (int,),
    "exporting_to_japan_share": (float,),
    "jobs_created": (dict,),
    "jobs_created_total": (int,),
    "job_creators_by_year": (dict,),
    "jobs_year": (int,),
    "jobs_year_partial": (bool,),
    "job_creators_in_jobs_year": (int,),
    "mean_jobs_per_job_creator": (float,),
    "median_jobs_per_job_creator": (float,),
    "headcount_total": (int,),
    "headcount_reported": (int,),
    "joined_by_year": (dict,),
    "cumulative_by_year": (dict,),
    "export_revenue_usd": (dict,),
    "export_revenue_reported": (dict,),
    "by_city": (dict,),
    "by_sector": (dict,),
    "published_checks": (list,),
}


def test_summary_document_has_the_documented_keys_and_types() -> None:
    registry = load_registry(bundled_registry_path())
    s = summarize(registry.residents, registry.info)
    document = summary_document(s, check_published(registry.residents, registry.info))
    assert list(document) == list(DOCUMENT_TYPES)
    back = roundtrip(document)
    assert back == document
    for key, types in DOCUMENT_TYPES.items():
        value = back[key]
        assert isinstance(value, types), key
        if int in types:
            assert not isinstance(value, bool), key
    assert back["as_of"] == "2025-02-28"
    assert back["exporting_to_japan_share"] == 0.5
    assert back["jobs_created"] == {"2024": 87}
    assert back["joined_by_year"] == {"2022": 1, "2023": 2, "2024": 6, "2025": 1}
    assert back["cumulative_by_year"] == {"2022": 1, "2023": 3, "2024": 9, "2025": 10}
    assert back["by_city"] == {"Tashkent": 6, "Samarkand": 2, "Bukhara": 1, "Fergana": 1}
    assert back["median_jobs_per_job_creator"] == 9.0
    for check in back["published_checks"]:
        assert list(check) == [
            "metric",
            "year",
            "published",
            "computed",
            "matches",
            "source",
            "as_of",
            "source_publisher",
            "source_title",
        ]
        assert check["matches"] is True and check["source"] == "trend-2025-02-28"
    assert [c["year"] for c in back["published_checks"]] == [None, None, 2024]
    assert summary_document(s, None)["published_checks"] == []


def test_summary_document_revenue_and_nulls() -> None:
    s = summarize([make(1, revenue={2024: 2000}), make(2, jobs={2024: 0})], INFO, 2024)
    document = roundtrip(summary_document(s, []))
    assert document["export_revenue_usd"] == {"2024": 2000.0}
    assert isinstance(document["export_revenue_usd"]["2024"], float)
    assert document["export_revenue_reported"] == {"2024": 1}
    assert document["jobs_year"] == 2024
    assert document["mean_jobs_per_job_creator"] is None
    assert document["median_jobs_per_job_creator"] is None
    assert document["published_checks"] == []


# -- properties ------------------------------------------------------------------------------

CITIES = ("Tashkent", "Samarkand", "Bukhara")
SECTORS = ("bpo", "gamedev", "edtech", "ai-data")
YEARS = st.integers(min_value=2019, max_value=2025)


# Strategies are made once, not in every draw (making one costs more than drawing from it).
JOINED = st.dates(dt.date(2019, 1, 1), AS_OF)
CITY = st.sampled_from(CITIES)
SECTOR_LISTS = st.lists(st.sampled_from(SECTORS), min_size=1, max_size=3, unique=True)
HEADCOUNTS = st.none() | st.integers(min_value=0, max_value=500)
JOBS = st.dictionaries(YEARS, st.integers(min_value=0, max_value=50), max_size=3)
REVENUES = st.dictionaries(YEARS, st.integers(min_value=0, max_value=10**6), max_size=2)


@st.composite
def residents_lists(draw: st.DrawFn) -> list[Resident]:
    count = draw(st.integers(min_value=0, max_value=12))
    residents = []
    for n in range(count):
        residents.append(
            Resident(
                id=f"r{n}",
                name=f"R {n}",
                joined=draw(JOINED),
                city=draw(CITY),
                sectors=tuple(draw(SECTOR_LISTS)),
                exports_to_japan=draw(st.booleans()),
                headcount=draw(HEADCOUNTS),
                jobs_created=MappingProxyType(draw(JOBS)),
                export_revenue_usd=MappingProxyType(draw(REVENUES)),
            )
        )
    return residents


@settings(deadline=None)
@given(residents_lists())
def test_summary_matches_naive_computations(residents: list[Resident]) -> None:
    s = summarize(residents, INFO)
    assert s.residents == len(residents)
    exporters = [r for r in residents if r.exports_to_japan]
    assert s.exporting_to_japan == len(exporters)
    assert s.exporting_to_japan_share == (len(exporters) / len(residents) if residents else 0.0)
    years = sorted({y for r in residents for y in r.jobs_created})
    assert list(s.jobs_created) == years
    for year in years:
        assert s.jobs_created[year] == sum(r.jobs_created.get(year, 0) for r in residents)
        assert s.job_creators_by_year[year] == len(
            [r for r in residents if r.jobs_created.get(year, 0) > 0]
        )
    assert s.jobs_created_total == sum(sum(r.jobs_created.values()) for r in residents)
    # J: the last complete year (INFO's as_of is in 2025) in which somebody created jobs
    complete = [y for y in years if y <= 2024 and s.job_creators_by_year[y] > 0]
    assert s.jobs_year == (complete[-1] if complete else None)
    if complete:
        last = sorted(
            r.jobs_created[complete[-1]] for r in residents if complete[-1] in r.jobs_created
        )
        last = [n for n in last if n > 0]
        if last:
            assert s.mean_jobs_per_job_creator == pytest.approx(sum(last) / len(last))
            low, high = last[(len(last) - 1) // 2], last[len(last) // 2]
            assert s.median_jobs_per_job_creator == (low + high) / 2
        else:
            assert s.median_jobs_per_job_creator is None
    known = [r.headcount for r in residents if r.headcount is not None]
    assert (s.headcount_total, s.headcount_reported) == (sum(known), len(known))
    for year, cumulative in s.cumulative_by_year.items():
        assert cumulative == len([r for r in residents if r.joined.year <= year])
        assert s.joined_by_year[year] == len([r for r in residents if r.joined.year == year])
    if residents:
        assert min(s.cumulative_by_year) == min(r.joined.year for r in residents)
        assert max(s.cumulative_by_year) == AS_OF.year
        assert list(s.cumulative_by_year) == list(range(min(s.cumulative_by_year), 2026))
    for year, total in s.export_revenue_usd.items():
        assert total == math.fsum(r.export_revenue_usd.get(year, 0) for r in residents)
    assert sum(s.by_city.values()) == len(residents)
    assert sum(s.by_sector.values()) == sum(len(r.sectors) for r in residents)
    document = summary_document(s, None)
    assert roundtrip(document) == document


@settings(deadline=None)
@given(residents_lists(), st.sampled_from(BREAKDOWNS))
def test_breakdown_rows_add_up(residents: list[Resident], by: str) -> None:
    rows = breakdown(residents, by)
    memberships = sum(len(r.sectors) for r in residents) if by == "sector" else len(residents)
    assert sum(row.residents for row in rows) == memberships
    if by == "joined-year":
        assert [r.label for r in rows] == sorted(r.label for r in rows)
    else:
        order = [(-r.residents, r.label) for r in rows]
        assert order == sorted(order)
    assert len({row.label for row in rows}) == len(rows)
    if by != "sector":
        s = summarize(residents, INFO)
        assert sum(row.exporting_to_japan for row in rows) == s.exporting_to_japan
        assert sum(row.jobs_created_total for row in rows) == s.jobs_created_total
        assert sum(row.headcount_total for row in rows) == s.headcount_total
        assert sum(row.headcount_reported for row in rows) == s.headcount_reported
        for year, jobs in s.jobs_created.items():
            assert sum(row.jobs_created[year] for row in rows) == jobs
    assert roundtrip(group_document(rows)) == group_document(rows)
