"""Errors as data: every problem found in a registry, with where it is and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a registry. `line` and `column` count from 1."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" or "warning"
    code: str | None = None  # a stable name of the rule, for editors and tests (see the docs)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
            "code": self.code,
        }


class UzitError(Exception):
    """An error the user can fix; the CLI prints it as one line and exits with `exit_code`."""

    exit_code = 1


class UsageError(UzitError):
    """A bad option value found after parsing (for example an impossible --year)."""

    exit_code = 2


class RegistryError(UzitError):
    """A registry that cannot be used, with every problem found in it, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.line, p.column)))
        super().__init__("\n".join(str(p) for p in self.problems))
