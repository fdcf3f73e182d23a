"""Small pieces every message shares: the closest candidate, and "did you mean"."""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterable

from uzit_cli.language import N_, _


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `value` ignoring case, spelt as given; None when none is close."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(value.casefold(), list(by_folded), n=1)
    return by_folded[matches[0]] if matches else None


def did_you_mean(value: str, candidates: Iterable[str], otherwise: str = "") -> str:
    """`; did you mean 'x'?` for the closest candidate, else `otherwise`: the end of a
    sentence the caller began (so the piece is translated as such)."""
    suggestion = closest(value, candidates)
    if suggestion is None:
        return otherwise
    # Translators: the end of a message ("no resident has city 'X'"), with its separator.
    return _("; did you mean '{suggestion}'?").format(suggestion=suggestion)


def suggested_ids(wanted: str, records: Iterable[tuple[str, ...]]) -> list[str]:
    """Up to three ids for an id that names nothing: the closest spelling first (case
    ignored), then the ids of records whose id or names contain the text. Each record is its
    id followed by its names (`show` and the editing commands suggest the same ids)."""
    listed = list(records)
    wanted = wanted.strip().casefold()
    found: list[str] = []
    nearest = closest(wanted, (record[0] for record in listed))
    if nearest is not None:
        found.append(nearest)
    if wanted:
        for record in listed:
            if len(found) == 3:
                break
            if record[0] not in found and any(wanted in name.casefold() for name in record):
                found.append(record[0])
    return found


#: The system's words for the errors a file may meet, as the C library says them in English,
#: for the catalogues (the system's own translation depends on the locale, not on --lang).
SYSTEM_ERRORS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EFBIG: N_("File too large"),
    errno.EIO: N_("Input/output error"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
}


def system_error(error: BaseException) -> str:
    """Why a file could not be read or written, in the reader's language: the system's
    message for the common errors, else its own text."""
    number = getattr(error, "errno", None)
    known = SYSTEM_ERRORS.get(number) if isinstance(number, int) else None
    if known is not None:
        return _(known)
    return getattr(error, "strerror", None) or str(error)
