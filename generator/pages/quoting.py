"""How a cited span is shown: the source's own words, and a text-fragment link to the original.

A quotation shows the raw span with whitespace collapsed, never the contributor's typing; the
text fragment follows docs/matching.md ("Showing a span")."""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.anchoring import Source
from generator.checked import Anchor
from generator.folding import collapse

MAX_FRAGMENT = 300
CONTEXT_WORDS = 3


def parts(anchor: Anchor, source: Source) -> list[str]:
    return [collapse(source.raw[s.start : s.end]) for s in anchor.spans]


def shown(anchor: Anchor, source: Source, words: list[str] | None = None) -> str:
    """``words``: ``parts(anchor, source)``, if the caller has them already."""
    return " […] ".join(parts(anchor, source) if words is None else words)


# What quote() leaves as it is, but for the space (and '-', which a text fragment reserves).
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~ -]*")


def _enc(term: str) -> str:
    if _UNRESERVED.fullmatch(term):  # most quotations: quote() would only encode the spaces
        return term.replace(" ", "%20").replace("-", "%2D")
    return quote(term, safe="").replace("-", "%2D")


def text_fragment(url: str, anchor: Anchor, source: Source, words: list[str] | None = None) -> str:
    """``url#:~:text=…`` that asks the browser to scroll to and highlight the passage.
    ``words``: ``parts(anchor, source)``, if the caller has them already."""
    if words is None:
        words = parts(anchor, source)
    whole = " ".join(words)
    if len(anchor.spans) > 1 or len(whole) > MAX_FRAGMENT:
        first, last = words[0].split(" "), words[-1].split(" ")
        term = f"{_enc(' '.join(first[:5]))},{_enc(' '.join(last[-5:]))}"
    else:
        term = _enc(whole)
    if len(whole.split(" ")) <= CONTEXT_WORDS:
        raw = source.raw
        before = collapse(raw[: anchor.spans[0].start]).split(" ")[-CONTEXT_WORDS:]
        after = collapse(raw[anchor.spans[-1].end :]).split(" ")[:CONTEXT_WORDS]
        if " ".join(before):
            term = f"{_enc(' '.join(before))}-,{term}"
        if " ".join(after):
            term = f"{term},-{_enc(' '.join(after))}"
    return f"{url.split('#', 1)[0]}#:~:text={term}"
