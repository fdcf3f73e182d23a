"""The HTML writer: reports as one self-contained page (`-f html`, `uzit report`).

Every string that comes from the registry goes through `markup.text()` or `markup.attr()`
(HTML-escaped), a URL becomes a link only when it is http(s), and the page declares a
Content-Security-Policy that forbids scripts and every remote load: no script, font, style sheet
or image is fetched. Figures are inline SVG from `uzit_cli.output.svg`.

- `markup`: escaping and links;
- `page`: the style sheet, a view as a table with its figures, and a page of sections.

Only the html format imports this package (and with it, for a figure, the charting library).
"""

from __future__ import annotations

from uzit_cli.output.html.page import render_page, report_page

__all__ = ["render_page", "report_page"]
