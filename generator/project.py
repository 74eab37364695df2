"""A project on disk, loaded and checked: what every command starts from."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from generator import settings
from generator.checked import Checked
from generator.checking import check
from generator.loading import load_project
from generator.memo import Memo
from generator.problems import Problem


def _nothing(*args: object) -> None:
    pass


def load_and_check(
    root: Path,
    kept: Memo | None = None,
    *,
    phase: Callable[[str, int], None] = _nothing,
    step: Callable[[], None] = _nothing,
) -> tuple[Checked, list[Problem]]:
    """``kept``: the live preview's memory of its previous rebuilds (see ``memo``).
    ``phase(text, total)`` is told when reading and checking start and how many steps each
    has; ``step()`` after each file read and each seed or claim checked (``progress``)."""
    claims = sum(1 for _ in (root / "claims").glob("*.yaml"))
    seeds = sum(1 for _ in (root / "seeds").glob("*.txt"))
    files = f"{_count(claims, 'claim')} and {_count(seeds, 'seed')}"
    # Loading makes hundreds of thousands of small objects and no reference cycles; the
    # cyclic collector would only rescan them again and again (about 10% at 10,000 claims).
    collecting = gc.isenabled()
    gc.disable()
    try:
        phase(f"reading {files}", claims + seeds)
        project, problems = load_project(root, kept, step)
        checks = len(project.seeds) + len(project.incomplete_seeds)
        phase(f"checking {files}", checks + len(project.claims) + len(project.incomplete))
        checked, more = check(project, kept, step)
    finally:
        if collecting:
            gc.enable()
    return checked, [*problems, *more, *settings.check(root)]


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
