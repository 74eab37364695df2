"""Our own HTML as ``html.parser.HTMLParser`` reads it, quickly.

Material's search plugin splits every page into sections with a pure-Python ``HTMLParser``,
which spends most of its time finding tags, not handling them. The HTML the generator writes
is regular: every attribute value quoted with ``"`` and escaped, no ``<`` in text, no
comments. ``tokens`` finds its tags and text with one regular expression, in the order and
with the values ``HTMLParser`` reports them (attributes parsed only when asked for, with
``attributes``); anything it does not recognise makes it return None, and the caller reads
the page the ordinary way. ``tests/test_speed.py`` checks, through ``feed``, that both report
the same calls on every generated page."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_ATTRS = rf"""((?:\s+{_NAME}(?:="[^"<]*")?)*)\s*"""
_TOKEN = re.compile(
    r"([^<]+)"  # 1: text
    rf"|<(script|style){_ATTRS}>(.*?)</\2>"  # 2, 3, 4: raw text elements, read whole
    rf"|<(/?)([a-zA-Z][a-zA-Z0-9]*){_ATTRS}(/?)>",  # 5: end, 6: tag, 7: attributes, 8: />
    re.S,
)
_ATTR = re.compile(rf"""({_NAME})(?:="([^"]*)")?""")
_RAW_TEXT = frozenset(("script", "style"))

START, STARTEND, END, DATA = "start", "startend", "end", "data"


def tokens(text: str) -> list[tuple[Any, ...]] | None:
    """``(START, tag, attributes)``, ``(STARTEND, tag, attributes)``, ``(END, tag)`` and
    ``(DATA, text)``, where ``attributes`` is the tag's attribute text (see ``attributes``);
    None for HTML outside our dialect."""
    out: list[tuple[Any, ...]] = []
    add = out.append
    at = 0
    for token in _TOKEN.finditer(text):
        if token.start() != at:
            return None
        at = token.end()
        data = token[1]
        if data is not None:
            add((DATA, html.unescape(data) if "&" in data else data))
        elif token[2] is not None:
            add((START, token[2], token[3]))
            if token[4]:
                add((DATA, token[4]))
            add((END, token[2]))
        elif token[5]:
            if token[7] or token[8]:
                return None
            add((END, token[6].lower()))
        else:
            tag = token[6].lower()
            if tag in _RAW_TEXT:
                return None  # SCRIPT in capitals, or unclosed: not ours
            add((STARTEND if token[8] else START, tag, token[7]))
    if at != len(text):
        return None
    return out


def attributes(text: str) -> list[tuple[str, str | None]]:
    """A tag's attribute text as HTMLParser reports it: names lowered, values unescaped."""
    return [
        (m[1].lower(), None if m[2] is None else html.unescape(m[2]) if "&" in m[2] else m[2])
        for m in _ATTR.finditer(text)
    ]


def feed(parser: HTMLParser, text: str) -> bool:
    """Feed ``text`` to ``parser`` (then close it), as ``parser.feed`` would; False, with
    nothing fed, if ``text`` is not in our dialect."""
    found = tokens(text)
    if found is None:
        return False
    for token in found:
        kind = token[0]
        if kind == DATA:
            parser.handle_data(token[1])
        elif kind == START:
            parser.handle_starttag(token[1], attributes(token[2]))
        elif kind == END:
            parser.handle_endtag(token[1])
        else:
            parser.handle_startendtag(token[1], attributes(token[2]))
    parser.close()
    return True
