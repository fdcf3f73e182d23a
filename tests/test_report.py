"""`uzit report` and `uzit project --chart-file`: through the CLI, the pure page builder, a real
process for the import check, and headless Chromium for what a reader sees."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, MINIMAL_HEADER, ROOT, Uzit, invoke

from uzit_cli.output.html.markup import link, safe_url, text

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


def test_report_has_the_headline_figures_and_forbids_scripts(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path)
    assert '<td class="num" data-metric="residents">10</td>' in page
    assert '<td class="num" data-metric="jobs_created.2024">87</td>' in page
    assert "default-src &#x27;none&#x27;" not in page  # the CSP is written raw, not escaped
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'" in page
    assert "<script" not in page
    assert "http://" not in page.split("<main>")[0]  # nothing in the head points anywhere


def test_report_to_standard_output(uzit: Uzit) -> None:
    result = uzit("report", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_report_shows_checks_with_sources_and_links(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path)
    assert "Published figures: 3 of 3 reproduced by the records" in page
    assert page.count("✓ matches") == 3
    assert (
        '<a href="https://en.trend.az/casia/uzbekistan/4011316.html" '
        'rel="noopener noreferrer external">' in page
    )
    assert "Illustrative data: the company records are stand-ins" in page


def test_report_renders_japanese_names_marked_as_japanese(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path)
    assert '<span lang="ja">エグザンプル・サクラ・システムズ</span>' in page


def test_report_has_projection_inputs_and_formulas(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path, "--year", "2035", "--scenario", "target")
    assert "Projection 2025 → 2035" in page
    assert '<tr data-scenario="target"><th scope="row">target</th>' in page
    assert "p = jobs created in J ÷ n(J) = 87 ÷ 9 = 9.666667" in page
    assert "<code>R0</code>" in page


def test_report_puts_scenario_warnings_above_the_projection(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path)
    projection = page.split('<section id="projection"')[1]
    assert projection.index("trend is left out: it rests on 2 years") < projection.index("<figure")
    marked = _page(uzit, tmp_path, "--scenario", "trend")
    projection = marked.split('<section id="projection"')[1]
    assert projection.index("trend: its rate is 200% a year") < projection.index("<figure")


def test_report_charts_are_inline_svg_with_titles(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path)
    assert page.count("<svg") == 5  # joined years, city, sector, residents, jobs
    assert page.count('role="img"') == 5
    assert "<title id=" in page and "Residents by city</title>" in page


def test_report_filters_like_stats_and_skips_the_check(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path, "--city", "Samarkand")
    assert '<td class="num" data-metric="residents">2</td>' in page
    assert "Filtered (--city Samarkand): 2 of 10 residents." in page
    assert "published-figure check is skipped" in page


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

_IMPORTS = """
import sys
from uzit_cli.cli.app import run
run(sys.argv[1:])
sys.stdout.flush()
print("\\npygal-loaded:", "pygal" in sys.modules, file=sys.stderr)
print("report-loaded:", any(m.startswith("uzit_cli.output.html") for m in sys.modules),
      file=sys.stderr)
print("pydantic-loaded:", "pydantic" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (("stats", "-f", "json"), False),
        (("project", "-f", "json"), False),
        (("report", "-o", "-"), True),
    ],
)
def test_only_report_and_chart_file_import_the_charting_library(
    args: tuple[str, ...], loaded: bool
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("UZIT_REGISTRY", None)
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert f"pygal-loaded: {loaded}" in done.stderr
    assert f"report-loaded: {loaded}" in done.stderr  # nor any module of the HTML report
    assert "pydantic-loaded: False" in done.stderr  # Typer's slow path stays unused


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


def _figures(driver: Any) -> dict[str, str]:
    return {
        cell.get_attribute("data-metric"): cell.text
        for cell in driver.find_elements("css selector", "td[data-metric]")
    }


def _groups(driver: Any, key: str) -> dict[str, int]:
    rows = driver.find_elements("css selector", f"tr[data-{key}]")
    return {
        (row.get_attribute(f"data-{key}") or ""): int(  # the value; the heading may add "so far"
            row.find_elements("css selector", "td")[0].text.replace(",", "")
        )
        for row in rows
    }


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert invoke("report", "-o", str(out)).exit_code == 0
    return out


def test_browser_shows_the_figures_of_stats_json(
    browser: Any, bundled_page: Path, screenshots: Path
) -> None:
    stats = json.loads(invoke("stats", "-f", "json").stdout)
    _open(browser, bundled_page, 1280, 900)
    _assert_quiet(browser, bundled_page)
    figures = _figures(browser)
    assert int(figures["residents"]) == stats["residents"] == 10
    assert int(figures["exporting_to_japan"]) == stats["exporting_to_japan"]
    for year, jobs in stats["jobs_created"].items():
        assert int(figures[f"jobs_created.{year}"].replace(",", "")) == jobs
    assert int(figures["jobs_created_total"]) == stats["jobs_created_total"]
    assert figures["exporting_to_japan_share"] == f"{stats['exporting_to_japan_share'] * 100:.1f} %"
    assert _groups(browser, "city") == stats["by_city"]
    assert _groups(browser, "sector") == stats["by_sector"]
    assert _groups(browser, "joined") == stats["joined_by_year"]
    checks = browser.find_elements("css selector", "tr[data-check]")
    assert len(checks) == len(stats["published_checks"]) == 3
    names = [cell.text for cell in browser.find_elements("css selector", "[lang=ja]")]
    assert "エグザンプル・サクラ・システムズ" in names
    assert browser.execute_script("return document.querySelectorAll('svg[role=img]').length") == 5
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


def test_browser_at_phone_width_scrolls_only_inside_tables(
    browser: Any, bundled_page: Path, screenshots: Path
) -> None:
    _open(browser, bundled_page, 390, 844)
    _assert_quiet(browser, bundled_page)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1] == 390
    browser.save_screenshot(str(screenshots / "phone.png"))
    assert (screenshots / "phone.png").stat().st_size > 10_000


def test_browser_shows_markup_in_names_as_text(
    browser: Any, tmp_path: Path, write_registry: Any
) -> None:
    out = tmp_path / "hostile.html"
    assert invoke("report", "-o", str(out), "-r", str(write_registry(HOSTILE))).exit_code == 0
    _open(browser, out, 1280, 900)
    _assert_quiet(browser, out)
    names = [cell.text for cell in browser.find_elements("css selector", "th.name")]
    assert names == [SCRIPT_NAME, IMG_NAME]
    counts = browser.execute_script(
        "return [document.scripts.length, document.images.length,"
        " document.querySelectorAll('b, i').length]"
    )
    assert counts == [0, 0, 0]


def test_a_year_not_yet_ended_is_marked_so_far(uzit: Uzit, tmp_path: Path) -> None:
    page = _page(uzit, tmp_path)
    assert '<tr data-joined="2025"><th scope="row">2025 (so far)</th>' in page
    assert '<tr data-joined="2024"><th scope="row">2024</th>' in page
