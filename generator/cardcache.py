"""The drawn share cards, kept by content in ``.cache/cards/`` so that builds share them.

A card's file is named after its key (``cards.Card.key``: a hash of what it shows and of the
renderer's version), so a build draws only the cards whose content is new: a no-op build
draws and writes none, a changed claim draws its own card again. Cards are written whole
(a ``.partial`` file renamed over the name), so a killed build leaves no half card, and they
are put into the site as hard links where the file system allows (no bytes copied). The
folder outlives builds; ``make clean`` removes it, and ``build`` removes the cards it no
longer uses.

Many new cards (a first build, a change of the site's name) are drawn in worker processes
(``start``) while MkDocs builds the pages, and waited for before they are placed
(``finish``): the wall time is hidden on the second core, the CPU time is not saved (a
worker costs some 0.3 s of CPU to start, and ``bench/run.py`` counts the workers' time in the
build's). Fewer cards are drawn in the build's own process, where starting a worker would
cost more than it saves."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.cards import Card, draw

FOLDER = ".cache/cards"
IN_WORKERS = 1000  # from this many new cards on (about a second of drawing), in workers
CHUNK = 200  # cards sent to a worker at a time


def cached(root: Path, card: Card) -> Path:
    return root / FOLDER / f"{card.key}.png"


def missing(root: Path, cards: Iterable[Card]) -> list[Card]:
    """The cards not in the cache yet, each once."""
    unique = {card.key: card for card in cards}
    return [card for card in unique.values() if not cached(root, card).is_file()]


def draw_missing(root: Path, cards: Iterable[Card]) -> int:
    """Draw and keep every card not in the cache yet; return how many were drawn."""
    return finish(start(root, cards, workers=0))


@dataclass
class Drawing:
    """The cards a build draws, and the worker processes drawing them, if any."""

    root: Path
    todo: list[Card]
    pool: ProcessPoolExecutor | None = None
    jobs: list[tuple[Future[None], list[Card]]] = field(default_factory=list)  # and their cards


def workers() -> int:
    """Processes to draw in beside the build's own, which builds the pages meanwhile."""
    return len(os.sched_getaffinity(0)) - 1 if hasattr(os, "sched_getaffinity") else 1


def start(root: Path, cards: Iterable[Card], *, workers: int) -> Drawing:
    """Start drawing the cards the cache lacks: in ``workers`` processes if there are many."""
    drawing = Drawing(root=root, todo=missing(root, cards))
    if workers > 0 and len(drawing.todo) >= IN_WORKERS:
        # spawn: a fresh interpreter, safe whatever threads the build runs (mkdocs serve)
        context = multiprocessing.get_context("spawn")
        drawing.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        for at in range(0, len(drawing.todo), CHUNK):
            chunk = drawing.todo[at : at + CHUNK]
            drawing.jobs.append((drawing.pool.submit(_write_all, root, chunk), chunk))
    return drawing


def finish(drawing: Drawing) -> int:
    """Wait for the workers, or draw here; return how many cards were drawn. The pages
    built, this process draws the chunks no worker has started yet, from the last one back
    (the workers take them from the first on), rather than wait idle: on a busy machine the
    workers may lag far behind MkDocs."""
    if drawing.pool is None:
        _write_all(drawing.root, drawing.todo)
        return len(drawing.todo)
    try:
        for job, chunk in reversed(drawing.jobs):
            if job.cancel():
                _write_all(drawing.root, chunk)
        for job, _ in drawing.jobs:
            if not job.cancelled():
                job.result()
    finally:
        drawing.pool.shutdown(cancel_futures=True)
    return len(drawing.todo)


def stop(drawing: Drawing) -> None:
    """The build failed: stop the workers (the cards they finished stay in the cache)."""
    if drawing.pool is not None:
        drawing.pool.shutdown(wait=True, cancel_futures=True)


def _write_all(root: Path, cards: list[Card]) -> None:
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for card in cards:
        _write(folder, card)


def write(root: Path, card: Card) -> Path:
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return _write(folder, card)


def _write(folder: Path, card: Card) -> Path:
    """Draw the card and write it whole: into a partial file of this process's own (another
    build may be drawing the same card), renamed over its name."""
    target = folder / f"{card.key}.png"
    partial = folder / f".{card.key}.{os.getpid()}.partial"
    data = memoryview(draw(card))
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)
    os.replace(partial, target)
    return target


def place(root: Path, cards: Mapping[str, Card], site_dir: Path) -> None:
    """Put each card at its path in the built site (``{path: card}``), linked from the cache."""
    for path, card in cards.items():
        target = site_dir / path
        if target.is_file():
            continue  # its name holds its key: the same card (mkdocs serve builds in place)
        source = cached(root, card)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except FileNotFoundError:  # removed meanwhile (make clean, another build's pruning)
            os.link(write(root, card), target)
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(source, target)


def remove_stale(site_dir: Path, before: Iterable[str], cards: Mapping[str, Card]) -> None:
    """Remove from a site built again in place (``mkdocs serve --dirty``) the cards placed
    ``before`` that it no longer shows: a re-rated claim's old card, a deleted claim's."""
    for path in before:
        if path not in cards:
            (site_dir / path).unlink(missing_ok=True)


def prune(root: Path, keep: Iterable[Card]) -> int:
    """Remove the cached cards not in ``keep``; return how many."""
    folder = root / FOLDER
    if not folder.is_dir():
        return 0
    kept = {f"{card.key}.png" for card in keep}
    removed = 0
    for path in folder.glob("*.png"):
        if path.name not in kept:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
