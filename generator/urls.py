"""Where everything is: the path of every generated page and file, the ids inside pages that
links point at, and the links and absolute URLs built from them.

This is the one place these are spelled. Every page, feed, dataset, annotation and the MkDocs
hook asks here, so a page and the links to it cannot drift apart; ``tests/test_urls.py``
checks that every id a generated page links to exists.

Paths are Markdown paths under ``site_src/`` ('/'-separated); the site uses directory URLs
(``claims/x.md`` is served at ``claims/x/``)."""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

# Generated pages and files.
HOME = "index.md"
CLAIMS = "claims/index.md"  # every fact-check, grouped by verdict
CLAIMANTS = "lists/claimants.md"
TAGS = "lists/tags.md"
NOT_CHECKED = "lists/not-checked.md"  # statements we did not check (triage.yaml), and why
SOURCES = "sources/index.md"
VERDICTS = "reference/verdicts.md"
CORRECTIONS = "reference/corrections.md"
FEED = "data/feed.xml"
DATASET = "data/claimreview.json"
ANNOTATIONS = "data/annotations.jsonld"
SCALE = "data/verdicts.json"  # the verdict scale, read by the search dialog's rating filter

# Hand-written pages (and ids in them) that generated pages link to.
METHODOLOGY = "methodology.md"
ABOUT = "about.md"
REPORT_AN_ERROR = "report-an-error"  # a heading of about.md
CORRECTIONS_POLICY = "corrections-policy.md"

# What the generator owns in site_src/: these folders and files, nothing else.
GENERATED_DIRS = ("claims", "claimants", "sources", "lists", "reference", "data")
GENERATED_FILES = (HOME,)


@functools.cache  # asked once per claim and seed by check
def reserved(folder: str) -> frozenset[str]:
    """Names in a generated folder that generated pages take: no claim or seed may have them."""
    pages = (
        HOME,
        CLAIMS,
        CLAIMANTS,
        TAGS,
        NOT_CHECKED,
        SOURCES,
        VERDICTS,
        CORRECTIONS,
        FEED,
        DATASET,
        ANNOTATIONS,
        SCALE,
    )
    return frozenset(
        posixpath.splitext(posixpath.basename(p))[0]
        for p in pages
        if posixpath.dirname(p) == folder
    )


def is_generated(path: str) -> bool:
    """Whether ``path`` (relative to site_src/, '/'-separated) belongs to the generator."""
    return path in GENERATED_FILES or path.split("/", 1)[0] in GENERATED_DIRS


def claim_page(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def claimant_page(claimant_id: str) -> str:
    """A claimant's page: who they are, their scorecard, their fact-checks."""
    return f"claimants/{claimant_id}.md"


def source_page(seed_id: str) -> str:
    return f"sources/{seed_id}.md"


def source_text(seed_id: str) -> str:
    """The archived text itself, published beside its page."""
    return f"sources/{seed_id}.txt"


def card(claim_id: str, key: str) -> str:
    """A claim's share card, beside its page; ``key`` (a hash of what the card shows) in the
    name, so that a changed card has a new address and no one shows a stale copy."""
    return f"claims/{claim_id}/card-{key}.png"


def written_from(page: str) -> str | None:
    """The repository file a generated page is written from, where there is one to edit:
    a claim page's YAML file."""
    if page.startswith("claims/") and page != CLAIMS:
        return page.removesuffix(".md") + ".yaml"
    return None


# Ids within pages.


def evidence_id(claim_id: str, number: int) -> str:
    """Evidence item ``number`` (1-based) of a claim: on the claim page, the item; on its
    source page, the start of the highlighted span."""
    return f"ev-{claim_id}-{number}"


def verdict_group_id(verdict_id: str) -> str:
    """A verdict's section on ``CLAIMS``."""
    return f"verdict-{verdict_id}"


def verdict_row_id(verdict_id: str) -> str:
    """A verdict's row on ``VERDICTS``."""
    return verdict_id


def tag_id(tag: str) -> str:
    """A tag's section on ``TAGS``."""
    return f"tag-{tag}"


def claimant_id(name: str) -> str:
    """A claimant's section on ``CLAIMANTS``: stable and safe for any free-text name."""
    return "c-" + quote(name.lower().replace(" ", "-"), safe="").replace("%", "")


def not_checked_id(number: int) -> str:
    """Statement ``number`` (1-based, in ``triage.yaml`` order) we did not check: on
    ``NOT_CHECKED``, the entry; on its source page, the start of its span."""
    return f"nc-{number}"


def citing_claim_id(number: int) -> str:
    """Row ``number`` of the table of claims citing a source, on its source page."""
    return f"claim-{number}"


# Links and URLs.


def page_url(path: str) -> str:
    """The site URL of a Markdown page (directory URLs), relative to the site root."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def rel(from_page: str, to_page: str, fragment: str = "") -> str:
    """A relative link from one page to another page, given as Markdown paths."""
    up = _up(from_page)
    return up + page_url(to_page) + (f"#{fragment}" if fragment else "")


@functools.lru_cache(maxsize=64)  # a page asks for dozens of links in a row
def _up(page: str) -> str:
    """From a page to the site's root: '../' for each level of its URL."""
    return "../" * page_url(page).count("/")


def rel_file(from_page: str, path: str) -> str:
    """A relative link from a page to a file that is served as it is (not a page)."""
    return posixpath.relpath(path, page_url(from_page) or ".")


def absolute(site_url: str, path: str, fragment: str = "") -> str:
    """The canonical URL of a page or file; ``site_url`` is absolute and ends with '/'."""
    where = page_url(path) if path.endswith(".md") else path
    return site_url + where + (f"#{fragment}" if fragment else "")
