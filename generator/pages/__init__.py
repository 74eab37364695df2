"""Rendering the site: pure functions from the checked project to page texts.

``render_site`` returns every generated file as ``{path under site_src/: content}``. Pages are
Markdown files whose body is HTML built here with every contributor value escaped, so no
Markdown processor can reinterpret news text, and no value can inject markup."""

from __future__ import annotations

from generator.checking import Checked
from generator.pages import claim, data, lists, source
from generator.pages.claimreview import claimreview
from generator.pages.index import Index
from generator.settings import Settings

# What the generator owns in site_src/: these folders and files, nothing else.
GENERATED_DIRS = ("claims", "sources", "lists", "reference", "data")
GENERATED_FILES = ("index.md",)


def render_site(checked: Checked, settings: Settings) -> dict[str, str]:
    index = Index.of(checked)
    reviews = {item.claim.id: claimreview(item, index, settings) for item in index.claims}
    pages: dict[str, str] = {}
    for item in index.claims:
        pages[f"claims/{item.claim.id}.md"] = claim.page(item, index, settings, reviews)
    for seed in index.seeds:
        pages[f"sources/{seed.seed.id}.md"] = source.page(seed, index, settings)
    pages |= lists.pages(index, settings)
    pages |= data.files(index, settings, reviews)
    return dict(sorted(pages.items()))


def is_generated(path: str) -> bool:
    """Whether ``path`` (relative to site_src/, '/'-separated) belongs to the generator."""
    return path in GENERATED_FILES or path.split("/", 1)[0] in GENERATED_DIRS
