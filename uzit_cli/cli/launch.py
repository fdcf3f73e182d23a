"""The console script `uzit`: Ctrl-C exits 130 quietly even while the modules are imported.

Importing `uzit_cli.cli.app` (Typer, Click, the command table) takes about a tenth of a second;
an interrupt then would otherwise escape as a KeyboardInterrupt traceback before main()'s own
handler exists. This module imports nothing else first.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    try:
        from uzit_cli.cli.app import main as run_uzit
    except KeyboardInterrupt:
        sys.stderr.flush()
        os._exit(130)
    try:
        run_uzit()
    except KeyboardInterrupt:  # before main() reaches its own handler
        os._exit(130)
