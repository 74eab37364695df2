"""A page's search sections, as Material's search plugin cuts them, from ``htmlfeed`` tokens.

Material's plugin (``material/plugins/search/plugin.py``, class ``Parser``) walks a page's
HTML and cuts it into sections, one per heading with an id, keeping the text and a few tags
(paragraphs, lists, code). This is the same walk, rule for rule and quirk for quirk (elements
compare by tag name there, so they are tag names here), without its per-tag objects. It is
where the build spent most of its search time. ``tests/test_speed.py`` compares the sections
with Material's on every generated page, and the whole search index with Material's."""

from __future__ import annotations

from html import escape
from typing import Any

from generator.htmlfeed import DATA, END, START, attributes

HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))
RAW = ("script", "style", "object")
_INF = float("inf")


class Section:
    """A heading (``tag``, ``id``) and the title and text that follow it, as lists of pieces."""

    __slots__ = ("depth", "excluded", "id", "tag", "text", "title")

    def __init__(self, tag: str, depth: float = 0, excluded: bool = False) -> None:
        self.tag, self.depth, self.excluded = tag, depth, excluded
        self.text: list[str] = []
        self.title: list[str] = []
        self.id: str | None = None

    def is_excluded(self) -> bool:
        return self.excluded

    def __repr__(self) -> str:
        return f"{self.tag}#{self.id}" if self.id else self.tag


def _matters(tag: str, raw: str) -> bool:
    """Whether a tag's attributes can change a section (most tags' cannot, so most tags'
    attributes are never parsed)."""
    return (
        tag in HEADINGS
        or "headerlink" in raw
        or "linenodiv" in raw
        or "data-search-exclude" in raw.lower()
    )


def sections(tokens: list[tuple[Any, ...]]) -> list[Section]:
    """The sections of a page given as ``htmlfeed.tokens``.

    Material asks, for each piece of text, whether any open element is skipped, is a
    ``<pre>``, is the section's heading or a permalink; here counts of the open elements
    answer in one look-up each instead of a scan of them all."""
    data: list[Section] = []
    section: Section | None = None
    context: list[str] = []  # open elements' tags
    opened: dict[str, int] = {}  # how many of each tag are open
    links: list[bool] = []  # for each: is it a heading's permalink (<a class="headerlink">)
    in_links = 0  # how many open elements are permalinks
    skip = set(RAW)
    skipped = 0  # how many open elements have a tag in skip

    for token in tokens:
        kind = token[0]
        if kind == DATA:
            if skipped:
                continue
            text = token[1]
            if not opened.get("pre"):
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section = Section("hx")
                data.append(section)
            if opened.get(section.tag):
                if not in_links:
                    section.title.append(escape(text, quote=False))
            elif text.isspace():
                if not section.text or not section.text[-1].isspace() or opened.get("pre"):
                    section.text.append(text)
            else:
                section.text.append(escape(text, quote=False))
            continue
        tag = token[1]
        if kind != END:  # start, or start-end (then an end follows, as HTMLParser does)
            raw = token[2]
            attrs = dict(attributes(raw)) if raw and _matters(tag, raw) else {}
            if tag not in VOID:
                context.append(tag)
                opened[tag] = opened.get(tag, 0) + 1
                link = tag == "a" and attrs.get("class") == "headerlink"
                links.append(link)
                in_links += link
                if tag in skip:
                    skipped += 1
                if tag in HEADINGS and "id" in attrs:
                    depth = len(context)
                    if tag != "h1" and not data:
                        section = Section("hx", depth)
                        data.append(section)
                    section = Section(tag, depth, "data-search-exclude" in attrs)
                    if data:
                        section.id = attrs["id"]
                    data.append(section)
                if section is None:
                    section = Section("hx")
                    data.append(section)
                if attrs and (
                    "data-search-exclude" in attrs
                    or any(k == "class" and v == "linenodiv" for k, v in attrs.items())
                ):
                    skip.add(tag)
                    skipped = sum(opened.get(t, 0) for t in skip)
                elif tag in KEEP and not skipped:
                    (section.title if opened.get(section.tag) else section.text).append(f"<{tag}>")
            if kind == START:
                continue
        # an end tag
        if not context or context[-1] != tag or section is None:  # (an open tag made one)
            continue
        if section.depth > len(context):
            for earlier in reversed(data):
                if earlier.depth <= len(context):
                    section.depth = _INF
                    section = earlier
                    break
        context.pop()
        opened[tag] -= 1
        in_links -= links.pop()
        if tag in skip:
            skipped -= 1
            if tag not in RAW:
                skip.discard(tag)
                skipped = sum(opened.get(t, 0) for t in skip)
            continue
        if tag in KEEP and not skipped:
            kept = section.title if opened.get(section.tag) else section.text
            index = kept.index(f"<{tag}>")
            for i in range(index + 1, len(kept)):
                if not kept[i].isspace():
                    index = len(kept)
                    break
            if len(kept) > index:
                del kept[index:]
            else:
                kept.append(f"</{tag}>")
    return data
