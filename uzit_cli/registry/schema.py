"""A JSON Schema (draft 2020-12) of registry format 1, for editors and other tools.

The schema says what can be said about a single value: key names, required keys, types,
patterns, enumerations and the shape of targets. It is generated from the format's
declarations: the records of registry/specs.py, and the fragment each converter and rule
carries (registry/fragments.py), so a new field or record needs nothing here. Rules that
compare one record with another or with the header (unique ids, `joined` not after `as_of`,
source references that exist) and rules about the YAML text itself (encoding, duplicate keys,
tags) are the loader's alone; the reference in docs/registry-format.md lists them. The loader
stays the authority: a file the schema accepts can still be refused by `uzit validate`, never
the other way round.
"""

from __future__ import annotations

import json
from typing import Any

from uzit_cli.registry.fragments import SCHEMA_OF, YEAR_PATTERN
from uzit_cli.registry.reader import ListOf, Record, SourceId, Spec, Value, YearMap
from uzit_cli.registry.specs import REGISTRY

# What YearMap, the reader's own spec for `{2024: 12}`, is in JSON Schema.
_YEAR_MAP = {"type": "object", "propertyNames": {"pattern": YEAR_PATTERN}}


class _Builder:
    """Walks the record declarations of registry/specs.py, collecting `$defs` on the way:
    each converter's and rule's fragment (registry/fragments.py), and one definition per
    record that is an item of a list (a resident, a source, ...)."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        self.defs.setdefault(name, schema)
        return {"$ref": f"#/$defs/{name}"}

    def function(self, function: Any) -> dict[str, Any]:
        fragment = SCHEMA_OF[function]
        if fragment.name is None:
            return dict(fragment.schema)
        return self.ref(fragment.name, fragment.schema)

    def spec(self, spec: Spec) -> dict[str, Any]:
        if isinstance(spec, (Value, SourceId)):
            return self.function(spec.convert)
        if isinstance(spec, ListOf):
            array: dict[str, Any] = {"type": "array", "items": self.spec(spec.item_spec)}
            for check in spec.checks:
                _add(array, SCHEMA_OF[check].schema)
            return array
        if isinstance(spec, YearMap):
            return {
                **self.ref("yearMap", _YEAR_MAP),
                "additionalProperties": self.function(spec.value),
            }
        if isinstance(spec, Record):
            if spec.what.startswith("a "):  # an item of a list: defined once
                words = spec.what[2:].split()
                name = words[0] + "".join(word.title() for word in words[1:])
                if name not in self.defs:
                    self.defs[name] = {}  # taken, while its keys are walked
                    self.defs[name] = self.record(spec)
                return {"$ref": f"#/$defs/{name}"}
            return self.record(spec)
        raise TypeError(f"no JSON Schema for {spec!r}")  # pragma: no cover - a new spec class

    def record(self, record: Record) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "description": record.description,
            "properties": {key.name: self.spec(key.spec) for key in record.keys},
            "required": list(record.required),
            "additionalProperties": False,
        }
        for rule in record.rules:
            fragment = SCHEMA_OF.get(rule)
            if fragment is not None:
                _add(schema, fragment.schema)
        return schema


def _add(schema: dict[str, Any], fragment: dict[str, Any]) -> None:
    """Add a check's or rule's fragment to `schema`: its keywords beside the schema's own when
    none of them is there already, else the whole fragment as one more item of `allOf`, so
    that two rules saying `if` (say) both hold and neither replaces the other."""
    if schema.keys() & fragment.keys():
        schema.setdefault("allOf", []).append(dict(fragment))
    else:
        schema.update(fragment)


def registry_schema() -> dict[str, Any]:
    """The JSON Schema of registry format 1, as a JSON-ready dictionary, built from the
    format's declarations."""
    builder = _Builder()
    top = builder.record(REGISTRY)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "uzit registry, format 1",
        **top,
        "$defs": builder.defs,
    }


def schema_text() -> str:
    """The schema as `uzit schema` prints it and docs/registry.schema.json holds it."""
    return json.dumps(registry_schema(), indent=2, ensure_ascii=False) + "\n"
