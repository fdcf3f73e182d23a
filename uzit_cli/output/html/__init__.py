"""`uzit report`: one self-contained HTML page, built by pure functions from the core's results.

Every string that comes from the registry goes through `markup.text()` or `markup.attr()`
(HTML-escaped), a URL becomes a link only when it is http(s), and the page declares a
Content-Security-Policy that forbids scripts and every remote load: no script, font, style sheet
or image is fetched. Charts are inline SVG from `uzit_cli.output.svg`.

- `markup`: escaping, links, numbers in words, and the table, figure and section every part uses;
- `sections`: the headline figures, the published-figure checks, the residents by joined year,
  city and sector, the residents and the sources;
- `projection_section`: the projection, with its charts, every input, formula and scenario;
- `page`: `ReportInput`, the style sheet and `render()`, which puts the page together.

Only `uzit report` imports this package (and with it the charting library).
"""

from __future__ import annotations

from uzit_cli.output.html.page import ReportInput, render

__all__ = ["ReportInput", "render"]
