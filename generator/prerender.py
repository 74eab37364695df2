"""Generated pages to HTML without Python-Markdown, exactly as it would render them.

A generated page is front matter, then blocks separated by blank lines: raw HTML blocks that
start with a block-level tag (kept verbatim, as Python-Markdown keeps them) and plain ATX
headings (``## Evidence``). Python-Markdown parses every raw HTML block twice over (its own
HTML block preprocessor, then MkDocs' anchor scan) to give back what this module already
knows, so ``prerender`` joins the blocks itself, spells each heading as the site's Markdown
spells it (learned once from Markdown itself, see ``Rules``), and lists the headings for
the table of contents and the ids for MkDocs' anchor checks.

Anything else (a paragraph, a heading with markup, a repeated heading) returns None, and the
page goes through Python-Markdown as before. ``tests/test_speed.py`` compares both renderings
of every generated page, so the two cannot drift apart."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")
# A heading whose text needs no escaping and has no inline markup.
_HEADING = re.compile(r"(#{1,6}) ([A-Za-z0-9][A-Za-z0-9 ,.'()-]*)")
# Ids in our own HTML: every attribute value is quoted with " and escaped, and text escapes
# its quotes too, so a match is always a real attribute, never text or another value.
_ID = re.compile(r"\sid=\"([^\"]*)\"")
ID_SLOT, TEXT_SLOT = "\x00id\x00", "\x00text\x00"


@dataclass(frozen=True, kw_only=True)
class Rules:
    """What the site's Markdown does with our blocks, learned from it: how it renders a plain
    heading at each level (``heading``: a template with ``ID_SLOT`` and ``TEXT_SLOT``), the
    level the heading takes in the table of contents (None: left out), how it makes ids from
    text, and the tags that make a block raw HTML (passed through untouched)."""

    heading: dict[int, str]
    toc_level: dict[int, int | None]
    slugify: Callable[[str], str]
    block_tags: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class Heading:
    level: int  # as in the table of contents
    id: str
    title: str


@dataclass(frozen=True, kw_only=True)
class Prerendered:
    html: str
    headings: tuple[Heading, ...]  # those in the table of contents, in page order
    ids: frozenset[str]  # every id on the page, for links to #anchors
    title: str | None  # the text of a leading h1, as Python-Markdown reports it


def prerender(markdown: str, rules: Rules) -> Prerendered | None:
    """``markdown`` without its front matter; None if it is not made only of raw HTML blocks
    and plain headings."""
    out: list[str] = []
    toc: list[Heading] = []
    ids: set[str] = set()
    heading_ids: set[str] = set()
    title = None
    for n, block in enumerate(markdown.strip("\n").split("\n\n")):
        if block.startswith("<"):
            start = _START_TAG.match(block)
            if not start or start.group(1).lower() not in rules.block_tags or block[-1] != ">":
                return None
            out += [block, "\n\n"]  # Markdown leaves a blank line after raw HTML
            if ' id="' in block:
                ids.update(html.unescape(i) for i in _ID.findall(block))
            continue
        heading = _HEADING.fullmatch(block)
        if not heading:
            return None
        level, text = len(heading.group(1)), heading.group(2).strip()
        anchor = rules.slugify(text)
        if not anchor or anchor in heading_ids:
            return None  # Markdown would number it (_1, _2): leave that to Markdown
        heading_ids.add(anchor)
        out += [rules.heading[level].replace(ID_SLOT, anchor).replace(TEXT_SLOT, text), "\n"]
        toc_level = rules.toc_level[level]
        if toc_level is not None:
            toc.append(Heading(level=toc_level, id=anchor, title=text))
        if n == 0 and level == 1:
            title = text
    if ids & heading_ids:
        return None  # two elements with one id: leave that page to Markdown as it is
    return Prerendered(
        html="".join(out[:-1]), headings=tuple(toc), ids=frozenset(ids | heading_ids), title=title
    )
