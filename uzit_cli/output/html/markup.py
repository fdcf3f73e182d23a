"""Escaping and links, for every part of the page.

Every string that comes from the registry goes through `text()` or `attr()`, and a URL becomes a
link only when it is http(s) with a host.
"""

from __future__ import annotations

import html
import re
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


#: A `/` of a URL's path (not those of `https://`), after which a line may break.
_PATH_SLASH = re.compile(r"(?<!/)/(?!/)")


def link(url: str | None, label: str | None = None, *, breaks: bool = False) -> str:
    """A link to `url` (shown as `label`, else as itself); `breaks`: a line may break after
    each `/` of the URL shown, and nowhere else (see the page's `.whole`)."""
    safe = safe_url(url)
    shown = text(label if label is not None else (url or ""))
    if breaks:
        shown = _PATH_SLASH.sub("/<wbr>", shown)
    if safe is None:
        return shown
    return f'<a href="{attr(safe)}" rel="noopener noreferrer external">{shown}</a>'
