"""A workbook written by `uzit export` (and edited in a spreadsheet) read back as registry YAML.

The pure core of `uzit import` (issue 17, point 5). The sheets Residents, Sources,
Published, Targets and About are read by their header names; the other sheets (figures
and projections) are computed, so they are ignored. The YAML is validated by the same
loader as every registry before anything is written.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from uzit_cli.model import RESIDENT_FIELDS, Kind, Registry
from uzit_cli.problems import UzitError
from uzit_cli.registry import parse_registry
from uzit_cli.year_columns import YEAR_FIELDS, year_column

RESIDENT_ORDER = tuple(f.name for f in RESIDENT_FIELDS)
REQUIRED_SHEETS = ("Residents", "Sources", "About")


class WorkbookError(UzitError):
    """The workbook cannot be read as a registry (not a workbook, a sheet or column missing)."""


def read_workbook(path: Path) -> dict[str, Any]:
    """The registry document (plain dicts, lists, dates and numbers) held by the workbook."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise WorkbookError(f"cannot read {path}: no such file") from None
    except InvalidFileException:  # openpyxl's own words name Excel's formats, not uzit's
        raise WorkbookError(
            f"cannot read {path}: `uzit import` reads the .xlsx workbooks `uzit export` writes"
        ) from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise WorkbookError(f"cannot read {path} as an .xlsx workbook: {error}") from None
    try:
        missing = [name for name in REQUIRED_SHEETS if name not in workbook.sheetnames]
        if missing:
            raise WorkbookError(
                f"{path} has no sheet {', '.join(missing)}; `uzit export FILE.xlsx` writes one"
            )
        tables: dict[str, list[dict[str, Any]]] = {
            name: _records(name, workbook[name].iter_rows(values_only=True))
            for name in ("Residents", "Sources", "Published", "Targets", "Context", "About")
            if name in workbook.sheetnames
        }
    finally:
        workbook.close()
    return registry_document(tables)


def _records(sheet: str, rows: Iterator[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Rows as objects keyed by the header row; empty rows are skipped."""
    header = next(rows, None)
    if header is None:
        return []
    names = [str(name).strip() if name is not None else "" for name in header]
    records = []
    for row in rows:
        if all(value is None or value == "" for value in row):
            continue
        record = {}
        for name, value in zip(names, row, strict=False):  # rows may be short
            if name:
                record[name] = None if value == "" else value
            elif value not in (None, ""):
                raise WorkbookError(f"sheet {sheet}: a value in a column without a header")
        records.append(record)
    return records


def registry_document(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    about = {str(row.get("key")): row.get("value") for row in tables.get("About", ())}
    info: dict[str, Any] = {
        "title": _text(about.get("title")),
        "as_of": _date(about.get("as_of")),
    }
    if _bool(about.get("illustrative")):
        info["illustrative"] = True
    info["sources"] = _sheet_records(tables, "Sources")
    for sheet, key in (("Published", "published"), ("Targets", "targets"), ("Context", "context")):
        records = _sheet_records(tables, sheet)
        if records:
            info[key] = records
    schema = _whole(about.get("schema"))
    return {
        "schema": 1 if schema is None else schema,
        "registry": info,
        "residents": [resident_record(row) for row in tables.get("Residents", ())],
    }


def resident_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row of the Residents sheet as a registry record, fields in the format's order."""
    fields: dict[str, Any] = {}
    years: dict[str, dict[int, Any]] = {field: {} for field in YEAR_FIELDS}
    for name, value in row.items():
        per_year = year_column(name)
        if per_year is not None:
            field, year = per_year
            if value is not None:
                years[field][year] = _CELL[YEAR_FIELDS[field][1]](value)
        elif name in _KINDS:
            fields[name] = _CELL[_KINDS[name]](value)
        else:
            raise WorkbookError(f"sheet Residents: unknown column '{name}'")
    fields.update({field: values for field, values in years.items() if values})
    return {name: fields[name] for name in RESIDENT_ORDER if fields.get(name) is not None}


def _sheet_records(
    tables: Mapping[str, Sequence[Mapping[str, Any]]], sheet: str
) -> list[dict[str, Any]]:
    """The rows of a header sheet as records, each key read from its column (_SHEET_KEYS)."""
    keys = _SHEET_KEYS[sheet]
    return [
        _present({key: read(row.get(column)) for key, (column, read) in keys.items()})
        for row in tables.get(sheet, ())
    ]


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
    if value is None:
        return None
    return [item.strip() for item in str(value).split(",") if item.strip()]


def _date(value: Any) -> Any:
    """A date cell as a date; text in ISO form too. Anything else is left for the loader to
    report (with its line in the YAML)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def _bool(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


def _whole(value: Any) -> Any:
    """An integral number as an int (a spreadsheet may store 18 as 18.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return value


def _number(value: Any) -> Any:
    whole = _whole(value)
    if isinstance(whole, str):
        try:
            return float(whole)
        except ValueError:
            return whole
    return whole


def registry_yaml(document: Mapping[str, Any], source: str) -> str:
    """The document as registry YAML, with a comment that says where it came from."""
    body = yaml.safe_dump(
        dict(document), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return f"# Imported by `uzit import` from {source}.\n# Format: docs/registry-format.md\n{body}"


def checked(text: str, shown: str) -> Registry:
    """Validate the YAML as the loader does; RegistryError lists every problem."""
    return parse_registry(text.encode("utf-8"), shown)


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
