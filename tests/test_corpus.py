"""The corpus of bad registries: each gives exactly the first problem line its .expected file holds.

tests/corpus/NAME.yaml is a registry with one defect; tests/corpus/NAME.expected is the first
line uzit prints for it, with the file's path written as `{path}`. tests/corpus/valid/ holds odd
but valid files. Huge inputs are generated here (HUGE_CASES) rather than committed; the CLI tests
can use both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from uzit_cli import yamlnodes
from uzit_cli.model import Registry
from uzit_cli.problems import RegistryError
from uzit_cli.registry import display_path, load_registry, parse_registry

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
    return case.with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n")


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
    start = time.process_time()  # CPU, not wall time: a busy machine must not fail it
    assert first_problem(case.read_bytes()) == expected_line(case)
    assert time.process_time() - start < 2


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


# -- huge inputs, generated ---------------------------------------------------------------------

_HEAD = b"schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\n"


def _alias_bomb(levels: int = 20) -> bytes:
    lines = [b"a0: &a0 [" + b", ".join([b"lol"] * 10) + b"]"]
    for level in range(1, levels):
        refs = b", ".join([b"*a%d" % (level - 1)] * 10)
        lines.append(b"a%d: &a%d [%s]" % (level, level, refs))
    return _HEAD + b"\n".join(lines) + b"\nresidents: []\n"


def _residents(count: int) -> bytes:
    item = (
        b"- {id: r%d, name: R, joined: 2024-01-01, city: T, sectors: [x], "
        b"exports_to_japan: false}\n"
    )
    return _HEAD + b"residents:\n" + b"".join(item % i for i in range(count))


# name: (bytes of the file, its expected first line with the pure-Python parser's column, when
# that differs, after a '|')
HUGE_CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "scalar-50-mb": (
        lambda: _HEAD + b"residents: []\nnote: " + b"a" * (50 * 2**20) + b"\n",
        "{path}:6:1: line 6 is longer than 1 MiB; a registry's lines are short "
        "(is this the right file?)",
    ),
    "scalar-30-mb": (
        # 30 MB in lines of 1,000 characters, so it passes the long-line check and reaches YAML
        lambda: (
            _HEAD.replace(b"title: T", b"title: " + b"\n    ".join([b"a" * 1000] * 30_000))
            + b"residents: []\n"
        ),
        "{path}:3:10: a value of 30,029,999 characters is longer than the 100,000 allowed",
    ),
    "flow-nesting-500000": (
        lambda: b"schema: " + b"[" * 500_000 + b"]" * 500_000 + b"\n",
        # libyaml stops at its own bound of 1000 while looking ahead
        "{path}:1:1008: nested too deeply: a registry needs 4 levels, and more than 32 "
        "are refused|{path}:1:40:",
    ),
    "flow-mapping-nesting-500000": (
        # over many lines, so it reaches YAML rather than the long-line check
        lambda: b"schema: " + b"{a:\n " * 500_000 + b"}" * 500_000 + b"\n",
        "{path}:32:2: nested too deeply: a registry needs 4 levels, and more than 32 are refused",
    ),
    "block-nesting-500000": (
        lambda: b"schema:\n" + b"- " * 500_000 + b"x\n",
        "{path}:2:63: nested too deeply: a registry needs 4 levels, and more than 32 are refused",
    ),
    "alias-bomb-20-levels": (
        _alias_bomb,
        "{path}:9:45: aliases repeat more than 100,000 values in all (an alias bomb?); "
        "write the values out",
    ),
    "values-300000": (
        lambda: _HEAD + b"  sources: [" + b"1," * 300_000 + b"1]\nresidents: []\n",
        "{path}:5:399991: more than 200,000 values outside the residents list, in one "
        "resident, or anchored (&name) in residents; a registry needs far fewer",
    ),
    "file-over-64-mib": (
        lambda: _HEAD + b"residents: []\n" + b"# padding\n" * (7 * 2**20),
        "{path}:1:1: the file is larger than 64 MiB; a registry is far smaller "
        "(is this the right file?)",
    ),
}


def _expected(name: str, pure_python: bool) -> str:
    text = HUGE_CASES[name][1]
    main, _, other = text.partition("|")
    if pure_python and other:
        return other + main.split(":", 3)[3]
    return main


@pytest.mark.parametrize("name", HUGE_CASES)
def test_huge_input_fails_fast_with_one_located_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HUGE_CASES[name][0]())
    start = time.process_time()  # CPU, not wall time: a busy machine must not fail it
    with pytest.raises(RegistryError) as caught:
        load_registry(path, display="{path}")
    assert time.process_time() - start < 2
    assert [str(p) for p in caught.value.problems] == [_expected(name, pure_python=False)]


@pytest.mark.parametrize(
    "name", ["flow-nesting-500000", "block-nesting-500000", "alias-bomb-20-levels"]
)
def test_huge_input_with_the_pure_python_parser(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    start = time.process_time()  # CPU, not wall time: a busy machine must not fail it
    assert first_problem(HUGE_CASES[name][0]()) == _expected(name, pure_python=True)
    assert time.process_time() - start < 2


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
@pytest.mark.parametrize(
    "name", ["scalar-50-mb", "scalar-30-mb", "flow-nesting-500000", "values-300000"]
)
def test_huge_input_stays_within_200_mb(name: str, tmp_path: Path) -> None:
    """Peak memory of `uzit validate FILE` run by the real CLI in a fresh interpreter.

    VmHWM is the process's own high-water mark; ru_maxrss would count the memory of the
    test process it was forked from.
    """
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HUGE_CASES[name][0]())
    script = textwrap.dedent(
        f"""
        import sys
        from uzit_cli.cli import run
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
    expected = _expected(name, pure_python=False).replace("{path}", display_path(path))
    assert result.stderr.splitlines()[0] == expected
    assert "Traceback" not in result.stderr
    peak_mb = int(peak_kb) / 1024
    assert peak_mb < 200
