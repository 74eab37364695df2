"""Folding and resolving, on the seeds' real oddities and on properties of any span."""

from __future__ import annotations

import bisect
import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.anchoring import (
    MAX_PLACES,
    Ambiguous,
    Found,
    NotFound,
    OutOfOrder,
    Selector,
    Source,
    resolve,
)
from generator.folding import fold, fold_text
from tests.conftest import ROOT

SEED_IDS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


@cache
def seed(seed_id: str) -> Source:
    return Source.of(seed_id, (ROOT / "seeds" / f"{seed_id}.txt").read_text(encoding="utf-8"))


def raw(source: Source, quote: str, **context: str) -> list[str]:
    result = resolve(Selector.of(quote, **context), source)
    assert isinstance(result, Found), result
    return [source.raw[span.start : span.end] for span in result.spans]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("a – b", "a-b"),
        ("a—b", "a-b"),
        ("a -- b", "a-b"),
        ("10,000–12,000", "10,000-12,000"),
        ("  Russia’s\n  Kursk  ", "Russia's Kursk"),
        ('“completely failed"', '"completely failed"'),
        ("x\u00a0y\u2009z", "x y z"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("ﬁnal…", "final..."),
        ("ＦＵＬＬ", "FULL"),
        ("Ukraine", "Ukraine"),
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold_text(typed) == folded


def test_fold_maps_each_character_back_to_its_raw_range() -> None:
    text = "a\u00a0– “b”…"
    folded = fold(text)
    assert folded.text == 'a-"b"...'
    assert [text[s:e] for s, e in zip(folded.starts, folded.ends, strict=True)] == [
        "a",
        "–",
        "“",
        "b",
        "”",
        "…",
        "…",
        "…",
    ]


def test_fold_keeps_raw_offsets_of_text_that_is_not_nfc() -> None:
    text = "cafe\u0301 au lait"  # 'é' written as e + combining accent: 5 code points for 4
    folded = fold(text)
    assert folded.text == "café au lait"
    assert text[slice(*folded.raw_span(0, 4))] == "cafe\u0301"


def test_hard_wrapped_sentence_in_002() -> None:
    assert raw(seed("002_0ff8d9755428d8f6"), "Peskov said. Valery Gerasimov, Chief") == [
        "Peskov said.\nValery\nGerasimov, Chief"
    ]


def test_straight_apostrophe_finds_curly_one_in_001() -> None:
    assert raw(seed("001_bf3cbcc567dc0b0e"), "forced from Russia's Kursk region") == [
        "forced from Russia’s Kursk region"
    ]


def test_curly_open_straight_close_pair_in_002() -> None:
    # The source opens with a curly quote and closes with a straight one; typed all straight.
    quote = '"The complete defeat [...] in other important areas of the front," he said.'
    opening, closing = raw(seed("002_0ff8d9755428d8f6"), quote)
    assert opening == "“The\ncomplete defeat"
    assert closing == 'in other important areas of\nthe front," he said.'


def test_en_dash_typed_for_hyphen_in_002() -> None:
    assert raw(seed("002_0ff8d9755428d8f6"), "deployed 10,000–12,000 of its troops") == [
        "deployed 10,000-12,000 of its\ntroops"
    ]


def test_hyphen_typed_for_em_dash_in_003() -> None:
    quote = "fell short of achieving its objectives - forcing Russia to withdraw forces"
    assert raw(seed("003_1ad628a512f7e72e"), quote) == [
        "fell short of achieving its objectives — forcing Russia to withdraw forces"
    ]


def test_nbsp_typed_in_quote() -> None:
    assert raw(seed("001_bf3cbcc567dc0b0e"), "Ukrainian\u00a0officials disputed\u00a0the claim.")


def test_overlapping_repeats_are_all_found() -> None:
    source = Source.of("ha", "ha ha ha")
    result = resolve(Selector.of("ha ha"), source)
    assert isinstance(result, Ambiguous)
    assert [p[0][0] for p in result.placements] == [0, 3]
    found = resolve(Selector.of("ha ha", prefix="ha"), source)
    assert isinstance(found, Found) and found.spans[0].start == 3
    found = resolve(Selector.of("ha ha", suffix="ha"), source)
    assert isinstance(found, Found) and found.spans[0].start == 0


def test_elision_gives_one_span_per_part() -> None:
    parts = raw(
        seed("003_1ad628a512f7e72e"),
        "the village of Gornal [...] liberated from Ukrainian units",
        prefix="the last settlement in the territory of the Kursk region,",
    )
    assert parts == ["the village of Gornal", "liberated from Ukrainian units"]


def test_elision_parts_out_of_order() -> None:
    selector = Selector.of("disputed the claim. [...] All Ukrainian troops have been forced")
    assert isinstance(resolve(selector, seed("001_bf3cbcc567dc0b0e")), OutOfOrder)


def test_prefix_that_does_not_match_rules_the_quote_out() -> None:
    result = resolve(
        Selector.of("Ukrainian officials disputed the claim.", prefix="Moscow said"),
        seed("001_bf3cbcc567dc0b0e"),
    )
    assert isinstance(result, NotFound) and result.unfiltered


def test_case_is_not_folded() -> None:
    result = resolve(Selector.of("ukrainian officials disputed"), seed("001_bf3cbcc567dc0b0e"))
    assert isinstance(result, NotFound)


@st.composite
def seed_spans(draw) -> tuple[Source, int, int]:
    source = seed(draw(st.sampled_from(SEED_IDS)))
    text = source.raw
    start = draw(st.integers(0, len(text) - 2))
    end = draw(st.integers(start + 1, min(len(text), start + 400)))
    return source, start, end


@settings(max_examples=300, deadline=None)
@given(seed_spans())
def test_any_span_resolves_to_itself_or_is_ambiguous(case: tuple[Source, int, int]) -> None:
    source, start, end = case
    quote = source.raw[start:end]
    if not quote.strip() or quote[0].isspace() or quote[-1].isspace():
        return  # only spans that start and end on a non-space character
    if "[...]" in fold_text(quote):
        return  # a literal elision mark would be read as one
    result = resolve(Selector.of(quote), source)
    # Where the quote stands in the folded text: the first folded character whose raw range
    # ends after ``start`` (a dash run the span starts inside of counts from its first dash).
    here = bisect.bisect_right(source.folded.ends, start)
    if isinstance(result, Ambiguous):
        starts = [p[0][0] for p in result.placements]
        # Placements are in text order and at most MAX_PLACES are built: this one is among
        # them, unless all those built stand before it.
        assert here in starts or (len(starts) == MAX_PLACES and max(starts) < here), (
            quote,
            here,
            starts,
        )
        return
    assert isinstance(result, Found), (quote, result)
    assert result.placement[0][0] == here
    (span,) = result.spans
    assert fold_text(source.raw[span.start : span.end]) == fold_text(quote)
    # The span is the quote itself, give or take characters the fold drops at its edges.
    assert span.start >= start and span.end <= end
    assert fold_text(source.raw[start : span.start]) in ("", "-")
    assert fold_text(source.raw[span.end : end]) in ("", "-")


@given(st.text(alphabet=st.sampled_from("ab -–—‐\u00a0\t\n’“”…`\u00adé\u0301"), max_size=40))
def test_fold_text_fast_path_equals_the_full_fold(text: str) -> None:
    assert fold_text(text) == fold(text).text


@given(st.text(max_size=200))
def test_fold_text_equals_the_full_fold_on_any_text(text: str) -> None:
    assert fold_text(text) == fold(text).text


@given(st.text(max_size=200))
def test_fold_is_idempotent(text: str) -> None:
    once = fold_text(text)
    assert fold_text(once) == once


@given(st.text(max_size=200))
def test_fold_offsets_are_ordered_and_in_range(text: str) -> None:
    folded = fold(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    assert all(0 <= s < e <= len(text) for s, e in zip(folded.starts, folded.ends, strict=True))
    assert list(folded.starts) == sorted(folded.starts)


@given(st.text(alphabet=st.sampled_from("ab .,'\"-=+1)(:*_[]<>&#!\\`~|\n\t"), max_size=30))
def test_markdown_fast_path_renders_exactly_as_markdown_it(text: str) -> None:
    from generator import markup

    expected = re.sub(r"\n\s*\n", "\n", markup._parser().render(text)).strip()
    assert markup.render(text) == expected
