"""The corpus of bad registries: each gives exactly the first problem line its .expected file holds.

tests/corpus/NAME.yaml is a registry with one defect; tests/corpus/NAME.expected is the first
line uzit prints for it, with the file's path written as `{path}` (and the list of resident
fields as `{resident_keys}`, so a new field does not change it). tests/corpus/valid/ holds odd
but valid files. Pathological inputs come from benchmarks/pathological.py, at small sizes here
(PATHOLOGICAL) and at the huge sizes benchmarks/guards.py times (peak memory is checked here on
some of those).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from benchmark_inputs import pathological

from uzit_cli.model import Registry
from uzit_cli.problems import RegistryError
from uzit_cli.registry import display_path, load_registry, parse_registry, yamlnodes

CORPUS = Path(__file__).resolve().parent / "corpus"
BAD = sorted(CORPUS.glob("*.yaml"))
VALID = sorted((CORPUS / "valid").glob("*.yaml"))
ROOT = Path(__file__).resolve().parent.parent

# Where the pure-Python parser, PyYAML's fallback without libyaml, reports something else.
PURE_PYTHON_DIFFERS = {
    # libyaml refuses the escape itself; PyYAML makes the lone surrogate, which the text rule
    # then refuses.
    "surrogate-escape": "{path}:34:11: name: U+D800 is half of a surrogate pair",
}


def expected_line(case: Path) -> str:
    return pathological.expected_text(case).rstrip("\n")


def first_problem(data: bytes) -> str:
    with pytest.raises(RegistryError) as caught:
        parse_registry(data, "{path}")
    return str(caught.value.problems[0])


def test_the_corpus_is_complete() -> None:
    assert len(BAD) >= 45
    expected = sorted(CORPUS.glob("*.expected"))
    assert [p.stem for p in expected] == [p.stem for p in BAD]
    for path in expected:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("{path}:") and text.endswith("\n") and text.count("\n") == 1


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.stem)
def test_bad_registry_gives_its_expected_first_problem(case: Path) -> None:
    assert first_problem(case.read_bytes()) == expected_line(case)


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.stem)
def test_pure_python_parser_reports_the_same(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    expected = PURE_PYTHON_DIFFERS.get(case.stem, expected_line(case))
    assert first_problem(case.read_bytes()) == expected


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_edge_case_loads_the_same_with_either_parser(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = load_registry(case)
    assert isinstance(registry, Registry)
    monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    assert load_registry(case) == registry


def test_bom_and_crlf_or_cr_line_endings_change_nothing() -> None:
    with_bom_crlf = load_registry(CORPUS / "valid" / "bom-crlf.yaml")
    with_cr = load_registry(CORPUS / "valid" / "cr-line-endings.yaml")
    assert with_bom_crlf == with_cr
    assert [r.id for r in with_cr.residents] == ["alpha-systems", "beta-games"]
    assert with_cr.residents[0].name_ja == "アルファ・システムズ"
    assert with_cr.residents[0].export_revenue_usd[2024] == 150000.5


def test_valid_edge_cases_keep_quoted_text_as_text() -> None:
    registry = load_registry(CORPUS / "valid" / "text-edge-cases.yaml")
    resident = registry.residents[0]
    assert (resident.id, resident.name, resident.name_ja) == ("2024-01-01", "yes", "NO")
    assert resident.sectors == ("null", "true", "0x1a")
    assert resident.export_markets == ("NO", "US")
    assert resident.city == " Tashkent"
    assert resident.note == (
        "First line.\n\tA tab-indented line: tabs are fine inside a note.\n"
        "Last line — with a dash.\n"
    )
    assert registry.info.sources[0].title == 'It\'s a "source"'


def test_json_style_registry_takes_quoted_dates_and_years() -> None:
    registry = load_registry(CORPUS / "valid" / "json-style.yaml")
    assert registry.info.published[0].year == 2024
    assert registry.residents[0].jobs_created == {2024: 12}
    assert str(registry.residents[0].joined) == "2024-04-15"


# -- pathological inputs, generated ------------------------------------------------------------

# Each just past the bound it tests (nesting past libyaml's own bound of 1,000 too); the file over
# 64 MiB is written but never read. benchmarks/guards.py times these builders at huge sizes.
PATHOLOGICAL = {
    "line-over-1-mib": lambda: pathological.long_line(2**20 + 1),
    "value-over-100000": lambda: pathological.long_value(101),
    "flow-nesting-2000": lambda: pathological.flow_nesting(2_000),
    "flow-mapping-nesting-2000": lambda: pathological.flow_mapping_nesting(2_000),
    "block-nesting-2000": lambda: pathological.block_nesting(2_000),
    "alias-bomb-6-levels": lambda: pathological.alias_bomb(6),
    "values-200100": lambda: pathological.many_values(200_100),
    "file-over-64-mib": lambda: pathological.oversized_file(7 * 2**20),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_fails_with_one_located_line(name: str, tmp_path: Path) -> None:
    case = PATHOLOGICAL[name]()
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(case.data)
    with pytest.raises(RegistryError) as caught:
        load_registry(path, display="{path}")
    assert [str(p) for p in caught.value.problems] == [case.expected()]


@pytest.mark.parametrize("name", ["flow-nesting-2000", "block-nesting-2000", "alias-bomb-6-levels"])
def test_pathological_input_with_the_pure_python_parser(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    case = PATHOLOGICAL[name]()
    assert first_problem(case.data) == case.expected(pure_python=True)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
@pytest.mark.parametrize(
    "name", ["scalar-50-mb", "scalar-30-mb", "flow-nesting-500000", "values-300000"]
)
def test_huge_input_stays_within_200_mb(name: str, tmp_path: Path) -> None:
    """Peak memory of `uzit validate FILE` run by the real CLI in a fresh interpreter.

    VmHWM is the process's own high-water mark; ru_maxrss would count the memory of the
    test process it was forked from.
    """
    case = pathological.HUGE[name]()
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(case.data)
    script = textwrap.dedent(
        f"""
        import sys
        from uzit_cli.cli.app import run
        status = run(["validate", {str(path)!r}])
        with open("/proc/self/status") as status_file:
            peak = next(line for line in status_file if line.startswith("VmHWM:")).split()[1]
        print(status, peak)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    status, peak_kb = result.stdout.split()
    assert status == "1"
    expected = case.expected().replace("{path}", display_path(path))
    assert result.stderr.splitlines()[0] == expected
    assert "Traceback" not in result.stderr
    peak_mb = int(peak_kb) / 1024
    assert peak_mb < 200
