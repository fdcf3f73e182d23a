"""A registry as a SQLite database or an Excel workbook (issue 17): the pure core of `uzit export`.

SQLite uses only the standard library. The workbook needs openpyxl, imported inside
`write_workbook` only, so no other command pays for it.

Both carry which snapshot they hold (`as_of`, `illustrative`, the title and the uzit version):
the `meta` table, and the sheet "About". The workbook's sheet titles, its About sheet's notes
and its messages are in the reader's language (exchange/sheets.py); its column headers, like
SQLite's schema and `meta`, are the same machine keys in every language.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from uzit_cli.characters import display_cells
from uzit_cli.exchange.sheets import projection_sheet, sheet_title
from uzit_cli.language import ENGLISH, Np_, _, _p, current, english
from uzit_cli.model import (
    EMPTY_IS_A_VALUE,
    ILLUSTRATIVE_NOTICE,
    RESIDENT_FIELDS,
    ContextFigure,
    Kind,
    Registry,
    Resident,
    ResidentField,
    Source,
    Target,
    record_fields,
)
from uzit_cli.numbers import decimal, whole
from uzit_cli.problems import UzitError
from uzit_cli.projection import ProjectionOptions, project_scenarios
from uzit_cli.projection.results import YearRow
from uzit_cli.stats import check_published, summarize, summary_document
from uzit_cli.year_columns import YEAR_FIELDS, snapshot, year_columns, years_of

#: What each key of the About sheet means, for people: in another language than English the
#: sheet has a third column, `label`, with it (`uzit import` reads the keys and values only).
ABOUT_LABELS = {
    "schema": Np_("about", "Schema version"),
    "title": Np_("about", "Title"),
    "as_of": Np_("about", "Data as of"),
    "illustrative": Np_("about", "Illustrative data"),
    "notice": Np_("about", "Notice"),
    "uzit_version": Np_("about", "uzit version"),
    "projection": Np_("about", "Projection"),
}

_HEAD_TABLES = """\
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  publisher TEXT NOT NULL,
  url TEXT,
  published TEXT,
  note TEXT
);
"""
_TAIL_TABLES = """\
CREATE TABLE published (
  position INTEGER PRIMARY KEY,
  metric TEXT NOT NULL,
  year INTEGER,
  value INTEGER NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources (id),
  as_of TEXT
);
CREATE TABLE targets (
  position INTEGER PRIMARY KEY,
  metric TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources (id),
  factor REAL,
  by_year INTEGER,
  value INTEGER,
  year INTEGER,
  note TEXT
);
CREATE TABLE context (
  position INTEGER PRIMARY KEY,
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  as_of TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources (id),
  note TEXT
);
"""

#: The SQL type of a value, by the kind its field's declaration in model.py gives it.
SQL_TYPES: Mapping[Kind, str] = {
    "text": "TEXT",
    "date": "TEXT",  # ISO text
    "bool": "INTEGER",  # 0 or 1, checked
    "int": "INTEGER",
    "number": "REAL",
}


@dataclass(frozen=True)
class ChildTable:
    """Where a list-valued or year-keyed resident field goes in SQLite: a table of
    (resident_id, position, VALUE) rows, one per item of a list, or of (resident_id, year,
    VALUE) rows, one per year of a year-keyed field."""

    table: str
    value: str  # the name of the value column
    references: str | None = None  # what the value refers to, as `table (column)`


#: The child table of every list-valued or year-keyed resident field, by field name, in the
#: order the tables are created. Such a field without its line here cannot be exported (a test
#: in tests/test_fields.py says which); every other field is a column of `residents`.
CHILD_TABLES: Mapping[str, ChildTable] = {
    "sectors": ChildTable("resident_sectors", "sector"),
    "jobs_created": ChildTable("jobs_created", "jobs"),
    "export_revenue_usd": ChildTable("export_revenue_usd", "usd"),
    "export_markets": ChildTable("export_markets", "market"),
    "sources": ChildTable("resident_sources", "source_id", references="sources (id)"),
}
#: The kinds of field that go to a child table; the others are a column of `residents`.
CHILD_KINDS: tuple[Kind, ...] = ("list", "years")


def unplaced_fields() -> list[str]:
    """What keeps a declared resident field out of the database, one line per field: a list
    or year-keyed field without a child table, a value kind without an SQL type. Empty when
    every field has its place."""
    problems = []
    for field in RESIDENT_FIELDS:
        kind = field.spec.kind
        if kind in CHILD_KINDS and field.name not in CHILD_TABLES:
            problems.append(
                f"{field.name} ({kind}): no child table; declare one in export.CHILD_TABLES"
            )
        elif kind == "years" and field.name not in YEAR_FIELDS:
            problems.append(f"{field.name} (years): no `per_year` in its FieldSpec")
        elif kind not in CHILD_KINDS and kind not in SQL_TYPES:
            problems.append(f"{field.name} ({kind}): no SQL type; add one to export.SQL_TYPES")
    with_children = {field.name for field in RESIDENT_FIELDS if field.spec.kind in CHILD_KINDS}
    for name in CHILD_TABLES:
        if name not in with_children:
            problems.append(f"{name}: in export.CHILD_TABLES, but no list or year-keyed field")
    return problems


def _placed() -> tuple[list[ResidentField], list[tuple[ResidentField, ChildTable]]]:
    """The resident fields that are columns of `residents`, and those with a child table (in
    CHILD_TABLES's order); a field without its place is an error that names it."""
    problems = unplaced_fields()
    if problems:
        raise LookupError("resident fields without a place in SQLite: " + "; ".join(problems))
    by_name = {field.name: field for field in RESIDENT_FIELDS}
    columns = [field for field in RESIDENT_FIELDS if field.spec.kind not in CHILD_KINDS]
    return columns, [(by_name[name], child) for name, child in CHILD_TABLES.items()]


def _residents_table(columns: Sequence[ResidentField]) -> str:
    """`residents`: the id, the registry's order, then every scalar field in declared order."""
    lines = ["id TEXT PRIMARY KEY", "position INTEGER NOT NULL UNIQUE"]
    for field in columns:
        if field.name == "id":
            continue
        line = f"{field.name} {SQL_TYPES[field.spec.kind]}"
        if field.required:
            line += " NOT NULL"
        if field.spec.kind == "bool":
            line += f" CHECK ({field.name} IN (0, 1))"
        lines.append(line)
    return _create("residents", lines)


def _child_table(field: ResidentField, child: ChildTable) -> str:
    """(resident_id, year, VALUE) keyed by the year, or (resident_id, position, item) keyed by
    the item, so a list holds no repeats."""
    if field.spec.kind == "years":
        key, value_type, unique = "year", SQL_TYPES[YEAR_FIELDS[field.name][1]], "year"
    else:  # a list of text
        key, value_type, unique = "position", SQL_TYPES["text"], child.value
    refers = f" REFERENCES {child.references}" if child.references else ""
    return _create(
        child.table,
        [
            "resident_id TEXT NOT NULL REFERENCES residents (id)",
            f"{key} INTEGER NOT NULL",
            f"{child.value} {value_type} NOT NULL{refers}",
            f"PRIMARY KEY (resident_id, {unique})",
        ],
    )


def _create(table: str, lines: Sequence[str]) -> str:
    body = ",\n".join(f"  {line}" for line in lines)
    return f"CREATE TABLE {table} (\n{body}\n);\n"


def schema() -> str:
    """The database's tables: `residents` and its child tables follow the resident fields
    declared in model.py (see SQL_TYPES and CHILD_TABLES); the others are fixed."""
    columns, children = _placed()
    resident_tables = [_residents_table(columns)]
    resident_tables += [_child_table(field, child) for field, child in children]
    return _HEAD_TABLES + "".join(resident_tables) + _TAIL_TABLES


def meta_rows(registry: Registry) -> list[tuple[str, str]]:
    """The `meta` table and the sheet "About": key, value as text."""
    shot = snapshot(registry)
    rows = [
        ("schema", str(registry.schema)),
        ("title", shot["title"]),
        ("as_of", shot["as_of"]),
        ("illustrative", "true" if shot["illustrative"] else "false"),
    ]
    if registry.info.illustrative:
        rows.append(("notice", _(ILLUSTRATIVE_NOTICE)))
    rows.append(("uzit_version", shot["uzit_version"]))
    return rows


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def write_sqlite(registry: Registry, path: Path) -> list[str]:
    """The registry as normalised tables with primary and foreign keys (see `schema`); it
    has nothing to warn of (the list is empty, as `write_workbook`'s)."""
    path.unlink(missing_ok=True)  # sqlite3 would open the empty temporary file as a database
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(schema())
        with english():  # the database is for programs: the same text in every language
            _fill(connection, registry)
        connection.commit()
    finally:
        connection.close()
    return []


def _fill(db: sqlite3.Connection, registry: Registry) -> None:
    info = registry.info
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta_rows(registry))
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
        [(s.id, s.title, s.publisher, s.url, _iso(s.published), s.note) for s in info.sources],
    )
    _fill_residents(db, registry.residents)
    db.executemany(
        "INSERT INTO published VALUES (?, ?, ?, ?, ?, ?)",
        [
            (position, p.metric, p.year, p.value, p.source, _iso(p.as_of))
            for position, p in enumerate(info.published, 1)
        ],
    )
    db.executemany(
        "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (position, t.metric, t.source, t.factor, t.by, t.value, t.year, t.note)
            for position, t in enumerate(info.targets, 1)
        ],
    )
    db.executemany(
        "INSERT INTO context VALUES (?, ?, ?, ?, ?, ?)",
        [
            (position, c.metric, c.value, _iso(c.as_of), c.source, c.note)
            for position, c in enumerate(info.context, 1)
        ],
    )


def _fill_residents(db: sqlite3.Connection, residents: Sequence[Resident]) -> None:
    columns, children = _placed()
    scalars = [(field.name, field.spec.kind) for field in columns if field.name != "id"]
    names = ["id", "position", *(name for name, _ in scalars)]
    rows = (
        (r.id, position, *(_sql(getattr(r, name), kind) for name, kind in scalars))
        for position, r in enumerate(residents, 1)
    )
    marks = ", ".join("?" * len(names))
    db.executemany(f"INSERT INTO residents ({', '.join(names)}) VALUES ({marks})", rows)
    for field, child in children:
        key = "year" if field.spec.kind == "years" else "position"
        insert = f"INSERT INTO {child.table} (resident_id, {key}, {child.value}) VALUES (?, ?, ?)"
        db.executemany(insert, _child_rows(residents, field))


def _child_rows(residents: Sequence[Resident], field: ResidentField) -> Iterator[tuple[Any, ...]]:
    """(resident_id, year, value) for each year of a year-keyed field, (resident_id,
    position, item) for each item of a list."""
    name = field.name
    if field.spec.kind == "years":
        for r in residents:
            for year, amount in getattr(r, name).items():
                yield (r.id, year, amount)
    else:
        for r in residents:
            for position, item in enumerate(getattr(r, name) or (), 1):
                yield (r.id, position, item)


def _sql(value: Any, kind: Kind) -> Any:
    """A scalar field's value as SQLite stores it: dates as ISO text, booleans as 0 or 1."""
    if value is None:
        return None
    if kind == "date":
        return value.isoformat()
    if kind == "bool":
        return int(value)
    return value


# ---------------------------------------------------------------------------- the workbook

SOURCE_FIELDS = record_fields(Source)
#: `as_of` is the day the figure describes as the registry gives it (empty: its source's date)
PUBLISHED_FIELDS = ("metric", "year", "published", "computed", "matches", "source", "as_of")
TARGET_FIELDS = record_fields(Target)
CONTEXT_FIELDS = record_fields(ContextFigure)
PROJECTION_FIELDS = record_fields(YearRow)
# What openpyxl refuses in a cell (XML 1.0 cannot hold it): shown as \xNN instead.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What XML 1.0 cannot hold either, but openpyxl writes, making a file no program opens: the
# noncharacters U+FFFE and U+FFFF (YAML escapes can write them) and lone surrogates. Refused.
_UNWRITABLE = re.compile("[\ufffe\uffff\ud800-\udfff]")
#: The most characters a cell holds (Excel's limit; LibreOffice truncates beyond it).
MAX_CELL_LENGTH = 32_767
#: The first day Excel holds as a date cell: earlier days (and 1900's days before March,
#: which Excel counts from a 29 February 1900 that never was) are written as ISO text.
FIRST_DATE_CELL = dt.date(1900, 3, 1)
MAX_WIDTH = 60
#: Per-year columns in US dollars: their heading in the field's declaration says so.
_USD_PREFIXES = tuple(
    f"{prefix}_" for prefix, _, heading in YEAR_FIELDS.values() if "USD" in heading
)


class WorkbookWriteError(UzitError):
    """The registry holds a value no workbook can hold (the workbook is not written)."""


def number_format(header: str, value: Any) -> str | None:
    """How a number shows under a column (or beside a figure) of this name: shares as
    percentages, years without a thousands separator, US dollars as such, counts with one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if header.endswith("_share"):
        return "0.0%" if value >= 0.001 or value == 0 else "0.000%"
    if header in ("year", "by", "schema") or header.endswith("_year"):
        return "0"
    if header.startswith(_USD_PREFIXES):
        return '#,##0 "USD"'
    return "#,##0" if isinstance(value, int) else "#,##0.0"


def resident_columns(residents: Sequence[Resident]) -> list[str]:
    """The residents sheet's header: every field declared in model.py in the registry's order,
    a year-keyed field spread into one column per year with data (year_columns.YEAR_FIELDS)."""
    columns: list[str] = []
    for field in RESIDENT_FIELDS:
        if field.name in YEAR_FIELDS:
            columns.extend(year_columns(residents, field.name))
        else:
            columns.append(field.name)
    return columns


def resident_cells(resident: Resident, years: Mapping[str, Sequence[int]]) -> list[Any]:
    """One row of the residents sheet, cell for cell under `resident_columns`: lists joined by
    commas, a year-keyed field one cell per year of `years` (its years, by field name)."""
    cells: list[Any] = []
    for field in RESIDENT_FIELDS:
        value = getattr(resident, field.name)
        if field.name in YEAR_FIELDS:
            cells.extend(value.get(year) for year in years[field.name])
        elif field.spec.kind == "list":
            if not value:  # None, or empty: `[]` where that is a value (EMPTY_IS_A_VALUE)
                cells.append("[]" if value == () and field.name in EMPTY_IS_A_VALUE else None)
            else:
                cells.append(",".join(value))
        else:
            cells.append(value)
    return cells


Sheet = tuple[str, list[str], list[list[Any]]]


def sheets(registry: Registry) -> list[Sheet]:
    """Every sheet of the workbook as (name, header, rows) of plain values, in order."""
    return workbook_sheets(registry)[0]


def workbook_sheets(registry: Registry) -> tuple[list[Sheet], list[str]]:
    """Every sheet of the workbook by its English name (see `sheets`; `write_workbook` shows
    each under its title in the reader's language), and why it has no projection sheets
    when the projection cannot be computed (its numbers overflow): the About
    sheet says so too, as `projection`."""
    info = registry.info
    residents = registry.residents
    years = {field: years_of(residents, field) for field in YEAR_FIELDS}
    result: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "Residents",
            resident_columns(residents),
            [resident_cells(r, years) for r in residents],
        ),
        (
            "Sources",
            list(SOURCE_FIELDS),
            [[getattr(s, name) for name in SOURCE_FIELDS] for s in info.sources],
        ),
    ]
    checks = check_published(residents, info)
    figures: list[list[Any]] = []
    for key, value in summary_document(summarize(residents, info), checks).items():
        if isinstance(value, dict):
            figures.extend([[f"{key} {label}", item] for label, item in value.items()])
        elif key == "as_of":
            figures.append([key, info.as_of])
        elif not isinstance(value, list):
            figures.append([key, value])
    result.append(("Figures", ["figure", "value"], figures))
    result.append(
        (
            "Published",
            list(PUBLISHED_FIELDS),
            [
                [c.metric, c.year, c.published, c.computed, c.matches, c.source, figure.as_of]
                for c, figure in zip(checks, info.published, strict=True)
            ],
        )
    )
    result.append(
        (
            "Targets",
            list(TARGET_FIELDS),
            [[getattr(t, name) for name in TARGET_FIELDS] for t in info.targets],
        )
    )
    result.append(
        (
            "Context",
            list(CONTEXT_FIELDS),
            [[getattr(c, name) for name in CONTEXT_FIELDS] for c in info.context],
        )
    )
    left_out: list[str] = []
    try:
        projection = project_scenarios(registry, ProjectionOptions())
    except UzitError as error:  # numbers too large to project with: no scenario sheets
        left_out.append(_("no projection sheets: {reason}").format(reason=error))
    else:
        for scenario in projection.scenarios:
            rows = [[getattr(row, name) for name in PROJECTION_FIELDS] for row in scenario.years]
            result.append((projection_sheet(scenario.name), list(PROJECTION_FIELDS), rows))
    typed: dict[str, Any] = {"as_of": info.as_of, "illustrative": info.illustrative}
    about = [[key, typed.get(key, value)] for key, value in meta_rows(registry)]
    about.extend(["projection", reason] for reason in left_out)
    about_header = ["key", "value"]
    if current() != ENGLISH:  # the keys are English words: their meaning beside them
        about_header.append("label")
        for row in about:
            row.append(_p("about", ABOUT_LABELS[row[0]]) if row[0] in ABOUT_LABELS else None)
    result.append(("About", about_header, about))
    return result, left_out


def write_workbook(registry: Registry, path: Path) -> list[str]:
    """The registry as an .xlsx workbook: one sheet per table (see `sheets`), each with a
    frozen bold header row, an autofilter, column widths fitted to the contents in display
    cells, numbers formatted by their column, and pages that print landscape, as wide as the
    paper, with the header row on every page. A value no workbook can hold is refused.
    Returns why a projection sheet is missing, as the About sheet says it (see
    `workbook_sheets`), for the command to warn of."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    written, left_out = workbook_sheets(registry)
    for name, header, rows in written:
        for row in rows:
            _check_writable(name, header, row)
        sheet = workbook.create_sheet(sheet_title(name))
        widths = [_width(title) for title in header]
        for row in rows:
            for index, value in enumerate(row):
                widths[index] = max(widths[index], _width(value))
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_title_rows = "1:1"
        titles = []
        for title in header:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            titles.append(cell)
        sheet.append(titles)
        for row in rows:
            # a figure's format is its name's (the first cell); elsewhere its column's
            names = [str(row[0])] * len(row) if name == "Figures" else header
            sheet.append(
                [
                    _cell(sheet, value, WriteOnlyCell, number_format(title, value))
                    for title, value in zip(names, row, strict=True)
                ]
            )
    workbook.save(path)
    return left_out


def _check_writable(sheet: str, header: Sequence[str], row: Sequence[Any]) -> None:
    """Refuse a text no workbook can hold, naming the row (its first cell) and the column."""
    for title, value in zip(header, row, strict=True):
        if not isinstance(value, str):
            continue
        where = _("sheet {sheet}, {key} {value}, {column}").format(
            sheet=sheet_title(sheet), key=header[0], value=row[0], column=title
        )
        found = _UNWRITABLE.search(value)
        if found:
            raise WorkbookWriteError(
                _(
                    "cannot write a workbook: {where} holds the character {character}, which "
                    "no workbook can hold; export to .sqlite keeps it"
                ).format(where=where, character=f"U+{ord(found.group()):04X}")
            )
        length = len(value) + 3 * len(_ILLEGAL.findall(value))  # each shown as \\xNN
        if length > MAX_CELL_LENGTH:
            raise WorkbookWriteError(
                _(
                    "cannot write a workbook: {where} is {length} characters long; a workbook "
                    "cell holds at most {most}; export to .sqlite keeps it"
                ).format(where=where, length=whole(length), most=whole(MAX_CELL_LENGTH))
            )


def _width(value: Any) -> int:
    if type(value) is str and "\n" not in value:  # the common case first: every cell
        return display_cells(value)
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(decimal(value))
    if isinstance(value, int):
        return len(whole(value))
    return max((display_cells(line) for line in str(value).splitlines()), default=0)


def _cell(sheet: Any, value: Any, make: Any, number: str | None = None) -> Any:
    """A value as a cell: dates as dates (ISO text before FIRST_DATE_CELL), numbers in
    `number` format, and text always as text, never as a formula."""
    if value is None or type(value) is bool:
        return value
    if number is not None:
        cell = make(sheet, value=value)
        cell.number_format = number
        return cell
    if isinstance(value, dt.date):
        if value < FIRST_DATE_CELL:
            return value.isoformat()
        cell = make(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
        if value.startswith("="):  # openpyxl would store "=..." as a formula to run
            cell = make(sheet, value=value)
            cell.data_type = "s"
            return cell
    return value
