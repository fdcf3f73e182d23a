"""What changed between two registries: residents, sources, targets, header and figures.

Pure functions over two parsed `Registry` values. Ids are the join key, so the comparison is
linear in the number of residents and reordering alone is no change. A year-keyed mapping
(`jobs_created`, `export_revenue_usd`) is compared year by year: a year added is one change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from uzit_cli.model import Registry, RegistryInfo, Resident, Source, Target, record_fields
from uzit_cli.stats import check_published, summarize

# compared field by field, the id aside (it is what pairs the records)
RESIDENT_FIELDS = tuple(name for name in record_fields(Resident) if name != "id")
SOURCE_FIELDS = tuple(name for name in record_fields(Source) if name != "id")
TARGET_FIELDS = record_fields(Target)
# the header's own values; its record lists are compared record by record below
HEADER_FIELDS = tuple(
    name for name in record_fields(RegistryInfo) if name not in ("sources", "published", "targets")
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one record, old → new; None on a side where the field is absent."""

    id: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Rename:
    """A removal and an addition that look like one resident under a new id."""

    old_id: str
    new_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A headline figure on both sides; `delta` is new − old when both exist."""

    metric: str
    year: int | None
    old: int | None
    new: int | None

    @property
    def delta(self) -> int | None:
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


@dataclass(frozen=True, slots=True)
class RecordChanges:
    """Added, removed and changed records of one kind (sources or targets), by key."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[FieldChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True, slots=True)
class RegistryDiff:
    added: tuple[Resident, ...]
    removed: tuple[Resident, ...]
    changed: tuple[FieldChange, ...]
    renamed: tuple[Rename, ...]
    sources: RecordChanges
    targets: RecordChanges
    header: tuple[FieldChange, ...]  # registry title, as_of, illustrative and published figures
    figures: tuple[Figure, ...]

    @property
    def has_changes(self) -> bool:
        """Whether the registries differ; the figures follow from the records, so not them."""
        return bool(
            self.added
            or self.removed
            or self.changed
            or self.renamed
            or self.sources
            or self.targets
            or self.header
        )


def _absent(value: Any) -> bool:
    return value is None or (isinstance(value, Mapping) and not value)


def field_changes(key: str, old: Any, new: Any, fields: Iterable[str]) -> Iterator[FieldChange]:
    """The fields of two records that differ; year mappings one year at a time."""
    for name in fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after or (_absent(before) and _absent(after)):
            continue
        if isinstance(before, Mapping) and isinstance(after, Mapping):
            for year in sorted(before.keys() | after.keys()):
                a, b = before.get(year), after.get(year)
                if a != b:
                    yield FieldChange(key, f"{name}.{year}", a, b)
        else:
            yield FieldChange(key, name, None if _absent(before) else before, after)


def _renames(
    removed: dict[str, Resident], added: dict[str, Resident]
) -> tuple[list[Rename], list[FieldChange]]:
    """Pair removals with additions of the same name (or Japanese name) and joined date."""
    by_name: dict[tuple[str, object], str] = {}
    for resident in added.values():
        by_name.setdefault((resident.name, resident.joined), resident.id)
        if resident.name_ja:
            by_name.setdefault(("ja:" + resident.name_ja, resident.joined), resident.id)
    renames: list[Rename] = []
    changes: list[FieldChange] = []
    for old in list(removed.values()):
        keys = [(old.name, old.joined)]
        if old.name_ja:
            keys.append(("ja:" + old.name_ja, old.joined))
        new_id = next((by_name[k] for k in keys if by_name.get(k) in added), None)
        if new_id is None:
            continue
        new = added.pop(new_id)
        del removed[old.id]
        renames.append(Rename(old.id, new.id, new.name))
        changes.extend(field_changes(new.id, old, new, RESIDENT_FIELDS))
    return renames, changes


def _keyed_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], fields: Sequence[str]
) -> RecordChanges:
    changed: list[FieldChange] = []
    for key, record in new.items():
        if key in old:
            changed.extend(field_changes(key, old[key], record, fields))
    return RecordChanges(
        added=tuple(k for k in new if k not in old),
        removed=tuple(k for k in old if k not in new),
        changed=tuple(changed),
    )


def target_key(target: Target, seen: dict[str, int]) -> str:
    """A target's name in a diff: metric and source (targets have no id), numbered on repeats."""
    base = f"{target.metric} ({target.source})"
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base} #{count + 1}"


def _targets(info: RegistryInfo) -> dict[str, Target]:
    seen: dict[str, int] = {}
    return {target_key(target, seen): target for target in info.targets}


def _published(info: RegistryInfo) -> dict[str, object]:
    """Each published figure's value, and the day it describes where it names one; a figure
    repeated with the same metric, year and source is numbered, so removing one is a change."""
    out: dict[str, object] = {}
    seen: dict[str, int] = {}
    for figure in info.published:
        year = "" if figure.year is None else f".{figure.year}"
        key = f"published.{figure.metric}{year} ({figure.source})"
        count = seen.get(key, 0)
        seen[key] = count + 1
        if count:
            key += f" #{count + 1}"
        out[key] = figure.value
        if figure.as_of is not None:
            out[f"{key}.as_of"] = figure.as_of
    return out


def _header_changes(old: RegistryInfo, new: RegistryInfo) -> list[FieldChange]:
    changes = list(field_changes("registry", old, new, HEADER_FIELDS))
    before, after = _published(old), _published(new)
    for key in [*before, *(k for k in after if k not in before)]:
        if before.get(key) != after.get(key):
            changes.append(FieldChange("registry", key, before.get(key), after.get(key)))
    return changes


def headline_figures(registry: Registry) -> dict[tuple[str, int | None], int]:
    """The figures people quote, keyed by (metric, year): residents, exporters, jobs per year,
    and how many published figures there are and how many the records reproduce."""
    summary = summarize(registry.residents, registry.info)
    checks = check_published(registry.residents, registry.info)
    figures: dict[tuple[str, int | None], int] = {
        ("residents", None): summary.residents,
        ("exporting_to_japan", None): summary.exporting_to_japan,
    }
    for year, jobs in summary.jobs_created.items():
        figures[("jobs_created", year)] = jobs
    figures[("published_checks", None)] = len(checks)
    figures[("published_checks_matching", None)] = sum(check.matches for check in checks)
    return figures


def compare_figures(old: Registry, new: Registry) -> tuple[Figure, ...]:
    before, after = headline_figures(old), headline_figures(new)
    keys = list(before) + [key for key in after if key not in before]
    order = {"residents": 0, "exporting_to_japan": 1, "jobs_created": 2}
    keys.sort(key=lambda k: (order.get(k[0], 3), k[0], k[1] or 0))
    return tuple(
        Figure(metric, year, before.get((metric, year)), after.get((metric, year)))
        for metric, year in keys
    )


def diff_registries(old: Registry, new: Registry) -> RegistryDiff:
    """Everything that differs between `old` and `new`, in the order of `new` (removals in
    the order of `old`)."""
    old_by_id = {resident.id: resident for resident in old.residents}
    new_by_id = {resident.id: resident for resident in new.residents}
    changed: list[FieldChange] = []
    added: dict[str, Resident] = {}
    for resident in new.residents:
        before = old_by_id.get(resident.id)
        if before is None:
            added[resident.id] = resident
        elif before != resident:
            changed.extend(field_changes(resident.id, before, resident, RESIDENT_FIELDS))
    removed = {r.id: r for r in old.residents if r.id not in new_by_id}
    renames, rename_changes = _renames(removed, added)
    return RegistryDiff(
        added=tuple(added.values()),
        removed=tuple(removed.values()),
        changed=tuple(changed + rename_changes),
        renamed=tuple(renames),
        sources=_keyed_changes(
            {s.id: s for s in old.info.sources}, {s.id: s for s in new.info.sources}, SOURCE_FIELDS
        ),
        targets=_keyed_changes(_targets(old.info), _targets(new.info), TARGET_FIELDS),
        header=tuple(_header_changes(old.info, new.info)),
        figures=compare_figures(old, new),
    )
