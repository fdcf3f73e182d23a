"""How values are written: the patterns the converters match and the messages describe."""

from __future__ import annotations

import re

from uzit_cli.characters import REFUSED_IN_NOTE, REFUSED_IN_TEXT

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")  # ASCII digits: \d takes any script's
LOOSE_DATE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\Z")
# Day first, as most of the world writes it with dots (31.03.2025); with slashes only where the
# day cannot be a month (31/03/2025), as 03/04/2025 is 4 March in the US.
DAY_FIRST_DATE = re.compile(
    r"(?:([0-9]{1,2})\.([0-9]{1,2})\.|(1[3-9]|2[0-9]|3[01])/([0-9]{1,2})/)([0-9]{4})\Z"
)
DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
YEAR = re.compile(r"[1-9][0-9]{3}\Z")
URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.IGNORECASE)
# A URL whose host is plain (labels of letters, digits and hyphens, no port): it has a
# host without asking urllib, which the others need (`http://:80`, `http://[::1`).
_SIMPLE_URL = (
    r"https?://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?"
    r"(?:[/?#][^\s]*)?\Z"
)


#: `_SIMPLE_URL` for ASCII text (nearly every URL), with both cases written out: it compiles in
#: a tenth of the time of the case-insensitive pattern, at every start-up.
SIMPLE_URL = re.compile(
    r"[hH][tT][tT][pP][sS]?://[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*\.?(?:[/?#][^\s]*)?\Z"
)
_simple_unicode_url: list[re.Pattern[str]] = []


def simple_unicode_url(value: str) -> bool:
    """`_SIMPLE_URL` for other text, case-insensitive (compiled when first needed), which also
    reads the Kelvin sign, the long s and the dotted and dotless i as letters of [a-z]."""
    if not _simple_unicode_url:
        _simple_unicode_url.append(re.compile(_SIMPLE_URL, re.IGNORECASE))
    return _simple_unicode_url[0].match(value) is not None


# What text and notes may not hold (see uzit_cli/characters.py), and lone surrogates.
BAD_IN_TEXT = re.compile(f"[{REFUSED_IN_TEXT}\ud800-\udfff]")
BAD_IN_NOTE = re.compile(f"[{REFUSED_IN_NOTE}\ud800-\udfff]")
# Plain text PyYAML (YAML 1.1) reads as a string but YAML 1.2's core schema reads as a number
# (`0o17`, `1e3`, `08`, `+.5`), and the one-letter booleans of the YAML 1.1 spec, which PyYAML
# leaves as text but other YAML 1.1 readers do not (`y`, `n`).
YAML12_NUMBER = re.compile(
    r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|\.(?:inf|Inf|INF))\Z|\.(?:nan|NaN|NAN)\Z"
)
YAML11_ONE_LETTER_BOOLEANS = frozenset(("y", "Y", "n", "N"))
# The first characters of both: a plain value starting otherwise needs no look.
TYPED_ELSEWHERE_STARTS = frozenset("0123456789+-.yYnN")
