"""Scalar converters: typed plain functions from a YAML node to the value the format wants.

Each returns the value or raises `Reject` saying what is wrong. A converter knows nothing of
where the value stands: the record reader adds the key to the message, the key path and the
position, and the hint for a key that may be left out (see reader.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import urllib.parse
from collections.abc import Callable

from uzit_cli.characters import FORMULA_START, INVISIBLE, shows_nothing
from uzit_cli.language import N_, Phrase, _
from uzit_cli.model import SUPPORTED_SCHEMAS
from uzit_cli.problems import WRONG_TYPE, Joined, Later, Text, declare
from uzit_cli.registry.countries import COUNTRY_CODE_MISTAKES, COUNTRY_CODES
from uzit_cli.registry.files import char_name
from uzit_cli.registry.forms import (
    BAD_IN_NOTE,
    BAD_IN_TEXT,
    DATE,
    DAY_FIRST_DATE,
    DECIMAL_FLOAT,
    DECIMAL_INT,
    LOOSE_DATE,
    SIMPLE_URL,
    SLUG,
    TYPED_ELSEWHERE_STARTS,
    URL,
    YAML11_ONE_LETTER_BOOLEANS,
    YAML12_NUMBER,
    YEAR,
    simple_unicode_url,
)
from uzit_cli.registry.fragments import (
    GUARDED_PATTERN,
    NOTE_PATTERN,
    URL_PATTERN,
    YEAR_PATTERN,
    carries,
    text_schema,
)
from uzit_cli.registry.limits import MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_NUMBER
from uzit_cli.registry.wording import (
    colon_hint,
    describe,
    int_hint,
    number_text,
    quote_hint,
    resolve_bool,
)
from uzit_cli.registry.yaml_problems import MAX_SCALAR_LENGTH, show
from uzit_cli.registry.yamlnodes import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    STR,
    TIMESTAMP,
    Node,
    Scalar,
    yaml_value,
)
from uzit_cli.words import closest

#: A year is a number, or the quoted "2024" of a file converted from JSON.
YEAR_TAGS = (INT, STR)

# The problem codes a converter gives (problems.CODES; the docs' table is generated).
EMPTY_VALUE = declare("empty-value", "a key with nothing after it")
CONTROL_CHARACTER = declare("control-character", "a control or bidirectional character in text")
BLANK_TEXT = declare("blank-text", "text that is empty or only blanks")
TEXT_TOO_LONG = declare("text-too-long", "text longer than its field allows")
FORMULA_CODE = declare("formula-start", "text that starts like a spreadsheet formula")
BAD_ID = declare("bad-id", "an id that is not a slug")
BAD_URL = declare("bad-url", "a URL that is not http(s) with a host")
BAD_COUNTRY = declare("bad-country", "not an ISO 3166-1 alpha-2 country code")
UNKNOWN_VALUE = declare("unknown-value", "a value outside its field's list (a metric)")
YAML_VERSIONS = declare(
    "yaml-versions", "a plain value YAML 1.1 and YAML 1.2 read as different types (yes, y, 0o17)"
)
YAML11_NUMBER = declare(
    "yaml11-number", "a number in a YAML 1.1 form (octal, hex, base 60, 1_000, 1e3)"
)
BELOW_MINIMUM = declare("below-minimum", "a number below its field's minimum")
NUMBER_TOO_LARGE = declare("number-too-large", "a number larger than the format allows")
NOT_FINITE = declare("not-finite", "an infinite or not-a-number value")
BAD_DATE = declare("bad-date", "a date that is not YYYY-MM-DD or not a calendar date")
UNSUPPORTED_SCHEMA = declare("unsupported-schema", "a schema version this uzit does not read")


class Reject(Exception):
    """A value that cannot be used: `message` (without the key, which the reader adds), its
    problem `code`, a `hint` on what to write, and `if_optional`, said only where the key may
    be left out. `keyed=False` for a message that names its subject itself; `item`, for a
    check of a whole list, is the index of the item at fault."""

    def __init__(
        self,
        message: Text,
        *,
        code: str,
        hint: Text = "",
        if_optional: Text = "",
        keyed: bool = True,
        item: int | None = None,
    ) -> None:
        super().__init__(message)  # worded only if shown
        self.message, self.code, self.hint = message, code, hint
        self.if_optional, self.keyed, self.item = if_optional, keyed, item


def wrong(node: Node, expected: str, hint: Text = "", *, if_optional: Text = "") -> Reject:
    """`expected X, not what YAML made of it[; hint]`, code wrong-type; `expected` is marked
    with N_ where it is written."""
    return Reject(
        Phrase("expected {expected}, not {found}", expected=Phrase(expected), found=describe(node)),
        code=WRONG_TYPE,
        hint=hint,
        if_optional=if_optional,
    )


# -- text -----------------------------------------------------------------------------------


def text(
    node: Node, *, max_length: int = 0, guard: bool = False, bad: re.Pattern[str] = BAD_IN_TEXT
) -> str:
    """Text without refused characters, not blank; `guard` refuses a formula's first character."""
    if not isinstance(node, Scalar) or node.tag != STR:
        if isinstance(node, Scalar) and node.tag == NULL and not node.value:
            raise Reject(Phrase("expected text, but the value is empty"), code=EMPTY_VALUE)
        hint = quote_hint(node.value, if_text=True) if isinstance(node, Scalar) else ""
        raise wrong(node, N_("text"), hint)
    value = node.value
    if node.plain and value[:1] in TYPED_ELSEWHERE_STARTS:
        _same_in_every_yaml(node, N_("text"))
    control = bad.search(value)
    if control:
        code = ord(control.group())
        if 0xD800 <= code <= 0xDFFF:
            raise Reject(
                Phrase("U+{code} is half of a surrogate pair", code=format(code, "04X")),
                code=CONTROL_CHARACTER,
            )
        if code in (9, 10) and bad is not BAD_IN_NOTE:
            message = Phrase(
                "control character {name} is not allowed (only a note may hold newlines and "
                "tabs); remove it",
                name=char_name(code),
            )
        else:
            message = Phrase(
                "control character {name} is not allowed; remove it", name=char_name(code)
            )
        raise Reject(message, code=CONTROL_CHARACTER)
    first = value[:1]
    # a first character that is a letter or digit, and no filler, shows: most text starts so
    if not (
        first.isalnum() and (first.isascii() or INVISIBLE.fullmatch(first) is None)
    ) and shows_nothing(value):
        raise Reject(Phrase("expected text, but it is blank"), code=BLANK_TEXT)
    if max_length and len(value) > max_length:
        raise Reject(
            Phrase(
                "{length} characters; at most {maximum} are allowed",
                length=len(value),
                maximum=max_length,
            ),
            code=TEXT_TOO_LONG,
        )
    if guard and value.lstrip().startswith(FORMULA_START):
        raise Reject(
            Phrase(
                "must not begin with '{character}', which spreadsheets read as the start of a "
                "formula; reword the start",
                character=value.lstrip()[0],
            ),
            code=FORMULA_CODE,
        )
    return value


@carries(text_schema("Text: not blank, no control or invisible direction characters."), "text")
def plain_text(node: Node) -> str:
    return text(node)


@carries(
    text_schema(
        "The display name, in Latin script, 1 to 200 characters.",
        GUARDED_PATTERN,
        MAX_NAME_LENGTH,
    )
)
def name(node: Node) -> str:
    """A name: at most MAX_NAME_LENGTH characters, never starting like a formula."""
    return text(node, max_length=MAX_NAME_LENGTH, guard=True)


@carries(
    text_schema(
        "Text that must not begin with = + - or @ (a spreadsheet formula).", GUARDED_PATTERN
    ),
    "guardedText",
)
def guarded_text(node: Node) -> str:
    """Text a spreadsheet will show: never starting like a formula."""
    return text(node, guard=True)


@carries(text_schema("Text; may span lines and contain tabs.", NOTE_PATTERN), "note")
def note(node: Node) -> str:
    """Text that may span lines and hold tabs."""
    return text(node, bad=BAD_IN_NOTE)


#: Ids already found valid: sectors and source ids repeat in every resident. Bounded, and only
#: ever holds valid ids, so it needs no reset between files.
_VALID_IDS: set[str] = set()


@carries(
    {
        "type": "string",
        "description": "Lowercase letters, digits and '-', starting with a letter or digit.",
        "pattern": "^[a-z0-9][a-z0-9-]*$",
        "maxLength": MAX_ID_LENGTH,
    },
    "slug",
)
def slug(node: Node) -> str:
    """An id: lowercase letters, digits and '-', at most MAX_ID_LENGTH characters."""
    if not isinstance(node, Scalar) or node.tag != STR:
        raise wrong(node, N_("an id of lowercase letters, digits and '-'"))
    value = node.value
    if node.plain and value[:1] in TYPED_ELSEWHERE_STARTS:
        _same_in_every_yaml(node, N_("an id"))
    if value in _VALID_IDS:
        return value
    if len(value) <= MAX_ID_LENGTH and SLUG.match(value):
        if len(_VALID_IDS) < 4096:
            _VALID_IDS.add(value)
        return value
    if len(value) > MAX_ID_LENGTH:
        raise Reject(
            Phrase(
                "an id has at most {maximum} characters, not {length}",
                maximum=MAX_ID_LENGTH,
                length=len(value),
            ),
            code=BAD_ID,
        )
    suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    if suggestion and SLUG.match(suggestion):
        message = Phrase(
            "{value} is not an id: use lowercase letters, digits and '-', starting with a "
            "letter or digit; for example '{example}'",
            value=show(value),
            example=suggestion,
        )
    else:
        message = Phrase(
            "{value} is not an id: use lowercase letters, digits and '-', starting with a "
            "letter or digit",
            value=show(value),
        )
    raise Reject(message, code=BAD_ID)


@carries(
    {
        "type": "string",
        "description": "An http:// or https:// address.",
        "pattern": URL_PATTERN,
        "maxLength": MAX_SCALAR_LENGTH,
    },
    "url",
)
def url(node: Node) -> str:
    value = text(node)
    simple = SIMPLE_URL.match(value) if value.isascii() else simple_unicode_url(value)
    if simple or (URL.match(value) and _has_host(value)):
        return value
    raise Reject(
        Phrase("{value} is not an http:// or https:// URL", value=show(value)), code=BAD_URL
    )


def _has_host(address: str) -> bool:
    """A host name of labels that are not empty (`https://...` has none), or an IP address."""
    try:
        parts = urllib.parse.urlsplit(address)
        host, _ = parts.hostname, parts.port
    except ValueError:  # a malformed port or IPv6 address
        return False
    if not host:
        return False
    if ":" in host:  # an IPv6 address, which urlsplit has checked
        return True
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    return all(
        label and not label.startswith("-") and not label.endswith("-") and not shows_nothing(label)
        for label in labels
    )


@carries(
    {
        "type": "string",
        "description": 'An ISO 3166-1 alpha-2 country code in capitals; quote "NO".',
        "enum": sorted(COUNTRY_CODES),
    },
    "country",
)
def country(node: Node) -> str:
    """An ISO 3166-1 alpha-2 code such as JP."""
    if isinstance(node, Scalar) and node.tag == BOOL:  # NO, Norway, is false to YAML 1.1
        raise wrong(node, N_("a two-letter country code"), quote_hint(node.value))
    if not isinstance(node, Scalar) or node.tag != STR:
        raise wrong(node, N_("a two-letter country code such as JP"))
    value = node.value
    if value in COUNTRY_CODES:
        return value
    meant = COUNTRY_CODE_MISTAKES.get(value.upper()) or (
        value.upper() if value.upper() in COUNTRY_CODES else None
    )
    message = Phrase("{value} is not an ISO 3166-1 alpha-2 country code", value=show(value))
    raise Reject(Joined(message, did_you_mean(meant)), code=BAD_COUNTRY)


def either(choices: tuple[str, ...]) -> str:
    """`a or b or c`, in the reader's language."""
    return _(" or ").join(choices)


def did_you_mean(meant: str | None) -> Text:
    """`; did you mean 'x'?` for a known value close to the one written, else nothing."""
    return Phrase("; did you mean '{value}'?", value=meant) if meant else ""


def choice(choices: tuple[str, ...], noun: str) -> Callable[[Node], str]:
    """A converter to one of `choices` (a metric, say; `noun` marked with N_), suggesting the
    closest."""

    def one_of(node: Node) -> str:
        value = text(node)
        if value in choices:
            return value
        close = closest(value, choices)
        if close:
            message = Phrase(
                "unknown {noun} {value}; did you mean '{close}'?",
                noun=Phrase(noun),
                value=show(value),
                close=close,
            )
        else:
            message = Phrase(
                "unknown {noun} {value}; use {choices}",
                noun=Phrase(noun),
                value=show(value),
                choices=Later(either, choices),
            )
        raise Reject(message, code=UNKNOWN_VALUE)

    return carries({"enum": list(choices)})(one_of)


def _same_in_every_yaml(node: Scalar, expected: str) -> None:
    """Refuse plain text that another YAML reader takes for a number or a boolean."""
    value = node.value
    if value in YAML11_ONE_LETTER_BOOLEANS:
        message = Phrase(
            "expected {expected}, not {value}, which YAML 1.1 reads as a boolean (PyYAML, as text)",
            expected=Phrase(expected),
            value=show(value),
        )
    elif YAML12_NUMBER.match(value):
        message = Phrase(
            "expected {expected}, not {value}, which YAML 1.2 reads as a number (PyYAML, as text)",
            expected=Phrase(expected),
            value=show(value),
        )
    else:
        return
    raise Reject(
        message,
        code=YAML_VERSIONS,
        hint=quote_hint(value),
    )


# -- truth values, numbers, dates -------------------------------------------------------------

#: The booleans every YAML reader reads alike; YAML 1.1 also has yes/no/on/off, and y/n.
TRUE_FALSE = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}


@carries({"type": "boolean"})
def boolean(node: Node) -> bool:
    if isinstance(node, Scalar) and node.tag == BOOL:
        value = TRUE_FALSE.get(node.value)
        if value is not None:
            return value
        fix = "true" if resolve_bool(node.value) else "false"
        raise Reject(
            Phrase(
                "write {fix}: YAML 1.1 reads {value} as {fix}, YAML 1.2 as text",
                fix=fix,
                value=show(node.value),
            ),
            code=YAML_VERSIONS,
        )
    if isinstance(node, Scalar) and node.plain and node.value in YAML11_ONE_LETTER_BOOLEANS:
        fix = "true" if node.value in "yY" else "false"
        raise Reject(
            Phrase(
                "write {fix}: YAML 1.1 reads {value} as {fix}, PyYAML and YAML 1.2 as text",
                fix=fix,
                value=show(node.value),
            ),
            code=YAML_VERSIONS,
        )
    hint: Text = ""
    if (
        isinstance(node, Scalar)
        and node.tag == STR
        and not node.plain
        and resolve_bool(node.value) is not None
    ):
        hint = Phrase("; remove the quotes: {value}", value=node.value.lower())
    raise wrong(node, N_("true or false"), hint)


@carries({"type": "integer", "minimum": 0, "description": "A whole number, 0 or more."}, "count")
def whole_number(
    node: Node, *, minimum: int | None = 0, expected: str = N_("a whole number")
) -> int:
    """A whole number written in decimal, at least `minimum` and at most MAX_NUMBER."""
    if not isinstance(node, Scalar):
        raise wrong(node, expected)
    written, tag = node.value, node.tag
    if tag == INT:
        known = _COUNTS.get(written)
        if known is not None and (minimum is None or known >= minimum):
            return known
    if tag == INT and DECIMAL_INT.match(written):
        if len(written) > 20:  # int() refuses text past 4,300 digits; no count is this long
            raise _too_large(written)
        value = int(written)
    elif tag == INT:
        number = yaml_value(node)
        if not isinstance(number, int) or abs(number) > MAX_NUMBER:
            raise _too_large(written)
        raise Reject(
            Phrase(
                "write {number} as a plain decimal number; YAML 1.1 reads {value} as {number}, "
                "other YAML readers differently",
                number=number,
                value=show(written),
            ),
            code=YAML11_NUMBER,
        )
    else:
        raise wrong(node, expected, int_hint(node))
    if minimum is not None and value < minimum:
        raise Reject(
            Phrase("must be {minimum} or more, not {value}", minimum=minimum, value=value),
            code=BELOW_MINIMUM,
        )
    if abs(value) > MAX_NUMBER:
        raise _too_large(written)
    if value >= 0 and len(_COUNTS) < 4096:
        _COUNTS[written] = value
    return value


#: Counts already read, as written: headcounts and jobs repeat across residents. Bounded, and
#: holds only decimal numbers from 0 to MAX_NUMBER, fine wherever a count or a number is read.
_COUNTS: dict[str, int] = {}

#: A whole number of 0 or more (whole_number's defaults; an alias, not a wrapper, as it is read
#: for every year of every resident).
count = whole_number


def _too_large(written: str) -> Reject:
    if len(written) <= 40:
        shown: Text = show(written)
    else:
        shown = Phrase("a number of {length} characters", length=format(len(written), ","))
    return Reject(
        Phrase(
            "{value} is larger than {maximum}, the largest number a registry holds",
            value=shown,
            maximum=format(MAX_NUMBER, ","),
        ),
        code=NUMBER_TOO_LARGE,
    )


@carries({"type": "number"})
def number(node: Node) -> int | float:
    """A finite number: an int when written as one, else a float."""
    if not isinstance(node, Scalar):
        raise wrong(node, N_("a number"))
    written, tag = node.value, node.tag
    if tag == INT:
        return whole_number(node, minimum=None, expected=N_("a number"))
    if tag == FLOAT and DECIMAL_FLOAT.match(written):
        value = float(written) + 0.0  # -0.0 is 0: adding 0.0 turns it to +0.0
        if math.isfinite(value) and abs(value) <= MAX_NUMBER:
            return value
        raise _too_large(written)  # a decimal is never NaN: this overflowed
    if tag == FLOAT:
        read = yaml_value(node)
        if not isinstance(read, float) or not math.isfinite(read):
            raise Reject(
                Phrase("expected a finite number, not {value}", value=show(written)),
                code=NOT_FINITE,
            )
        raise Reject(
            Phrase(
                "write {number} as a plain decimal number; YAML 1.1 reads {value} as {number}, "
                "other YAML readers differently",
                number=number_text(read),
                value=show(written),
            ),
            code=YAML11_NUMBER,
        )
    raise wrong(node, N_("a number"), int_hint(node, whole=False))


@carries({"type": "number", "minimum": 0, "description": "A number, 0 or more."}, "amount")
def non_negative(node: Node) -> int | float:
    value = number(node)
    if value < 0:
        raise Reject(
            Phrase("must be {minimum} or more, not {value}", minimum=0, value=number_text(value)),
            code=BELOW_MINIMUM,
        )
    return value


@carries(
    {
        "type": "string",
        "format": "date",
        "description": "A calendar day, YYYY-MM-DD.",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    },
    "date",
)
def date(node: Node) -> dt.date:
    """A calendar date written YYYY-MM-DD, with no time."""
    if not isinstance(node, Scalar) or node.tag not in (TIMESTAMP, STR):
        if isinstance(node, Scalar) and node.tag == INT and YEAR.match(node.value):
            raise wrong(
                node,
                N_("a date (YYYY-MM-DD)"),
                Phrase("; a date needs its month and day: {year}-MM-DD", year=node.value),
                if_optional=Phrase(" (if only the year is known, leave the key out)"),
            )
        raise wrong(node, N_("a date (YYYY-MM-DD)"))
    match = DATE.match(node.value)
    if match is None:
        example = _date_rewrite(node.value.split(" ")[0].split("T")[0])
        if node.tag == TIMESTAMP:
            message = Phrase("expected a date without a time, not {value}", value=show(node.value))
            raise Reject(Joined(message, example), code=BAD_DATE)
        raise wrong(node, N_("a date written YYYY-MM-DD"), example)
    try:  # the common case, in C; the pattern above has fixed the form
        return dt.date.fromisoformat(node.value)
    except ValueError:  # an impossible date, or digits other than 0-9
        pass
    year_, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        return dt.date(year_, month, day)
    except ValueError:
        pass
    if year_ < 1:
        raise Reject(
            Phrase("{value} is not a date: there is no year 0", value=node.value), code=BAD_DATE
        )
    if not 1 <= month <= 12:
        raise Reject(
            Phrase("{value} is not a date: no month {month}", value=node.value, month=month),
            code=BAD_DATE,
        )
    days = calendar.monthrange(year_, month)[1]
    raise Reject(
        Phrase(
            "{value} is not a date: {month} {year} has {days} days",
            value=node.value,
            month=Phrase(MONTHS[month - 1]),
            year=year_,
            days=days,
        ),
        code=BAD_DATE,
    )


#: The months' names, for "February 2024 has 29 days" (calendar's names follow the C locale).
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def _date_rewrite(written: str) -> Text:
    """`; write 2025-03-31` for a real date written another common way, else ''."""
    loose = LOOSE_DATE.match(written)
    day_first = None if loose else DAY_FIRST_DATE.match(written)
    if loose:
        year_, month, day = loose[1], loose[2], loose[3]
    elif day_first:
        year_ = day_first[5]
        day, month = (day_first[1], day_first[2]) if day_first[1] else (day_first[3], day_first[4])
    else:
        return ""
    try:
        day_written = dt.date(int(year_), int(month), int(day)).isoformat()
    except ValueError:  # no such day: no rewrite to offer
        return ""
    return Phrase("; write {value}", value=day_written)


@carries(
    {
        "description": "A four-digit year such as 2024.",
        "oneOf": [
            {"type": "integer", "minimum": 1000, "maximum": 9999},
            {"type": "string", "pattern": YEAR_PATTERN},
        ],
    },
    "year",
)
def year(node: Node) -> int:
    """A year: a number, or the quoted "2024" of a file converted from JSON."""
    if isinstance(node, Scalar) and node.tag in YEAR_TAGS and YEAR.match(node.value):
        return int(node.value)
    raise wrong(node, N_("a year such as 2024"), colon_hint(node))


@carries({"type": "number", "exclusiveMinimum": 1})
def factor(node: Node) -> int | float:
    """A target's factor: a number (more than 1, which a rule checks once the target's shape
    is known)."""
    return number(node)


@carries({"const": 1, "description": "The format version: 1."})
def schema_version(node: Node) -> int:
    """The format version, one of SUPPORTED_SCHEMAS."""
    value = whole_number(node, expected=N_("the format version, 1"))
    if value in SUPPORTED_SCHEMAS:
        return value
    supported = ", ".join(str(version) for version in SUPPORTED_SCHEMAS)
    raise Reject(
        Phrase(
            "schema {value} is not supported; this uzit reads schema {supported}",
            value=value,
            supported=supported,
        ),
        code=UNSUPPORTED_SCHEMA,
        keyed=False,
    )
