"""Registry snapshots: a file, standard input, or a version in git (`git:REV:PATH`).

git runs as a subprocess with a list of arguments (never a shell), with literal pathspecs
(`GIT_LITERAL_PATHSPECS`: `r[1].yaml` is that name, never a pattern) and `-z` wherever it names
files (no quoting of non-ASCII names). A path is a path as on disk, relative to the current
directory; its repository is the one that holds the file, for `git:REV:PATH` as for `history`.
Every failure becomes a `Problem` on the snapshot's name, so two snapshots can report all their
problems together.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from uzit_cli.language import Phrase, _
from uzit_cli.model import Registry
from uzit_cli.problems import GIT, Later, Problem, RegistryError, Text, UsageError, UzitError
from uzit_cli.registry import display_path, load_registry, parse_registry
from uzit_cli.words import system_error

GIT_PREFIX = "git:"
_ENV = {"GIT_PAGER": "cat", "LC_ALL": "C", "GIT_LITERAL_PATHSPECS": "1", "GIT_OPTIONAL_LOCKS": "0"}


class GitError(UzitError):
    """git is missing, or refused: one line, exit status 1. `text` is kept as a Phrase, so a
    problem made of it (diff's `git:REV:PATH`) is English in machine formats."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text


def _environment() -> dict[str, str]:
    return {**os.environ, **_ENV}


def git(args: Sequence[str], *, cwd: str | None = None, stdin: bytes | None = None) -> bytes:
    """Run `git ARGS` and return its standard output; a failure raises GitError (one line)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env=_environment(),
        )
    except FileNotFoundError:
        raise GitError(Phrase("git is not installed, or not on PATH")) from None
    except OSError as error:
        reason = Later(system_error, error)
        raise GitError(Phrase("cannot run git: {reason}", reason=reason)) from None
    if done.returncode != 0:
        said = _first_line(done.stderr)  # git's own words (in English: LC_ALL=C)
        raise GitError(said or Phrase("git {command} failed", command=args[0]))
    return done.stdout


def _first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return ""


def shown_spec(spec: str) -> str:
    """A snapshot's name as output shows it: a path as `display_path`, and so the path of a
    git spec, its revision with the same escapes (what the user typed is echoed back, never
    acted on by the terminal)."""
    if not spec.startswith(GIT_PREFIX):
        return display_path(spec)
    rev, sep, path = spec[len(GIT_PREFIX) :].partition(":")
    if not sep or not rev or not path:
        return _escaped(spec)
    return f"{GIT_PREFIX}{_escaped(rev)}:{display_path(path)}"


def _escaped(text: str) -> str:
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def parse_git_spec(spec: str) -> tuple[str, str] | None:
    """(REV, PATH) for `git:REV:PATH`, else None. PATH is a path as on disk (relative to the
    current directory); its repository is the one holding it."""
    if not spec.startswith(GIT_PREFIX):
        return None
    rev, sep, path = spec[len(GIT_PREFIX) :].partition(":")
    if not sep or not rev or not path:
        raise GitError(
            Phrase(
                "'{spec}' is not of the form git:REV:PATH (e.g. git:HEAD~1:data/residents.yaml)",
                spec=_escaped(spec),
            )
        )
    return rev, path


@dataclass(frozen=True, slots=True)
class GitFile:
    """A file in a repository: the repository's top directory and the path from it."""

    top: str
    path: str  # from the top, '/'-separated, as git names it


def locate(path: str) -> GitFile:
    """The repository that holds `path` (a path on disk, which need not exist any more), and
    `path` from its top. A directory, or a path outside every repository, is a GitError."""
    shown = display_path(path)
    absolute = Path(os.path.abspath(path))
    if absolute.is_dir():
        raise GitError(Phrase("{file} is a directory, not a registry file", file=shown))
    existing, rest = absolute.parent, [absolute.name]
    while not existing.is_dir() and existing != existing.parent:
        existing, rest = existing.parent, [existing.name, *rest]
    try:
        top = os.fsdecode(git(["rev-parse", "--show-toplevel"], cwd=str(existing)).rstrip(b"\n"))
    except GitError:
        raise GitError(Phrase("{file} is not inside a git repository", file=shown)) from None
    if not top:  # inside .git, or a bare repository
        raise GitError(Phrase("{file} is not inside a git repository's work tree", file=shown))
    inside = os.path.relpath(os.path.join(os.path.realpath(existing), *rest), top)
    if inside == os.pardir or inside.startswith(os.pardir + os.sep):
        raise GitError(
            Phrase(
                "{file} is not inside the git repository at {top}",
                file=shown,
                top=display_path(top),
            )
        )
    return GitFile(top, Path(inside).as_posix())


def read_git(rev: str, path: str) -> bytes:
    """The bytes of PATH at REV, read with `git cat-file` (PATH is never a pattern) in the
    repository that holds PATH."""
    where = locate(path)
    shown, shown_rev = display_path(path), _escaped(rev)
    try:
        if rev.startswith("-"):  # an option to git, never a revision
            raise GitError(rev)
        commit = git(
            ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=where.top
        ).strip()
    except GitError:
        raise GitError(Phrase("unknown revision '{rev}'", rev=shown_rev)) from None
    name = f"{commit.decode()}:{where.path}"
    try:
        kind = git(["cat-file", "-t", name], cwd=where.top).strip()
    except GitError:
        raise GitError(
            Phrase("{file} does not exist at {rev}", file=shown, rev=shown_rev)
        ) from None
    if kind == b"tree":
        raise GitError(
            Phrase("{file} is a directory at {rev}, not a registry file", file=shown, rev=shown_rev)
        )
    if kind != b"blob":
        raise GitError(
            Phrase(
                "{file} is a {kind} at {rev}, not a registry file",
                file=shown,
                kind=kind.decode(),
                rev=shown_rev,
            )
        )
    return git(["cat-file", "blob", name], cwd=where.top)


def load_snapshot(spec: str) -> Registry:
    """Load a registry from a path, `-`, or `git:REV:PATH`; problems raise RegistryError."""
    parsed = parse_git_spec(spec)
    if parsed is None:
        return load_registry(spec)
    try:
        data = read_git(*parsed)
    except GitError as error:
        raise RegistryError([Problem(shown_spec(spec), 1, 1, error.text, code=GIT)]) from None
    return parse_registry(data, shown_spec(spec))


def load_both(old: str, new: str) -> tuple[Registry, Registry]:
    """Load both snapshots; every problem of both is reported before anything is compared."""
    if old == new == "-":
        raise UsageError(_("only one of OLD and NEW can be '-' (standard input)"))
    registries: list[Registry] = []
    problems: list[Problem] = []
    counts: list[tuple[str, int, bool]] = []  # each file's own count, for the summary line
    for spec in (old, new):
        try:
            registries.append(load_snapshot(spec))
        except RegistryError as error:
            problems.extend(error.problems)
            counted = getattr(error, "counted", len(error.problems))
            counts.append((shown_spec(spec), counted, counted < len(error.problems)))
        except GitError as error:
            problems.append(Problem(shown_spec(spec), 1, 1, error.text, code=GIT))
            counts.append((shown_spec(spec), 1, False))
    if problems:
        combined = RegistryError([])
        combined.problems = tuple(problems)  # file by file, each in file order
        combined.counts = counts
        raise combined
    return registries[0], registries[1]


@dataclass(frozen=True, slots=True)
class Version:
    """One commit that changed the registry file: its date, the file's path and blob in it."""

    commit: str
    date: str  # the commit date, YYYY-MM-DD
    path: str  # from the repository's top
    blob: str  # the file's object id at this commit


def file_versions(
    path: str, *, since: str | None = None, until: str | None = None
) -> list[Version]:
    """Every commit that changed `path`, oldest first, following renames, and of a merge its
    first parent only (the line of commits HEAD was built on, as `git log --first-parent`)."""
    shown = display_path(path)
    exists = os.path.lexists(path)  # a file deleted from the work tree may still be tracked
    try:
        where = locate(path)
        tracked = git(["ls-files", "-z", "--", where.path], cwd=where.top)
    except GitError:
        if not exists:  # the first thing to say: not the repository, not git
            raise GitError(Phrase("{file} does not exist", file=shown)) from None
        raise
    if not tracked:
        if not exists:
            raise GitError(Phrase("{file} does not exist", file=shown))
        raise GitError(Phrase("{file} is not tracked by git", file=shown))
    args = ["log", "--follow", "--first-parent", "-m", "--raw", "-z", "--no-abbrev"]
    args.append("--format=%x01%H%x09%cs")
    if since:
        args.append(f"--since={since}")
    if until:
        args.append(f"--until={until}")
    output = git([*args, "--", where.path], cwd=where.top)
    versions = [v for v in map(_version, output.split(b"\x01")[1:]) if v is not None]
    versions.reverse()
    return versions


def _version(record: bytes) -> Version | None:
    """One commit of `git log --raw -z`: `HASH\\tDATE\\0\\n:MODES OLD NEW STATUS\\0PATH\\0…`."""
    header, _, raw = record.partition(b"\0")
    commit, _, date = header.decode().partition("\t")
    fields = raw.lstrip(b"\n").split(b"\0")
    if len(fields) < 2 or not fields[0].startswith(b":"):
        return None
    status = fields[0].split()
    if len(status) < 5 or status[4].startswith(b"D"):
        return None  # a deletion has no version to read
    names = fields[1:3] if status[4][:1] in (b"R", b"C") else fields[1:2]
    return Version(commit, date, os.fsdecode(names[-1]), status[3].decode())


def is_shallow(path: str) -> bool:
    """Whether the repository holding `path` is a shallow clone (its history cut short)."""
    where = locate(path)
    return git(["rev-parse", "--is-shallow-repository"], cwd=where.top).strip() == b"true"


def read_versions(
    path: str, versions: Sequence[Version], progress: Callable[[int], None] | None = None
) -> Iterator[bytes | None]:
    """The file's bytes at every version, one at a time from one `git cat-file --batch` (None
    where the object is missing): memory holds one version, never all of them."""
    if not versions:
        return
    where = locate(path).top
    try:
        process = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=where,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
        )
    except OSError as error:
        reason = Later(system_error, error)
        raise GitError(Phrase("cannot run git: {reason}", reason=reason)) from None
    assert process.stdin is not None and process.stdout is not None
    try:
        for number, version in enumerate(versions, start=1):
            if progress is not None:
                progress(number)
            try:
                process.stdin.write(f"{version.blob}\n".encode())
                process.stdin.flush()
                header = process.stdout.readline()
            except OSError:
                header = b""
            if not header:
                raise GitError(Phrase("git cat-file stopped before every version was read"))
            parts = header.split()
            if len(parts) < 3 or parts[1] != b"blob":
                yield None
                continue
            size = int(parts[2])
            data = process.stdout.read(size)
            process.stdout.read(1)  # the newline after the object
            yield data
    finally:
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):  # git gone already: nothing left to close
                stream.close()
        process.wait()
