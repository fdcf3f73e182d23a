"""The loader's fast paths give what the general ones give (benchmarks/README.md says why they
exist): the tag of common plain scalars, and each record's fast reader."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import pytest
import yaml
from yaml.resolver import Resolver

from uzit_cli.registry import bundled_registry_path, parse_registry, yaml_problems
from uzit_cli.registry import yamlnodes as nodes
from uzit_cli.registry.reader import Reading
from uzit_cli.registry.specs import RESIDENT
from uzit_cli.registry.yaml_problems import YamlProblem
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


def _generated(count: int, seed: int) -> bytes:
    """A registry from benchmarks/generate.py (loaded by path, as tests/benchmark_inputs.py
    loads its neighbour): flow and block lists and year maps, quoted, folded and literal
    values."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("benchmarks_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.generate(count, seed=seed)).encode()


def test_the_fast_readers_build_the_records_the_generic_one_does() -> None:
    for data in (bundled_registry_path().read_bytes(), _generated(300, 5)):
        fast = parse_registry(data).residents
        fields, pairs = RESIDENT.fast, RESIDENT.fast_pairs
        object.__setattr__(RESIDENT, "fast", None)
        object.__setattr__(RESIDENT, "fast_pairs", None)
        try:
            generic = parse_registry(data).residents
        finally:
            object.__setattr__(RESIDENT, "fast", fields)
            object.__setattr__(RESIDENT, "fast_pairs", pairs)
        assert fast == generic
        assert [(r.line, r.column) for r in fast] == [(r.line, r.column) for r in generic]


def _shape(node: nodes.Node) -> object:
    """A node as plain values, positions included."""
    if isinstance(node, nodes.Scalar):
        return (node.value, node.tag, node.plain, node.line, node.column)
    if isinstance(node, nodes.SequenceNode):
        return (node.line, node.column, [_shape(item) for item in node.items])
    return (node.line, node.column, [(_shape(k), _shape(v)) for k, v in node.pairs])


def test_flat_residents_are_read_as_their_nodes_say() -> None:
    data = _generated(200, 7)
    walked: list[object] = []
    parse_nodes(data, lambda node: walked.append(_shape(node)))
    flat: list[object] = []

    def read_flat(pairs: list[tuple[str, nodes.Node]], mark: object) -> bool:
        flat.append([(name, _shape(value)) for name, value in pairs])
        return True

    assert parse_nodes(data, lambda node: None, read_flat) is not None
    assert len(flat) == len(walked) == 200
    for seen, resident in zip(flat, walked, strict=True):
        assert isinstance(resident, tuple)
        assert seen == [(key[0], value) for key, value in resident[2]]


def test_a_resident_the_flat_reader_refuses_is_walked_again_whole() -> None:
    # each leaves the flat shape at another point: an anchor, an alias, a tag in a list, a
    # mapping nested deeper, an empty value, a quoted key
    odd = [
        "id: p1\n    name: &n N",
        "id: p2\n    name: *n",
        "id: p3\n    sectors: [a, !!str b]",
        "id: p4\n    jobs_created: {2024: {a: 1}}",
        "id: p5\n    note:",
        "id: p6\n    'name': N",
    ]
    data = _generated(50, 1) + "".join(f"  - {text}\n" for text in odd).encode()
    walked: list[object] = []
    parse_nodes(data, lambda node: walked.append(_shape(node)))
    again: list[object] = []
    offered = []

    def read_flat(pairs: list[tuple[str, nodes.Node]], mark: object) -> bool:
        offered.append(pairs)
        return len(offered) % 2 == 0  # every other resident is handed back

    parse_nodes(data, lambda node: again.append(_shape(node)), read_flat)
    assert len(walked) == 56 and len(offered) == 50  # the odd ones never reach read_flat
    assert again == walked[0:50:2] + walked[50:]


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


@pytest.mark.skipif(not nodes.HAS_C_PARSER, reason="PyYAML without libyaml")
def test_the_c_parser_gets_its_own_event_classes_back() -> None:
    import yaml._yaml as c_module

    data = _generated(20, 2)
    inner: list[object] = []

    def resident(node: nodes.Node) -> None:  # a parse inside a parse keeps the light events
        inner.append(_shape(parse_nodes(b"a: [1, 2]")))  # type: ignore[arg-type]

    root = parse_nodes(data, resident)
    assert root is not None and len(inner) == 20
    with pytest.raises(YamlProblem):
        parse_nodes(b"a: [1, 2\n")
    assert vars(c_module)["ScalarEvent"] is yaml.ScalarEvent
    assert vars(c_module)["MappingStartEvent"] is yaml.MappingStartEvent
    assert yaml.load(b"a: [1, 2]", Loader=yaml.CSafeLoader) == {"a": [1, 2]}


@pytest.mark.parametrize(
    ("bound", "value"),
    [("MAX_DEPTH", 3), ("MAX_HELD_NODES", 20), ("MAX_SCALAR_LENGTH", 30), ("MAX_RESIDENTS", 1)],
)
def test_a_bound_is_reported_where_the_walk_reports_it(
    bound: str, value: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_problems, bound, value)
    # each bound is crossed inside the second resident, which a syntax error ends
    sectors, note = ", ".join(["s"] * 20), "n" * 40
    data = (
        "schema: 1\nresidents:\n  - {id: a, city: T}\n"
        f"  - id: b\n    sectors: [{sectors}]\n    note: {note}\n    city: 'unclosed\n"
    ).encode()

    def problem(read_flat: nodes.ReadFlat | None) -> tuple[int, int, str]:
        with pytest.raises(YamlProblem) as caught:
            parse_nodes(data, lambda node: None, read_flat)
        return caught.value.line, caught.value.column, str(caught.value.message)

    walked = problem(None)
    assert problem(lambda pairs, mark: True) == walked
    assert "quote" not in walked[2]  # the bound came first
