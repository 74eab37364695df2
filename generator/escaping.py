"""HTML built safely by construction: ``Markup`` (MarkupSafe's) is text known to be HTML, and
any plain ``str`` that is formatted, joined or added into it is escaped on the way in. So a
page builder never decides whether to escape: it writes ``Markup('<p>{}</p>').format(text)``,
and forgetting is impossible. Only a few places declare text to be HTML without escaping it,
each with its reason (markdown-it's output, Material's icon files, JSON-LD); ``tests/
test_escaping.py`` lists them and fails on any other.

Escaping writes out invisible and bidirectional control characters (``⟨U+202E⟩``), so a reader
sees that something is there, and writes quotes as ``&quot;`` and ``&#x27;`` (as the
standard library's ``html.escape`` does) where MarkupSafe's own function writes ``&#34;`` and
``&#39;``: the same characters, and the same bytes as the pages built before MarkupSafe."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any, Self

import markupsafe

# Invisible and bidirectional control characters: in a name or title they are refused (see
# fields.Text); in longer text they are shown, so a reader sees that something is there.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with each invisible or bidirectional control character written out."""
    if text.isascii():  # a flag of the string: most text is ASCII, and so has none of them
        return text
    return INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


# What escaping changes: a text without any of these is its own HTML (most are).
_SPECIAL = re.compile("[&<>\"'\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _text(text: str) -> str:
    """Plain text as HTML: ``&``, ``<``, ``>`` and quotes escaped, invisible characters shown."""
    if _SPECIAL.search(text) is None:
        return text
    return visible(html.escape(text, quote=True))


def _html(value: Any) -> Any:
    """``value`` as it goes into HTML: markup as it is, numbers as they are (no character of
    theirs needs escaping, and format specs such as ``{:.1f}`` still apply), all else escaped."""
    kind = type(value)
    if kind is str:  # the common case first, _text inlined: some 300,000 calls per 1,000 claims
        if _special(value) is None:
            return value
        return visible(html.escape(value, quote=True))
    if kind is Markup or isinstance(value, markupsafe.Markup):
        return value
    if isinstance(value, str):
        return _text(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    if isinstance(value, int | float):
        return value
    return _text(str(value))


class Markup(markupsafe.Markup):
    """MarkupSafe's ``Markup`` with this site's escaping (see the module's docstring).

    ``format`` and ``join`` give the results of MarkupSafe's, escaping every argument that is
    not markup, but through ``str.format`` and ``str.join`` themselves: MarkupSafe's
    ``format`` runs ``string.Formatter`` in Python, four times slower than an f-string, and
    the pages make some 100 calls per claim."""

    __slots__ = ()

    def __new__(cls, object: Any = "", encoding: str | None = None, errors: str = "strict") -> Self:
        if type(object) is str and encoding is None:  # a literal: MarkupSafe's checks skipped
            return str.__new__(cls, object)
        return super().__new__(cls, object, encoding, errors)

    @classmethod
    def escape(cls, s: Any, /) -> Markup:
        if hasattr(s, "__html__"):
            return s if type(s) is cls else cls(s.__html__())
        return _new(cls, _text(str(s)))

    def format(self, *args: Any, **kwargs: Any) -> Markup:
        # Markup and plain text without a character to escape go in as they are, without a
        # call or a new list when all of them are: this is the pages' innermost loop.
        values: Any = args
        for a in args:
            if type(a) is not Markup and (type(a) is not str or _special(a) is not None):
                values = [_html(a) for a in args]
                break
        if kwargs:
            named = kwargs
            for v in kwargs.values():
                if type(v) is not Markup and (type(v) is not str or _special(v) is not None):
                    named = {k: _html(v) for k, v in kwargs.items()}
                    break
            return _new(Markup, str.format(self, *values, **named))
        return _new(Markup, str.format(self, *values))

    def join(self, iterable: Iterable[Any], /) -> Markup:
        return _new(
            Markup, str.join(self, [a if type(a) is Markup else _html(a) for a in iterable])
        )


_new = str.__new__  # a str of class Markup, without MarkupSafe's checks (done here already)
_special = _SPECIAL.search


def escape(text: Any) -> Markup:
    """``text`` as HTML: ``&``, ``<``, ``>`` and quotes escaped, invisible characters shown."""
    return Markup.escape(text)
