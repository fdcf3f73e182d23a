"""`uzit diff` and `uzit history`: hand-made snapshot pairs, and a scratch git repository."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED, MINIMAL_HEADER, Uzit

from uzit_cli.model import Target
from uzit_cli.registry import parse_registry
from uzit_cli.timeline.changes import FieldChange, Rename, diff_registries
from uzit_cli.timeline.history import HistoryRow, pace, snapshot_growth_rate
from uzit_cli.timeline.trend import snapshot_points
from uzit_cli.views.changes import diff_report, write_summary

SAKURA = """\
  - id: sakura
    name: Sakura Systems
    name_ja: サクラ・システムズ
    joined: 2023-05-01
    city: Tashkent
    sectors: [outsourcing]
    exports_to_japan: true
    export_markets: [JP]
    jobs_created: {2024: 5}
"""
FUJI = """\
  - id: fuji
    name: Fuji Data
    joined: 2024-02-01
    city: Samarkand
    sectors: [ai-data]
    exports_to_japan: false
"""


def registry(*residents: str, header: str = MINIMAL_HEADER) -> str:
    return header + "residents:\n" + "".join(residents)


def _resident(name: str) -> str:
    return SAKURA.replace("id: sakura", f"id: {name}").replace("Sakura Systems", name.upper())


def diff_of(old: str, new: str):  # type: ignore[no-untyped-def]
    return diff_registries(parse_registry(old.encode()), parse_registry(new.encode()))


# --- the pure comparison -------------------------------------------------------------------


def test_reordering_alone_is_no_change() -> None:
    result = diff_of(registry(SAKURA, FUJI), registry(FUJI, SAKURA))
    assert not result.has_changes
    assert [f.delta for f in result.figures if f.metric == "residents"] == [0]


def test_a_field_removed_is_one_change_to_none() -> None:
    without = SAKURA.replace("    name_ja: サクラ・システムズ\n", "")
    result = diff_of(registry(SAKURA), registry(without))
    assert result.changed == (FieldChange("sakura", "name_ja", "サクラ・システムズ", None),)


def test_a_changed_resident_that_also_moved_in_its_file_is_one_change() -> None:
    moved = SAKURA.replace("    name_ja: サクラ・システムズ\n", "")
    result = diff_of(registry(FUJI, SAKURA), registry(moved, FUJI))
    assert result.changed == (FieldChange("sakura", "name_ja", "サクラ・システムズ", None),)


def test_a_year_added_to_jobs_created_is_one_change() -> None:
    more = SAKURA.replace("{2024: 5}", "{2023: 2, 2024: 5}")
    result = diff_of(registry(SAKURA), registry(more))
    assert result.changed == (FieldChange("sakura", "jobs_created.2023", None, 2),)
    assert [(f.year, f.old, f.new, f.delta) for f in result.figures if f.year] == [
        (2023, None, 2, None),
        (2024, 5, 5, 0),
    ]


def test_a_new_id_with_the_same_name_and_joined_date_is_a_likely_rename() -> None:
    renamed = SAKURA.replace("id: sakura", "id: sakura-systems").replace("Tashkent", "Bukhara")
    result = diff_of(registry(SAKURA, FUJI), registry(renamed, FUJI))
    assert (result.added, result.removed) == ((), ())
    assert result.renamed == (Rename("sakura", "sakura-systems", "Sakura Systems"),)
    assert result.changed == (FieldChange("sakura-systems", "city", "Tashkent", "Bukhara"),)


def test_a_retitled_source_is_one_source_change() -> None:
    retitled = MINIMAL_HEADER.replace("title: A source", "title: A better source")
    result = diff_of(registry(SAKURA), registry(SAKURA, header=retitled))
    assert result.sources.changed == (FieldChange("src", "title", "A source", "A better source"),)
    assert result.has_changes and not result.changed


def test_targets_and_published_figures_are_compared() -> None:
    extra = (
        "  published:\n    - {metric: residents, value: 1, source: src}\n"
        "  targets:\n    - {metric: residents, factor: 2, by: 2030, source: src}\n"
    )
    old = MINIMAL_HEADER + extra
    new = old.replace("factor: 2,", "factor: 3,").replace("value: 1,", "value: 2,")
    result = diff_of(registry(SAKURA, header=old), registry(SAKURA, header=new))
    assert result.targets.changed == (FieldChange("residents (src)", "factor", 2, 3),)
    assert result.header == (FieldChange("registry", "published.residents (src)", 1, 2),)
    checks = {f.metric: (f.old, f.new) for f in result.figures}
    assert checks["published_checks_matching"] == (1, 0)


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def bundled_pair(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled registry and a copy with one resident added, one jobs figure changed and
    one source retitled: exactly three changes."""
    text = BUNDLED.read_text(encoding="utf-8")
    new = text.replace("jobs_created: {2024: 18}", "jobs_created: {2024: 20}", 1)
    new = new.replace(
        "title: 66 new companies joined IT Park\n",
        "title: 66 new companies joined IT Park Uzbekistan\n",
        1,
    )
    new += (
        "  - id: example-nagoya-labs\n    name: Example Nagoya Labs\n    joined: 2025-02-01\n"
        "    city: Tashkent\n    sectors: [software-development]\n    exports_to_japan: false\n"
    )
    assert new.count("\n") == text.count("\n") + 6
    old_path, new_path = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old_path.write_text(text, encoding="utf-8")
    new_path.write_text(new, encoding="utf-8")
    return old_path, new_path


THREE = [
    ("added", "resident", "example-nagoya-labs", "name", "", "Example Nagoya Labs"),
    ("changed", "resident", "example-sakura-systems", "jobs_created.2024", "18", "20"),
    (
        "changed",
        "source",
        "kursiv-2024-10-08",
        "title",
        "66 new companies joined IT Park",
        "66 new companies joined IT Park Uzbekistan",
    ),
]


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_three_changes_one_per_row(uzit: Uzit, bundled_pair: tuple[Path, Path], fmt: str) -> None:
    result = uzit("diff", *map(str, bundled_pair), "-f", fmt, "--no-header")
    assert result.exit_code == 0
    separator, end = ("\t", "\n") if fmt == "tsv" else (",", "\r\n")
    rows = [tuple(line.split(separator)) for line in result.stdout.split(end) if line]
    assert rows == THREE


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_the_json_contract(uzit: Uzit, bundled_pair: tuple[Path, Path], fmt: str) -> None:
    result = uzit("diff", *map(str, bundled_pair), "-f", fmt)
    document = json.loads(result.stdout) if fmt == "json" else yaml.safe_load(result.stdout)
    assert [r["id"] for r in document["added"]] == ["example-nagoya-labs"]
    assert document["removed"] == [] and document["renamed"] == []
    assert document["changed"] == [
        {"id": "example-sakura-systems", "field": "jobs_created.2024", "old": 18, "new": 20}
    ]
    assert [c["field"] for c in document["sources"]["changed"]] == ["title"]
    assert document["targets"] == {"added": [], "removed": [], "changed": []}
    jobs = next(f for f in document["figures"] if f["metric"] == "jobs_created")
    assert jobs == {"metric": "jobs_created", "year": 2024, "old": 87, "new": 89, "delta": 2}


def test_jsonl_is_the_same_document_on_one_line(
    uzit: Uzit, bundled_pair: tuple[Path, Path]
) -> None:
    lines = uzit("diff", *map(str, bundled_pair), "-f", "jsonl").stdout.splitlines()
    assert len(lines) == 1 and len(json.loads(lines[0])["changed"]) == 1


def test_markdown_lists_the_three_changes(uzit: Uzit, bundled_pair: tuple[Path, Path]) -> None:
    out = uzit("diff", *map(str, bundled_pair), "-f", "markdown").stdout
    assert "| + | added | resident | example-nagoya-labs | name | — | Example Nagoya Labs |" in out
    changed = "| \\~ | changed | resident | example-sakura-systems | jobs\\_created.2024 |"
    assert f"{changed} 18 | 20 |" in out  # Markdown escapes the ~ marker
    assert "3 changes" in out


def test_table_marks_every_change_not_only_by_colour(
    uzit: Uzit, bundled_pair: tuple[Path, Path]
) -> None:
    out = uzit("diff", *map(str, bundled_pair), "-f", "table").stdout
    assert "+ example-nagoya-labs  Example Nagoya Labs\n" in out
    assert "~ example-sakura-systems  jobs_created.2024: 18 → 20\n" in out
    assert "~ source kursiv-2024-10-08  title: 66 new companies joined IT Park → " in out
    assert "Jobs created                  2024   87   89       2" in out


def test_exit_code_is_3_on_a_change_and_0_without(
    uzit: Uzit, bundled_pair: tuple[Path, Path]
) -> None:
    old, new = map(str, bundled_pair)
    assert uzit("diff", old, new, "--exit-code", "-f", "json").exit_code == 3
    same = uzit("diff", old, old, "--exit-code", "-f", "tsv", "--no-header")
    assert (same.exit_code, same.stdout, same.stderr) == (0, "", "")
    assert uzit("diff", old, new).exit_code == 0  # without --exit-code a change is success


def test_quiet_prints_nothing_and_exits_3(uzit: Uzit, bundled_pair: tuple[Path, Path]) -> None:
    result = uzit("diff", *map(str, bundled_pair), "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", "")


def test_problems_of_both_files_are_reported_before_comparing(
    uzit: Uzit, write_registry, tmp_path: Path
) -> None:
    bad_old = write_registry(registry(SAKURA).replace("city: Tashkent", "city: 12"), "a.yaml")
    result = uzit("diff", str(bad_old), str(tmp_path / "missing.yaml"))
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and result.stdout == ""
    assert lines[0].endswith(
        'a.yaml:14:11: city: expected text, not the number 12; if it is text, quote it: "12"'
    )
    assert lines[1].endswith("missing.yaml:1:1: no such file")
    # each file's own count (24.27), not both files' problems under the first name
    assert lines[-1] == (
        f"uzit: error: {bad_old}: 1 problem, {tmp_path / 'missing.yaml'}: 1 problem"
    )


def test_standard_input_on_one_side(uzit: Uzit, bundled_pair: tuple[Path, Path]) -> None:
    old, new = bundled_pair
    piped = uzit("diff", "-", str(new), "-f", "json", input=old.read_bytes())
    assert len(json.loads(piped.stdout)["added"]) == 1
    both = uzit("diff", "-", "-")
    assert both.exit_code == 2
    assert both.stderr.startswith("uzit: error: only one of OLD and NEW can be '-'")


def test_terminal_summary_is_coloured_and_marked(
    bundled_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    old, new = (parse_registry(p.read_bytes()) for p in bundled_pair)
    stream = Terminal()
    write_summary(diff_report(diff_registries(old, new), "a", "b"), stream)
    out = stream.getvalue()
    assert "\x1b[32m+ example-nagoya-labs" in out  # green, and marked +
    assert "\x1b[33m~ example-sakura-systems" in out  # yellow, and marked ~


def test_a_malformed_git_spec_is_a_problem(uzit: Uzit, bundled_pair: tuple[Path, Path]) -> None:
    result = uzit("diff", "git:HEAD", str(bundled_pair[0]))
    assert result.exit_code == 1
    assert "is not of the form git:REV:PATH" in result.stderr


# --- git: a scratch repository with three commits ------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three commits of reg/r.yaml: one resident; two, with a year added; a source retitled."""
    root = tmp_path_factory.mktemp("repo")
    (root / "reg").mkdir()
    path = root / "reg" / "r.yaml"
    _git(root, "init", "-q")
    steps = [
        registry(SAKURA),
        registry(SAKURA.replace("{2024: 5}", "{2023: 2, 2024: 5}"), FUJI),
        registry(
            SAKURA.replace("{2024: 5}", "{2023: 2, 2024: 5}"),
            FUJI,
            header=MINIMAL_HEADER.replace("title: A source", "title: A better source"),
        ),
    ]
    for number, text in enumerate(steps, start=1):
        path.write_text(text, encoding="utf-8")
        _git(root, "add", ".")
        _git(root, "commit", "-q", "-m", f"step {number}", date=f"2025-0{number}-15T12:00:00Z")
    (root / "untracked.yaml").write_text(registry(SAKURA), encoding="utf-8")
    return root


def test_diff_reads_git_revisions(uzit: Uzit, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = uzit("diff", "git:HEAD~2:reg/r.yaml", "git:HEAD~1:reg/r.yaml", "-f", "tsv")
    assert result.stdout.splitlines()[1:] == [
        "added\tresident\tfuji\tname\t\tFuji Data",
        "changed\tresident\tsakura\tjobs_created.2023\t\t2",
    ]


def test_a_file_missing_at_a_revision_is_one_line(
    uzit: Uzit, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = uzit("diff", "git:HEAD~2:reg/nope.yaml", "reg/r.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "git:HEAD~2:reg/nope.yaml:1:1: reg/nope.yaml does not exist at HEAD~2"
    )


def test_git_spec_outside_a_repository(
    uzit: Uzit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = uzit("diff", "git:HEAD:r.yaml", "git:HEAD:r.yaml")
    assert "git:HEAD:r.yaml:1:1: r.yaml is not inside a git repository" in result.stderr


def test_history_prints_one_row_per_commit(uzit: Uzit, repo: Path) -> None:
    result = uzit("history", str(repo / "reg" / "r.yaml"), "-f", "tsv", "--no-header")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == ["2025-01-15", "2025-02-15", "2025-03-15"]
    # as_of, residents, exporting to Japan, jobs year, jobs, checks, matching, problem
    assert [row[2:] for row in rows] == [
        ["2025-02-28", "1", "1", "2024", "5", "0", "0", ""],
        ["2025-02-28", "2", "1", "2024", "5", "0", "0", ""],
        ["2025-02-28", "2", "1", "2024", "5", "0", "0", ""],
    ]


def test_history_since_and_until(uzit: Uzit, repo: Path) -> None:
    result = uzit(
        "history", str(repo / "reg" / "r.yaml"), "--since", "2025-02-01", "--until",
        "2025-03-01", "-f", "json",
    )  # fmt: skip
    assert [row["date"] for row in json.loads(result.stdout)] == ["2025-02-15"]


def test_history_of_an_untracked_file_is_one_line(uzit: Uzit, repo: Path) -> None:
    result = uzit("history", str(repo / "untracked.yaml"))
    assert result.exit_code == 1
    assert result.stderr.endswith("untracked.yaml is not tracked by git\n")
    assert result.stderr.count("\n") == 1


def test_history_outside_a_repository_is_one_line(
    uzit: Uzit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    path = tmp_path / "r.yaml"
    path.write_text(registry(SAKURA), encoding="utf-8")
    result = uzit("history", str(path))
    assert (result.exit_code, result.stderr.count("\n")) == (1, 1)
    assert result.stderr.endswith("is not inside a git repository\n")


def test_history_table_draws_the_target_path(uzit: Uzit, tmp_path: Path) -> None:
    root = tmp_path
    header = (
        MINIMAL_HEADER + "  targets:\n    - {metric: residents, factor: 2, by: 2030, source: src}\n"
    )
    path = root / "r.yaml"
    _git(root, "init", "-q")
    for number, residents in enumerate([(SAKURA,), (SAKURA, FUJI)], start=1):
        path.write_text(registry(*residents, header=header), encoding="utf-8")
        _git(root, "add", ".")
        _git(root, "commit", "-q", "-m", "x", date=f"2025-0{number}-15T12:00:00Z")
    out = uzit("history", str(path), "-f", "table").stdout
    assert "Target path" in out
    assert "Target: 2× the 1 resident of 2025-02-28 by 2030 (2)." in out
    # the goal (2) is reached at the last snapshot: said so, not "needed: 0.0 %/yr" (24.9)
    assert "reached: the last snapshot has 2 residents." in " ".join(out.split())  # may wrap


# --- pace and the snapshot growth rate -----------------------------------------------------


def _row(as_of: dt.date, residents: int) -> HistoryRow:
    return HistoryRow("c" * 40, str(as_of), "r.yaml", as_of=as_of, residents=residents)


def test_pace_compares_achieved_and_needed_rates() -> None:
    rows = [_row(dt.date(2025, 2, 28), 10), _row(dt.date(2026, 2, 28), 12)]
    found = pace(rows, Target(metric="residents", source="src", factor=2, by=2030))
    assert found is not None
    assert found.goal == 20
    assert found.achieved == pytest.approx(0.2, abs=0.001)
    assert found.needed == pytest.approx((20 / 12) ** (1 / 4) - 1)
    assert found.path(dt.date(2025, 2, 28)) == 10


def test_snapshot_growth_rate_needs_two_dates() -> None:
    assert snapshot_growth_rate([(dt.date(2025, 2, 28), 10)]) is None
    assert snapshot_growth_rate([(dt.date(2025, 1, 1), 10), (dt.date(2025, 1, 1), 12)]) is None


def test_stats_does_not_import_the_diff_or_git_code() -> None:
    code = (
        "import sys\nfrom uzit_cli.cli.app import run\nrun(['stats', '-f', 'json'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('uzit_cli.timeline.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


# --- project --history: the trend from the as_of snapshots -----------------------------------


def test_snapshot_points_keep_the_latest_count_per_as_of() -> None:
    rows = [
        _row(dt.date(2024, 2, 28), 1),
        _row(dt.date(2024, 2, 28), 3),
        HistoryRow("d" * 40, "2024-06-01", "r.yaml", problem="1 problem: bad"),
        _row(dt.date(2025, 2, 28), 4),
    ]
    assert snapshot_points(rows) == [(dt.date(2024, 2, 28), 3), (dt.date(2025, 2, 28), 4)]


def test_project_history_estimates_the_trend_from_snapshots(uzit: Uzit, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    _git(tmp_path, "init", "-q")
    older = registry(SAKURA).replace("as_of: 2025-02-28", "as_of: 2024-02-28")
    for number, text in enumerate([older, registry(SAKURA, FUJI)], start=1):
        path.write_text(text, encoding="utf-8")
        _git(tmp_path, "add", ".")
        _git(tmp_path, "commit", "-q", "-m", "x", date=f"2025-0{number}-15T12:00:00Z")
    result = uzit("project", "-r", str(path), "--history", "--scenario", "trend", "-f", "json")
    document = json.loads(result.stdout)
    (trend,) = document["scenarios"]
    assert trend["annual_growth_rate"] == pytest.approx(2 ** (365.25 / 366) - 1)
    assert trend["assumptions"]["source"] == "git history"
    assert trend["years"][-1]["residents"] == pytest.approx(
        2 * (1 + trend["annual_growth_rate"]) ** 5
    )
    assert any("estimated from the as_of snapshots in git history" in n for n in document["notes"])
    assert any(f.startswith("trend (from git history): g = ") for f in document["formulas"])


def test_project_history_without_git_leaves_the_trend_out_with_the_reason(
    uzit: Uzit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    path = tmp_path / "r.yaml"
    path.write_text(registry(SAKURA, FUJI), encoding="utf-8")
    document = json.loads(uzit("project", "-r", str(path), "--history", "-f", "json").stdout)
    assert {
        "name": "trend",
        "reason": (f"no trend from git history: {path} is not inside a git repository"),
    } in document["omitted"]


def test_project_history_an_implausible_trend_is_left_out_never_an_option_error(
    uzit: Uzit, tmp_path: Path
) -> None:
    # 2 residents, then 10 a day later, then 20: a rate beyond any number a year
    path = tmp_path / "r.yaml"
    _git(tmp_path, "init", "-q")
    people = [_resident(f"r{n}") for n in range(20)]
    for number, (as_of, count) in enumerate(
        [("2025-02-27", 2), ("2025-02-28", 10), ("2025-02-28", 20)], start=1
    ):
        text = registry(*people[:count]).replace("as_of: 2025-02-28", f"as_of: {as_of}")
        path.write_text(text, encoding="utf-8")
        _git(tmp_path, "add", ".")
        _git(tmp_path, "commit", "-q", "-m", "x", date=f"2025-0{number}-15T12:00:00Z")
    shown = uzit("project", "-r", str(path), "--history", "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    (reason,) = [o["reason"] for o in json.loads(shown.stdout)["omitted"] if o["name"] == "trend"]
    assert reason.startswith("it rests on as_of snapshots 1 day apart (2025-02-27 to 2025-02-28)")
    assert reason.endswith("(--scenario trend shows it, marked)")
    asked = uzit(
        "project", "-r", str(path), "--history", "--scenario", "trend", "--scenario", "steady"
    )
    assert asked.exit_code == 0 and "--growth-rate" not in asked.stderr
    assert "trend is left out" in asked.stderr and "cannot be computed over" in asked.stderr


def test_a_published_figure_given_a_date_is_a_change(uzit: Uzit, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(
        old.read_text(encoding="utf-8").replace(
            "{metric: residents, value: 10, source: trend-2025-02-28}",
            "{metric: residents, value: 10, source: trend-2025-02-28, as_of: 2025-02-20}",
        ),
        encoding="utf-8",
    )
    rows = uzit("diff", str(old), str(new), "-f", "tsv", "--no-header").stdout.splitlines()
    assert rows == [
        "changed\tregistry\t\tpublished.residents (trend-2025-02-28).as_of\t\t2025-02-20"
    ]


def test_a_header_change_reads_as_the_registrys_own(uzit: Uzit, tmp_path: Path) -> None:
    """The header has no id: its line is `~ registry  FIELD: …`, not `~ registry registry`."""
    old = tmp_path / "old.yaml"
    old.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(
        old.read_text(encoding="utf-8").replace("as_of: 2025-02-28", "as_of: 2025-03-01", 1),
        encoding="utf-8",
    )
    shown = uzit("diff", str(old), str(new), "-f", "table", "--width", "100").stdout
    assert "~ registry  as_of: 2025-02-28 → 2025-03-01" in shown.splitlines()
