"""The rules beyond each value's type, one function each, named by what they require.

Record rules take a record's fields as read and the reading; list checks take a list's values
and raise a Reject; rules across the file run once everything is read, because the header that
some of them need may come after the residents. Each reports with a problem code
declared below (problems.declare), which the docs' code table is generated from.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from uzit_cli.language import Phrase
from uzit_cli.problems import MISSING_KEY, Joined, KeyPath, declare
from uzit_cli.registry.converters import Reject, did_you_mean
from uzit_cli.registry.fragments import carries
from uzit_cli.registry.reader import INVALID, Fields, Reading
from uzit_cli.registry.wording import number_text
from uzit_cli.registry.yamlnodes import MappingNode, Node, Scalar, SequenceNode

# The problem codes these rules give, with what each means (the docs' table is generated).
NO_SECTOR = declare("no-sector", "a resident without a sector")
LISTED_TWICE = declare("listed-twice", "a sector or export market listed twice")
DUPLICATE_ID = declare("duplicate-id", "a resident or source id used twice")
MARKETS_AND_EXPORTS = declare(
    "markets-and-exports", "export_markets and exports_to_japan disagree about JP"
)
BEFORE_JOINED = declare("before-joined", "a jobs year before the year the resident joined")
TARGET_SHAPE = declare("target-shape", "a target without factor and by, or value and year")
TARGET_FACTOR = declare("target-factor", "a target factor of 1 or less")
AFTER_AS_OF = declare("after-as-of", "a date or year after the registry's as_of")
UNKNOWN_SOURCE = declare("unknown-source", "a source id that registry.sources does not have")

# -- what rules remember until the whole file is read: each kind its own context --------------


# Plain classes, not dataclasses: made once per reading, never compared, and a dataclass costs
# a compilation of its methods at every start-up (issue 23, start-up).


class Header:
    """What `registry` said: its as_of, once read (the header may come after the residents)."""

    __slots__ = ("as_of", "read")

    def __init__(self) -> None:
        self.read = False  # `registry` was a mapping
        self.as_of: dt.date | None = None


class SourceIds:
    """The sources declared, and the references to them."""

    __slots__ = ("broken", "ids", "lines", "references")

    def __init__(self) -> None:
        self.broken = False  # some source id in `registry.sources` is unreadable
        self.ids: set[str] = set()  # the valid ids, which references may cite
        self.lines: dict[str, int] = {}  # each id as written, and its line
        # key, source id, where: the path of what holds it and its key or index there (joined
        # only for a problem, as everywhere: most files have none)
        self.references: list[tuple[str, str, Node, KeyPath, str | int]] = []


class ResidentIds:
    __slots__ = ("lines",)

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}  # each resident id, and its line


class ResidentDates:
    """Each resident's joined date and last jobs year (with the year keys), where they are."""

    __slots__ = ("job_years", "joined")

    def __init__(self) -> None:
        self.joined: list[tuple[dt.date, Node, KeyPath]] = []
        self.job_years: list[tuple[int, list[Scalar], KeyPath]] = []


def cited(
    reading: Reading, key: str, source_id: str, node: Node, at: KeyPath, step: str | int
) -> None:
    """Remember a reference to a source (SourceId's `cited`), for `sources_exist`."""
    reading.context(SourceIds).references.append((key, source_id, node, at, step))


# -- lists ------------------------------------------------------------------------------------


@carries({"minItems": 1})
def at_least_one(values: tuple[Any, ...], node: SequenceNode) -> None:
    if not values:
        raise Reject(Phrase("list at least one sector, such as [outsourcing]"), code=NO_SECTOR)


@carries({"uniqueItems": True})
def no_repeats(values: tuple[Any, ...], node: SequenceNode) -> None:
    if len(set(values)) == len(values):
        return
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise Reject(
                Phrase("'{value}' is listed twice", value=value), code=LISTED_TWICE, item=index
            )
        seen.add(value)


# -- residents --------------------------------------------------------------------------------


def resident_ids_unique(fields: Fields, reading: Reading) -> None:
    rid = fields.values.get("id", INVALID)
    if rid is not INVALID:
        message = Phrase("id: the resident id '{id}' is used twice (first at line {line})")
        _first_use(fields, reading, reading.context(ResidentIds).lines, rid, message)


def _first_use(
    fields: Fields, reading: Reading, seen: dict[str, int], ident: str, message: Phrase
) -> bool:
    """Whether `ident` is new (remembered with its line) or a repeat (reported with `message`,
    whose `id` and `line` are filled in)."""
    node = fields.nodes["id"]
    first = seen.get(ident)
    if first is None:
        seen[ident] = node.line
        return True
    reading.problem(
        node,
        Phrase(message.message, id=ident, line=first),
        code=DUPLICATE_ID,
        where=(*fields.path, "id"),
    )
    return False


#: Japan's code in export_markets, which lists it exactly when exports_to_japan is true
JAPAN = "JP"


@carries(  # export_markets, when given, lists JP exactly when exports_to_japan is true
    {
        "allOf": [
            {
                "if": {
                    "properties": {"exports_to_japan": {"const": exports}},
                    "required": ["exports_to_japan", "export_markets"],
                },
                "then": {"properties": {"export_markets": markets}},
            }
            for exports, markets in (
                (True, {"contains": {"const": JAPAN}}),
                (False, {"not": {"contains": {"const": JAPAN}}}),
            )
        ]
    }
)
def markets_match_exports(fields: Fields, reading: Reading) -> None:
    """JP is among export_markets exactly when exports_to_japan is true."""
    exports = fields.values.get("exports_to_japan")
    markets = fields.values.get("export_markets")
    if not (isinstance(exports, bool) and isinstance(markets, tuple)):
        return
    if exports == (JAPAN in markets):
        return
    reading.problem(
        fields.nodes["export_markets"],
        Phrase("export_markets: must include JP, since exports_to_japan is true")
        if exports
        else Phrase("export_markets: includes JP, but exports_to_japan is false"),
        code=MARKETS_AND_EXPORTS,
        where=(*fields.path, "export_markets"),
    )


def jobs_not_before_joined(fields: Fields, reading: Reading) -> None:
    """No jobs year before the year the resident joined; remembers `joined` and the last jobs
    year for the rules against as_of, which may come later in the file."""
    dates = reading.context(ResidentDates)
    joined = fields.values.get("joined", INVALID)
    if joined is not INVALID:
        dates.joined.append((joined, fields.nodes["joined"], fields.path))
    jobs = fields.values.get("jobs_created", INVALID)
    if jobs is INVALID or not jobs:  # years read and sorted: check the first and last
        return
    jobs_node = fields.nodes["jobs_created"]
    assert isinstance(jobs_node, MappingNode)
    keys = [key for key, _ in jobs_node.pairs]
    if joined is not INVALID and min(jobs) < joined.year:
        for key in keys:
            if int(key.value) < joined.year:
                reading.problem(
                    key,
                    Phrase(
                        "jobs_created: {year} is before the year the resident joined ({joined})",
                        year=key.value,
                        joined=joined.isoformat(),
                    ),
                    code=BEFORE_JOINED,
                    where=(*fields.path, "jobs_created", key.value),
                )
    dates.job_years.append((max(jobs), keys, fields.path))


# -- the header and its sources, figures and targets -------------------------------------------


def remember_header(fields: Fields, reading: Reading) -> None:
    """Note the as_of date, and whether source ids can be checked at all."""
    header = reading.context(Header)
    header.read = True
    as_of = fields.values.get("as_of", INVALID)
    if as_of is not INVALID:
        header.as_of = as_of
    sources = fields.nodes.get("sources")
    if sources is not None and not (
        isinstance(sources, SequenceNode)
        and all(isinstance(item, MappingNode) for item in sources.items)
    ):
        reading.context(SourceIds).broken = True


def source_ids_unique(fields: Fields, reading: Reading) -> None:
    """A source id is written once, as written (a repeat is reported even when it is no valid
    id, as residents would cite it); the valid ones are what references are checked against."""
    sources = reading.context(SourceIds)
    sid, node = fields.values.get("id", INVALID), fields.nodes.get("id")
    if sid is INVALID:
        sources.broken = True  # an id is unreadable: references cannot be checked
    else:
        sources.ids.add(sid)
    if isinstance(node, Scalar) and not _first_use(
        fields,
        reading,
        sources.lines,
        node.value,
        Phrase("id: the source id '{id}' is used twice (first at line {line})"),
    ):
        fields.ok = False


@carries(
    {
        "if": {"properties": {"metric": {"const": "jobs_created"}}, "required": ["metric"]},
        "then": {"required": ["year"]},
    }
)
def jobs_figure_has_year(fields: Fields, reading: Reading) -> None:
    if fields.values.get("metric") == "jobs_created" and "year" not in fields.values:
        reading.problem(
            fields.node,
            Phrase("a published jobs_created figure needs its 'year'"),
            code=MISSING_KEY,
            where=fields.path,
        )
        fields.ok = False


TARGET_KEYS = ("factor", "by", "value", "year")


@carries(
    {
        "oneOf": [
            {"required": pair, "not": {"anyOf": [{"required": [key]} for key in other]}}
            for pair, other in (
                (["factor", "by"], ["value", "year"]),
                (["value", "year"], ["factor", "by"]),
            )
        ]
    }
)
def target_has_one_shape(fields: Fields, reading: Reading) -> None:
    """Either `factor` with `by`, or `value` with `year`."""
    message = _target_shape({name for name in TARGET_KEYS if name in fields.values})
    if message:
        reading.problem(fields.node, message, code=TARGET_SHAPE, where=fields.path)
        fields.ok = False


def _target_shape(has: set[str]) -> Phrase | None:
    if has == {"factor", "by"} or has == {"value", "year"}:
        return None
    if has >= {"factor", "value"}:
        return Phrase("a target has either 'factor' with 'by', or 'value' with 'year', not both")
    if "factor" in has:
        return Phrase("a target with 'factor' needs 'by': the year the factor is reached by")
    if "by" in has:
        return Phrase("a target with 'by' needs 'factor' (2 for 'double')")
    if "value" in has:
        return Phrase("a target with 'value' needs 'year'")
    if "year" in has:
        return Phrase("a target with 'year' needs 'value'")
    return Phrase("a target needs 'factor' with 'by', or 'value' with 'year'")


def target_factor_grows(fields: Fields, reading: Reading) -> None:
    factor = fields.values.get("factor")
    if not fields.ok or factor is None or factor is INVALID or factor > 1:
        return
    reading.problem(
        fields.nodes["factor"],
        Phrase(
            "factor: must be more than 1 (2 for 'double'), not {value}", value=number_text(factor)
        ),
        code=TARGET_FACTOR,
        where=(*fields.path, "factor"),
    )
    fields.ok = False


# -- across the file --------------------------------------------------------------------------


def joined_not_after_as_of(reading: Reading) -> None:
    as_of = reading.context(Header).as_of
    if as_of is None:
        return
    for joined, node, resident in reading.context(ResidentDates).joined:
        if joined > as_of:
            reading.problem(
                node,
                Phrase(
                    "joined: {joined} is after the registry's as_of {as_of}",
                    joined=joined.isoformat(),
                    as_of=as_of.isoformat(),
                ),
                code=AFTER_AS_OF,
                where=(*resident, "joined"),
            )


def jobs_not_after_as_of(reading: Reading) -> None:
    as_of = reading.context(Header).as_of
    if as_of is None:
        return
    for last_year, keys, resident in reading.context(ResidentDates).job_years:
        if last_year <= as_of.year:
            continue
        for key in keys:
            if int(key.value) > as_of.year:
                reading.problem(
                    key,
                    Phrase(
                        "jobs_created: {year} is after the year of the registry's as_of ({as_of})",
                        year=key.value,
                        as_of=as_of.isoformat(),
                    ),
                    code=AFTER_AS_OF,
                    where=(*resident, "jobs_created", key.value),
                )


def sources_exist(reading: Reading) -> None:
    """Every source id a resident, figure or target cites is in registry.sources."""
    sources = reading.context(SourceIds)
    if not reading.context(Header).read or sources.broken:
        return
    known = sources.ids
    meant = _Suggestions(known)
    for key, source_id, node, at, step in sources.references:
        if source_id not in known:
            close = meant.get(source_id)
            message = Phrase("'{id}' is not an id in registry.sources", id=source_id)
            reading.problem(
                node,
                Joined(key, ": ", message, did_you_mean(close)),
                code=UNKNOWN_SOURCE,
                where=(*at, step),
            )


ACROSS_THE_FILE = (joined_not_after_as_of, jobs_not_after_as_of, sources_exist)


class _Suggestions:
    """ "Did you mean" for unknown ids, the closest first, in bounded time however many ids
    there are.

    difflib compares an id with every candidate, which is quadratic over a file that cites
    thousands of unknown ids among thousands of known ones. Here an id one letter away (added,
    dropped or changed: `newz-2025-02-27` for `news-2025-02-27`) is found through an index of
    each known id with one letter deleted; else difflib picks among the known ids next to it in
    sorted order, which share the longest beginning with it: MAX_PROBLEMS lookups of bounded
    cost (ids are at most MAX_ID_LENGTH characters).
    """

    CANDIDATES = 16

    def __init__(self, known: Iterable[str]) -> None:
        self.known = sorted(known)
        self.deleted: dict[str, list[str]] | None = None  # built at the first lookup
        self.found: dict[str, str | None] = {}

    def get(self, name: str) -> str | None:
        if name not in self.found:
            close = difflib.get_close_matches(name, self.one_edit(name), n=1, cutoff=0)
            if not close:
                close = difflib.get_close_matches(name, self.neighbours(name), n=1)
            self.found[name] = close[0] if close else None
        return self.found[name]

    def one_edit(self, name: str) -> list[str]:
        """Known ids one letter from `name`: the index holds each known id and every string
        one letter shorter, so two ids one edit apart meet under one of `name`'s deletions."""
        if self.deleted is None:
            self.deleted = {}
            for known in self.known:
                for variant in _deletions(known):
                    self.deleted.setdefault(variant, []).append(known)
        found: list[str] = []
        for variant in _deletions(name):
            found.extend(self.deleted.get(variant, ()))
            if len(found) >= self.CANDIDATES:
                break
        return found

    def neighbours(self, name: str) -> list[str]:
        at = bisect.bisect_left(self.known, name)
        half = self.CANDIDATES // 2
        return self.known[max(0, at - half) : at + half]


def _deletions(name: str) -> set[str]:
    """`name` itself and every string one letter shorter."""
    return {name} | {name[:i] + name[i + 1 :] for i in range(len(name))}
