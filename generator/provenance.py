"""Which archived copies derive from one report: from the seeds' ``copy_of`` and ``report``.

A seed's report is its ``report``, else the report of the seed it is a ``copy_of`` (followed
transitively), else its own id. Copies of one report count once, wherever they agree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.model import Seed


def cycle(seed_id: str, seeds: Mapping[str, Seed]) -> tuple[str, ...] | None:
    """The ``copy_of`` loop that ``seed_id`` stands in, starting with it; None if none."""
    chain = [seed_id]
    while (seed := seeds.get(chain[-1])) is not None and seed.meta.copy_of and not seed.meta.report:
        if seed.meta.copy_of == seed_id:
            return tuple(chain)
        if seed.meta.copy_of in chain:
            return None  # a loop further on, which this seed only leads into
        chain.append(seed.meta.copy_of)
    return None


def report_of(seed_id: str, seeds: Mapping[str, Seed]) -> str:
    """A seed's report id. In a ``copy_of`` loop (a problem check reports), its own id."""
    seen: set[str] = set()
    current = seed_id
    while current not in seen:
        seen.add(current)
        seed = seeds.get(current)
        if seed is None:
            return current
        if seed.meta.report:
            return seed.meta.report
        if not seed.meta.copy_of:
            return current
        current = seed.meta.copy_of
    return seed_id


def reports(seeds: Mapping[str, Seed]) -> dict[str, str]:
    """Every seed's report id, by seed id."""
    return {seed_id: report_of(seed_id, seeds) for seed_id in seeds}


@dataclass(frozen=True, kw_only=True)
class Tally:
    """How many archived copies a set of quotations comes from, and of how many reports."""

    copies: int
    reports: int

    @classmethod
    def of(cls, sources: Iterable[str], report_of: Mapping[str, str]) -> Tally:
        seeds = set(sources)
        return cls(copies=len(seeds), reports=len({report_of.get(s, s) for s in seeds}))

    def __str__(self) -> str:
        copies = f"{self.copies} archived cop{'y' if self.copies == 1 else 'ies'}"
        return f"{copies} of {self.reports} independent report{'s' * (self.reports != 1)}"
