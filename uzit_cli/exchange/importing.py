"""A workbook written by `uzit export` (and edited in a spreadsheet) read back as registry YAML.

The pure core of `uzit import` (issue 17, point 5). The sheets Residents, Sources,
Published, Targets and About are read by their header names; the other sheets (figures
and projections) are computed, so they are ignored. The YAML is validated by the same
loader as every registry before anything is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from uzit_cli import language
from uzit_cli.exchange.sheets import find_sheets
from uzit_cli.language import N_, Phrase, _, _p
from uzit_cli.model import RESIDENT_FIELDS, Kind, Registry
from uzit_cli.problems import (
    MISSING_KEY,
    Joined,
    Later,
    Problem,
    RegistryError,
    Text,
    UzitError,
    printable,
)
from uzit_cli.registry import parse_registry
from uzit_cli.registry.yaml_problems import MAX_RESIDENTS
from uzit_cli.words import system_error
from uzit_cli.year_columns import YEAR_FIELDS, year_column

RESIDENT_ORDER = tuple(f.name for f in RESIDENT_FIELDS)
REQUIRED_SHEETS = ("Residents", "Sources", "About")
READ_SHEETS = ("Residents", "Sources", "Published", "Targets", "Context", "About")
#: Rows read from one sheet at most (with its header): a registry holds no more residents.
MAX_ROWS = MAX_RESIDENTS + 1


class WorkbookError(UzitError):
    """The workbook cannot be read as a registry (not a workbook, a sheet or column missing)."""


@dataclass(frozen=True)
class Row:
    """One row of a sheet: its number as the spreadsheet shows it, and its cells by header."""

    number: int
    cells: dict[str, Any]


@dataclass
class Table:
    """A sheet read by its header row: the headers in column order, and the rows with data."""

    sheet: str | None  # None: a CSV or TSV file, which has no sheets
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    file: str = ""  # the name of its file (a workbook's, for a sheet)

    def cell(self, row: Row, header: str) -> str:
        """`Residents!J5` in a workbook, `row 5, column 'Date joined'` in a CSV file."""
        if self.sheet is None:
            return _("row {row}, column '{header}'").format(row=row.number, header=header)
        from openpyxl.utils import get_column_letter

        return f"{self.sheet}!{get_column_letter(self.headers.index(header) + 1)}{row.number}"

    @property
    def name(self) -> str:
        """What a message about the whole table names first: its file, then its sheet."""
        if self.sheet is None:
            return self.file
        if not self.file:
            return _("sheet {sheet}").format(sheet=self.sheet)
        return _("{file}, sheet {sheet}").format(file=self.file, sheet=self.sheet)


@dataclass
class Imported:
    """What a workbook holds: the registry document, where each of its values came from (key
    path -> table, row, header), and the columns that were left out, for the user to see."""

    document: dict[str, Any]
    places: dict[str, Place] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    #: What a cell reader found wrong, by key path: said instead of the loader's words
    unreadable: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where a value of the document came from: a row, the header of its cell (None: the row
    as a whole), and what the row is (`resident example-sakura-systems`)."""

    table: Table
    row: Row
    header: str | None
    label: str
    kind: str = "resident"  # resident, source, published, target or context

    def __str__(self) -> str:
        if self.header is None:
            if self.table.sheet is None:
                return _("row {row} ({label})").format(row=self.row.number, label=self.label)
            return _("{sheet} row {row} ({label})").format(
                sheet=self.table.sheet, row=self.row.number, label=self.label
            )
        if self.table.sheet is None:  # the header is in the place already
            return f"{self.table.cell(self.row, self.header)} ({self.label})"
        return f"{self.table.cell(self.row, self.header)} ({self.header}, {self.label})"

    @property
    def value(self) -> Any:
        return None if self.header is None else self.row.cells.get(self.header)


def read_workbook(path: Path) -> dict[str, Any]:
    """The registry document (plain dicts, lists, dates and numbers) held by the workbook."""
    return import_workbook(path).document


def import_workbook(path: Path, mapping: Mapping[str, str] | None = None) -> Imported:
    """The workbook's registry document, with where each value came from; `mapping` names
    the field of a Residents column that is not named as one (`--map`)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise WorkbookError(_("cannot read {file}: no such file").format(file=path)) from None
    except InvalidFileException:  # openpyxl's own words name Excel's formats, not uzit's
        raise WorkbookError(
            _(
                "cannot read {file}: `uzit import` reads the .xlsx workbooks `uzit export` writes"
            ).format(file=path)
        ) from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        # SyntaxError: the XML parsers' ParseError, for a part that is not well-formed XML
        raise WorkbookError(_XLSX_ERROR.format(file=path, reason=error)) from None
    try:
        present = find_sheets(workbook.sheetnames, lambda title: _first_row(workbook[title]))
        missing = [name for name in REQUIRED_SHEETS if name not in present]
        if missing:
            raise WorkbookError(
                _("{file} has no sheet {sheets}; `uzit export FILE.xlsx` writes one").format(
                    file=path, sheets=", ".join(missing)
                )
            )
        tables = {
            name: _table(present[name], workbook[present[name]], path.name)
            for name in READ_SHEETS
            if name in present
        }
    except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise WorkbookError(_XLSX_ERROR.format(file=path, reason=error)) from None
    finally:
        workbook.close()
    return registry_document(tables, mapping)


def is_uzit_workbook(path: Path) -> bool:
    """Whether an .xlsx file has the sheets `uzit export` writes (else: a sheet of residents)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # read_workbook says what is wrong with it
        return True
    try:
        present = find_sheets(workbook.sheetnames, lambda title: _first_row(workbook[title]))
        return all(name in present for name in REQUIRED_SHEETS)
    finally:
        workbook.close()


def _first_row(worksheet: Any) -> tuple[object, ...]:
    """A sheet's header row (by which a sheet whose title is unknown is found)."""
    worksheet.reset_dimensions()
    return next(worksheet.iter_rows(max_row=1, values_only=True), ())


def _table(sheet: str, worksheet: Any, file: str) -> Table:
    """A sheet's header row and its rows with data, read within bounds: the columns under a
    header, and MAX_ROWS rows; the sheet's declared size (`A1:XFD1048576` from some
    programs) is not trusted, as openpyxl would pad every row to it."""
    worksheet.reset_dimensions()
    header = next(worksheet.iter_rows(max_row=1, values_only=True), ())
    names = [_header(value) for value in header]
    while names and not names[-1]:
        names.pop()
    table = Table(sheet, names, file=file)
    rows = worksheet.iter_rows(
        min_row=2, max_row=MAX_ROWS + 1, max_col=max(len(names), 1), values_only=True
    )
    for number, values in enumerate(rows, 2):
        if number > MAX_ROWS:
            raise WorkbookError(
                _("{file}: more than {count} rows").format(
                    file=table.name, count=f"{MAX_ROWS - 1:,}"
                )
            )
        cells = [_plain(value) for value in values[: len(names)]]
        if all(value is None or value == "" for value in cells):
            continue
        record = {}
        for name, value in zip(names, cells, strict=False):  # rows may be short
            if name:
                record[name] = None if value == "" else value
            elif value not in (None, ""):
                raise WorkbookError(
                    _("{table}: a value in a column without a header").format(table=table.name)
                )
        table.rows.append(Row(number, record))
    return table


def _header(value: Any) -> str:
    return "" if value is None else str(_plain(value)).strip()


def _plain(value: Any) -> Any:
    """A cell as a value YAML holds: a time or a duration (a cell formatted as one) as text,
    so that the loader reports it where a date or a number belongs."""
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    return value


def registry_document(
    tables: Mapping[str, Table], mapping: Mapping[str, str] | None = None
) -> Imported:
    """The registry document the sheets hold, with the place of each value."""
    about_table = tables.get("About")
    about = {str(r.cells.get("key")): r.cells.get("value") for r in _rows(about_table)}
    info: dict[str, Any] = {
        "title": _text(about.get("title")),
        "as_of": _date(about.get("as_of")),
    }
    if _bool(about.get("illustrative")):
        info["illustrative"] = True
    imported = Imported({})
    info["sources"] = _sheet_records(imported, tables, "Sources")
    for sheet, key in (("Published", "published"), ("Targets", "targets"), ("Context", "context")):
        records = _sheet_records(imported, tables, sheet)
        if records:
            info[key] = records
    schema = _whole(about.get("schema"))
    residents = []
    table = tables.get("Residents")
    if table is not None:
        residents = read_residents(imported, table, mapping)
    imported.document = {
        "schema": 1 if schema is None else schema,
        "registry": info,
        "residents": residents,
    }
    return imported


def read_residents(
    imported: Imported, table: Table, mapping: Mapping[str, str] | None = None, first: int = 0
) -> list[dict[str, Any]]:
    """The table's rows as resident records, with their places in `imported` (key paths from
    `residents[first]` on)."""
    columns = resident_columns(table, imported.ignored, mapping)
    residents = []
    for index, row in enumerate(table.rows, first):
        unreadable: dict[str, str] = {}
        record, origins = read_resident(row.cells, columns, unreadable)
        residents.append(record)
        label = _("resident {id}").format(id=record.get("id", record.get("name", _("(no id)"))))
        imported.places[f"residents[{index}]"] = Place(table, row, None, label)
        for key, header in origins.items():
            imported.places[f"residents[{index}].{key}"] = Place(table, row, header, label)
        for key, message in unreadable.items():
            imported.unreadable[f"residents[{index}].{key}"] = message
    return residents


def _rows(table: Table | None) -> list[Row]:
    return [] if table is None else table.rows


def normal_header(text: str) -> str:
    """A column header as it is matched: case, spaces and `-`, `/`, `.` ignored
    (`City / Region` is `city_region`, `jobs 2024` is `jobs_2024`)."""
    return re.sub(r"[\s\-/.]+", "_", text.strip().casefold()).strip("_")


#: Other headers a column of a resident field may have in a sheet, matched as normal_header
#: matches them; the field's own name and its per-year columns (`jobs_2024`) need no line.
ALIASES: Mapping[str, tuple[str, ...]] = {
    "id": ("resident_id", "slug"),
    "name": ("company", "company_name", "name_en", "english_name", "会社名", "企業名"),
    "name_ja": ("japanese_name", "name_japanese", "日本語名", "会社名_日本語"),
    "joined": ("date_joined", "joined_on", "registered", "registration_date", "入居日"),
    "city": ("city_region", "region", "location", "所在地"),
    "sectors": ("sector", "industry", "業種"),
    "exports_to_japan": ("exports_japan", "exporting_to_japan", "exports_to_jp"),
    "export_markets": ("markets",),
    "headcount": ("employees", "staff", "従業員数"),
    "website": ("url", "homepage", "web"),
    "sources": ("source",),
    "note": ("notes",),
}
_FIELD_OF_HEADER: dict[str, str] = {
    **{normal_header(alias): name for name, aliases in ALIASES.items() for alias in aliases},
    **{name: name for name in RESIDENT_ORDER},
}


def resident_column(header: str) -> str | None:
    """The field (or `jobs_2024`-style per-year column) a header names, or None: its name,
    an alias, or its label in any language uzit speaks (`都市`, `Город`, as uzit's own tables
    head the column)."""
    normal = normal_header(header)
    if year_column(normal) is not None:
        return normal
    return _FIELD_OF_HEADER.get(normal) or _labelled_fields().get(normal)


@functools.cache
def _labelled_fields() -> dict[str, str]:
    """Each resident field's label and short label, as matched, in every language -> field."""
    found: dict[str, str] = {}
    with language.kept():
        for code in language.available():
            language.use(code)
            for spec_field in RESIDENT_FIELDS:
                spec = spec_field.spec
                for label in (spec.label, spec.short_label):
                    if label and "{" not in label:
                        found.setdefault(normal_header(_p("field", label)), spec_field.name)
    return found


def resident_columns(
    table: Table, ignored: list[str], mapping: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Header -> field (or per-year column) of the resident sheet's columns that name one,
    `mapping` (header -> field, as `--map` gives it) first; a header close to a field's name
    is refused with that name, any other is ignored (and said so in `ignored`)."""
    mapped = {normal_header(header): name for header, name in (mapping or {}).items()}
    for header in mapping or {}:
        if normal_header(header) not in map(normal_header, table.headers):
            raise WorkbookError(
                _("{table}: no column '{header}' to map; its columns are {columns}").format(
                    table=table.name,
                    header=header,
                    columns=", ".join(f"'{name}'" for name in table.headers if name),
                )
            )
    columns: dict[str, str] = {}
    for header in table.headers:
        if not header:
            continue
        name = mapped.get(normal_header(header)) or resident_column(header)
        if name is None:
            known = [*RESIDENT_ORDER, *(f"{prefix}_YYYY" for prefix, _, _ in YEAR_FIELDS.values())]
            close = difflib.get_close_matches(normal_header(header), known, n=1, cutoff=0.7)
            if close:
                raise WorkbookError(
                    _("{table}: unknown column '{header}'; did you mean '{close}'?").format(
                        table=table.name, header=header, close=close[0]
                    )
                )
            ignored.append(
                _("{table}: column '{header}' is not a resident field").format(
                    table=table.name, header=header
                )
            )
            continue
        if name in columns.values():
            raise WorkbookError(
                _("{table}: two columns for {field}").format(table=table.name, field=name)
            )
        columns[header] = name
    return columns


def resident_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row of the Residents sheet, keyed by uzit's own headers, as a registry record."""
    return read_resident(row)[0]


def read_resident(
    row: Mapping[str, Any],
    columns: Mapping[str, str] | None = None,
    unreadable: dict[str, str] | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """One row of a resident sheet as a registry record, fields in the format's order, and
    the header each key (`joined`, `jobs_created.2024`) was read from."""
    if columns is None:
        columns = {name: name for name in row}
    fields: dict[str, Any] = {}
    origins: dict[str, str] = {}
    years: dict[str, dict[int, Any]] = {field: {} for field in YEAR_FIELDS}
    for header, value in row.items():
        name = columns.get(header)
        if name is None:
            continue
        per_year = year_column(name)
        if per_year is not None:
            field_name, year = per_year
            origins[f"{field_name}.{year}"] = header
            origins.setdefault(field_name, header)
            if value is not None:
                reader = _CELL[YEAR_FIELDS[field_name][1]]
                key = f"{field_name}.{year}"
                years[field_name][year] = _read(reader, value, key, unreadable)
        elif name in _KINDS:
            fields[name] = _read(_CELL[_KINDS[name]], value, name, unreadable)
            origins[name] = header
    fields.update({field: values for field, values in years.items() if values})
    record = {name: fields[name] for name in RESIDENT_ORDER if fields.get(name) is not None}
    return record, origins


def _read(
    reader: Callable[[Any], Any], value: Any, key: str, unreadable: dict[str, str] | None
) -> Any:
    """The cell read; one it cannot read kept as text, with why in `unreadable[key]`."""
    try:
        return reader(value)
    except CellError as error:
        if unreadable is not None:
            unreadable[key] = str(error)
        return str(value)


def _sheet_records(
    imported: Imported, tables: Mapping[str, Table], sheet: str
) -> list[dict[str, Any]]:
    """The rows of a header sheet as records, each key read from its column (_SHEET_KEYS)."""
    keys = _SHEET_KEYS[sheet]
    table = tables.get(sheet)
    records = []
    for index, row in enumerate(_rows(table)):
        assert table is not None
        record = {key: read(row.cells.get(column)) for key, (column, read) in keys.items()}
        records.append(_present(record))
        where = f"registry.{sheet.lower()}[{index}]"
        label = _(_SHEET_LABELS[sheet]).format(id=record.get("id") or record.get("metric"))
        kind = sheet.lower().rstrip("s")
        imported.places[where] = Place(table, row, None, label, kind)
        for key, (column, _read) in keys.items():
            if column in table.headers:
                imported.places[f"{where}.{key}"] = Place(table, row, column, label, kind)
    return records


def _present(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


def _text(value: Any) -> Any:
    """Text as it is; a number a spreadsheet made of an id or a name back to text."""
    if value is None or isinstance(value, (str, bool, dt.date)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _list(value: Any) -> list[str] | None:
    """Comma-separated items; `[]`, an empty list (see model.EMPTY_IS_A_VALUE)."""
    if value is None:
        return None
    if str(value).strip() == "[]":
        return []
    return [item.strip() for item in re.split("[,;]", str(value)) if item.strip()]


#: How a header sheet's row is named in messages ("source x"), by sheet.
_SHEET_LABELS = {
    "Sources": N_("source {id}"),
    "Published": N_("published figure {id}"),
    "Targets": N_("target {id}"),
    "Context": N_("context figure {id}"),
}
_XLSX_ERROR = N_("cannot read {file} as an .xlsx workbook: {reason}")
_WRITTEN_DATE = N_("a date written YYYY-MM-DD")

#: A required cell left empty, by the kind of row ("every resident needs a city").
_EMPTY_CELL = {
    "resident": N_("{cell}: empty, but every resident needs a {key}"),
    "source": N_("{cell}: empty, but every source needs a {key}"),
    "published": N_("{cell}: empty, but every published figure needs a {key}"),
    "target": N_("{cell}: empty, but every target needs a {key}"),
    "context": N_("{cell}: empty, but every context figure needs a {key}"),
}
#: Several required cells left empty, by the kind of row.
_NO_CELLS = {
    "resident": N_("{place}: no {keys}, which every resident needs"),
    "source": N_("{place}: no {keys}, which every source needs"),
    "published": N_("{place}: no {keys}, which every published figure needs"),
    "target": N_("{place}: no {keys}, which every target needs"),
    "context": N_("{place}: no {keys}, which every context figure needs"),
}


class CellError(ValueError):
    """A cell that cannot be read as its field's value, in words that say why."""


#: Day 0 of Excel's serial dates; its serials count 1900 as a leap year (day 60 is 29 February
#: 1900), so days from 61 on are this plus the serial.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Serials read as dates: from 1927-05-18 (a number below is a year or a slip, not a day).
_SERIALS = range(10_000, 2_958_466)
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DOTTED_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")


def _date(value: Any) -> Any:
    """A date cell as a date, and the forms spreadsheets write: an Excel serial (45716),
    2025-02-28, 2025/02/28, 28.02.2025, and 28/02/2025 or 02/28/2025 where only one reading
    is a day (02/03/2025 is refused as ambiguous, CellError). Anything else is left for the
    loader to report."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value)
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.isdigit():
        return _serial(int(text)) if int(text) in _SERIALS else value
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(text)  # 2025-02-28 00:00:00, as pandas writes
    except ValueError:
        pass
    else:
        return moment.date() if moment.time() == dt.time() else value
    for pattern, order in ((_YMD, "ymd"), (_DOTTED_DMY, "dmy")):
        match = pattern.fullmatch(text)
        if match:
            numbers = dict(zip(order, map(int, match.groups()), strict=True))
            return _day(numbers["y"], numbers["m"], numbers["d"], text)
    match = _SLASHED.fullmatch(text)
    if match:
        first, second, year = map(int, match.groups())
        if first > 12 or first == second:
            return _day(year, second, first, text)
        if second > 12:
            return _day(year, first, second, text)
        one, other = dt.date(year, second, first), dt.date(year, first, second)
        raise CellError(
            _(
                "the date '{text}' is ambiguous: {one} or {other}? write it {one_iso} or "
                "{other_iso}"
            ).format(
                text=text,
                one=_day_words(one),
                other=_day_words(other),
                one_iso=one.isoformat(),
                other_iso=other.isoformat(),
            )
        )
    return value


def _serial(number: float) -> Any:
    if number not in _SERIALS or not float(number).is_integer():
        return number
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(_("'{text}' is no day of the calendar").format(text=text)) from None


def _day_words(day: dt.date) -> str:
    """`2 March 2025`, in the reader's language (a month's name takes another form in a date
    than alone, in Russian: one message for each month)."""
    return _(_DAYS_OF[day.month - 1]).format(day=day.day, year=day.year)


_DAYS_OF = (
    N_("{day} January {year}"),
    N_("{day} February {year}"),
    N_("{day} March {year}"),
    N_("{day} April {year}"),
    N_("{day} May {year}"),
    N_("{day} June {year}"),
    N_("{day} July {year}"),
    N_("{day} August {year}"),
    N_("{day} September {year}"),
    N_("{day} October {year}"),
    N_("{day} November {year}"),
    N_("{day} December {year}"),
)


def _bool(value: Any) -> Any:
    """TRUE/FALSE (any case), yes/no, 1/0."""
    if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return _BOOLEANS[value.strip().lower()]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


_BOOLEANS = {"true": True, "false": False, "yes": True, "no": False}


def _whole(value: Any) -> Any:
    """An integral number as an int (a spreadsheet may store 18 as 18.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if _GROUPED.fullmatch(text):  # 1,200 or 1 200, as a spreadsheet shows thousands
            text = re.sub("[, \u00a0\u202f]", "", text)
        if text.lstrip("-").isdigit():
            return int(text)
    return value


_GROUPED = re.compile("-?\\d{1,3}([, \u00a0\u202f]\\d{3})+")


def _number(value: Any) -> Any:
    whole = _whole(value)
    if isinstance(whole, str):
        try:
            return float(whole)
        except ValueError:
            return whole
    return whole


class _Dumper(yaml.SafeDumper):
    """Lists of values and year maps on one line (`sectors: [bpo]`, `{2024: 18}`), records as
    blocks."""

    def represent_list(self, data: Any) -> yaml.SequenceNode:
        flow = all(not isinstance(item, (list, dict)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    def represent_dict(self, data: Any) -> yaml.MappingNode:
        flow = bool(data) and all(isinstance(key, int) for key in data)
        return self.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


_Dumper.add_representer(list, _Dumper.represent_list)
_Dumper.add_representer(dict, _Dumper.represent_dict)


def registry_yaml(document: Mapping[str, Any], source: str) -> str:
    """The document as registry YAML, with a comment that says where it came from (in the
    reader's language, as `uzit init` writes its comments), in the layout `uzit fmt` writes
    (lists of values and year maps on one line, as the bundled registry has them)."""
    from uzit_cli.editing.layout import formatted

    comment = _("Imported by `uzit import` from {source}.\nFormat: {reference}").format(
        source=source, reference="docs/registry-format.md"
    )
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    return formatted(head + _dumped(document))


def _dumped(document: Mapping[str, Any]) -> str:
    """The document as YAML the loader reads (not yet in `uzit fmt`'s layout)."""
    return yaml.dump(dict(document), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def checked(text: str, shown: str, imported: Imported | None = None) -> Registry:
    """Validate the YAML as the loader does; RegistryError lists every problem. With
    `imported`, each problem names the workbook (`shown`), the cell, the row's resident and
    the column header instead of a line of a YAML text that exists nowhere."""
    try:
        return parse_registry(text.encode("utf-8"), shown)
    except RegistryError as error:
        if imported is None:
            raise
        problems = [
            CellProblem(shown, number, 1, Later(_in_cells, problem, imported), code=problem.code)
            for number, problem in enumerate(error.problems, 1)
        ]
        raise RegistryError(problems) from None


_LAST_STEP = re.compile(r"(\.[^.\[]+|\[\d+\])$")


class CellProblem(Problem):
    """A problem of an imported workbook: `FILE: Residents!J5 (jobs_2024, resident x): ...`."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _in_cells(problem: Problem, imported: Imported) -> str:
    """The problem's message told of the cell its value came from (in the language in use: a
    field's name starts a message in every language)."""
    message = printable(str(_date_cells(problem.text)))
    path = problem.key_path or ""
    while path and path not in imported.places:
        shorter = _LAST_STEP.sub("", path)
        if shorter == path:
            break
        path = shorter
    place = imported.places.get(path)
    if place is None:
        return message
    if path in imported.unreadable:
        return f"{place}: {imported.unreadable[path]}"
    if place.header is not None:
        message = re.sub(r"^[\w.]+: ", "", message)  # the field: the header says it
    elif problem.code == MISSING_KEY and isinstance(problem.text, Phrase):
        keys = re.findall(r"'(\w+)'", str(problem.text.values.get("keys", "")))
        cells = {key: imported.places.get(f"{path}.{key}") for key in keys}
        what = place.kind
        only = cells[keys[0]] if len(keys) == 1 else None
        if only is not None:
            return _(_EMPTY_CELL[what]).format(cell=only, key=keys[0])
        named = [
            key
            if cell is None
            else _("{key} ({cell} is empty)").format(
                key=key, cell=cell.table.cell(cell.row, cell.header or key)
            )
            for key, cell in cells.items()
        ]
        return _(_NO_CELLS[what]).format(place=place, keys=", ".join(named))
    return _("{place}: {message}").format(place=place, message=message)


def _date_cells(text: Text) -> Text:
    """The message with "a date written YYYY-MM-DD" said of cells, which may hold dates."""
    if isinstance(text, Joined):
        return Joined(*(_date_cells(part) for part in text.values["parts"]))
    if isinstance(text, Later) or not isinstance(text, Phrase):
        return text
    if text.message == _WRITTEN_DATE:
        return Phrase(N_("a date (a date cell, or YYYY-MM-DD text)"))
    return Phrase(text.message, **{name: _date_cells(v) for name, v in text.values.items()})


#: How a cell is read back, by the kind each field's declaration in model.py gives it.
_CELL: dict[Kind, Callable[[Any], Any]] = {
    "text": _text,
    "list": _list,
    "date": _date,
    "bool": _bool,
    "int": _whole,
    "number": _number,
}
_KINDS: dict[str, Kind] = {f.name: f.spec.kind for f in RESIDENT_FIELDS if f.spec.kind in _CELL}

#: Each header sheet's record keys, in the format's order, with the column and the reader of
#: each (a published figure's `value` is the sheet's `published`, beside what uzit computed).
_SHEET_KEYS: dict[str, dict[str, tuple[str, Callable[[Any], Any]]]] = {
    "Sources": {
        "id": ("id", _text),
        "title": ("title", _text),
        "publisher": ("publisher", _text),
        "url": ("url", _text),
        "published": ("published", _date),
        "note": ("note", _text),
    },
    "Published": {
        "metric": ("metric", _text),
        "year": ("year", _whole),
        "value": ("published", _whole),
        "source": ("source", _text),
        "as_of": ("as_of", _date),
    },
    "Targets": {
        "metric": ("metric", _text),
        "factor": ("factor", _number),
        "by": ("by", _whole),
        "value": ("value", _whole),
        "year": ("year", _whole),
        "source": ("source", _text),
        "note": ("note", _text),
    },
    "Context": {
        "metric": ("metric", _text),
        "value": ("value", _whole),
        "as_of": ("as_of", _date),
        "source": ("source", _text),
        "note": ("note", _text),
    },
}


# ------------------------------------------------------------------- any sheet of residents

#: What `uzit import` reads as a table of residents (besides uzit's own workbook).
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


def read_table(path: Path) -> Table:
    """A table of residents from a CSV or TSV file (UTF-8, with or without a byte-order mark;
    the delimiter found from the text) or from an .xlsx workbook (its sheet `Residents`, else
    its first sheet)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook_table(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WorkbookError(_("cannot read {file}: no such file").format(file=path)) from None
    except OSError as error:
        message = _("cannot read {file}: {reason}").format(file=path, reason=system_error(error))
        raise WorkbookError(message) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkbookError(
            _(
                "cannot read {file}: byte {offset} is not UTF-8; save it as UTF-8 (Excel: CSV "
                "UTF-8)"
            ).format(file=path, offset=error.start + 1)
        ) from None
    return _csv_table(text, path)


def _csv_table(text: str, path: Path) -> Table:
    import csv

    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:10_000], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    names = [name.strip() for name in next(reader, [])]
    table = Table(None, names, file=path.name)
    for number, values in enumerate(reader, 2):
        if number > MAX_ROWS:
            raise WorkbookError(
                _("{file}: more than {count} rows").format(
                    file=path.name, count=f"{MAX_ROWS - 1:,}"
                )
            )
        if all(not value.strip() for value in values):
            continue
        if len(values) > len(names) and any(value.strip() for value in values[len(names) :]):
            raise WorkbookError(
                _("{file}: row {row} has more cells than the header").format(
                    file=path.name, row=number
                )
            )
        cells = {
            name: value.strip() or None for name, value in zip(names, values, strict=False) if name
        }
        table.rows.append(Row(number, cells))
    return table


def _workbook_table(path: Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise WorkbookError(_("cannot read {file}: no such file").format(file=path)) from None
    except (InvalidFileException, OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):
        raise WorkbookError(
            _("cannot read {file} as an .xlsx workbook").format(file=path)
        ) from None
    try:
        name = "Residents" if "Residents" in workbook.sheetnames else workbook.sheetnames[0]
        return _table(name, workbook[name], path.name)
    except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise WorkbookError(_XLSX_ERROR.format(file=path, reason=error)) from None
    finally:
        workbook.close()


def parse_map(text: str) -> dict[str, str]:
    """`--map 'Company Name=name,Date joined=joined'` as header -> field; ValueError says
    what is wrong (a field uzit does not know, with the one meant where it is close)."""
    mapping: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        header, equals, name = item.rpartition("=")
        header, name = header.strip(), name.strip()
        if not equals or not header or not name:
            raise ValueError(_("'{item}' is not HEADER=FIELD").format(item=item.strip()))
        if name not in RESIDENT_ORDER and year_column(name) is None:
            close = difflib.get_close_matches(name, RESIDENT_ORDER, n=1, cutoff=0.6)
            if close:
                message = _("'{field}' is not a resident field; did you mean '{close}'?")
            else:
                message = _("'{field}' is not a resident field")
            raise ValueError(message.format(field=name, close=close[0] if close else ""))
        mapping[header] = name
    return mapping


@dataclass
class Merged:
    """What merging a table into a registry did: ids updated, ids added, rows unchanged."""

    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: int = 0


def merge_table(
    document: Any, table: Table, mapping: Mapping[str, str] | None = None
) -> tuple[Merged, Imported]:
    """Update the residents of `document` (an editing.RegistryDocument) from the table's rows,
    matched by id (by name, case ignored, where the table has no id column), and add the
    others. A row's empty cells leave a field as it was. Each row, merged, is validated
    first; RegistryError names the file, row, column header and cell of each problem."""
    imported = Imported({})
    records = read_residents(imported, table, mapping)
    columns = set(resident_columns(table, [], mapping).values())
    plain = yaml.safe_load(document.data.decode("utf-8").removeprefix("\ufeff"))
    existing: list[dict[str, Any]] = list(plain.get("residents") or [])
    by_id = {str(r.get("id")): r for r in existing if isinstance(r, dict)}
    by_name = {str(r.get("name", "")).casefold(): r for r in existing if isinstance(r, dict)}
    if "id" not in columns and "name" not in columns:
        raise WorkbookError(
            _("{table}: no column id or name to match residents by").format(table=table.name)
        )
    merged_records: list[dict[str, Any]] = []
    plans: list[tuple[str, dict[str, Any] | None, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        row = table.rows[index]
        if "id" in columns:
            found = by_id.get(str(record.get("id")))
        else:
            found = by_name.get(str(record.get("name", "")).casefold())
            if found is not None:
                record["id"] = found["id"]
            elif record.get("name"):
                record["id"] = _slug(str(record["name"]))
        key = str(record.get("id", ""))
        if key and key in seen:
            raise WorkbookError(
                _("{table}: rows {first} and {second} are both resident {id}").format(
                    table=table.name, first=seen[key], second=row.number, id=key
                )
            )
        seen[key] = row.number
        merged = _merged(found, record) if found is not None else record
        merged_records.append(merged)
        plans.append((key, found, record))
    head = {k: v for k, v in (plain.get("registry") or {}).items() if k in ("title", "as_of")}
    head["sources"] = (plain.get("registry") or {}).get("sources") or []
    # checked, never written: no comment and no layout (fmt's is a whole ruamel round trip)
    whole = {"schema": plain.get("schema", 1), "registry": head, "residents": merged_records}
    checked(_dumped(whole), table.file or table.name, imported)
    result = Merged()
    for key, found, record in plans:
        if found is None:
            document.add_resident(record)
            result.added.append(key)
            continue
        changes = _changes(found, record)
        for name, value in changes:
            document.set_field(key, name, value)
        if changes:
            result.updated.append(key)
        else:
            result.unchanged += 1
    return result, imported


def _merged(found: Mapping[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(found)
    for name, value in record.items():
        if name in YEAR_FIELDS:
            merged[name] = {**(found.get(name) or {}), **value}
        else:
            merged[name] = value
    return {name: merged[name] for name in RESIDENT_ORDER if merged.get(name) is not None}


def _changes(found: Mapping[str, Any], record: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(field or `field.year`, value) for what the row changes in the resident."""
    changes: list[tuple[str, Any]] = []
    for name, value in record.items():
        if name in YEAR_FIELDS:
            old = found.get(name) or {}
            changes += [(f"{name}.{y}", v) for y, v in value.items() if old.get(y) != v]
        elif found.get(name) != value:
            changes.append((name, value))
    return changes


def _slug(name: str) -> str:
    """An id made of a name: lower case ASCII letters and digits joined by `-`."""
    return "-".join(re.findall(r"[a-z0-9]+", name.casefold()))
