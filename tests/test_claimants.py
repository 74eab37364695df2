"""Claimant pages: each claimant's record, with the scorecard counted from the claim files."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.pages import render_site
from generator.project import load_and_check
from generator.settings import Settings
from tests.conftest import ROOT, make_project, run

SITE = "https://factcheck.example.org/"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    checked, problems = load_and_check(ROOT)
    assert not problems
    return render_site(checked, Settings.read(ROOT))


def claims() -> dict[str, dict]:
    """The repository's claim files as YAML says them, by id: what the pages are counted from."""
    return {p.stem: load(p) for p in sorted((ROOT / "claims").glob("*.yaml"))}


def scorecard(page: str) -> dict[str, int]:
    rows = re.findall(
        r'<tr data-verdict="([a-z0-9-]+)">.*?<td class="fc-scorecard__count">(\d+)</td>', page
    )
    return {verdict: int(count) for verdict, count in rows}


def test_every_claimant_has_a_page_with_a_scorecard_counted_from_the_claims(pages) -> None:
    scale = [v["id"] for v in load(ROOT / "verdicts.yaml")["verdicts"]]
    made = {
        claimant["id"]: Counter(
            c["verdict"] for c in claims().values() if c["claimant"] == claimant["id"]
        )
        for claimant in load(ROOT / "claimants.yaml")["claimants"]
    }
    assert sum(sum(counts.values()) for counts in made.values()) == len(claims())
    for claimant_id, counts in made.items():
        page = pages[f"claimants/{claimant_id}.md"]
        if counts:
            assert scorecard(page) == {v: counts[v] for v in scale}, claimant_id
            assert list(scorecard(page)) == scale  # every rating of the scale, in its order
            total = sum(counts.values())
            assert f"<caption>Ratings of the {total} claim{'s' * (total != 1)} by " in page
        else:
            assert scorecard(page) == {} and "has been checked yet" in page, claimant_id
    assert sorted(p for p in pages if p.startswith("claimants/")) == sorted(
        f"claimants/{c}.md" for c in made
    )


def test_a_claimants_page_lists_its_checks_and_apart_those_it_relayed(pages) -> None:
    relayed = 0
    for claim_id, claim in claims().items():
        link = f'<a href="../../claims/{claim_id}/">'
        made = pages[f"claimants/{claim['claimant']}.md"]
        own = made.split("## Claims relayed for others")[0]
        assert own.count(link) == 1, (claim["claimant"], claim_id)
        if claim.get("via"):
            relayed += 1
            via = pages[f"claimants/{claim['via']}.md"]
            assert via.split("## Claims relayed for others")[1].count(link) == 1, claim_id
    assert relayed  # the repository has claims relayed by someone


def test_claim_pages_and_the_listing_link_each_claimant_to_its_page(pages) -> None:
    for claim_id, claim in claims().items():
        page = pages[f"claims/{claim_id}.md"]
        for who in filter(None, [claim["claimant"], claim.get("via")]):
            assert f'<strong><a href="../../claimants/{who}/">' in page, (claim_id, who)
    listing = pages["lists/claimants.md"]
    for claimant in {c["claimant"] for c in claims().values()}:
        assert re.search(
            rf'<h2 id="c-{claimant}"><a href="../../claimants/{claimant}/">', listing
        ), claimant


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("claimants") / "project")
    result = run("build", "--root", str(project))
    assert result.code == 0, result.out
    return project


def test_claimant_pages_are_built_found_by_search_and_in_the_sitemap(built: Path) -> None:
    site = built / "site"
    ids = [c["id"] for c in load(built / "claimants.yaml")["claimants"]]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searched = {doc["location"] for doc in search["docs"]}
    for claimant_id in ids:
        assert (site / "claimants" / claimant_id / "index.html").is_file(), claimant_id
        assert f"<loc>{SITE}claimants/{claimant_id}/</loc>" in sitemap, claimant_id
        assert f"claimants/{claimant_id}/" in searched, claimant_id
    page = (site / "claimants" / "valery-gerasimov" / "index.html").read_text(encoding="utf-8")
    assert "<title>Valery Gerasimov - " in page
    (profile,) = [
        json.loads(s)
        for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    ]
    assert profile["@type"] == "ProfilePage"
    assert profile["mainEntity"]["sameAs"] == ["https://en.wikipedia.org/wiki/Valery_Gerasimov"]


def test_claimreview_names_the_claimants_page(built: Path) -> None:
    dataset = json.loads((built / "site" / "data" / "claimreview.json").read_text("utf-8"))
    reviews = dataset["dataFeedElement"]
    assert reviews
    for review in reviews:
        author = review["itemReviewed"]["author"]
        slug = load(built / "claims" / (review["url"].rsplit("/", 2)[1] + ".yaml"))["claimant"]
        assert author["url"] == f"{SITE}claimants/{slug}/"
