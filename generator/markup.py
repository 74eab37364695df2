"""Markdown fields (summary, analysis, notes): rendered by markdown-it-py with raw HTML off,
and checked so that a contributor learns of raw HTML or an unsafe link with its place."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from generator.codes import Code
from generator.problems import Problems, Spot

SAFE_SCHEMES = ("http", "https", "mailto")


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.validateLink = is_safe_link
    return md


@cache
def _html_parser() -> MarkdownIt:
    """With HTML on, so that check can see raw HTML; never used to render."""
    return MarkdownIt("commonmark")


def is_safe_link(url: str) -> bool:
    """http(s), mailto, or a site-relative link; nothing that can run (javascript:, data:…)."""
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES if scheme else not re.match(r"\s*[a-z0-9+.-]*:", url, re.I)


# One line with no character that can start Markdown syntax renders as one escaped paragraph;
# most summaries and notes are such lines, and markdown-it costs half a millisecond each.
_SYNTAX = re.compile(r"[\n*_\[\]`<>&\\!#|~:]|^\s*(?:[-+=]|\d+[.)])|^ {4}|\s$|^\s")


def render(text: str) -> str:
    """HTML for a Markdown field, with no blank line (it sits inside an HTML block)."""
    if text and not _SYNTAX.search(text):
        return "<p>" + text.replace('"', "&quot;") + "</p>"
    html = _parser().render(text)
    return re.sub(r"\n\s*\n", "\n", html).strip()


def render_inline(text: str) -> str:
    return _parser().renderInline(text).strip()


# Raw HTML needs '<'; an unsafe link needs a scheme other than these, or an entity to hide one.
_SAFE_TEXT = re.compile(r"(?:[^<&:]|(?<![a-z0-9+.-])(?:https?|mailto):|(?<![a-z0-9+.-]):)*", re.I)


def check(text: str, spot: Spot, field: str, problems: Problems) -> None:
    """Report raw HTML and unsafe links in a Markdown field."""
    if _SAFE_TEXT.fullmatch(text):
        return  # nothing here could be HTML or a link with another scheme
    for token in _html_parser().parse(text):
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
            if (
                child.type in ("link_open", "image")
                and url is not None
                and not is_safe_link(str(url))
            ):
                problems.add(
                    where,
                    Code.UNSAFE_LINK,
                    f"link to {str(url)[:60]!r} in {field}: only http(s), mailto and "
                    "site-relative links are allowed",
                )
    for link in re.finditer(r"\]\(\s*<?([a-z][a-z0-9+.-]*:[^)\s>]*)", text, re.I):
        if not is_safe_link(link.group(1)):  # CommonMark refuses these, so no token shows them
            problems.add(
                spot,
                Code.UNSAFE_LINK,
                f"link to {link.group(1)[:60]!r} in {field}: only http(s), mailto and "
                "site-relative links are allowed",
            )
