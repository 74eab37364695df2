"""Hints for a quote that did not anchor: what is wrong and how to fix it.

Fuzzy matching lives only here, to explain a failure; it never accepts a match."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Iterable

from generator.anchoring import (
    Ambiguous,
    NotFound,
    Placement,
    Selector,
    Source,
)
from generator.folding import collapse

MAX_PLACES_SHOWN = 8
MAX_CONTEXT_WORDS = 12
MAX_SHOWN = 200  # characters of source text a hint shows; longer passages lose their middle
MAX_DIFF_SHOWN = 60  # characters of each side of one difference
RARE_WORDS = 6  # the quote's rarest words vote for where the closest passage starts
MAX_VOTES = 200  # places per voting word
CANDIDATES = 8  # windows compared with difflib
MAX_CHAR_COMPARE = 300  # quotes up to this long are compared by characters, longer by words


def show(text: str) -> str:
    """Text in double quotes with escapes: readable in a terminal, pasteable into YAML."""
    return json.dumps(text, ensure_ascii=False)


def raw_of(source: Source, start: int, end: int) -> str:
    span = source.raw_span(start, end)
    return source.raw[span.start : span.end]


def place(source: Source, folded_start: int) -> str:
    line, col = source.position(source.folded.starts[folded_start])
    return f"line {line}:{col}"


def not_found(
    selector: Selector,
    failure: NotFound,
    source: Source,
    others: Iterable[Source],
    *,
    closest: bool = True,
) -> list[str]:
    """Every hint that applies, in the order of docs/matching.md. ``closest=False`` skips the
    closest-passage search (check gives it to a bounded number of quotations)."""
    part = failure.part
    if part in source.text:  # present, but the prefix or suffix rules every place out
        return [
            hint
            for at in failure.unfiltered
            if (hint := _context_mismatch(selector, source, at, len(part)))
        ]
    hints: list[str] = []
    lowered = source.lowered.find(part.lower()) if source.lowered is not None else -1
    if lowered != -1:
        hints.append(
            f"differs only in case from {place(source, lowered)}: "
            f"{show(cut(raw_of(source, lowered, lowered + len(part))))}"
        )
    stripped = part.strip("\"'")
    if stripped != part and stripped and stripped in source.text:
        hints.append(
            "the quote is wrapped in quotation marks that are not in the source: leave them out"
        )
    if "..." in part:
        hints.append("'...' is not an elision mark here: write [...] where words are left out")
    if closest and (not hints or hints[-1].startswith("'...'")):
        # Around a '...', each piece is what would be a part of an elided quote: explain those
        # that are not in the source as they stand (a typo next to the dots).
        for piece in (p.strip(" ") for p in part.split("...")):
            if piece and piece not in source.text:
                hints.extend(_closest(piece, source))
    for other in others:
        at = other.text.find(part) if other.id != source.id else -1
        if at != -1:
            hints.append(
                f"found in seeds/{other.id}.txt at {place(other, at)}: "
                f"is 'source: {source.id}' the right source?"
            )
    return hints


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """Text shortened to about ``limit`` characters, its middle left out."""
    if len(text) <= limit:
        return text
    head = text[: limit * 2 // 3].rsplit(" ", 1)[0]
    tail = text[-(limit // 3) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _context_mismatch(selector: Selector, source: Source, at: int, size: int) -> str | None:
    text = source.text
    if selector.prefix:
        before = text[max(0, at - len(selector.prefix) - 1) : at].strip()
        return (
            f"the quote is at {place(source, at)}, but the prefix does not match: "
            f"the text before it is {show(cut(collapse(raw_of(source, at - len(before), at))))}"
            if before
            else f"the quote is at {place(source, at)}, at the start of the text: remove the prefix"
        )
    end = at + size
    after = text[end : end + len(selector.suffix) + 1].strip()
    start = end + (len(text[end:]) - len(text[end:].lstrip()))
    return (
        f"the quote is at {place(source, at)}, but the suffix does not match: "
        f"the text after it is {show(cut(collapse(raw_of(source, start, start + len(after)))))}"
        if after
        else f"the quote is at {place(source, at)}, at the end of the text: remove the suffix"
    )


def _closest(part: str, source: Source) -> list[str]:
    """The passage most like ``part``: similarity, line, raw text and a word diff.

    Bounded whatever the source: the quote's rarest words (at most ``RARE_WORDS``, each at
    most ``MAX_VOTES`` places) vote for where the quote would start; the best ``CANDIDATES``
    windows are compared with difflib, by characters for a short quote (edges then moved a
    word at a time), by words for a long one."""
    words = source.words
    needle = part.split(" ")
    lowered = [w.lower() for w in needle]
    rare = sorted(
        (len(words.index[w]), number)
        for number, w in enumerate(lowered)
        if len(w) >= 3 and w in words.index
    )
    votes: Counter[int] = Counter()
    for _, number in rare[:RARE_WORDS]:
        for at in words.index[lowered[number]][:MAX_VOTES]:
            votes[max(0, at - number)] += 1
    short = len(part) <= MAX_CHAR_COMPARE
    best: tuple[float, int, int] | None = None
    for first, _ in votes.most_common(CANDIDATES):
        last = min(len(words.words), first + len(needle)) - 1
        window = (words.starts[first], words.starts[last] + len(words.words[last]))
        best = max(best or (0.0, 0, 0), (_similarity(part, source.text, *window, short), *window))
    if best is None or best[0] < 0.5:
        return []
    if short:
        best = _refine(part, source.text, best)
    ratio, start, end = best
    raw = raw_of(source, start, end)
    line, _ = source.position(source.folded.starts[start])
    percent = min(round(ratio * 100), 99)  # never "100%" for a passage that differs
    hints = [f"closest ({percent}%) at line {line}: {show(cut(raw))}"]
    diff = word_diff(part, source.text[start:end])
    if diff:
        hints.append(f"differences: {diff}")
    return hints


def _similarity(needle: str, text: str, start: int, end: int, short: bool = True) -> float:
    if short:
        return difflib.SequenceMatcher(None, needle, text[start:end], autojunk=False).ratio()
    return difflib.SequenceMatcher(None, needle.split(" "), text[start:end].split(" ")).ratio()


def _refine(needle: str, text: str, best: tuple[float, int, int]) -> tuple[float, int, int]:
    """Move each edge of the window a few words either way while the match improves."""
    for _ in range(4):
        _, start, end = best
        starts = [start, _word_before(text, start), _word_after(text, start)]
        ends = [end, _word_before(text, end - 1) - 1, _word_after(text, end) - 1]
        best = max(
            (_similarity(needle, text, a, b), a, b)
            for a in starts
            for b in ends
            if 0 <= a < b <= len(text)
        )
        if best[1:] == (start, end):
            break
    return best


def _word_before(text: str, at: int) -> int:
    return text.rfind(" ", 0, max(0, at - 1)) + 1


def _word_after(text: str, at: int) -> int:
    found = text.find(" ", at + 1)
    return len(text) + 1 if found == -1 else found + 1


def word_diff(quote: str, found: str, limit: int = 5) -> str:
    """``"kilometres" → "kilometers"; …``: what the quote has where the source has other words."""
    mine, theirs = quote.split(" "), found.split(" ")
    changes = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, mine, theirs).get_opcodes():
        if tag == "equal":
            continue
        yours = show(cut(" ".join(mine[a0:a1]), MAX_DIFF_SHOWN)) if a1 > a0 else "(nothing)"
        source = show(cut(" ".join(theirs[b0:b1]), MAX_DIFF_SHOWN)) if b1 > b0 else "(nothing)"
        changes.append(f"quote {yours} → source {source}")
    more = f"; and {len(changes) - limit} more" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more


def ambiguous(failure: Ambiguous, source: Source) -> list[str]:
    """Each place the quote stands, with a ready-to-paste prefix or suffix for it."""
    placements = failure.placements
    times = f"more than {len(placements)}" if failure.more else str(len(placements))
    hints = [f"it occurs {times} times; add the prefix or suffix of the one you mean:"]
    for placement in placements[:MAX_PLACES_SHOWN]:
        start, end = placement[0][0], placement[-1][1]
        hints.append(f"{place(source, start)}: {_around(source, start, end)}")
        hints.append("    " + disambiguator(source, placement, placements))
    if len(placements) > MAX_PLACES_SHOWN:
        hints.append(f"and {len(placements) - MAX_PLACES_SHOWN} more places")
    return hints


def _around(source: Source, start: int, end: int, words: int = 4) -> str:
    text = source.text
    before = " ".join(text[:start].split(" ")[-words - 1 :])
    after = " ".join(text[end:].split(" ")[: words + 1])
    return f"…{before}[{cut(text[start:end])}]{after}…"


def disambiguator(source: Source, mine: Placement, all_: tuple[Placement, ...]) -> str:
    """The shortest prefix or suffix that only this placement has."""
    text = source.text
    others = [p for p in all_ if p != mine]
    start, end = mine[0][0], mine[-1][1]
    for count in range(1, MAX_CONTEXT_WORDS + 1):
        before = text[:start].rstrip(" ").split(" ")
        if text[:start].strip() and len(before) >= count:
            prefix = " ".join(before[-count:])
            if not any(_has_prefix(text, p[0][0], prefix) for p in others):
                begin = start - len(text[:start]) + len(text[:start].rstrip(" ")) - len(prefix)
                return "prefix: " + show(collapse(raw_of(source, begin, begin + len(prefix))))
        after = text[end:].lstrip(" ").split(" ")
        if text[end:].strip() and len(after) >= count:
            suffix = " ".join(after[:count])
            if not any(_has_suffix(text, p[-1][1], suffix) for p in others):
                begin = end + len(text[end:]) - len(text[end:].lstrip(" "))
                return "suffix: " + show(collapse(raw_of(source, begin, begin + len(suffix))))
    return "the places have the same context: quote a longer passage to tell them apart"


def _has_prefix(text: str, start: int, prefix: str) -> bool:
    return text[:start].rstrip(" ").endswith(prefix)


def _has_suffix(text: str, end: int, suffix: str) -> bool:
    return text[end:].lstrip(" ").startswith(suffix)
