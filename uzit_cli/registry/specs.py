"""The registry format (docs/registry-format.md, version 1) as declarations: each record's
keys, how each value is read, which keys are required and which rules check the record.

A resident's keys come from the fields of `model.Resident`, each of which names its reader in
`FieldSpec.reads`; READS below says what each of those names means.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from uzit_cli.language import N_
from uzit_cli.model import (
    CONTEXT_METRICS,
    PUBLISHED_METRICS,
    TARGET_METRICS,
    ContextFigure,
    PublishedFigure,
    Registry,
    RegistryInfo,
    Resident,
    Source,
    Target,
    declared_fields,
)
from uzit_cli.registry import converters as read
from uzit_cli.registry import rules
from uzit_cli.registry.reader import Key, ListOf, Record, SourceId, Spec, Value, YearMap, key
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
    "source_refs": ListOf(SourceId(read.slug, rules.cited)),
    "source_id": SourceId(read.slug, rules.cited),
    "year": Value(read.year),
    "factor": Value(read.factor),
    "published_metric": Value(read.choice(PUBLISHED_METRICS, N_("metric"))),
    "target_metric": Value(read.choice(TARGET_METRICS, N_("metric"))),
    "context_metric": Value(read.choice(CONTEXT_METRICS, N_("metric"))),
}


def keys_of(record: type[Any]) -> tuple[Key, ...]:
    """The keys of a record declared in model.py, each read as its FieldSpec says."""
    return tuple(
        key(
            f.name,
            READS[f.spec.reads],
            required=f.required,
            left_out_when_unknown=None if f.spec.unknown_left_out else False,
        )
        for f in declared_fields(record)
    )


def _at_its_line(record: Any) -> Any:
    """A builder that also keeps where the record starts, for messages about it later.

    It fills a new record's slots itself: a frozen dataclass's __init__ sets each field through
    object.__setattr__, which cost half again what reading a resident's values does. Each slot
    is set once, before the record is seen, with the field's default where a key is absent."""
    new = object.__new__
    plan = []
    for field in dataclasses.fields(record):
        if field.name in ("line", "column"):
            continue
        absent = None if field.default is dataclasses.MISSING else field.default
        factory = None if field.default_factory is dataclasses.MISSING else field.default_factory
        plan.append((field.name, vars(record)[field.name].__set__, absent, factory))
    # (a field with neither default nor factory is a required key: always among the values)

    def build(values: dict[str, Any], node: MappingNode) -> Any:
        made = new(record)
        get = values.get
        for name, put, absent, factory in plan:
            value = get(name, absent)
            if value is None and factory is not None and name not in values:
                value = factory()
            put(made, value)
        put_line(made, node.line)
        put_column(made, node.column)
        return made

    put_line, put_column = vars(record)["line"].__set__, vars(record)["column"].__set__
    return build


def _plain(record: Any) -> Any:
    def build(values: dict[str, Any], node: MappingNode) -> Any:
        return record(**values)

    return build


# The nouns of named records, in messages such as "the resident 'x' is missing …" (reader.py)
_NOUNS = (N_("resident"), N_("source"))

RESIDENT = Record(
    N_("a resident"),
    keys_of(Resident),
    _at_its_line(Resident),
    rules=(rules.resident_ids_unique, rules.markets_match_exports, rules.jobs_not_before_joined),
    named=True,
    restart_key="id",
    description="One resident company.",
)

SOURCE = Record(
    N_("a source"),
    keys_of(Source),
    _plain(Source),
    rules=(rules.source_ids_unique,),
    named=True,
    description=Source.__doc__ or "",
)

FIGURE = Record(
    N_("a published figure"),
    keys_of(PublishedFigure),
    _at_its_line(PublishedFigure),
    rules=(rules.jobs_figure_has_year,),
    description=PublishedFigure.__doc__ or "",
)

TARGET = Record(
    N_("a target"),
    keys_of(Target),
    _plain(Target),
    rules=(rules.target_has_one_shape, rules.target_factor_grows),
    description=Target.__doc__ or "",
)

CONTEXT = Record(
    N_("a context figure"),
    keys_of(ContextFigure),
    _plain(ContextFigure),
    description=ContextFigure.__doc__ or "",
)

INFO = Record(
    N_("registry"),
    (
        key("title", read.plain_text, required=True),
        key("as_of", read.date, required=True),
        key("illustrative", read.boolean),
        key("sources", ListOf(SOURCE)),
        key("published", ListOf(FIGURE)),
        key("targets", ListOf(TARGET)),
        key("context", ListOf(CONTEXT)),
    ),
    _plain(RegistryInfo),
    rules=(rules.remember_header,),
    description="What the file covers, on which day, from which documents.",
)

REGISTRY = Record(
    N_("the registry file"),
    (
        key("schema", read.schema_version, required=True),
        key("registry", INFO, required=True),
        key("residents", ListOf(RESIDENT, N_("a list of residents")), required=True),
    ),
    lambda values, node: Registry(
        schema=values["schema"], info=values["registry"], residents=values["residents"]
    ),
    description="Japanese-capital residents of IT Park Uzbekistan. The reference is "
    "docs/registry-format.md; `uzit validate` checks the rules a schema cannot express.",
)
