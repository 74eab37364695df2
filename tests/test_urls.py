"""One module owns paths, ids and URLs: every link a generated page makes lands on a page that
exists and on an id that page has, without running MkDocs."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from markdown.extensions.toc import slugify

from generator import urls
from generator.pages import render_site
from generator.project import load_and_check
from generator.settings import Settings
from tests.conftest import ROOT


class Links(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])


def hand_written_ids(text: str) -> set[str]:
    """The ids MkDocs gives the headings of a hand-written page."""
    return {slugify(h, "-") for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


def test_every_id_a_generated_page_links_to_exists(project: Path) -> None:
    checked, problems = load_and_check(project)
    assert not problems
    rendered = render_site(checked, Settings.read(project))
    ids: dict[str, set[str]] = {}  # site URL path -> ids on it
    for path, content in rendered.items():
        if path.endswith(".md"):
            ids[urls.page_url(path)] = Links(content).ids
        else:
            ids[path] = set()
    for page in (project / "site_src").glob("*.md"):
        ids[urls.page_url(page.name)] = hand_written_ids(page.read_text(encoding="utf-8"))

    broken, followed = [], 0
    for path, content in rendered.items():
        if not path.endswith(".md"):
            continue
        for href in Links(content).hrefs:
            if re.match(r"[a-z]+:|//", href):
                continue
            target, _, fragment = href.partition("#")
            where = posixpath.normpath(posixpath.join(urls.page_url(path), target))
            where = "" if where == "." else where + ("/" if target.endswith("/") else "")
            followed += 1
            if where not in ids:
                broken.append(f"{path}: {href} (no such page)")
            elif fragment and fragment not in ids[where]:
                broken.append(f"{path}: {href} (no id '{fragment}' there)")
    assert broken == []
    assert followed > 50  # the fixture's pages link to each other a lot


def test_absolute_urls_are_the_pages_urls() -> None:
    site = "https://example.org/checks/"
    assert urls.absolute(site, urls.claim_page("x"), urls.evidence_id("x", 2)) == (
        "https://example.org/checks/claims/x/#ev-x-2"
    )
    assert urls.absolute(site, urls.HOME) == site
    assert urls.absolute(site, urls.source_text("s")) == "https://example.org/checks/sources/s.txt"
    assert urls.rel_file(urls.source_page("s"), urls.source_text("s")) == "../s.txt"
    assert urls.rel(urls.claim_page("x"), urls.CLAIMS, "verdict-false") == (
        "../../claims/#verdict-false"
    )


def test_importing_publishing_does_not_import_mkdocs() -> None:
    code = (
        "import sys, generator.publishing, generator.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
