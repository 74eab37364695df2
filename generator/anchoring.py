"""Anchoring: find the one place in a source where a quotation stands.

Exact matching on the folded view (``folding``), overlapping occurrences included; prefix and
suffix filter the occurrences; ``[...]`` splits a quote into parts that must follow each other
within a bounded gap. Exactly one placement is an anchor; none or several is a failure that
``explaining`` turns into hints. Fuzzy matching is never used to accept a match.

Bounded work per quotation, whatever the input: at most ``MAX_PARTS`` parts; each part's
occurrences (with the prefix joined to the first part and the suffix to the last, so that
context filters the search rather than its results) are enumerated up to ``MAX_OCCURRENCES``,
beyond which the part is reported as too frequent to place anything; the chains are counted
by dynamic programming over those lists (never enumerated), and at most ``MAX_PLACES``
placements are ever built. So a quotation costs at most ``MAX_PARTS`` × (one scan of the
folded source + ``MAX_OCCURRENCES`` × the part's length) character comparisons.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from generator.folding import Folded, fold, fold_text
from generator.lines import Lines

ELISION = re.compile(r" ?\[\.\.\.\] ?")  # '[…]' folds to '[...]'
MAX_GAP = 2000  # folded characters an elision may leave out
MAX_PLACES = 50  # placements enumerated before giving up counting (all are ambiguous anyway)
MAX_OCCURRENCES = 100  # a part found more often than this says nothing about the place
MAX_PARTS = 10  # nine elisions in one quotation
MIN_WORDS = 3
MAX_UNFILTERED = 8  # places of a quote whose prefix or suffix does not match, to explain


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

    def occurrences(
        self, part: str, start: int = 0, stop: int | None = None, limit: int | None = None
    ) -> list[int]:
        """Folded start offsets of ``part`` in ``[start, stop)``, overlapping ones included;
        at most ``limit`` of them."""
        found: list[int] = []
        at = self.text.find(part, start, stop)
        while at != -1 and len(found) != limit:
            found.append(at)
            at = self.text.find(part, at + 1, stop)
        return found

    @cached_property
    def lowered(self) -> str | None:
        """The folded text in lowercase, if that keeps every offset (it does not for 'İ')."""
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) else None

    @cached_property
    def words(self) -> Words:
        """The folded text's words and where each starts (built once, only to explain)."""
        return Words.of(self.text)

    def raw_span(self, start: int, end: int) -> Span:
        return Span(*self.folded.raw_span(start, end))

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)


@dataclass(frozen=True, kw_only=True)
class Words:
    """A folded text split at its spaces: each word, its start, and a lowercase index."""

    words: list[str]
    starts: list[int]
    index: dict[str, list[int]]  # lowercase word -> the word numbers where it stands

    @classmethod
    def of(cls, text: str) -> Words:
        words = text.split(" ")
        starts: list[int] = []
        index: dict[str, list[int]] = {}
        at = 0
        for number, word in enumerate(words):
            starts.append(at)
            at += len(word) + 1
            index.setdefault(word.lower(), []).append(number)
        return cls(words=words, starts=starts, index=index)


@dataclass(frozen=True, kw_only=True)
class Selector:
    """A quote as typed, folded and split at its elisions."""

    parts: tuple[str, ...]
    prefix: str
    suffix: str

    @classmethod
    def of(cls, quote: str, *, prefix: str | None = None, suffix: str | None = None) -> Selector:
        folded = fold_text(quote)
        parts = tuple(p for p in ELISION.split(folded) if p) if "[" in folded else (folded,)
        return cls(
            parts=parts if folded else (),
            prefix=fold_text(prefix) if prefix else "",
            suffix=fold_text(suffix) if suffix else "",
        )

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
    placements: tuple[Placement, ...]  # the first MAX_PLACES
    more: bool = False  # there are more than these


@dataclass(frozen=True, kw_only=True)
class TooFrequent:
    """A part occurs more than ``MAX_OCCURRENCES`` times: it cannot help place the quote."""

    part: str


@dataclass(frozen=True, kw_only=True)
class OutOfOrder:
    """Every part occurs, but no chain has them in order within ``MAX_GAP``."""


@dataclass(frozen=True, kw_only=True)
class Mismatch:
    """The raw span did not fold back to the quote: a bug, reported rather than published."""

    raw: str


@dataclass(frozen=True, kw_only=True)
class TooManyParts:
    parts: int


Resolution = Found | NotFound | Ambiguous | TooFrequent | TooManyParts | OutOfOrder | Mismatch


def resolve(selector: Selector, source: Source) -> Resolution:
    """Place ``selector`` in ``source``; never a guess."""
    parts = selector.parts
    if len(parts) > MAX_PARTS:
        return TooManyParts(parts=len(parts))
    last = len(parts) - 1
    occurrences = []
    for index, part in enumerate(parts):
        prefix = selector.prefix if index == 0 else ""
        suffix = selector.suffix if index == last else ""
        starts = _starts(source, part, prefix, suffix)
        if starts is None:
            if index == 0 and not prefix and not suffix and not last:  # one part: ambiguous
                places = source.occurrences(part, limit=MAX_PLACES)
                return Ambiguous(placements=tuple(((s, s + len(part)),) for s in places), more=True)
            return TooFrequent(part=part)
        if not starts:
            return _not_found(selector, source)
        occurrences.append(starts)
    if last:
        counts = _count_chains(parts, occurrences)
        total = sum(counts[0])
        if not total:
            return _not_found(selector, source)
        placements = list(_chains(parts, occurrences, counts, 0, (), MAX_PLACES))
    else:  # one part: each occurrence is a placement (what the chains would enumerate)
        total = len(occurrences[0])
        placements = [((at, at + len(parts[0])),) for at in occurrences[0][:MAX_PLACES]]
    if total > 1:
        return Ambiguous(placements=tuple(placements), more=total > len(placements))
    spans = tuple(source.raw_span(start, end) for start, end in placements[0])
    for span, part in zip(spans, parts, strict=True):
        raw = source.raw[span.start : span.end]
        if raw != part and fold_text(raw) != part:
            return Mismatch(raw=raw)
    return Found(spans=spans, placement=placements[0])


def _starts(source: Source, part: str, prefix: str, suffix: str) -> list[int] | None:
    """Where ``part`` starts with ``prefix`` right before it and ``suffix`` right after it
    (a space between them or not), sorted; None if that is more than ``MAX_OCCURRENCES``."""
    if not prefix and not suffix:  # (already sorted and distinct)
        at = source.occurrences(part, limit=MAX_OCCURRENCES + 1)
        return at if len(at) <= MAX_OCCURRENCES else None
    found: set[int] = set()
    for before in (prefix + " ", prefix) if prefix else ("",):
        for after in (" " + suffix, suffix) if suffix else ("",):
            at = source.occurrences(before + part + after, limit=MAX_OCCURRENCES + 1)
            if len(at) > MAX_OCCURRENCES:
                return None
            found.update(a + len(before) for a in at)
    return sorted(found) if len(found) <= MAX_OCCURRENCES else None


def _window(end: int) -> tuple[int, int]:
    """Where the next part may start after a part that ends at ``end``."""
    return end, end + MAX_GAP + 1


def _count_chains(parts: tuple[str, ...], occurrences: list[list[int]]) -> list[list[int]]:
    """For each part and each of its occurrences, how many ways the rest of the chain can be
    placed after it (at most MAX_PLACES + 1): linear in the occurrences, never enumerated."""
    counts = [[1] * len(occurrences[-1])]
    for index in range(len(parts) - 2, -1, -1):
        after, later = occurrences[index + 1], counts[0]
        running = [0]
        for count in later:
            running.append(running[-1] + count)
        mine = []
        for start in occurrences[index]:
            low, high = _window(start + len(parts[index]))
            a, b = bisect_left(after, low), bisect_right(after, high)
            mine.append(min(running[b] - running[a], MAX_PLACES + 1))
        counts.insert(0, mine)
    return counts


def _chains(
    parts: tuple[str, ...],
    occurrences: list[list[int]],
    counts: list[list[int]],
    index: int,
    done: Placement,
    limit: int,
) -> Iterator[Placement]:
    """Up to ``limit`` placements, walking only occurrences that complete a chain."""
    if index == len(parts):
        yield done
        return
    starts, size = occurrences[index], len(parts[index])
    if index == 0:
        a, b = 0, len(starts)
    else:
        low, high = _window(done[-1][1])
        a, b = bisect_left(starts, low), bisect_right(starts, high)
    for at in range(a, b):
        if limit <= 0:
            return
        if counts[index][at]:
            for chain in _chains(
                parts,
                occurrences,
                counts,
                index + 1,
                (*done, (starts[at], starts[at] + size)),
                limit,
            ):
                limit -= 1
                yield chain
                if limit <= 0:
                    return


def _not_found(selector: Selector, source: Source) -> NotFound | OutOfOrder:
    first, *rest = selector.parts
    missing = next((p for p in selector.parts if p not in source.text), None)
    if missing is None and (rest and not selector.prefix and not selector.suffix):
        return OutOfOrder()
    unfiltered = () if rest else tuple(source.occurrences(first, limit=MAX_UNFILTERED))
    return NotFound(part=missing or first, unfiltered=unfiltered)


def _preceded_by(text: str, start: int, prefix: str) -> bool:
    if start and text[start - 1] == " ":
        start -= 1
    return text.endswith(prefix, 0, start)


def _followed_by(text: str, end: int, suffix: str) -> bool:
    if end < len(text) and text[end] == " ":
        end += 1
    return text.startswith(suffix, end)
