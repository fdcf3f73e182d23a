"""The console script `uzit`: Ctrl-C exits 130 quietly even while the modules are imported.

Importing `uzit_cli.cli.app` (Typer, Click, the command table) takes about a tenth of a second;
an interrupt then would otherwise escape as a KeyboardInterrupt traceback before main()'s own
handler exists. This module imports nothing else first.

The garbage collector is paused while they are imported: importing makes tens of thousands of
objects and next to no garbage, and every automatic collection would walk them again (about a
twentieth of start-up). Once imported they are moved to the oldest generation in one step, as
the loader does with what it reads, so that the run's own collections do not walk them either.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    gc.disable()
    try:
        from uzit_cli.cli.app import main as run_uzit
    except KeyboardInterrupt:
        sys.stderr.flush()
        os._exit(130)
    gc.freeze()
    gc.unfreeze()
    gc.enable()
    try:
        run_uzit()
    except KeyboardInterrupt:  # before main() reaches its own handler
        os._exit(130)
