"""The fast path of loading (uzit_cli/registry/common_shape.py) reads a registry exactly as the
ordinary one does, or leaves it to the ordinary one: the same records at the same lines, or
the same problems. And it is taken for the registries it exists for."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import uzit_cli.registry as loader
from tests.test_fast_reader import _generated
from uzit_cli.model import Registry
from uzit_cli.problems import RegistryError
from uzit_cli.registry import bundled_registry_path
from uzit_cli.registry.files import check_text

BUNDLED = bundled_registry_path().read_bytes()
GENERATED = _generated(40, 3)  # flow and block lists and years, quoted, folded, literal notes


def _outcome(read: object, data: bytes) -> object:
    """What a way of reading makes of `data`: the registry with its residents' places, or the
    problems as printed."""
    try:
        registry = read(data, "r.yaml")  # type: ignore[operator]
    except RegistryError as error:
        return str(error)
    if registry is None:
        return None
    assert isinstance(registry, Registry)
    return registry, [(r.line, r.column) for r in registry.residents]


def _checked_first(read: Callable[[bytes, str], Registry | None]) -> object:
    """A way of reading after the checks of the bytes, as parse_registry makes them first."""

    def checked(data: bytes, path: str) -> Registry | None:
        check_text(data, path)
        return read(data, path)

    return checked


def _same_both_ways(data: bytes, *, loaded: bool = False) -> bool:
    """The fast path's outcome, when it answers, is the ordinary way's (and with `loaded`,
    the loader's is too); True when the fast path answered."""
    fast = _outcome(_checked_first(loader._in_common_shape), data)
    ordinary = _outcome(_checked_first(loader._read_events), data)
    if fast is not None:
        assert fast == ordinary
    if loaded:
        assert _outcome(loader.parse_registry, data) == ordinary
    return fast is not None


def test_the_fast_path_reads_the_bundled_and_generated_registries() -> None:
    assert _same_both_ways(BUNDLED, loaded=True)
    assert _same_both_ways(GENERATED, loaded=True)
    assert _same_both_ways(_generated(1200, 4))  # more than one piece of the list
    assert _same_both_ways(GENERATED.replace(b"\n", b"\r\n"), loaded=True)  # Windows' lines
    assert _same_both_ways(GENERATED.replace(b"\n", b"\r\n", 30))  # some of them
    assert not _same_both_ways(GENERATED.replace(b"\n", b"\r", 30))  # a CR alone: ordinary


def _with_line(data: bytes, line: str) -> bytes:
    """`data` with a resident of the required keys added at the end, `line` after its id."""
    text = data.decode()
    source = "trend-2025-02-28" if "trend-2025-02-28" in text else "uzit-benchmark-generator"
    return (
        f"{text}  - id: zz-last\n{line}\n    name: Last\n    joined: 2024-01-02\n"
        f"    city: Tashkent\n    sectors: [bpo]\n    exports_to_japan: true\n"
        f"    sources: [{source}]\n"
    ).encode()


# Lines a resident may hold, each one the fast path reads or leaves (found or feared ways in
# which a line reader could read a line otherwise than YAML does).
LINES = [
    "    headcount: 12 # a comment",
    "    headcount: 12   ",
    "    headcount: 0x10",
    "    headcount: 1_000",
    "    headcount: 010",
    "    headcount: ~",
    "    headcount:",
    "    headcount: # none",
    "    website: https://a.example/#x",
    "    website: https://a.example/ #x",
    "    name_ja: 'it''s'",
    "    name_ja: 'it's'",
    '    name_ja: "a"',
    '    name_ja: "a\\tb"',
    '    name_ja: "a" b',
    '    name_ja: "a"#b',
    "    name_ja: a: b",
    "    name_ja: a:b",
    "    name_ja: a:",
    "    name_ja: -a",
    "    name_ja: @a",
    "    name_ja: `a",
    "    name_ja: %a",
    "    name_ja: &x a",
    "    name_ja: !!str a",
    "    name_ja: a\u00a0b",
    "    name_ja: a\u2028b",
    "    name_ja: a\x85b",
    "    name_ja: a\rb",
    "    name_ja: a\tb",
    "    name_ja: a\n      b",
    "    name_ja: a\n\n      b",
    "    name_ja: a\n      # b",
    "    name_ja: 'a\n      b'",
    "    export_markets: [JP,KZ]",
    "    export_markets: [ JP , KZ ]",
    "    export_markets: [JP, ]",
    "    export_markets: [ ]",
    "    export_markets: [JP] # c",
    "    export_markets: [JP]x",
    "    export_markets: [JP, 'KZ']",
    '    export_markets: [JP, "N,O"]',
    "    export_markets: [JP, NO]",
    "    export_markets: [JP: 1]",
    "    export_markets: [[JP]]",
    "    export_markets: [\u00a0]",  # (not a space to YAML: a one-item list)
    "    export_markets: [JP, a?b]",
    "    export_markets: [JP, 'a?b']",
    "    jobs_created: {\u3000}",
    "    jobs_created: {2024: 1?}",
    "    export_markets:\n    - JP",
    "    export_markets:\n      - JP\n      - KZ",
    "    export_markets:\n      - JP\n        - KZ",
    "    export_markets:\n      - JP\n     - KZ",
    "    export_markets:\n      # markets\n      - JP",
    "    export_markets:\n      - [JP]",
    "    export_markets:\n      -",
    "    jobs_created: {2024: 1,2025: 2}",
    "    jobs_created: {2024:1}",
    "    jobs_created: {}",
    '    jobs_created: {"2024": 1}',
    "    jobs_created: {2024: 1, 2024: 2}",
    "    jobs_created: {2024: }",
    "    jobs_created:\n      2024: 1\n      2025: 2",
    "    jobs_created:\n      2024: 1\n       2025: 2",
    "    jobs_created:\n      2024: 1\n\n      # more\n      2025: 2",
    "    jobs_created:\n      2024:\n      2025: 2",
    "    jobs_created:\n      - 2024",
    "    note: |\n      a\n\n      b\n",
    "    note: |-\n      a  \n      b",
    "    note: |\n      a\n        b",
    "    note: >\n      a\n      b\n\n",
    "    note: >-\n      a\n\n      b",
    "    note: >-\n      a\n        b",
    "    note: >-\n        a\n      b",
    "    note: |+\n      a\n",
    "    note: |2\n        a",
    "    note: | # c\n      a",
    "    note: |x\n      a",
    "    note: |\n      # not a comment\n      a",
    "    note: |\n       \n      a",
    "    note: |\n\n      a",
    "    note: |\n    a",
    "    note: |",
    "    id: twice",
    "    Name: A",
    "    2024: 1",
    "    ? name_ja\n    : A",
    "    name_ja : A",
]


def test_each_line_is_read_as_the_ordinary_way_reads_it() -> None:
    taken = 0
    for line in LINES:
        try:
            taken += _same_both_ways(_with_line(BUNDLED, line))
        except AssertionError as error:
            raise AssertionError(f"{line!r}: {error}") from None
    assert taken > 20  # the fast path reads the plain ones


def test_a_clipped_note_at_the_end_of_a_file_without_a_last_line_break_keeps_none() -> None:
    for note in ("|\n      a\n\n      b", ">\n      a\n      b", "|\n      a"):
        data = _with_line(BUNDLED, f"    note: {note}").rstrip(b"\n")  # the note ends the file
        data = data[: data.rindex(b"\n    note:")] + data[data.rindex(b"\n    name:") :]
        data += f"\n    note: {note}".encode()
        assert _same_both_ways(data), note


def test_what_follows_the_list_sends_the_file_the_ordinary_way() -> None:
    data = BUNDLED + b"schema: 1\n"
    assert _outcome(loader._in_common_shape, data) is None
    assert _same_both_ways(BUNDLED.replace(b"\nresidents:\n", b"\nresidents:\n---\n")) is False


_SIGNIFICANT = st.sampled_from(
    [
        *(" ", "  ", "#", " #", "'", '"', ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "|"),
        *(">", "\t", "\\", "&a ", "*a", "!", "\n", "\n      ", "\n    ", "\n  - ", "~", "0x"),
        "\u2028",
    ]
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100)
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), _SIGNIFICANT), min_size=1, max_size=4))
@example([(0.5, "\n    note: >-\n      a\n      b")])
def test_characters_inserted_anywhere_in_the_list_read_the_same_both_ways(
    inserts: list[tuple[float, str]],
) -> None:
    text = GENERATED.decode()
    start = text.index("\nresidents:\n")
    for where, piece in inserts:
        at = start + int(where * (len(text) - start))
        text = text[:at] + piece + text[at:]
    _same_both_ways(text.encode())


def test_a_value_with_more_problems_than_are_reported_is_reported_the_ordinary_way() -> None:
    markets = ", ".join(["XX"] * 1100)
    data = _with_line(BUNDLED, f"    export_markets: [JP, {markets}]")
    assert _same_both_ways(data, loaded=True) is False
    assert "uzit stops after 1,000" in str(_outcome(loader.parse_registry, data))
