"""Generated pages as MkDocs sees them, without the work MkDocs would redo on them.

MkDocs would convert each generated page with Python-Markdown (which parses our raw HTML
twice) and Material's search plugin would parse the result once more. Neither can find
anything the generator did not write itself, so here:

- ``GeneratedPage`` renders with ``prerender`` (headings spelled as the site's Markdown
  spells them, learned from Markdown once per build by ``rules``), and falls back to
  Python-Markdown for any page outside that simple form;
- ``index_quickly`` has the search plugin index the page's sections as ``searchsections``
  cuts them (Material's rules, over the whole page at once with a few regular expressions,
  or over ``htmlfeed``'s tokens for pages outside that simple form, instead of
  ``HTMLParser``).

``tests/test_speed.py`` compares both paths with MkDocs' and Material's own on every
generated page of the fixture and the benchmark corpus. Only the hook uses this module."""

from __future__ import annotations

import functools
import json
import os
import re
from typing import Any

import markdown
from material.plugins.search import plugin as material_search
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import htmlfeed, searchsections, shell
from generator.prerender import ID_SLOT, TEXT_SLOT, Prerendered, Rules, prerender

_PROBE = "Zqxprobe"  # a word no slugify changes but by lowering its case


def rules(config: MkDocsConfig) -> Rules:
    """What this site's Markdown (extensions and their settings) does with our blocks."""
    html: dict[int, str] = {}
    toc_level: dict[int, int | None] = {}
    for level in range(1, 7):
        md = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
        )
        out = md.convert("#" * level + " " + _PROBE)
        anchor = _PROBE.lower()
        if out.count(anchor) == 0 or _PROBE not in out:
            raise ValueError(f"unexpected heading rendering: {out!r}")
        html[level] = out.replace(anchor, ID_SLOT).replace(_PROBE, TEXT_SLOT)
        tokens = getattr(md, "toc_tokens", [])
        toc_level[level] = tokens[0]["level"] if tokens else None
    toc = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    ).treeprocessors["toc"]
    return Rules(
        heading=html,
        toc_level=toc_level,
        # (the same few headings on every page of a kind: each slug made once)
        slugify=functools.lru_cache(maxsize=4096)(lambda text: toc.slugify(text, toc.sep)),
        block_tags=frozenset(toc.md.block_level_elements),
    )


class GeneratedPage(Page):
    """A generated page: rendered by ``prerender`` when it can, else as any page."""

    rules: Rules | None = None  # set by the hook for each build
    prerendered = False

    _html: bytes | None = None
    # The last page's HTML both ways: MkDocs, the shell and the search plugin read a page's
    # content five times in a row and set it back unchanged once; one decoding and one
    # encoding a page instead of five and two (one page held, not the site).
    _last: tuple[bytes, str] = (b"", "")

    @property
    def content(self) -> str | None:
        """The page's HTML, kept as UTF-8 between MkDocs' rendering of every page and its
        writing of each: half the memory of a Python string with any non-ASCII letter."""
        html = self._html
        if html is None:
            return None
        last = GeneratedPage._last
        if last[0] is html:
            return last[1]
        text = html.decode("utf-8")
        GeneratedPage._last = (html, text)
        return text

    @content.setter
    def content(self, value: str | None) -> None:
        if value is None:
            self._html = None
            return
        last = GeneratedPage._last
        if last[1] is value:
            self._html = last[0]
            return
        html = value.encode("utf-8")
        GeneratedPage._last = (html, value)
        self._html = html

    def read_source(self, config: MkDocsConfig) -> None:
        """The page's front matter read as JSON where YAML would read it the same way (see
        ``front_matter``), else as MkDocs reads it."""
        if config.plugins.events.get("page_read_source"):
            super().read_source(config)
            return
        source = self.file.content_string
        found = front_matter(source)
        if found is None:
            super().read_source(config)
            return
        self.markdown, self.meta = found

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.meta.setdefault("template", shell.TEMPLATE)
        done = prerender(self.markdown, self.rules) if self.rules and self.markdown else None
        # MkDocs renders every page before it writes any: keep only the HTML meanwhile, not
        # the generated Markdown too (twice: the file's text and the page's, front matter cut).
        self.file.content_string = ""
        if done is None:
            super().render(config, files)
            self.markdown = ""
            return
        self.markdown = ""
        self.content = done.html
        self.toc = get_toc(_nested(done))
        self._title_from_render = done.title
        self.present_anchor_ids = set(done.ids)
        self.links_to_anchors = {}  # no Markdown links: nothing for MkDocs to check
        self.prerendered = True


# The generator's front matter (``pages.html.front_matter``): lines ``key: <JSON>`` between
# ``---`` lines. YAML reads such JSON as JSON does, but for numbers, keys YAML reads as
# booleans or null, and characters YAML folds (line breaks other than \n) or refuses (controls):
# those go to YAML.
_FRONT = re.compile(r"---\n((?:[A-Za-z_][A-Za-z0-9_-]*: [^\n]+\n)+)---[ \t]*\n")
_YAML_WORDS = frozenset(
    "yes no true false on off null".split()  # noqa: SIM905  (any case: YAML 1.1's booleans)
)
_PLAIN = re.compile(
    "[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)


def front_matter(source: str) -> tuple[str, dict[str, Any]] | None:
    """(Markdown, meta) as ``mkdocs.utils.meta.get_data`` gives them for a page whose front
    matter is the generator's, or None for anything else (``tests/test_speed.py`` compares)."""
    m = _FRONT.match(source)
    if m is None or not _PLAIN.fullmatch(m[1]):
        return None
    meta: dict[str, Any] = {}
    for line in m[1][:-1].split("\n"):
        key, _, value = line.partition(": ")
        if key.lower() in _YAML_WORDS or value[0] not in '"[{':
            return None
        try:
            meta[key] = json.loads(value)
        except ValueError:
            return None
        if not _json_as_yaml(meta[key]):
            return None
    return source[m.end() :].lstrip("\n"), meta


def _json_as_yaml(value: Any) -> bool:
    """Whether YAML reads this JSON value as JSON does: strings, true, false, null, and lists
    and objects of them (not numbers: YAML 1.1 reads 1e3 as a string)."""
    if type(value) is str or type(value) is bool or value is None:
        return True
    if type(value) is list:
        return all(_json_as_yaml(v) for v in value)
    if type(value) is dict:
        return all(_json_as_yaml(v) for v in value.values())  # keys quoted: strings
    return False


def _nested(done: Prerendered) -> Any:  # MkDocs' _TocToken dictionaries
    flat = [
        {"level": h.level, "id": h.id, "name": h.title, "html": h.title, "data-toc-label": ""}
        for h in done.headings
    ]
    return markdown.extensions.toc.nest_toc_tokens(flat)


def index_quickly(search: Any, plugins: Any) -> None:
    """Make Material's search plugin (``search``, one of MkDocs' ``plugins``)
    cut prerendered pages into sections with ``searchsections`` (``quick``, else fed by
    ``htmlfeed``) instead of its ``HTMLParser``, and leave alone the pages it has nothing to
    strip from."""
    search_index = search.search_index
    add = search_index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        # Material's own method, with searchsections in place of its Parser. (The page's
        # UTF-8, as GeneratedPage keeps it: the whole-page cut reads bytes.)
        if not getattr(page, "prerendered", False):
            add(page)
            return
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        found = searchsections.quick(page._html or b"")
        if found is None:
            tokens = htmlfeed.tokens(page.content or "")
            if tokens is None:
                add(page)
                return
            found = searchsections.sections(tokens)
        if not entries_quickly(search_index, found, page):
            for section in found:
                if not section.is_excluded():
                    search_index.create_entry_for_section(section, page.toc, page.url, page)

    search_index.add_entry_from_context = add_entry_from_context
    _replace_handler(plugins, search, "page_context", _stripping_only_if_needed)
    _replace_handler(plugins, search, "post_build", _writing_in_pieces)


def entries_quickly(search_index: Any, found: list[searchsections.Section], page: Any) -> bool:
    """Add the page's search entries as Material's ``create_entry_for_section`` adds them,
    section by section, without searching the page's table of contents for each section's
    id. False, and nothing added, where the index is not Material's own or would segment
    Chinese text (``jieba`` installed)."""
    if (
        material_search.jieba is not None
        or type(search_index) is not material_search.SearchIndex
        or "create_entry_for_section" in vars(search_index)
    ):
        return False
    meta = page.meta
    tags = meta.get("tags")
    if isinstance(tags, list):
        tags = [str(name) for name in tags if name and isinstance(name, str | int | float | bool)]
    search = meta.get("search") or {}
    url = page.url
    entries = search_index.entries
    for section in found:
        if section.is_excluded():
            continue
        title = section.title or [str(meta.get("title", page.title))]
        if section.id:
            # Material's: the URL of the first heading with the section's id in the page's
            # table of contents (``"#" + id``), else the same, made from the id
            location = url + "#" + section.id
        else:  # the text before a page's first heading: the page's URL (looked up as there)
            item = search_index._find_toc_by_id(page.toc, section.id)
            location = url + item.url if item else url
        entry: dict[str, Any] = {
            "location": location,
            "title": "".join(title).strip(),
            "text": "".join(section.text).strip(),
        }
        if isinstance(tags, list):
            entry["tags"] = list(tags)
        if "boost" in search:
            entry["boost"] = search["boost"]
        entries.append(entry)
    return True


def _replace_handler(plugins: Any, search: Any, event: str, make: Any) -> None:
    handlers = plugins.events.get(event, [])
    for n, handler in enumerate(handlers):
        if getattr(handler, "__self__", None) is search and handler.__name__ == f"on_{event}":
            handlers[n] = make(search, handler)
            plugins._event_origins[handlers[n]] = plugins._event_origins.get(handler)


# What Material's ``on_page_context`` strips (its expression, less the optional space before),
# for a page's text and for a generated page's UTF-8 (``\w``: the same letters in ASCII; a
# letter beyond it in the name, which the UTF-8 form would miss, is looked for apart).
_STRIPPED = re.compile(r'data-search-\w+="[^"]+"')
_STRIPPED_UTF8 = re.compile(rb'data-search-(?:\w|[\x80-\xff])+="[^"]+"')


def _stripping_only_if_needed(search: Any, on_page_context: Any) -> Any:
    """Material's ``on_page_context`` indexes the page, then strips its ``data-search-*``
    attributes that have a value with a regular expression over the whole page; a page
    without any is the same page after it, so only the indexing is done for it. (Ours have
    none: claim pages' ``data-search-exclude`` has no value, so it stays in the page.)"""

    def quickly(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        html = getattr(page, "_html", None)  # a generated page's UTF-8: not decoded to look
        if (
            not search.config.enabled
            or not (html or page.content)
            or (_STRIPPED_UTF8.search(html) if html else _STRIPPED.search(page.content))
        ):
            return on_page_context(context, page=page, config=config, nav=nav)
        search.search_index.add_entry_from_context(page)
        return None

    quickly.__self__ = search  # type: ignore[attr-defined]  # found again by the next build
    quickly.__name__ = "on_page_context"
    return quickly


PIECE = 1000  # search index entries serialised at a time


def _writing_in_pieces(search: Any, on_post_build: Any) -> Any:
    """Material's ``on_post_build`` serialises the whole search index as one string, then
    encodes it: at 10,000 claims that moment was the build's peak memory. Here the same bytes
    are written ``PIECE`` entries at a time: the index's head as Material writes it for no
    entries, then each piece of the list as ``json.dumps`` writes it. (The preview's dirty
    rebuilds, which merge with the last index, and any other form go to Material.)"""

    def in_pieces(*, config: Any) -> Any:
        index = search.search_index
        if not search.config.enabled or getattr(search, "search_index_prev", None) is not None:
            return on_post_build(config=config)
        entries, index.entries = index.entries, []
        try:
            empty = index.generate_search_index(None)
        finally:
            index.entries = entries
        tail = "]}"
        if not empty.endswith('"docs":[' + tail):
            return on_post_build(config=config)
        folder = os.path.join(config.site_dir, "search")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "search_index.json"), "wb") as out:
            out.write(empty[: -len(tail)].encode("utf-8"))
            for at in range(0, len(entries), PIECE):
                piece = json.dumps(entries[at : at + PIECE], separators=(",", ":"), default=str)
                out.write((b"," if at else b"") + piece[1:-1].encode("utf-8"))
            out.write(tail.encode("utf-8"))
        if getattr(search, "is_dirty", False):
            search.search_index_prev = index
        return None

    in_pieces.__self__ = search  # type: ignore[attr-defined]  # found again by the next build
    in_pieces.__name__ = "on_post_build"
    return in_pieces
