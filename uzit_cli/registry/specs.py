"""The registry format (docs/registry-format.md, version 1) as declarations: each record's
keys, how each value is read, which keys are required and which rules check the record.

A resident's keys come from the fields of `model.Resident`, each of which names its reader in
`FieldSpec.reads`; READS below says what each of those names means.
"""

from __future__ import annotations

from typing import Any

from uzit_cli.model import (
    PUBLISHED_METRICS,
    RESIDENT_FIELDS,
    TARGET_METRICS,
    PublishedFigure,
    Registry,
    RegistryInfo,
    Resident,
    Source,
    Target,
)
from uzit_cli.registry import converters as read
from uzit_cli.registry import rules
from uzit_cli.registry.reader import ListOf, Record, SourceId, Spec, Value, YearMap, key
from uzit_cli.registry.yamlnodes import MappingNode

#: What each `FieldSpec.reads` of model.py stands for.
READS: dict[str, Spec] = {
    "slug": Value(read.slug),
    "name": Value(read.name),
    "guarded_text": Value(read.guarded_text),
    "note": Value(read.note),
    "url": Value(read.url),
    "date": Value(read.date),
    "boolean": Value(read.boolean),
    "integer": Value(read.count),
    "sectors": ListOf(read.slug, checks=(rules.at_least_one, rules.no_repeats)),
    "countries": ListOf(read.country, checks=(rules.no_repeats,)),
    "jobs": YearMap(read.count),
    "revenue": YearMap(read.non_negative),
    "source_refs": ListOf(SourceId(read.slug)),
}


def _at_its_line(record: Any) -> Any:
    """A builder that also keeps where the record starts, for messages about it later."""

    def build(values: dict[str, Any], node: MappingNode) -> Any:
        values["line"], values["column"] = node.line, node.column  # the reader's own dict
        return record(**values)

    return build


def _plain(record: Any) -> Any:
    def build(values: dict[str, Any], node: MappingNode) -> Any:
        return record(**values)

    return build


RESIDENT = Record(
    "a resident",
    tuple(key(f.name, READS[f.spec.reads], required=f.required) for f in RESIDENT_FIELDS),
    _at_its_line(Resident),
    rules=(rules.resident_ids_unique, rules.markets_match_exports, rules.jobs_not_before_joined),
    named=True,
    restart_key="id",
)

SOURCE = Record(
    "a source",
    (
        key("id", read.slug, required=True),
        key("title", read.guarded_text, required=True),
        key("publisher", read.guarded_text, required=True),
        key("url", read.url),
        key("published", read.date),
        key("note", read.note),
    ),
    _plain(Source),
    rules=(rules.source_ids_unique,),
    named=True,
)

FIGURE = Record(
    "a published figure",
    (
        key("metric", read.choice(PUBLISHED_METRICS, "metric"), required=True),
        key("value", read.count, required=True),
        # a jobs figure needs its year, and as_of has a meaning when left out
        key("year", read.year, left_out_when_unknown=False),
        key("source", SourceId(read.slug), required=True),
        key("as_of", read.date, left_out_when_unknown=False),
    ),
    _at_its_line(PublishedFigure),
    rules=(rules.jobs_figure_has_year,),
)

TARGET = Record(
    "a target",
    (
        key("metric", read.choice(TARGET_METRICS, "metric"), required=True),
        # optional one by one, but a target needs one pair of them (rules.target_has_one_shape)
        key("factor", read.number, left_out_when_unknown=False),
        key("by", read.year, left_out_when_unknown=False),
        key("value", read.count, left_out_when_unknown=False),
        key("year", read.year, left_out_when_unknown=False),
        key("source", SourceId(read.slug), required=True),
        key("note", read.note),
    ),
    _plain(Target),
    rules=(rules.target_has_one_shape, rules.target_factor_grows),
)

INFO = Record(
    "registry",
    (
        key("title", read.plain_text, required=True),
        key("as_of", read.date, required=True),
        key("illustrative", read.boolean),
        key("sources", ListOf(SOURCE)),
        key("published", ListOf(FIGURE)),
        key("targets", ListOf(TARGET)),
    ),
    _plain(RegistryInfo),
    rules=(rules.remember_header,),
)

REGISTRY = Record(
    "the registry file",
    (
        key("schema", read.schema_version, required=True),
        key("registry", INFO, required=True),
        key("residents", ListOf(RESIDENT, "a list of residents"), required=True),
    ),
    lambda values, node: Registry(
        schema=values["schema"], info=values["registry"], residents=values["residents"]
    ),
)
