"""git as an input to `diff` and `history`: path forms, merges, shallow clones, streaming, and
the arithmetic of the pace (issue 24, items 4, 6, 9 and 14-27; issue 27, item 5)."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, MINIMAL_HEADER, Uzit
from test_diff import FUJI, SAKURA, _git, registry

from uzit_cli.cli.app import run
from uzit_cli.model import (
    PublishedFigure,
    Registry,
    RegistryInfo,
    Resident,
    Source,
    Target,
    declared_fields,
    record_fields,
)
from uzit_cli.output import Stream, Streams
from uzit_cli.registry import load_registry
from uzit_cli.timeline.changes import diff_registries
from uzit_cli.timeline.history import HistoryRow, pace
from uzit_cli.timeline.snapshots import file_versions, read_versions

TARGET = (
    MINIMAL_HEADER + "  targets:\n    - {metric: residents, factor: 2, by: 2030, source: src}\n"
)


def residents(count: int, header: str = MINIMAL_HEADER) -> str:
    """A valid registry of `count` residents."""
    return registry(
        *(FUJI.replace("id: fuji", f"id: fuji-{n}") for n in range(count)), header=header
    )


def commit(root: Path, files: dict[str, str], day: int = 1, message: str = "x") -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message, date=f"2025-01-{day:02d}T12:00:00Z")


def new_repo(root: Path) -> Path:
    root.mkdir(exist_ok=True)
    _git(root, "init", "-q", "-b", "main")
    return root


def history_rows(uzit: Uzit, path: Path | str, *more: str) -> list[dict[str, object]]:
    result = uzit("history", str(path), "-f", "json", *more)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


# --- every path form × history and diff (the corpus of names) ------------------------------

# a pattern git would expand, non-ASCII that git quotes, a tab, a space, a leading dash, a
# newline, a colon, and the same names in a subdirectory
NAMES = [
    "r[1].yaml",
    "登録.yaml",
    "résidents.yaml",
    "tab\there.yaml",
    "two words.yaml",
    "-dash.yaml",
    "new\nline.yaml",
    "a:b.yaml",
    "sub dir/登録 [x].yaml",
]


@pytest.fixture(scope="module")
def names_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every name in NAMES with 1 resident, then 2; and `r1.yaml` with 5, which a pattern
    `r[1].yaml` would match instead."""
    root = new_repo(tmp_path_factory.mktemp("names"))
    commit(root, {**{name: residents(1) for name in NAMES}, "r1.yaml": residents(5)}, day=1)
    commit(root, {name: residents(2) for name in NAMES}, day=2)
    return root


@pytest.mark.parametrize("name", NAMES)
def test_every_name_has_its_history_and_its_diff(
    uzit: Uzit, names_repo: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [row["residents"] for row in history_rows(uzit, names_repo / name)] == [1, 2]
    monkeypatch.chdir(names_repo)
    shown = uzit("diff", f"git:HEAD~1:{name}", f"git:HEAD:{name}", "-f", "json")
    assert [r["id"] for r in json.loads(shown.stdout)["added"]] == ["fuji-1"], shown.stderr
    # no argument, one revision: that revision of the registry against the working file
    assert uzit("diff", "-r", name, "--exit-code").exit_code == 0
    assert uzit("diff", "HEAD~1", "-r", name, "--exit-code").exit_code == 3


def test_a_missing_file_at_a_revision_is_missing_not_empty(
    uzit: Uzit, names_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(names_repo)
    result = uzit("diff", "git:HEAD:re[g].yml", "r1.yaml")
    assert (
        result.stderr.splitlines()[0] == "git:HEAD:re[g].yml:1:1: re[g].yml does not exist at HEAD"
    )


def test_a_directory_is_refused_as_a_registry(
    uzit: Uzit, names_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(names_repo)
    assert (
        uzit("history", "sub dir").stderr
        == "uzit: error: sub dir is a directory, not a registry file\n"
    )
    result = uzit("diff", "git:HEAD:sub dir", "r1.yaml")
    assert result.stderr.splitlines()[0] == (
        "git:HEAD:sub dir:1:1: sub dir is a directory, not a registry file"
    )


def test_history_of_a_file_that_does_not_exist_says_so_first(
    uzit: Uzit, names_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(names_repo)  # inside a repository: not "is not tracked by git"
    assert uzit("history", "nonexist.yaml").stderr == "uzit: error: nonexist.yaml does not exist\n"
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)  # outside every repository: not "is not inside a git repository"
    result = uzit("history", env={"UZIT_REGISTRY": "my.yaml"})
    assert result.stderr.startswith("my.yaml:1:1: no such file (the path comes from UZIT_REGISTRY)")


def test_git_specs_reach_the_terminal_escaped(
    uzit: Uzit, names_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(names_repo)
    hostile = "x\033]0;pwned\007"
    for args in (
        [f"git:HEAD:{hostile}", "r1.yaml"],
        [f"git:{hostile}:r1.yaml", "r1.yaml"],
        [f"git:{hostile}", "r1.yaml"],
        [hostile],
    ):
        result = uzit("diff", *args)
        assert result.exit_code in (1, 2)
        assert "\033" not in result.stderr and "\007" not in result.stderr
        assert "\\x1b]0;pwned\\x07" in result.stderr


def test_git_spec_and_history_use_the_files_repository(
    uzit: Uzit, names_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PATH of git:REV:PATH is a path as on disk, read in the repository that holds it, from
    any working directory: the rule `history` follows."""
    monkeypatch.chdir(tmp_path)  # outside the repository
    path = names_repo / "sub dir" / "登録 [x].yaml"
    result = uzit("diff", f"git:HEAD~1:{path}", str(path), "-f", "json")
    assert [r["id"] for r in json.loads(result.stdout)["added"]] == ["fuji-1"], result.stderr
    monkeypatch.chdir(names_repo / "sub dir")  # inside, below the top: relative to here
    assert uzit("diff", "git:HEAD~1:登録 [x].yaml", "登録 [x].yaml", "-q").exit_code == 3


# --- merges, shallow clones, streaming ------------------------------------------------------


def test_a_merge_is_a_row_and_heads_content_is_the_last(uzit: Uzit, tmp_path: Path) -> None:
    root = new_repo(tmp_path / "merge")
    base = [FUJI.replace("id: fuji", f"id: base-{n}") for n in range(3)]
    branch = FUJI.replace("id: fuji", "id: on-branch")
    main = FUJI.replace("id: fuji", "id: on-main")
    commit(root, {"r.yaml": registry(*base)}, day=1)
    _git(root, "checkout", "-q", "-b", "side")
    commit(root, {"r.yaml": registry(*base, branch)}, day=2)
    _git(root, "checkout", "-q", "main")
    commit(root, {"r.yaml": registry(main, *base)}, day=3)
    _git(root, "merge", "-q", "side", "-m", "merge")  # merges cleanly: 5 residents
    rows = history_rows(uzit, root / "r.yaml")
    assert [row["residents"] for row in rows] == [3, 4, 5]  # the first parents, then the merge


def test_a_shallow_clone_is_said_with_its_fix(uzit: Uzit, tmp_path: Path) -> None:
    root = new_repo(tmp_path / "full")
    for day in (1, 2, 3):
        commit(root, {"r.yaml": residents(day)}, day=day)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)],
        check=True,
        capture_output=True,
    )
    result = uzit("history", str(clone / "r.yaml"), "-f", "tsv")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2  # the one commit
    assert result.stderr.startswith("uzit: warning: ")
    assert "is in a shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
    projected = uzit("project", "-r", str(clone / "r.yaml"), "--history", "-f", "json")
    assert any("fetch-depth: 0" in note for note in json.loads(projected.stdout)["notes"])


def test_versions_are_read_one_at_a_time(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "stream")
    for day in (1, 2, 3):
        commit(root, {"r.yaml": residents(day)}, day=day)
    path = str(root / "r.yaml")
    events: list[str] = []
    versions = file_versions(path)
    for data in read_versions(path, versions, lambda n: events.append(f"asked {n}")):
        assert data is not None
        events.append(f"got {data.count(b'id: fuji-')}")
    # each version is asked for only once the one before it was taken: one in memory at a time
    assert events == ["asked 1", "got 1", "asked 2", "got 2", "asked 3", "got 3"]


def test_a_long_history_says_its_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uzit_cli.commands.history as command

    root = new_repo(tmp_path / "long")
    for day in (1, 2, 3):
        commit(root, {"r.yaml": residents(day)}, day=day)
    monkeypatch.setattr(command, "PROGRESS_FROM", 3)
    out, err = io.StringIO(), io.StringIO()
    streams = Streams(Stream(out), Stream(err, is_terminal=True))
    assert run(["history", str(root / "r.yaml"), "-f", "tsv"], streams=streams) == 0
    assert "\rReading version 3 of 3…" in err.getvalue()
    assert err.getvalue().endswith("\r\x1b[K")  # the note is gone when the table comes
    piped = io.StringIO()
    run(["history", str(root / "r.yaml"), "-f", "tsv"], streams=Streams(Stream(out), Stream(piped)))
    assert piped.getvalue() == ""


# --- the pace: no overflow, a target already reached, the jobs year ------------------------


def test_snapshots_a_day_apart_give_no_overflow_in_any_format(uzit: Uzit, tmp_path: Path) -> None:
    root = new_repo(tmp_path / "fast")
    first = residents(1, TARGET).replace("as_of: 2025-02-28", "as_of: 2025-02-27")
    commit(root, {"r.yaml": first}, day=1)
    commit(root, {"r.yaml": residents(10, TARGET)}, day=2)
    for fmt in ("table", "tsv", "json", "markdown"):
        result = uzit("history", str(root / "r.yaml"), "-f", fmt)
        assert (result.exit_code, result.stderr) == (0, ""), fmt
    table = " ".join(uzit("history", str(root / "r.yaml"), "-f", "table").stdout.split())
    assert "Achieved so far: — (from 1 to 10 in 1 day: more than 100× a year" in table
    assert "reached: the last snapshot has 10 residents." in table


def test_the_target_path_far_from_its_start_is_none_not_an_overflow() -> None:
    rows = [
        HistoryRow("c" * 40, "x", "r.yaml", as_of=dt.date(1970, 1, 1), residents=1),
        HistoryRow("d" * 40, "x", "r.yaml", as_of=dt.date(1970, 1, 2), residents=2),
    ]
    found = pace(rows, Target("residents", "src", factor=1e15, by=1971))
    assert found is not None and found.achieved is None
    assert found.path(dt.date(1971, 1, 1)) == pytest.approx(1e15, rel=0.05)
    assert found.path(dt.date(9999, 12, 31)) is None
    assert found.needed is not None  # 1e15 from 2 in one year: large, finite


def test_history_json_gives_the_jobs_year_as_a_number(uzit: Uzit, names_repo: Path) -> None:
    rows = history_rows(uzit, names_repo / "r1.yaml")
    assert rows[0]["jobs_year"] is None or isinstance(rows[0]["jobs_year"], int)
    sakura = new_repo(names_repo.parent / "jobs")
    commit(sakura, {"r.yaml": registry(SAKURA)})
    assert history_rows(uzit, sakura / "r.yaml")[0]["jobs_year"] == 2024


# --- diff: every change counts, git diff's forms --------------------------------------------


def test_removing_one_of_two_equal_published_figures_is_a_change(
    uzit: Uzit, tmp_path: Path
) -> None:
    figure = "    - {metric: residents, value: 1, source: src}\n"
    header = MINIMAL_HEADER + "  published:\n" + figure
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(registry(FUJI, header=header + figure), encoding="utf-8")
    new.write_text(registry(FUJI, header=header), encoding="utf-8")
    result = uzit("diff", str(old), str(new), "--exit-code", "-f", "json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["registry"] == [
        {"field": "published.residents (src) #2", "old": 1, "new": None}
    ]


def test_diff_with_no_argument_shows_an_uncommitted_change(uzit: Uzit, tmp_path: Path) -> None:
    root = new_repo(tmp_path / "work")
    commit(root, {"r.yaml": registry(SAKURA)}, day=1)
    commit(root, {"r.yaml": registry(SAKURA, FUJI)}, day=2)
    path = root / "r.yaml"
    path.write_text(registry(FUJI), encoding="utf-8")
    env = {"UZIT_REGISTRY": str(path)}
    result = uzit("diff", "-f", "tsv", "--no-header", env=env)
    assert result.stdout.splitlines() == ["removed\tresident\tsakura\tname\tSakura Systems\t"]
    stat = uzit("diff", "HEAD~1", "--stat", "-f", "table", env=env).stdout.splitlines()
    assert stat == [" fuji   | added", " sakura | removed", " 2 residents changed"]
    assert uzit("diff", str(path), env=env).exit_code == 2  # a file alone is no revision


# A value for a field no record of the bundled registry gives a second value of, by what reads
# the field (its FieldSpec.reads), so that a new field of a known kind needs nothing here.
UNSET_BY_READER: dict[str, Any] = {
    "source_refs": ("other",),
    "url": "https://example.org/",
    "integer": 40,
    "revenue": {2024: 1000},
}
UNSET_BY_NAME: dict[str, Any] = {"as_of": dt.date(2020, 1, 1)}  # the header's, undeclared


def _unset(record: type[Any], name: str) -> Any:
    reads = {item.name: item.spec.reads for item in declared_fields(record)}.get(name)
    return UNSET_BY_READER.get(reads or "", UNSET_BY_NAME.get(name))


def _changed(records: Sequence[Any], name: str) -> tuple[Any, Any]:
    """A record of the bundled registry, and the same record with `name` changed to another
    record's value of it (or, when every record agrees, to a value of the same type)."""
    first = records[0]
    value = getattr(first, name)
    others = [getattr(r, name) for r in records if getattr(r, name) != value]
    other = others[0] if others else None
    if not others:
        kinds: dict[type, Any] = {str: "other", bool: not value, int: 2099, float: 3.5}
        unset = _unset(type(first), name)
        other = unset if unset is not None else kinds.get(type(value), value)
        if isinstance(value, dt.date):
            other = value - dt.timedelta(days=1)
    assert other != value, f"no second value of {name}: add its reader to UNSET_BY_READER"
    return first, replace(first, **{name: other})


def test_every_value_of_the_format_changed_is_a_change() -> None:
    """Every field of every record kind (residents, sources, targets, published figures and
    the header), changed on its own, makes `diff --exit-code` report a change; the model's
    field lists are walked, so a new field is covered the day it is declared. A record given
    twice (a published figure or target may be) and then once is a change too."""
    base = load_registry(str(BUNDLED))
    info = base.info
    variants: dict[str, Registry] = {}
    for name in record_fields(Resident):
        if name != "id":  # the id pairs the records
            first, changed = _changed(base.residents, name)
            residents = tuple(changed if r is first else r for r in base.residents)
            variants[f"resident.{name}"] = replace(base, residents=residents)
    for kind, record in (("sources", Source), ("published", PublishedFigure), ("targets", Target)):
        records = getattr(info, kind)
        for name in record_fields(record):
            if name != "id":
                first, changed = _changed(records, name)
                swapped = tuple(changed if r is first else r for r in records)
                variants[f"{kind}.{name}"] = replace(base, info=replace(info, **{kind: swapped}))
    for name in record_fields(RegistryInfo):
        value = getattr(info, name)
        if isinstance(value, tuple):  # a list of records: its last one removed, or repeated
            variants[f"registry.{name}"] = replace(base, info=replace(info, **{name: value[:-1]}))
            if name in ("published", "targets"):  # the lists that may hold a record twice
                twice = replace(info, **{name: (*value, value[-1])})
                variants[f"registry.{name} repeated"] = replace(base, info=twice)
        else:
            _, changed_info = _changed([info], name)
            variants[f"registry.{name}"] = replace(base, info=changed_info)
    unchanged = [k for k, after in variants.items() if not diff_registries(base, after).has_changes]
    assert unchanged == []
    assert not diff_registries(base, base).has_changes
