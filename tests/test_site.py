"""The site: golden pages, the real MkDocs build, links, atomicity, hostile input."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pages import render_site
from generator.project import load_and_check
from generator.settings import Settings
from tests.conftest import ROOT, TESTS, make_project, run

GOLDEN = TESTS / "golden"


def rendered(project: Path) -> dict[str, str]:
    checked, problems = load_and_check(project)
    assert not problems
    return render_site(checked, Settings.read(project))


def test_generated_pages_match_the_golden_copies(project: Path) -> None:
    """REGENERATE=1 rewrites tests/golden/ on purpose; review the diff."""
    pages = rendered(project)
    if os.environ.get("REGENERATE"):
        for path, content in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(content, encoding="utf-8")
    golden = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert sorted(pages) == sorted(golden)
    for path, content in pages.items():
        assert content == golden[path], path


def test_backlinks_say_which_fact_check_they_lead_back_to(project: Path) -> None:
    """A backlink shows "↩3"; its name says where it goes: the fact-check, by number and claim
    (a screen reader would otherwise read "leftwards arrow with hook 3")."""
    backlinks = [
        found
        for path, page in rendered(project).items()
        if path.startswith("sources/")
        for found in re.findall(
            r'class="fc-backlink" title="([^"]*)" aria-label="([^"]*)">↩(\d+)</a>', page
        )
    ]
    assert len(backlinks) >= 3
    for title, name, number in backlinks:
        assert name == f"Back to fact-check {number}: {title}"


RENDER = """
import hashlib, sys
from pathlib import Path
from generator.pages import render_site
from generator.project import load_and_check
from generator.settings import Settings
root = Path(sys.argv[1])
checked, problems = load_and_check(root)
assert not problems
for path, content in render_site(checked, Settings.read(root)).items():
    print(path, hashlib.sha256(content.encode()).hexdigest())
"""


def test_pages_are_the_same_in_every_process(project: Path) -> None:
    """Two processes with different hash seeds: set and dict orders that depend on string
    hashing would differ between them (within one process they never would)."""
    outputs = [
        subprocess.run(
            [sys.executable, "-c", RENDER, str(project)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == len(rendered(project))


class Page(HTMLParser):
    """Collects what the tests look at: ids, links, marks, scripts, event attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.marks = 0
        self.nested_marks = 0
        self.open_marks = 0
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._script: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        if tag == "mark":
            self.marks += 1
            self.nested_marks += self.open_marks > 0
            self.open_marks += 1
        if tag == "script":
            self._script = values.get("type") or "text/javascript"
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open_marks -= 1
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("built") / "project")
    result = run("build", "--root", str(project))
    assert result.code == 0, result.out
    return project


def html(project: Path, url: str) -> str:
    return (project / "site" / url / "index.html").read_text(encoding="utf-8")


def test_claim_page_shows_badge_claim_and_evidence(built: Path) -> None:
    page = html(built, "claims/all-troops-expelled")
    assert re.search(r'class="fc-badge fc-badge--large"[^>]*>.*?<svg.*?<span>Unproven</span>', page)
    assert "<figcaption data-search-exclude>The claim</figcaption>" in page
    # The quotation shows the source's own text (curly apostrophe), not the typed straight one.
    assert (
        "<p>All Ukrainian troops have been forced from Russia’s Kursk region, the Kremlin says."
        in page
    )
    assert "What the other side says" in page
    assert (
        'href="https://github.com/example/kursk-factcheck/edit/main/claims/all-troops-expelled.yaml"'
        in page
    )
    assert "#:~:text=All%20Ukrainian%20troops" in page


def test_claimreview_says_what_the_page_says(built: Path) -> None:
    import json

    page = Page(html(built, "claims/north-koreans-fought"))
    (data,) = [json.loads(s) for s in page.scripts if '"ClaimReview"' in s]
    assert data["claimReviewed"] == (
        "North Korean soldiers fought alongside Russian troops in the Kursk region."
    )
    assert data["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly true",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert data["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Valery Gerasimov",
        "jobTitle": "Chief of the General Staff of the Russian Armed Forces",
        "sameAs": ["https://en.wikipedia.org/wiki/Valery_Gerasimov"],
        "url": "https://factcheck.example.org/claimants/valery-gerasimov/",
    }
    desk = {
        "@type": "Organization",
        "name": "Kursk Claims Desk",
        "description": "The publication's fact-check desk",
    }
    assert data["author"] == desk
    assert data["mainEntityOfPage"]["reviewedBy"] == desk
    assert data["itemReviewed"]["datePublished"] == "2025-04-26"
    assert data["itemReviewed"]["appearance"][0]["@type"] == "NewsArticle"
    unproven = Page(html(built, "claims/all-troops-expelled"))
    (data,) = [json.loads(s) for s in unproven.scripts if '"ClaimReview"' in s]
    assert data["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}


def test_claim_page_shows_why_who_and_how_many_reports(built: Path) -> None:
    page = html(built, "claims/all-troops-expelled")
    assert "Russia said so and Ukraine denied it; neither side" in page  # rating_explained
    peskov = '<a href="../../claimants/dmitry-peskov/">Dmitry Peskov</a>'
    assert f"relayed by <strong>{peskov}</strong>" in page
    assert "What would settle it" in page and "<em>outside</em> the two armies" in page
    assert "<p>2 archived copies of 1 independent report.</p>" in page
    assert "This is our inference from the archived texts" in page
    assert "Written by Kursk Claims Desk; reviewed by Kursk Claims Desk." in page
    corrected = html(built, "claims/north-koreans-fought")
    notice = corrected.index("fc-correction-notice")
    assert notice < corrected.index('class="fc-title"')  # the correction comes first
    assert "The first version called Gerasimov the defence minister" in corrected[notice:]


def test_source_page_marks_are_flat_and_link_back(built: Path) -> None:
    page = Page(html(built, "sources/002_0ff8d9755428d8f6"))
    assert page.marks >= 4 and page.nested_marks == 0
    assert "ev-all-troops-expelled-2" in page.ids
    assert "../../claims/all-troops-expelled/#ev-all-troops-expelled-2" in page.hrefs


def test_furniture_is_set_apart(built: Path) -> None:
    page = html(built, "sources/002_0ff8d9755428d8f6")
    after = page.split('<div class="fc-furniture">', 1)[1]
    assert "After the article" in after and "Leave a Reply" in after
    assert "Leave a Reply" not in page.split('<div class="fc-body">', 1)[1].split("</div>", 1)[0]


def test_every_internal_link_resolves(built: Path) -> None:
    site = (built / "site").resolve()  # a link to the current version of the site
    pages = {p: Page(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for href in page.hrefs:
            if re.match(r"[a-z]+:|//", href) or (href.startswith("#") and not href[1:]):
                continue
            target, _, fragment = href.partition("#")
            base = site if target.startswith("/") else path.parent
            file = (base / target.lstrip("/")).resolve() if target else path
            if file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif fragment and file.suffix == ".html" and fragment not in pages[file].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    assert broken == []


def files(folder: Path) -> list[Path]:
    """Every file under ``folder``, through the links to the generated pages' version."""
    return sorted(
        Path(parent, name)
        for parent, _, names in os.walk(folder, followlinks=True)
        for name in names
    )


def test_a_rebuild_with_no_change_writes_no_page(built: Path) -> None:
    generated = files(built / "site_src")
    assert len(generated) > 10
    before = {p: p.stat().st_mtime_ns for p in generated}
    assert run("build", "--root", str(built)).code == 0
    assert {p: p.stat().st_mtime_ns for p in generated} == before


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files(folder)
    }


def test_pages_of_deleted_claims_are_removed(project: Path) -> None:
    assert run("build", "--root", str(project)).code == 0
    (project / "claims" / "north-koreans-fought.yaml").unlink()
    claim = project / "claims" / "all-troops-expelled.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("related: [north-koreans-fought]\n", ""),
        encoding="utf-8",
    )
    assert run("build", "--root", str(project)).code == 0
    assert not (project / "site_src/claims/north-koreans-fought.md").exists()
    assert not (project / "site/claims/north-koreans-fought").exists()
    assert (project / "site_src/about.md").exists()


@pytest.mark.parametrize("breakage", ["claim", "mkdocs"])
def test_a_failed_build_leaves_site_and_site_src_as_they_were(project: Path, breakage: str) -> None:
    assert run("build", "--root", str(project)).code == 0
    site, docs = tree(project / "site"), tree(project / "site_src")
    claim = project / "claims" / "all-troops-expelled.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace("dmitry-peskov", "valery-gerasimov"), encoding="utf-8")
    if breakage == "claim":
        claim.write_text(claim.read_text(encoding="utf-8") + "verdict: false\n", encoding="utf-8")
    else:  # a hand-written page with a broken link: only MkDocs --strict notices
        about = project / "site_src" / "about.md"
        about.write_text(
            about.read_text(encoding="utf-8") + "\n[gone](missing.md)\n", encoding="utf-8"
        )
        docs = tree(project / "site_src")
    result = run("build", "--root", str(project))
    assert result.code == 1
    assert tree(project / "site") == site
    assert tree(project / "site_src") == docs
    assert not list(project.glob(".build-*"))
    if breakage == "mkdocs":
        assert "missing.md" in result.out and "site/ is unchanged" in result.out


HOSTILE_TEXT = (
    'Breaking: <script>alert("seed")</script> *not emphasis* [x](javascript:alert(1)) '
    "<img src=x onerror=alert(2)> # not a heading & more\n"
)


def test_hostile_values_are_only_text(project: Path) -> None:
    seeds = project / "seeds"
    (seeds / "009_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    digest = hashlib.sha256(HOSTILE_TEXT.encode()).hexdigest()
    (seeds / "009_hostile.yaml").write_text(
        'outlet: "Evil</title><script>alert(3)</script>"\ntitle: "\\"><svg onload=alert(4)>"\n'
        f"url: https://example.org/x?a=1&b=2\npublished: null\nauthor: null\nlanguage: en\n"
        f"sha256: {digest}\n",
        encoding="utf-8",
    )
    with (project / "claimants.yaml").open("a", encoding="utf-8") as claimants:
        claimants.write(
            "  - id: hostile\n    name: '\"><img src=x onerror=alert(6)>'\n"
            "    type: person\n    description: </title><script>alert(8)</script>\n"
            "    same_as: ['https://example.org/x?a=1&b=2']\n"
        )
    (project / "claims" / "hostile.yaml").write_text(
        'claim: "</script><script>alert(5)</script> is a claim"\n'
        'headline: "</title><script>alert(10)</script> headline"\n'
        "claimant: hostile\nvia: hostile\n"
        "claim_date: 2025-04-26\nverdict: misleading\n"
        "rating_explained: <script>alert(7)</script> & <b>bold</b>\n"
        "author: desk\nreviewed_by: desk\n"
        "summary: Markdown is fine, *even this*, but \\<b> is text.\n"
        "tags: [hostile]\n"
        "evidence:\n"
        "  - source: 009_hostile\n"
        '    quote: <script>alert("seed")</script> *not emphasis*\n'
        "    role: appearance\n"
        "  - source: 009_hostile\n"
        "    quote: <img src=x onerror=alert(2)> # not a heading\n"
        "    role: context\n",
        encoding="utf-8",
    )
    result = run("build", "--root", str(project))
    assert result.code == 0, result.out
    site = project / "site"
    for path in site.rglob("*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        assert page.handlers == [], path
        assert not [h for h in page.hrefs if h.lower().startswith("javascript:")], path
        json_ld = ('"ClaimReview"', '"ProfilePage"')  # data, its < and > escaped (below)
        assert not [
            s for s in page.scripts if "alert(" in s and not any(t in s for t in json_ld)
        ], path
    claim_page = html(project, "claims/hostile")
    assert "&lt;script&gt;alert(&quot;seed&quot;)&lt;/script&gt; *not emphasis*" in claim_page
    assert "\\u003c/script\\u003e" in claim_page  # inside the JSON-LD, escaped
    assert "<em>even this</em>" in claim_page
    claimant_page = html(project, "claimants/hostile")
    assert "\\u003c/title\\u003e" in claimant_page  # inside its JSON-LD, escaped


def test_plain_mkdocs_build_generates_the_pages_through_the_hook(project: Path) -> None:
    mkdocs = [sys.executable, "-m", "mkdocs"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    ok = subprocess.run(
        [*mkdocs, "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert (project / "site/claims/all-troops-expelled/index.html").exists()
    assert not (project / "site_src/claims").exists()  # in memory, nothing written
    claim = project / "claims" / "all-troops-expelled.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("unproven", "flase"), encoding="utf-8"
    )
    bad = subprocess.run(
        [*mkdocs, "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert bad.returncode == 1
    assert (
        "claims/all-troops-expelled.yaml:6:10: error[unknown-verdict]: unknown verdict 'flase'"
        in bad.stderr
    )
    assert "Traceback" not in bad.stderr
