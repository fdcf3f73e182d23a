"""The `uzit-validate` pre-commit hook, tried in a scratch git repository.

The hook is defined in .pre-commit-hooks.yaml with `language: python`: pre-commit then clones
the uzit repository and installs it, with its dependencies, into an environment of its own. The
test uses the same definition (entry, files, types) as a `repo: local` hook with
`language: system`, running the `uzit` installed next to this Python, so that it needs neither
a network nor a minute of package building; what it tries is that the hook as defined refuses
a commit of a bad registry and lets a good one through.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED, ROOT

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (BIN / "pre-commit").exists(),
    reason="needs git and pre-commit (the dev extras)",
)


def hook_definition(name: str = "uzit-validate") -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [hook for hook in hooks if hook["id"] == name]
    assert isinstance(hook, dict)
    return hook


def test_the_fmt_hook_checks_the_layout() -> None:
    assert hook_definition("uzit-fmt")["entry"] == "uzit fmt --check"


def test_the_hook_is_defined_for_yaml_registries() -> None:
    hook = hook_definition()
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "uzit-validate",
        "uzit validate",
        "python",
    )
    assert hook["types"] == ["yaml"]


def git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_commit_of_a_bad_registry_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "LANG": "C.UTF-8",
    }
    hook = {**hook_definition(), "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert git(repo, env, "init", "-q").returncode == 0
    installed = subprocess.run(
        [str(BIN / "pre-commit"), "install"], cwd=repo, env=env, capture_output=True, timeout=60
    )
    assert installed.returncode == 0, installed.stderr

    text = BUNDLED.read_text(encoding="utf-8")
    (repo / "registry.yaml").write_text(text.replace("city: Tashkent", "city: 12", 1), "utf-8")
    git(repo, env, "add", "-A")
    refused = git(repo, env, "commit", "-qm", "a bad registry")
    assert refused.returncode == 1
    output = refused.stdout + refused.stderr
    assert "uzit validate" in output and "Failed" in output
    assert "registry.yaml:" in output and "city: expected text" in output
    assert git(repo, env, "rev-parse", "--verify", "-q", "HEAD").returncode != 0  # no commit

    (repo / "registry.yaml").write_text(text, encoding="utf-8")
    git(repo, env, "add", "-A")
    accepted = git(repo, env, "commit", "-qm", "a good registry")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
