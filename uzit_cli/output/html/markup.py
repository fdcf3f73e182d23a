"""Escaping and links, for every part of the page.

Every string that comes from the registry goes through `text()` or `attr()`, and a URL becomes a
link only when it is http(s) with a host.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

# --- escaping ----------------------------------------------------------------------------------


def text(value: object) -> str:
    """Any value as HTML text: escaped, so registry text is shown and never run."""
    return html.escape(str(value), quote=True)


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None: anything else is shown as text only."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def link(url: str | None, label: str | None = None) -> str:
    safe = safe_url(url)
    shown = text(label if label is not None else (url or ""))
    if safe is None:
        return shown
    return f'<a href="{attr(safe)}" rel="noopener noreferrer external">{shown}</a>'
