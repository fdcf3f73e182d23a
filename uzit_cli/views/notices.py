"""Notices every report carries, for people only (tables, Markdown, the page)."""

from __future__ import annotations

from uzit_cli.model import Registry


def illustrative_notices(registry: Registry) -> tuple[str, ...]:
    if not registry.info.illustrative:
        return ()
    return (
        "Illustrative data: the company records are stand-ins that reproduce published "
        "aggregates, not real companies.",
    )
