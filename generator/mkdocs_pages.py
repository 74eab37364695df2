"""Generated pages as MkDocs sees them, without the work MkDocs would redo on them.

MkDocs would convert each generated page with Python-Markdown (which parses our raw HTML
twice) and Material's search plugin would parse the result once more. Neither can find
anything the generator did not write itself, so here:

- ``GeneratedPage`` renders with ``prerender`` (headings spelled as the site's Markdown
  spells them, learned from Markdown once per build by ``rules``), and falls back to
  Python-Markdown for any page outside that simple form;
- ``index_quickly`` has the search plugin index the page's sections as ``searchsections``
  cuts them (Material's rules, over ``htmlfeed``'s tokens instead of ``HTMLParser``).

``tests/test_speed.py`` compares both paths with MkDocs' and Material's own on every
generated page of the fixture and the benchmark corpus. Only the hook uses this module."""

from __future__ import annotations

from typing import Any

import markdown
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
        slugify=lambda text: toc.slugify(text, toc.sep),
        block_tags=frozenset(toc.md.block_level_elements),
    )


class GeneratedPage(Page):
    """A generated page: rendered by ``prerender`` when it can, else as any page."""

    rules: Rules | None = None  # set by the hook for each build
    prerendered = False

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


def _nested(done: Prerendered) -> Any:  # MkDocs' _TocToken dictionaries
    flat = [
        {"level": h.level, "id": h.id, "name": h.title, "html": h.title, "data-toc-label": ""}
        for h in done.headings
    ]
    return markdown.extensions.toc.nest_toc_tokens(flat)


def index_quickly(search_index: Any) -> None:
    """Make Material's search index cut prerendered pages into sections with
    ``searchsections`` (fed by ``htmlfeed``) instead of its ``HTMLParser``."""
    add = search_index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        # Material's own method, with searchsections in place of its Parser.
        found = htmlfeed.tokens(page.content) if getattr(page, "prerendered", False) else None
        if found is None:
            add(page)
            return
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for section in searchsections.sections(found):
            if not section.is_excluded():
                search_index.create_entry_for_section(section, page.toc, page.url, page)

    search_index.add_entry_from_context = add_entry_from_context
