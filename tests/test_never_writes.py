"""The registry is never written: every command and every format, in-process, and each command
once in a real process.

Each test copies the bundled registry into an empty directory, runs `uzit` there with HOME and
TMPDIR pointing at empty directories too, and then checks that the registry's bytes and
modification time are unchanged and that no file appeared anywhere it could write. The real
processes add what only they can show: nothing written at start-up or exit, and TMPDIR honoured
(in-process, Python's tempfile has already chosen its directory).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import invoke

from uzit_cli.output import Format

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "residents.yaml"
UZIT = (sys.executable, "-m", "uzit_cli")
TIMEOUT = 30  # a bound for a stuck process on a loaded CI machine; each run takes well under 2 s
FORMATS = tuple(f.value for f in Format)  # from the format records: a new one is tried too
_DROPPED = ("UZIT_REGISTRY", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PYTHONIOENCODING")


@dataclass(frozen=True)
class Done:
    args: tuple[str, ...]
    returncode: int
    stderr: str


@dataclass(frozen=True)
class Place:
    """An empty directory with a copy of the bundled registry, and empty HOME and TMPDIR."""

    folder: Path
    registry: Path
    home: Path
    temp: Path

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in _DROPPED}
        old = env.get("PYTHONPATH")
        env["PYTHONPATH"] = str(ROOT) + (os.pathsep + old if old else "")
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # Python's own caches are not uzit's writes
        env["PYTHONUTF8"] = "1"
        env["HOME"] = str(self.home)
        env["TMPDIR"] = str(self.temp)
        for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            env.pop(variable, None)
        env.update(extra or {})
        return env

    def snapshot(self) -> tuple[bytes, int, int, list[str]]:
        stat = self.registry.stat()
        files = sorted(
            str(path.relative_to(self.folder.parent))
            for root in (self.folder, self.home, self.temp)
            for path in [root, *root.rglob("*")]
        )
        return self.registry.read_bytes(), stat.st_mtime_ns, stat.st_ino, files

    def run_all(
        self,
        commands: Sequence[Sequence[str]],
        *,
        extra: Mapping[str, str] | None = None,
        stdin_from_registry: bool = False,
    ) -> list[Done]:
        """Run the commands in-process, one after the other, in the folder."""
        env: dict[str, str | None] = {"HOME": str(self.home), "TMPDIR": str(self.temp)}
        for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            env[variable] = None
        env.update(extra or {})
        results = []
        here = os.getcwd()
        os.chdir(self.folder)
        try:
            for args in commands:
                data = self.registry.read_bytes() if stdin_from_registry else None
                done = invoke(*args, input=data, env=env)
                results.append(Done(tuple(args), done.exit_code, done.stderr))
        finally:
            os.chdir(here)
        return results

    def run_processes(
        self,
        commands: Sequence[Sequence[str]],
        *,
        extra: Mapping[str, str] | None = None,
        stdin_from_registry: bool = False,
    ) -> list[Done]:
        """Run the commands at once as real processes in the folder, each bounded by TIMEOUT."""
        processes = []
        inputs = []
        try:
            for args in commands:
                stdin = self.registry.open("rb") if stdin_from_registry else None
                inputs.append(stdin)
                processes.append(
                    subprocess.Popen(
                        [*UZIT, *args],
                        stdin=stdin if stdin is not None else subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE,
                        env=self.env(extra),
                        cwd=self.folder,
                    )
                )
            results = []
            for args, process in zip(commands, processes, strict=True):
                _, err = process.communicate(timeout=TIMEOUT)
                results.append(Done(tuple(args), process.returncode, err.decode(errors="replace")))
            return results
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            for stream in inputs:
                if stream is not None:
                    stream.close()


@pytest.fixture
def place(tmp_path: Path) -> Place:
    folder = tmp_path / "data"
    home = tmp_path / "home"
    temp = tmp_path / "tmp"
    for directory in (folder, home, temp):
        directory.mkdir()
    registry = folder / "residents.yaml"
    shutil.copy2(BUNDLED, registry)
    # An mtime in the past: a rewrite, even of the same bytes, would move it.
    os.utime(registry, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return Place(folder, registry, home, temp)


def assert_untouched(place: Place, before: tuple[bytes, int, int, list[str]]) -> None:
    data, mtime, inode, files = place.snapshot()
    assert data == before[0], "the registry's bytes changed"
    assert mtime == before[1], "the registry's modification time changed"
    assert inode == before[2], "the registry was replaced by another file"
    assert files == before[3], "files appeared or disappeared"


def assert_statuses(results: Sequence[Done], status: int) -> None:
    # The commands must really have run: a crash would also leave the file alone.
    for done in results:
        assert done.returncode == status, (done.args, done.stderr)
        assert "Traceback" not in done.stderr, done.args


COMMANDS: dict[str, tuple[tuple[str, ...], int]] = {
    "list": (("list",), 0),
    "list filtered": (
        (
            "list",
            "--exports-to-japan",
            "--city",
            "Tashkent",
            "--joined-since",
            "2023",
            "--sort",
            "jobs",
            "--desc",
            "--columns",
            "id,name,name_ja,note,jobs",
            "--limit",
            "3",
        ),
        0,
    ),
    "list --no-header": (("list", "--no-header"), 0),
    "show": (("show", "example-sakura-systems"), 0),
    "show unknown id": (("show", "example-nobody"), 1),
    "stats": (("stats",), 0),
    "stats --by city": (("stats", "--by", "city"), 0),
    "stats --by sector": (("stats", "--by", "sector"), 0),
    "stats --by joined-year": (("stats", "--by", "joined-year"), 0),
    "stats --by exports-to-japan": (("stats", "--by", "exports-to-japan"), 0),
    "project": (("project",), 0),
    "project --explain": (("project", "--explain"), 0),
    "project --chart": (("project", "--chart"), 0),
    "project custom": (
        ("project", "--year", "2035", "--growth-rate", "15%", "--scenario", "custom"),
        0,
    ),
    "sources": (("sources",), 0),
    "validate": (("validate",), 0),
    "validate --strict": (("validate", "--strict"), 0),
}


# Not run here: the commands that write by design (the editing commands; export, report, init
# and completion write a file or script of their own), schema (reads no registry), and diff and
# history, which read two registries or a git history rather than `-r REGISTRY -f FORMAT`.
# Every other command reads one registry and must be run above, so a new one is checked too.
NOT_RUN_HERE = {
    *("add", "set", "unset", "remove", "rename", "source", "fmt", "import"),
    *("export", "report", "init", "completion", "schema", "diff", "history"),
}


def test_every_reading_command_is_run_here() -> None:
    from uzit_cli.cli.app import COMMANDS as APP

    assert {args[0] for args, _status in COMMANDS.values()} == set(APP) - NOT_RUN_HERE


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_in_every_format_leaves_the_registry_alone(place: Place, name: str) -> None:
    args, status = COMMANDS[name]
    before = place.snapshot()
    results = place.run_all(
        [[*args, "-r", str(place.registry), "-f", output_format] for output_format in FORMATS]
    )
    assert_statuses(results, status)
    assert_untouched(place, before)


def test_the_registry_named_by_uzit_registry_or_relative_to_the_folder(place: Place) -> None:
    before = place.snapshot()
    for args, status in COMMANDS.values():
        by_environment = place.run_all([args], extra={"UZIT_REGISTRY": str(place.registry)})
        relative = place.run_all([[*args, "-r", place.registry.name]])
        assert_statuses([*by_environment, *relative], status)
    assert_untouched(place, before)


def test_real_processes_leave_the_registry_alone(place: Place) -> None:
    # Each command once, the formats spread over them, as the installed script runs; the first
    # finds the registry by UZIT_REGISTRY, and one more reads it from standard input. (--help
    # and validate --strict start up as these do: in-process above.)
    names = ["list filtered", "show", "stats --by city", "project --chart", "sources", "validate"]
    where = [[], *[["-r", place.registry.name]] * (len(names) - 1)]
    commands = [
        [*COMMANDS[name][0], *where[index], "-f", FORMATS[index % len(FORMATS)]]
        for index, name in enumerate(names)
    ]
    before = place.snapshot()
    results = place.run_processes(commands, extra={"UZIT_REGISTRY": str(place.registry)})
    results += place.run_processes([["stats", "-r", "-", "-f", "json"]], stdin_from_registry=True)
    assert_statuses(results, 0)
    assert_untouched(place, before)


def test_validate_with_the_path_as_argument(place: Place) -> None:
    before = place.snapshot()
    results = place.run_all(
        [
            ["validate", place.registry.name],
            ["validate", "--strict", str(place.registry)],
            *(["validate", place.registry.name, "-f", f] for f in FORMATS),
        ]
    )
    assert_statuses(results, 0)
    assert_untouched(place, before)


def test_reading_the_registry_from_standard_input(place: Place) -> None:
    before = place.snapshot()
    results = place.run_all(
        [["list", "-r", "-"], ["stats", "-r", "-", "-f", "json"], ["validate", "-"]],
        stdin_from_registry=True,
    )
    assert_statuses(results, 0)
    assert_untouched(place, before)


def test_validate_strict_of_a_registry_that_fails_changes_nothing(place: Place) -> None:
    # A registry whose published figure the records do not reproduce: --strict fails, and
    # nothing "fixes" the file.
    text = place.registry.read_text(encoding="utf-8")
    figure = "{metric: residents, value: 10, source: trend-2025-02-28}"
    assert figure in text
    place.registry.write_text(text.replace(figure, figure.replace("10", "11")), encoding="utf-8")
    os.utime(place.registry, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = place.snapshot()
    strict = place.run_all(
        [["validate", "--strict", "-r", place.registry.name, "-f", f] for f in FORMATS]
    )
    lenient = place.run_all([["validate", place.registry.name]])
    assert_statuses(strict, 1)
    assert_statuses(lenient, 0)
    assert "published residents is 10" not in lenient[0].stderr
    stated = "published residents is 11 (trend-2025-02-28, as of 2025-02-28)"
    assert f"{stated} but the records give 10" in lenient[0].stderr
    assert_untouched(place, before)


HELP = [
    ["--help"],
    ["-h"],
    ["--version"],
    *([command, "--help"] for command in ("list", "show", "stats", "project", "sources")),
    ["validate", "--help"],
]


def test_help_and_version_leave_the_registry_alone(place: Place) -> None:
    before = place.snapshot()
    results = place.run_all(HELP, extra={"UZIT_REGISTRY": str(place.registry)})
    assert_statuses(results, 0)
    assert_untouched(place, before)


def test_usage_errors_leave_the_registry_alone(place: Place) -> None:
    before = place.snapshot()
    results = place.run_all(
        [
            [],  # no command: the help, exit 2
            ["list", "--sort", "nonsense"],
            ["list", "--columns", "nonsense"],
            ["stats", "--by", "nonsense"],
            ["project", "--year", "1990"],
            ["list", "-f", "xml"],
            ["frobnicate"],
        ],
        extra={"UZIT_REGISTRY": str(place.registry)},
    )
    assert_statuses(results, 2)
    assert_untouched(place, before)
