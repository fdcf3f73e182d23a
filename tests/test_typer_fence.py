"""uzit's use of Typer's private modules is fenced: any other Typer gets the public path."""

from __future__ import annotations

import json
import subprocess
import sys

from uzit_cli.cli.typer_fence import TESTED_TYPER_SERIES, private_api_usable

# Pretends to be a Typer release uzit was never tested with, then runs uzit's commands.
UNTESTED_TYPER = """
import json, sys, typer
typer.__version__ = "0.99.0"
from uzit_cli.cli.app import run
from uzit_cli.cli.typer_fence import command_classes
statuses = [run(args) for args in json.loads(sys.argv[1])]
print(json.dumps({
    "statuses": statuses,
    "command_class": command_classes()[0].__name__,
    "pydantic": "pydantic" in sys.modules,
}))
"""


def test_the_tested_series_is_the_one_pyproject_pins() -> None:
    from conftest import ROOT

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (series,) = TESTED_TYPER_SERIES
    assert f'"typer>={series},<' in pyproject
    assert private_api_usable(f"{series}.7") and not private_api_usable("0.30.0")


def test_an_untested_typer_runs_every_kind_of_option_through_the_public_path() -> None:
    calls = [
        ["list", "--limit", "2", "--sort", "jobs", "--desc", "-f", "tsv", "--no-header"],
        ["list", "--limit", "x"],  # a bad whole number: a usage error still
        ["stats", "-f", "json", "--by", "city"],
        ["project", "--year", "2027", "--scenario", "steady", "-f", "csv"],
        [],  # no command: the overview
        ["sources", "--lang", "ja", "-f", "tsv"],  # a language: its messages, Typer's help English
        ["sources", "--help", "--lang", "ja"],
    ]
    done = subprocess.run(
        [sys.executable, "-c", UNTESTED_TYPER, json.dumps(calls)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["statuses"] == [0, 2, 0, 0, 2, 0, 0]
    assert report["command_class"] == "TyperCommand"
    assert report["pydantic"], "the public path converts values through Typer's own (pydantic)"
    assert "example-" in done.stdout and "Usage: uzit [OPTIONS] COMMAND" in done.stdout
    assert "Usage: uzit sources [OPTIONS]" in done.stdout and "trend-2025-02-28" in done.stdout
    assert "uzit: error: Invalid value for '--limit'" in done.stderr
    assert "Traceback" not in done.stderr
