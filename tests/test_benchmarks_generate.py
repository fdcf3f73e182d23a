"""The benchmark generator writes valid, deterministic registries with every kind of field."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from uzit_cli.registry import load_registry, parse_registry

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benchmarks" / "generate.py"


def _load_generator() -> ModuleType:
    # By path: `pytest` alone does not put the checkout on sys.path, only the package.
    spec = importlib.util.spec_from_file_location("benchmarks_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.mark.parametrize("n", [0, 1, 2, 37, 300])
def test_output_is_a_valid_registry_of_n_residents(n: int) -> None:
    registry = parse_registry(gen.generate(n, seed=5).encode("utf-8"), "generated.yaml")
    assert len(registry.residents) == n
    assert registry.schema == 1
    assert registry.info.illustrative is True
    assert len({r.id for r in registry.residents}) == n


@pytest.mark.parametrize("seed", [0, 1, 99])
def test_published_figures_are_the_records_own(seed: int) -> None:
    registry = parse_registry(gen.generate(250, seed).encode("utf-8"))
    published = {(f.metric, f.year): f.value for f in registry.info.published}
    assert published == {
        ("residents", None): 250,
        ("exporting_to_japan", None): sum(r.exports_to_japan for r in registry.residents),
        ("jobs_created", 2024): sum(r.jobs_created.get(2024, 0) for r in registry.residents),
    }
    assert [t.metric for t in registry.info.targets] == ["residents", "japan_it_shortage"]


def test_same_seed_same_text_other_seed_other_text() -> None:
    assert gen.generate(120, seed=3) == gen.generate(120, seed=3)
    assert gen.generate(120, seed=3) != gen.generate(120, seed=4)
    # The first n residents do not depend on how many follow (the header does).
    body = gen.generate(50, seed=3).split("residents:\n", 1)[1]
    assert gen.generate(120, seed=3).split("residents:\n", 1)[1].startswith(body)


def test_identical_in_another_process_with_another_hash_seed() -> None:
    code = (
        "import hashlib, runpy, sys; "
        f"g = runpy.run_path({str(GENERATOR)!r}); "
        "print(hashlib.sha256(g['generate'](400, 7).encode()).hexdigest())"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    child = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert child.stdout.strip() == hashlib.sha256(gen.generate(400, 7).encode()).hexdigest()


def test_realistic_field_mix() -> None:
    residents = parse_registry(gen.generate(400, seed=0).encode("utf-8")).residents
    optional = (
        "name_ja",
        "export_markets",
        "headcount",
        "website",
        "note",
    )
    for name in optional:
        present = sum(getattr(r, name) is not None for r in residents)
        assert 0 < present < len(residents), name
    for name in ("jobs_created", "export_revenue_usd", "sources"):
        present = sum(bool(getattr(r, name)) for r in residents)
        assert 0 < present < len(residents), name
    assert 0 < sum(r.exports_to_japan for r in residents) < len(residents)
    assert len({r.city for r in residents}) >= 8
    assert len({s for r in residents for s in r.sectors}) == 8
    assert {y for r in residents for y in r.jobs_created} == set(range(2019, 2026))
    assert any(len(r.sectors) == 3 for r in residents)
    names_ja = [r.name_ja for r in residents if r.name_ja]
    assert all(name.startswith("エグザンプル・") for name in names_ja)
    assert any(m == "NO" for r in residents for m in r.export_markets or ())
    assert any(r.note and "\n" in r.note for r in residents)
    assert any(isinstance(v, float) for r in residents for v in r.export_revenue_usd.values())
    assert all(r.name.startswith("Example ") for r in residents)


def test_first_resident_is_stable() -> None:
    # Pins the output for seed 3: a change here changes every published benchmark figure.
    first = parse_registry(gen.generate(5, seed=3).encode("utf-8")).residents[0]
    assert first.id == "example-sora-solutions-1"
    assert str(first.joined) == "2022-10-09"
    assert first.city == "Andijan"
    assert first.sectors == ("creative", "it-consulting")
    assert first.export_markets == ("FR", "NL")
    assert dict(first.jobs_created) == {2022: 9, 2023: 9, 2025: 0}


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError, match="n must be 0 or more"):
        gen.generate(-1)


def test_command_line_writes_the_same_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "r.yaml"
    child = subprocess.run(
        [sys.executable, str(GENERATOR), "30", "--seed", "2", "-o", str(target)],
        capture_output=True,
        text=True,
    )
    assert (child.returncode, child.stdout, child.stderr) == (0, "", "")
    assert target.read_text(encoding="utf-8") == gen.generate(30, 2)
    assert len(load_registry(target).residents) == 30
    to_stdout = subprocess.run(
        [sys.executable, str(GENERATOR), "3"], capture_output=True, check=True
    )
    assert to_stdout.stdout.decode("utf-8") == gen.generate(3, 0)
