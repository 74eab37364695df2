"""Machine-readable files: an Atom feed, the ClaimReview dataset (a schema.org DataFeed),
the evidence as W3C Web Annotations, the verdict scale, and the archived texts themselves."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any
from xml.etree import ElementTree as ET

from generator import markup, urls
from generator.pages.claimreview import JSON
from generator.pages.crossref import Index
from generator.settings import Settings


def files(index: Index, settings: Settings, reviews: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Each file by its path, one at a time, so that a caller can let go of one before the next
    is made. ``reviews``: each claim's ClaimReview, already serialised by ``compact``."""
    yield urls.FEED, feed(index, settings)
    yield urls.DATASET, dataset(index, settings, reviews)
    yield urls.ANNOTATIONS, web_annotations(index, settings)
    yield urls.SCALE, compact(scale(index, settings)) + "\n"
    for checked in index.seeds:
        yield urls.source_text(checked.seed.id), checked.seed.text


def compact(data: object) -> str:
    # Compact on purpose: indent= switches json to its pure-Python encoder, 10x slower.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _spliced(envelope: dict[str, Any], key: str, items: Iterable[str]) -> str:
    """``envelope`` serialised with the list at ``key`` (empty in it) made of ``items``, each
    already serialised by ``compact``: the same bytes as serialising the whole tree, without
    every item's tree alive at once (tens of MiB at 10,000 claims). The key's first
    occurrence is the key itself: inside a JSON string a quote is always escaped."""
    empty = f'"{key}":[]'
    head, tail = compact(envelope).split(empty, 1)
    return f'{head}"{key}":[{",".join(items)}]{tail}\n'


def _updated(index: Index) -> dt.date:
    dates = [c.claim.updated or c.claim.published or c.claim.claim_date for c in index.claims]
    return max(dates, default=dt.date(2000, 1, 1))


ATOM = "http://www.w3.org/2005/Atom"


def feed(index: Index, settings: Settings) -> str:
    """The Atom feed, built as an XML tree: ElementTree escapes every value it serializes."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "id", settings.site_url)
    _add(root, "title", settings.site_name)
    _add(root, "link", href=settings.site_url)
    _add(root, "link", rel="self", href=urls.absolute(settings.site_url, urls.FEED))
    _add(root, "updated", f"{_updated(index).isoformat()}T00:00:00Z")
    author = _add(root, "author")
    _add(author, "name", settings.publisher)
    author.tail = "\n"
    scale = urls.absolute(settings.site_url, urls.VERDICTS)
    topics = urls.absolute(settings.site_url, urls.TAGS)
    for item in index.latest:
        claim = item.claim
        url = urls.absolute(settings.site_url, urls.claim_page(claim.id))
        published = (claim.published or claim.claim_date).isoformat()
        updated = (claim.updated or claim.published or claim.claim_date).isoformat()
        verdict = index.scale.get(claim.verdict)
        entry = _add(root, "entry")
        _add(entry, "id", url)
        _add(entry, "title", f"{verdict.label}: {claim.claim}")
        _add(entry, "link", href=url)
        _add(entry, "published", f"{published}T00:00:00Z")
        _add(entry, "updated", f"{updated}T00:00:00Z")
        # A category per verdict and per tag, so that feed readers can filter.
        _add(entry, "category", term=verdict.id, label=verdict.label, scheme=scale)
        for tag in claim.tags or ():
            _add(entry, "category", term=tag, scheme=topics)
        _add(entry, "summary", markup.plain(claim.summary))
        entry.tail = "\n"
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def dataset(index: Index, settings: Settings, reviews: dict[str, str]) -> str:
    envelope = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.site_name}: fact-checks",
        "dateModified": _updated(index).isoformat(),
        "dataFeedElement": [],
    }
    return _spliced(envelope, "dataFeedElement", (reviews[i.claim.id] for i in index.claims))


def scale(index: Index, settings: Settings) -> JSON:
    """The verdict scale in its order: what the search dialog offers to narrow results by
    (a result's tag is its verdict's label) and colours their tags with."""
    page = urls.absolute(settings.site_url, urls.VERDICTS)
    return {
        "url": page,
        "verdicts": [
            {
                "id": v.id,
                "label": v.label,
                "ordinal": v.ordinal,
                "colour": v.colour,
                "meaning": v.meaning,
                "url": urls.absolute(settings.site_url, urls.VERDICTS, urls.verdict_row_id(v.id)),
            }
            for v in index.scale.verdicts
        ],
    }


def web_annotations(index: Index, settings: Settings) -> str:
    items = [compact(annotation) for annotation in _annotations(index, settings)]
    collection = urls.absolute(settings.site_url, urls.ANNOTATIONS)
    envelope = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"{settings.site_name}: evidence",
        "total": len(items),
        "first": {
            "id": f"{collection}#page-1",
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": 0,
            "items": [],
        },
    }
    return _spliced(envelope, "items", items)


def _annotations(index: Index, settings: Settings) -> Iterator[JSON]:
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
            yield {
                "id": urls.absolute(
                    settings.site_url,
                    urls.claim_page(item.claim.id),
                    urls.evidence_id(item.claim.id, number),
                ),
                "type": "Annotation",
                "motivation": "assessing" if anchor.evidence.role != "context" else "describing",
                "body": [
                    {
                        "type": "TextualBody",
                        "value": f"{anchor.evidence.role}: {item.claim.claim}",
                        "purpose": "tagging",
                    },
                    {
                        "id": urls.absolute(settings.site_url, urls.claim_page(item.claim.id)),
                        "type": "Text",
                        "format": "text/html",
                        "purpose": "linking",
                    },
                ],
                "target": target,
            }
