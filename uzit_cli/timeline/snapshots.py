"""Registry snapshots: a file, standard input, or a version in git (`git:REV:PATH`).

git runs as a subprocess with a list of arguments (never a shell). Every failure becomes a
`Problem` on the snapshot's name, so two snapshots can report all their problems together.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from uzit_cli.model import Registry
from uzit_cli.problems import Problem, RegistryError, UsageError, UzitError
from uzit_cli.registry import display_path, load_registry, parse_registry

GIT_PREFIX = "git:"


class GitError(UzitError):
    """git is missing, or refused: one line, exit status 1."""


def git(args: Sequence[str], *, cwd: str | None = None, stdin: bytes | None = None) -> bytes:
    """Run `git ARGS` and return its standard output; a failure raises GitError (one line)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise GitError("git is not installed, or not on PATH") from None
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        raise GitError(_first_line(done.stderr) or f"git {args[0]} failed")
    return done.stdout


def _first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return ""


def parse_git_spec(spec: str) -> tuple[str, str] | None:
    """(REV, PATH) for `git:REV:PATH`, else None. PATH is from the repository's top, as in
    `git show REV:PATH`; `./PATH` is from the current directory."""
    if not spec.startswith(GIT_PREFIX):
        return None
    rev, sep, path = spec[len(GIT_PREFIX) :].partition(":")
    if not sep or not rev or not path:
        raise GitError(
            f"'{spec}' is not of the form git:REV:PATH (e.g. git:HEAD~1:data/residents.yaml)"
        )
    return rev, path


def read_git(rev: str, path: str) -> bytes:
    """The bytes of PATH at REV in the repository of the current directory."""
    try:
        git(["rev-parse", "--git-dir"])
    except GitError:
        raise GitError("not inside a git repository") from None
    try:
        git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"])
    except GitError:
        raise GitError(f"unknown revision '{rev}'") from None
    try:
        return git(["show", f"{rev}:{path}"])
    except GitError:
        raise GitError(f"{path} does not exist at {rev}") from None


def load_snapshot(spec: str) -> Registry:
    """Load a registry from a path, `-`, or `git:REV:PATH`; problems raise RegistryError."""
    parsed = parse_git_spec(spec)
    if parsed is None:
        return load_registry(spec)
    try:
        data = read_git(*parsed)
    except GitError as error:
        raise RegistryError([Problem(spec, 1, 1, str(error), code="git")]) from None
    return parse_registry(data, spec)


def load_both(old: str, new: str) -> tuple[Registry, Registry]:
    """Load both snapshots; every problem of both is reported before anything is compared."""
    if old == new == "-":
        raise UsageError("only one of OLD and NEW can be '-' (standard input)")
    registries: list[Registry] = []
    problems: list[Problem] = []
    for spec in (old, new):
        try:
            registries.append(load_snapshot(spec))
        except RegistryError as error:
            problems.extend(error.problems)
        except GitError as error:
            problems.append(Problem(spec, 1, 1, str(error), code="git"))
    if problems:
        combined = RegistryError([])
        combined.problems = tuple(problems)  # file by file, each in file order
        raise combined
    return registries[0], registries[1]


@dataclass(frozen=True, slots=True)
class Version:
    """One commit that changed the registry file, and the file's path in it."""

    commit: str
    date: str  # the commit date, YYYY-MM-DD
    path: str  # from the repository's top


def file_versions(
    path: str, *, since: str | None = None, until: str | None = None
) -> list[Version]:
    """Every commit that changed `path` (following renames), oldest first."""
    target = Path(path)
    where = str(target.parent) if str(target.parent) else "."
    if not target.parent.is_dir():
        raise GitError(f"{display_path(path)}: no such file")
    try:
        git(["rev-parse", "--git-dir"], cwd=where)
    except GitError:
        raise GitError(f"{display_path(path)} is not inside a git repository") from None
    args = ["log", "--follow", "--name-status", "--format=%x01%H%x09%cs"]
    if since:
        args.append(f"--since={since}")
    if until:
        args.append(f"--until={until}")
    try:
        tracked = git(["ls-files", "--error-unmatch", "--", target.name], cwd=where)
    except GitError:
        tracked = b""
    if not tracked:
        raise GitError(f"{display_path(path)} is not tracked by git")
    output = git([*args, "--", target.name], cwd=where).decode("utf-8", "replace")
    versions: list[Version] = []
    for record in output.split("\x01")[1:]:
        lines = [line for line in record.splitlines() if line.strip()]
        commit, _, date = lines[0].partition("\t")
        status = lines[1].split("\t") if len(lines) > 1 else []
        if not status or status[0].startswith("D"):
            continue  # a deletion has no version to read
        versions.append(Version(commit, date, status[-1]))
    versions.reverse()
    return versions


def read_versions(path: str, versions: Sequence[Version]) -> list[bytes | None]:
    """The file's bytes at every version, from one `git cat-file --batch` (None if missing)."""
    if not versions:
        return []
    where = str(Path(path).parent) or "."
    request = "".join(f"{v.commit}:{v.path}\n" for v in versions).encode()
    output = git(["cat-file", "--batch"], cwd=where, stdin=request)
    contents: list[bytes | None] = []
    position = 0
    for _ in versions:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            contents.append(None)
            continue
        size = int(header[2])
        contents.append(output[position : position + size])
        position += size + 1
    return contents
