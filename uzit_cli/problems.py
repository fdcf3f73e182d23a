"""Errors as data: every problem found in a registry, with where it is and what to do."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Every problem's code: a stable name of the rule it breaks, for editors, CI and tests to match
#: on while the wording of messages improves. docs/registry-format.md lists them (a test checks).
CODES: dict[str, str] = {
    # the file
    "no-file": "the path names no readable registry file",
    "empty-file": "the file, or its YAML, is empty",
    "file-too-large": "the file is larger than the format allows",
    "line-too-long": "a line is longer than the format allows",
    "not-utf8": "the file is not UTF-8 text",
    "refused-character": "a character YAML or uzit refuses appears in the file",
    "yaml": "not YAML uzit reads: a syntax error, a tag, an alias or nesting past the limits",
    "git": "a git:REV:PATH could not be read",
    "too-many-problems": "uzit stopped after the first 1,000 problems",
    # keys and structure
    "unknown-key": "a key the format does not know (with the closest known key)",
    "duplicate-key": "a key written twice in one mapping",
    "merge-key": "a YAML merge key (<<), which the format does not take",
    "missing-key": "a required key is missing",
    "wrong-type": "a value of another type than the format expects there",
    "unsupported-schema": "a schema version this uzit does not read",
    # values
    "empty-value": "a key with nothing after it",
    "blank-text": "text that is empty or only blanks",
    "control-character": "a control or bidirectional character in text",
    "text-too-long": "text longer than its field allows",
    "formula-start": "text that starts like a spreadsheet formula",
    "bad-id": "an id that is not a slug",
    "bad-date": "a date that is not YYYY-MM-DD or not a calendar date",
    "bad-url": "a URL that is not http(s) with a host",
    "bad-country": "not an ISO 3166-1 alpha-2 country code",
    "yaml11-number": "a number in a YAML 1.1 form (octal, hex, base 60, 1_000, 1e3)",
    "yaml-versions": "a plain value YAML 1.1 and YAML 1.2 read as different types (yes, y, 0o17)",
    "below-minimum": "a number below its field's minimum",
    "not-finite": "an infinite or not-a-number value",
    "number-too-large": "a number larger than the format allows",
    "unknown-value": "a value outside its field's list (a metric)",
    "no-sector": "a resident without a sector",
    "listed-twice": "a sector or export market listed twice",
    "duplicate-year": "a year written twice in a year map",
    "duplicate-id": "a resident or source id used twice",
    # rules across fields and records
    "markets-and-exports": "export_markets and exports_to_japan disagree about JP",
    "before-joined": "a jobs year before the year the resident joined",
    "after-as-of": "a date or year after the registry's as_of",
    "unknown-source": "a source id that registry.sources does not have",
    "target-shape": "a target without factor and by, or value and year",
    "target-factor": "a target factor of 1 or less",
    # warnings (errors with validate --strict)
    "published-mismatch": "a published figure the records do not reproduce",
    "year-on-a-count": "a year on a residents or exporting_to_japan figure (use as_of)",
    "figure-after-as-of": "a published figure dated after the registry's as_of",
    "spelling": "a city or sector written two ways",
}


#: Where a value stands: keys and list indices from the top of the file.
KeyPath = tuple[str | int, ...]


def key_path(path: KeyPath) -> str:
    """`residents[3].jobs_created.2024`: keys after dots, list items in brackets from 0, as jq
    writes them; a key with other characters than letters, digits, `_` and `-` (a mistyped
    `exports.to_japan`) quoted in brackets, `["exports.to_japan"]`, so a path reads one way."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif _PLAIN_KEY.match(step):
            text += f".{step}" if text else step
        else:
            quoted = step.replace("\\", "\\\\").replace('"', '\\"')
            text += f'["{quoted}"]'
    return printable(text)


def printable(message: str) -> str:
    """Text (a message, a key path) with every character a terminal could act on escaped, as
    show() does.

    Messages quote values through show(); this catches any that quote one raw, so that no
    message, on standard error or in `validate -f csv`, carries ESC, BEL or a bidi control.
    """
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in message)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a registry. `line` and `column` count from 1."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" or "warning"
    code: str | None = None  # a stable name of the rule, for editors and tests (see the docs)
    key_path: str | None = None  # where in the registry's structure: `residents[3].joined`

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
            "code": self.code,
            "key_path": self.key_path,
        }


class UzitError(Exception):
    """An error the user can fix; the CLI prints it as one line and exits with `exit_code`."""

    exit_code = 1


class UsageError(UzitError):
    """A bad option value found after parsing (for example an impossible --year)."""

    exit_code = 2


class RegistryError(UzitError):
    """A registry that cannot be used, with every problem found in it, in file order.

    `counts` is set when the problems are of several files (diff's two snapshots): each file's
    name, its number of problems, and whether more follow."""

    counts: Sequence[tuple[str, int, bool]] = ()

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.line, p.column)))
        super().__init__("\n".join(str(p) for p in self.problems))
