"""Every resident field is declared once (model.Resident); everything else derives from that.

These tests walk each declared field through the docs, the loader, `list` in every format,
`show`, `--sort`, `uzit export` to a workbook and back through `uzit import`, and `uzit export`
to SQLite, so a new field that is declared but not reachable somewhere fails here.
Sample values are keyed by the field's converter, so a new field of a known type is covered
without touching this file.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import MINIMAL_HEADER, ROOT, CliResult, Uzit, invoke

from uzit_cli.exchange.importing import resident_record
from uzit_cli.model import (
    RESIDENT_FIELDS,
    ContextFigure,
    PublishedFigure,
    ResidentField,
    Source,
    Target,
    declared_fields,
)
from uzit_cli.output import Format
from uzit_cli.registry import parse_registry
from uzit_cli.resident_columns import COLUMNS, DEFAULT_COLUMNS, RECORD_FIELDS

# A YAML value for each converter a field can name, and what the JSON output gives back.
SAMPLES: dict[str, tuple[str, object]] = {
    "slug": ("sample-one", "sample-one"),
    "name": ("Sample One", "Sample One"),
    "guarded_text": ("Sample text", "Sample text"),
    "date": ("2024-05-20", "2024-05-20"),
    "sectors": ("[bpo, gamedev]", ["bpo", "gamedev"]),
    "boolean": ("true", True),
    "countries": ("[JP, US]", ["JP", "US"]),
    "integer": ("14", 14),
    "jobs": ("{2024: 12}", {"2024": 12}),
    "revenue": ("{2024: 1500.5}", {"2024": 1500.5}),
    "url": ("https://sample.example", "https://sample.example"),
    "source_refs": ("[src]", ["src"]),
    "note": ("A note", "A note"),
}


def full_registry() -> str:
    lines = [f"  - {field.name}: {SAMPLES[field.spec.reads][0]}" for field in RESIDENT_FIELDS[:1]]
    lines += [f"    {field.name}: {SAMPLES[field.spec.reads][0]}" for field in RESIDENT_FIELDS[1:]]
    return MINIMAL_HEADER + "residents:\n" + "\n".join(lines) + "\n"


@pytest.fixture
def full(write_registry: Callable[[str], Path]) -> str:
    return str(write_registry(full_registry()))


def test_every_field_has_a_sample_for_its_converter() -> None:
    assert {field.spec.reads for field in RESIDENT_FIELDS} <= set(SAMPLES)


def test_the_docs_field_table_is_the_declaration() -> None:
    text = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    section = text.split("## A resident", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| (yes|no) \| (.+) \|$", section, re.MULTILINE)
    declared = [
        (field.name, "yes" if field.required else "no", field.spec.doc) for field in RESIDENT_FIELDS
    ]
    assert rows == declared


def test_the_docs_describe_every_field_in_a_paragraph_of_its_own() -> None:
    text = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    section = text.split("## A resident", 1)[1].split("\n## ", 1)[0]
    paragraphs = re.findall(r"^\*\*`([a-z_]+)`\*\*: (required|optional)", section, re.MULTILINE)
    declared = [
        (field.name, "required" if field.required else "optional") for field in RESIDENT_FIELDS
    ]
    assert paragraphs == declared


def test_the_loader_reads_every_declared_field() -> None:
    (resident,) = parse_registry(full_registry().encode()).residents
    for field in RESIDENT_FIELDS:
        assert getattr(resident, field.name) not in (None, (), {}), field.name


def test_a_missing_required_field_is_named(write_registry: Callable[[str], Path]) -> None:
    required = [field.name for field in RESIDENT_FIELDS if field.required]
    text = MINIMAL_HEADER + "residents:\n  - note: nothing else\n"
    with pytest.raises(Exception, match="missing the required keys") as caught:
        parse_registry(text.encode())
    message = str(getattr(caught.value, "problems", [caught.value])[0])
    for name in required:
        assert f"'{name}'" in message


def test_every_field_is_a_column_with_a_label_and_a_default_place_only_if_declared() -> None:
    assert tuple(field.name for field in RESIDENT_FIELDS) == RECORD_FIELDS
    assert set(RECORD_FIELDS) <= set(COLUMNS)
    assert DEFAULT_COLUMNS[0] == "id" and len(set(DEFAULT_COLUMNS)) == len(DEFAULT_COLUMNS)
    for field in RESIDENT_FIELDS:
        assert COLUMNS[field.name].label == field.spec.label


@pytest.mark.parametrize("field", RESIDENT_FIELDS, ids=lambda field: field.name)
def test_each_field_reaches_every_format_show_and_sort(
    uzit: Uzit, full: str, field: ResidentField
) -> None:
    name, label = field.name, field.spec.label
    expected = SAMPLES[field.spec.reads][1]

    as_json = uzit("list", "-r", full, "-f", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)[0][name] == expected
    for output_format in Format:
        if output_format is Format.auto:
            continue
        result = uzit("list", "-r", full, "-f", output_format.value, "--columns", name)
        assert result.exit_code == 0, (output_format, result.stderr)
        header = label if output_format in (Format.table, Format.markdown) else name
        if field.spec.per_year and output_format in (Format.csv, Format.tsv):
            header = f"{field.spec.per_year[0]}_2024"  # spread: one column per year
        assert header.split(",")[0] in result.stdout, (output_format, result.stdout)

    shown = json.loads(uzit("show", "sample-one", "-r", full, "-f", "json").stdout)[name]
    if name == "sources":  # show resolves each cited id to the source itself
        shown = [source["id"] for source in shown]
    assert shown == expected
    assert label in uzit("show", "sample-one", "-r", full, "-f", "table").stdout

    assert uzit("list", "-r", full, "--sort", name, "-f", "tsv").exit_code == 0


@dataclass(frozen=True)
class Exported:
    """The full registry exported once to a workbook (and imported back) and to SQLite."""

    header: list[str]  # the Residents sheet's
    row: list[Any]  # sample-one's
    imported: CliResult
    back: Path
    database: Path


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    directory = tmp_path_factory.mktemp("exported")
    registry = directory / "full.yaml"
    registry.write_text(full_registry(), encoding="utf-8")
    book, back, database = directory / "full.xlsx", directory / "back.yaml", directory / "full.db"
    for args in (("export", str(book)), ("export", str(database))):
        result = invoke(*args, "-r", str(registry))
        assert result.exit_code == 0, (args, result.stderr)
    header, row = openpyxl.load_workbook(book)["Residents"].iter_rows(values_only=True)
    imported = invoke("import", str(book), "-o", str(back))
    return Exported([str(name) for name in header], list(row), imported, back, database)


def as_json(value: object) -> object:
    """A registry value as `-f json` writes it (dates as ISO text, year keys as text)."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize("field", RESIDENT_FIELDS, ids=lambda field: field.name)
def test_each_field_goes_to_a_workbook_and_back(
    uzit: Uzit, exported: Exported, field: ResidentField
) -> None:
    name, expected = field.name, SAMPLES[field.spec.reads][1]
    # its cells in the Residents sheet stand under its own column(s)
    cells = dict(zip(exported.header, exported.row, strict=False))
    read = as_json(resident_record(cells).get(name))
    assert read == expected, f"the Residents sheet's {name} column(s) hold {read!r}"
    # and `uzit import` gives the field back as it was
    assert exported.imported.exit_code == 0, exported.imported.stderr
    listed = uzit("list", "-r", str(exported.back), "-f", "json")
    assert json.loads(listed.stdout)[0][name] == expected


@pytest.mark.parametrize("field", RESIDENT_FIELDS, ids=lambda field: field.name)
def test_each_field_is_in_the_database(exported: Exported, field: ResidentField) -> None:
    """A list or year-keyed field is in its child table (export.CHILD_TABLES), in the
    registry's order or by year; any other field is a column of `residents`."""
    name, expected = field.name, SAMPLES[field.spec.reads][1]
    found: object
    with sqlite3.connect(exported.database) as db:
        if field.spec.kind in ("list", "years"):
            from uzit_cli.exchange.export import CHILD_TABLES

            child = CHILD_TABLES[name]
            key = "year" if field.spec.kind == "years" else "position"
            rows = db.execute(
                f"SELECT {key}, {child.value} FROM {child.table} "
                f"WHERE resident_id = 'sample-one' ORDER BY {key}"
            ).fetchall()
            found = {str(k): v for k, v in rows} if key == "year" else [v for _, v in rows]
        else:
            query = f"SELECT {name} FROM residents WHERE id = 'sample-one'"
            (found,) = db.execute(query).fetchone()
    assert found == expected  # a boolean as 1, a date as ISO text


def test_every_list_and_year_keyed_field_has_its_place_in_the_database() -> None:
    from uzit_cli.exchange.export import unplaced_fields

    problems = unplaced_fields()
    assert not problems, "uzit export cannot store these fields:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("record", "heading"),
    [
        (Source, "## A source"),
        (PublishedFigure, "## A published figure"),
        (Target, "## A target"),
        (ContextFigure, "## A park-wide figure"),
    ],
)
def test_the_docs_table_of_each_header_record_is_its_declaration(
    record: type[Any], heading: str
) -> None:
    text = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    section = text.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| (.+) \|$", section, re.MULTILINE)
    declared = [
        (f.name, f.spec.required_doc or ("yes" if f.required else "no"), f.spec.doc)
        for f in declared_fields(record)
    ]
    assert rows == declared
