"""The rules beyond each value's type, one function each, named by what they require.

Record rules take a record's fields as read and the reading; list checks take a list's values
and raise a Reject; rules across the file run once everything is read, because the header that
some of them need may come after the residents. Each reports with its problem code
(uzit_cli/problems.py lists them all).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from uzit_cli.registry.converters import Reject
from uzit_cli.registry.limits import MAX_ID_LENGTH
from uzit_cli.registry.reader import INVALID, Fields, Reading
from uzit_cli.registry.wording import number_text
from uzit_cli.registry.yamlnodes import MappingNode, Scalar, SequenceNode

# -- lists ------------------------------------------------------------------------------------


def at_least_one(values: tuple[Any, ...], node: SequenceNode) -> None:
    if not values:
        raise Reject("list at least one sector, such as [outsourcing]", code="no-sector")


def no_repeats(values: tuple[Any, ...], node: SequenceNode) -> None:
    if len(set(values)) == len(values):
        return
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise Reject(f"'{value}' is listed twice", code="listed-twice", item=index)
        seen.add(value)


# -- residents --------------------------------------------------------------------------------


def resident_ids_unique(fields: Fields, reading: Reading) -> None:
    rid = fields.values.get("id", INVALID)
    if rid is not INVALID:
        _first_use(fields, reading, reading.resident_ids, rid, "resident")


def _first_use(
    fields: Fields, reading: Reading, seen: dict[str, int], ident: str, noun: str
) -> bool:
    """Whether `ident` is new (remembered with its line) or a repeat (reported)."""
    node = fields.nodes["id"]
    first = seen.get(ident)
    if first is None:
        seen[ident] = node.line
        return True
    reading.problem(
        node,
        f"id: the {noun} id '{ident}' is used twice (first at line {first})",
        code="duplicate-id",
        where=(*fields.path, "id"),
    )
    return False


def markets_match_exports(fields: Fields, reading: Reading) -> None:
    """JP is among export_markets exactly when exports_to_japan is true."""
    exports = fields.values.get("exports_to_japan")
    markets = fields.values.get("export_markets")
    if not (isinstance(exports, bool) and isinstance(markets, tuple)):
        return
    if exports == ("JP" in markets):
        return
    reading.problem(
        fields.nodes["export_markets"],
        "export_markets: must include JP, since exports_to_japan is true"
        if exports
        else "export_markets: includes JP, but exports_to_japan is false",
        code="markets-and-exports",
        where=(*fields.path, "export_markets"),
    )


def jobs_not_before_joined(fields: Fields, reading: Reading) -> None:
    """No jobs year before the year the resident joined; remembers `joined` and the last jobs
    year for the rules against as_of, which may come later in the file."""
    joined = fields.values.get("joined", INVALID)
    if joined is not INVALID:
        reading.joined.append((joined, fields.nodes["joined"], fields.path))
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
                    f"jobs_created: {key.value} is before the year the resident joined "
                    f"({joined.isoformat()})",
                    code="before-joined",
                    where=(*fields.path, "jobs_created", key.value),
                )
    reading.job_years.append((max(jobs), keys, fields.path))


# -- the header and its sources, figures and targets -------------------------------------------


def remember_header(fields: Fields, reading: Reading) -> None:
    """Note the as_of date, and whether source ids can be checked at all."""
    reading.header_read = True
    as_of = fields.values.get("as_of", INVALID)
    if as_of is not INVALID:
        reading.as_of = as_of
    sources = fields.nodes.get("sources")
    if sources is not None and not (
        isinstance(sources, SequenceNode)
        and all(isinstance(item, MappingNode) for item in sources.items)
    ):
        reading.sources_broken = True


def source_ids_unique(fields: Fields, reading: Reading) -> None:
    """A source id is written once, as written (a repeat is reported even when it is no valid
    id, as residents would cite it); the valid ones are what references are checked against."""
    sid, node = fields.values.get("id", INVALID), fields.nodes.get("id")
    if sid is INVALID:
        reading.sources_broken = True  # an id is unreadable: references cannot be checked
    else:
        reading.source_ids.add(sid)
    if isinstance(node, Scalar) and not _first_use(
        fields, reading, reading.source_lines, node.value, "source"
    ):
        fields.ok = False


def jobs_figure_has_year(fields: Fields, reading: Reading) -> None:
    if fields.values.get("metric") == "jobs_created" and "year" not in fields.values:
        reading.problem(
            fields.node,
            "a published jobs_created figure needs its 'year'",
            code="missing-key",
            where=fields.path,
        )
        fields.ok = False


TARGET_KEYS = ("factor", "by", "value", "year")


def target_has_one_shape(fields: Fields, reading: Reading) -> None:
    """Either `factor` with `by`, or `value` with `year`."""
    message = _target_shape({name for name in TARGET_KEYS if name in fields.values})
    if message:
        reading.problem(fields.node, message, code="target-shape", where=fields.path)
        fields.ok = False


def _target_shape(has: set[str]) -> str:
    if has == {"factor", "by"} or has == {"value", "year"}:
        return ""
    if has >= {"factor", "value"}:
        return "a target has either 'factor' with 'by', or 'value' with 'year', not both"
    if "factor" in has:
        return "a target with 'factor' needs 'by': the year the factor is reached by"
    if "by" in has:
        return "a target with 'by' needs 'factor' (2 for 'double')"
    if "value" in has:
        return "a target with 'value' needs 'year'"
    if "year" in has:
        return "a target with 'year' needs 'value'"
    return "a target needs 'factor' with 'by', or 'value' with 'year'"


def target_factor_grows(fields: Fields, reading: Reading) -> None:
    factor = fields.values.get("factor")
    if not fields.ok or factor is None or factor is INVALID or factor > 1:
        return
    reading.problem(
        fields.nodes["factor"],
        f"factor: must be more than 1 (2 for 'double'), not {number_text(factor)}",
        code="target-factor",
        where=(*fields.path, "factor"),
    )
    fields.ok = False


# -- across the file --------------------------------------------------------------------------


def joined_not_after_as_of(reading: Reading) -> None:
    as_of = reading.as_of
    if as_of is None:
        return
    for joined, node, resident in reading.joined:
        if joined > as_of:
            reading.problem(
                node,
                f"joined: {joined.isoformat()} is after the registry's as_of {as_of.isoformat()}",
                code="after-as-of",
                where=(*resident, "joined"),
            )


def jobs_not_after_as_of(reading: Reading) -> None:
    as_of = reading.as_of
    if as_of is None:
        return
    for last_year, keys, resident in reading.job_years:
        if last_year <= as_of.year:
            continue
        for key in keys:
            if int(key.value) > as_of.year:
                reading.problem(
                    key,
                    f"jobs_created: {key.value} is after the year of the registry's as_of "
                    f"({as_of.isoformat()})",
                    code="after-as-of",
                    where=(*resident, "jobs_created", key.value),
                )


def sources_exist(reading: Reading) -> None:
    """Every source id a resident, figure or target cites is in registry.sources."""
    if not reading.header_read or reading.sources_broken:
        return
    known = reading.source_ids
    meant = _Suggestions(known)
    for key, source_id, node, at, step in reading.references:
        if source_id not in known:
            close = meant.get(source_id)
            hint = f"; did you mean '{close}'?" if close else ""
            reading.problem(
                node,
                f"{key}: '{source_id}' is not an id in registry.sources{hint}",
                code="unknown-source",
                where=(*at, step),
            )


ACROSS_THE_FILE = (joined_not_after_as_of, jobs_not_after_as_of, sources_exist)


class _Suggestions:
    """ "Did you mean" for unknown ids, in bounded time however many ids there are.

    difflib compares an id with every candidate, which is quadratic over a file that cites
    thousands of unknown ids among thousands of known ones. Here each unknown id is looked up
    once, among at most CANDIDATES known ids that share its first two characters (else its
    first one), the closest in length first: MAX_PROBLEMS lookups of bounded cost.
    """

    CANDIDATES = 16

    def __init__(self, known: Iterable[str]) -> None:
        self.index: dict[tuple[str, int], list[str]] = {}
        for name in sorted(known):
            for prefix in {name[:2], name[:1]}:
                self.index.setdefault((prefix, len(name)), []).append(name)
        self.found: dict[str, str | None] = {}

    def get(self, name: str) -> str | None:
        if name not in self.found:
            close = difflib.get_close_matches(name, self.candidates(name), n=1)
            self.found[name] = close[0] if close else None
        return self.found[name]

    def candidates(self, name: str) -> list[str]:
        for prefix in (name[:2], name[:1]):
            pool: list[str] = []
            for delta in range(MAX_ID_LENGTH):  # the same length first, then one off, ...
                for length in {len(name) - delta, len(name) + delta}:
                    pool.extend(self.index.get((prefix, length), ())[: self.CANDIDATES])
                if len(pool) >= self.CANDIDATES:
                    return pool[: self.CANDIDATES]
            if pool:
                return pool
        return []
