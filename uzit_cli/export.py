"""A registry as a SQLite database or an Excel workbook (issue 17): the pure core of `uzit export`.

SQLite uses only the standard library. The workbook needs openpyxl, imported inside
`write_workbook` only, so no other command pays for it.

Both carry which snapshot they hold (`as_of`, `illustrative`, the title and the uzit version):
the `meta` table, and the sheet "About".
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from uzit_cli.columns import RECORD_FIELDS
from uzit_cli.model import Registry, Resident
from uzit_cli.problems import UzitError
from uzit_cli.projection import ProjectionOptions, project_scenarios
from uzit_cli.stats import check_published, summarize, summary_document
from uzit_cli.tabular import snapshot, year_columns, years_of

ILLUSTRATIVE_NOTICE = (
    "Illustrative data: the company records are stand-ins that reproduce published "
    "aggregates, not real companies."
)

SCHEMA = """
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
CREATE TABLE residents (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_ja TEXT,
  joined TEXT NOT NULL,
  city TEXT NOT NULL,
  exports_to_japan INTEGER NOT NULL CHECK (exports_to_japan IN (0, 1)),
  headcount INTEGER,
  website TEXT,
  note TEXT
);
CREATE TABLE resident_sectors (
  resident_id TEXT NOT NULL REFERENCES residents (id),
  position INTEGER NOT NULL,
  sector TEXT NOT NULL,
  PRIMARY KEY (resident_id, sector)
);
CREATE TABLE jobs_created (
  resident_id TEXT NOT NULL REFERENCES residents (id),
  year INTEGER NOT NULL,
  jobs INTEGER NOT NULL,
  PRIMARY KEY (resident_id, year)
);
CREATE TABLE export_revenue_usd (
  resident_id TEXT NOT NULL REFERENCES residents (id),
  year INTEGER NOT NULL,
  usd REAL NOT NULL,
  PRIMARY KEY (resident_id, year)
);
CREATE TABLE export_markets (
  resident_id TEXT NOT NULL REFERENCES residents (id),
  position INTEGER NOT NULL,
  market TEXT NOT NULL,
  PRIMARY KEY (resident_id, market)
);
CREATE TABLE resident_sources (
  resident_id TEXT NOT NULL REFERENCES residents (id),
  position INTEGER NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources (id),
  PRIMARY KEY (resident_id, source_id)
);
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
"""

TABLES = (
    "meta",
    "sources",
    "residents",
    "resident_sectors",
    "jobs_created",
    "export_revenue_usd",
    "export_markets",
    "resident_sources",
    "published",
    "targets",
)


class ExportError(UzitError):
    """The export cannot be written (the file exists without --force, a bad directory, …)."""


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
        rows.append(("notice", ILLUSTRATIVE_NOTICE))
    rows.append(("uzit_version", shot["uzit_version"]))
    return rows


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


@contextmanager
def replacing(path: Path, *, force: bool) -> Iterator[Path]:
    """A temporary file beside `path` that becomes `path` when the block succeeds, so a
    failed export never leaves half a file; an existing `path` is replaced only if `force`."""
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; --force replaces it")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a file is not
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_sqlite(registry: Registry, path: Path) -> None:
    """The registry as normalised tables with primary and foreign keys (see SCHEMA)."""
    path.unlink(missing_ok=True)  # sqlite3 would open the empty temporary file as a database
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        _fill(connection, registry)
        connection.commit()
    finally:
        connection.close()


def _fill(db: sqlite3.Connection, registry: Registry) -> None:
    info = registry.info
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta_rows(registry))
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
        [(s.id, s.title, s.publisher, s.url, _iso(s.published), s.note) for s in info.sources],
    )
    residents = registry.residents
    db.executemany(
        "INSERT INTO residents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.id,
                position,
                r.name,
                r.name_ja,
                r.joined.isoformat(),
                r.city,
                int(r.exports_to_japan),
                r.headcount,
                r.website,
                r.note,
            )
            for position, r in enumerate(residents, 1)
        ],
    )

    def listed(field: Callable[[Resident], Sequence[str] | None]) -> Iterator[tuple[Any, ...]]:
        for r in residents:
            for position, item in enumerate(field(r) or (), 1):
                yield (r.id, position, item)

    db.executemany("INSERT INTO resident_sectors VALUES (?, ?, ?)", listed(lambda r: r.sectors))
    db.executemany(
        "INSERT INTO export_markets VALUES (?, ?, ?)", listed(lambda r: r.export_markets)
    )
    db.executemany("INSERT INTO resident_sources VALUES (?, ?, ?)", listed(lambda r: r.sources))
    db.executemany(
        "INSERT INTO jobs_created VALUES (?, ?, ?)",
        ((r.id, year, jobs) for r in residents for year, jobs in r.jobs_created.items()),
    )
    db.executemany(
        "INSERT INTO export_revenue_usd VALUES (?, ?, ?)",
        ((r.id, year, usd) for r in residents for year, usd in r.export_revenue_usd.items()),
    )
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


# ---------------------------------------------------------------------------- the workbook

#: The residents sheet: record fields in the registry's order (as model.Resident declares
#: them), a year-keyed field spread into one column per year (see `resident_columns`).
RESIDENT_FIELDS = RECORD_FIELDS
SOURCE_FIELDS = ("id", "title", "publisher", "url", "published", "note")
#: `as_of` is the day the figure describes as the registry gives it (empty: its source's date)
PUBLISHED_FIELDS = ("metric", "year", "published", "computed", "matches", "source", "as_of")
TARGET_FIELDS = ("metric", "source", "factor", "by", "value", "year", "note")
PROJECTION_FIELDS = (
    "year",
    "residents",
    "exporting_to_japan",
    "new_jobs",
    "cumulative_jobs",
    "japan_shortage_share",
)
# What openpyxl refuses in a cell (XML 1.0 cannot hold it): shown as \xNN instead.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_WIDTH = 60


def resident_columns(residents: Sequence[Resident]) -> list[str]:
    columns: list[str] = []
    for name in RESIDENT_FIELDS:
        if name in ("jobs_created", "export_revenue_usd"):
            columns.extend(year_columns(residents, name))
        else:
            columns.append(name)
    return columns


def resident_cells(resident: Resident, jobs: Sequence[int], revenue: Sequence[int]) -> list[Any]:
    """One row of the residents sheet: lists joined by commas, one cell per year."""

    def joined(items: Sequence[str] | None) -> str | None:
        return None if items is None else ",".join(items)

    return [
        resident.id,
        resident.name,
        resident.name_ja,
        resident.joined,
        resident.city,
        joined(resident.sectors),
        resident.exports_to_japan,
        joined(resident.export_markets),
        resident.headcount,
        *[resident.jobs_created.get(year) for year in jobs],
        *[resident.export_revenue_usd.get(year) for year in revenue],
        resident.website,
        joined(resident.sources),
        resident.note,
    ]


def sheets(registry: Registry) -> list[tuple[str, list[str], list[list[Any]]]]:
    """Every sheet of the workbook as (name, header, rows) of plain values, in order."""
    info = registry.info
    residents = registry.residents
    jobs, revenue = years_of(residents, "jobs_created"), years_of(residents, "export_revenue_usd")
    result: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "Residents",
            resident_columns(residents),
            [resident_cells(r, jobs, revenue) for r in residents],
        ),
        (
            "Sources",
            list(SOURCE_FIELDS),
            [[s.id, s.title, s.publisher, s.url, s.published, s.note] for s in info.sources],
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
            [[t.metric, t.source, t.factor, t.by, t.value, t.year, t.note] for t in info.targets],
        )
    )
    try:
        projection = project_scenarios(registry, ProjectionOptions())
    except UzitError:
        projection = None  # a registry too small to project: no scenario sheets
    for scenario in projection.scenarios if projection else ():
        rows = [[getattr(row, name) for name in PROJECTION_FIELDS] for row in scenario.years]
        result.append((f"Projection {scenario.name}"[:31], list(PROJECTION_FIELDS), rows))
    typed: dict[str, Any] = {"as_of": info.as_of, "illustrative": info.illustrative}
    about = [[key, typed.get(key, value)] for key, value in meta_rows(registry)]
    result.append(("About", ["key", "value"], about))
    return result


def write_workbook(registry: Registry, path: Path) -> None:
    """The registry as an .xlsx workbook: one sheet per table (see `sheets`), each with a
    frozen bold header row, an autofilter and column widths fitted to the contents."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, header, rows in sheets(registry):
        sheet = workbook.create_sheet(name)
        widths = [len(title) for title in header]
        for row in rows:
            for index, value in enumerate(row):
                widths[index] = max(widths[index], _width(value))
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
        titles = []
        for title in header:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            titles.append(cell)
        sheet.append(titles)
        for row in rows:
            sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])
    workbook.save(path)


def _width(value: Any) -> int:
    if type(value) is str and "\n" not in value:  # the common case first: every cell
        return len(value)
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.6g}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _cell(sheet: Any, value: Any, make: Any) -> Any:
    """A value as a cell: dates as dates, and text always as text, never as a formula."""
    if value is None or type(value) in (int, bool):
        return value
    if isinstance(value, dt.date):
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
