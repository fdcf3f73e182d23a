"""`uzit init`: a commented starter registry that validates as written, never overwriting."""

from __future__ import annotations

import os
from pathlib import Path

import jsonschema
import yaml
from conftest import Uzit
from test_schema import as_json_data

from uzit_cli.registry.schema import registry_schema, schema_text
from uzit_cli.registry.starter import starter_registry


def test_init_writes_a_registry_that_validates(uzit: Uzit, tmp_path: Path) -> None:
    target = tmp_path / "my.yaml"
    result = uzit("init", str(target))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"wrote {target}"
    checked = uzit("validate", str(target))
    assert checked.exit_code == 0
    assert checked.stdout.endswith(
        "OK — 1 resident, 1 source; published figures reproduced (1/1)\n"
    )


def test_the_starter_names_its_schema_and_writes_it_alongside(uzit: Uzit, tmp_path: Path) -> None:
    uzit("init", str(tmp_path / "my.yaml"))
    text = (tmp_path / "my.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=registry.schema.json"
    assert (tmp_path / "registry.schema.json").read_text(encoding="utf-8") == schema_text()


def test_the_starter_passes_the_schema() -> None:
    data = as_json_data(yaml.safe_load(starter_registry("registry.yaml")))
    assert list(jsonschema.Draft202012Validator(registry_schema()).iter_errors(data)) == []


def test_an_existing_file_is_kept_without_force(uzit: Uzit, tmp_path: Path) -> None:
    target = tmp_path / "my.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = uzit("init", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"uzit: error: {target} already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_force_replaces_the_file_and_the_schema(uzit: Uzit, tmp_path: Path) -> None:
    (tmp_path / "my.yaml").write_text("mine\n", encoding="utf-8")
    (tmp_path / "registry.schema.json").write_text("{}\n", encoding="utf-8")
    assert uzit("init", str(tmp_path / "my.yaml"), "--force").exit_code == 0
    assert (tmp_path / "registry.schema.json").read_text(encoding="utf-8") == schema_text()
    assert uzit("validate", str(tmp_path / "my.yaml")).exit_code == 0


def test_an_existing_schema_file_is_left_alone(uzit: Uzit, tmp_path: Path) -> None:
    (tmp_path / "registry.schema.json").write_text("{}\n", encoding="utf-8")
    result = uzit("init", str(tmp_path / "my.yaml"))
    assert result.stdout == f"wrote {tmp_path / 'my.yaml'}\n"
    assert (tmp_path / "registry.schema.json").read_text(encoding="utf-8") == "{}\n"


def test_the_default_path_is_registry_yaml(uzit: Uzit, tmp_path: Path) -> None:
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert uzit("init").exit_code == 0
    finally:
        os.chdir(here)
    assert (tmp_path / "registry.yaml").exists()


def test_a_missing_directory_is_one_line(uzit: Uzit, tmp_path: Path) -> None:
    result = uzit("init", str(tmp_path / "no" / "my.yaml"))
    assert result.exit_code == 1
    assert result.stderr.startswith("uzit: error: cannot write ")
    assert "Traceback" not in result.stderr


def test_init_dash_writes_standard_output_and_no_file(uzit: Uzit, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = uzit("init", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=registry.schema.json\n")
    assert "# Check this file with: uzit validate FILE\n" in result.stdout  # it has no name yet
    assert list(tmp_path.iterdir()) == []


def test_a_newline_in_the_file_name_stays_out_of_the_starters_comment(
    uzit: Uzit,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "a\nb.yaml"
    assert uzit("init", str(path)).exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "# Check this file with: uzit validate 'a\\nb.yaml'" in lines
    assert uzit("validate", str(path)).exit_code == 0


def test_a_245_byte_file_name_is_written(uzit: Uzit, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / ("x" * 240 + ".yaml")
    result = uzit("init", str(path))
    assert result.exit_code == 0, result.stderr
    assert path.exists()
