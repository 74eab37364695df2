"""Small HTML builders shared by the pages, built as ``Markup`` (``generator/escaping.py``):
every value that is not markup is escaped as it goes in."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from json.encoder import encode_basestring

from generator import icons, markup
from generator.escaping import Markup, escape
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


def title_text(text: str) -> str:
    """Text for front matter (title, description). Themes put these values into HTML
    unescaped, even into attributes (Material's <meta name="description" content="…">), so
    they are escaped here, quotes included."""
    return str(escape(text))


def front_matter(**meta: object) -> Markup:
    """YAML front matter; values written as JSON strings, which YAML reads back verbatim.
    Markup as it is: the page's source, where every value is JSON (and titles are escaped)."""
    lines = [f"{key}: {_json(value)}" for key, value in meta.items()]
    return Markup("---\n" + "\n".join(lines) + "\n---")


def _json(value: object) -> str:
    # A string as json.dumps writes it, by the function json.dumps calls for one (without
    # making an encoder for each of some 40,000 values at 10,000 claims).
    if type(value) is str:
        return encode_basestring(value)
    return json.dumps(value, ensure_ascii=False)


def document(*blocks: Markup) -> str:
    """A page's text: its blocks (front matter, Markdown headings, HTML), a blank line apart;
    plain ``str`` from here on, for MkDocs and the build's shortcuts."""
    return str(Markup("\n\n").join(blocks) + "\n")


@cache  # a few hundred dates, on every page many times
def date(when: dt.date | None) -> Markup:
    if when is None:
        return Markup("date unknown")
    return Markup('<time datetime="{}">{} {}</time>').format(
        when.isoformat(), when.day, f"{when:%B %Y}"
    )


def badge(verdict: Verdict, *, large: bool = False) -> Markup:
    return _badge(verdict.colour, verdict.meaning, verdict.icon, verdict.label, large)


@cache  # a handful of verdicts, a badge on every row of every listing
def _badge(colour: str, meaning: str, icon: str, label: str, large: bool) -> Markup:
    # The space before </span>: not drawn (the badge is a flex box), it keeps search snippets
    # apart.
    return Markup(
        '<span class="fc-badge{}" style="--fc-verdict: {}" title="{}">{}<span>{}</span> </span>'
    ).format(" fc-badge--large" if large else "", colour, meaning, icons.svg(icon) or "", label)


def link(href: str, text: str, **attrs: str) -> Markup:
    """``<a href>``: ``text`` is escaped unless it is ``Markup``; ``class_`` gives ``class``."""
    if not attrs:
        return _LINK.format(href, text)
    return _link_with(tuple(attrs)).format(href, *attrs.values(), text)


_LINK = Markup('<a href="{}">{}</a>')


@cache  # a few kinds of link, some 200,000 links at 10,000 claims
def _link_with(names: tuple[str, ...]) -> Markup:
    """The template of a link with these attributes (Python names: nothing to escape, no
    brace), a slot for each value."""
    slots = Markup("").join(Markup(' {}="{{}}"').format(name.rstrip("_")) for name in names)
    return Markup('<a href="{}"') + slots + Markup(">{}</a>")


def prose(text: str) -> Markup:
    """A Markdown field rendered as a block of prose."""
    return Markup('<div class="fc-prose">\n{}\n</div>').format(markup.render(text))
