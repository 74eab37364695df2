"""What a page says about itself when it is shared: Open Graph and Twitter card tags, from
the page's title, description and canonical URL, and for a claim page from its own data.

A claim page's data is the front matter key ``fc`` (``claim_meta``). Only the hook's
``on_post_page`` (which adds these tags to the rendered page's head), the sitemap and the
404 page read it, never ``main.html``: so claim pages still share one page shell
(``generator/shell.py`` leaves ``fc`` out of what makes a kind of page)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from generator.escaping import Markup
from generator.model import Claim, Verdict


def claim_meta(claim: Claim, verdict: Verdict) -> dict[str, str]:
    return {
        "kind": "claim",
        "verdict": verdict.label,
        "published": (claim.published or claim.claim_date).isoformat(),
        "modified": (claim.updated or claim.published or claim.claim_date).isoformat(),
    }


def head_tags(
    *, meta: Mapping[str, Any], title: str, url: str | None, site_name: str, description: str
) -> Markup:
    """The tags for one page. ``title`` and ``description`` are as the theme prints them
    (front matter values arrive escaped, see ``html.title_text``): unescaped, then escaped
    once here."""
    given = meta.get("fc")
    fc: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    title = html.unescape(title)
    if fc.get("verdict"):
        title = f"{fc['verdict']}: {title}"  # the verdict first, as fact-checkers' cards do
    description = html.unescape(meta.get("description") or description or "")
    tags = [
        ("property", "og:site_name", site_name),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:type", "article" if fc.get("kind") == "claim" else "website"),
        ("property", "og:url", url),
        ("property", "article:published_time", fc.get("published")),
        ("property", "article:modified_time", fc.get("modified")),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    return Markup("").join(
        Markup('<meta {}="{}" content="{}">\n').format(kind, name, str(value))
        for kind, name, value in tags
        if value
    )
