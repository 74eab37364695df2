"""Small HTML builders shared by the pages. Every contributor value goes through ``esc``."""

from __future__ import annotations

import datetime as dt
import html
import json

from generator import icons
from generator.markup import visible
from generator.model import Verdict

ROLE_LABELS = {
    "appearance": "Where the claim appeared",
    "supports": "Evidence for the claim",
    "refutes": "Evidence against the claim",
    "disputes": "What the other side says",
    "context": "Context",
}
ROLE_SHORT = {
    "appearance": "carried",
    "supports": "supports",
    "refutes": "refutes",
    "disputes": "disputes",
    "context": "context",
}


# Material's search leaves out the text of an element with this attribute: what frames a page
# (the kicker, captions, the title shown again) stays out of the snippets search results show.
NOT_SEARCHED = "data-search-exclude"


def esc(text: str) -> str:
    """Text for HTML; invisible and bidirectional controls written out (``markup.visible``)."""
    return visible(html.escape(text, quote=True))


def title_text(text: str) -> str:
    """Text for front matter (title, description). Themes put these values into HTML
    unescaped, even into attributes (Material's <meta name="description" content="…">), so
    they are escaped here, quotes included."""
    return visible(html.escape(text, quote=True))


def front_matter(**meta: object) -> str:
    """YAML front matter; values written as JSON strings, which YAML reads back verbatim."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def date(when: dt.date | None) -> str:
    if when is None:
        return "date unknown"
    return f'<time datetime="{when.isoformat()}">{when.day} {when:%B %Y}</time>'


def badge(verdict: Verdict, *, large: bool = False) -> str:
    icon = icons.svg(verdict.icon) or ""
    size = " fc-badge--large" if large else ""
    return (
        f'<span class="fc-badge{size}" style="--fc-verdict: {verdict.colour}" '
        f'title="{esc(verdict.meaning)}">{icon}<span>{esc(verdict.label)}</span> </span>'
    )  # the space: not drawn (the badge is a flex box), it keeps search snippets apart


def link(href: str, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_")}="{esc(v)}"' for k, v in attrs.items())
    return f'<a href="{esc(href)}"{extra}>{text}</a>'
