"""What a command hands to the output layer: columns, rows of plain values, and a document.

Commands never format text themselves. They describe their result once, with machine values
(int, float, bool, date, str, tuples, year-keyed mappings, None), and every format is derived
from that description in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from uzit_cli.model import Kind

Audience = Literal["all", "people", "machines"]


class Format(str, Enum):
    """Output formats; `auto` is a table on a terminal and TSV in a pipe. Everything about a
    format is declared with its writer in `output/writers.py` (`FORMATS`)."""

    auto = "auto"
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"
    markdown = "markdown"
    html = "html"


@dataclass(frozen=True)
class Column:
    """One column: `key` in the rows and in machine output, `header` for people.

    `digits` is how many decimals a table shows for `number` columns; machine formats keep
    full precision. `audience` keeps a column to tables and Markdown ("people", e.g. a
    label) or to TSV, CSV and row-wise JSON ("machines", e.g. a field name). `short_header`
    replaces the header in a terminal table that is too wide for the terminal.

    How a table fits a width (see output/layout.py): `priority` ranks the columns a narrow
    table leaves out, the highest number first (1 or None: never left out); `cut` shortens a long
    value to one line ending in `…` instead of wrapping it, the highest priority number first;
    `whole` values (ids, URLs) are never wrapped, cut or broken at hyphens; `zero_is_empty`
    lets a count of 0 in every row leave the column out, as an empty one is.

    `note` is a line for people under the table (before its caption) that explains the
    column: a table that leaves the column out leaves its note out too.
    """

    key: str
    header: str
    kind: Kind = "text"
    digits: int = 0
    audience: Audience = "all"
    short_header: str | None = None
    priority: int | None = None
    cut: bool = False
    whole: bool = False
    zero_is_empty: bool = False
    note: str | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "number", "share")


class Series:
    """One line or one set of bars of a figure: a name and a value per label."""

    # Series and Figure are plain classes, as FieldSpec is: never compared, and a dataclass
    # compiles six methods at every start-up of every command.
    __slots__ = ("name", "values")

    def __init__(self, name: str, values: Sequence[float]) -> None:
        self.name, self.values = name, values

    def __repr__(self) -> str:
        return f"Series({self.name!r}, {self.values!r})"


class Figure:
    """A chart that goes with a view: the HTML page draws it as inline SVG above the view's
    table; the other formats leave it out (the table holds the same numbers).

    `kind` "bar" draws one horizontal bar per label (the first series only); "line" draws every
    series over the labels, on one scale. `axis` names the values' axis."""

    __slots__ = ("axis", "caption", "kind", "labels", "series", "title")

    def __init__(
        self,
        kind: Literal["bar", "line"],
        title: str,
        labels: Sequence[str],
        series: Sequence[Series],
        axis: str,
        caption: str | None = None,
    ) -> None:
        self.kind, self.title, self.labels, self.series = kind, title, labels, series
        self.axis, self.caption = axis, caption

    def __repr__(self) -> str:
        return f"Figure({self.kind!r}, {self.title!r})"


@dataclass(frozen=True)
class View:
    """A table: the rows of one result, in order. `rows` may be a one-shot iterator.

    `screen_limit` caps the rows a table shows on a terminal, so thousands of rows still give
    a prompt first screen; a footer then counts the rows left out and adds `more_hint` (how to
    see them). Files, pipes and every other format always get every row.

    `omit_absent` leaves keys whose value is None, an empty mapping or an empty list out of
    JSON, JSON Lines and YAML objects, so a record carries only the fields it has (and pastes
    back as a registry record). TSV and CSV keep their fixed columns, with empty cells.

    `asked` says the user chose the columns (`--columns`): a table keeps them all at any
    width, and says so when it leaves one out for being empty. A table whose columns do not fit
    its width prints one block of `label  value` lines per row instead; `blocks` makes it do
    so below layout.NARROW cells too, even when they would fit.
    """

    columns: Sequence[Column]
    rows: Iterable[Mapping[str, Any]]
    title: str | None = None
    caption: str | None = None
    screen_limit: int | None = None
    more_hint: str | None = None
    omit_absent: bool = False
    asked: bool = False
    blocks: bool = False
    # A last row for people (table and Markdown), under a rule: the sum of the rows above.
    # Machine formats leave it out, so their rows stay one kind of thing.
    total: Mapping[str, Any] | None = None
    # Charts the page draws above the table; every other format leaves them out.
    figures: Sequence[Figure] = ()

    def people_columns(self) -> list[Column]:
        """The columns of tables and Markdown: all but those for machines only."""
        return [column for column in self.columns if column.audience != "machines"]

    def machine_columns(self) -> list[Column]:
        """The columns of TSV, CSV, JSON and YAML: all but those for people only."""
        return [column for column in self.columns if column.audience != "people"]


@dataclass(frozen=True)
class Report:
    """A command's whole result.

    `views[0]` is the result for TSV and CSV (one table per stream); tables and Markdown show
    every view. `document` is what JSON, JSON Lines and YAML carry; when it is None they carry
    the rows of `views[0]`, one object per row. `notices` are lines for people only (for
    example that the data are illustrative): shown with tables and Markdown, never in machine
    formats.

    What a format has no room for is part of the report too, and the format's record
    (output/formats.py) decides where it goes: `explanation` (views that explain the result)
    follows the views in tables, Markdown and the page, goes to standard error as a table with
    TSV, CSV and JSON Lines, and is left to the document in JSON and YAML; `chart` (bars drawn
    in text) follows the views for people and goes to standard error for machines; `warnings`
    (what changes the meaning of the numbers) go to standard error with every format that shows
    no notices.
    """

    views: Sequence[View]
    document: Any = None
    notices: Sequence[str] = field(default_factory=tuple)
    # A byte order mark first (`--bom`, for Excel): the report is then UTF-8 in any format.
    bom: bool = False
    explanation: Sequence[View] = ()
    chart: object | None = None  # an output.bars.Chart (bars drawn in text)
    warnings: Sequence[str] = ()
