"""What the live preview keeps from one rebuild to the next, so that a save costs what it touches.

``mkdocs serve`` checks and renders the whole project again after every save. A ``Memo``
remembers, for each file, claim and page, the inputs it was last computed from and what came
out (the value, and the problems found on the way); when the inputs are the same again, the
result is reused instead of recomputed. Inputs are compared with ``==``, which for the tuples
used as keys compares each item by identity first: an unchanged file yields the very same
objects as before, so the comparison is quick, and anything rebuilt compares by value.

Every use keys on *all* the inputs of the pure function it wraps: a reused result is the one
a fresh run would compute (``tests/test_incremental.py`` compares the two after a sequence of
saves). Results not used by a round are dropped at its end (``sweep``). Commands run once and
pass no memo: for them nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from generator.problems import Problem, Problems

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        # (kind, name) -> (inputs, value, problems found computing it)
        self._kept: dict[tuple[str, str], tuple[Any, Any, tuple[Problem, ...]]] = {}
        self._used: set[tuple[str, str]] = set()
        self.hits = self.misses = 0  # for the benchmark and the tests

    def value(self, kind: str, name: str, inputs: object, work: Callable[[], T]) -> T:
        """``work()``, or what it returned last time for ``name`` with equal ``inputs``."""
        return self.checked(kind, name, inputs, lambda problems: work(), Problems())

    def checked(
        self,
        kind: str,
        name: str,
        inputs: object,
        work: Callable[[Problems], T],
        problems: Problems,
        *,
        keep_problems: bool = True,
    ) -> T:
        """``work(problems)``, or its last value for ``name`` with equal ``inputs``, with the
        problems it found then added to ``problems`` again. With ``keep_problems=False`` a
        result that found problems is not kept (its hints may read other inputs)."""
        key = (kind, name)
        self._used.add(key)
        kept = self._kept.get(key)
        if kept is not None and kept[0] == inputs:
            self.hits += 1
            problems.extend(kept[2])
            return kept[1]  # type: ignore[no-any-return]
        self.misses += 1
        found = Problems()
        value = work(found)
        if found and not keep_problems:
            self._kept.pop(key, None)
        else:
            self._kept[key] = (inputs, value, tuple(found))
        problems.extend(found)
        return value

    def sweep(self) -> None:
        """End a round: forget what it did not use (deleted files, renamed claims)."""
        self._kept = {key: kept for key, kept in self._kept.items() if key in self._used}
        self._used = set()


def checked(
    memo: Memo | None,
    kind: str,
    name: str,
    inputs: Callable[[], object],
    work: Callable[[Problems], T],
    problems: Problems,
    *,
    keep_problems: bool = True,
) -> T:
    """``Memo.checked`` when there is a memo; otherwise ``work(problems)`` (the inputs are not
    even computed)."""
    if memo is None:
        return work(problems)
    return memo.checked(kind, name, inputs(), work, problems, keep_problems=keep_problems)


def value(
    memo: Memo | None, kind: str, name: str, inputs: Callable[[], object], work: Callable[[], T]
) -> T:
    return work() if memo is None else memo.value(kind, name, inputs(), work)
