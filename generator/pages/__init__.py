"""Rendering the site: pure functions from the checked project to page texts.

``render_site`` returns every generated file as ``{path under site_src/: content}``. Pages are
Markdown files whose body is HTML built here with every contributor value escaped, so no
Markdown processor can reinterpret news text, and no value can inject markup."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from generator import memo, urls
from generator.cards import Card
from generator.checked import Checked, CheckedClaim, CheckedSeed
from generator.memo import Memo
from generator.pages import claim, claimants, data, lists, sharing, source
from generator.pages.claimreview import JSON, claimreview
from generator.pages.crossref import Index
from generator.settings import Settings

# ``python -m generator build`` hands the pages it rendered to the MkDocs hook under this key
# of the config's ``extra``, so the hook does not check and render a second time.
CONFIG_KEY = "factcheck_pages"
# ... and its ``progress.Progress`` under this one, for a count of the pages MkDocs reads and
# writes.
PROGRESS_KEY = "factcheck_progress"
# ... and the share cards the pages show, under this one (``cards``).
CARDS_KEY = "factcheck_cards"


def _nothing() -> None:
    pass


def render_site(
    checked: Checked,
    settings: Settings,
    kept: Memo | None = None,
    step: Callable[[], None] = _nothing,
    cards: dict[str, Card] | None = None,
) -> dict[str, str]:
    """``kept``: the live preview's memory of its previous rebuilds (see ``memo``): a claim or
    source page whose inputs are the same objects as last time is not rendered again. The
    claimant and listing pages and the data files, which read many claims, are. ``step()``
    is called after each claim and source page (for a progress count). ``cards``, if given,
    receives every claim's share card by its path in the site (drawn by ``cardcache``)."""
    # Rendering makes millions of strings, dicts and tuples and no reference cycles; the cyclic
    # collector would only walk the checked project again and again (about 0.5 s at 10,000
    # claims, most of it in the feed's ElementTree).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _render_site(checked, settings, kept, step, cards, str)
    finally:
        if collecting:
            gc.enable()


def render_site_utf8(
    checked: Checked,
    settings: Settings,
    step: Callable[[], None] = _nothing,
    cards: dict[str, Card] | None = None,
) -> dict[str, bytes]:
    """``render_site`` for a build: each page as UTF-8 (what site_src/ holds and MkDocs
    reads) as soon as it is rendered, so that the pages never all wait as Python strings
    (twice the memory with any non-ASCII letter: about 100 MiB at 10,000 claims)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _render_site(checked, settings, None, step, cards, str.encode)
    finally:
        if collecting:
            gc.enable()


Page = TypeVar("Page", str, bytes)


def _render_site(
    checked: Checked,
    settings: Settings,
    kept: Memo | None,
    step: Callable[[], None],
    cards: dict[str, Card] | None,
    finish: Callable[[str], Page],
) -> dict[str, Page]:
    index = Index.of(checked)
    shared = (settings, index.scale, index.claimant_by_id, index.team_by_id, index.reports)
    reviews: dict[str, str] = {}
    pages: dict[str, Page] = {}
    for item in index.claims:
        review, page, card = memo.value(
            kept,
            "claim",
            item.claim.id,
            _claim_inputs(item, index, shared),
            partial(_claim, item, index, settings),
        )
        reviews[item.claim.id] = data.compact(review)  # the dataset's part, not its tree
        pages[urls.claim_page(item.claim.id)] = finish(page)
        if cards is not None:
            cards[urls.card(item.claim.id, card.key)] = card
        step()
    for seed in index.seeds:
        pages[urls.source_page(seed.seed.id)] = finish(
            memo.value(
                kept,
                "source page",
                seed.seed.id,
                _source_inputs(seed, index, shared),
                partial(source.page, seed, index, settings),
            )
        )
        step()
    pages |= _finished(claimants.pages(index, settings), finish)
    pages |= _finished(lists.pages(index, settings), finish)
    for path, text in data.files(index, settings, reviews):  # each let go of once finished
        pages[path] = finish(text)
    return dict(sorted(pages.items()))


def _finished(group: dict[str, str], finish: Callable[[str], Page]) -> dict[str, Page]:
    """``group``'s pages finished, each let go of as it is (never two copies of them all)."""
    out = {}
    while group:
        path, page = group.popitem()
        out[path] = finish(page)
    return out


def _claim(item: CheckedClaim, index: Index, settings: Settings) -> tuple[JSON, str, Card]:
    """A claim's ClaimReview (its page's and the dataset's), its page and its share card
    (which reads the claim, its claimants' names, the verdict and the site's name: inputs
    ``_claim_inputs`` covers, so the preview never shows a stale card)."""
    review = claimreview(item, index, settings)
    card = sharing.card(item.claim, index, settings)
    return review, claim.page(item, index, settings, {item.claim.id: review}, card), card


# What a claim or source page reads, besides the project-wide ``shared`` inputs (settings,
# scale, registers, reports). A page that comes to read more of the index must say so here:
# tests/test_incremental.py compares the preview's pages with a fresh build after each save.


def _claim_inputs(item: CheckedClaim, index: Index, shared: object) -> Callable[[], object]:
    return lambda: (
        shared,
        item,
        tuple(index.seed_by_id.get(a.evidence.source) for a in item.anchors),
        tuple(index.claim_by_id.get(r) for r in item.claim.related or ()),
    )


def _source_inputs(seed: CheckedSeed, index: Index, shared: object) -> Callable[[], object]:
    return lambda: (
        shared,
        seed,
        tuple((c.item, c.number) for c in index.citations.get(seed.seed.id, ())),
        tuple(index.not_checked.get(seed.seed.id, ())),
    )


def cards(checked: Checked, settings: Settings) -> dict[str, Card]:
    """Every claim's share card by its path in the site, without rendering the pages."""
    index = Index.of(checked)
    out = {}
    for item in index.claims:
        card = sharing.card(item.claim, index, settings)
        out[urls.card(item.claim.id, card.key)] = card
    return out
