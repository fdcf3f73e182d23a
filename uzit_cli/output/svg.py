"""Charts as SVG for `uzit report` and `uzit project --chart-file`, drawn with pygal.

pygal is imported inside the functions here, and this module only by those two code paths, so
every other command starts without it. The SVG keeps its text as text (so Japanese and other
names stay selectable and are read by screen readers), carries a `<title>` and `<desc>`, has no
script (pygal's tooltip configuration is removed, so a Content-Security-Policy without scripts
raises no error) and loads nothing: no fonts, no style sheets, no images.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from uzit_cli.characters import display_cells
from uzit_cli.language import _, _n, current
from uzit_cli.numbers import decimal, whole
from uzit_cli.output.fonts import font_stack
from uzit_cli.output.report import Figure, Series
from uzit_cli.problems import UsageError, UzitError
from uzit_cli.writing import write_text

#: The widest label a chart draws, in cells: a wider one is cut with `…` (the chart's description
#: and the table beside it keep it whole). pygal never ends on some long labels (issue 24, item 5).
MAX_LABEL = 32
#: How long drawing one chart may take, and how large its SVG may be, before it is left out.
TIME_LIMIT = 10.0
SIZE_LIMIT = 2_000_000
#: Series colours, each with a contrast of at least 4.5:1 on white (WCAG AA for text).
COLOURS = ("#1f4e9c", "#a8380a", "#2a6b2a", "#6b3fa0", "#7a5500", "#00636e")
TEXT = "#1a1a1a"
MUTED = "#555555"  # 7.5:1 on white
#: Groups beyond this many are summed into one "others" bar, so a chart stays readable.
MAX_BARS = 12
#: The most x labels a line chart writes (a longer series labels every n-th point).
MAX_X_LABELS = 10
#: One scale is logarithmic when its largest value is this many times its smallest.
LOG_RATIO = 30.0
#: The axis labels' font size, in pixels (the style's label_font_size).
LABEL_SIZE = 16
#: How wide pygal reckons every character, in ems (pygal/util.py `text_len`), and how wide a
#: wide (East Asian) character is drawn: a whole em, as the CJK fonts draw it.
NARROW_EM = 0.6
WIDE_EM = 1.0

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ROOT = re.compile(r"<svg\b[^>]*>")


def bounded_label(label: str) -> str:
    """A label as a chart draws it: one line, at most MAX_LABEL cells wide (a Japanese
    character is two, as wide as it is drawn)."""
    label = " ".join(label.split())
    if display_cells(label) <= MAX_LABEL:
        return label
    cut = MAX_LABEL - 1
    while display_cells(label[:cut]) > MAX_LABEL - 1:
        cut -= 1
    return label[:cut].rstrip() + "…"


def _within_bounds(render: Callable[[], str], what: str) -> str:
    """`render()`, stopped after TIME_LIMIT seconds (where the platform can: SIGALRM in the main
    thread) and refused when its SVG is larger than SIZE_LIMIT characters."""
    import signal
    import threading

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError

    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, expired) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        svg = render()
    except TimeoutError:
        raise UzitError(_("the chart '{title}' took too long to draw").format(title=what)) from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if len(svg) > SIZE_LIMIT:
        raise UzitError(_("the chart '{title}' is too large to draw").format(title=what))
    return svg


_PYGAL_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _deterministic(svg: str, ident: str) -> str:
    """pygal's random chart id replaced by `ident`, and its per-chart ids made unique on the
    page by that prefix: the same figure gives the same bytes, and two charts share no id."""
    svg = _PYGAL_ID.sub(ident, svg)
    return re.sub(r'id="(?!' + re.escape(ident) + r')([^"]+)"', rf'id="{ident}-\1"', svg)


def draw(figure: Figure, ident: str) -> str:
    """A view's figure as inline SVG, with `ident` as its id (unique on the page)."""
    labels = [bounded_label(label) for label in figure.labels]
    if figure.kind == "bar":
        counts = dict(zip(labels, figure.series[0].values, strict=True))
        svg = _within_bounds(
            lambda: bar_chart(figure.title, counts, x_title=figure.axis), figure.title
        )
    else:
        svg = _within_bounds(
            lambda: line_chart(figure.title, labels, figure.series, y_title=figure.axis),
            figure.title,
        )
    return _deterministic(svg, ident)


def _style() -> Any:
    from pygal.style import Style  # type: ignore[import-untyped]

    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground=TEXT,
        foreground_strong=TEXT,
        foreground_subtle=MUTED,
        colors=COLOURS,
        font_family=font_stack(current()),  # Japanese glyphs from Japanese fonts
        title_font_size=20,
        legend_font_size=17,
        label_font_size=LABEL_SIZE,
        major_label_font_size=LABEL_SIZE,
        value_font_size=16,
        value_label_font_size=16,
        opacity="1",
        stroke_opacity="1",
        stroke_opacity_hover="1",
        stroke_width="3",
        stroke_width_hover="3",
        opacity_hover="1",
        transition="0s",
    )


def _common(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "style": _style(),
        "js": [],  # no tooltip script fetched from the web
        "disable_xml_declaration": True,
        "explicit_size": False,  # a viewBox only: the page scales the chart to its width
        "width": 800,
        "height": 420,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        # a bound of pygal's own, above ours: a bar's label carries its count after the name
        "truncate_legend": MAX_LABEL + 16,
        "truncate_label": MAX_LABEL + 16,
        "margin": 12,
        "value_formatter": _tick,  # axis numbers as the tables write them (numbers.py)
        "no_data_text": _("No data"),  # pygal's own words, for a chart with nothing to draw
    }


def text_width(text: str, size: float) -> float:
    """About how wide `text` is drawn at font size `size`, in pixels: pygal's 0.6 em a
    character, but a whole em for a wide one (two cells on a terminal), so a Japanese label is
    not reckoned at 60 % of its width and cut at the chart's edge."""
    wide = display_cells(text) - len(text)  # a wide character is two cells
    return size * (NARROW_EM * len(text) + (WIDE_EM - NARROW_EM) * wide)


def _wide_room(labels: Sequence[str], size: float) -> int:
    """The pixels that `labels` take beyond what pygal reserves for them (it reckons the longest
    one in characters at 0.6 em each): 0 for labels without wide characters."""
    if not labels:
        return 0
    reckoned = max(len(label) for label in labels) * NARROW_EM * size
    return max(0, math.ceil(max(text_width(label, size) for label in labels) - reckoned))


def _tick(value: float) -> str:
    """A number on an axis: whole numbers with separators, others with a decimal or two."""
    if not math.isfinite(value) or value == int(value):
        return whole(value) if math.isfinite(value) else str(value)
    return decimal(value, 1 if abs(value) >= 1 else 2)


def finish(svg: str, title: str, description: str) -> str:
    """pygal's SVG with its script and comments removed and an accessible name added."""
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    match = _ROOT.search(svg)
    if match is None:  # pragma: no cover - pygal always writes a root element
        raise UzitError(_("the chart could not be drawn"))
    chart_id = re.search(r'id="([^"]+)"', match.group())
    ident = chart_id.group(1) if chart_id else "chart"
    opening = match.group()[:-1] + f' role="img" aria-labelledby="{ident}-title {ident}-desc">'
    head = (
        f'<title id="{ident}-title">{html.escape(title)}</title>'
        f'<desc id="{ident}-desc">{html.escape(description)}</desc>'
    )
    # pygal's own <title> duplicates ours: drop it so the accessible name is said once
    rest = svg[match.end() :].replace(f"<title>{html.escape(title, quote=False)}</title>", "", 1)
    return svg[: match.start()] + opening + head + rest


def _logarithmic(series: Sequence[Series]) -> bool:
    values = [value for s in series for value in s.values if value > 0]
    return bool(values) and max(values) / min(values) >= LOG_RATIO


def line_chart(
    title: str, x_labels: Sequence[str], series: Sequence[Series], *, y_title: str
) -> str:
    """Several series over the same years, on one common scale."""
    import pygal  # type: ignore[import-untyped]

    logarithmic = _logarithmic(series)
    options = _common(title)
    options["legend_at_bottom_columns"] = min(max(len(series), 1), 4)
    # the first and last x labels are centred on the plot's edges: room for half of each
    # ("2025 (so far)" on the right; a version's date and commit on the left)
    # (5 pixels a cell covers half of a 16-px label: 4.8 a narrow character, 8 a wide one)
    first, last = (display_cells(x_labels[i]) if x_labels else 0 for i in (0, -1))
    options["margin_right"] = max(options["margin"], last * 5)
    options["margin_left"] = max(options["margin"], first * 5 - 40)  # the y labels' room
    if len(x_labels) > MAX_X_LABELS:  # every label would overlap: every n-th one is written
        options["x_labels_major_every"] = math.ceil(len(x_labels) / MAX_X_LABELS)
        options["show_minor_x_labels"] = False
    chart = pygal.Line(
        **options,
        logarithmic=logarithmic,
        include_x_axis=not logarithmic,  # a linear scale starts at 0
        y_title=_("{axis}, logarithmic scale").format(axis=y_title) if logarithmic else y_title,
        dots_size=4,
        x_label_rotation=0,
    )
    if logarithmic:
        ticks = _log_ticks([value for s in series for value in s.values if value > 0])
        chart.y_labels = ticks
        chart.range = (ticks[0], ticks[-1])
    else:
        _count_axis(chart, [value for s in series for value in s.values])
    chart.x_labels = list(x_labels)
    for item in series:
        values = [max(value, 1e-9) if logarithmic else value for value in item.values]
        chart.add(item.name, values)
    lines = "; ".join(
        f"{item.name}: "
        + ", ".join(
            f"{year} {_short(value)}" for year, value in zip(x_labels, item.values, strict=True)
        )
        for item in series
    )
    if logarithmic:
        description = _("Line chart on a logarithmic scale. {values}.").format(values=lines)
    else:
        description = _("Line chart. {values}.").format(values=lines)
    return finish(chart.render(is_unicode=True), title, description)


def bar_chart(title: str, counts: Mapping[str, float], *, x_title: str) -> str:
    """One horizontal bar per group, largest first as given, the rest summed as "others"."""
    import pygal

    items = list(counts.items())
    if len(items) > MAX_BARS:
        rest = sum(count for _, count in items[MAX_BARS - 1 :])
        others = len(items) - MAX_BARS + 1
        label = _n("{count} other", "{count} others", others).format(count=whole(others))
        items = [*items[: MAX_BARS - 1], (label, rest)]
    options = _common(title)
    options["height"] = 120 + 40 * max(len(items), 1)
    # the count goes in the label, where it stays legible however short its bar is
    # Translators: a bar's label and its count, as in "software-development (3)"
    labels = [  # bottom up
        _("{label} ({count})").format(label=label, count=whole(count))
        for label, count in reversed(items)
    ]
    # pygal puts the labels left of the bars in a margin it reckons at 0.6 em a character: room
    # for what wide (Japanese) characters take beyond that, so none is cut at the left edge
    options["margin_left"] = options["margin"] + _wide_room(labels, LABEL_SIZE)
    chart = pygal.HorizontalBar(
        **options, show_legend=False, x_title=x_title, show_minor_x_labels=False
    )
    chart.x_labels = labels
    chart.add(x_title, [count for _, count in reversed(items)])
    _count_axis(chart, [count for _, count in items])
    text = _("; ").join(f"{label}: {whole(count)}" for label, count in items)
    description = _("Bar chart. {values}.").format(values=text)
    return finish(chart.render(is_unicode=True), title, description)


def _count_axis(chart: Any, values: Sequence[float]) -> None:
    """Whole ticks on the value axis when every value is a whole number: pygal divides a small
    range into tenths (0.2, 0.4 … 1.2 residents), which no count can be."""
    finite = [value for value in values if math.isfinite(value)]
    if not finite or min(finite) < 0 or max(finite) > 1e18:
        return
    if any(value != int(value) for value in finite):
        return
    high = max(max(finite), 1)
    # at most about eight steps, each 1, 2 or 5 times a power of ten
    step = next(
        m * 10**power for power in range(20) for m in (1, 2, 5) if high / (m * 10**power) <= 8
    )
    top = math.ceil(high / step) * step
    chart.y_labels = [index * step for index in range(int(top / step) + 1)]
    # every tick is written: a bar chart, which hides pygal's "minor" labels, showed only 0
    chart.y_labels_major = chart.y_labels
    chart.range = (0, top)


def _log_ticks(values: Sequence[float]) -> list[float]:
    """1, 2 and 5 times the powers of ten from just below the smallest value to just above the
    largest: the labels of a logarithmic axis."""
    low, high = min(values), max(values)
    power = 10.0 ** math.floor(math.log10(low))
    ticks: list[float] = []
    while not ticks or ticks[-1] < high:
        ticks.extend(m * power for m in (1, 2, 5))
        power *= 10
    while len(ticks) > 2 and ticks[1] <= low:
        ticks.pop(0)
    while len(ticks) > 2 and ticks[-2] >= high:
        ticks.pop()
    return ticks


def _short(value: float) -> str:
    return whole(value) if abs(value) >= 100 else decimal(value)


def stacked(parts: Sequence[str], title: str) -> str:
    """Several charts one above the other in one standalone SVG file, for a slide."""
    width, height = 800, 420
    body = "".join(
        f'<svg x="0" y="{index * height}" width="{width}" height="{height}"' + part[len("<svg") :]
        for index, part in enumerate(parts)
    )
    total = height * len(parts)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{current()}" '
        f'viewBox="0 0 {width} {total}" '
        f'width="{width}" height="{total}" role="img" aria-label="{html.escape(title)}">'
        f'<title>{html.escape(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>'
        f"{body}</svg>\n"
    )


def figures_svg(figures: Sequence[Figure], title: str) -> str:
    """The figures one above the other as one SVG document (`--chart-file`, `-` included)."""
    return stacked([draw(figure, f"chart-{n}") for n, figure in enumerate(figures, 1)], title)


def write_figures(
    figures: Sequence[Figure], title: str, path: str, *, force: bool, reading: str | None
) -> None:
    """`uzit project --chart-file FILE.svg`: the figures one above the other in one SVG file,
    written as every command writes a file (`writing.write_text`: an existing one only with
    `force`, never the file being read), in UTF-8 whatever the locale. `-` is standard output,
    which the command writes itself."""
    if not path.lower().endswith(".svg"):
        raise UsageError(
            _(
                "--chart-file writes SVG: give a name ending in .svg (or - for standard "
                "output), not '{path}'"
            ).format(path=path)
        )
    write_text(Path(path), figures_svg(figures, title), force=force, reading=reading)
