"""One problem type for every complaint about a file, from YAML syntax to a bad date.

The command line prints it compiler-style and the window lists it in its problems
panel: both use `Problem.format()`, so the user sees the same words everywhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Something wrong at a 1-based line and column of a file."""

    line: int
    column: int
    message: str
    severity: str = ERROR
    path: str = ""

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


def with_path(problems: list[Problem], path: str) -> list[Problem]:
    """The same problems, naming the file they are in."""
    return [dataclasses.replace(problem, path=path) for problem in problems]


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == ERROR for problem in problems)
