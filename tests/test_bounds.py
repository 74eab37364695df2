"""Bounded work for hostile quotations: the lazy chain count agrees with plain enumeration,
and the work done (finds, placements, difflib comparisons) does not grow with the source."""

from __future__ import annotations

import difflib
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import anchoring, explaining
from generator.anchoring import (
    MAX_OCCURRENCES,
    MAX_PLACES,
    Ambiguous,
    Found,
    NotFound,
    OutOfOrder,
    Selector,
    Source,
    TooFrequent,
    resolve,
)


def reference(selector: Selector, source: Source) -> list[tuple]:
    """Every placement, by brute force: the definition the fast resolver must agree with."""
    text = source.text

    def places(part: str) -> list[int]:
        return [i for i in range(len(text)) if text.startswith(part, i)]

    def chains(done: tuple, rest: tuple[str, ...]):
        if not rest:
            end = done[-1][1]
            end += end < len(text) and text[end] == " "
            if text.startswith(selector.suffix, end):
                yield done
            return
        end = done[-1][1]
        for at in places(rest[0]):
            if end <= at <= end + anchoring.MAX_GAP + 1:
                yield from chains((*done, (at, at + len(rest[0]))), rest[1:])

    first, *rest = selector.parts
    found = []
    for at in places(first):
        start = at - (at > 0 and text[at - 1] == " ")
        if text.endswith(selector.prefix, 0, start):
            found.extend(chains(((at, at + len(first)),), tuple(rest)))
    return found


words = st.lists(st.sampled_from(["ab", "b", "ba", "a", "b."]), min_size=1, max_size=3)


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(st.sampled_from(["ab", "b", "ba", "a", "b.", "\n"]), max_size=30),
    parts=st.lists(words, min_size=1, max_size=4),
    prefix=st.sampled_from(["", "a", "b", "ab b"]),
    suffix=st.sampled_from(["", "a", "ba", "b."]),
    gap=st.integers(0, 8),
)
def test_counting_chains_agrees_with_enumerating_them(text, parts, prefix, suffix, gap) -> None:
    source = Source.of("s", " ".join(text))
    selector = Selector.of(" [...] ".join(" ".join(p) for p in parts), prefix=prefix, suffix=suffix)
    with mock.patch.object(anchoring, "MAX_GAP", gap):
        expected = reference(selector, source)
        result = resolve(selector, source)
    if len(expected) == 1:
        assert isinstance(result, Found) and result.placement == expected[0]
    elif expected:
        assert isinstance(result, Ambiguous)
        assert list(result.placements) == expected[:MAX_PLACES]
        assert result.more == (len(expected) > MAX_PLACES)
    else:
        assert isinstance(result, NotFound | OutOfOrder)


class Counting(Source):
    """A source that counts the occurrences its searches return."""

    def occurrences(self, part, start=0, stop=None, limit=None):
        found = super().occurrences(part, start, stop, limit)
        self.__dict__["returned"] = self.__dict__.get("returned", 0) + len(found)
        return found


def test_elisions_over_repetitive_text_do_bounded_work() -> None:
    """The issue's case: three parts over "alpha beta gamma " x N took 12 s at N = 400 by
    building every placement; now the work stops at MAX_OCCURRENCES a part."""
    for n in (40, 100, 400, 40_000):
        source = Counting.of("s", "alpha beta gamma " * n)
        result = resolve(Selector.of("alpha [...] beta [...] gamma"), source)
        if n <= MAX_OCCURRENCES:  # few enough: every chain counted, MAX_PLACES built
            assert isinstance(result, Ambiguous) and result.more
            assert len(result.placements) == MAX_PLACES
        else:
            assert result == TooFrequent(part="alpha")
        assert source.returned <= 3 * (MAX_OCCURRENCES + 1)


def test_many_chains_are_counted_not_built() -> None:
    source = Counting.of("s", "alpha beta gamma " * 60)  # 60 places a part, ~10^4 chains
    result = resolve(Selector.of("alpha beta [...] gamma alpha [...] beta gamma"), source)
    assert isinstance(result, Ambiguous) and result.more and len(result.placements) == MAX_PLACES
    assert source.returned <= 3 * 60


def test_the_closest_passage_costs_the_same_in_a_long_source() -> None:
    sentence = "the troops crossed the river near the village at dawn on saturday morning "
    quote = "the troops crossed the river near the vilage at dawn on saturday"
    calls = []
    real = difflib.SequenceMatcher

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    for copies in (10, 10_000):  # 750 characters, then 750,000
        source = Source.of("s", sentence * copies)
        calls.clear()
        with mock.patch.object(explaining.difflib, "SequenceMatcher", counting):
            hints = explaining.not_found(
                Selector.of(quote), NotFound(part=quote, unfiltered=()), source, ()
            )
        assert hints[1] == 'differences: quote "vilage" → source "village"'
        assert len(calls) <= explaining.CANDIDATES + 4 * 9 + 1


def test_a_long_passage_is_cut_in_hints() -> None:
    words = [f"w{i}" for i in range(400)]
    source = Source.of("s", " ".join(words))
    quote = " ".join([*words[:200], "typo", *words[201:]])
    hints = explaining.not_found(
        Selector.of(quote), NotFound(part=quote, unfiltered=()), source, ()
    )
    assert hints[0].startswith('closest (99%) at line 1: "w0 w1 w2')
    assert " … " in hints[0] and len(hints[0]) < 260
    assert hints[1] == 'differences: quote "typo" → source "w200"'


def test_a_too_frequent_part_is_explained() -> None:
    from generator.checking import _anchor
    from generator.problems import Problems, Spot

    problems = Problems()
    source = Source.of("s", "alpha beta gamma " * 200)
    spot = Spot("claims/x.yaml", 9, 12)
    assert _anchor("alpha beta [...] gamma alpha", spot, None, None, source, (), problems) is None
    assert [(p.code, p.message, p.hints) for p in problems] == [
        (
            "quote-ambiguous",
            '"alpha beta" occurs more than 100 times in seeds/s.txt: '
            "it cannot tell where the quote stands",
            ("quote more words on each side of [...], or add a prefix or suffix",),
        )
    ]
