"""What machines read off the built site: sharing tags, the feed, the dataset, the evidence as
Web Annotations, the verdict scale, the sitemap and robots.txt; and that a rebuild gives the
same bytes."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.pages.claimreview import short
from tests.conftest import make_project, run

SITE = "https://factcheck.example.org/"
CLAIM = "claims/all-troops-expelled"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("readers") / "project")
    result = run("build", "--root", str(project))
    assert result.code == 0, result.out
    return project


def read(project: Path, path: str) -> str:
    return (project / "site" / path).read_text(encoding="utf-8")


def meta(page: str, name: str) -> str:
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', page)
    assert len(found) == 1, (name, found)
    return found[0]


def test_a_claim_page_carries_sharing_tags_naming_the_verdict(built: Path) -> None:
    page = read(built, f"{CLAIM}/index.html")
    title = "Unproven: All Ukrainian troops have been expelled from Russia&#x27;s Kursk region."
    assert meta(page, "og:title") == meta(page, "twitter:title") == title
    conclusion = (
        "Russia said so; Ukraine&#x27;s General Staff said its forces still held positions. "
        "Neither side&#x27;s statement settles it."
    )
    assert meta(page, "og:description") == meta(page, "twitter:description") == conclusion
    assert meta(page, "og:url") == f"{SITE}{CLAIM}/"
    assert meta(page, "og:type") == "article"
    assert meta(page, "article:published_time") == "2025-05-02"
    assert meta(page, "twitter:card") == "summary_large_image"
    image = meta(page, "og:image")
    assert re.fullmatch(rf"{SITE}{CLAIM}/card-[0-9a-f]{{20}}\.png", image), image
    assert meta(page, "twitter:image") == image
    assert (built / "site" / image.removeprefix(SITE)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    alt = (
        "Kursk claims, checked. “All Ukrainian troops have been expelled from Russia&#x27;s "
        "Kursk region.”, Valery Gerasimov, via Dmitry Peskov, 26 April 2025. Our rating: Unproven."
    )
    assert meta(page, "og:image:alt") == meta(page, "twitter:image:alt") == alt


def test_every_page_links_the_feed_and_has_sharing_tags(built: Path) -> None:
    pages = sorted((built / "site").rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = path.read_text(encoding="utf-8")
        head = page[: page.index("</head>")]
        # The alternate token (feed readers look for it), never rel="alternate" alone:
        # Material's script would fetch a sitemap beside it (see overrides/main.html).
        assert 'rel="alternate feed" type="application/atom+xml"' in head, path
        assert not re.search(r'rel=(alternate|"alternate")[ >]', head), path
        if path.name != "404.html":
            assert meta(head, "og:title"), path


def test_no_page_asks_another_host_for_anything(built: Path) -> None:
    for path in sorted((built / "site").rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page, path
        assert 'data-md-component="source"' not in page, path  # the api.github.com widget


def test_the_feed_dates_and_categorises_each_entry(built: Path) -> None:
    feed = ET.fromstring(read(built, "data/feed.xml"))
    entries = {e.find(f"{ATOM}id").text: e for e in feed.findall(f"{ATOM}entry")}
    entry = entries[f"{SITE}{CLAIM}/"]
    assert entry.find(f"{ATOM}published").text == "2025-05-02T00:00:00Z"
    assert entry.find(f"{ATOM}updated").text == "2025-05-02T00:00:00Z"
    assert entry.find(f"{ATOM}title").text.startswith("Unproven: All Ukrainian troops")
    categories = [(c.get("term"), c.get("scheme")) for c in entry.findall(f"{ATOM}category")]
    assert categories == [
        ("unproven", f"{SITE}reference/verdicts/"),
        ("kursk", f"{SITE}lists/tags/"),
        ("territorial-control", f"{SITE}lists/tags/"),
    ]
    assert "*" not in entry.find(f"{ATOM}summary").text  # plain text, not Markdown


def test_claimreview_has_its_modified_date_and_a_short_claim(built: Path) -> None:
    dataset = json.loads(read(built, "data/claimreview.json"))
    review = next(r for r in dataset["dataFeedElement"] if r["url"] == f"{SITE}{CLAIM}/")
    assert review["dateModified"] == "2025-05-02"
    assert review["claimReviewed"] == (
        "All Ukrainian troops have been expelled from Russia's Kursk region."
    )
    # Each appearance names its outlet and URL; headline and date where the copy has them.
    assert review["itemReviewed"]["appearance"] == [
        {
            "@type": "NewsArticle",
            "publisher": {
                "@type": "Organization",
                "name": "Perth Now (republished by newsdeed.com)",
            },
            "url": "https://newsdeed.com/russia-claims-all-ukrainian-troops-are-out-of-kursk",
        },
        {
            "@type": "NewsArticle",
            "datePublished": "2025-04-26",
            "headline": (
                "Russia says all Ukrainian troops have left Kursk region as Zelenskyy meets Trump "
                "at Vatican"
            ),
            "publisher": {"@type": "Organization", "name": "Salar News (PTI wire)"},
            "url": (
                "https://salarnews.in/world-news/details/40933/russia-says-all-ukrainian-troops-"
                "have-left-kursk-region-as-zelenskyy-meets-trump-at-vatican"
            ),
        },
    ]


def test_a_long_claim_is_shortened_at_a_word_for_search_results() -> None:
    claim = (
        "North Korean soldiers fought alongside Russian troops against Ukrainian forces in the "
        "Kursk region, and thousands of them were killed or wounded in the fighting there."
    )
    assert short(claim) == (
        "North Korean soldiers fought alongside Russian troops against Ukrainian forces in the "
        "Kursk region, and…"
    )
    assert len(short(claim)) <= 110
    assert short("Short enough.") == "Short enough."


def test_web_annotations_have_ids_and_link_their_claim_pages(built: Path) -> None:
    collection = json.loads(read(built, "data/annotations.jsonld"))
    assert collection["id"] == f"{SITE}data/annotations.jsonld"
    page = collection["first"]
    assert page["id"] == f"{SITE}data/annotations.jsonld#page-1"
    assert page["partOf"] == collection["id"]
    assert collection["total"] == len(page["items"]) > 0
    for item in page["items"]:
        claim_url = item["id"].split("#")[0]
        links = [b for b in item["body"] if b.get("purpose") == "linking"]
        assert links == [
            {"id": claim_url, "type": "Text", "format": "text/html", "purpose": "linking"}
        ]


def test_the_verdict_scale_is_published_for_the_search_dialog(built: Path) -> None:
    """data/verdicts.json: what the search dialog offers to narrow results by (a result's tag
    is its verdict's label) and colours their tags with, in the scale's order."""
    published = json.loads(read(built, "data/verdicts.json"))
    assert published["url"] == f"{SITE}reference/verdicts/"
    assert [(v["id"], v["label"], v["colour"], v["ordinal"]) for v in published["verdicts"]] == [
        ("true", "True", "#1a7f37", 5),
        ("mostly-true", "Mostly true", "#3f6f12", 4),
        ("mixed", "Mixed", "#7a5c00", 3),
        ("mostly-false", "Mostly false", "#a3480b", 2),
        ("false", "False", "#b3261e", 1),
        ("misleading", "Misleading", "#6f3596", None),
        ("unproven", "Unproven", "#4f5a66", None),
    ]
    assert published["verdicts"][0]["url"] == f"{SITE}reference/verdicts/#true"
    assert (
        published["verdicts"][0]["meaning"]
        == "The claim is accurate, and the cited evidence establishes it."
    )


def test_sitemap_dates_are_the_pages_own_and_robots_points_at_it(built: Path) -> None:
    sitemap = ET.fromstring(read(built, "sitemap.xml"))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmod = {
        u.find(f"{ns}loc").text: getattr(u.find(f"{ns}lastmod"), "text", None)
        for u in sitemap.findall(f"{ns}url")
    }
    assert lastmod[f"{SITE}{CLAIM}/"] == "2025-05-02"
    assert lastmod[f"{SITE}methodology/"] is None  # no date of its own: none invented
    assert read(built, "robots.txt").splitlines()[-1] == f"Sitemap: {SITE}sitemap.xml"
    with gzip.open(built / "site" / "sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == read(built, "sitemap.xml")


def test_two_builds_of_the_same_claims_are_byte_identical(tmp_path: Path) -> None:
    """Two ``python -m generator build`` runs (each its own process, as in use) of two copies
    of the same claims: every file of the two sites is the same, byte for byte."""

    def build(name: str) -> dict[str, str]:
        project = make_project(tmp_path / name)
        result = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--root", str(project)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        folder = project / "site"
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    assert build("one") == build("two")
