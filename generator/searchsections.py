"""A page's search sections, as Material's search plugin cuts them, from ``htmlfeed`` tokens.

Material's plugin (``material/plugins/search/plugin.py``, class ``Parser``) walks a page's
HTML and cuts it into sections, one per heading with an id, keeping the text and a few tags
(paragraphs, lists, code). This is the same walk, rule for rule and quirk for quirk (elements
compare by tag name there, so they are tag names here), without its per-tag objects. It is
where the build spent most of its search time. ``tests/test_speed.py`` compares the sections
with Material's on every generated page, and the whole search index with Material's."""

from __future__ import annotations

import re
from html import escape, unescape
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


# --- the same cut over a whole page at once ------------------------------------------------
#
# ``sections`` handles one token at a time; most of a page needs none of that: between two
# headings Material keeps the text and a few tags, and drops everything else. ``quick`` does
# that over the whole page with a few regular expressions, for pages written the way the
# generator writes them: well formed, headings with ids only at the top level and holding
# only text and their permalink, no <pre>. Anything else, and the few quirks it does not
# reproduce, returns None and the page goes through ``sections``. It reads the page as
# UTF-8, where tags are found quickest, and turns every tag into a mark made of bytes UTF-8
# never holds: OPEN p CLOSE for a kept <p class="x">, OPEN CLOSE for a dropped tag, OPEN
# HEADING CLOSE and OPEN TITLE_END CLOSE around a heading's text. The rest is then decoded
# with the marks kept as lone surrogates (which no text and no entity can give), so that
# entities, whitespace and escaping are each one pass over the page.

_VOIDS = "|".join(sorted(VOID)).encode()
_NAME = rb"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_STRICT_ATTRS = re.compile(rb"""(?:\s+""" + _NAME + rb"""(?:="[^"<>]*")?)*\s*""")
_UNUSUAL = re.compile(rb"<(?:pre|object|hx)[\s/>]|</(?:" + _VOIDS + rb")>")  # and linenodiv
_NOT_A_TAG = re.compile(rb"<(?![a-z/])|</(?![a-z])")  # as HTMLParser reads it; or capitals
_TAG_AT = re.compile(rb"<([a-z][a-z0-9]*)(\s[^<>]*?)?(/?)>")
_HEADING = re.compile(rb"<(h[1-6])(\s[^<>]*)?>")
_HEADING_NAMES = frozenset(f"h{n}".encode() for n in range(1, 7))
_TITLE = re.compile(rb'([^<>]*)(?:<a class="headerlink"[^<>]*>[^<>]*</a>)?')
_NO_PUSH = re.compile(rb"<(?:(?:" + _VOIDS + rb")(?=[\s/>])[^>]*|[^>]*/)>")  # void, or <x/>
_KEPT = ("p", "code", "li", "ol", "ul", "sub", "sup")  # KEEP but pre
_KEPT_TAG = re.compile(rb"<(/?(?:" + "|".join(_KEPT).encode() + rb"))(?:\s[^<>]*?)?(/?)>")
_ANY_TAG = re.compile(rb"<[^<>]*>")
_OPEN, _CLOSE = b"\xf8", b"\xf9"
_DROPPED, _EMPTY = _OPEN + _CLOSE, b"<br>"  # a dropped tag; what a skipped element leaves
_HEADING_MARK, _TITLE_END = _OPEN + b"\xfa" + _CLOSE, _OPEN + b"\xfb" + _CLOSE


def _text(mark: bytes) -> str:
    return mark.decode("utf-8", "surrogateescape")


_O, _C, _SPACE = _text(_OPEN), _text(_CLOSE), _text(b"\xfc")  # _SPACE: a piece all whitespace
_HEADING_TEXT, _TITLE_END_TEXT = _text(_HEADING_MARK), _text(_TITLE_END)
_SPACE_PIECE = re.compile(f"{_C}\\s+{_O}")
_SPACES = re.compile(f"{_SPACE}(?:(?:{_O}{_C})+{_SPACE})+")
_EMPTY_KEPT = re.compile(f"{_O}({'|'.join(_KEPT)}){_C}(?:{_SPACE}|{_O}{_C})*{_O}/\\1{_C}")


class _Opening(dict[bytes, re.Pattern[bytes]]):
    def __missing__(self, name: bytes) -> re.Pattern[bytes]:
        self[name] = found = re.compile(b"<" + name + rb"[\s/>]")
        return found


_OPENING = _Opening()  # an element's start tag, by name


def _kept(tag: re.Match[bytes]) -> bytes:
    if tag[2]:  # <p/>: as <p></p>
        return _OPEN + tag[1] + _CLOSE + _OPEN + b"/" + tag[1] + _CLOSE
    return _OPEN + tag[1] + _CLOSE


def _attributes(raw: bytes | None) -> dict[str, str | None] | None:
    """A tag's attributes, if written as the generator writes them. (Read once for all
    pages: the same headings and exclusions come again on every page of a kind. The dict
    is shared: not to be changed.)"""
    if raw is None:
        return {}
    try:
        return _READ[raw]
    except KeyError:
        pass
    if len(_READ) > 4096:
        _READ.clear()
    found = _READ[raw] = dict(attributes(raw.decode())) if _STRICT_ATTRS.fullmatch(raw) else None
    return found


_READ: dict[bytes, dict[str, str | None] | None] = {}


def quick(page: bytes) -> list[Section] | None:
    """The sections ``sections`` would give for the page (as UTF-8), or None for a page this
    shortcut does not handle (``tests/test_speed.py`` compares both with Material's)."""
    if b"linenodiv" in page or _UNUSUAL.search(page) or _NOT_A_TAG.search(page):
        return None
    for raw in (b"script", b"style"):  # left out whole
        at = 0
        while (at := page.find(b"<" + raw, at)) >= 0:
            end = page.find(b"</" + raw + b">", at)
            if end < 0 or page[at + len(raw) + 1] not in b" \t\n\r\f>":
                return None
            page = page[:at] + _EMPTY + page[end + len(raw) + 3 :]
    # Excluded elements, skipped as Material skips them: up to the first end tag of their name.
    if page.lower().count(b"data-search-exclude") != page.count(b"data-search-exclude"):
        return None
    cut: list[bytes] = []
    at = hit = 0
    while (hit := page.find(b"data-search-exclude", hit + 1)) >= 0:
        if hit < at:
            return None  # inside an excluded element: Material's count of them is not ours
        tag = _TAG_AT.match(page, page.rfind(b"<", 0, hit))
        if tag is None or tag.end() < hit or (attrs := _attributes(tag[2])) is None:
            return None  # in text, or not our HTML
        name = tag[1]
        if tag[3] or name.decode() in VOID or "data-search-exclude" not in attrs:
            continue
        if name in _HEADING_NAMES and "id" in attrs:
            continue  # a heading's: its whole section is left out
        end = page.find(b"</" + name + b">", tag.end())
        if end < 0 or _OPENING[name].search(page, tag.end(), end):
            return None  # Material ends the skip at the first </name>, not at the element's
        if _HEADING.search(page, tag.end(), end):
            return None  # a section would start inside
        cut += [page[at : tag.start()], _EMPTY]
        at = end + len(name) + 3
    if cut:
        cut.append(page[at:])
        page = b"".join(cut)
    # Headings with an id start sections, at the top level only: all before them is closed.
    headings: list[tuple[re.Match[bytes], dict[str, str | None]]] = []
    marked: list[bytes] = []
    at = depth = 0
    for m in _HEADING.finditer(page):
        if (attrs := _attributes(m[2])) is None:
            return None
        if "id" not in attrs:
            if headings and headings[-1][0][1] == m[1]:
                return None  # Material would take its text for the section's title
            continue
        if m.start() < at:
            return None  # inside the previous one's title
        start = m.start()
        depth += (
            page.count(b"<", at, start)
            - 2 * page.count(b"</", at, start)
            - len(_NO_PUSH.findall(page, at, start))
        )
        close = page.find(b"</" + m[1] + b">", m.end())
        title = _TITLE.fullmatch(page, m.end(), close) if close > 0 else None
        if depth or title is None:
            return None
        marked += [page[at:start], _HEADING_MARK, title[1], _TITLE_END]
        headings.append((m, attrs))
        at = close + len(m[1]) + 3
    marked.append(page[at:])
    text = _text(_ANY_TAG.sub(_DROPPED, _KEPT_TAG.sub(_kept, b"".join(marked))))
    if "<" in text or ">" in text:
        return None  # not a tag as our HTML writes them
    if "&" in text:
        text = unescape(text)
    text = _SPACE_PIECE.sub(_C + _SPACE + _O, text)
    first, last = text[:1], text[-1:]
    if first.isspace() or last.isspace():  # the first and last pieces, up to the ends
        inner = text.strip()
        if first.isspace() and (not inner or inner[0] == _O):
            text = _SPACE + text.lstrip()
        if last.isspace() and inner and inner[-1] == _C:
            text = text.rstrip() + _SPACE
    if _SPACE + _O in text:
        text = _SPACES.sub(_SPACE, text)
    if _EMPTY_KEPT.search(text):
        return None  # Material removes an empty kept element only if it is the first
    text = _escaped(text)
    parts = text.split(_HEADING_TEXT)
    found: list[Section] = []
    if headings[:1] and headings[0][0][1] != b"h1" and not headings[0][0].start():
        found.append(Section("hx", 1))
    elif page and (not headings or headings[0][0].start()):  # text or tags before the first
        preface = Section("hx")
        preface.text = _shown(parts[0])
        found.append(preface)
    for (m, attrs), part in zip(headings, parts[1:], strict=True):
        section = Section(m[1].decode(), 1, "data-search-exclude" in attrs)
        if found:
            section.id = attrs["id"]
        heading, body = part.split(_TITLE_END_TEXT)
        section.title, section.text = _shown(heading), _shown(body)
        found.append(section)
    return found


def _escaped(marked: str) -> str:
    """Marked text with its text as Material writes it: escaped, newlines as spaces, and
    dropped tags and whitespace marks gone (the marks of headings and kept tags stay)."""
    if "&" in marked:
        marked = marked.replace("&", "&amp;")
    if "<" in marked:
        marked = marked.replace("<", "&lt;")
    if ">" in marked:
        marked = marked.replace(">", "&gt;")
    return marked.replace("\n", " ").replace(_O + _C, "").replace(_SPACE, " ")


def _shown(marked: str) -> list[str]:
    """An ``_escaped`` section's piece as Material's list of pieces, kept tags bare (a piece
    that was empty before its marks went, an empty list: Material then takes the page's
    title for a heading's)."""
    if not marked:
        return []
    return [marked.replace(_O, "<").replace(_C, ">") if _O in marked else marked]
