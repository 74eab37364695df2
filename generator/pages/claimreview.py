"""schema.org ClaimReview for a claim page: what the page says, as data (required: the claim,
the rating's label, the page's URL; ratingValue only for verdicts on the scale)."""

from __future__ import annotations

import json
from typing import Any

from generator import urls
from generator.checked import CheckedClaim
from generator.escaping import Markup
from generator.model import Claimant, TeamMember
from generator.pages.crossref import Index
from generator.settings import Settings

JSON = dict[str, Any]  # a JSON object


def claimreview(item: CheckedClaim, index: Index, settings: Settings) -> JSON:
    claim = item.claim
    verdict = index.scale.get(claim.verdict)
    rating: JSON = {"@type": "Rating", "alternateName": verdict.label}
    if verdict.ordinal is not None:
        rating |= {
            "ratingValue": verdict.ordinal,
            "bestRating": index.scale.best,
            "worstRating": index.scale.worst,
        }
    appearances: list[JSON] = []
    for seed_id in dict.fromkeys(
        a.evidence.source for a in item.anchors if a.evidence.role == "appearance"
    ):
        meta = index.seed_by_id[seed_id].seed.meta
        article = {
            "@type": "NewsArticle",
            "url": meta.url or urls.absolute(settings.site_url, urls.source_page(seed_id)),
            "headline": meta.title,
            "datePublished": meta.published.isoformat() if meta.published else None,
            "publisher": {"@type": "Organization", "name": meta.outlet},
        }
        appearances.append({k: v for k, v in article.items() if v is not None})
    reviewed: JSON = {
        "@type": "Claim",
        "author": who(
            index.claimant_by_id.get(claim.claimant),
            claim.claimant,
            url=urls.absolute(settings.site_url, urls.claimant_page(claim.claimant)),
        ),
        "datePublished": claim.claim_date.isoformat(),
        "appearance": appearances,
    }
    dated = sorted(
        (a["datePublished"], i) for i, a in enumerate(appearances) if "datePublished" in a
    )
    if dated and (len(dated) == 1 or dated[0][0] < dated[1][0]):
        reviewed["firstAppearance"] = appearances[dated[0][1]]
    publisher = {"@type": "Organization", "name": settings.publisher, "url": settings.publisher_url}
    url = urls.absolute(settings.site_url, urls.claim_page(claim.id))
    review: JSON = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": short(claim.claim),
        "author": who(index.team_by_id.get(claim.author), claim.author),
        "publisher": publisher,
        # schema.org puts the reviewer on the page (WebPage.reviewedBy), not on the review.
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": url,
            "reviewedBy": who(index.team_by_id.get(claim.reviewed_by), claim.reviewed_by),
        },
        "reviewRating": rating,
        "itemReviewed": reviewed,
    }
    if claim.published:
        review["datePublished"] = claim.published.isoformat()
    review["dateModified"] = (claim.updated or claim.published or claim.claim_date).isoformat()
    return review


def who(entry: Claimant | TeamMember | None, entry_id: str, *, url: str | None = None) -> JSON:
    """A claimant or team member as a schema.org Person or Organization; ``url``: our page
    about it (a claimant's record), where there is one."""
    if entry is None:
        return {"@type": "Thing", "name": entry_id}
    who: JSON = {
        "@type": "Person" if entry.type == "person" else "Organization",
        "name": entry.name,
    }
    who["jobTitle" if entry.type == "person" else "description"] = entry.description
    if url:
        who["url"] = url
    if isinstance(entry, Claimant) and entry.same_as:
        who["sameAs"] = list(entry.same_as)
    return who


SHORT = 110  # characters: what search results show of claimReviewed without cutting it


def short(text: str) -> str:
    """The claim as search results can show it whole: cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= SHORT:
        return text
    cut = text[: SHORT - 1].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return cut + "…"


def script(data: JSON) -> Markup:
    """A JSON-LD script element no field can break out of: JSON with <, > and & escaped as
    JSON escapes (HTML escaping does not apply inside a script element)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">' + text + "</script>")
