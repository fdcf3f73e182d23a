"""The installed package, not the checkout: the wheel carries the bundled registry, and a
non-editable install run from another directory prints the bundled statistics."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from uzit_cli import __version__


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built in-process by the build backend's PEP 517 hook: what `pip wheel
    --no-build-isolation` calls (hatchling is in the dev extra, so no network is needed), without
    pip's start-up and the process it runs the hook in (about 1 s of CPU each run)."""
    from hatchling.build import build_wheel

    out = tmp_path_factory.mktemp("wheel")
    here = os.getcwd()
    os.chdir(ROOT)  # the backend builds the project in the current directory
    try:
        name = build_wheel(str(out))
    finally:
        os.chdir(here)
    (built,) = out.glob("uzit-*.whl")
    assert built.name == name
    return built


def test_the_wheel_carries_the_registry_and_the_version(wheel: Path) -> None:
    assert wheel.name.startswith(f"uzit-{__version__}-")
    names = zipfile.ZipFile(wheel).namelist()
    assert "uzit_cli/data/residents.yaml" in names
    assert "uzit_cli/py.typed" in names
    assert {"uzit_cli/locale/ja.mo", "uzit_cli/locale/ru.mo"} <= set(names)  # the languages
    bundled = zipfile.ZipFile(wheel).read("uzit_cli/data/residents.yaml")
    assert bundled == (ROOT / "data" / "residents.yaml").read_bytes()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "uzit = uzit_cli.cli.launch:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_an_installed_uzit_finds_its_registry_from_any_directory(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=120,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("UZIT_REGISTRY", None)
    where = subprocess.run(
        [sys.executable, "-c", "import uzit_cli; print(uzit_cli.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert where.stdout.startswith(str(site))  # the installed copy, not the checkout
    result = subprocess.run(
        [sys.executable, "-m", "uzit_cli", "stats", "-f", "json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert (stats["residents"], stats["exporting_to_japan"], stats["jobs_created"]) == (
        10,
        5,
        {"2024": 87},
    )
    # the registry inside the installed package is not edited in place, even named with -r
    inside = str(site / "uzit_cli" / "data" / "residents.yaml")
    refused = subprocess.run(
        [sys.executable, "-m", "uzit_cli", "set", "registry.as_of=2025-12-31", "-r", inside],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert refused.returncode == 2
    assert "bundled inside the installed package is not edited in place" in refused.stderr


def test_the_package_index_gets_a_readme_without_dead_links_and_a_working_pygal(
    wheel: Path,
) -> None:
    """The index shows the README alone: a link to a file of the repository would lead nowhere
    there, so it names the file instead. pygal 3.0.0 to 3.0.3 crash on import in a plain venv
    (pkg_resources, importlib_metadata): the floor excludes them. The Python versions are
    listed from the floor of requires-python up."""
    names = zipfile.ZipFile(wheel).namelist()
    metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
    metadata = zipfile.ZipFile(wheel).read(metadata_name).decode("utf-8")
    head, description = metadata.split("\n\n", 1)
    assert "Requires-Dist: pygal>=3.0.4" in head.splitlines()
    assert "Requires-Python: >=3.10" in head.splitlines()
    for minor in range(10, 14):
        assert f"Classifier: Programming Language :: Python :: 3.{minor}" in head
    assert description.startswith("# uzit")
    relative = re.findall(r"\]\((?!https?://|#)[^)]*\)", description)
    assert relative == []
    assert "format (`docs/registry-format.md` in the source distribution)" in description
    assert "docs/registry.schema.json (in the source distribution)" in description
