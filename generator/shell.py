"""Generated pages spliced into a page shell that the theme renders once per kind of page.

Material renders its whole ``main.html`` (head, header, navigation, footer, scripts) for
every page, though for the thousands of claim and source pages outside the navigation all of
it is the same but for a few values: the title, the description, the canonical and edit
URLs, the first heading's anchor (the skip link), the table of contents and the content. So
for each kind of page (same folder, same front matter keys, same optional parts) the theme
renders the page once with a marker in place of each of those values; the output is cut at
the markers, and every other page of that kind is the pieces joined around its own values.
The table of contents is rendered by the theme's own ``partials/toc.html``, once per distinct
table (claim pages share a handful).

Each marker is something any filter would change (``<i></i>&``), so a value that a theme
override escapes, strips or encodes leaves its marker unreplaced; and the first page of each
kind is rendered both ways and compared before any other is spliced. Kinds that differ, and
pages in the navigation, are rendered by the theme as usual. ``tests/test_speed.py``
compares spliced pages with the theme's own rendering."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

Kind = tuple[object, ...]  # what pages spliced into one shell have in common

TEMPLATE = "factcheck/spliced.html"  # what generated pages ask for in ``page.meta``
_SLOTS = ("title", "description", "canonical", "edit", "skip", "content", "toc")
_MARK = {slot: f"\x02{slot}<i></i>&\x03" for slot in _SLOTS}
_MARK["content"] = "\x02content<h1></h1>&\x03"  # the theme adds an <h1> when content has none
_CUT = re.compile("(" + "|".join(re.escape(m) for m in _MARK.values()) + ")")
_SLOT_OF = {mark: slot for slot, mark in _MARK.items()}


def install(env: jinja2.Environment, nav: Navigation) -> jinja2.Environment:
    """Make ``TEMPLATE`` splice pages into shells (``on_env``)."""
    shells = _Shells(env, {id(page) for page in nav.pages})

    @jinja2.pass_context
    def factcheck_splice(context: Context) -> Markup:
        return Markup(shells.page(context.get_all()))

    env.globals["factcheck_splice"] = factcheck_splice
    spliced = env.from_string("{{ factcheck_splice() }}", template_class=_Spliced)
    assert isinstance(spliced, _Spliced)
    spliced.name, spliced.shells = TEMPLATE, shells
    loaders: list[jinja2.BaseLoader] = [_Loader(spliced)]
    env.loader = jinja2.ChoiceLoader(loaders + ([env.loader] if env.loader else []))
    return env


class _Spliced(jinja2.Template):
    """``TEMPLATE``: what it renders is ``factcheck_splice()``, which MkDocs' ``render`` of
    every page calls here without making a Jinja context for it first (the variables the
    context would hold are the same: the theme's globals and MkDocs' page context)."""

    shells: _Shells

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.shells.page({**self.globals, **dict(*args, **kwargs)})


class _Loader(jinja2.BaseLoader):
    def __init__(self, spliced: _Spliced) -> None:
        self.spliced = spliced

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if name != TEMPLATE:
            raise jinja2.TemplateNotFound(name)
        return self.spliced


class _Shells:
    def __init__(self, env: jinja2.Environment, in_nav: set[int]) -> None:
        self.main = env.get_template("main.html")
        self.toc = env.get_template("partials/toc.html")
        self.language = env.get_template("partials/language.html")
        self.in_nav = in_nav
        self.shells: dict[Kind, _Shell | None] = {}  # None: render this kind as usual
        self.tocs: dict[Kind, str] = {}

    def page(self, context: dict[str, Any]) -> str:
        """The page of MkDocs' ``context`` (with the theme's globals), rendered."""
        page = context["page"]
        kind = self._kind(page)
        if kind is None:
            return self._theme(context, page)
        if kind not in self.shells:
            shell = self._shell(context, page)
            self.shells[kind] = shell
            if shell is not None:
                theirs, ours = self._theme(context, page), self._splice(shell, context, page)
                if ours != theirs:
                    self.shells[kind] = None
                return theirs
        shell = self.shells[kind]
        if shell is None:
            return self._theme(context, page)
        return self._splice(shell, context, page)

    def _theme(self, context: dict[str, Any], page: Page) -> str:
        return self.main.render(context)

    def _kind(self, page: Page) -> Kind | None:
        meta = page.meta
        edit = page.edit_url or ""
        if (
            id(page) in self.in_nav
            or page.previous_page is not None
            or page.next_page is not None
            or not meta.get("title")
            or not isinstance(meta["title"], str)
            or "/blob/" in edit
            or "<h1" not in (page.content or "")
            or not page.toc
        ):
            return None
        others = tuple(  # "fc" is page data no template of main.html reads (see sharing.py)
            sorted((k, repr(v)) for k, v in meta.items() if k not in ("title", "description", "fc"))
        )
        folder = page.url[: page.url.rstrip("/").rfind("/") + 1]
        return (folder, others, bool(meta.get("description")), bool(edit), bool(page.canonical_url))

    def _shell(self, context: dict[str, Any], page: Page) -> _Shell | None:
        proto = copy.copy(page)
        proto.meta = {**page.meta, "title": _MARK["title"]}
        if page.meta.get("description"):
            proto.meta["description"] = _MARK["description"]
        proto.canonical_url = _MARK["canonical"] if page.canonical_url else None
        proto.edit_url = _MARK["edit"] if page.edit_url else None
        proto.content = _MARK["content"]
        proto.toc = TableOfContents([AnchorLink(_MARK["title"], _MARK["skip"], 2)])
        vars_ = {**context, "page": proto}
        html = self.main.render(vars_)
        toc = self._render_toc(vars_, proto)
        if html.count(toc) != 1:
            return None
        pieces = _CUT.split(html.replace(toc, _MARK["toc"]))
        if any(p.count("\x02") or p.count("\x03") for p in pieces[::2]):
            return None  # a marker a filter changed: this value is not inserted as it is
        try:
            utf8 = [p.encode() for p in pieces[::2]]
        except UnicodeEncodeError:  # a lone surrogate: MkDocs' own encoding writes it out
            return _Shell(pieces, None)
        return _Shell(pieces, utf8)

    def _splice(self, shell: _Shell, context: dict[str, Any], page: Page) -> str:
        values = {
            "title": page.meta["title"],
            "description": page.meta.get("description"),
            "canonical": page.canonical_url,
            "edit": page.edit_url,
            "skip": next(iter(page.toc)).id,
            "content": page.content,
            "toc": self._toc_html(context, page),
        }
        out = list(shell.pieces)
        out[1::2] = [values[_SLOT_OF[mark]] for mark in out[1::2]]
        text = "".join(out)
        if shell.utf8 is None:
            return text
        # Its UTF-8 too, joined from the shell's (encoded once) and the content's (a generated
        # page keeps it): MkDocs encodes every page to write it, and this is the page's bulk.
        content, html = values["content"], getattr(page, "_html", None)
        try:
            filled = [html if v is content and html else v.encode() for v in out[1::2]]
        except UnicodeEncodeError:  # a lone surrogate: MkDocs' own encoding writes it out
            return text
        utf8 = [b""] * len(out)
        utf8[::2], utf8[1::2] = shell.utf8, filled
        return Encoded(text, b"".join(utf8))

    def _toc_html(self, context: dict[str, Any], page: Page) -> str:
        key = _toc_key(page.toc)
        if key not in self.tocs:
            self.tocs[key] = self._render_toc(context, page)
        return self.tocs[key]

    def _render_toc(self, vars_: dict[str, Any], page: Page) -> str:
        vars_ = {**vars_, "page": page}
        lang = self.language.make_module(vars_)
        return self.toc.render({**vars_, "lang": lang})


@dataclass(frozen=True)
class _Shell:
    """A page of a kind as the theme renders it, cut at the markers: text at even places,
    markers at odd ones; ``utf8``: the text pieces in UTF-8 (None if one cannot be: a lone
    surrogate)."""

    pieces: list[str]
    utf8: list[bytes] | None


class Encoded(str):
    """A page's HTML that knows its UTF-8: ``encode`` to UTF-8 gives it without encoding
    the text again (the same bytes: ``tests/test_speed.py`` compares)."""

    utf8: bytes

    def __new__(cls, text: str, utf8: bytes) -> Encoded:
        self = str.__new__(cls, text)
        self.utf8 = utf8
        return self

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        if encoding.lower() in ("utf-8", "utf8"):
            return self.utf8
        return str.encode(self, encoding, errors)


def inserted(html: str, before: str, text: str) -> str:
    """``html`` with ``text`` inserted before the first ``before`` (its UTF-8 too, if known)."""
    added = "".join((text, before))  # as they are: ``text`` may be Markup, ``before`` too
    new = html.replace(before, added, 1)
    if isinstance(html, Encoded):
        return Encoded(new, html.utf8.replace(before.encode(), added.encode(), 1))
    return new


def _toc_key(items: Iterable[AnchorLink]) -> Kind:
    return tuple((a.title, a.id, a.level, _toc_key(a.children)) for a in items)
