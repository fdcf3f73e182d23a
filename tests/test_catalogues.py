"""The message catalogues: current with the code, complete, and true to its placeholders."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():  # tools/ is not a package: load tools/catalogues.py by path
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools/catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogues"] = module
    spec.loader.exec_module(module)
    return module


def test_the_catalogues_are_current_with_the_code() -> None:
    """A message added, changed or removed in the code without `make catalogues` fails here,
    as does a `.mo` not compiled from its `.po`."""
    tool = _tool()
    stale = [
        str(path.relative_to(ROOT))
        for path, content in tool.wanted_files().items()
        if not path.exists() or path.read_bytes() != content
    ]
    assert not stale, f"run `make catalogues`: out of date: {stale}"
