"""Markdown fields (summary, analysis, notes): rendered by markdown-it-py with raw HTML off,
and checked so that a contributor learns of raw HTML or an unsafe link with its place."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.codes import Code
from generator.escaping import Markup, visible
from generator.problems import Problems, Spot

SAFE_SCHEMES = ("http", "https", "mailto")


class _SafeLinks(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return is_safe_link(url)


class _AllLinks(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return True


@cache
def _parser() -> MarkdownIt:
    return _SafeLinks("commonmark", {"html": False, "typographer": False})


@cache
def _html_parser() -> MarkdownIt:
    """With HTML on, so that check can see raw HTML, and every link kept (each is checked
    below, after markdown-it has decoded its entities and escapes); never used to render."""
    return _AllLinks("commonmark")


def is_safe_link(url: str) -> bool:
    """http(s), mailto, or a site-relative link; nothing that can run (javascript:, data:…).
    ``//host`` (or ``/\\host``, which browsers read the same way) leaves the site: it must
    be written with its scheme, so it is refused here."""
    url = url.strip()
    if _PROTOCOL_RELATIVE.match(url):
        return False
    scheme = urlsplit(url).scheme.lower()
    return scheme in SAFE_SCHEMES if scheme else not re.match(r"\s*[a-z0-9+.-]*:", url, re.I)


_PROTOCOL_RELATIVE = re.compile(r"[/\\]{2}")

# One line with no character that can start Markdown syntax renders as one escaped paragraph;
# most summaries and notes are such lines, and markdown-it costs half a millisecond each.
_SYNTAX = re.compile(r"[\n*_\[\]`<>&\\!#|~:]|^\s*(?:[-+=]|\d+[.)])|^ {4}|\s$|^\s")

# The next most common line: text with only **strong** or *emphasis* between spaces and
# [text](https://link)s, each in the plainest form, where CommonMark's rules leave no choice
# (an opener after a space or at the start and before a letter or digit, a closer after one
# and before a space, the end or . , ; ? )). Such a line is rendered here, as markdown-it
# renders it (``tests/test_markup_fast.py`` compares the two on thousands of lines); anything
# else, however close, goes to markdown-it.
_CHAR = r"[^\n\r\x00*_\[\]`<>&\\!#|~:]"  # what _SYNTAX lets through, but for the line's edges
_PIECE = re.compile(
    rf"(?P<text>{_CHAR}+)"
    rf"|(?<![^ ])(?P<mark>\*\*?)(?P<inner>[^\W_](?:{_CHAR}*[^\W_])?)(?P=mark)(?=[ .,;?)]|$)"
    rf"|\[(?P<label>{_CHAR}+)\]\((?P<url>https?://[A-Za-z0-9._~/?=#-]+)\)"
)
_LINE = re.compile(r"^\s*(?:[-+=]|\d+[.)])|^ {4}|\s$|^\s")
_TAGS = {"*": "em", "**": "strong"}


def _simple(text: str) -> list[re.Match[str]] | None:
    """The pieces of a line of only text, emphasis and links (see above), or None."""
    if not text or _LINE.search(text):
        return None
    pieces, at, end = [], 0, len(text)
    while at < end:
        piece = _PIECE.match(text, at)
        if piece is None:
            return None
        pieces.append(piece)
        at = piece.end()
    return pieces


def _simple_html(pieces: list[re.Match[str]]) -> str:
    """HTML of ``_simple``'s pieces: their text escaped as markdown-it escapes it (of the
    characters ``_CHAR`` lets through, only '"' needs it); the URL has none to escape."""
    out = []
    for piece in pieces:
        text, mark, url = piece["text"], piece["mark"], piece["url"]
        if text is not None:
            out.append(text.replace('"', "&quot;"))
        elif mark is not None:
            tag, inner = _TAGS[mark], piece["inner"].replace('"', "&quot;")
            out.append(f"<{tag}>{inner}</{tag}>")
        else:
            label = piece["label"].replace('"', "&quot;")
            out.append(f'<a href="{url}">{label}</a>')
    return "".join(out)


@lru_cache(maxsize=16)
def _parsed(text: str) -> tuple[Token, ...]:
    """A field's tokens, parsed once for both ``render`` and ``plain`` (a page asks for the
    summary's HTML and its plain text in turn)."""
    return tuple(_parser().parse(text))


@cache  # the live preview renders every page again on each save; the texts rarely change
def render(text: str) -> Markup:
    """HTML for a Markdown field, with no blank line (it sits inside an HTML block).

    Markup without escaping it again: markdown-it renders with raw HTML off, so it escapes
    every character of the text itself; the shortcut escapes the one such character a line
    without Markdown syntax can hold."""
    if text and not _SYNTAX.search(text):
        return Markup("<p>" + visible(text.replace('"', "&quot;")) + "</p>")
    pieces = _simple(text)
    if pieces is not None:
        return Markup("<p>" + visible(_simple_html(pieces)) + "</p>")
    return Markup(_markdown_it(text))


def _markdown_it(text: str) -> str:
    """``render``'s HTML as markdown-it makes it: the reference for every shortcut."""
    parser = _parser()  # as its render() does, with the tokens parsed once
    html: str = parser.renderer.render(list(_parsed(text)), parser.options, {})
    return visible(re.sub(r"\n\s*\n", "\n", html).strip())


@cache  # a claim's summary is a page's description and a feed entry's
def plain(text: str) -> str:
    """A Markdown field as one line of plain text: for descriptions, feeds and cards."""
    if text and not _SYNTAX.search(text):
        return " ".join(text.split())
    pieces = _simple(text)
    if pieces is not None:
        shown = "".join(p["text"] or p["inner"] or p["label"] for p in pieces)
        return " ".join(shown.split())
    return _markdown_it_plain(text)


def _markdown_it_plain(text: str) -> str:
    """``plain``'s text from markdown-it's tokens: the reference for every shortcut."""
    words = []
    for token in _parsed(text):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.block and token.nesting == -1:
            words.append(" ")
    return " ".join("".join(words).split())


@cache
def render_inline(text: str) -> Markup:
    """As ``render``, without the paragraph."""
    return Markup(visible(_parser().renderInline(text).strip()))


# Raw HTML needs '<'; an unsafe link needs a scheme other than these, or an entity to hide one.
# A '//' not after a scheme, or a backslash, can start a protocol-relative link.
_SAFE_TEXT = re.compile(
    r"(?:[^<&:/\\]|(?<![a-z0-9+.-])(?:https?|mailto):(?://)?|(?<![a-z0-9+.-]):|/(?![/\\]))*",
    re.I,
)


def check(text: str, spot: Spot, field: str, problems: Problems) -> None:
    """Report raw HTML and unsafe links in a Markdown field."""
    if _SAFE_TEXT.fullmatch(text):
        return  # nothing here could be HTML or a link with another scheme
    env: dict[str, Any] = {}
    seen: set[str] = set()  # each unsafe address once, however often it is used
    for token in _html_parser().parse(text, env):
        line = spot.line + (token.map[0] if token.map else 0)
        where = Spot(path=spot.path, line=line, col=spot.col)
        children = token.children or [token]
        for child in children:
            if child.type in ("html_block", "html_inline"):
                problems.add(
                    where,
                    Code.RAW_HTML,
                    f"raw HTML is not allowed in {field}: {child.content.strip()[:60]!r}",
                    "write Markdown: **bold**, *italic*, [text](https://…); "
                    "to show a '<' as text, write \\<",
                )
            url = child.attrGet("href") or child.attrGet("src")
            if child.type in ("link_open", "image") and url is not None:
                _check_link(str(url), where, field, problems, seen)
    for reference in env.get("references", {}).values():  # [label]: url, used or not
        _check_link(reference["href"], spot, field, problems, seen)


def _check_link(url: str, where: Spot, field: str, problems: Problems, seen: set[str]) -> None:
    if is_safe_link(url) or url in seen:
        return
    seen.add(url)
    if _PROTOCOL_RELATIVE.match(url.strip()):
        problems.add(
            where,
            Code.UNSAFE_LINK,
            f"link to {url[:60]!r} in {field}: a link starting with '//' leaves the site",
            "write the full address with its scheme: https://…",
        )
        return
    problems.add(
        where,
        Code.UNSAFE_LINK,
        f"link to {url[:60]!r} in {field}: only http(s), mailto and site-relative links are "
        "allowed",
    )
