"""The report's sections about the registry itself: its headline figures, the published figures
checked, the residents by joined year, city and sector, the residents and the sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from uzit_cli.model import Registry, Resident, Source, last_complete_year
from uzit_cli.output.html.markup import attr, decimal, figure, link, percent, table, text
from uzit_cli.output.svg import Series, bar_chart, line_chart
from uzit_cli.stats import Check, Summary
from uzit_cli.words import plural

METRIC_LABELS = {
    "residents": "Residents",
    "exporting_to_japan": "Exporting to Japan",
    "jobs_created": "Jobs created",
}


def headline(summary: Summary) -> str:
    s = summary

    def row(label: str, metric: str, shown: str, note: str = "") -> str:
        extra = f' <span class="note">{text(note)}</span>' if note else ""
        return (
            f'<tr><th scope="row">{text(label)}</th>'
            f'<td class="num" data-metric="{attr(metric)}">{text(shown)}</td><td>{extra}</td></tr>'
        )

    rows = [
        row("Residents", "residents", f"{s.residents:,}"),
        row("Exporting to Japan", "exporting_to_japan", f"{s.exporting_to_japan:,}"),
        row(
            "Share exporting to Japan",
            "exporting_to_japan_share",
            percent(s.exporting_to_japan_share),
        ),
    ]
    for year, jobs in s.jobs_created.items():
        creators = s.job_creators_by_year.get(year, 0)
        rows.append(
            row(
                f"Jobs created in {year}",
                f"jobs_created.{year}",
                f"{jobs:,}",
                f"by {plural(creators, 'resident')}",
            )
        )
    rows.append(row("Jobs created, all years", "jobs_created_total", f"{s.jobs_created_total:,}"))
    if s.jobs_year is not None and s.mean_jobs_per_job_creator is not None:
        rows.append(
            row(
                f"Mean jobs per job-creating resident, {s.jobs_year}",
                "mean_jobs_per_job_creator",
                decimal(s.mean_jobs_per_job_creator),
            )
        )
        if s.median_jobs_per_job_creator is not None:
            rows.append(
                row(
                    f"Median jobs per job-creating resident, {s.jobs_year}",
                    "median_jobs_per_job_creator",
                    decimal(s.median_jobs_per_job_creator),
                )
            )
    if s.headcount_reported:
        rows.append(
            row(
                "Headcount",
                "headcount_total",
                f"{s.headcount_total:,}",
                f"{s.headcount_reported:,} of {s.residents:,} report it",
            )
        )
    else:
        rows.append(row("Headcount", "headcount_total", "not reported"))
    for year, revenue in s.export_revenue_usd.items():
        reporting = s.export_revenue_reported.get(year, 0)
        rows.append(
            row(
                f"Export revenue in {year}, USD",
                f"export_revenue_usd.{year}",
                f"{revenue:,.0f}",
                f"{reporting:,} report it",
            )
        )
    return table(
        "The figures people quote, computed from the records",
        ("Figure", "Value", ""),
        rows,
        numeric=(1,),
        ident="figures-table",
    )


def checks_section(checks: Sequence[Check] | None, registry: Registry) -> str:
    if checks is None:
        return (
            '<p class="notice">Filters are active: the published-figure check is skipped '
            "(the published figures describe the whole registry).</p>"
        )
    if not checks:
        return "<p>The registry states no published figures to check.</p>"
    rows = []
    for check in checks:
        source = registry.info.source(check.source)
        mark = "✓ matches" if check.matches else "✗ differs"
        rows.append(
            f'<tr data-check="{attr(check.metric)}"><th scope="row">'
            f"{text(METRIC_LABELS.get(check.metric, check.metric))}</th>"
            f"<td>{text(check.year if check.year is not None else '—')}</td>"
            f'<td class="num">{check.published:,}</td><td class="num">{check.computed:,}</td>'
            f'<td class="{"ok" if check.matches else "bad"}">{mark}</td>'
            f"<td>{source_line(source, check.source)}</td></tr>"
        )
    reproduced = sum(check.matches for check in checks)
    return table(
        f"Published figures: {reproduced} of {len(checks)} reproduced by the records",
        ("Figure", "Year", "Published", "Computed", "Check", "Source"),
        rows,
        numeric=(2, 3),
    )


def source_line(source: Source | None, source_id: str) -> str:
    if source is None:
        return text(source_id)
    date = f", {source.published.isoformat()}" if source.published else ", undated"
    return (
        f'{text(source.publisher)}: <a href="#source-{attr(source.id)}">'
        f"{text(source.title)}</a>{text(date)}"
    )


def counts_table(caption: str, header: str, counts: Mapping[str, int], key: str) -> str:
    rows = (
        f'<tr data-{key}="{attr(label)}"><th scope="row">{text(label)}</th>'
        f'<td class="num">{count:,}</td></tr>'
        for label, count in counts.items()
    )
    return table(caption, (header, "Residents"), rows, numeric=(1,))


def groups_section(summary: Summary) -> str:
    s = summary
    parts = []
    last = last_complete_year(s.as_of)
    label = {year: f"{year} (so far)" if year > last else str(year) for year in s.joined_by_year}
    joined = {label[year]: count for year, count in s.joined_by_year.items()}
    if joined:
        years = list(joined)
        parts.append(
            figure(
                line_chart(
                    "Residents by the end of each year, and joins in each year",
                    years,
                    [
                        Series("residents at the year's end", list(s.cumulative_by_year.values())),
                        Series("joined in the year", list(s.joined_by_year.values())),
                    ],
                    y_title="residents",
                ),
                "Residents by joined year (from the joined dates).",
            )
        )
        rows = (
            f'<tr data-joined="{year}"><th scope="row">{label[year]}</th>'
            f'<td class="num">{count:,}</td>'
            f'<td class="num">{s.cumulative_by_year.get(year, 0):,}</td></tr>'
            for year, count in s.joined_by_year.items()
        )
        parts.append(
            table(
                "Residents by joined year",
                ("Year", "Joined", "By the year's end"),
                rows,
                numeric=(1, 2),
            )
        )
    if s.by_city:
        parts.append(
            figure(
                bar_chart("Residents by city", s.by_city, x_title="residents"),
                "Residents by city.",
            )
        )
        parts.append(counts_table("Residents by city", "City", s.by_city, "city"))
    if s.by_sector:
        parts.append(
            figure(
                bar_chart("Residents by sector", s.by_sector, x_title="residents"),
                "Residents by sector; a resident with several sectors counts in each.",
            )
        )
        parts.append(
            counts_table(
                "Residents by sector (a resident counts once in each of its sectors)",
                "Sector",
                s.by_sector,
                "sector",
            )
        )
    if not parts:
        return "<p>No resident is selected.</p>"
    return "".join(parts)


def residents_section(residents: Sequence[Resident], jobs_year: int | None) -> str:
    if not residents:
        return "<p>No resident is selected.</p>"
    jobs_header = f"Jobs {jobs_year}" if jobs_year is not None else "Jobs"
    rows = []
    for r in residents:
        name_ja = f'<span lang="ja">{text(r.name_ja)}</span>' if r.name_ja else "—"
        jobs = r.jobs_created.get(jobs_year) if jobs_year is not None else None
        rows.append(
            f'<tr data-resident="{attr(r.id)}"><th scope="row" class="name">{text(r.name)}</th>'
            f'<td class="ja">{name_ja}</td><td>{text(r.city)}</td>'
            f"<td>{text(', '.join(r.sectors))}</td><td>{r.joined.isoformat()}</td>"
            f"<td>{'✓ yes' if r.exports_to_japan else 'no'}</td>"
            f'<td class="num">{"—" if jobs is None else f"{jobs:,}"}</td></tr>'
        )
    return table(
        plural(len(residents), "resident"),
        ("Name", "Japanese name", "City", "Sectors", "Joined", "Exports to Japan", jobs_header),
        rows,
        numeric=(6,),
        ident="residents-table",
    )


def sources_section(sources: Sequence[Source]) -> str:
    if not sources:
        return "<p>The registry cites no source.</p>"
    items = []
    for source in sources:
        date = source.published.isoformat() if source.published else "undated"
        address = (
            f'<br><span class="url">{link(source.url)}</span>' if source.url else " (no address)"
        )
        note = f'<br><span class="note">{text(source.note)}</span>' if source.note else ""
        items.append(
            f'<li id="source-{attr(source.id)}"><strong>{text(source.publisher)}</strong>, '
            f"{text(date)}: {text(source.title)} <code>[{text(source.id)}]</code>"
            f"{address}{note}</li>"
        )
    return f'<ol class="sources">{"".join(items)}</ol>'
