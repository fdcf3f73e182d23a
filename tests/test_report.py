"""`uzit report` and `uzit project --chart-file`: through the CLI, the pure page builder, a real
process for the import check, and headless Chromium for what a reader sees."""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, MINIMAL_HEADER, Uzit, invoke
from subprocesses import Loaded, modules_after
from test_diff import _git

from uzit_cli import language
from uzit_cli.output.html.markup import link, safe_url, text
from uzit_cli.output.html.page import prose
from uzit_cli.views.residents import PAGE_COLUMNS

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_NAME = '"><img src=x onerror=alert(2)>'
HOSTILE = (
    MINIMAL_HEADER
    + f"""\
      url: https://example.org/a?b=1&c="2"
residents:
  - id: script-one
    name: '{SCRIPT_NAME}'
    name_ja: 'スクリプト<b>太字</b>'
    joined: 2024-03-01
    city: '<i>Tashkent</i>'
    sectors: [outsourcing]
    exports_to_japan: true
    jobs_created: {{2024: 4}}
  - id: img-two
    name: '{IMG_NAME}'
    joined: 2024-05-01
    city: Samarkand
    sectors: [bpo]
    exports_to_japan: false
"""
)


def _page(uzit: Uzit, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    result = uzit("report", "-o", str(out), "--force", *args)  # a test may write it twice
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


# --- the page, through the CLI ----------------------------------------------------------------


class _Tables(HTMLParser):
    """The tables of a page, as (section id, caption, headers, rows of cell texts), with the
    text of figures (SVG) left out."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, str, list[str], list[list[str]]]] = []
        self.section = ""
        self._in: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] = []
        self._caption: list[str] | None = None
        self._figure = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.section = dict(attrs).get("id") or ""
        elif tag == "figure":
            self._figure += 1
        elif tag == "table":
            self.tables.append((self.section, "", [], []))
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and not self._figure:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._figure -= 1
        elif tag == "caption" and self._caption is not None:
            section, _, headers, rows = self.tables[-1]
            self.tables[-1] = (section, "".join(self._caption), headers, rows)
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self.tables and not self._figure:
            _, _, headers, rows = self.tables[-1]
            if not headers:
                headers.extend(self._row)
            else:
                rows.append(self._row)

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def page_tables(page: str, section: str | None = None) -> list[tuple[str, list[dict[str, str]]]]:
    """Each table of the page (of one section) as its caption and rows of header -> cell."""
    parser = _Tables()
    parser.feed(page)
    return [
        (caption, [dict(zip(headers, row, strict=True)) for row in rows])
        for where, caption, headers, rows in parser.tables
        if section is None or where == section
    ]


_MD_CELL = re.compile(r"(?<!\\)\|")
_MD_ESCAPE = re.compile(r"\\(.)")


def markdown_tables(text: str) -> list[tuple[str, list[dict[str, str]]]]:
    """Each table of `-f markdown` output as its title and rows of header -> cell."""
    tables: list[tuple[str, list[dict[str, str]]]] = []
    title, headers = "", None
    for line in text.splitlines():
        if line.startswith("### "):
            title = _MD_ESCAPE.sub(r"\1", line[4:])
        elif line.startswith("|"):
            cells = [_MD_ESCAPE.sub(r"\1", c.strip()) for c in _MD_CELL.split(line)[1:-1]]
            if headers is None:
                headers = cells
                tables.append((title, []))
            elif not set(line) <= set("|-: "):
                tables[-1][1].append(dict(zip(headers, cells, strict=True)))
        else:
            headers = None
    return tables


def assert_same_tables(page: list[Any], other: list[Any]) -> None:
    """The page's tables are those of another format: same titles, same rows, and in every
    column the page shows (a table leaves out a column empty in every row) the same text."""
    assert [title for title, _ in page] == [title for title, _ in other]
    for (title, rows), (_, expected) in zip(page, other, strict=True):
        assert len(rows) == len(expected), title
        for row, wanted in zip(rows, expected, strict=True):
            assert row == {key: wanted[key] for key in row}, title


PARTIAL_YEAR = (
    BUNDLED.read_text(encoding="utf-8")
    .replace("as_of: 2025-02-28", "as_of: 2025-06-30", 1)
    .replace("jobs_created: {2024: 18}", "jobs_created: {2024: 18, 2025: 5}", 1)
)
PROJECTION = ("--scenario", "target", "--scenario", "steady", "--growth-rate", "12.5%")


@pytest.mark.parametrize(
    ("partial", "filters", "projection"),
    [
        (True, (), ()),  # a year not yet ended: "so far"
        (False, ("--jobs-year", "2023"), ()),  # a jobs year without data: "— (no jobs in 2023)"
        (False, ("--city", "Samarkand", "--exports-to-japan"), PROJECTION),  # filters, scenarios
    ],
)
def test_the_page_shows_what_stats_project_list_and_sources_show(
    uzit: Uzit,
    tmp_path: Path,
    write_registry: Any,
    partial: bool,
    filters: tuple[str, ...],
    projection: tuple[str, ...],
) -> None:
    registry = ("-r", str(write_registry(PARTIAL_YEAR))) if partial else ()
    page = _page(uzit, tmp_path, *registry, *filters, *projection)

    def markdown(*args: str) -> list[Any]:
        result = uzit(*args, *registry, "-f", "markdown")
        assert result.exit_code == 0, result.stderr
        return markdown_tables(result.stdout)

    assert_same_tables(page_tables(page, "figures"), markdown("stats", *filters))
    breakdowns = [markdown("stats", "--by", by, *filters)[0] for by in BREAKDOWN_ORDER]
    assert_same_tables(page_tables(page, "groups"), breakdowns)
    # the projection starts from the whole registry: only --jobs-year of the filters reaches it
    projection += tuple(a for a in filters if filters[:1] == ("--jobs-year",))
    assert_same_tables(
        page_tables(page, "projection"), markdown("project", "--explain", *projection)
    )
    columns = ",".join(PAGE_COLUMNS)
    assert_same_tables(page_tables(page, "residents"), markdown("list", "-c", columns, *filters))
    assert_same_tables(page_tables(page, "sources"), markdown("sources"))
    assert_same_history(page, uzit("history", *registry, "-f", "markdown"))
    # and the figures are those of the machine formats
    stats = json.loads(uzit("stats", *registry, *filters, "-f", "json").stdout)
    figures = {(row["Figure"], row["Year"]): row["Value"] for row in page_tables(page)[0][1]}
    assert figures["Residents", "—"] == f"{stats['residents']:,}"
    for year, jobs in stats["jobs_created"].items():
        label = "Jobs created, so far" if partial and year == "2025" else "Jobs created"
        assert figures[label, year].startswith(f"{jobs:,} (by ")
    projected = json.loads(uzit("project", *registry, *projection, "-f", "json").stdout)
    final = {row["Scenario"]: row for row in page_tables(page, "projection")[1][1]}
    for scenario in projected["scenarios"]:
        last = scenario["years"][-1]
        shown = final[scenario["name"].removesuffix(" ⚠")]
        assert shown["Residents"] == f"{last['residents']:,.0f}"
        assert shown["Growth a year"] == f"{scenario['annual_growth_rate'] * 100:.2f} %"


BREAKDOWN_ORDER = ("joined-year", "city", "sector")


def without_history(page: str) -> str:
    return re.sub(r'<section id="history".*?</section>', "", page, flags=re.DOTALL)


def assert_same_history(page: str, history: Any) -> None:
    """The page's history is `uzit history`'s: its table, or the reason it has none."""
    if history.exit_code == 0:
        assert_same_tables(page_tables(page, "history"), markdown_tables(history.stdout))
    else:
        assert page_tables(page, "history") == []
        reason = history.stderr.removeprefix("uzit: error: ").strip()
        assert text(f"No history: {reason}.") in page


@pytest.fixture
def english_after() -> Iterator[None]:
    """English again after a test that speaks another language in this process."""
    yield
    language.use("en")


def git_registry(root: Path, *versions: str) -> Path:
    """A registry file committed once per version in a new repository under `root`."""
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    path = root / "residents.yaml"
    for day, version in enumerate(versions, 1):
        path.write_text(version, encoding="utf-8")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "x", date=f"2025-03-{day:02d}T12:00:00Z")
    return path


JAPANESE_CITY = BUNDLED.read_text(encoding="utf-8").replace("city: Tashkent", "city: タシケント")
GROWN = JAPANESE_CITY.replace("as_of: 2025-02-28", "as_of: 2025-06-30", 1).replace(
    "  - id: example-sakura-systems",
    "  - id: example-sakura-two" + "\n    name: Sakura Two"
    "\n    joined: 2025-05-01\n    city: Samarkand\n    sectors: [bpo]"
    "\n    exports_to_japan: false\n  - id: example-sakura-systems",
    1,
)


def test_the_page_shows_the_history_uzit_history_shows(uzit: Uzit, tmp_path: Path) -> None:
    path = git_registry(tmp_path / "repo", JAPANESE_CITY, GROWN)
    page = _page(uzit, tmp_path, "-r", str(path))
    assert_same_history(page, uzit("history", str(path), "-f", "markdown"))
    rows = json.loads(uzit("history", str(path), "-f", "json").stdout)
    _, shown = page_tables(page, "history")[0]
    assert [row["Residents"] for row in shown] == [f"{row['residents']:,}" for row in rows]
    assert len(rows) == 2 and rows[0]["residents"] < rows[1]["residents"]
    assert "Residents at each committed version (by as_of)</title>" in page  # its figure
    piped = uzit("report", "-o", "-", "-r", "-", input=JAPANESE_CITY)
    assert "No history: the registry was read from standard input." in piped.stdout


_FIGURES = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NUMBER_CELL = re.compile(r'<(td|th)[^>]*class="num[^"]*"[^>]*>(.*?)</\1>', re.DOTALL)


def figures_of(page: str) -> list[float]:
    """Every number in the number cells of a page's tables, in order (labels, which may hold
    a digit in one language only, are left out)."""
    cells = [re.sub(r"<[^>]+>", "", cell) for _, cell in _NUMBER_CELL.findall(page)]
    return [float(n.replace(",", "")) for cell in cells for n in _FIGURES.findall(cell)]


def test_the_japanese_page_is_in_japanese_with_the_english_figures(
    uzit: Uzit, tmp_path: Path, english_after: None
) -> None:
    english = _page(uzit, tmp_path, "--scenario", "target", "--scenario", "steady")
    out = tmp_path / "ja.html"
    args = ("report", "-o", str(out), "--scenario", "target", "--scenario", "steady")
    assert uzit(*args, env={"UZIT_LANG": "ja"}).exit_code == 0
    japanese = out.read_text(encoding="utf-8")
    assert japanese.startswith('<!DOCTYPE html>\n<html lang="ja">')
    assert 'font-family:"Noto Sans CJK JP"' in japanese  # Japanese glyphs from Japanese fonts
    headings = re.compile(r'<h2 id="[^"]+">([^<]*)</h2>')
    language.use("ja")
    assert headings.findall(japanese) == [language._(h) for h in headings.findall(english)]
    assert headings.findall(japanese)[0] != headings.findall(english)[0]
    assert len(figures_of(english)) > 100
    assert figures_of(japanese) == figures_of(english)


def test_the_page_marks_a_year_not_yet_ended_and_a_jobs_year_without_data(
    uzit: Uzit, tmp_path: Path, write_registry: Any
) -> None:
    page = _page(uzit, tmp_path, "-r", str(write_registry(PARTIAL_YEAR)))
    assert '<th scope="row" data-key="figure" data-label="Figure">Jobs created, so far</th>' in page
    assert ">2025 (so far)</th>" in page  # the joined-year breakdown, and its chart
    assert "2025 (so far)</text>" in page
    empty = _page(uzit, tmp_path, "--jobs-year", "2023")
    assert "— (no jobs in 2023)" in empty


def test_the_page_shows_the_day_each_published_figure_was_checked_at(
    uzit: Uzit, tmp_path: Path
) -> None:
    page = _page(uzit, tmp_path)
    checks = json.loads(uzit("stats", "-f", "json").stdout)["published_checks"]
    _, rows = page_tables(page, "figures")[1]
    assert [row["As of"] for row in rows] == [check["as_of"] for check in checks]
    assert "undated" not in page.split('<section id="figures"')[1].split("</section>")[0]


def test_the_page_shows_no_internals_and_residents_as_the_terminal_does(
    uzit: Uzit, tmp_path: Path
) -> None:
    page = _page(uzit, tmp_path, "--scenario", "steady", "--scenario", "target")
    assert "target_year_is_assumption" not in page
    assert "a year that is an assumption" in page
    _, final = page_tables(page, "projection")[1]
    assert [row["Residents"] for row in final] == ["10", "20"]
    assert final[0]["Growth a year"] == "0.00 %"


def test_report_forbids_scripts_and_remote_loads(bundled_page: Path) -> None:
    page = bundled_page.read_text(encoding="utf-8")
    assert "default-src &#x27;none&#x27;" not in page  # the CSP is written raw, not escaped
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'" in page
    assert "<script" not in page
    assert "http://" not in page.split("<main>")[0]  # nothing in the head points anywhere


def test_report_to_standard_output(uzit: Uzit) -> None:
    result = uzit("report", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_report_is_the_same_bytes_every_time_with_unique_ids(uzit: Uzit, tmp_path: Path) -> None:
    first, second = _page(uzit, tmp_path), _page(uzit, tmp_path)
    assert first == second
    ids = re.findall(r' id="([^"]+)"', first)
    assert len(ids) == len(set(ids)) > 20


def test_report_links_sources_and_says_the_data_are_illustrative(bundled_page: Path) -> None:
    page = bundled_page.read_text(encoding="utf-8")
    assert (
        '<a href="https://en.trend.az/casia/uzbekistan/4011316.html" '
        'rel="noopener noreferrer external">' in page
    )
    assert page.count("Illustrative data: the company records are stand-ins") == 1


def test_report_renders_japanese_names_marked_as_japanese(bundled_page: Path) -> None:
    page = bundled_page.read_text(encoding="utf-8")
    assert '<span lang="ja">エグザンプル・サクラ・システムズ</span>' in page


def test_report_has_projection_inputs_and_formulas(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path, "--year", "2035", "--scenario", "target")
    assert "Projection 2025 → 2035" in page
    assert "p = jobs created in J ÷ n(J) = 87 ÷ 9 = 9.666667" in page


def test_report_puts_scenario_warnings_above_the_projection(
    uzit: Uzit, tmp_path: Path, bundled_page: Path
) -> None:
    page = bundled_page.read_text(encoding="utf-8")
    projection = page.split('<section id="projection"')[1]
    assert projection.index("trend is left out: it rests on 2 years") < projection.index("<figure")
    marked = _page(uzit, tmp_path, "--scenario", "trend")
    projection = marked.split('<section id="projection"')[1]
    assert projection.index("trend: its rate is 200.00 % a year") < projection.index("<figure")


def test_report_charts_are_inline_svg_with_titles(bundled_page: Path) -> None:
    page = bundled_page.read_text(encoding="utf-8")
    page = without_history(page)  # which has a figure where the registry is in git
    assert page.count("<svg") == 5  # joined years, city, sector, residents, jobs
    assert page.count('role="img"') == 5
    assert "Residents by city</title>" in page


def test_report_filters_like_stats_and_skips_the_check(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path, "--city", "Samarkand")
    assert 'Filtered (<span class="whole">--city</span> Samarkand): 2 of 10 residents.' in page
    assert "published-figure check is skipped" in page


def test_page_text_keeps_dates_source_ids_and_options_on_one_line() -> None:
    """Each in a span the page keeps on one line (the browser tests check it is); URLs too,
    which may break only after a `/` of their path."""
    assert prose("target trend-2025-02-28 (see --growth-rate) as of 2025-02-28; year-end") == (
        'target <span class="whole">trend-2025-02-28</span> (see <span class="whole">'
        '--growth-rate</span>) as of <span class="date">2025-02-28</span>; year-end'
    )
    assert link("https://a.uz/b/c-d.html", breaks=True).endswith(
        ">https://a.uz/<wbr>b/<wbr>c-d.html</a>"
    )


def test_report_escapes_registry_text(uzit: Uzit, write_registry: Any, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path, "-r", str(write_registry(HOSTILE)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script" not in page and "<img" not in page and "<i>" not in page
    assert 'href="https://example.org/a?b=1&amp;c=&quot;2&quot;"' in page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org/x", None),
        ("http:///no-host", None),
    ],
)
def test_only_http_urls_become_links(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_a_url_that_is_not_http_is_shown_as_text() -> None:
    assert link("javascript:alert(1)") == "javascript:alert(1)"
    assert text('"><b>') == "&quot;&gt;&lt;b&gt;"


def test_report_bad_year_is_a_usage_error(uzit: Uzit, tmp_path: Path) -> None:
    result = uzit("report", "-o", str(tmp_path / "r.html"), "--year", "2020")
    assert result.exit_code == 2
    assert "--year must be from 2026 to 2075" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_needs_an_output(uzit: Uzit) -> None:
    result = uzit("report")
    assert result.exit_code == 2
    assert "Missing option '--output'" in result.stderr


def test_report_unwritable_output_is_exit_1(uzit: Uzit, tmp_path: Path) -> None:
    result = uzit("report", "-o", str(tmp_path / "missing" / "r.html"))
    assert result.exit_code == 1
    assert result.stderr.startswith("uzit: error: cannot write ")


def test_report_never_overwrites_the_registry(uzit: Uzit, tmp_path: Path) -> None:
    copy = tmp_path / "residents.yaml"
    shutil.copy(BUNDLED, copy)
    before = copy.read_bytes()
    result = uzit("report", "-o", str(copy), "-r", str(copy))
    assert result.exit_code == 2
    assert "is the file this command reads; uzit never writes over it" in result.stderr
    assert copy.read_bytes() == before


# --- project --chart-file --------------------------------------------------------------------


def test_project_chart_file_writes_svg(uzit: Uzit, tmp_path: Path) -> None:
    out = tmp_path / "projection.svg"
    result = uzit("project", "--chart-file", str(out), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["target_year"] == 2030  # the normal output is unchanged
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg ')
    assert "Residents by scenario, 2025 → 2030</title>" in svg
    assert "<script" not in svg


def test_project_chart_file_must_be_svg(uzit: Uzit, tmp_path: Path) -> None:
    result = uzit("project", "--chart-file", str(tmp_path / "p.png"))
    assert result.exit_code == 2
    assert "--chart-file writes SVG" in result.stderr


# --- start-up of the other commands -----------------------------------------------------------


@functools.cache
def probe() -> dict[str, Loaded]:
    """One interpreter: stats and project first, as new processes run them, then report."""
    runs = modules_after(
        [["stats", "-f", "json"], ["project", "-f", "json"], ["report", "-o", "-"]]
    )
    return {run.args[0]: run for run in runs}


@pytest.mark.parametrize(
    ("command", "loaded"), [("stats", False), ("project", False), ("report", True)]
)
def test_only_report_and_chart_file_import_the_charting_library(command: str, loaded: bool) -> None:
    run = probe()[command]
    assert run.status == 0
    seen = run.new if loaded else run.after  # loaded by report; by nothing before it
    assert ("pygal" in seen) is loaded
    assert any(m.startswith("uzit_cli.output.html") for m in seen) is loaded  # nor the report
    assert "pydantic" not in run.after  # Typer's slow path stays unused


# --- in a real browser -----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium session for the module, through Debian's chromium-driver."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed: pip install -e '.[dev]'")
    if not CHROMIUM or not DRIVER:
        pytest.skip(
            "no chromium/chromedriver on PATH: as root, `make test` installs Debian's chromium "
            "and chromium-driver; otherwise apt-get install chromium chromium-driver"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    options.add_argument("--disable-dev-shm-usage")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: Any, page: Path, width: int, height: int) -> None:
    driver.get_log("performance")  # forget what came before
    driver.get_log("browser")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(page.as_uri())


def _requests(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _assert_quiet(driver: Any, page: Path) -> None:
    """No console message at all, and no request but the page itself."""
    assert driver.get_log("browser") == []
    assert [url for url in _requests(driver) if url != page.as_uri()] == []


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled registry's page, written once for the module: the tests that read the page
    `uzit report` writes without options, in a browser or as text."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert invoke("report", "-o", str(out)).exit_code == 0
    return out


def test_browser_shows_the_page_quietly(
    browser: Any, bundled_page: Path, screenshots: Path
) -> None:
    _open(browser, bundled_page, 1280, 900)
    _assert_quiet(browser, bundled_page)
    residents = browser.find_elements("css selector", "#figures td[data-key=shown]")[0].text
    assert residents == str(json.loads(invoke("stats", "-f", "json").stdout)["residents"])
    names = [cell.text for cell in browser.find_elements("css selector", "[lang=ja]")]
    assert "エグザンプル・サクラ・システムズ" in names
    charts = "return document.querySelectorAll(':not(#history) > figure > svg[role=img]').length"
    assert browser.execute_script(charts) == 5  # the history's, where git has one, aside
    browser.save_screenshot(str(screenshots / "desktop.png"))
    assert (screenshots / "desktop.png").stat().st_size > 10_000


def test_browser_draws_every_chart_label_inside_its_chart(browser: Any, bundled_page: Path) -> None:
    _open(browser, bundled_page, 1280, 900)
    clipped = browser.execute_script(
        """
        const out = [];
        for (const svg of document.querySelectorAll('svg[role=img]')) {
          const box = svg.getBoundingClientRect();
          for (const text of svg.querySelectorAll('text')) {
            const r = text.getBoundingClientRect();
            if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) {
              out.push(text.textContent);
            }
          }
        }
        return out;
        """
    )
    assert clipped == []  # "2025 (so far)" was cut at the right edge


WIDE = (
    "--scenario", "target", "--scenario", "trend", "--scenario", "steady",
    "--scenario", "custom", "--growth-rate", "12.5%",
)  # fmt: skip
_CLIPPED = """
const out = [];
for (const cell of document.querySelectorAll('td, th, caption')) {
  const box = cell.getBoundingClientRect();
  if (box.right > window.innerWidth + 1 || cell.scrollWidth > cell.clientWidth + 1) {
    out.push(cell.textContent.slice(0, 40));
  }
}
const lines = element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.bottom)))
    .size;
};
const whole = [...document.querySelectorAll('time, .date, .whole')]
  .filter(element => !element.querySelector('a'));
const ids = whole.filter(element => element.dataset.key === 'id').length;
const broken = whole.filter(element => lines(element) > 1).map(element => element.textContent);
return [document.documentElement.scrollWidth, window.innerWidth, out, broken, ids];
"""


@pytest.mark.parametrize(
    ("width", "height", "lang"),
    [(1280, 900, "en"), (1280, 900, "ru"), (1280, 900, "ja"), (390, 844, "en"), (390, 844, "ja")],
)
def test_browser_fits_every_table_to_a_desktop_and_a_phone(
    browser: Any,
    tmp_path: Path,
    screenshots: Path,
    english_after: None,
    width: int,
    height: int,
    lang: str,
) -> None:
    out = tmp_path / "wide.html"
    assert invoke("report", "-o", str(out), *WIDE, env={"UZIT_LANG": lang}).exit_code == 0
    _open(browser, out, width, height)
    _assert_quiet(browser, out)
    page_width, window, clipped, broken, ids = browser.execute_script(_CLIPPED)
    assert page_width <= window == width
    assert clipped == []  # no cell reaches past the window or holds more than it shows
    assert ids > 10  # the residents' and the sources' ids, among the values checked below
    assert broken == []  # no date, id or city wraps (at its hyphens, or inside サマルカンド)
    browser.save_screenshot(str(screenshots / f"wide-{width}-{lang}.png"))


def test_browser_prints_no_heading_or_caption_alone_at_a_page_foot(
    browser: Any, bundled_page: Path
) -> None:
    _open(browser, bundled_page, 1280, 900)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        loose = browser.execute_script(
            """
            const out = [];
            for (const h of document.querySelectorAll('h2, h3, caption')) {
              if (getComputedStyle(h).breakAfter !== 'avoid') out.push(h.textContent);
            }
            for (const t of document.querySelectorAll('table')) {
              if (getComputedStyle(t).breakInside !== 'avoid') out.push(t.id);
            }
            return out;
            """
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert loose == []  # "Notes" (a table's caption) stays with its rows


def test_browser_shows_markup_in_names_as_text(
    browser: Any, tmp_path: Path, write_registry: Any
) -> None:
    out = tmp_path / "hostile.html"
    assert invoke("report", "-o", str(out), "-r", str(write_registry(HOSTILE))).exit_code == 0
    _open(browser, out, 1280, 900)
    _assert_quiet(browser, out)
    names = [cell.text for cell in browser.find_elements("css selector", "td[data-key=name]")]
    assert names == [SCRIPT_NAME, IMG_NAME]
    counts = browser.execute_script(
        "return [document.scripts.length, document.images.length,"
        " document.querySelectorAll('b, i').length]"
    )
    assert counts == [0, 0, 0]


_TOFU = """
const missing = String.fromCodePoint(0x0378);  // unassigned: every font lacks it
function drawn(text, font) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const context = canvas.getContext('2d');
  context.font = '48px ' + font;
  context.fillText(text, 4, 52);
  return context.getImageData(0, 0, 64, 64).data.join('');
}
function tofu(text, font) {  // the characters drawn as the box of a missing glyph
  const box = drawn(missing, font);
  return [...new Set(text)].filter(c => c.trim() && drawn(c, font) === box);
}
const out = [];
for (const element of document.querySelectorAll('svg text, h1, h2, th, caption, footer p')) {
  const text = element.textContent;
  if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) continue;
  const font = getComputedStyle(element).fontFamily;
  const width = element.getBoundingClientRect().width;
  out.push([element.tagName, text, width, tofu(text, font)]);
}
return [out, tofu('\ue000', getComputedStyle(document.body).fontFamily)];
"""
#: The chart texts drawn (partly) outside their chart, where the page cuts them off.
_CUT = """
const out = [];
for (const element of document.querySelectorAll('svg text')) {
  const chart = element.closest('svg').getBoundingClientRect();
  const box = element.getBoundingClientRect();
  if (element.textContent.trim() && (box.left < chart.left - 0.5 || box.right > chart.right + 0.5
      || box.top < chart.top - 0.5 || box.bottom > chart.bottom + 0.5)) {
    out.push(element.textContent);
  }
}
return out;
"""


def test_browser_draws_japanese_with_real_glyphs_no_tofu(
    browser: Any, tmp_path: Path, screenshots: Path, english_after: None
) -> None:
    path = git_registry(tmp_path / "repo", JAPANESE_CITY, GROWN)
    out = tmp_path / "ja.html"
    result = invoke("report", "-o", str(out), "-r", str(path), env={"UZIT_LANG": "ja"})
    assert result.exit_code == 0, result.stderr
    _open(browser, out, 1280, 900)
    _assert_quiet(browser, out)
    texts, control = browser.execute_script(_TOFU)
    assert control == ["\ue000"]  # the check sees a missing glyph when there is one
    in_charts = [text for tag, text, _, _ in texts if tag == "text"]
    assert any("タシケント" in text for text in in_charts)  # a label from the data
    language.use("ja")
    assert language._("Residents at each committed version (by as_of)") in in_charts  # ours
    assert all(width > 0 for _, _, width, _ in texts)
    assert [(text, missing) for _, text, _, missing in texts if missing] == []
    assert browser.execute_script(_CUT) == []  # no label cut at a chart's edge
    browser.save_screenshot(str(screenshots / "japanese.png"))


# --- charts: bounded labels, bounded work -------------------------------------------------------


@pytest.mark.parametrize("length", [1, 32, 33, 75, 76, 77, 400])
@pytest.mark.parametrize("kind", ["bar", "line"])
def test_every_chart_label_is_bounded(kind: str, length: int) -> None:
    from uzit_cli.output.report import Figure, Series
    from uzit_cli.output.svg import MAX_LABEL, draw

    label = "Ташкент " * (length // 8) + "x" * (length % 8)
    figure = Figure(kind, "T", [label, "b"], [Series("s", [3, 1])], axis="residents")  # type: ignore[arg-type]
    svg = draw(figure, "c")
    drawn = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert drawn and max(len(text) for text in drawn) <= MAX_LABEL + len(" (3)")


def _label_extents(svg: str) -> list[tuple[str, float, float]]:
    """Each axis label of a pygal chart with its left and right edge in the viewBox, reckoned as
    a font draws it: a wide (East Asian) character 1 em, any other 0.6 em (pygal's own guess)."""
    import unicodedata
    import xml.etree.ElementTree as ElementTree

    ns = "{http://www.w3.org/2000/svg}"
    root = ElementTree.fromstring(svg)
    plot = next(g for g in root.iter(f"{ns}g") if g.get("class") == "plot")
    left = float(re.findall(r"[\d.]+", plot.get("transform", ""))[0])
    extents = []
    for axis in plot.iter(f"{ns}g"):
        if not (axis.get("class") or "").startswith("axis"):
            continue
        anchor_end = "y" in (axis.get("class") or "").split()  # y labels end at x, x ones centre
        for element in axis.iter(f"{ns}text"):
            label = element.text or ""
            ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in label)
            width, x = ems * 16, left + float(element.get("x", "0"))
            extents.append(
                (label, x - width, x) if anchor_end else (label, x - width / 2, x + width / 2)
            )
    return extents


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_japanese_chart_labels_fit_inside_the_chart(kind: str, english_after: None) -> None:
    from uzit_cli.output.report import Figure, Series
    from uzit_cli.output.svg import draw

    language.use("ja")
    labels = ["ITコンサルティング", "サマルカンド", "2030年(途中まで)"]
    figure = Figure(kind, "T", labels, [Series("入居企業", [3, 2, 1])], axis="入居企業数")  # type: ignore[arg-type]
    svg = draw(figure, "c")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    extents = _label_extents(svg)
    assert any("サマルカンド" in label for label, _, _ in extents)
    assert [(label, a, b) for label, a, b in extents if a < 0 or b > width] == []


def test_a_long_city_neither_hangs_the_report_nor_leaves_a_file(
    uzit: Uzit, write_registry: Any, tmp_path: Path
) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace(
        "    city: Tashkent\n", f"    city: Tashkent {'x' * 99}\n", 1
    )
    out = tmp_path / "out"
    out.mkdir()
    result = uzit("report", "-r", str(write_registry(text)), "-o", str(out / "r.html"))
    assert result.exit_code == 0, result.stderr
    assert [path.name for path in out.iterdir()] == ["r.html"]  # no temporary file left


def test_a_chart_that_takes_too_long_is_an_error_not_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from uzit_cli.output import svg as charts
    from uzit_cli.problems import UzitError

    monkeypatch.setattr(charts, "TIME_LIMIT", 0.05)

    def forever() -> str:
        while True:
            pass

    with pytest.raises(UzitError, match="took too long to draw"):
        charts._within_bounds(forever, "T")


# --- -f html on the commands -------------------------------------------------------------------


def test_project_chart_and_explanation_go_inside_the_html_page(uzit: Uzit) -> None:
    result = uzit("project", "--chart", "--explain", "-f", "html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("</html>\n")  # nothing written after the page
    assert result.stdout.count("<!DOCTYPE html>") == 1
    assert "<pre>" in result.stdout and "Inputs: every number" in result.stdout
    assert result.stderr == ""  # the page holds what a machine format sends to standard error


def test_validate_writes_its_problems_as_a_page(uzit: Uzit, write_registry: Any) -> None:
    result = uzit(
        "validate", str(write_registry(MINIMAL_HEADER + "residents: [1]\n")), "-f", "html"
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("<!DOCTYPE html>") and "<td" in result.stdout


def test_a_japanese_chart_label_is_bounded_by_its_width() -> None:
    from uzit_cli.characters import display_cells
    from uzit_cli.output.svg import MAX_LABEL, bounded_label

    label = bounded_label("エグザンプル・サクラ・システムズ・ホールディングス")
    assert label.endswith("…") and display_cells(label) <= MAX_LABEL + 1
    assert bounded_label("タシケント") == "タシケント"


def test_a_chart_of_counts_has_whole_ticks() -> None:
    """pygal divides a small range into tenths (0.2 … 1.2 residents joined); counts get whole
    ticks, on the line charts and the bar charts alike; fractions keep pygal's own."""
    from uzit_cli.output.report import Series
    from uzit_cli.output.svg import bar_chart, line_chart

    def axis_labels(svg: str) -> set[str]:
        return set(re.findall(r'<g class="guides">.*?<text[^>]*>([^<]*)</text>', svg))

    joined = line_chart(
        "Joined", ["2022", "2023", "2024"], [Series("Joined", [0, 1, 1])], y_title="n"
    )
    assert axis_labels(joined) and all("." not in label for label in axis_labels(joined))
    bars = bar_chart("By city", {"Tashkent": 2, "Nukus": 1}, x_title="residents")
    values = re.findall(r'<g class="axis x[^"]*">(.*?)</g></g>', bars)[0]
    assert re.findall(r"<text[^>]*>([^<]*)</text>", values) == ["0", "1", "2"]  # not 0 alone
    grown = line_chart("Share", ["2025", "2026"], [Series("R", [0.25, 0.5])], y_title="n")
    assert any("." in label for label in axis_labels(grown))


def test_a_cell_made_once_for_a_value_is_the_cell_of_that_value_in_each_row() -> None:
    from uzit_cli.output.html.page import _cell, _placed, _row
    from uzit_cli.output.report import Column

    column = Column("value", "Value")
    values: list[Any] = [1, 1.0, True, "1", None, 1, (1, 2), {"a": 1}, 1.0, True, [1]]
    placed = _placed([Column("id", "ID"), column])
    for value in values:
        row = _row({"id": "x", "value": value}, placed)
        assert row.endswith(f">{_cell(value, column)}</td></tr>"), (value, row)
    assert _cell(True, column) != _cell(1, column)  # equal as keys, not as cells
