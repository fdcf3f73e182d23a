"""Registry problems in the reader's language: translated where people read them (standard
error, validate's tables), English in machine formats, with the same places and codes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, MINIMAL_HEADER, invoke
from uzit_cli import language
from uzit_cli.problems import RegistryError
from uzit_cli.registry import parse_registry

BAD = (
    MINIMAL_HEADER
    + """\
residents:
  - id: alpha
    name: Alpha
    joined: 2024-02-30
    city: Tashkent
    sectors: [outsourcing]
    exports_to_japan: yes
    headcount: -3
    jobs_created: {2024: 5, 2024: 6}
    sources: [srd]
    colour: red
  - name: Beta
    joined: 2024-01-01
    city: Tashkent
    sectors: []
    exports_to_japan: false
"""
)

PLACE = re.compile(r"^(.+?:\d+:\d+): (.*)$")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    language.use(language.ENGLISH)


def _problems(stderr: str) -> list[tuple[str, str]]:
    return [match.groups() for line in stderr.splitlines() if (match := PLACE.match(line))]


def test_validate_under_japanese_says_each_problem_in_japanese_at_the_same_place(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    english = invoke("validate", str(bad), env={"UZIT_LANG": "en"})
    japanese = invoke("validate", str(bad), env={"UZIT_LANG": "ja"})
    assert english.exit_code == japanese.exit_code == 1
    said_en, said_ja = _problems(english.stderr), _problems(japanese.stderr)
    assert len(said_en) == 8
    assert [place for place, _ in said_ja] == [place for place, _ in said_en]
    for (_, en), (_, ja) in zip(said_en, said_ja, strict=True):
        assert JAPANESE.search(ja) and not JAPANESE.search(en), (en, ja)
    # values and field names are quoted as they were written
    assert "joined: 2024-02-30 は日付ではありません" in japanese.stderr
    assert "'colour'" in japanese.stderr and "'src'" in japanese.stderr


@pytest.mark.parametrize("output", ["json", "csv"])
def test_validate_machine_formats_are_the_same_bytes_in_every_language(
    tmp_path: Path, output: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    runs = [
        invoke("validate", "-f", output, str(bad), env={"UZIT_LANG": lang})
        for lang in ("en", "ja", "ru")
    ]
    assert runs[0].stdout and "is not a date: February 2024 has 29 days" in runs[0].stdout
    assert runs[1].stdout == runs[0].stdout == runs[2].stdout


def test_validate_tables_show_the_message_in_the_readers_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    done = invoke("validate", "-f", "markdown", str(bad), env={"UZIT_LANG": "ru"})
    assert "не является датой" in done.stdout and "bad-date" in done.stdout


def test_an_editing_error_in_russian(tmp_path: Path) -> None:
    copy = tmp_path / "r.yaml"
    shutil.copy(BUNDLED, copy)
    done = invoke("remove", "example-kaizen", "-r", str(copy), env={"UZIT_LANG": "ru"})
    assert done.exit_code == 1
    assert "нет резидента с id 'example-kaizen' (возможно, имелось в виду example-kaizen-bpo" in (
        done.stderr
    )
    assert copy.read_bytes() == BUNDLED.read_bytes()


def test_a_problem_is_shown_in_the_language_in_use_and_recorded_in_english() -> None:
    with pytest.raises(RegistryError) as caught:
        parse_registry(BAD.encode(), "bad.yaml")
    problem = caught.value.problems[0]
    language.use("ru")
    assert str(problem).startswith("bad.yaml:12:13: joined: 2024-02-30 не является датой")
    assert problem.as_dict()["message"] == (
        "joined: 2024-02-30 is not a date: February 2024 has 29 days"
    )
    language.use("ja")
    assert "2024年2月" in problem.message
