"""benchmarks/pathological.py, loaded by path: the inputs whose speed the benchmarks measure,
for the tests to check what uzit says about them at small sizes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "pathological.py"


def _load() -> ModuleType:
    # By path: `pytest` alone does not put the checkout on sys.path, only the package.
    spec = importlib.util.spec_from_file_location("benchmarks_pathological", PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


pathological = sys.modules.get("benchmarks_pathological") or _load()
