"""schema.org ClaimReview for a claim page: what the page says, as data (required: the claim,
the rating's label, the page's URL; ratingValue only for verdicts on the scale)."""

from __future__ import annotations

import json
from typing import Any

from generator import urls
from generator.checked import CheckedClaim
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
    claimant_type = "Person" if claim.claimant_type == "person" else "Organization"
    reviewed: JSON = {
        "@type": "Claim",
        "author": {"@type": claimant_type, "name": claim.claimant},
        "datePublished": claim.claim_date.isoformat(),
        "appearance": appearances,
    }
    dated = sorted(
        (a["datePublished"], i) for i, a in enumerate(appearances) if "datePublished" in a
    )
    if dated and (len(dated) == 1 or dated[0][0] < dated[1][0]):
        reviewed["firstAppearance"] = appearances[dated[0][1]]
    review: JSON = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": urls.absolute(settings.site_url, urls.claim_page(claim.id)),
        "claimReviewed": claim.claim,
        "author": {
            "@type": "Organization",
            "name": settings.publisher,
            "url": settings.publisher_url,
        },
        "reviewRating": rating,
        "itemReviewed": reviewed,
    }
    if claim.published:
        review["datePublished"] = claim.published.isoformat()
    if claim.updated:
        review["dateModified"] = claim.updated.isoformat()
    return review


def script(data: JSON) -> str:
    """A JSON-LD script element no field can break out of (<, > and & are escaped)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
