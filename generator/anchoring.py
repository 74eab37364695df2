"""Anchoring: find the one place in a source where a quotation stands.

Exact matching on the folded view (``folding``), overlapping occurrences included; prefix and
suffix filter the occurrences; ``[...]`` splits a quote into parts that must follow each other
within a bounded gap. Exactly one placement is an anchor; none or several is a failure that
``explaining`` turns into hints. Fuzzy matching is never used to accept a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.folding import Folded, Lines, fold, fold_text

ELISION = re.compile(r" ?\[\.\.\.\] ?")  # '[…]' folds to '[...]'
MAX_GAP = 2000  # folded characters an elision may leave out
MAX_PLACES = 50  # placements enumerated before giving up counting (all are ambiguous anyway)
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Span:
    """A raw ``[start, end)`` range of a source, in code points."""

    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Source:
    """A source text, folded once and kept for every quote that cites it."""

    id: str
    raw: str
    folded: Folded
    lines: Lines

    @classmethod
    def of(cls, source_id: str, raw: str) -> Source:
        return cls(id=source_id, raw=raw, folded=fold(raw), lines=Lines.of(raw))

    @property
    def text(self) -> str:
        return self.folded.text

    def occurrences(self, part: str, start: int = 0, stop: int | None = None) -> list[int]:
        """Folded start offsets of ``part`` in ``[start, stop)``, overlapping ones included."""
        found = []
        at = self.text.find(part, start, stop)
        while at != -1:
            found.append(at)
            at = self.text.find(part, at + 1, stop)
        return found

    def raw_span(self, start: int, end: int) -> Span:
        return Span(*self.folded.raw_span(start, end))

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)


@dataclass(frozen=True, kw_only=True)
class Selector:
    """A quote as typed, folded and split at its elisions."""

    parts: tuple[str, ...]
    prefix: str
    suffix: str

    @classmethod
    def of(cls, quote: str, *, prefix: str | None = None, suffix: str | None = None) -> Selector:
        parts = tuple(p for p in ELISION.split(fold_text(quote)) if p)
        return cls(parts=parts, prefix=fold_text(prefix or ""), suffix=fold_text(suffix or ""))

    @property
    def words(self) -> int:
        return sum(len(part.split(" ")) for part in self.parts)


# A placement is the folded [start, end) of each part, in order.
Placement = tuple[tuple[int, int], ...]


@dataclass(frozen=True, kw_only=True)
class Found:
    spans: tuple[Span, ...]  # raw, one per part
    placement: Placement  # the same, folded


@dataclass(frozen=True, kw_only=True)
class NotFound:
    part: str  # the first part that is nowhere in the source (with context filters applied)
    unfiltered: tuple[int, ...]  # where the quote stands if prefix/suffix are ignored


@dataclass(frozen=True, kw_only=True)
class Ambiguous:
    placements: tuple[Placement, ...]


@dataclass(frozen=True, kw_only=True)
class OutOfOrder:
    """Every part occurs, but no chain has them in order within ``MAX_GAP``."""


@dataclass(frozen=True, kw_only=True)
class Mismatch:
    """The raw span did not fold back to the quote: a bug, reported rather than published."""

    raw: str


Resolution = Found | NotFound | Ambiguous | OutOfOrder | Mismatch


def resolve(selector: Selector, source: Source) -> Resolution:
    """Place ``selector`` in ``source``; never a guess."""
    first, *rest = selector.parts
    starts = source.occurrences(first)
    unfiltered = tuple(starts)
    if selector.prefix:
        starts = [s for s in starts if _preceded_by(source.text, s, selector.prefix)]
    placements = [
        p for s in starts for p in _chains(source, ((s, s + len(first)),), rest, selector.suffix)
    ][:MAX_PLACES]
    if len(placements) > 1:
        return Ambiguous(placements=tuple(placements))
    if not placements:
        missing = next((p for p in selector.parts if p not in source.text), None)
        if missing is None and (rest and not selector.prefix and not selector.suffix):
            return OutOfOrder()
        return NotFound(part=missing or first, unfiltered=unfiltered if not rest else ())
    spans = tuple(source.raw_span(start, end) for start, end in placements[0])
    for span, part in zip(spans, selector.parts, strict=True):
        raw = source.raw[span.start : span.end]
        if fold_text(raw) != part:
            return Mismatch(raw=raw)
    return Found(spans=spans, placement=placements[0])


def _chains(source: Source, done: Placement, rest: list[str], suffix: str):
    """Every way to place the remaining parts after ``done``, each within ``MAX_GAP``."""
    end = done[-1][1]
    if not rest:
        if not suffix or _followed_by(source.text, end, suffix):
            yield done
        return
    part, *later = rest
    stop = min(len(source.text), end + MAX_GAP + len(part) + 1)
    for start in source.occurrences(part, end, stop):
        yield from _chains(source, (*done, (start, start + len(part))), later, suffix)


def _preceded_by(text: str, start: int, prefix: str) -> bool:
    if start and text[start - 1] == " ":
        start -= 1
    return text.endswith(prefix, 0, start)


def _followed_by(text: str, end: int, suffix: str) -> bool:
    if end < len(text) and text[end] == " ":
        end += 1
    return text.startswith(suffix, end)
