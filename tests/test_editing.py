"""The editing engine (uzit_cli/editing): edits keep the file as written, byte for byte outside
the lines they change, and nothing is written that does not validate."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest
from conftest import BUNDLED
from hypothesis import given
from hypothesis import strategies as st

from uzit_cli.editing import EditError, RegistryDocument
from uzit_cli.editing.values import value_of
from uzit_cli.problems import RegistryError, UsageError

COMMENTED = """\
# top comment
schema: 1
registry:
    title: "Quoted title"   # the title
    as_of: 2025-02-28
    sources:
    -   id: s1
        title: T
        publisher: P

residents:
# about a
-   id: a
    name: 'A Co'
    joined: 2024-01-01
    city: Tashkent
    sectors: [bpo]
    exports_to_japan: false   # not yet

# about b
-   id: b
    name: B
    joined: 2024-01-01
    city: Tashkent
    sectors: [bpo]
    exports_to_japan: false
    sources: [s1]

# the end
"""


def changed_lines(before: bytes, after: bytes) -> list[str]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    diff = difflib.ndiff([x.decode() for x in old], [x.decode() for x in new])
    return [line for line in diff if line[:1] in "+-"]


FERGANA = BUNDLED.read_text().split("  - id: example-tsukuba")[0]
FERGANA = FERGANA[FERGANA.index("  - id: example-fergana") :]


def test_edits_on_the_bundled_registry_change_only_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "residents.yaml"
    path.write_bytes(BUNDLED.read_bytes())
    document = RegistryDocument.open(path)
    document.set_field("example-kaizen-bpo", "jobs_created.2025", 14)
    document.set_field("example-kaizen-bpo", "sectors", ["ai-data"], "+=")
    document.set_header("as_of", dt.date(2025, 12, 31))
    document.rename_resident("example-hikari-software", "example-hikari")
    document.remove_resident("example-fergana-it-services")
    document.write()
    assert changed_lines(BUNDLED.read_bytes(), path.read_bytes()) == [
        "-   as_of: 2025-02-28\n",
        "+   as_of: 2025-12-31\n",
        "-     sectors: [bpo]\n",
        "+     sectors: [bpo, ai-data]\n",
        "-     jobs_created: {2024: 12}\n",
        "+     jobs_created: {2024: 12, 2025: 14}\n",
        "-   - id: example-hikari-software\n",
        "+   - id: example-hikari\n",
        *(f"- {line}" for line in FERGANA.splitlines(keepends=True)),
    ]


def test_comments_blank_lines_quotes_and_crlf_stay(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(COMMENTED.replace("\n", "\r\n").encode())
    document = RegistryDocument.open(path)
    document.set_field("a", "jobs_created.2024", 3)  # a new last key: the comments follow it
    document.set_field("a", "name", "A2")  # single-quoted before, single-quoted after
    document.add_resident(
        {
            "id": "c",
            "name": "C",
            "joined": dt.date(2024, 2, 2),
            "city": "yes",  # text YAML would read as true: quoted
            "sectors": ["bpo"],
            "exports_to_japan": False,
        }
    )
    document.write()
    expected = COMMENTED.replace("'A Co'", "'A2'").replace(
        "false   # not yet\n", "false   # not yet\n    jobs_created: {2024: 3}\n"
    )
    expected = expected.replace(
        "    sources: [s1]\n",
        "    sources: [s1]\n-   id: c\n    name: C\n    joined: 2024-02-02\n    city: 'yes'\n"
        "    sectors: [bpo]\n    exports_to_japan: false\n",
    )
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode()


def test_removing_the_first_resident_keeps_the_comment_before_the_next(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(COMMENTED)
    document = RegistryDocument.open(path)
    document.remove_resident("a")
    assert document.text() == document.text()  # writing the tree out leaves it as it was
    assert "# about a" not in document.text() and "residents:\n# about b\n-   id: b" in (
        document.text()
    )


def test_a_cited_source_cannot_be_removed_and_a_rename_follows_citations(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(COMMENTED)
    document = RegistryDocument.open(path)
    with pytest.raises(EditError, match=r"cited by residents\[1\]\.sources \(b\)"):
        document.remove_source("s1")
    document.rename_source("s1", "s2")
    assert "-   id: s2" in document.text() and "sources: [s2]" in document.text()
    document.check()


def test_nothing_is_written_unless_the_result_validates(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(COMMENTED)
    document = RegistryDocument.open(path)
    document.set_field("a", "joined", dt.date(2026, 1, 1))  # after as_of
    with pytest.raises(RegistryError) as error:
        document.write()
    assert [p.code for p in error.value.problems] == ["after-as-of"]
    assert path.read_text() == COMMENTED


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(COMMENTED)
    document = RegistryDocument.open(path)
    document.set_field("a", "city", "Samarkand")
    path.write_text(COMMENTED + "# edited meanwhile\n")
    with pytest.raises(EditError, match="changed on disk"):
        document.write()
    assert path.read_text().endswith("# edited meanwhile\n")


def test_standard_input_cannot_be_edited_in_place() -> None:
    with pytest.raises(UsageError, match="standard input cannot be edited in place"):
        RegistryDocument.open("-")


def test_a_list_written_as_a_block_stays_a_block(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        COMMENTED.replace(
            "    sectors: [bpo]\n    exports_to_japan: false   #",
            "    sectors:\n    - bpo\n    exports_to_japan: false   #",
        )
    )
    document = RegistryDocument.open(path)
    document.set_field("a", "sectors", ["gamedev", "bpo"])
    text = document.text()
    assert "    sectors:\n    -" in text and "[gamedev" not in text  # dashes as ruamel indents
    document.check()


@given(st.text(max_size=30) | st.sampled_from(["2025-02-30", "!!int x", "!!timestamp x", "[1"]))
def test_any_typed_value_is_a_value_or_its_text_never_an_exception(text: str) -> None:
    document = RegistryDocument.open(BUNDLED)
    for kind in ("yaml", "list", "years"):
        document.set_field("example-kaizen-bpo", "note", value_of(kind, text))
        assert document.unified_diff() is not None  # written out
