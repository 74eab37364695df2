"""Rendering the site: pure functions from the checked project to page texts.

``render_site`` returns every generated file as ``{path under site_src/: content}``. Pages are
Markdown files whose body is HTML built here with every contributor value escaped, so no
Markdown processor can reinterpret news text, and no value can inject markup."""

from __future__ import annotations

from generator import urls
from generator.checked import Checked
from generator.pages import claim, claimants, data, lists, source
from generator.pages.claimreview import claimreview
from generator.pages.crossref import Index
from generator.settings import Settings

# ``python -m generator build`` hands the pages it rendered to the MkDocs hook under this key
# of the config's ``extra``, so the hook does not check and render a second time.
CONFIG_KEY = "factcheck_pages"


def render_site(checked: Checked, settings: Settings) -> dict[str, str]:
    index = Index.of(checked)
    reviews = {item.claim.id: claimreview(item, index, settings) for item in index.claims}
    pages: dict[str, str] = {}
    for item in index.claims:
        pages[urls.claim_page(item.claim.id)] = claim.page(item, index, settings, reviews)
    for seed in index.seeds:
        pages[urls.source_page(seed.seed.id)] = source.page(seed, index, settings)
    pages |= claimants.pages(index, settings)
    pages |= lists.pages(index, settings)
    pages |= data.files(index, settings, reviews)
    return dict(sorted(pages.items()))
