"""A JSON Schema (draft 2020-12) of registry format 1, for editors and other tools.

The schema says what can be said about a single value: key names, required keys, types,
patterns, enumerations and the shape of targets. Rules that compare one record with another
or with the header (unique ids, `joined` not after `as_of`, source references that exist) and
rules about the YAML text itself (encoding, duplicate keys, tags) are the loader's alone; the
reference in docs/registry-format.md lists them. The loader stays the authority: a file the
schema accepts can still be refused by `uzit validate`, never the other way round.
"""

from __future__ import annotations

import json
from typing import Any

from uzit_cli.characters import REFUSED_IN_NOTE, REFUSED_IN_TEXT, escaped_class
from uzit_cli.model import PUBLISHED_METRICS, TARGET_METRICS
from uzit_cli.registry.countries import COUNTRY_CODES
from uzit_cli.registry.yaml_problems import MAX_SCALAR_LENGTH

# Characters refused in text (uzit_cli/characters.py), escaped as JSON Schema patterns want them.
_REFUSED = escaped_class(REFUSED_IN_TEXT)
_REFUSED_IN_NOTE = escaped_class(REFUSED_IN_NOTE)
# at least one character that is not white space, then nothing refused
_TEXT = f"^(?=[\\s\\S]*\\S)[^{_REFUSED}]*$"
_NOTE = f"^(?=[\\s\\S]*\\S)[^{_REFUSED_IN_NOTE}]*$"
# the same, and no leading = + - @ (a spreadsheet formula)
_GUARDED = f"^(?=[\\s\\S]*\\S)[^=+\\-@{_REFUSED}][^{_REFUSED}]*$"
_YEAR = "^[1-9][0-9]{3}$"


def _text(description: str, *, pattern: str = _TEXT, max_length: int = MAX_SCALAR_LENGTH) -> Any:
    return {
        "type": "string",
        "description": description,
        "pattern": pattern,
        "maxLength": max_length,
    }


def _object(
    description: str, properties: dict[str, Any], required: tuple[str, ...]
) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def registry_schema() -> dict[str, Any]:
    """The JSON Schema of registry format 1, as a JSON-ready dictionary."""
    defs: dict[str, Any] = {
        "text": _text("Text: not blank, no control or invisible direction characters."),
        "guardedText": _text(
            "Text that must not begin with = + - or @ (a spreadsheet formula).",
            pattern=_GUARDED,
        ),
        "note": _text("Text; may span lines and contain tabs.", pattern=_NOTE),
        "slug": {
            "type": "string",
            "description": "Lowercase letters, digits and '-', starting with a letter or digit.",
            "pattern": "^[a-z0-9][a-z0-9-]*$",
            "maxLength": 64,
        },
        "date": {
            "type": "string",
            "format": "date",
            "description": "A calendar day, YYYY-MM-DD.",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        },
        "year": {
            "description": "A four-digit year such as 2024.",
            "oneOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": _YEAR},
            ],
        },
        "count": {"type": "integer", "minimum": 0, "description": "A whole number, 0 or more."},
        "amount": {"type": "number", "minimum": 0, "description": "A number, 0 or more."},
        "url": {
            "type": "string",
            "description": "An http:// or https:// address.",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+\\S*$",
            "maxLength": MAX_SCALAR_LENGTH,
        },
        "country": {
            "type": "string",
            "description": 'An ISO 3166-1 alpha-2 country code in capitals; quote "NO".',
            "enum": sorted(COUNTRY_CODES),
        },
        "yearMap": {
            "type": "object",
            "propertyNames": {"pattern": _YEAR},
        },
        "source": _object(
            "A document the registry cites.",
            {
                "id": {"$ref": "#/$defs/slug"},
                "title": {"$ref": "#/$defs/guardedText"},
                "publisher": {"$ref": "#/$defs/guardedText"},
                "url": {"$ref": "#/$defs/url"},
                "published": {"$ref": "#/$defs/date"},
                "note": {"$ref": "#/$defs/note"},
            },
            ("id", "title", "publisher"),
        ),
        "figure": {
            **_object(
                "A total stated by a source, which uzit recomputes from the records.",
                {
                    "metric": {"enum": list(PUBLISHED_METRICS)},
                    "value": {"$ref": "#/$defs/count"},
                    "year": {"$ref": "#/$defs/year"},
                    "source": {"$ref": "#/$defs/slug"},
                    "as_of": {"$ref": "#/$defs/date"},
                },
                ("metric", "value", "source"),
            ),
            "if": {"properties": {"metric": {"const": "jobs_created"}}, "required": ["metric"]},
            "then": {"required": ["year"]},
        },
        "target": {
            **_object(
                "A stated goal: factor with by, or value with year.",
                {
                    "metric": {"enum": list(TARGET_METRICS)},
                    "factor": {"type": "number", "exclusiveMinimum": 1},
                    "by": {"$ref": "#/$defs/year"},
                    "value": {"$ref": "#/$defs/count"},
                    "year": {"$ref": "#/$defs/year"},
                    "source": {"$ref": "#/$defs/slug"},
                    "note": {"$ref": "#/$defs/note"},
                },
                ("metric", "source"),
            ),
            "oneOf": [
                {"required": ["factor", "by"], "not": {"anyOf": _any_of("value", "year")}},
                {"required": ["value", "year"], "not": {"anyOf": _any_of("factor", "by")}},
            ],
        },
        "resident": {
            **_object(
                "One resident company.",
                {
                    "id": {"$ref": "#/$defs/slug"},
                    "name": _text(
                        "The display name, in Latin script, 1 to 200 characters.",
                        pattern=_GUARDED,
                        max_length=200,
                    ),
                    "name_ja": {"$ref": "#/$defs/guardedText"},
                    "joined": {"$ref": "#/$defs/date"},
                    "city": {"$ref": "#/$defs/guardedText"},
                    "sectors": {
                        "type": "array",
                        "items": {"$ref": "#/$defs/slug"},
                        "minItems": 1,
                        "uniqueItems": True,
                    },
                    "exports_to_japan": {"type": "boolean"},
                    "export_markets": {"type": "array", "items": {"$ref": "#/$defs/country"}},
                    "headcount": {"$ref": "#/$defs/count"},
                    "jobs_created": {
                        "$ref": "#/$defs/yearMap",
                        "additionalProperties": {"$ref": "#/$defs/count"},
                    },
                    "export_revenue_usd": {
                        "$ref": "#/$defs/yearMap",
                        "additionalProperties": {"$ref": "#/$defs/amount"},
                    },
                    "website": {"$ref": "#/$defs/url"},
                    "sources": {"type": "array", "items": {"$ref": "#/$defs/slug"}},
                    "note": {"$ref": "#/$defs/note"},
                },
                ("id", "name", "joined", "city", "sectors", "exports_to_japan"),
            ),
            # export_markets, when given, lists JP exactly when exports_to_japan is true
            "allOf": [
                _markets_rule(True, {"contains": {"const": "JP"}}),
                _markets_rule(False, {"not": {"contains": {"const": "JP"}}}),
            ],
        },
    }
    header = _object(
        "What the file covers, on which day, from which documents.",
        {
            "title": {"$ref": "#/$defs/text"},
            "as_of": {"$ref": "#/$defs/date"},
            "illustrative": {"type": "boolean"},
            "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
            "published": {"type": "array", "items": {"$ref": "#/$defs/figure"}},
            "targets": {"type": "array", "items": {"$ref": "#/$defs/target"}},
        },
        ("title", "as_of"),
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "uzit registry, format 1",
        **_object(
            "Japanese-capital residents of IT Park Uzbekistan. The reference is "
            "docs/registry-format.md; `uzit validate` checks the rules a schema cannot express.",
            {
                "schema": {"const": 1, "description": "The format version: 1."},
                "registry": header,
                "residents": {"type": "array", "items": {"$ref": "#/$defs/resident"}},
            },
            ("schema", "registry", "residents"),
        ),
        "$defs": defs,
    }


def _any_of(*keys: str) -> list[dict[str, Any]]:
    return [{"required": [key]} for key in keys]


def _markets_rule(exports: bool, markets: dict[str, Any]) -> dict[str, Any]:
    return {
        "if": {
            "properties": {"exports_to_japan": {"const": exports}},
            "required": ["exports_to_japan", "export_markets"],
        },
        "then": {"properties": {"export_markets": markets}},
    }


def schema_text() -> str:
    """The schema as `uzit schema` prints it and docs/registry.schema.json holds it."""
    return json.dumps(registry_schema(), indent=2, ensure_ascii=False) + "\n"
