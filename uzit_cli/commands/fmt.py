"""`uzit fmt [FILE …]`: rewrite registries in the canonical layout, keeping their comments."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uzit_cli.cli.common import described, registry_option, registry_path, streams_of
from uzit_cli.language import N_, _
from uzit_cli.problems import Problem, RegistryError, UsageError
from uzit_cli.registry import STDIN, display_path


@described(
    N_(
        """\
Rewrite registries in the canonical layout: keys in the format's order, residents and
sources in their own order, two-space indentation, dates as YYYY-MM-DD, years as plain
numbers, no document markers (---, ...). Comments, the quoting of text, flow or block
style and folded text are kept; a second run changes nothing. A file that does not
validate before is not touched.

\b
Examples:
  uzit fmt my-registry.yaml
  uzit fmt --check data/residents.yaml     # exit 1 when it would change
  uzit fmt --diff my-registry.yaml"""
    )
)
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE",
            help=N_(
                "Registry files to format. Default: the selected registry (--registry, "
                "$UZIT_REGISTRY; the bundled one only with --check or --diff). "
                "Example: my-registry.yaml"
            ),
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=N_(
                "Write nothing; list the files that are not in the canonical layout and exit "
                "1 if there is one (for pre-commit and CI). Example: uzit fmt --check"
            ),
        ),
    ] = False,
    show_diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help=N_(
                "Write nothing; print what would change as a unified diff. "
                "Example: uzit fmt --diff my.yaml"
            ),
        ),
    ] = False,
    registry: Annotated[
        str | None,
        registry_option(
            N_(
                "Registry file to format when no FILE is given; '-' reads standard input, "
                "with --check or --diff. Default: $UZIT_REGISTRY, else (with --check or --diff) "
                "the bundled registry. "
                "Example: -r my-registry.yaml"
            )
        ),
    ] = None,
) -> None:
    from uzit_cli.editing.document import unified_diff
    from uzit_cli.editing.layout import formatted
    from uzit_cli.registry import parse_registry
    from uzit_cli.registry.files import read_bytes
    from uzit_cli.writing import replacing

    streams = streams_of(ctx)
    out, err = streams.out.file, streams.err.file
    sources = list(paths) if paths else [registry_path(registry)]
    if not paths and registry is None and not (check or show_diff):
        from uzit_cli.cli.edit_session import no_registry_given

        raise UsageError(no_registry_given(display_path(sources[0])))
    problems: list[Problem] = []
    unformatted: list[str] = []
    for source in sources:
        if source == STDIN and not (check or show_diff):
            raise UsageError(
                _("standard input cannot be formatted in place; use --check or --diff")
            )
        shown = display_path(source)
        data = read_bytes(source, shown)
        try:
            parse_registry(data, shown)
        except RegistryError as error:
            problems += error.problems
            continue
        text = data.decode("utf-8")
        result = formatted(text)
        if result == text:
            continue
        parse_registry(result.encode("utf-8"), shown)  # the layout never changes a value
        unformatted.append(shown)
        if show_diff:
            out.write(unified_diff(text, result, shown))
        elif check:
            print(_("would reformat {path}").format(path=shown), file=out)
        else:
            with replacing(Path(source), force=True) as temporary:
                temporary.write_bytes(result.encode("utf-8"))
            print(_("reformatted {path}").format(path=shown), file=err)
    if problems:
        raise RegistryError(problems)
    if check and unformatted:
        raise typer.Exit(1)
