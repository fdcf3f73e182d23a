"""Tables in files are drawn as plain lines (output/plain_table.py) only where those lines are
exactly what Rich draws: every command's tables are rendered both ways here and compared."""

from __future__ import annotations

import pytest
from conftest import BUNDLED, Uzit

import uzit_cli.output.table as table

COMMANDS = [
    ("list",),
    ("list", "-c", "id,name,name_ja,city,sectors,joined,exports_to_japan,jobs,website,note"),
    ("show", "example-sakura-systems"),
    ("stats",),
    ("stats", "--by", "sector"),
    ("sources",),
    ("project", "--explain", "--scenario", "target", "--scenario", "trend"),
    ("validate", "-f", "table", "docs/examples/broken.yaml"),
]


@pytest.mark.parametrize("width", ["45", "60", "80", "100", "160"])
def test_plain_lines_are_what_rich_draws(
    uzit: Uzit, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    for args in COMMANDS:
        command = [*args, "-r", str(BUNDLED)] if args[0] != "validate" else list(args)
        if "-f" not in command:
            command += ["-f", "table"]
        monkeypatch.setattr(table, "PLAIN_FILES", True)
        plain = uzit(*command, env={"COLUMNS": width})
        monkeypatch.setattr(table, "PLAIN_FILES", False)
        rich = uzit(*command, env={"COLUMNS": width})
        assert plain.stdout == rich.stdout, (args, width)
        assert plain.exit_code == rich.exit_code
