"""benchmarks/report_speed.py runs `uzit report` again and again into one file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import Uzit

ROOT = Path(__file__).resolve().parent.parent


def test_report_runs_write_the_same_page_again(uzit: Uzit, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "benchmarks_report_speed", ROOT / "benchmarks" / "report_speed.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "report.html"
    for _ in range(2):  # each run and each registry writes the same page
        result = uzit(*module.report_args(str(ROOT / "data" / "residents.yaml"), out))
        assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
