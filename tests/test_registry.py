"""The loader, rule by rule: each broken rule is reported at the exact line and column.

Positions are computed from the text itself (`where(text, needle)`), so each test says which
token the problem must point at.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from pathlib import Path

import pytest

from uzit_cli.problems import Problem, RegistryError
from uzit_cli.registry import (
    bundled_registry_path,
    display_path,
    load_registry,
    parse_registry,
    rules,
    yaml_problems,
    yamlnodes,
)
from uzit_cli.registry.limits import MAX_PROBLEMS
from uzit_cli.registry.reader import Reading

BASE = """\
schema: 1
registry:
  title: Test registry
  as_of: 2025-02-28
  illustrative: true
  sources:
    - id: src
      title: A source
      publisher: A publisher
      url: https://example.org/a
      published: 2025-02-28
      note: Checked.
  published:
    - {metric: residents, value: 2, source: src}
    - {metric: jobs_created, year: 2024, value: 12, source: src}
  targets:
    - metric: residents
      factor: 2
      by: 2030
      source: src
      note: the year is an assumption
    - metric: japan_it_shortage
      value: 790000
      year: 2030
      source: src
residents:
  - id: alpha-systems
    name: Alpha Systems
    name_ja: アルファ・システムズ
    joined: 2024-04-15
    city: Tashkent
    sectors: [outsourcing, software-development]
    exports_to_japan: true
    export_markets: [JP, US]
    headcount: 14
    jobs_created: {2024: 12}
    export_revenue_usd: {2024: 150000.5}
    website: https://alpha.example
    sources: [src]
    note: Invented for the tests.
  - id: beta-games
    name: Beta Games
    joined: 2024-09-02
    city: Samarkand
    sectors: [gamedev]
    exports_to_japan: false
"""


def where(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Line and column (from 1) of the nth occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def problems(text: str | bytes) -> list[Problem]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(RegistryError) as caught:
        parse_registry(data, "r.yaml")
    return list(caught.value.problems)


def only(text: str | bytes) -> Problem:
    found = problems(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def edited(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def assert_problem(text: str, needle: str, *words: str, nth: int = 1, within: str = "") -> Problem:
    """Exactly one problem, at `needle`, whose message holds every one of `words`.

    With `within`, the needle is looked for inside the first occurrence of that text.
    """
    problem = only(text)
    if within:
        line, column = where(text, within)
        expected = (line, column + within.index(needle))
    else:
        expected = where(text, needle, nth)
    assert (problem.line, problem.column) == expected, str(problem)
    for word in words:
        assert word in problem.message, (word, problem.message)
    assert problem.path == "r.yaml"
    return problem


# -- what loads ---------------------------------------------------------------------------------


def test_the_base_registry_loads_with_every_field() -> None:
    registry = parse_registry(BASE.encode())
    alpha, beta = registry.residents
    assert registry.schema == 1
    assert registry.info.as_of == dt.date(2025, 2, 28) and registry.info.illustrative is True
    assert alpha.joined == dt.date(2024, 4, 15)
    assert alpha.sectors == ("outsourcing", "software-development")
    assert alpha.export_markets == ("JP", "US")
    assert alpha.jobs_created == {2024: 12} and alpha.export_revenue_usd == {2024: 150000.5}
    assert (alpha.headcount, alpha.website, alpha.sources) == (
        14,
        "https://alpha.example",
        ("src",),
    )
    assert (beta.name_ja, beta.export_markets, beta.headcount, beta.note) == (None,) * 4
    assert beta.jobs_created == {} and beta.sources == ()
    figure = registry.info.published[1]
    assert (figure.metric, figure.year, figure.value) == ("jobs_created", 2024, 12)
    assert (figure.line, figure.column) == where(BASE, "{metric: jobs_created")
    factor, shortage = registry.info.targets
    assert (factor.factor, factor.by, factor.value) == (2, 2030, None)
    assert (shortage.value, shortage.year, shortage.factor) == (790000, 2030, None)
    with pytest.raises(TypeError):
        alpha.jobs_created[2025] = 1  # type: ignore[index]


def test_the_bundled_registry_reproduces_the_published_figures() -> None:
    registry = load_registry(bundled_registry_path())
    residents = registry.residents
    assert len(residents) == 10
    assert sum(r.exports_to_japan for r in residents) == 5
    jobs_2024 = [r.jobs_created[2024] for r in residents if 2024 in r.jobs_created]
    assert (len(jobs_2024), sum(jobs_2024)) == (9, 87)
    assert registry.info.as_of == dt.date(2025, 2, 28)
    assert registry.info.illustrative is True
    assert len(registry.info.sources) == 4
    published = {(f.metric, f.year): f.value for f in registry.info.published}
    assert published == {
        ("residents", None): 10,
        ("exporting_to_japan", None): 5,
        ("jobs_created", 2024): 87,
    }
    assert {t.metric for t in registry.info.targets} == {"residents", "japan_it_shortage"}


def test_the_bundled_registry_loads_the_same_with_the_pure_python_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_c = load_registry(bundled_registry_path())
    monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    assert load_registry(bundled_registry_path()) == with_c


def test_keys_in_any_order_and_an_empty_residents_list() -> None:
    header, residents = BASE.split("residents:\n")
    registry = parse_registry(("residents:\n" + residents + header).encode())
    assert [r.id for r in registry.residents] == ["alpha-systems", "beta-games"]
    assert parse_registry((header + "residents: []\n").encode()).residents == ()


# -- the top level ------------------------------------------------------------------------------


def test_schema_other_than_1_names_the_supported_versions() -> None:
    text = edited("schema: 1", "schema: 2")
    assert_problem(text, "2", "schema 2 is not supported", "this uzit reads schema 1")


def test_schema_as_text_says_what_to_write() -> None:
    text = edited("schema: 1", 'schema: "1"')
    assert_problem(text, '"1"', "schema: expected the format version, 1", "write 1")


@pytest.mark.parametrize("key", ["schema", "registry", "residents"])
def test_each_top_level_key_is_required(key: str) -> None:
    lines = BASE.splitlines(keepends=True)
    if key == "schema":
        text = "".join(lines[1:])
    elif key == "registry":
        text = lines[0] + BASE[BASE.index("residents:") :]
    else:
        text = BASE[: BASE.index("residents:")]
    problem = only(text)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message == f"the registry file is missing the required key '{key}'"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- schema: 1\n", "not a list"),
        ("just text\n", "not the text 'just text'"),
        ("42\n", "not the number 42"),
    ],
)
def test_the_top_level_must_be_a_mapping(text: str, words: str) -> None:
    problem = only(text)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("the registry file must be a mapping") and words in str(
        problem
    )


@pytest.mark.parametrize("value", ["null", "~", ""])
def test_residents_null_says_to_write_an_empty_list(value: str) -> None:
    text = BASE[: BASE.index("residents:")] + f"residents: {value}\n"
    problem = only(text)
    assert problem.line == where(text, "residents:")[0]
    assert problem.message.startswith("residents: expected a list of residents")
    assert problem.message.endswith("write [] for none")


def test_residents_that_are_not_mappings_are_each_reported() -> None:
    text = edited("  - id: beta-games\n", "  - beta-games\n  - [a, b]\n  - id: beta-games\n")
    first, second = problems(text)
    assert (first.line, first.column) == where(text, "beta-games")
    assert first.message == (
        "a resident must be a mapping of 'key: value' lines, not the text 'beta-games'"
    )
    assert (second.line, second.column) == where(text, "[a, b]")
    assert second.message.endswith("not a list")


# -- keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where_key", "suggestion"),
    [
        (
            "exports_to_japan: false",
            "exports_to_japn: false",
            "exports_to_japn",
            "exports_to_japan",
        ),
        ("  as_of:", "  asof:", "asof", "as_of"),
        ("      publisher:", "      publsher:", "publsher", "publisher"),
        ("    - metric: residents\n", "    - metrc: residents\n", "metrc", "metric"),
        ("{metric: residents, value: 2", "{metric: residents, valeu: 2", "valeu", "value"),
        ("residents:\n", "Residents:\n", "Residents", "residents"),
        ("    headcount: 14", "    head count: 14", "head count", "headcount"),
    ],
)
def test_unknown_keys_name_the_closest_known_key(
    old: str, new: str, where_key: str, suggestion: str
) -> None:
    text = edited(old, new)
    problem = assert_problem(text, where_key, f"did you mean '{suggestion}'?")
    assert problem.message.startswith(f"unknown key '{where_key}' in ")


def test_an_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    text = edited("    city: Samarkand\n", "    city: Samarkand\n    zzz: 1\n")
    assert_problem(text, "zzz", "unknown key 'zzz' in a resident; known keys: id, name, name_ja")


@pytest.mark.parametrize(
    ("old", "new", "key", "record"),
    [
        ("schema: 1\n", "schema: 1\nschema: 2\n", "schema", "the registry file"),
        ("  title: Test registry\n", "  title: Test registry\n  title: Again\n", "title", "registry"),  # noqa: E501
        ("      title: A source\n", "      title: A source\n      title: B\n", "title", "a source"),
        ("{metric: residents, value: 2,", "{metric: residents, value: 2, value: 3,", "value", "a published figure"),  # noqa: E501
        ("      by: 2030\n", "      by: 2030\n      by: 2031\n", "by", "a target"),
        ("    city: Samarkand\n", '    city: Samarkand\n    "city": Bukhara\n', "city", "a resident"),  # noqa: E501
    ],
)  # fmt: skip
def test_duplicate_keys_at_every_level(old: str, new: str, key: str, record: str) -> None:
    text = edited(old, new)
    second = new[len(old) :] if new.startswith(old) else new
    needle = '"city"' if key == "city" else key
    assert_problem(
        text, needle, f"the key '{key}' appears twice in {record}; keep one", within=second
    )


def test_duplicate_year_keys_even_when_one_is_quoted() -> None:
    text = edited("jobs_created: {2024: 12}", 'jobs_created: {2024: 12, "2024": 1}')
    assert_problem(text, '"2024"', "jobs_created: the year 2024 appears twice")


def test_required_keys_of_a_resident_are_named_with_its_id() -> None:
    text = edited("    city: Samarkand\n", "")
    text = edited("    joined: 2024-09-02\n", "", text)
    assert_problem(
        text,
        "id: beta-games",
        "the resident 'beta-games' is missing the required keys 'joined', 'city'",
    )


@pytest.mark.parametrize(
    ("record", "old", "needle", "message"),
    [
        ("registry", "  as_of: 2025-02-28\n", "title: Test", "registry is missing the required key 'as_of'"),  # noqa: E501
        ("source", "      publisher: A publisher\n", "id: src", "the source 'src' is missing the required key 'publisher'"),  # noqa: E501
        ("figure", "value: 2, ", "{metric: residents", "a published figure is missing the required key 'value'"),  # noqa: E501
        ("target", "      source: src\n      note", "metric: residents\n", "a target is missing the required key 'source'"),  # noqa: E501
    ],
)  # fmt: skip
def test_required_keys_elsewhere(record: str, old: str, needle: str, message: str) -> None:
    text = edited(old, "" if record != "target" else "      note")
    assert_problem(text, needle, message)


def test_a_typo_of_a_required_key_is_reported_once() -> None:
    text = edited("    city: Samarkand", "    ctiy: Samarkand")
    problem = assert_problem(text, "ctiy", "did you mean 'city'?")
    assert "missing" not in problem.message


def test_merge_keys_are_refused_clearly() -> None:
    text = edited("  - id: beta-games\n", "  - <<: {city: Samarkand}\n    id: beta-games\n")
    assert_problem(text, "<<", "merge keys ('<<') are not supported; write the keys out in full")


# -- tags, anchors, aliases ----------------------------------------------------------------------


def test_python_tags_are_refused_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    value = f"!!python/object/apply:os.system ['touch {marker}']"
    text = edited("city: Samarkand", f"city: {value}")
    assert_problem(text, "!!python", "the tag '!!python/object/apply:os.system' is not allowed")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!binary U2FtYXJrYW5k", "!!binary"),
        ("!city Samarkand", "!city"),
        ("!<tag:example.com,2024:city> Samarkand", "tag:example.com,2024:city"),
        ("!!set {a}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!map [a]", "!!map"),
    ],
)
def test_only_standard_tags_that_fit_are_allowed(value: str, tag: str) -> None:
    text = edited("city: Samarkand", f"city: {value}")
    assert_problem(text, value[:2], f"the tag '{tag}' is not allowed")


def test_standard_tags_that_fit_their_value_are_fine() -> None:
    text = edited("city: Samarkand", "city: !!str Samarkand")
    text = edited("headcount: 14", 'headcount: !!int "14"', text)
    text = edited("joined: 2024-04-15", "joined: !!timestamp 2024-04-15", text)
    text = edited("sectors: [gamedev]", "sectors: !!seq [gamedev]", text)
    registry = parse_registry(text.encode())
    assert registry.residents[0].headcount == 14
    assert registry.residents[1].city == "Samarkand"


def test_a_standard_tag_that_does_not_fit_is_refused() -> None:
    text = edited("headcount: 14", "headcount: !!int fourteen")
    assert_problem(text, "!!int", "the tag '!!int' does not fit the value 'fourteen'")


def test_anchors_and_aliases_are_allowed_within_bounds() -> None:
    text = edited("sectors: [outsourcing, software-development]", "sectors: &s [outsourcing]")
    text = edited("sectors: [gamedev]", "sectors: *s", text)
    registry = parse_registry(text.encode())
    assert registry.residents[1].sectors == ("outsourcing",)


def test_an_alias_bomb_is_stopped_at_the_alias_that_crosses_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yaml_problems, "MAX_ALIAS_NODES", 50)
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a]"]
    text = edited("residents:", "\n".join(lines) + "\nresidents:")
    # each *a repeats 10 values: the sixth one passes 50
    assert_problem(text, "*a", "aliases repeat more than 50 values", nth=6)


@pytest.mark.parametrize(("limit", "crossed"), [(181, "*b}"), (182, "*c]"), (306, "*c]")])
def test_aliases_of_aliases_count_every_value_they_repeat(
    monkeypatch: pytest.MonkeyPatch, limit: int, crossed: str
) -> None:
    monkeypatch.setattr(yaml_problems, "MAX_ALIAS_NODES", limit)
    lines = [
        "a: &a [x, x, x, x, x, x, x, x, x]",  # 10 values with the list itself
        "b: &b [*a, *a, *a, *a, *a, *a]",  # 6 x 10 repeated: 60; b holds 61
        "c: &c {k: *b, l: *b}",  # 2 x 61 more: 182; c holds 1 + 2 x (1 + 61) = 125
        "d: [*c]",  # 125 more: 307
    ]
    text = edited("residents:", "\n".join(lines) + "\nresidents:")
    assert_problem(text, crossed, f"aliases repeat more than {limit} values")


def test_aliases_within_the_bound_are_no_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_problems, "MAX_ALIAS_NODES", 307)
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a]"]
    lines += ["c: &c {k: *b, l: *b}", "d: [*c]"]
    text = edited("residents:", "\n".join(lines) + "\nresidents:")
    assert not any("aliases repeat" in problem.message for problem in problems(text))


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    text = edited("sectors: [gamedev]", "sectors: &loop [gamedev, *loop]")
    assert_problem(text, "*loop", "the alias *loop refers to a value that contains it")


def test_an_alias_without_anchor_is_refused() -> None:
    text = edited("sources: [src]", "sources: *nothing")
    assert_problem(text, "*nothing", "refers to no anchor")


# -- limits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["flow", "block", "mapping"])
def test_deep_nesting_is_one_located_line(form: str) -> None:
    depth = yaml_problems.MAX_DEPTH
    if form == "flow":
        text = "schema: " + "[" * (depth + 5) + "]" * (depth + 5) + "\n"
        expected = (1, 9 + depth - 1)  # the root mapping is the first level
    elif form == "block":
        text = "schema:\n" + "- " * (depth + 5) + "x\n"
        expected = (2, 2 * depth - 1)
    else:
        text = "schema: " + "{a: " * (depth + 5) + "}" * (depth + 5) + "\n"
        expected = (1, 9 + 4 * (depth - 1))
    problem = only(text)
    assert (problem.line, problem.column) == expected
    assert problem.message.startswith("nested too deeply")


def test_a_value_longer_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_problems, "MAX_SCALAR_LENGTH", 1000)
    text = edited("note: Invented for the tests.", "note: " + "x" * 1001)
    assert_problem(text, "x" * 1001, "a value of 1,001 characters is longer than the 1,000")


def test_too_many_values_held_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_problems, "MAX_HELD_NODES", 100)
    text = edited("sectors: [gamedev]", "sectors: [" + ", ".join(["x"] * 200) + "]")
    problem = only(text)
    assert problem.message.startswith("more than 100 values outside the residents list")


def test_many_residents_are_not_held_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_problems, "MAX_HELD_NODES", 200)
    header, resident = BASE.split("residents:\n")[0], BASE.split("residents:\n")[1]
    body = "".join(resident.replace("alpha-systems", f"a{i}").replace("beta-games", f"b{i}")
                   for i in range(50))  # fmt: skip
    registry = parse_registry((header + "residents:\n" + body).encode())
    assert len(registry.residents) == 100


def test_too_many_residents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_problems, "MAX_RESIDENTS", 1)
    assert_problem(BASE, "id: beta-games", "more than 1 residents")


def test_a_file_larger_than_the_limit_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("uzit_cli.registry.files.MAX_FILE_BYTES", 2**20)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2**20 + 1))
    with pytest.raises(RegistryError) as caught:
        load_registry(big, display="big.yaml")
    assert str(caught.value) == (
        "big.yaml:1:1: the file is larger than 1 MiB; a registry is far smaller "
        "(is this the right file?)"
    )


def test_problems_stop_at_a_thousand() -> None:
    resident = (
        "  - {id: r%d, name: =R, joined: 2024-01-01, city: T, sectors: [x], exports_to_japan: 1}\n"
    )
    text = BASE[: BASE.index("residents:")] + "residents:\n"
    text += "".join(resident % i for i in range(MAX_PROBLEMS))
    found = problems(text)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1].message == "more problems follow; uzit stops after 1,000 (fix these first)"


def test_a_thousand_residents_load_in_order() -> None:
    # benchmarks/guards.py times 10,000 residents against a budget
    header = BASE.split("residents:\n")[0]
    resident = BASE.split("residents:\n")[1].split("  - id: beta-games")[0]
    body = "".join(resident.replace("alpha-systems", f"r-{i}") for i in range(1_000))
    registry = parse_registry((header + "residents:\n" + body).encode())
    assert [r.id for r in registry.residents] == [f"r-{i}" for i in range(1_000)]


# -- bytes and characters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty; a registry starts with `schema: 1`"),
        (b" \n\t\n", "the file is empty; a registry starts with `schema: 1`"),
        (b"\xef\xbb\xbf", "the file is empty; a registry starts with `schema: 1`"),
        (b"# only a comment\n", "the file holds no YAML values; a registry starts with `schema: 1`"),  # noqa: E501
        ("\ufeffschema: 1\n".encode("utf-16"), "the file is UTF-16; save it as UTF-8"),
        ("\ufeffschema: 1\n".encode("utf-32"), "the file is UTF-32; save it as UTF-8"),
        ("schema: 1\n".encode("utf-16-be"), "the file starts with NUL bytes"),
        (b"PK\x03\x04\x14\x00", "the file is a ZIP archive (an .xlsx workbook?)"),
        (b"SQLite format 3\x00\x10", "the file is an SQLite database, not a YAML registry"),
    ],
)  # fmt: skip
def test_files_that_are_not_a_registry_at_all(data: bytes, message: str) -> None:
    problem = only(data)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith(message)


def test_invalid_utf8_position_and_offset() -> None:
    data = BASE.encode().replace(b"Samarkand", b"Samark\xe4nd")
    offset = data.index(b"\xe4")
    line, column = where(BASE, "Samarkand")
    problem = only(data)
    assert (problem.line, problem.column) == (line, column + 6)
    assert problem.message == (
        f"not UTF-8: the byte 0xE4 at offset {offset} is not valid UTF-8; save the file as UTF-8"
    )


def test_shift_jis_gets_a_hint() -> None:
    data = BASE.encode("shift_jis")
    assert "(it looks like Shift_JIS)" in only(data).message


def test_a_bom_and_crlf_line_endings_are_fine() -> None:
    plain = parse_registry(BASE.encode())
    assert parse_registry(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode()) == plain


def test_positions_after_a_bom_and_crlf() -> None:
    text = edited("city: Samarkand", "city: yes")
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    problem = only(data)
    assert (problem.line, problem.column) == where(text, "yes")


@pytest.mark.parametrize(
    ("char", "words"),
    [
        ("\x00", "a NUL byte"),
        ("\x1b", "control character U+001B (escape) in the file"),
        ("\x7f", "control character U+007F (delete) in the file"),
        ("\x9b", "control character U+009B in the file"),
        ("\x85", "U+0085 (next line): YAML reads it as a line break but editors do not"),
        ("\u2028", "U+2028 (line separator): YAML reads it as a line break"),
        ("\u2029", "U+2029 (paragraph separator)"),
        ("\ufeff", "U+FEFF (byte order mark) inside the file"),
        ("\uffff", "U+FFFF is not a character"),
    ],
)
def test_raw_characters_that_are_refused_before_parsing(char: str, words: str) -> None:
    text = edited("Samarkand", "Samar" + char + "kand")
    problem = only(text)
    line, column = where(text, "Samar")
    assert (problem.line, problem.column) == (line, column + 5)
    assert words in problem.message


# -- YAML 1.1 surprises ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("[JP, US]", "[JP, NO]", "NO", ["expected a two-letter country code, not NO, which YAML 1.1 reads as false", 'quote it: "NO"']),  # noqa: E501
        ("city: Samarkand", "city: yes", "yes", ["city: expected text, not yes, which YAML 1.1 reads as true", 'quote it: "yes"']),  # noqa: E501
        ("city: Samarkand", "city: 0x1A", "0x1A", ["reads as the number 26", 'quote it: "0x1A"']),
        ("city: Samarkand", "city: 1_000", "1_000", ["reads as the number 1000", 'quote it: "1_000"']),  # noqa: E501
        ("name: Beta Games", "name: 2024-01-01", "2024-01-01", ["which YAML reads as a date", 'quote it: "2024-01-01"']),  # noqa: E501
        ("name: Beta Games", "name: 12:30", "12:30", ["reads as the number 750", 'quote it: "12:30"']),  # noqa: E501
        ("name: Beta Games", "name: null", "null", ["which YAML reads as an empty value", 'quote it: "null"']),  # noqa: E501
        ("headcount: 14", "headcount: 0x1A", "0x1A", ["headcount: write 26 as a plain decimal number"]),  # noqa: E501
        ("headcount: 14", "headcount: 1_000", "1_000", ["headcount: write 1000 as a plain decimal number"]),  # noqa: E501
        ("headcount: 14", "headcount: 014", "014", ["YAML 1.1 reads '014' as 12"]),
        ("headcount: 14", "headcount: 1e3", "1e3", ["not the text '1e3'; write 1000"]),
        ("headcount: 14", "headcount: 14.0", "14.0", ["expected a whole number, not the number 14.0; write 14"]),  # noqa: E501
        ("{2024: 150000.5}", "{2024: 1.5e6}", "1.5e6", ["expected a number, not the text '1.5e6'; write 1500000"]),  # noqa: E501
        ("{2024: 150000.5}", "{2024: .inf}", ".inf", ["expected a finite number, not '.inf'"]),
        ("{2024: 150000.5}", "{2024: .NaN}", ".NaN", ["expected a finite number"]),
        ("{2024: 150000.5}", "{2024: 1_500.5}", "1_500.5", ["write 1500.5 as a plain decimal number"]),  # noqa: E501
        ("{2024: 150000.5}", "{2024: 1:30.5}", "1:30.5", ["write 90.5 as a plain decimal number"]),
        ("exports_to_japan: false", "exports_to_japan: 'false'", "'false'", ["expected true or false, not the quoted text 'false'; remove the quotes: false"]),  # noqa: E501
        ("exports_to_japan: false", "exports_to_japan: n", "n\n", ["write false: YAML 1.1 reads 'n' as false"]),  # noqa: E501
    ],
)  # fmt: skip
def test_yaml_11_surprises_say_how_to_write_the_value(
    old: str, new: str, needle: str, words: list[str]
) -> None:
    text = edited(old, new)
    assert_problem(text, needle, *words, within=new + "\n" if needle == "n\n" else new)


def test_yaml_11_booleans_are_refused_with_the_yaml_12_spelling() -> None:
    text = edited("exports_to_japan: false", "exports_to_japan: No")
    text = edited("  illustrative: true", "  illustrative: YES", text)
    with pytest.raises(RegistryError) as caught:
        parse_registry(text.encode())
    assert [(p.code, p.message) for p in caught.value.problems] == [
        ("yaml-versions", "illustrative: write true: YAML 1.1 reads 'YES' as true, YAML 1.2 as text"),  # noqa: E501
        ("yaml-versions", "exports_to_japan: write false: YAML 1.1 reads 'No' as false, YAML 1.2 as text"),  # noqa: E501
    ]  # fmt: skip


def test_yaml_12_booleans_in_any_case_are_read() -> None:
    text = edited("exports_to_japan: false", "exports_to_japan: FALSE")
    registry = parse_registry(edited("  illustrative: true", "  illustrative: True", text).encode())
    assert registry.residents[1].exports_to_japan is False and registry.info.illustrative is True


# -- dates and years ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2023-02-29", "2023-02-29 is not a date: February 2023 has 28 days"),
        ("2024-02-30", "2024-02-30 is not a date: February 2024 has 29 days"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("2024-13-01", "no month 13"),
        ("2024-00-10", "no month 0"),
        ("0000-01-01", "there is no year 0"),
        ('"2024-02-30"', "February 2024 has 29 days"),
        ("2024-09-02 10:30:00", "expected a date without a time, not '2024-09-02 10:30:00'; write 2024-09-02"),  # noqa: E501
        ("2024-09-02T10:30:00Z", "expected a date without a time"),
        ("2024/9/2", "expected a date written YYYY-MM-DD, not the text '2024/9/2'; write 2024-09-02"),  # noqa: E501
        ("02.09.2024", "not the text '02.09.2024'; write 2024-09-02"),  # dots: day first
        ("13/9/2024", "not the text '13/9/2024'; write 2024-09-13"),  # 13 is no month
        ("02/09/2024", "not the text '02/09/2024'\n"),  # 9 February or 2 September: no guess
        ("2024/2/30", "not the text '2024/2/30'\n"),  # no such day: no rewrite
        ("September 2024", "expected a date written YYYY-MM-DD"),
        ("2024", "expected a date (YYYY-MM-DD), not the number 2024"),
    ],
)  # fmt: skip
def test_impossible_and_malformed_dates(value: str, words: str) -> None:
    text = edited("joined: 2024-09-02", f"joined: {value}")
    problem = assert_problem(text, value, words.rstrip("\n"), within=f"joined: {value}\n")
    if words.endswith("\n"):  # the message ends there: no rewrite offered
        assert problem.message.endswith(words.rstrip("\n"))
    assert problem.message.startswith("joined: ")


def test_a_quoted_date_is_a_date() -> None:
    text = edited("joined: 2024-09-02", 'joined: "2024-09-02"')
    assert parse_registry(text.encode()).residents[1].joined == dt.date(2024, 9, 2)


def test_joined_after_as_of() -> None:
    text = edited("joined: 2024-09-02", "joined: 2025-03-01")
    assert_problem(
        text, "2025-03-01", "joined: 2025-03-01 is after the registry's as_of 2025-02-28"
    )


def test_joined_is_checked_against_an_as_of_that_comes_later_in_the_file() -> None:
    header, residents = BASE.split("residents:\n")
    text = "residents:\n" + residents.replace("2024-09-02", "2025-03-01") + header
    assert_problem(text, "2025-03-01", "is after the registry's as_of")


def test_jobs_years_before_joining_or_after_as_of() -> None:
    text = edited("jobs_created: {2024: 12}", "jobs_created: {2023: 1, 2024: 12, 2026: 2}")
    before, after = problems(text)
    assert (before.line, before.column) == where(text, "2023")
    assert before.message == (
        "jobs_created: 2023 is before the year the resident joined (2024-04-15)"
    )
    assert (after.line, after.column) == where(text, "2026")
    assert after.message == (
        "jobs_created: 2026 is after the year of the registry's as_of (2025-02-28)"
    )


@pytest.mark.parametrize(
    ("value", "needle", "words"),
    [
        ("{last year: 3}", "last year", "expected a year such as 2024, not the text 'last year'"),
        ("{24: 3}", "24", "expected a year such as 2024, not the number 24"),
        ("{0999: 3}", "0999", "expected a year such as 2024"),
        ("{2024.0: 3}", "2024.0", "not the number 2024.0"),
        ("12", "12", "expected years mapped to values, such as {2024: 12}, not the number 12"),
        ("{2024: -1}", "-1", "must be 0 or more, not -1"),
    ],
)
def test_jobs_created_years_and_counts(value: str, needle: str, words: str) -> None:
    text = edited("jobs_created: {2024: 12}", f"jobs_created: {value}")
    problem = assert_problem(text, needle, words, within=f"jobs_created: {value}")
    assert problem.message.startswith("jobs_created: ")


def test_years_written_out_of_order_are_read_in_order() -> None:
    text = edited("jobs_created: {2024: 12}", "jobs_created: {2025: 1, 2024: 12}")
    jobs = parse_registry(text.encode()).residents[0].jobs_created
    assert list(jobs.items()) == [(2024, 12), (2025, 1)]


def test_every_year_before_joining_and_after_as_of_is_reported() -> None:
    text = edited(
        "jobs_created: {2024: 12}", "jobs_created: {2027: 1, 2022: 2, 2024: 3, 2023: 4, 2026: 5}"
    )
    found = [(p.line, p.column, p.message.split(" is ")[0]) for p in problems(text)]
    assert found == [
        (*where(text, "2027"), "jobs_created: 2027"),
        (*where(text, "2022"), "jobs_created: 2022"),
        (*where(text, "2023"), "jobs_created: 2023"),
        (*where(text, "2026"), "jobs_created: 2026"),
    ]


def test_quoted_year_keys_are_years() -> None:
    text = edited("jobs_created: {2024: 12}", 'jobs_created: {"2024": 12}')
    assert parse_registry(text.encode()).residents[0].jobs_created == {2024: 12}


# -- resident rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("Alpha_Systems", "'Alpha_Systems' is not an id: use lowercase letters, digits and '-', starting with a letter or digit; for example 'alpha-systems'"),  # noqa: E501
        ("-alpha", "'-alpha' is not an id"),
        ("a" * 65, "an id has at most 64 characters, not 65"),
        ("42", "expected an id of lowercase letters, digits and '-', not the number 42"),
    ],
)  # fmt: skip
def test_ids_are_slugs(value: str, words: str) -> None:
    text = edited("id: alpha-systems", f"id: {value}")
    assert_problem(text, value, f"id: {words}", within=f"id: {value}")


def test_resident_ids_are_unique() -> None:
    text = edited("id: beta-games", "id: alpha-systems")
    assert_problem(
        text,
        "alpha-systems",
        "id: the resident id 'alpha-systems' is used twice (first at line 27)",
        nth=2,
    )


@pytest.mark.parametrize(
    ("value", "needle", "words"),
    [
        ('""', '""', "name: expected text, but it is blank"),
        ('"  "', '"  "', "name: expected text, but it is blank"),
        ("", "\n    joined: 2024-09-02", "name: expected text, but the value is empty"),
        ("B" * 201, "B" * 201, "name: 201 characters; at most 200 are allowed"),
        ("[Beta]", "[Beta]", "name: expected text, not a list"),
    ],
)
def test_names(value: str, needle: str, words: str) -> None:
    text = edited("name: Beta Games", f"name: {value}")
    problem = only(text)
    if value:
        assert (problem.line, problem.column) == where(text, needle)
    assert problem.message.startswith(words)


def test_a_name_of_200_characters_is_fine() -> None:
    text = edited("name: Beta Games", "name: " + "B" * 200)
    assert parse_registry(text.encode()).residents[1].name == "B" * 200


@pytest.mark.parametrize(
    ("old", "key"),
    [
        ("name: Beta Games", "name"),
        ("name_ja: アルファ・システムズ", "name_ja"),
        ("city: Samarkand", "city"),
        ("title: A source", "title"),
        ("publisher: A publisher", "publisher"),
    ],
)
@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_formula_starts_are_refused(old: str, key: str, start: str) -> None:
    text = edited(old, f"{key}: '{start}1+1'")
    assert_problem(
        text,
        f"'{start}1+1'",
        f"{key}: must not begin with '{start}', which spreadsheets read as the start of a formula",
    )


def test_formula_starts_are_fine_elsewhere_and_inside_text() -> None:
    text = edited("note: Invented for the tests.", "note: =not a formula here")
    text = edited("  title: Test registry", "  title: '=registry title'", text)
    text = edited("name: Beta Games", "name: Beta = Games", text)
    registry = parse_registry(text.encode())
    assert registry.residents[0].note == "=not a formula here"


@pytest.mark.parametrize(
    ("key", "old"),
    [
        ("name", "name: Beta Games"),
        ("name_ja", "name_ja: アルファ・システムズ"),
        ("city", "city: Samarkand"),
        ("title", "  title: Test registry"),
        ("publisher", "publisher: A publisher"),
        ("note", "note: Invented for the tests."),
        ("website", "website: https://alpha.example"),
    ],
)
@pytest.mark.parametrize(
    ("escape", "words"),
    [
        ("\\e[31m", "control character U+001B (escape) is not allowed"),
        ("\\x9b31m", "control character U+009B is not allowed"),
        ("\\N", "control character U+0085 (next line) is not allowed"),
        ("\\0", "control character U+0000 (NUL) is not allowed"),
        ("\\r", "control character U+000D (carriage return) is not allowed"),
        ("\\x7f", "control character U+007F (delete) is not allowed"),
        ("\\L", "control character U+2028 (line separator) is not allowed"),
    ],
)
def test_control_characters_are_refused_in_every_string(
    key: str, old: str, escape: str, words: str
) -> None:
    indent = old[: len(old) - len(old.lstrip())]
    text = edited(old, f'{indent}{key}: "x{escape}y"')
    assert_problem(text, f'"x{escape}y"', f"{key}: {words}")


@pytest.mark.parametrize("escape", ["\\n", "\\t"])
def test_newline_and_tab_only_in_a_note(escape: str) -> None:
    text = edited("city: Samarkand", f'city: "Samar{escape}kand"')
    assert_problem(text, '"Samar', "(only a note may hold newlines and tabs)")
    text = edited("note: Invented for the tests.", f'note: "Invented{escape}here"')
    note = parse_registry(text.encode()).residents[0].note
    assert note == "Invented" + ("\n" if escape == "\\n" else "\t") + "here"


def test_sectors() -> None:
    empty = edited("sectors: [gamedev]", "sectors: []")
    assert_problem(empty, "[]", "sectors: list at least one sector")
    repeated = edited("sectors: [gamedev]", "sectors: [gamedev, creative, gamedev]")
    assert_problem(repeated, "gamedev", "sectors: 'gamedev' is listed twice", nth=2)
    not_slug = edited("sectors: [gamedev]", "sectors: [Game Dev]")
    assert_problem(not_slug, "Game Dev", "for example 'game-dev'")
    scalar = edited("sectors: [gamedev]", "sectors: gamedev")
    assert_problem(scalar, "gamedev", "sectors: expected a list, not the text 'gamedev'")


def test_exports_to_japan_must_be_a_boolean() -> None:
    text = edited("exports_to_japan: false", "exports_to_japan: 0")
    assert_problem(
        text, "0", "exports_to_japan: expected true or false, not the number 0", within=": 0\n"
    )


def test_export_markets_must_include_jp_exactly_when_exporting() -> None:
    missing = edited("export_markets: [JP, US]", "export_markets: [US]")
    assert_problem(
        missing, "[US]", "export_markets: must include JP, since exports_to_japan is true"
    )
    extra = edited(
        "    exports_to_japan: false\n",
        "    exports_to_japan: false\n    export_markets: [KR, JP]\n",
    )
    assert_problem(extra, "[KR, JP]", "export_markets: includes JP, but exports_to_japan is false")
    none = edited(
        "    exports_to_japan: false\n", "    exports_to_japan: false\n    export_markets: []\n"
    )
    assert parse_registry(none.encode()).residents[1].export_markets == ()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("UK", "'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'?"),
        ("JPN", "did you mean 'JP'?"),
        ("ja", "did you mean 'JP'?"),
        ("'us'", "'us' is not an ISO 3166-1 alpha-2 country code; did you mean 'US'?"),
        ("XX", "'XX' is not an ISO 3166-1 alpha-2 country code"),
        ("1", "expected a two-letter country code such as JP, not the number 1"),
    ],
)
def test_country_codes(code: str, words: str) -> None:
    text = edited("[JP, US]", f"[JP, {code}]")
    problem = assert_problem(text, code, words, within=f"[JP, {code}]")
    assert problem.message.startswith("export_markets: ")


def test_headcount_is_a_whole_number_not_below_zero() -> None:
    text = edited("headcount: 14", "headcount: -3")
    assert_problem(text, "-3", "headcount: must be 0 or more, not -3")
    text = edited("headcount: 14", "headcount: many")
    assert_problem(text, "many", "headcount: expected a whole number, not the text 'many'")


def test_export_revenue_is_a_number_not_below_zero() -> None:
    text = edited("{2024: 150000.5}", "{2024: -1.5}")
    assert_problem(text, "-1.5", "export_revenue_usd: must be 0 or more, not -1.5")
    text = edited("{2024: 150000.5}", "{2024: 120000, 2023: 1.5e+3}")
    revenue = parse_registry(text.encode()).residents[0].export_revenue_usd
    assert list(revenue.items()) == [(2023, 1500.0), (2024, 120000)]


@pytest.mark.parametrize(
    "url",
    ["ftp://alpha.example", "www.alpha.example", "javascript:alert(1)", "https://", "https://a b"],
)
def test_urls_are_http_or_https(url: str) -> None:
    text = edited("website: https://alpha.example", f"website: '{url}'")
    assert_problem(text, f"'{url}'", f"website: '{url}' is not an http:// or https:// URL")


# -- sources, published figures, targets ----------------------------------------------------------


def test_source_ids_are_unique() -> None:
    text = edited("  published:\n", "    - {id: src, title: Again, publisher: B}\n  published:\n")
    assert_problem(text, "src", "id: the source id 'src' is used twice (first at line 7)", nth=2)


@pytest.mark.parametrize(
    ("old", "new", "needle", "key"),
    [
        ("sources: [src]", "sources: [srcc]", "srcc", "sources"),
        ("value: 2, source: src}", "value: 2, source: trend}", "trend", "source"),
        (
            "      by: 2030\n      source: src",
            "      by: 2030\n      source: meti",
            "meti",
            "source",
        ),
    ],
)
def test_source_references_must_exist(old: str, new: str, needle: str, key: str) -> None:
    problem = assert_problem(
        edited(old, new), needle, f"{key}: '{needle}' is not an id in registry.sources"
    )
    assert problem.message.endswith("did you mean 'src'?") == (needle == "srcc")


def test_source_references_are_not_reported_when_the_sources_are_broken() -> None:
    text = edited("    - id: src\n", "    - id: Src\n")
    assert_problem(text, "Src", "id: 'Src' is not an id")


def test_published_figures() -> None:
    no_year = edited(
        "{metric: jobs_created, year: 2024, value: 12", "{metric: jobs_created, value: 12"
    )
    assert_problem(
        no_year, "{metric: jobs_created", "a published jobs_created figure needs its 'year'"
    )
    metric = edited("{metric: residents, value: 2", "{metric: resident, value: 2")
    assert_problem(
        metric, "resident,", "metric: unknown metric 'resident'; did you mean 'residents'?"
    )
    negative = edited("value: 2, source", "value: -2, source")
    assert_problem(negative, "-2", "value: must be 0 or more, not -2", within="value: -2")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("      factor: 2\n", "      factor: 1\n", "factor: must be more than 1 (2 for 'double'), not 1"),  # noqa: E501
        ("      factor: 2\n", "      factor: 0.5\n", "factor: must be more than 1 (2 for 'double'), not 0.5"),  # noqa: E501
        ("      by: 2030\n", "", "a target with 'factor' needs 'by'"),
        ("      factor: 2\n", "", "a target with 'by' needs 'factor'"),
        ("      by: 2030\n", "      by: 2030\n      value: 20\n", "either 'factor' with 'by', or 'value' with 'year', not both"),  # noqa: E501
        ("      year: 2030\n", "", "a target with 'value' needs 'year'"),
        ("    - metric: japan_it_shortage", "    - metric: jobs", "metric: unknown metric 'jobs'; use residents or japan_it_shortage"),  # noqa: E501
    ],
)  # fmt: skip
def test_targets(old: str, new: str, words: str) -> None:
    problem = only(edited(old, new))
    assert words in problem.message


def test_a_target_problem_points_at_the_target() -> None:
    text = edited("      by: 2030\n", "")
    assert_problem(text, "metric: residents\n", "a target with 'factor' needs 'by'")


# -- every problem at once ------------------------------------------------------------------------


def test_every_problem_is_reported_in_line_order() -> None:
    text = BASE.replace("  as_of: 2025-02-28", "  as_of: 2025-02-30")
    text = text.replace("headcount: 14", "headcount: lots")
    text = text.replace("city: Samarkand", "city: yes")
    text = text.replace("sources: [src]", "sources: [nope]")
    text = text.replace("exports_to_japan: false", "exports_to_japn: false")
    found = problems(text)
    assert [(p.line, p.column) for p in found] == [
        where(text, "2025-02-30"),
        where(text, "lots"),
        where(text, "nope"),
        where(text, "yes"),
        where(text, "exports_to_japn"),
    ]
    assert [p.message.split(":")[0] for p in found] == [
        "as_of",
        "headcount",
        "sources",
        "city",
        "unknown key 'exports_to_japn' in a resident; did you mean 'exports_to_japan'?",
    ]


def test_a_colon_with_no_key_says_so() -> None:
    """Not "does not line up with the lines above it" on line 1, where there are none."""
    problem = only(":\n")
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message == "a ':' with no key before it; write 'key: value'"


def test_a_yaml_error_is_reported_alone() -> None:
    text = BASE.replace("headcount: 14", "headcount: lots").replace("city: Samarkand", 'city: "S')
    problem = only(text)
    assert problem.message == 'this quoted value is never closed; add the closing "'


# -- syntax messages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("    city: Tashkent", "\tcity: Tashkent", "\tcity", "a tab character where YAML needs spaces; indent with spaces, not tabs"),  # noqa: E501
        ("city: Tashkent", 'city: "Tashkent', '"Tashkent', 'this quoted value is never closed; add the closing "'),  # noqa: E501
        ("city: Tashkent", "city: 'Tashkent", "'Tashkent", "this quoted value is never closed; add the closing '"),  # noqa: E501
        ("[JP, US]", "[JP, US", "[JP, US", "this '[' is never closed: expected ',' or ']' at line 35, column 14"),  # noqa: E501
        ("{2024: 12}", "{2024: 12", "{2024: 12", "this '{' is never closed: expected ',' or '}' at line 37, column 23"),  # noqa: E501
        ("name: Beta Games", "name: Beta: Games", ": Games", "':' cannot appear here; put a value that contains ': ' in quotes, or check the indentation"),  # noqa: E501
        ("name: Beta Games", 'name: "Beta" Games', "Games", "unexpected text after a value; put the whole value in quotes"),  # noqa: E501
        ("name: Beta Games", "name: @beta", "@beta", "'@' cannot start a value; put the value in quotes"),  # noqa: E501
        ("city: Tashkent", 'city: "C:\\Tashkent"', "\\T", "unknown escape '\\T' in a double-quoted value; write \\\\ for a backslash, or put the value in single quotes"),  # noqa: E501
        ("    city: Samarkand", "   city: Samarkand", "city: Samarkand", "this line does not line up with the lines above it (the block starting at line 27, column 3); check its indentation"),  # noqa: E501
        ("    city: Samarkand", "    Samarkand", "Samarkand", "no ':' after this key; write 'key: value' (a key fits on one line, in at most 1024 characters)"),  # noqa: E501
        ("  title: Test registry\n", "  title: Test registry\n  - item\n", "- item", "a list item ('- ') where a 'key: value' line was expected; check the indentation"),  # noqa: E501
        ("residents:\n", "...\nresidents:\n", "residents:", "text after the end of the YAML document; a registry is one document (remove the '...' line or what follows it)"),  # noqa: E501
        ("note: Invented for the tests.", "note: |x\n      text", "x\n", "after '|' or '>' only an indentation digit (1-9) and '+' or '-' may follow; start the text on the next line, indented"),  # noqa: E501
    ],
)  # fmt: skip
def test_syntax_errors_in_plain_words(
    old: str, new: str, needle: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = edited(old, new)
    expected = (*where(text, needle), message)
    problem = only(text)
    assert (problem.line, problem.column, problem.message) == expected
    monkeypatch.setattr(yamlnodes, "parser_class", yamlnodes.PurePythonParser)
    problem = only(text)
    assert (problem.line, problem.column, problem.message) == expected


def test_a_second_document_is_refused() -> None:
    text = BASE + "---\nschema: 1\n"
    assert_problem(text, "---", "a second YAML document; a registry is one document")


def test_a_key_that_is_a_list_is_refused() -> None:
    text = edited("    city: Samarkand", "    [city]: Samarkand")
    assert_problem(text, "[city]", "a key must be a name, not a list")


def test_the_parser_module_reports_reader_errors_itself() -> None:
    # registry/files.py refuses these characters first; parse_nodes on its own still reports them
    with pytest.raises(yamlnodes.YamlProblem) as caught:
        yamlnodes.parse_nodes(b"a: 1\nb: x\x07y\n")
    assert (caught.value.line, caught.value.column) == (2, 5)
    assert str(caught.value.message) == "the character U+0007 is not allowed in YAML"


# -- reading files --------------------------------------------------------------------------------


def test_missing_file_directory_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "nope.yaml", display="nope.yaml")
    assert str(caught.value) == "nope.yaml:1:1: no such file"
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path, display="dir")
    assert str(caught.value) == "dir:1:1: is a directory, not a registry file"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BASE.encode())))
    assert len(load_registry("-").residents) == 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"schema: [1")))
    with pytest.raises(RegistryError) as caught:
        load_registry("-")
    assert str(caught.value).startswith("<stdin>:1:9: this '[' is never closed")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(BASE, encoding="utf-8")
    locked.chmod(0)
    with pytest.raises(RegistryError) as caught:
        load_registry(locked, display="locked.yaml")
    assert str(caught.value) == "locked.yaml:1:1: permission denied: the file cannot be read"


def test_display_path_is_relative_under_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert display_path(tmp_path / "sub" / "r.yaml") == str(Path("sub") / "r.yaml")
    assert display_path("-") == "<stdin>"
    assert display_path("/elsewhere/r.yaml") == "/elsewhere/r.yaml"


# -- paths the random property tests used to reach, pinned for the fast, derandomised profile --

_PINNED_HEADER = (
    "schema: 1\nregistry:\n  title: T\n  as_of: 2025-02-28\n"
    "  sources:\n    - {id: src, title: S, publisher: P}\n"
)
_PINNED_RESIDENT = (
    "residents:\n  - id: alpha\n    name: Alpha\n    joined: 2024-01-01\n"
    "    city: Tashkent\n    sectors: [bpo]\n    exports_to_japan: false\n"
)


def _first_problems(text: str) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        parse_registry(text.encode(), "r.yaml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            _PINNED_HEADER + "residents:\n  - {",  # the parser's end is past the last line
            "r.yaml:8:6: a value was expected here, not the end of the file",
            id="end-of-file-without-newline",
        ),
        pytest.param(
            _PINNED_HEADER + _PINNED_RESIDENT.replace("city: Tashkent", "city: ="),
            "r.yaml:11:11: city: expected text, not '=', which YAML 1.1 reads as a value key; "
            'if it is text, quote it: "="',
            id="value-key",
        ),
        pytest.param(
            _PINNED_HEADER + _PINNED_RESIDENT + "    jobs_created: {2024: [1]}\n",
            "r.yaml:14:26: jobs_created: expected a whole number, not a list",
            id="list-for-a-number",
        ),
        pytest.param(
            _PINNED_HEADER + _PINNED_RESIDENT + "    jobs_created: {2024: true}\n",
            "r.yaml:14:26: jobs_created: expected a whole number, not true, which YAML 1.1 "
            "reads as true",
            id="true-for-a-number",
        ),
        pytest.param(
            _PINNED_HEADER
            + "  targets:\n    - {metric: residents, year: 2030, source: src}\n"
            + _PINNED_RESIDENT,
            "r.yaml:8:7: a target with 'year' needs 'value'",
            id="target-year-only",
        ),
        pytest.param(
            _PINNED_HEADER
            + "  targets:\n    - {metric: residents, source: src}\n"
            + _PINNED_RESIDENT,
            "r.yaml:8:7: a target needs 'factor' with 'by', or 'value' with 'year'",
            id="target-shapeless",
        ),
        pytest.param(
            _PINNED_HEADER + "    - {title: S2, publisher: P2}\n" + _PINNED_RESIDENT,
            "r.yaml:7:7: a source is missing the required key 'id'",
            id="source-without-id",
        ),
    ],
)
def test_pinned_problems(text: str, expected: str) -> None:
    assert _first_problems(text)[0] == expected


def test_the_non_specific_tag_makes_text() -> None:
    text = _PINNED_HEADER + _PINNED_RESIDENT.replace("name: Alpha", "name: ! Alpha")
    assert parse_registry(text.encode(), "r.yaml").residents[0].name == "Alpha"


def test_a_list_written_without_its_dashes_gets_the_dash_as_a_hint() -> None:
    text = BASE.split("residents:")[0] + "residents:\n  id: solo\n  name: Solo\n"
    problem = only(text)
    assert problem.message == (
        "residents: expected a list of residents, not a mapping; each item starts with '- ' "
        "(write '- id: ...', then its other keys)"
    )


def test_a_target_key_its_pair_needs_is_not_told_to_be_left_out() -> None:
    problem = only(edited("      factor: 2\n", "      factor:\n"))
    assert problem.message == "factor: expected a number, not an empty value"


def test_a_source_id_written_twice_is_reported_even_when_it_is_no_valid_id() -> None:
    text = edited("    - id: src\n", "    - id: Bad Id\n") + "\n"
    text = text.replace(
        "  published:\n", "    - {id: Bad Id, title: T, publisher: P}\n  published:\n"
    )
    codes = [(p.code, p.line) for p in problems(text)]
    assert ("duplicate-id", 13) in codes


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("    sectors: [gamedev]", "    sectors: {id: gamedev}", ""),  # a list of scalars
        (
            "  published:\n    - {metric: residents, value: 2, source: src}\n"
            "    - {metric: jobs_created, year: 2024, value: 12, source: src}\n",
            "  published:\n    metric: residents\n    value: 2\n    source: src\n",
            "; each item starts with '- ' (write '- metric: ...', then its other keys)",
        ),
    ],
)
def test_the_dash_hint_names_the_first_key_of_the_records_the_list_holds(
    old: str, new: str, hint: str
) -> None:
    messages = [p.message for p in problems(edited(old, new))]
    assert any(
        m.startswith(("sectors: expected a list,", "published: expected a list,")) for m in messages
    )
    assert any(m.endswith("not a mapping" + hint) for m in messages)


def test_minus_zero_is_read_as_zero() -> None:
    text = edited("export_revenue_usd: {2024: 150000.5}", "export_revenue_usd: {2024: -0.0}")
    amount = parse_registry(text.encode()).residents[0].export_revenue_usd[2024]
    assert (amount, str(amount)) == (0, "0.0")


def test_rules_keep_their_state_in_their_own_contexts_not_on_the_reading() -> None:
    reading = Reading("r.yaml")
    parse_registry(BASE.encode())  # a reading of its own, which leaves nothing behind here
    assert sorted(vars(reading)) == ["contexts", "path", "problems", "streamed"]
    assert reading.context(rules.SourceIds) is reading.context(rules.SourceIds)
    assert reading.context(rules.SourceIds).ids == set()
