"""Property tests: whatever the input, the loader returns a Registry or raises RegistryError.

Every problem it reports is one printable line that points inside the file, and problems come
in file order. Valid registries built from generated values load back to the same values.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from uzit_cli.characters import shows_nothing
from uzit_cli.model import Registry
from uzit_cli.problems import RegistryError
from uzit_cli.registry import bundled_registry_path, parse_registry, yamlnodes
from uzit_cli.registry.countries import COUNTRY_CODES

BUNDLED = bundled_registry_path().read_bytes()
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load(data: bytes) -> Registry | RegistryError:
    """The loader's outcome; any other exception fails the test."""
    try:
        return parse_registry(data, "r.yaml")
    except RegistryError as error:
        lines = data.count(b"\n") + data.count(b"\r") + 1
        assert error.problems, "an error without problems"
        positions = [(p.line, p.column) for p in error.problems]
        assert positions == sorted(positions)
        for problem in error.problems:
            text = str(problem)
            assert text.startswith(f"r.yaml:{problem.line}:{problem.column}: ")
            assert not _UNPRINTABLE.search(text), text  # nothing a terminal would act on
            assert 1 <= problem.line <= lines and problem.column >= 1, text
            assert problem.message.strip()
        return error


# -- anything at all ------------------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=2000))
@example(b"")
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
@example(b"schema: 1\x00")
@example(b"[" * 5000)
@example(b"- " * 5000)
@example(b"&a [*a]")
@example(b"? - - -")
def test_arbitrary_bytes(data: bytes) -> None:
    load(data)


_YAMLISH = st.sampled_from(
    [*"-:[]{},#&*!|>'\"%@`?\t\n\r ~=+.0123456789", "\x85", "\u2028", "\ufeff", "\\"]
)


@SETTINGS
@given(st.text(alphabet=st.one_of(_YAMLISH, st.characters()), max_size=500))
def test_arbitrary_text(text: str) -> None:
    load(text.encode("utf-8", errors="surrogatepass"))


@SETTINGS
@given(
    st.lists(st.tuples(st.sampled_from(["schema", "registry", "residents", "id", "x"]), _YAMLISH))
)
def test_arbitrary_key_value_soup(pairs: list[tuple[str, str]]) -> None:
    load("".join(f"{key}: {value}\n" for key, value in pairs).encode("utf-8"))


# -- mutations of real registries -----------------------------------------------------------------


def _large_registry(count: int = 300) -> bytes:
    header, residents = BUNDLED.split(b"\nresidents:\n")
    items = residents.split(b"\n  - ")
    body = b"".join(
        b"\n  - " + items[i % len(items)].lstrip(b" -").replace(b"example-", b"r%d-" % i)
        for i in range(count)
    )
    return header + b"\nresidents:" + body + b"\n"


LARGE = _large_registry()


def test_the_generated_large_registry_is_valid() -> None:
    registry = parse_registry(LARGE)
    assert len(registry.residents) == 300


_bytes_ops = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "replace", "duplicate"]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=8,
)


def _mutate_bytes(data: bytes, ops: list[tuple[str, float, bytes]]) -> bytes:
    for op, where, chunk in ops:
        at = int(where * len(data)) if data else 0
        if op == "insert":
            data = data[:at] + chunk + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + len(chunk) :]
        elif op == "replace":
            data = data[:at] + chunk + data[at + len(chunk) :]
        else:
            data = data[:at] + data[at : at + 40] + data[at:]
    return data


@SETTINGS
@given(_bytes_ops)
def test_byte_mutations_of_the_bundled_registry(ops: list[tuple[str, float, bytes]]) -> None:
    load(_mutate_bytes(BUNDLED, ops))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bytes_ops)
def test_byte_mutations_of_a_large_registry(ops: list[tuple[str, float, bytes]]) -> None:
    load(_mutate_bytes(LARGE, ops))


_LINE_SNIPPETS = [
    "",
    "  - ",
    "    ",
    "\t",
    "---",
    "...",
    "    id: example-sakura-systems",
    "    jobs_created: {2024: 99, 2024: 1}",
    "    joined: 2024-02-30",
    "    export_markets: [NO]",
    "    name: '=1+1'",
    '    note: "\\e[31m"',
    "    <<: *a",
    "  x: &a [*a]",
    "    sectors: !!python/object/apply:os.system [echo]",
    "residents: null",
    "schema: 2",
]

_line_ops = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "insert", "truncate"]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
        st.sampled_from(_LINE_SNIPPETS),
    ),
    min_size=1,
    max_size=6,
)


def _mutate_lines(data: bytes, ops: list[tuple[str, float, str]]) -> bytes:
    lines = data.decode("utf-8").split("\n")
    for op, where, snippet in ops:
        at = int(where * len(lines))
        if op == "delete":
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[at])
        elif op == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif op == "indent":
            lines[at] = "  " + lines[at]
        elif op == "dedent":
            lines[at] = lines[at][1:]
        elif op == "insert":
            lines.insert(at, snippet)
        elif op == "truncate":
            lines[at] = lines[at][: len(lines[at]) // 2]
    return "\n".join(lines).encode("utf-8")


@SETTINGS
@given(_line_ops)
def test_line_mutations_of_the_bundled_registry(ops: list[tuple[str, float, str]]) -> None:
    load(_mutate_lines(BUNDLED.decode("utf-8").encode(), ops))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_line_ops)
def test_line_mutations_of_a_large_registry(ops: list[tuple[str, float, str]]) -> None:
    load(_mutate_lines(LARGE, ops))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_line_ops.map(lambda ops: ("lines", ops)), _bytes_ops.map(lambda o: ("b", o))))
# found by the randomised profile: the parsers once put an empty flow value a column apart
@example(("lines", [("insert", 0.9999, "    jobs_created: {2024: }")]))
def test_mutations_give_the_same_outcome_with_the_pure_python_parser(
    mutation: tuple[str, list[tuple[str, float, object]]],
) -> None:
    kind, ops = mutation
    data = (
        _mutate_lines(BUNDLED, ops)  # type: ignore[arg-type]
        if kind == "lines"
        else _mutate_bytes(BUNDLED, ops)  # type: ignore[arg-type]
    )
    with_c = load(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
        with_python = load(data)
    if b"\t" in data:  # libyaml takes tabs between tokens where PyYAML does not
        return
    if isinstance(with_c, Registry) or isinstance(with_python, Registry):
        assert with_c == with_python
    else:
        assert str(with_c) == str(with_python)


# -- valid registries round-trip -----------------------------------------------------------------

_slug = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u2028\u2029\ufeff\ufffe\uffff\x85",
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: not shows_nothing(s) and not s.lstrip().startswith(tuple("=+-@＝＋－＠")))
_day = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2024, 12, 31))


_BAD_NOTE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Strategies are made once, not in every draw (making one costs more than drawing from it).
_markets = st.lists(st.sampled_from(sorted(COUNTRY_CODES - {"JP"})), max_size=3, unique=True)
_sectors = st.lists(_slug, min_size=1, max_size=3, unique=True)
_headcount = st.integers(min_value=0, max_value=10**6)
_jobs = st.integers(0, 10**4)
_amount = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
_note = st.text(
    alphabet=st.characters(codec="utf-8", max_codepoint=0x2027),
    max_size=60,
).filter(lambda s: not shows_nothing(s) and not _BAD_NOTE.search(s))


@st.composite
def _resident(draw: st.DrawFn, index: int) -> dict[str, object]:
    exports = draw(st.booleans())
    markets = draw(_markets)
    joined = draw(_day)
    resident: dict[str, object] = {
        "id": f"{draw(_slug)}-{index}",
        "name": draw(_text),
        "joined": joined,
        "city": draw(_text),
        "sectors": draw(_sectors),
        "exports_to_japan": exports,
    }
    if draw(st.booleans()):
        resident["export_markets"] = (["JP"] if exports else []) + markets
    elif exports:
        resident["export_markets"] = ["JP"]
    if draw(st.booleans()):
        resident["name_ja"] = draw(_text)
    if draw(st.booleans()):
        resident["headcount"] = draw(_headcount)
    if draw(st.booleans()):
        years = draw(st.lists(st.integers(joined.year, 2025), unique=True, max_size=3))
        resident["jobs_created"] = {y: draw(_jobs) for y in years}
    if draw(st.booleans()):
        resident["export_revenue_usd"] = {2024: draw(_amount)}
    if draw(st.booleans()):
        resident["note"] = draw(_note)
    return resident


def _yaml(value: object, style: str) -> str:
    """A YAML scalar that keeps its type: strings double-quoted in JSON's escapes."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return {"json": "true", "yaml11": "True"}[style] if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat() if style == "yaml11" else json.dumps(value.isoformat())
    if isinstance(value, float):  # YAML 1.1 reads 1e-05 as text: write it out
        return format(Decimal(repr(value)), "f")
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item, style) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v, style)}" for k, v in value.items()) + "}"
    return str(value)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=6).flatmap(
        lambda n: st.tuples(*[_resident(i) for i in range(n)])
    ),
    st.sampled_from(["json", "yaml11"]),
)
def test_generated_valid_registries_load_back_to_their_values(
    residents: tuple[dict[str, object], ...], style: str
) -> None:
    lines = [
        "schema: 1",
        "registry:",
        "  title: Generated",
        "  as_of: 2025-12-31",
        "residents:" if residents else "residents: []",
    ]
    for resident in residents:
        lines.append("  - " + "\n    ".join(f"{k}: {_yaml(v, style)}" for k, v in resident.items()))
    registry = parse_registry(("\n".join(lines) + "\n").encode("utf-8"))
    assert len(registry.residents) == len(residents)
    for loaded, written in zip(registry.residents, residents, strict=True):
        for key, value in written.items():
            got = getattr(loaded, key)
            if isinstance(value, list):
                assert list(got) == value, key
            elif isinstance(value, dict):
                assert dict(got) == value, key
            elif isinstance(value, float):
                assert got == pytest.approx(value), key
            else:
                assert got == value, key
                assert type(got) is type(value), key


def test_the_property_tests_read_the_checkout_registry() -> None:
    assert Path(bundled_registry_path()).name == "residents.yaml"


@given(
    st.one_of(
        st.text(max_size=12),
        st.text(alphabet="0123456789+-._:eExXoObB~nNyYtTfF ", max_size=12),
        st.sampled_from(["", "~", "null", "No", "2024-01-05", "0x1A", ".inf", "<<", "=", "!x"]),
    )
)
def test_plain_scalars_get_the_type_pyyaml_gives_them(text: str) -> None:
    """resolve_plain() skips PyYAML's patterns for most first characters: never differently."""
    import yaml

    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    assert yamlnodes.resolve_plain(text) == expected
