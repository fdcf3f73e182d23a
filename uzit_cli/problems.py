"""Errors as data: every problem found in a registry, with where it is and what to do."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from uzit_cli.language import Phrase, _, _n, english


class Code(str):
    """A problem code declared with its `level` ("error" or "warning") and what it `means`: a
    stable name of the rule a problem breaks, for editors, CI and tests to match on while the
    wording of messages improves. It is a `str`, so a problem carries it as its name."""

    level: str
    means: str

    def __new__(cls, name: str, means: str, level: str = "error") -> Code:
        code = super().__new__(cls, name)
        code.level = level
        code.means = means
        return code


#: Every declared code by name, in the order declared. The rule that gives a code declares it
#: (registry/converters.py, registry/rules.py, registry/warnings.py; the file and structure
#: codes below); docs/registry-format.md lists them all (generated, a test checks).
CODES: dict[str, Code] = {}


def declare(name: str, means: str, level: str = "error") -> Code:
    """Declare a problem code once, beside the rule that gives it; a Problem with a code not
    declared is refused when it is made, so a forgotten declaration fails every test that
    reaches the rule."""
    if name in CODES:
        raise ValueError(f"problem code {name!r} is declared twice")
    code = CODES[name] = Code(name, means, level)
    return code


# The file, keys and structure: given by registry/files.py and the generic reader.
NO_FILE = declare("no-file", "the path names no readable registry file")
EMPTY_FILE = declare("empty-file", "the file, or its YAML, is empty")
FILE_TOO_LARGE = declare("file-too-large", "the file is larger than the format allows")
LINE_TOO_LONG = declare("line-too-long", "a line is longer than the format allows")
NOT_UTF8 = declare("not-utf8", "the file is not UTF-8 text")
REFUSED_CHARACTER = declare(
    "refused-character", "a character YAML or uzit refuses appears in the file"
)
YAML = declare(
    "yaml", "not YAML uzit reads: a syntax error, a tag, an alias or nesting past the limits"
)
GIT = declare("git", "a git:REV:PATH could not be read")
TOO_MANY_PROBLEMS = declare("too-many-problems", "uzit stopped after the first 1,000 problems")
UNKNOWN_KEY = declare("unknown-key", "a key the format does not know (with the closest known key)")
DUPLICATE_KEY = declare("duplicate-key", "a key written twice in one mapping")
MERGE_KEY = declare("merge-key", "a YAML merge key (<<), which the format does not take")
MISSING_KEY = declare("missing-key", "a required key is missing")
WRONG_TYPE = declare("wrong-type", "a value of another type than the format expects there")
DUPLICATE_YEAR = declare("duplicate-year", "a year written twice in a year map")


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


class Later(Phrase):
    """Text made by `make(*args)` each time it is shown (in the language then in use): a
    message another module words, such as stats' published-figure mismatch."""

    __slots__ = ()

    def __init__(self, make: Callable[..., str], /, *args: object) -> None:
        super().__init__("", make=make, args=args)

    def __str__(self) -> str:
        return str(self.values["make"](*self.values["args"]))


class Joined(Phrase):
    """Pieces shown one after the other, each in the language in use: a message and its hint
    (`expected a date, not …` + `; write 2025-03-31`), a key and what is wrong with its value.
    Each piece is a whole phrase a translator sees on its own."""

    __slots__ = ()

    def __init__(self, *parts: object) -> None:
        super().__init__("", parts=parts)

    def __str__(self) -> str:
        return "".join(str(part) for part in self.values["parts"])


class Counted(Phrase):
    """A Phrase whose form depends on a count (Russian has three): `{count}` in it is the
    count written as numbers.whole writes it, in the language in use when shown."""

    __slots__ = ()

    def __init__(self, singular: str, plural: str, count: int, /, **values: object) -> None:
        super().__init__(singular, plural=plural, count=count, **values)

    def __str__(self) -> str:
        from uzit_cli.numbers import whole

        values = dict(self.values)
        plural, count = str(values.pop("plural")), values.pop("count")
        assert isinstance(count, int)
        shown = {name: str(value) for name, value in values.items()}
        return _n(self.message, plural, count).format(count=whole(count), **shown)


#: What a problem says: a Phrase, translated each time it is shown (a plain str is shown as
#: it is, in every language).
Text = Phrase | str


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a registry. `line` and `column` count from 1.

    `text` is what it says, kept as a Phrase: `message` and `str()` give it in the reader's
    language (standard error, validate's human formats), `as_dict()` in English (machine
    formats are the same bytes in every language)."""

    path: str
    line: int
    column: int
    text: Text
    severity: str = "error"  # "error" or "warning"
    code: str | None = None  # a stable name of the rule, for editors and tests (see the docs)
    key_path: str | None = None  # where in the registry's structure: `residents[3].joined`

    def __post_init__(self) -> None:
        if self.code is not None and self.code not in CODES:
            raise ValueError(f"problem code {self.code!r} is not declared (problems.declare)")
        if type(self.code) is Code:  # carried as its plain name (YAML and JSON writers)
            object.__setattr__(self, "code", str.__str__(self.code))

    @property
    def message(self) -> str:
        """The message in the reader's language; a Phrase's with every character a terminal
        acts on escaped (its values are registry text)."""
        text = self.text
        return text if isinstance(text, str) else printable(str(text))

    def __str__(self) -> str:
        """The problem as a line of standard error: `my.yaml:12:5: message`, a warning's with
        `warning:` before its message (as validate and the editing commands write them)."""
        if self.severity == "warning":
            return _("{path}:{line}:{column}: warning: {message}").format(
                path=self.path, line=self.line, column=self.column, message=self.message
            )
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The problem for machine formats: its message in English, whatever the language."""
        with english():
            message = self.message
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": message,
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
        super().__init__()

    def __str__(self) -> str:  # in the language in use when shown
        return "\n".join(str(p) for p in self.problems)
