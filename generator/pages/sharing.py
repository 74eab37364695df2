"""What a page says about itself when it is shared: Open Graph and Twitter card tags, from
the page's title, description and canonical URL, and for a claim page from its own data.

A claim page's image is its share card (``generator/cards.py``): the claim, who made it, the
verdict's badge and the site's name, drawn at build time. A claim page's data is the front
matter key ``fc`` (``claim_meta``), the card's path and text alternative included. Only the hook's
``on_post_page`` (which adds these tags to the rendered page's head), the sitemap and the
404 page read it, never ``main.html``: so claim pages still share one page shell
(``generator/shell.py`` leaves ``fc`` out of what makes a kind of page)."""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from typing import Any

from generator import urls
from generator.cards import HEIGHT, WIDTH, Card
from generator.escaping import Markup
from generator.model import Claim, Verdict
from generator.pages.crossref import Index
from generator.settings import Settings


def card(claim: Claim, index: Index, settings: Settings) -> Card:
    """What the claim's share card shows."""
    claimant = index.claimant_name(claim.claimant)
    if claim.via:
        claimant += f", via {index.claimant_name(claim.via)}"
    verdict = index.scale.get(claim.verdict)
    return Card(
        claim=claim.claim,
        claimant=claimant,
        date=f"{claim.claim_date.day} {claim.claim_date:%B %Y}",
        verdict=verdict.label,
        colour=verdict.colour,
        publication=settings.site_name,
    )


def claim_meta(claim: Claim, verdict: Verdict, drawn: Card) -> dict[str, str]:
    return {
        "kind": "claim",
        "verdict": verdict.label,
        "published": (claim.published or claim.claim_date).isoformat(),
        "modified": (claim.updated or claim.published or claim.claim_date).isoformat(),
        "image": urls.card(claim.id, drawn.key),
        "image_alt": drawn.alt,
    }


def head_tags(
    *,
    meta: Mapping[str, Any],
    title: str,
    url: str | None,
    site_url: str | None,
    site_name: str,
    description: str,
) -> Markup:
    """The tags for one page. ``title`` and ``description`` are as the theme prints them
    (front matter values arrive escaped, see ``html.title_text``): unescaped, then escaped
    once here. A claim's card is given by its absolute address (``site_url``, which may
    have a path: the site served under a sub-path), as Open Graph requires."""
    given = meta.get("fc")
    fc: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    title = html.unescape(title)
    if fc.get("verdict"):
        title = f"{fc['verdict']}: {title}"  # the verdict first, as fact-checkers' cards do
    description = html.unescape(meta.get("description") or description or "")
    image = alt = None
    if fc.get("image") and site_url:
        image = urls.absolute(site_url.rstrip("/") + "/", str(fc["image"]))
        alt = fc.get("image_alt")
    values = (
        site_name,
        title,
        description,
        "article" if fc.get("kind") == "claim" else "website",
        url,
        fc.get("published"),
        fc.get("modified"),
        image,
        image and "image/png",
        image and str(WIDTH),
        image and str(HEIGHT),
        alt,
        "summary_large_image" if image else "summary",
        title,
        description,
        image,
        alt,
    )
    given = tuple(str(v) for v in values if v)
    return _tags(tuple(bool(v) for v in values)).format(*given)


_TAGS = (
    ("property", "og:site_name"),
    ("property", "og:title"),
    ("property", "og:description"),
    ("property", "og:type"),
    ("property", "og:url"),
    ("property", "article:published_time"),
    ("property", "article:modified_time"),
    ("property", "og:image"),
    ("property", "og:image:type"),
    ("property", "og:image:width"),
    ("property", "og:image:height"),
    ("property", "og:image:alt"),
    ("name", "twitter:card"),
    ("name", "twitter:title"),
    ("name", "twitter:description"),
    ("name", "twitter:image"),
    ("name", "twitter:image:alt"),
)


@functools.cache
def _tags(present: tuple[bool, ...]) -> Markup:
    """The tags of ``_TAGS`` that have a value, each ``content="{}"`` to be formatted: made once
    for each combination (a page of each kind has the same), every page then one ``format``."""
    return Markup("").join(
        Markup('<meta {}="{}" content="{{}}">\n').format(kind, name)
        for (kind, name), there in zip(_TAGS, present, strict=True)
        if there
    )
