"""What a ``mkdocs serve --dirty`` rebuild carries over from the last build, so that the site it
serves is the site a fresh build makes.

A dirty rebuild reads and writes only the pages whose content changed (``preview``
marks the others unmodified). Three things of the pages it skips are still needed, and MkDocs
and Material lose them:

- their metadata, title and date: the 404 page lists the latest fact-checks from the claim
  pages' metadata, and the sitemap dates every page;
- their search entries: Material merges the previous index by the *first* rebuilt page's
  address only (and, when that is the home page, keeps nothing else), so here the index is
  rebuilt from each page's own entries, in the order of a full build;
- nothing of a page that is gone: the folder of a deleted claim's page goes with it.

``tests/test_incremental.py`` compares the served site with a fresh build after a sequence
of saves. Only the hook calls this module."""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@dataclass
class _State:
    active: bool = False  # under mkdocs serve --dirty
    # By page source: what the last build that read the page found in it.
    pages: dict[str, tuple[MutableMapping[str, Any], str | None, str]] = field(default_factory=dict)
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by page url
    order: list[str] = field(default_factory=list)  # page urls, as a full build takes them


STATE = _State()


def start(*, active: bool) -> None:
    global STATE
    STATE = _State(active=active)


def read(page: Page) -> None:
    """A page was read: keep what other pages and templates read of it."""
    if STATE.active:
        STATE.pages[page.file.src_uri] = (page.meta, page._title_from_render, page.update_date)


def restore(files: Files, pages: list[Page]) -> None:
    """Give the pages this rebuild did not read what the last build read in them; note the
    order of the pages for the search index."""
    if not STATE.active:
        return
    for page in pages:
        kept = STATE.pages.get(page.file.src_uri)
        if page.markdown is None and kept is not None:
            page.meta, page._title_from_render, page.update_date = kept
    STATE.order = [page.url for page in pages]
    known = {page.file.src_uri for page in pages}
    STATE.pages = {uri: kept for uri, kept in STATE.pages.items() if uri in known}
    STATE.entries = {url: STATE.entries[url] for url in STATE.order if url in STATE.entries}


def index_each_page(search_index: Any) -> None:
    """Make Material's search index keep each page's entries across rebuilds and write them
    all, page by page in the order of a full build."""
    if not STATE.active:
        return
    add = search_index.add_entry_from_context
    generate = search_index.generate_search_index

    def add_entry_from_context(page: Any) -> None:
        first = len(search_index.entries)
        add(page)
        STATE.entries[page.url] = search_index.entries[first:]

    def generate_search_index(prev: Any) -> str:
        search_index.entries = [e for url in STATE.order for e in STATE.entries.get(url, ())]
        return str(generate(None))

    search_index.add_entry_from_context = add_entry_from_context
    search_index.generate_search_index = generate_search_index


def remove_output(path: str, site_dir: str) -> None:
    """Remove a page's output file, and the folders it leaves empty (up to ``site_dir``)."""
    if os.path.isfile(path):
        os.remove(path)
    folder, top = os.path.dirname(path), os.path.abspath(site_dir)
    while folder != top and folder.startswith(top + os.sep):
        try:
            os.rmdir(folder)  # only an empty folder
        except OSError:
            return
        folder = os.path.dirname(folder)
