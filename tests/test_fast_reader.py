"""The loader's fast paths give what the general ones give (benchmarks/README.md says why they
exist): the tag of common plain scalars, and each record's fast reader."""

from __future__ import annotations

import itertools

import yaml
from yaml.resolver import Resolver

from uzit_cli.registry import bundled_registry_path, parse_registry
from uzit_cli.registry import yamlnodes as nodes
from uzit_cli.registry.reader import Reading
from uzit_cli.registry.specs import RESIDENT
from uzit_cli.registry.yamlnodes import parse_nodes


def test_common_plain_scalars_get_the_tag_pyyaml_gives() -> None:
    resolver = Resolver()
    pieces = ["0", "1", "9", "07", "10", "2024", ".", "-", "_", "e3", ":30", "123456789"]
    checked = 0
    for length in range(1, 5):
        for parts in itertools.product(pieces, repeat=length):
            value = "".join(parts)
            if nodes._COMMON_PLAIN.fullmatch(value) is None:
                continue
            checked += 1
            expected = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            assert nodes.resolve_plain(value) == expected, value
    assert checked > 100


def test_a_record_with_a_problem_is_left_to_the_generic_reader_untouched() -> None:
    text = "id: a\nname: A\njoined: 2024-01-02\ncity: X\nsectors: [b, b]\n"
    text += "exports_to_japan: false\nsources: [s]\n"
    node = parse_nodes(text.encode())
    assert node is not None and RESIDENT.fast is not None
    reading = Reading("x")
    assert RESIDENT.fast(reading, node, ("residents", 0)) is None
    assert reading.problems == [] and reading.contexts == {}  # nothing reported or remembered
    RESIDENT.read_record(reading, node, ("residents", 0))
    assert [p.code for p in reading.problems] == ["listed-twice"]


def test_the_fast_reader_builds_the_records_the_generic_one_does() -> None:
    data = bundled_registry_path().read_bytes()
    fast = parse_registry(data).residents
    fields = RESIDENT.fast
    object.__setattr__(RESIDENT, "fast", None)
    try:
        generic = parse_registry(data).residents
    finally:
        object.__setattr__(RESIDENT, "fast", fields)
    assert fast == generic
    assert [(r.line, r.column) for r in fast] == [(r.line, r.column) for r in generic]


def test_the_ascii_url_pattern_reads_ascii_as_the_case_insensitive_one() -> None:
    import re

    from uzit_cli.registry.forms import _SIMPLE_URL, SIMPLE_URL, simple_unicode_url

    general = re.compile(_SIMPLE_URL, re.IGNORECASE)
    pieces = ["h", "H", "t", "T", "p", "P", "s", "S", "://", "a", "Z", "0", "-", ".", "/", "?", " "]
    pieces += ["x-y", "k", "#", ":", "http://", "HTTPS://", "ex.com"]
    checked = 0
    for length in range(1, 5):
        for parts in itertools.product(pieces, repeat=length):
            value = "".join(parts)
            assert bool(SIMPLE_URL.match(value)) == bool(general.match(value)), value
            checked += 1
    for value in ("https://\u017fite.com", "http\u017f://a.b", "https://\u212aelvin.org"):
        assert simple_unicode_url(value) and general.match(value)  # not ASCII: the general one
    assert checked > 10_000
