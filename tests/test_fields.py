"""Every resident field is declared once (model.Resident); everything else derives from that.

These tests walk each declared field through the docs, the loader, `list` in every format,
`show` and `--sort`, so a new field that is declared but not reachable somewhere fails here.
Sample values are keyed by the field's converter, so a new field of a known type is covered
without touching this file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_HEADER, ROOT, Uzit

from uzit_cli.columns import COLUMNS, DEFAULT_COLUMNS, RECORD_FIELDS
from uzit_cli.model import RESIDENT_FIELDS, ResidentField
from uzit_cli.output import Format
from uzit_cli.registry import parse_registry

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
