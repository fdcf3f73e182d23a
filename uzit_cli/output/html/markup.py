"""The pieces every part of the report is written with: escaping, links, numbers and blocks.

Every string that comes from the registry goes through `text()` or `attr()`, and a URL becomes a
link only when it is http(s) with a host.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
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


# --- numbers -----------------------------------------------------------------------------------


def whole(value: float) -> str:
    return f"{round(value):,}"


def decimal(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def percent(share: float, digits: int = 1) -> str:
    text_ = f"{share * 100:.{digits}f}"
    return f"{'0' if float(text_) == 0 else text_} %"


def plain_number(value: object) -> str:
    """An input's value: whole numbers as such, others to six significant decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, int) or (math.isfinite(value) and value == int(value)):
        number = int(value)
        return f"{number:,}" if abs(number) >= 10_000 else str(number)
    return f"{value:,.6f}".rstrip("0").rstrip(".")


# --- building blocks ---------------------------------------------------------------------------


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[str],
    *,
    numeric: Sequence[int] = (),
    ident: str | None = None,
) -> str:
    """A table with a caption and column headers; `rows` are ready `<tr>` strings."""
    head = "".join(
        f'<th scope="col"{" class=num" if index in numeric else ""}>{text(h)}</th>'
        for index, h in enumerate(headers)
    )
    id_attr = f' id="{attr(ident)}"' if ident else ""
    return (
        f'<div class="scroll"><table{id_attr}><caption>{text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def figure(svg: str, caption: str) -> str:
    return f'<figure class="chart">{svg}<figcaption>{text(caption)}</figcaption></figure>'


def section(ident: str, title: str, body: str) -> str:
    return (
        f'<section id="{ident}" aria-labelledby="{ident}-h">'
        f'<h2 id="{ident}-h">{text(title)}</h2>{body}</section>'
    )
