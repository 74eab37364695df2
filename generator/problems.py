"""Problems are data: every check yields them, only the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from generator.codes import Code


class Spot(NamedTuple):
    """A place in a file: path relative to the project root, 1-based line and column.
    (A NamedTuple: the loader makes one per YAML value, so it must be cheap.)"""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with the input, where it is, and how to fix it."""

    spot: Spot
    code: Code
    message: str
    hints: tuple[str, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[Spot, str, str]:
        return (self.spot, self.code, self.message)


class Problems(list[Problem]):
    """A list of problems with one helper to add one."""

    def add(self, spot: Spot, code: Code, message: str, *hints: str) -> None:
        code = code if isinstance(code, Code) else Code.of(code)  # a string must be registered
        self.append(Problem(spot=spot, code=code, message=message, hints=hints))
