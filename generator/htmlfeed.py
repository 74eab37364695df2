"""Feeding our own HTML to an ``html.parser.HTMLParser`` subclass, quickly.

Material's search plugin splits every page into sections with a pure-Python ``HTMLParser``,
which spends most of its time finding tags, not handling them. The HTML the generator writes
is regular: every attribute value quoted with ``"`` and escaped, no ``<`` in text, comments
or CDATA only where listed below. ``feed`` finds its tags with one regular expression and
calls the parser's own handlers in the order and with the arguments ``HTMLParser.feed``
would, so the handlers (and what they build) stay Material's. Anything it does not
recognise makes it return False before calling a handler; the caller then feeds the page
the ordinary way. ``tests/test_speed.py`` checks that both feeds give the same calls."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

_TOKEN = re.compile(
    r"""<(?P<end>/)?(?P<tag>[a-zA-Z][a-zA-Z0-9]*)(?P<attrs>(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*)\s*(?P<close>/)?>"""
    r"|(?P<text>[^<]+)"
)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?""")
# Elements whose content HTMLParser reads as raw text up to the closing tag.
_RAW_TEXT = ("script", "style")


def tokens(text: str) -> list[tuple[Any, ...]] | None:
    """``("start", tag, attrs)``, ``("startend", tag, attrs)``, ``("end", tag)`` and
    ``("data", text)``, as HTMLParser reports them; None for HTML outside our dialect."""
    out: list[tuple[Any, ...]] = []
    at, size = 0, len(text)
    while at < size:
        token = _TOKEN.match(text, at)
        if token is None:
            return None
        at = token.end()
        data = token.group("text")
        if data is not None:
            out.append(("data", html.unescape(data) if "&" in data else data))
            continue
        tag = token.group("tag").lower()
        if token.group("end"):
            if token.group("attrs") or token.group("close"):
                return None
            out.append(("end", tag))
            continue
        attrs = [
            (name.lower(), None if value is None else html.unescape(value))
            for name, value in _ATTR.findall(token.group("attrs"))
        ]
        if token.group("close"):
            out.append(("startend", tag, attrs))
            continue
        out.append(("start", tag, attrs))
        if tag in _RAW_TEXT:
            end = text.find(f"</{tag}>", at)
            if end < 0:
                return None
            if end > at:
                out.append(("data", text[at:end]))
            out.append(("end", tag))
            at = end + len(tag) + 3
    return out


def feed(parser: HTMLParser, text: str) -> bool:
    """Feed ``text`` to ``parser`` (then close it); False, with nothing fed, if ``text`` is not
    in our dialect."""
    found = tokens(text)
    if found is None:
        return False
    start, startend, end, data = (
        parser.handle_starttag,
        parser.handle_startendtag,
        parser.handle_endtag,
        parser.handle_data,
    )
    for token in found:
        kind = token[0]
        if kind == "data":
            data(token[1])
        elif kind == "start":
            start(token[1], token[2])
        elif kind == "end":
            end(token[1])
        else:
            startend(token[1], token[2])
    parser.close()
    return True
