"""One value written several ways: `Tashkent` and `tashkent`, or `Samarkand` and `Samarqand`.

The filters match cities and sectors ignoring case, so groups do too, shown in the spelling
most residents use; `uzit validate` warns about spellings that differ only in case or by one
letter, so a registry stays consistent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from uzit_cli.language import N_, Phrase
from uzit_cli.model import Registry, Resident
from uzit_cli.problems import Problem, key_path


def common_spellings(values: Iterable[str]) -> dict[str, str]:
    """Each value folded (casefold) to the spelling most values use; the first on a tie."""
    counts = Counter(values)
    best: dict[str, str] = {}
    for value, count in counts.items():  # Counter keeps first-seen order
        folded = value.casefold()
        if folded not in best or count > counts[best[folded]]:
            best[folded] = value
    return best


@dataclass(frozen=True)
class Variant:
    """`other` is probably meant as `usual`, which more values are written as or, on a tie,
    the one written first (as `common_spellings` names a group); with how often each is."""

    usual: str
    other: str
    only_case: bool
    usual_count: int = 0
    other_count: int = 0


#: Values longer than this are compared ignoring case only: a value of n letters has n
#: one-letter deletions, so longer ones would make the check quadratic in the file (a city of
#: 100,000 letters took gigabytes), and no city or sector is this long.
NEAR_SPELLING_LENGTH = 100


def variants(values: Iterable[str]) -> list[Variant]:
    """Spellings of one value: differing only in case, or by one letter added, dropped or
    changed, each paired with the more common spelling. Linear in the length of the values."""
    counts = Counter(values)
    # most common first; a stable sort keeps ties in the order written, as common_spellings
    ordered = sorted(counts, key=lambda v: -counts[v])
    found: list[Variant] = []
    usual_of: dict[str, str] = {}
    for value in ordered:
        folded = value.casefold()
        if folded in usual_of:
            first = usual_of[folded]
            found.append(Variant(first, value, True, counts[first], counts[value]))
        else:
            usual_of[folded] = value
    # Near spellings, one edit apart: two such values share a string with one letter deleted
    # (or one is such a string of the other), so an index of those finds them in linear time.
    # Values with digits (`City 12`) are distinct by design and left out.
    seen: dict[str, str] = {}
    paired: set[str] = set()
    for value in usual_of.values():  # most common first, so `usual` is the more common one
        if len(value) > NEAR_SPELLING_LENGTH or any(char.isdigit() for char in value):
            continue
        folded = value.casefold()
        keys = {folded} | {folded[:i] + folded[i + 1 :] for i in range(len(folded))}
        for key in keys:
            usual = seen.get(key)
            if usual is not None and value not in paired and _within(usual.casefold(), folded, 1):
                found.append(Variant(usual, value, False, counts[usual], counts[value]))
                paired.add(value)
            seen.setdefault(key, value)
    return found


def _within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance of a and b is at most `limit` (a banded Levenshtein)."""
    if abs(len(a) - len(b)) > limit or a == b:
        return a == b
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)
            )
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


#: The fields whose values are matched ignoring case, and so checked for variant spellings.
CHECKED_FIELDS = ("city", "sectors")


#: The warning by (differs only in case, the usual spelling is more common).
_SPELLING = {
    (True, True): N_(
        "{field}: '{other}' (resident '{id}') differs only in case from '{usual}', which more "
        "residents use ({usual_count} against {other_count}); write one spelling"
    ),
    (True, False): N_(
        "{field}: '{other}' (resident '{id}') differs only in case from '{usual}', as often "
        "used ({usual_count} each); write one spelling"
    ),
    (False, True): N_(
        "{field}: '{other}' (resident '{id}') looks like a variant of '{usual}', which more "
        "residents use ({usual_count} against {other_count}); write one spelling"
    ),
    (False, False): N_(
        "{field}: '{other}' (resident '{id}') looks like a variant of '{usual}', as often used "
        "({usual_count} each); write one spelling"
    ),
}


def spelling_problems(registry: Registry, path: str) -> list[Problem]:
    """A warning (code `spelling`) at the first resident that writes a value another way."""
    problems: list[Problem] = []
    for field in CHECKED_FIELDS:
        firsts: dict[str, tuple[int, Resident]] = {}
        for index, resident in enumerate(registry.residents):
            for value in _values(resident, field):
                firsts.setdefault(value, (index, resident))
        values = [v for r in registry.residents for v in _values(r, field)]
        for variant in variants(values):
            index, where = firsts[variant.other]
            usual, other = variant.usual_count, variant.other_count
            template = _SPELLING[variant.only_case, usual > other]
            message = Phrase(
                template,
                field=field,
                other=variant.other,
                id=where.id,
                usual=variant.usual,
                usual_count=usual,
                other_count=other,
            )
            problems.append(
                Problem(  # at the resident that writes it, as records keep no value's place
                    path,
                    where.line,
                    where.column,
                    message,
                    severity="warning",
                    key_path=key_path(("residents", index)),
                )
            )
    return problems


def _values(resident: Resident, field: str) -> tuple[str, ...]:
    value = getattr(resident, field)
    return value if isinstance(value, tuple) else (value,)
