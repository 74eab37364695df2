"""The repository's own site in real Chromium, as readers meet it.

One build of this repository's claims, served under a sub-path (``/factcheck/``, with
``site_url`` saying so), driven through Playwright with Debian's Chromium. Every request the
pages make is recorded; one to any other host fails the test. Screenshots of each page type,
desktop and phone, light and dark, go to ``screenshots/`` (``SCREENSHOTS=dir`` to move it)."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PREFIX = "/factcheck/"
# Addresses the tests open on purpose to get the 404 page; any other 4xx or 5xx fails.
MISSING = ("no/such/page/", "deep/missing/address/")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Violations are reported in full whatever resultTypes says; it only spares axe the details of
# the rules that passed or did not apply, which took two thirds of its time.
AXE_RUN = """tags => axe.run(document, {
  runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS") or ROOT / "screenshots")

# Not copied into the throw-away project: tooling, caches, and what the build writes.
_NOT_PROJECT = {".git", ".venv", "site", "tests", "bench", "screenshots", "generator", ".github"}


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - make test installs it
        sync_playwright = None
    if CHROMIUM and sync_playwright:
        return sync_playwright
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail("REQUIRE_BROWSER is set but Chromium or Playwright is missing")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI requires it")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, and 404.html for anything else (as static hosts do);
    every answer of 400 or more, but for the MISSING addresses, is kept in ``failed``."""

    failed: list[str]

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not urlsplit(path).path.startswith(PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + urlsplit(path).path[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        if urlsplit(self.path).path not in {PREFIX + path for path in MISSING}:
            self.failed.append(f"{code} {self.path}")
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser closing a connection early is not our concern


@dataclass
class Site:
    base: str  # http://127.0.0.1:PORT/factcheck/
    folder: Path  # the built site/
    foreign: list[str] = field(default_factory=list)  # requests to any other host
    failed: list[str] = field(default_factory=list)  # own-host requests answered 4xx or 5xx

    def url(self, path: str) -> str:
        return self.base + path

    def pages(self) -> list[str]:
        """Every HTML page of the site, as paths under the base."""
        found = []
        for page in sorted(self.folder.rglob("index.html")):
            relative = page.parent.relative_to(self.folder).as_posix()
            found.append("" if relative == "." else relative + "/")
        return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    _browser_or_skip()
    project = tmp_path_factory.mktemp("browser") / "project"
    project.mkdir()
    for entry in ROOT.iterdir():
        if entry.name in _NOT_PROJECT or entry.name.startswith("."):
            continue
        if entry.name == "site_src":
            from generator.publishing import copy_hand_written

            copy_hand_written(entry, project / "site_src")
        elif entry.is_dir():
            shutil.copytree(entry, project / entry.name, ignore=shutil.ignore_patterns("*.pyc"))
        else:
            shutil.copy2(entry, project / entry.name)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}{PREFIX}"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_url:.*$", f"site_url: {base}", config)
    hook = (ROOT / "generator" / "mkdocs_hook.py").as_posix()
    config = config.replace("- generator/mkdocs_hook.py", f"- {hook}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run("build", "--root", str(project))
    assert result.code == 0, result.out
    served = Site(base=base, folder=project / "site")
    handler = type("Handler", (_Handler,), {"failed": served.failed})
    httpd = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(served.folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield served
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(site: Site):
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def open_page(browser, site: Site, *, viewport=DESKTOP, scheme: str = "light"):
    """A page in a fresh context whose every request is recorded; other hosts are refused
    (and our server keeps every answer of 400 or more: see ``_Handler``)."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    own = urlsplit(site.base).netloc

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own:
            site.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def no_foreign_requests(site: Site) -> Iterator[None]:
    site.foreign.clear()
    site.failed.clear()
    yield
    assert site.foreign == [], "requests to other hosts: " + ", ".join(sorted(set(site.foreign)))
    assert site.failed == [], "requests that failed: " + ", ".join(sorted(set(site.failed)))


# What the page shows after arriving on #id: the marked passage (or evidence item), whether
# it is below the sticky header and on screen, what has focus, and what was announced.
_ARRIVED = """(id) => {
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const marks = [...document.querySelectorAll('mark[data-ev~="' + id + '"]')];
  const item = document.getElementById(id);
  const shown = marks.length ? marks : [item];
  const top = shown[0].getBoundingClientRect().top;
  const status = document.querySelector('.fc-status');
  return {
    marks: marks.length,
    current: shown.filter(e => e.classList.contains('fc-current')).length,
    outlined: shown.filter(e => getComputedStyle(e).outlineStyle !== 'none').length,
    text: marks.map(m => m.textContent).join(''),
    top, header, height: window.innerHeight,
    focused: document.activeElement === shown[0],
    status: status ? status.textContent : '',
  };
}"""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("[…]", ""))


def _arrive(page, url: str) -> dict:
    """Follow a link to ``url``: a fresh load the first time a page is visited, then the
    in-page jump readers make from one backlink or footnote to the next."""
    anchor = urlsplit(url).fragment
    if page.url.split("#", 1)[0] == url.split("#", 1)[0]:
        page.evaluate(
            "h => { document.querySelector('.fc-status').textContent = ''; location.hash = h; }",
            anchor,
        )
    else:
        page.goto(url, wait_until="load")
    page.wait_for_function("() => (document.querySelector('.fc-status') || {}).textContent")
    return page.evaluate(_ARRIVED, anchor)


# What a list of pages holds, read from their HTML as the browser parses it (fetch and
# DOMParser: no page rendered and no script run just to read its links). ``pick`` maps each
# element matching ``selector`` to [the link's absolute address, some text].
_GATHER = """async ([urls, selector, pick]) => {
  const found = [];
  for (const url of urls) {
    const text = await (await fetch(url)).text();
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const absolute = href => new URL(href, url).href;
    for (const element of doc.querySelectorAll(selector)) {
      found.push(new Function('e', 'absolute', pick)(element, absolute));
    }
  }
  return found;
}"""


def _gather(page, site: Site, paths: list[str], selector: str, pick: str) -> list:
    if not page.url.startswith(site.base):
        page.goto(site.url(""), wait_until="domcontentloaded")
    return page.evaluate(_GATHER, [[site.url(p) for p in paths], selector, pick])


def _evidence_links(page, site: Site) -> list[tuple[str, str]]:
    """(source page URL#id, the quotation as the claim page shows it) for every evidence item
    of every claim page."""
    claims = [p for p in site.pages() if p.startswith("claims/") and p != "claims/"]
    assert len(claims) >= 10
    pick = """return [absolute(e.querySelector('a[href*="sources/"][href*="#ev-"]')
                       .getAttribute('href')), e.querySelector('blockquote').textContent];"""
    return [tuple(x) for x in _gather(page, site, claims, "figure.fc-evidence", pick)]


# Each address fetched and decoded as an image, as a site that shows a link's card does.
_LOAD_IMAGES = """async urls => Promise.all(urls.map(async url => {
  const response = await fetch(url);
  const bitmap = await createImageBitmap(await response.blob());
  return [response.status, response.headers.get('content-type'), bitmap.width, bitmap.height];
}))"""


def test_every_claim_page_shares_its_card(browser, site: Site, no_foreign_requests):
    """Each claim page's og:image and twitter:image (summary_large_image) name its share
    card: an address of the site itself, beside the page, that the browser loads and decodes
    as a 1200x630 PNG; its text alternative names the rating the title gives."""
    context, page = open_page(browser, site)
    claims = [p for p in site.pages() if p.startswith("claims/") and p != "claims/"]
    selector = 'meta[property^="og:"], meta[name^="twitter:"]'
    pick = """return [absolute(''), e.getAttribute('property') || e.getAttribute('name'),
                      e.getAttribute('content')];"""
    tags: dict[str, dict[str, str]] = {}
    for url, name, content in _gather(page, site, claims, selector, pick):
        tags.setdefault(url, {})[name] = content
    assert sorted(tags) == sorted(site.url(path) for path in claims)
    for url, meta in tags.items():
        image = meta["og:image"]
        assert re.fullmatch(re.escape(url) + r"card-[0-9a-f]{20}\.png", image), (url, image)
        assert meta["twitter:image"] == image
        assert meta["twitter:card"] == "summary_large_image"
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        verdict = meta["og:title"].split(": ", 1)[0]
        assert meta["og:image:alt"].endswith(f"Our rating: {verdict}."), meta["og:image:alt"]
        assert meta["twitter:image:alt"] == meta["og:image:alt"]
    images = sorted({meta["og:image"] for meta in tags.values()})
    assert len(images) == len(claims)
    loaded = page.evaluate(_LOAD_IMAGES, images)
    assert loaded == [[200, "image/png", 1200, 630]] * len(images)
    context.close()


def _arrived(seen: dict, announced: str) -> bool:
    """Scrolled clear of the header, focused, and announced as ``announced``."""
    return (
        seen["header"] <= seen["top"] < seen["height"]
        and seen["focused"]
        and seen["status"].startswith(announced)
    )


def _passage_marked(
    seen: dict, quotation: str, announced: str, same: Callable[[str], str] = _squash
) -> bool:
    """The whole quotation marked (every fragment current and outlined) and arrived at."""
    return (
        seen["marks"] >= 1
        and seen["current"] == seen["marks"] == seen["outlined"]
        and same(seen["text"]) == same(quotation)
        and _arrived(seen, announced)
    )


def _item_marked(seen: dict, announced: str) -> bool:
    """One item (an evidence item, a triage entry) marked and arrived at."""
    return seen["current"] == seen["outlined"] == 1 and _arrived(seen, announced)


def test_every_evidence_link_marks_its_whole_passage(browser, site: Site, no_foreign_requests):
    context, page = open_page(browser, site)
    links = _evidence_links(page, site)
    claims = len([p for p in site.pages() if p.startswith("claims/") and p != "claims/"])
    assert len(links) >= claims  # every claim cites at least one passage
    failures = []
    for url, quotation in sorted(links):
        seen = _arrive(page, url)
        if not _passage_marked(seen, quotation, "Highlighted passage, quoted by the fact-check: "):
            failures.append(f"{url}: {seen} (quotation: {quotation[:80]!r})")
    context.close()
    assert not failures, f"{len(failures)} of {len(links)} links:\n" + "\n".join(failures)


def test_every_backlink_marks_its_evidence_item(browser, site: Site, no_foreign_requests):
    context, page = open_page(browser, site)
    sources = [p for p in site.pages() if p.startswith("sources/") and p != "sources/"]
    pick = "return absolute(e.getAttribute('href'));"
    backlinks = _gather(page, site, sources, "a.fc-backlink", pick)
    assert len(backlinks) >= 10
    failures = []
    for url in sorted(backlinks):
        seen = _arrive(page, url)
        if not _item_marked(seen, "Evidence item: "):
            failures.append(f"{url}: {seen}")
    context.close()
    assert not failures, f"{len(failures)} of {len(backlinks)} backlinks:\n" + "\n".join(failures)


def _plain(text: str) -> str:
    """A quotation as the matching rules compare it: whitespace, quote and dash style aside."""
    return _squash(text.translate(str.maketrans("‘’“”–—", "''\"\"--")))


def test_every_not_checked_link_marks_its_statement(browser, site: Site, no_foreign_requests):
    """From the page of statements we did not check to each one's passage in the archived
    copy, and back from every "why not checked" link of the source pages to its entry: marked,
    clear of the header, focused and announced, as evidence is."""
    context, page = open_page(browser, site)
    pick = """return [absolute(e.querySelector('a[href*="sources/"][href*="#nc-"]')
                       .getAttribute('href')), e.querySelector('blockquote').textContent];"""
    links = _gather(page, site, ["lists/not-checked/"], "ul.fc-not-checked > li", pick)
    assert len(links) >= 5
    failures = []
    for url, quotation in sorted(links):
        seen = _arrive(page, url)
        announced = "Highlighted passage, a statement we did not check: "
        if not _passage_marked(seen, quotation, announced, same=_plain):
            failures.append(f"{url}: {seen} (quotation: {quotation[:80]!r})")
    sources = [p for p in site.pages() if p.startswith("sources/") and p != "sources/"]
    pick = "return absolute(e.getAttribute('href'));"
    backlinks = _gather(page, site, sources, "a.fc-nc-backlink", pick)
    assert len(backlinks) == len(links)
    for url in sorted(backlinks):
        seen = _arrive(page, url)
        if not _item_marked(seen, "Statement we did not check: "):
            failures.append(f"{url}: {seen}")
    context.close()
    assert not failures, f"{len(failures)} of {len(links) * 2} links:\n" + "\n".join(failures)


# The pages axe-core checks: the home page, a claim, a source, a claimant, every listing (the
# statements we did not check among them), the scale, the methodology, and an address the site
# does not have (its 404 page, three levels deep).
AUDITED = {
    "home": "",
    "claim": "claims/all-ukrainian-troops-expelled-from-kursk/",
    "source": "sources/002_0ff8d9755428d8f6/",
    "all-checks": "claims/",
    "claimants": "lists/claimants/",
    "claimant": "claimants/valery-gerasimov/",
    "not-checked": "lists/not-checked/",
    "topics": "lists/tags/",
    "sources": "sources/",
    "scale": "reference/verdicts/",
    "corrections": "reference/corrections/",
    "methodology": "methodology/",
    "404": "no/such/page/",
}


def _axe_script() -> str:
    import axe_playwright_python

    return str(Path(axe_playwright_python.__file__).parent / "axe.min.js")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_no_serious_accessibility_violations(browser, site, no_foreign_requests, width, scheme):
    """axe-core, WCAG 2.2 AA and best practice: no serious or critical violation anywhere."""
    viewport = DESKTOP if width == "desktop" else PHONE
    context, page = open_page(browser, site, viewport=viewport, scheme=scheme)
    found = []
    for name, path in [*AUDITED.items(), ("search", "")]:
        page.goto(site.url(path), wait_until="load")
        expected_scheme = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected_scheme
        if name == "search":
            # The open search dialog with its rating choices, one chosen, and rating tags in
            # the results with the query's word marked in them.
            _open_search(page, site)
            _type_query(page, "false")
            page.check(".fc-narrow input[value='False']")
            _settled_results(page)
        page.add_script_tag(path=_axe_script())
        result = page.evaluate(AXE_RUN, AXE_TAGS)
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
                found.append(
                    f"{name}: {violation['id']} ({violation['impact']}, "
                    f"{len(violation['nodes'])} nodes): {violation['help']}; e.g. {targets}"
                )
        _screenshot(page, name, width, scheme)
    context.close()
    assert not found, "\n".join(found)


def _screenshot(page, name: str, width: str, scheme: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{scheme}.png", full_page=True)


def test_the_404_page_works_under_a_sub_path(browser, site: Site, no_foreign_requests):
    context, page = open_page(browser, site)
    response = page.goto(site.url("deep/missing/address/"), wait_until="load")
    assert response.status == 404
    assert page.text_content("h1") == "Page not found"
    # Its styles loaded (Material's grid is in place) and its links stay under the sub-path.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
    latest = page.eval_on_selector_all(
        ".md-content a[href*='/claims/']", "as => as.map(a => a.href)"
    )
    assert len(latest) >= 5 and all(u.startswith(site.base) for u in latest), latest
    for url in latest[:5]:
        assert context.request.get(url).status == 200
    page.fill("#fc-notfound-q", "Kursk")
    page.click(".fc-notfound-search button")
    page.wait_for_selector(".md-search-result__item")
    assert page.url.startswith(site.base)
    context.close()


# A chart's counts that do not stand on one line (the longest bar once pushed "17" into two).
_COUNTS_WRAPPED = """() => [...document.querySelectorAll('.fc-bars__count')].filter(c => {
  const range = document.createRange();
  range.selectNodeContents(c.firstChild);
  return range.getClientRects().length !== 1;
}).map(c => 'count wrapped: ' + c.firstChild.textContent)"""


def test_chart_counts_stay_on_one_line_on_a_desktop(browser, site: Site, no_foreign_requests):
    context, page = open_page(browser, site)
    page.goto(site.url(""), wait_until="load")
    assert page.eval_on_selector_all(".fc-bars__count", "cs => cs.length") >= 5
    assert page.evaluate(_COUNTS_WRAPPED) == []
    context.close()


def test_phone_width_has_no_horizontal_scroll_and_readable_text(browser, site, no_foreign_requests):
    """At 390 px: no page (the 404 page too) scrolls sideways, no text of the page's content
    is under 12 px (badges, charts, bylines in tables, backlinks), a chart's counts stay on
    one line beside their bars, and an evidence quotation shows one bar (ours), not the
    theme's blockquote bar as well."""
    context, page = open_page(browser, site, viewport=PHONE)
    problems = []
    for path in [*site.pages(), MISSING[0]]:
        page.goto(site.url(path), wait_until="load")
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > PHONE["width"]:
            problems.append(f"{path}: {wide} px wide")
        small = page.evaluate(
            """() => [...document.querySelectorAll('.md-content *')]
                 .filter(e => e.offsetParent !== null && !e.closest('.fc-sr'))
                 .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim()))
                 .map(e => [e.textContent.trim().slice(0, 30), getComputedStyle(e).fontSize])
                 .filter(([, size]) => parseFloat(size) < 12)"""
        )
        if small:
            problems.append(f"{path}: text under 12 px: {small[:3]}")
        problems += [f"{path}: {c}" for c in page.evaluate(_COUNTS_WRAPPED)]
        bars = page.evaluate(
            """() => [...document.querySelectorAll('.fc-evidence blockquote')]
                 .filter(q => parseFloat(getComputedStyle(q).borderLeftWidth) > 0).length"""
        )
        if bars:
            problems.append(f"{path}: {bars} quotations with a second bar")
    context.close()
    assert not problems, "\n".join(problems)


_VISIBLE = "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset[KEY])"


def _visible(page, key: str) -> list[str]:
    return page.eval_on_selector_all("li[data-verdict]", _VISIBLE.replace("KEY", repr(key)))


def test_all_checks_filter_and_sort_in_the_page(browser, site: Site, no_foreign_requests):
    context, page = open_page(browser, site)
    page.goto(site.url("claims/"), wait_until="load")
    total = len(_visible(page, "verdict"))
    assert total >= 10
    assert page.text_content(".fc-filter__count") == f"Showing all {total} fact-checks."
    verdict = _visible(page, "verdict")[-1]
    page.select_option("select[name=verdict]", verdict)
    shown = _visible(page, "verdict")
    assert shown and set(shown) == {verdict}
    assert page.text_content(".fc-filter__count") == f"Showing {len(shown)} of {total} fact-checks."
    assert f"verdict={verdict}" in page.url  # a filtered view can be shared
    # Narrow further by topic: every row shown carries both.
    tag = page.eval_on_selector("select[name=tag] option:nth-child(2)", "o => o.value")
    page.select_option("select[name=verdict]", "")
    page.select_option("select[name=tag]", tag)
    assert all(f" {tag} " in f" {tags} " for tags in _visible(page, "tags"))
    # Every source and claimant offered finds something.
    for name, key in (("source", "sources"), ("claimant", "claimant")):
        page.select_option("select[name=tag]", "")
        values = page.eval_on_selector_all(
            f"select[name={name}] option", "os => os.map(o => o.value).filter(Boolean)"
        )
        for value in values:
            page.select_option(f"select[name={name}]", value)
            found = _visible(page, key)
            assert found and all(value in v.split(" ") or value == v for v in found), value
        page.select_option(f"select[name={name}]", "")
    # Sorted by date, oldest first, within each rating.
    page.select_option("select[name=order]", "oldest")
    for dates in page.eval_on_selector_all(
        "ul[data-filtered]", "ls => ls.map(l => [...l.children].map(r => r.dataset.date))"
    ):
        assert dates == sorted(dates)
    # The same address opens the same view.
    page.goto(site.url(f"claims/?verdict={verdict}"), wait_until="load")
    assert set(_visible(page, "verdict")) == {verdict}
    context.close()
    # Without JavaScript: no dead form, and every fact-check listed.
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(site.url("claims/"), wait_until="load")
    assert not page.is_visible("#fc-filter")
    assert len(_visible(page, "verdict")) == total
    plain.close()


def _search(page, site: Site, query: str) -> list[dict]:
    """Material's search opened from ``?q=``, as the 404 page's form does: each result's
    page, its snippet (what is shown under the title) and its tags."""
    from urllib.parse import quote

    page.goto(site.url("?q=" + quote(query)), wait_until="load")
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(
        ".md-search-result__item > a > article",
        """articles => articles.map(a => ({
             href: a.parentElement.href.split('?')[0],
             snippet: [...a.children].filter(e => !/^(H1|H2|NAV|DIV)$/.test(e.tagName))
                        .map(e => e.textContent).join(' '),
             tags: [...a.querySelectorAll('.md-tag')].map(t => t.textContent)}))""",
    )


def test_search_shows_clean_snippets_and_narrows_by_verdict(browser, site, no_foreign_requests):
    context, page = open_page(browser, site)
    page.goto(site.url("claims/"), wait_until="load")
    rows = page.eval_on_selector_all(
        "li[data-verdict]",
        "rows => rows.map(r => [r.querySelector('a[href*=\"claims/\"]').href, "
        "r.querySelector('.fc-badge').textContent.trim()])",
    )
    verdict_of = dict(rows)
    # A word search: the claim's result shows the verdict as a tag, and a snippet that is the
    # claim's own text, without the page's furniture (kicker, captions, correction notice).
    found = _search(page, site, "expelled")
    claim = site.url("claims/all-ukrainian-troops-expelled-from-kursk/")
    (result,) = [r for r in found if r["href"] == claim]
    assert (
        result["snippet"] == "All Ukrainian troops have been expelled from Russia's Kursk region."
    )
    assert result["tags"] == [verdict_of[claim]]
    furniture = re.compile(r"Fact-check ·|^The claim|Corrected \d+ \w+ \d{4}:|About our ratings")
    for r in found:
        assert not furniture.search(r["snippet"]), r
        assert r["tags"] == ([verdict_of[r["href"]]] if r["href"] in verdict_of else []), r
    # Narrowed by verdict (Material's field query on tags): that verdict's checks, and only
    # them, whichever word each label is (one-word labels that no other label contains).
    labels = sorted(set(verdict_of.values()))
    words = [
        w
        for w in labels
        if " " not in w and not any(w.lower() in o.lower().split() for o in labels if o != w)
    ]
    assert words
    for label in words:
        found = _search(page, site, f"+tags:{label.lower()}")
        expected = sorted(h for h, v in verdict_of.items() if v == label)
        count = page.text_content(".md-search-result__meta")
        assert count == (
            f"{len(expected)} matching documents" if len(expected) > 1 else "1 matching document"
        )
        assert all(r["tags"] == [label] for r in found), (label, found)
        assert {r["href"] for r in found} <= set(expected)
        if len(expected) <= 10:  # Material renders the first ten at once, more on scrolling
            assert sorted(r["href"] for r in found) == expected
    context.close()


# The search dialog's rating choices (site_src/assets/search.js).


def _open_search(page, site: Site, path: str = "") -> None:
    """A page, with Material's search dialog opened as readers do with its "/" shortcut, and
    the rating choices in it."""
    page.goto(site.url(path), wait_until="load")
    page.keyboard.press("/")
    page.wait_for_selector(".fc-narrow input[value='']")


def _results_now(page) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    return page.evaluate(
        """() => [document.querySelector('.md-search-result__meta').textContent.trim(),
             [...document.querySelectorAll('.md-search-result__item')].map(li => [
               li.querySelector('a').href.split('?')[0],
               [...li.querySelector('a > article').querySelectorAll('.md-tag')]
                 .map(t => t.textContent)])]"""
    )


def _matching(meta: str) -> int | None:
    """The count in Material's "N matching documents" line."""
    if meta == "No matching documents":
        return 0
    if meta == "1 matching document":
        return 1
    found = re.fullmatch(r"(\d+) matching documents", meta)
    return int(found.group(1)) if found else None


def _settled_results(page) -> tuple[int, dict[str, tuple[str, ...]]]:
    """Once the search has answered and Material has rendered it (the same count and items
    for three reads in a row): the count it shows and every result, scrolled into being
    (Material renders ten, then more as the list is scrolled), as {page: its tags}."""
    seen, same = None, 0
    for _ in range(100):
        now = _results_now(page)
        same = same + 1 if now == seen and _matching(now[0]) is not None else 0
        seen = now
        if same == 2:
            break
        page.wait_for_timeout(100)
    meta, items = seen
    count = _matching(meta)
    assert count is not None and same == 2, f"search did not settle: {meta!r}"
    for _ in range(50):
        if len(items) >= count:
            break
        # Up, then to the bottom: Material renders more when the list's end comes into view.
        page.eval_on_selector(".md-search__scrollwrap", "w => { w.scrollTop = 0; }")
        page.wait_for_timeout(50)
        page.eval_on_selector(".md-search__scrollwrap", "w => { w.scrollTop = w.scrollHeight; }")
        page.wait_for_timeout(100)
        meta, items = _results_now(page)
    assert len(items) == count, (meta, len(items))
    return count, {href: tuple(tags) for href, tags in items}


def _type_query(page, text: str) -> None:
    """Types ``text`` into the search box (Material sends a query on each key's release)."""
    page.focus(".md-search__input")
    page.fill(".md-search__input", "")
    page.keyboard.type(text)


def _scale(context, site: Site) -> list[dict]:
    return context.request.get(site.url("data/verdicts.json")).json()["verdicts"]


def _claims_by_verdict(page, site: Site) -> dict[str, str]:
    page.goto(site.url("claims/"), wait_until="load")
    rows = page.eval_on_selector_all(
        "li[data-verdict]",
        "rows => rows.map(r => [r.querySelector('a[href*=\"claims/\"]').href, "
        "r.querySelector('.fc-badge').textContent.trim()])",
    )
    return dict(rows)


def _rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_search_dialog_narrows_results_to_exactly_one_verdict(browser, site, no_foreign_requests):
    context, page = open_page(browser, site)
    scale = _scale(context, site)
    labels = [v["label"] for v in scale]
    verdict_of = _claims_by_verdict(page, site)
    _open_search(page, site)
    # A named group: "All", then every verdict of the scale in its order.
    assert page.text_content(".fc-narrow legend") == "Rating"
    choices = page.eval_on_selector_all(
        ".fc-narrow label",
        "ls => ls.map(l => [l.textContent, l.querySelector('input[type=radio]').checked])",
    )
    assert choices == [["All", True]] + [[label, False] for label in labels]
    # A word that finds checks rated "True" and "Mostly true" (which lunr's tags:true mixes).
    _type_query(page, "russia")
    _, everything = _settled_results(page)
    assert {("True",), ("Mostly true",)} <= set(everything.values()), everything
    for label in labels:
        page.check(f".fc-narrow input[value='{label}']")
        count, found = _settled_results(page)
        expected = {href: tags for href, tags in everything.items() if tags == (label,)}
        assert found == expected, label
        assert count == len(expected)
        said = "No results" if not count else "1 result" if count == 1 else f"{count} results"
        page.wait_for_function(
            "text => document.querySelector('.fc-narrow ~ [role=status]').textContent === text",
            arg=f"{said} rated {label}.",
        )
    # Rating tags in the scale's colours.
    page.check(".fc-narrow input[value='True']")
    _settled_results(page)
    colours = page.eval_on_selector_all(
        ".md-search-result .md-tag", "ts => ts.map(t => getComputedStyle(t).backgroundColor)"
    )
    true_colour = next(v["colour"] for v in scale if v["label"] == "True")
    assert colours and set(colours) == {_rgb(true_colour)}
    # Typing on keeps the choice: every result of the longer query is rated True, and they
    # are all of its results that are.
    page.focus(".md-search__input")
    page.keyboard.type(" kursk")
    assert page.input_value(".md-search__input") == "russia kursk"
    count, narrowed = _settled_results(page)
    page.check(".fc-narrow input[value='']")
    _, unnarrowed = _settled_results(page)
    assert narrowed == {h: t for h, t in unnarrowed.items() if t == ("True",)} != {}
    assert count == len(narrowed)
    # No words: a rating lists all its fact-checks, and only them.
    page.fill(".md-search__input", "")
    page.keyboard.press("End")  # Material reads the box when a key is released
    for label in ("True", "Mostly true"):
        page.check(f".fc-narrow input[value='{label}']")
        count, found = _settled_results(page)
        assert sorted(found) == sorted(h for h, v in verdict_of.items() if v == label), label
        assert set(found.values()) == {(label,)} and count == len(found)
    context.close()


def test_search_rating_choices_work_from_the_keyboard(browser, site, no_foreign_requests):
    context, page = open_page(browser, site)
    _open_search(page, site, "claims/")
    page.keyboard.type("russia")
    _settled_results(page)
    active = "() => [document.activeElement.name, document.activeElement.value]"
    is_open = "() => document.getElementById('__search').checked"
    # Tab leaves the search box for the chosen rating (Material would close the dialog).
    page.keyboard.press("Tab")
    assert page.evaluate(active) == ["fc-narrow", ""]
    assert page.evaluate(is_open)
    # The arrow keys choose (Material would move to the results): narrowed and announced.
    page.keyboard.press("ArrowRight")
    assert page.evaluate(active) == ["fc-narrow", "True"]
    assert page.is_checked(".fc-narrow input[value='True']")
    count, found = _settled_results(page)
    assert found and set(found.values()) == {("True",)}
    said = "1 result" if count == 1 else f"{count} results"
    page.wait_for_function(
        "text => document.querySelector('.fc-narrow ~ [role=status]').textContent === text",
        arg=f"{said} rated True.",
    )
    page.keyboard.press("ArrowRight")
    assert page.evaluate(active) == ["fc-narrow", "Mostly true"]
    _, found = _settled_results(page)
    assert set(found.values()) == {("Mostly true",)}
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(active) == ["fc-narrow", "True"]
    # Shift+Tab goes back to the search box, and typing goes on there, still narrowed.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.dataset.mdComponent") == "search-query"
    assert page.evaluate(is_open)
    page.keyboard.type(" kursk")
    assert page.input_value(".md-search__input") == "russia kursk"
    _, found = _settled_results(page)
    assert found and set(found.values()) == {("True",)}
    # Escape closes the dialog; its choices are then out of reach (not focusable, not read).
    page.keyboard.press("Escape")
    assert not page.evaluate(is_open)
    assert not page.is_visible(".fc-narrow input[value='True']")
    context.close()
