"""Machine-readable files: an Atom feed, the ClaimReview dataset (a schema.org DataFeed),
the evidence as W3C Web Annotations, and the archived texts themselves."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.sax.saxutils import escape

from generator import urls
from generator.pages.claimreview import JSON
from generator.pages.crossref import Index
from generator.settings import Settings


def files(index: Index, settings: Settings, reviews: dict[str, JSON]) -> dict[str, str]:
    out = {
        urls.FEED: feed(index, settings),
        urls.DATASET: _json(dataset(index, settings, reviews)),
        urls.ANNOTATIONS: _json(web_annotations(index, settings)),
    }
    for checked in index.seeds:
        out[urls.source_text(checked.seed.id)] = checked.seed.text
    return out


def _json(data: object) -> str:
    # Compact on purpose: indent= switches json to its pure-Python encoder, 10x slower.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _updated(index: Index) -> dt.date:
    dates = [c.claim.updated or c.claim.published or c.claim.claim_date for c in index.claims]
    return max(dates, default=dt.date(2000, 1, 1))


def feed(index: Index, settings: Settings) -> str:
    entries = []
    for item in index.latest:
        claim = item.claim
        url = urls.absolute(settings.site_url, urls.claim_page(claim.id))
        when = (claim.updated or claim.published or claim.claim_date).isoformat()
        verdict = index.scale.get(claim.verdict).label
        entries.append(
            f"<entry><id>{escape(url)}</id><title>{escape(claim.claim)}</title>"
            f'<link href="{escape(url)}"/><updated>{when}T00:00:00Z</updated>'
            f"<summary>{escape(verdict)}: {escape(claim.summary)}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>{escape(settings.site_url)}</id><title>{escape(settings.site_name)}</title>"
        f'<link href="{escape(settings.site_url)}"/>'
        f'<link rel="self" href="{escape(urls.absolute(settings.site_url, urls.FEED))}"/>'
        f"<updated>{_updated(index).isoformat()}T00:00:00Z</updated>"
        f"<author><name>{escape(settings.publisher)}</name></author>\n"
        + "\n".join(entries)
        + "\n</feed>\n"
    )


def dataset(index: Index, settings: Settings, reviews: dict[str, JSON]) -> JSON:
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.site_name}: fact-checks",
        "dateModified": _updated(index).isoformat(),
        "dataFeedElement": [reviews[item.claim.id] for item in index.claims],
    }


def web_annotations(index: Index, settings: Settings) -> dict[str, Any]:
    items = []
    for item in index.claims:
        for number, anchor in enumerate(item.anchors, 1):
            checked = index.seed_by_id[anchor.evidence.source]
            source = checked.source
            target = {
                "source": urls.absolute(settings.site_url, urls.source_text(checked.seed.id)),
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": source.raw[span.start : span.end],
                        "prefix": source.raw[max(0, span.start - 32) : span.start],
                        "suffix": source.raw[span.end : span.end + 32],
                    }
                    for span in anchor.spans
                ]
                + [
                    {"type": "TextPositionSelector", "start": span.start, "end": span.end}
                    for span in anchor.spans
                ],
            }
            items.append(
                {
                    "id": urls.absolute(
                        settings.site_url,
                        urls.claim_page(item.claim.id),
                        urls.evidence_id(item.claim.id, number),
                    ),
                    "type": "Annotation",
                    "motivation": "assessing"
                    if anchor.evidence.role != "context"
                    else "describing",
                    "body": {
                        "type": "TextualBody",
                        "value": f"{anchor.evidence.role}: {item.claim.claim}",
                        "purpose": "tagging",
                    },
                    "target": target,
                }
            )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": f"{settings.site_name}: evidence",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
