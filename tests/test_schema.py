"""`uzit schema`: the JSON Schema of the registry format, checked against the loader's corpus."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import BUNDLED, ROOT, Uzit
from test_fields import full_registry

from uzit_cli.model import RESIDENT_FIELDS
from uzit_cli.problems import RegistryError
from uzit_cli.registry import parse_registry
from uzit_cli.registry.schema import registry_schema, schema_text

CORPUS = ROOT / "tests" / "corpus"
VALIDATOR = jsonschema.Draft202012Validator(registry_schema())

# Files of the bad-input corpus that `uzit validate` refuses for a rule JSON Schema cannot
# express, by rule. docs/registry-format.md lists the same rules ("What the schema cannot say").
NOT_EXPRESSIBLE = {
    # rules about the YAML text, which never reach the data a schema sees
    "alias-bomb": "limits on aliases",
    "alias-recursive": "limits on aliases",
    "nesting-block-deep": "nesting limit",
    "nesting-flow-deep": "nesting limit",
    "syntax-key-too-long": "value length in the YAML text",
    "duplicate-key-quoted": "duplicate keys",
    "duplicate-key-registry": "duplicate keys",
    "duplicate-key-resident": "duplicate keys",
    "duplicate-key-source": "duplicate keys",
    "duplicate-key-top": "duplicate keys",
    "duplicate-year": "duplicate keys",
    "merge-key": "merge keys",
    "encoding-utf16-bom": "encoding",
    "surrogate-escape": "lone surrogates, which JSON text cannot hold",
    "number-infinite": "infinity, which JSON cannot hold",
    "date-quoted-impossible": "days that do not exist",
    # YAML 1.1 spellings whose value is fine but whose form is refused
    "yaml11-date-as-name": "YAML 1.1 forms",
    "yaml11-hex-headcount": "YAML 1.1 forms",
    "yaml11-octal-headcount": "YAML 1.1 forms",
    "yaml11-sexagesimal": "YAML 1.1 forms",
    "yaml11-underscore-number": "YAML 1.1 forms",
    "yaml11-off-as-boolean": "YAML 1.1 forms",
    "yaml12-octal-as-city": "YAML 1.1 forms",
    # rules that compare one value with another elsewhere in the file
    "id-duplicate-resident": "unique ids",
    "source-id-duplicate": "unique ids",
    "source-unknown-in-published": "source references",
    "source-unknown-in-resident": "source references",
    "jobs-after-as-of": "dates against as_of",
    "jobs-before-joined": "jobs years against joined",
    "joined-after-as-of": "dates against as_of",
}


def as_json_data(value: Any) -> Any:
    """What an editor's YAML server hands the schema: dates as text, keys as text."""
    if isinstance(value, dict):
        return {str(key): as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def schema_errors(path: Path) -> list[str] | None:
    """The schema's complaints about a YAML file, or None when it is not YAML data at all."""
    try:
        data = yaml.safe_load(path.read_bytes())
    except (yaml.YAMLError, ValueError):
        return None  # refused before any data exists: parse errors, encodings, bad tags
    return [error.message for error in VALIDATOR.iter_errors(as_json_data(data))]


def refused_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(registry_schema())
    assert registry_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_uzit_schema_prints_the_file_kept_in_docs(uzit: Uzit) -> None:
    result = uzit("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_text()
    assert result.stdout == (ROOT / "docs" / "registry.schema.json").read_text(encoding="utf-8")


def test_the_bundled_registry_passes() -> None:
    assert schema_errors(BUNDLED) == []


@pytest.mark.parametrize("path", sorted((CORPUS / "valid").glob("*.yaml")), ids=lambda p: p.name)
def test_every_valid_corpus_file_passes(path: Path) -> None:
    assert schema_errors(path) == []


@pytest.mark.parametrize("path", refused_files(), ids=lambda p: p.stem)
def test_the_schema_refuses_what_validate_refuses(path: Path, uzit: Uzit) -> None:
    assert uzit("validate", str(path), "-f", "json").exit_code == 1
    if path.stem in NOT_EXPRESSIBLE:
        return
    errors = schema_errors(path)
    assert errors is None or errors, f"the schema accepts {path.name}"


def test_the_list_of_inexpressible_rules_names_real_files() -> None:
    names = {path.stem for path in refused_files()}
    assert set(NOT_EXPRESSIBLE) <= names


def test_an_unknown_key_is_named() -> None:
    data = as_json_data(yaml.safe_load(BUNDLED.read_text(encoding="utf-8")))
    data["residents"][0]["exports_to_japn"] = True
    (error,) = list(VALIDATOR.iter_errors(data))
    assert "'exports_to_japn' was unexpected" in error.message


def test_jp_must_be_listed_when_exporting_to_japan() -> None:
    data = as_json_data(yaml.safe_load(BUNDLED.read_text(encoding="utf-8")))
    exporter = next(r for r in data["residents"] if r["exports_to_japan"])
    exporter["export_markets"] = ["US"]
    assert len(list(VALIDATOR.iter_errors(data))) == 1


def test_a_target_takes_one_shape_only() -> None:
    target_schema = {"$ref": "#/$defs/target", "$defs": registry_schema()["$defs"]}
    validator = jsonschema.Draft202012Validator(target_schema)
    target = {"metric": "residents", "factor": 2, "by": 2030, "source": "s"}
    assert validator.is_valid(target)
    assert not validator.is_valid({**target, "year": 2030})


def test_the_schema_is_plain_json() -> None:
    assert json.loads(schema_text()) == registry_schema()


def test_a_published_figure_may_name_the_day_it_describes() -> None:
    figure = {"metric": "residents", "value": 10, "source": "s", "as_of": "2025-02-20"}
    figure_schema = {
        "$defs": registry_schema()["$defs"],
        **registry_schema()["$defs"]["publishedFigure"],
    }
    assert jsonschema.Draft202012Validator(figure_schema).is_valid(figure)


# -- the schema agrees with validate, on the full registry test_fields builds and variants -----

HEADER_EXTRAS = """\
      url: https://example.org/a
      published: 2025-01-31
      note: Checked.
  published:
    - {metric: residents, value: 1, source: src, as_of: 2025-02-01}
    - {metric: jobs_created, value: 12, year: 2024, source: src}
  targets:
    - {metric: residents, factor: 2, by: 2030, source: src, note: assumed}
    - {metric: japan_it_shortage, value: 790000, year: 2030, source: src}
"""


def everything() -> str:
    """test_fields' registry with every resident field, and every key of the header too."""
    return full_registry().replace(
        "      publisher: A publisher\n", "      publisher: A publisher\n" + HEADER_EXTRAS
    )


# (old, new, accepted): one edit of everything(), and whether validate accepts the result
VARIANTS = [
    ("", "", True),
    ("      note: Checked.\n", "", True),
    ("    website: https://sample.example\n", "", True),
    ("    website: https://sample.example", "    website: https://...", False),
    ("    website: https://sample.example", "    website: ftp://sample.example", False),
    ("    name: Sample One", "    name: =Sample", False),
    ("    name: Sample One", "    name: ''", False),
    ("    name: Sample One", f"    name: {'x' * 201}", False),
    ("    export_markets: [JP, US]", "    export_markets: [JP, US, JP]", False),
    ("    export_markets: [JP, US]", "    export_markets: [US]", False),
    ("    export_markets: [JP, US]", "    export_markets: [jp]", False),
    ("    sectors: [bpo, gamedev]", "    sectors: []", False),
    ("    headcount: 14", "    headcount: -1", False),
    ("    headcount: 14", "    headcount: 1.5", False),
    ("    jobs_created: {2024: 12}", "    jobs_created: {24: 12}", False),
    ("    export_revenue_usd: {2024: 1500.5}", "    export_revenue_usd: {2024: -1}", False),
    ("    joined: 2024-05-20", "    joined: 2024/05/20", False),
    ("  - id: sample-one", "  - id: Sample One", False),
    ("  - id: sample-one\n", "  - id: sample-one\n    colour: red\n", False),
    ("    exports_to_japan: true\n", "", False),
    ("year: 2024, source: src}", "source: src}", False),
    ("{metric: residents, value: 1,", "{metric: resident, value: 1,", False),
    ("factor: 2, by: 2030", "factor: 1, by: 2030", False),
    ("factor: 2, by: 2030", "factor: 2, by: 2030, value: 3", False),
    ("factor: 2, by: 2030", "factor: 2", False),
    ("      url: https://example.org/a", "      url: https://", False),
    ("      published: 2025-01-31", "      published: 2025-01", False),
    ("  title: Test registry\n", "", False),
    ("schema: 1", "schema: 2", False),
]


def test_the_schema_accepts_the_full_registry() -> None:
    parse_registry(everything().encode())  # validate accepts it
    data = as_json_data(yaml.safe_load(everything()))
    assert [error.message for error in VALIDATOR.iter_errors(data)] == []
    assert data["residents"][0].keys() == {field.name for field in RESIDENT_FIELDS}


@pytest.mark.parametrize(("old", "new", "accepted"), VARIANTS)
def test_the_schema_agrees_with_validate(old: str, new: str, accepted: bool) -> None:
    text = everything()
    assert old in text
    text = text.replace(old, new, 1)
    try:
        parse_registry(text.encode())
        validated = True
    except RegistryError:
        validated = False
    assert (validated, VALIDATOR.is_valid(as_json_data(yaml.safe_load(text)))) == (
        accepted,
        accepted,
    )


def test_two_rules_saying_the_same_keyword_both_hold() -> None:
    """A record whose rules carry fragments with the same keyword (two `if`s) keeps both, under
    `allOf`, instead of the second replacing the first."""
    from uzit_cli.registry.fragments import carries
    from uzit_cli.registry.reader import Record
    from uzit_cli.registry.schema import _Builder
    from uzit_cli.registry.specs import SOURCE

    def needs_url(fields: Any, reading: Any) -> None: ...

    def needs_note(fields: Any, reading: Any) -> None: ...

    for rule, key in ((needs_url, "url"), (needs_note, "note")):
        carries({"if": {"required": ["publisher"]}, "then": {"required": [key]}})(rule)
    record = Record("a test source", SOURCE.keys, lambda values, node: values)
    record.rules = (needs_url, needs_note)
    builder = _Builder()
    schema = {**builder.record(record), "$defs": builder.defs}
    validator = jsonschema.Draft202012Validator(schema)
    source = {"id": "s", "title": "T", "publisher": "P"}
    assert not validator.is_valid({**source, "url": "https://example.com/"})  # no note
    assert not validator.is_valid({**source, "note": "n"})  # no url
    assert validator.is_valid({**source, "url": "https://example.com/", "note": "n"})
