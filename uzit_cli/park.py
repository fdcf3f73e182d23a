"""The registry's residents as a share of IT Park as a whole (`registry.context`).

Pure. For each park-wide figure, the part is counted from the residents given (as of the
registry's as_of): all of them for `foreign_capital_residents` and `residents`, and those
that export (to Japan or, by `export_markets`, anywhere) for `exporting_residents`. The two
figures describe different days; when those are more than FAR_APART_DAYS apart, `far_apart`
says so, and the output adds a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from uzit_cli.model import RegistryInfo, Resident

FAR_APART_DAYS = 90  # about a quarter: enough for a park of hundreds to change visibly


@dataclass(frozen=True, slots=True)
class ParkShare:
    metric: str  # one of model.CONTEXT_METRICS
    part: int  # counted from the records, as of `part_as_of`
    part_as_of: dt.date
    whole: int  # the park-wide figure, as of `whole_as_of`
    whole_as_of: dt.date
    source: str  # the source id
    note: str | None = None

    @property
    def share(self) -> float | None:
        """part ÷ whole; None when the park-wide figure is 0."""
        return self.part / self.whole if self.whole else None

    @property
    def days_apart(self) -> int:
        return abs((self.part_as_of - self.whole_as_of).days)

    @property
    def far_apart(self) -> bool:
        return self.days_apart > FAR_APART_DAYS


def _exports(resident: Resident) -> bool:
    return resident.exports_to_japan or bool(resident.export_markets)


def park_shares(residents: Sequence[Resident], info: RegistryInfo) -> list[ParkShare]:
    """One share per `registry.context` figure, in file order."""
    exporting = sum(_exports(r) for r in residents)
    return [
        ParkShare(
            metric=figure.metric,
            part=exporting if figure.metric == "exporting_residents" else len(residents),
            part_as_of=info.as_of,
            whole=figure.value,
            whole_as_of=figure.as_of,
            source=figure.source,
            note=figure.note,
        )
        for figure in info.context
    ]


def park_document(shares: Sequence[ParkShare]) -> list[dict[str, object]]:
    """The shares for machine formats (`park_context` in `uzit stats -f json`)."""
    return [
        {
            "metric": s.metric,
            "residents": s.part,
            "as_of": s.part_as_of.isoformat(),
            "park_value": s.whole,
            "park_as_of": s.whole_as_of.isoformat(),
            "share": s.share,
            "source": s.source,
        }
        for s in shares
    ]
