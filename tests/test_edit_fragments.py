"""Edits of one resident read and write only that resident's lines (editing/fragments.py):
the result is the one the whole-document round trip gives, and what the lines alone cannot
be edited as (an alias to another resident) is edited as a whole document."""

from __future__ import annotations

from pathlib import Path

from test_editing import COMMENTED

from uzit_cli.editing import RegistryDocument


def test_edits_of_several_residents_then_a_whole_document_edit(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(("\ufeff" + COMMENTED).replace("\n", "\r\n").encode())
    document = RegistryDocument.open(path)
    document.set_field("b", "headcount", 5)
    document.set_field("a", "sectors", ["ai-data"], "+=")
    document.set_field("a", "exports_to_japan", True)
    assert document.fragments  # each resident's lines alone, so far
    assert document.text().count("headcount: 5") == 1
    document.set_header("title", "New")  # the whole document, with the edits above in it
    document.write()
    text = path.read_bytes().decode()
    assert text.startswith("\ufeff# top comment\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "    sectors: [bpo, ai-data]\r\n" in text
    assert "    exports_to_japan: true    # not yet\r\n" in text  # its column kept
    assert "    headcount: 5\r\n" in text
    assert '    title: "New"            # the title\r\n' in text
    assert "# about b\r\n" in text


def test_a_resident_with_an_alias_is_edited_as_a_whole_document(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    first, rest = COMMENTED.split("-   id: b")
    text = (
        first.replace("sectors: [bpo]", "sectors: &s [bpo]")
        + "-   id: b"
        + rest.replace("sectors: [bpo]", "sectors: *s")
    )
    path.write_text(text)
    document = RegistryDocument.open(path)
    document.set_field("b", "city", "Samarkand")
    assert not document.fragments
    document.write()
    assert path.read_text() == text.replace(
        "city: Tashkent\n    sectors: *s", "city: Samarkand\n    sectors: *s"
    )
