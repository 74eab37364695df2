"""The build's shortcuts give what MkDocs and Material give, compared live on every generated
page (the fixture's, hostile input's and the benchmark corpus'): so a change to the pages,
the theme or mkdocs.yml cannot make the fast path drift from the ordinary one unnoticed."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import runpy
import shutil
import subprocess
import sys
import weakref
from html.parser import HTMLParser
from itertools import product
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from generator import htmlfeed, mkdocs_pages, searchsections, shell
from generator.escaping import Markup
from generator.pages import render_site
from generator.project import load_and_check
from generator.settings import Settings
from tests.conftest import ROOT, make_project, run
from tests.test_site import HOSTILE_TEXT


def corpus(root: Path, claims: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from run import make_corpus  # the benchmark's synthetic corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    root.mkdir()
    make_corpus(root, claims, 5)
    hook = (ROOT / "generator" / "mkdocs_hook.py").as_posix()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("- generator/mkdocs_hook.py", f"- {hook}"))
    shutil.copytree(ROOT / "overrides", root / "overrides")  # theme.custom_dir
    return root


def hostile(project: Path) -> Path:
    """The fixture with a seed and a claim made of markup (as in test_site)."""
    (project / "seeds" / "009_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    digest = hashlib.sha256(HOSTILE_TEXT.encode()).hexdigest()
    (project / "seeds" / "009_hostile.yaml").write_text(
        'outlet: "Evil</title><script>alert(3)</script> & co"\n'
        'title: "\\"><svg onload=alert(4)> # x"\n'
        f"url: https://example.org/x?a=1&b=2\npublished: null\nauthor: null\nlanguage: en\n"
        f"sha256: {digest}\n",
        encoding="utf-8",
    )
    with (project / "claimants.yaml").open("a", encoding="utf-8") as claimants:
        claimants.write(
            "  - id: hostile\n    name: '\"><img src=x onerror=alert(6)>'\n"
            "    type: person\n    description: </title><script>alert(8)</script> & co\n"
        )
    (project / "claims" / "hostile.yaml").write_text(
        'claim: "</script><script>alert(5)</script> is a claim & a <b>tag</b>"\n'
        'headline: "</title><script>alert(10)</script> headline & co"\n'
        "claimant: hostile\nvia: hostile\n"
        "claim_date: 2025-04-26\nverdict: misleading\n"
        "rating_explained: <script>alert(7)</script> & <b>bold</b>\n"
        "author: desk\nreviewed_by: desk\n"
        "summary: |\n  Markdown is fine, *even this*, `code & <this>`, [a link](https://x.org/?a&b).\n\n"
        "  ```\n  a fence\n\n  with a blank line\n  ```\n"
        "tags: [hostile]\n"
        "evidence:\n"
        "  - source: 009_hostile\n"
        '    quote: <script>alert("seed")</script> *not emphasis*\n'
        "    role: appearance\n",
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, dict[str, str]]]:
    """(MkDocs config, rendered pages) for the fixture with hostile input, and a bench corpus."""
    base = tmp_path_factory.mktemp("speed")
    out = []
    for project in (hostile(make_project(base / "fixture")), corpus(base / "bench", 40)):
        checked, problems = load_and_check(project)
        assert not problems, problems
        config = load_config(str(project / "mkdocs.yml"), docs_dir=str(ROOT / "site_src"))
        config.plugins._current_plugin = None  # as during a build, for File.generated
        out.append((config, render_site(checked, Settings.from_mkdocs(config))))
    return out


def both_ways(config, path: str, content: str) -> tuple[Page, mkdocs_pages.GeneratedPage]:
    files = Files([])
    ordinary = Page(None, File.generated(config, path, content=content), config)
    fast = Page(None, File.generated(config, path, content=content), config)
    fast.__class__ = mkdocs_pages.GeneratedPage
    fast.rules = mkdocs_pages.rules(config)
    for page in (ordinary, fast):
        page.read_source(config)
        page.render(config, files)
    return ordinary, fast


def markdown_pages(sites):
    for config, rendered in sites:
        for path, content in rendered.items():
            if path.endswith(".md"):
                yield config, path, content


def test_prerendered_pages_equal_python_markdowns(sites) -> None:
    fast_paths = set()
    for config, path, content in markdown_pages(sites):
        ordinary, fast = both_ways(config, path, content)
        assert fast.content == ordinary.content, path
        assert str(fast.toc) == str(ordinary.toc), path
        assert [(a.id, a.level) for a in fast.toc] == [(a.id, a.level) for a in ordinary.toc]
        assert fast.present_anchor_ids == ordinary.present_anchor_ids, path
        assert fast.title == ordinary.title, path
        if fast.prerendered:
            fast_paths.add(path)
    # The shortcut must actually apply to the pages that make up the site's bulk.
    claims = {p for _, p, _ in markdown_pages(sites) if p.startswith(("claims/", "sources/"))}
    assert claims <= fast_paths


def test_front_matter_read_as_mkdocs_reads_it(sites) -> None:
    read_fast = set()
    for _, path, content in markdown_pages(sites):
        found = mkdocs_pages.front_matter(content)
        if found is not None:
            read_fast.add(path)
            assert found == get_data(content), path
    claims = {p for _, p, _ in markdown_pages(sites) if p.startswith(("claims/", "sources/"))}
    assert claims <= read_fast
    for text in (  # what YAML reads otherwise, or refuses: left to it
        "---\nweight: 1e3\n---\n\nText",
        '---\nyes: "a"\n---\n\nText',
        '---\ntitle: "a\u2028b"\n---\n\nText',
        '---\ntitle: "a\x85b"\n---\n\nText',
        '---\ntitle: "a\x7fb"\n---\n\nText',
        "---\ntitle: plain\n---\n\nText",
        "---\nhide: true\n---\n\nText",
        '---\ntitle: "a" # note\n---\n\nText',
        "---\n---\n\nText",
        "# No front matter",
    ):
        assert mkdocs_pages.front_matter(text) is None, text
    for text in (  # read as YAML reads them
        '---\ntitle: "a \\u00e9 \\n \\" \\\\ b"\nfc: {"true": ["x", "y"]}\n---\n\n\nText',
        '---\nsearch: {"exclude": false, "boost": null}\n---\nText',
        '---\ndescription: "caf\u00e9 \U0001f600"\n---   \nText',
    ):
        assert mkdocs_pages.front_matter(text) == get_data(text), text


def test_prerender_leaves_other_markdown_to_markdown(sites) -> None:
    config, _ = sites[0]
    for text in (
        "A paragraph",
        "## Two\n\n## Two",
        "## *Emphasis*",
        "<span>inline</span>",
        '<div id="evidence">x</div>\n\n## Evidence',
        "<div>\n<pre>a\n\nb</pre>\n</div>",
    ):
        ordinary, fast = both_ways(config, "claims/x.md", text)
        assert not fast.prerendered, text
        assert fast.content == ordinary.content


class Recorder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.calls.append(("start", tag, attrs))

    def handle_endtag(self, tag) -> None:
        self.calls.append(("end", tag))

    def handle_data(self, data) -> None:
        self.calls.append(("data", data))

    def handle_startendtag(self, tag, attrs) -> None:
        self.calls.append(("startend", tag, attrs))


def test_htmlfeed_reports_what_htmlparser_reports(sites) -> None:
    for config, path, content in markdown_pages(sites):
        _, fast = both_ways(config, path, content)
        slow, quick = Recorder(), Recorder()
        slow.feed(fast.content)
        slow.close()
        assert htmlfeed.feed(quick, fast.content), path
        assert quick.calls == slow.calls, path


def test_htmlfeed_refuses_what_it_does_not_know() -> None:
    for text in ("<p>a < b</p>", "<!-- x -->", "<p class='x'>", "<script>x", "</p x>"):
        assert htmlfeed.tokens(text) is None, text


def materials(text: str) -> list[tuple]:
    """Material's sections of ``text`` as its index reads them (pieces joined)."""
    slow = Parser()
    slow.feed(text)
    slow.close()
    return joined(slow.data)


def joined(sections) -> list[tuple]:
    """What the index takes of each section (nothing of an excluded one but that it is)."""
    return [
        (repr(s), True) if s.is_excluded() else (repr(s), "".join(s.title), "".join(s.text))
        for s in sections
    ]


def test_search_sections_equal_materials(sites) -> None:
    whole = set()
    for config, path, content in markdown_pages(sites):
        _, fast = both_ways(config, path, content)
        slow = Parser()
        slow.feed(fast.content)
        slow.close()
        quick = searchsections.sections(htmlfeed.tokens(fast.content))
        assert [(repr(s), s.title, s.text, s.is_excluded()) for s in quick] == [
            (repr(s), s.title, s.text, s.is_excluded()) for s in slow.data
        ], path
        at_once = searchsections.quick(fast.content.encode())
        if at_once is not None:
            assert joined(at_once) == joined(slow.data), path
            whole.add(path)
    # The whole-page cut applies to the pages that make up the site's bulk (a summary with
    # a code block is left to ``sections``: Material keeps its whitespace).
    bulk = {
        p
        for _, p, content in markdown_pages(sites)
        if p.startswith(("claims/", "sources/")) and "<pre>" not in content
    }
    assert bulk - {"claims/index.md", "sources/index.md"} <= whole


def test_the_whole_page_cut_gives_materials_sections_or_declines() -> None:
    """Text, entities, whitespace between and around tags, exclusions, kept tags; and what
    it leaves to ``sections`` (None): Material's quirks it does not reproduce, other HTML."""
    equal = [
        '<p>pre</p>\n\n<h2 id="a">A<a class="headerlink" href="#a">&para;</a></h2>\n<div>\n'
        '<p class="x">x &amp; <b>y</b>\nz&#39;s &lt;tag&gt;</p> <span></span> <i> </i>\n'
        "<ul><li>one</li><li>two <code>c</code></li></ul></div>\n"
        '<div data-search-exclude><p>hidden</p></div>\n<p data-search-exclude="x">hid</p>'
        '<script type="x">var a = "<p>";</script><br><svg viewBox="0 0"><path d="M0"/></svg>'
        '\n<h3 id="b" data-search-exclude>B</h3><p>q</p><h4 id="c"> </h4>&nbsp;<p>end</p> ',
        '<h1 id="t">T</h1><p>one</p>\n\n<p>two</p>',
        '<h2 id="first">F</h2> <p>x</p>',
        "just text, no tags",
        "",
        " \n ",
        '<div class="a"><p>a</p></div><h2 id="z">Z</h2>',
        "<p>\ue000 private use: text, not a mark</p>",
    ]
    for text in equal:
        at_once = searchsections.quick(text.encode())
        assert at_once is not None, text
        assert joined(at_once) == materials(text), text
    declined = [
        "<p>a < b</p>",  # text that HTMLParser reads as text
        "<P>capitals</P>",
        "<!-- a comment --><p>x</p>",
        '<div><h2 id="nested">N</h2></div><p>x</p>',
        '<h2 id="a">A <code>c</code></h2>',
        "<pre>  kept  \n  as is</pre>",
        "<p></p><p>x</p>",  # Material drops only the first empty one
        "<div data-search-exclude><div>a</div>b</div>",  # skipped up to the first </div>
        '<p title="a>b">x</p>',
        "<p DATA-SEARCH-EXCLUDE>x</p>",
    ]
    for text in declined:
        assert searchsections.quick(text.encode()) is None, text


def test_search_sections_keep_materials_quirks() -> None:
    """Exclusions, permalinks, nested headings, whitespace, kept and empty tags."""
    for text in (
        '<p>pre</p><h2 id="a">A<a class="headerlink" href="#a">¶</a></h2><p>x <b>y</b></p>'
        "<div data-search-exclude><p>hidden</p></div><ul><li> </li><li>z</li></ul>"
        '<pre><code>a\n\n  b</code></pre><h3 id="b" data-search-exclude>B</h3><p>q</p>'
        '<div><h4 id="c">C</h4><p>in</p></div><p>out</p><table class="linenodiv"><p>n</p>'
        "</table><p>&amp; &lt;end&gt;</p><script>var x = 1;</script><br/><svg><path/></svg>",
        '<h1 id="t">T</h1><p>one</p>\n\n<p>two</p>',
    ):
        slow = Parser()
        slow.feed(text)
        slow.close()
        quick = searchsections.sections(htmlfeed.tokens(text))
        assert [(repr(s), s.title, s.text, s.is_excluded(), s.depth) for s in quick] == [
            (repr(s), s.title, s.text, s.is_excluded(), s.depth) for s in slow.data
        ]


def test_search_finds_a_word_of_a_claim_page(project: Path) -> None:
    """The real build's search index holds claim pages, by section, as Material indexes them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env, check=True)
    index = json.loads((project / "site/search/search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    assert "Gerasimov" in docs["claims/north-koreans-fought/#where-the-claim-appeared"]["text"]
    assert docs["claims/north-koreans-fought/#conclusion"]["title"] == "Conclusion"
    assert any("Kursk" in d["text"] for k, d in docs.items() if k.startswith("sources/"))
    # The listings of every claim and source lead nowhere a claim or source page does not.
    pages = {location.split("#")[0] for location in docs}
    assert not pages & {"claims/", "sources/", "lists/claimants/", "lists/tags/"}
    assert {"", "lists/not-checked/", "reference/verdicts/"} <= pages


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_fast_build_builds_the_same_site_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every shortcut off (Python-Markdown, HTMLParser, Material's main.html for every page,
    its search index written whole), then on: the two sites are identical, search index and
    sitemap included."""
    project = hostile(make_project(tmp_path / "project"))
    spliced = []
    splice = shell._Shells._splice

    def counting(self, *args):
        spliced.append(args[-1].url)
        return splice(self, *args)

    with monkeypatch.context() as plain:
        plain.setattr(mkdocs_pages, "prerender", lambda markdown, rules: None)
        plain.setattr(mkdocs_pages, "index_quickly", lambda search, plugins: None)
        plain.setattr(shell, "install", lambda env, nav: env)
        plain.setattr(shell, "TEMPLATE", "main.html")
        assert run("build", "--root", str(project)).code == 0
    slow = site_files(project / "site")
    monkeypatch.setattr(shell._Shells, "_splice", counting)
    monkeypatch.setattr(mkdocs_pages, "PIECE", 3)  # the search index written in many pieces
    assert run("build", "--root", str(project)).code == 0
    fast = site_files(project / "site")
    assert sorted(fast) == sorted(slow)
    for path, content in fast.items():
        assert content == slow[path], path
    # Claim and source pages were spliced (one of each kind is rendered by the theme too).
    pages = [p for p in fast if p.startswith(("claims/", "sources/")) and p.endswith(".html")]
    assert len(spliced) >= len(pages) - 4 > 0


def test_an_in_process_build_starts_the_plugins_as_a_build(project: Path) -> None:
    """MkDocs keeps plugin instances for the process: a build after a ``serve --dirty`` in
    the same process must not inherit its state (the preview's, the search plugin's)."""
    from generator import preview

    plugins = load_config(str(project / "mkdocs.yml")).plugins
    plugins.on_startup(command="serve", dirty=True)
    assert preview.STATE.serving and plugins["material/search"].is_dirty
    assert run("build", "--root", str(project)).code == 0
    assert not preview.STATE.serving
    assert not plugins["material/search"].is_dirty


def test_the_benchmarks_phase_timer_still_names_the_builds_phases(project: Path) -> None:
    """bench/phases.py wraps the build's functions by name: when one is renamed or removed,
    the benchmark breaks in CI's quick run, far from the change. Here it breaks beside it."""
    phases = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "phases.py"), str(project)],
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    assert phases.returncode == 0, phases.stderr
    timed = [line.split("  ")[0].strip() for line in phases.stdout.splitlines()[1:]]
    assert timed[:6] == [
        "check (load, validate, anchor)",
        "render (generator/pages)",
        "prepare site_src's next generated pages",
        "MkDocs build (below: its parts)",
        "switch site/ (and remove the old one)",
        "switch site_src's generated pages",
    ]


def test_mkdocs_runs_without_the_checked_project(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checked project (about 150 MiB at 10,000 claims) is freed once the pages are
    rendered, by reference counting alone (the collector is frozen during MkDocs)."""
    from generator import cli, publishing

    checking, mkdocs = cli._checking, publishing._mkdocs
    alive = []

    def checked_and_watched(*args):
        checked, problems = checking(*args)
        alive.append(weakref.ref(checked))
        return checked, problems

    def mkdocs_seeing(config):
        alive.append(alive[0]() is not None)
        return mkdocs(config)

    monkeypatch.setattr(cli, "_checking", checked_and_watched)
    monkeypatch.setattr(publishing, "_mkdocs", mkdocs_seeing)
    assert run("build", "--root", str(project)).code == 0
    assert alive[1:] == [False]


def test_a_build_collects_cycles_rarely_and_then_as_before(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build checks and renders with the cyclic collector off; MkDocs then runs with what
    exists frozen out of it and a collection every ``YOUNG_OBJECTS`` new objects; afterwards
    the collector is as it was (on, Python's thresholds, nothing frozen)."""
    from generator import cli, publishing

    checking, mkdocs = cli._checking, publishing._mkdocs
    seen = []

    def checking_seen(*args):
        found = checking(*args)
        seen.append(("checked", gc.isenabled()))
        return found

    def mkdocs_seen(config):
        seen.append(("mkdocs", gc.isenabled(), gc.get_threshold()[0], gc.get_freeze_count() > 0))
        return mkdocs(config)

    monkeypatch.setattr(cli, "_checking", checking_seen)
    monkeypatch.setattr(publishing, "_mkdocs", mkdocs_seen)
    before = gc.get_threshold()
    assert run("build", "--root", str(project)).code == 0
    assert seen == [("checked", False), ("mkdocs", True, publishing.YOUNG_OBJECTS, True)]
    assert gc.isenabled() and gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_a_command_leaves_what_it_made_frozen_for_the_exit(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m generator`` freezes what is left before the process ends, so that the
    interpreter's last collection does not walk it."""
    monkeypatch.setattr(sys, "argv", ["generator", "check", "--root", str(project)])
    try:
        with pytest.raises(SystemExit) as exit_:
            runpy.run_module("generator", run_name="__main__")
        assert exit_.value.code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_material_strips_the_pages_that_have_something_to_strip() -> None:
    """Material's ``on_page_context`` (which strips ``data-search-*="..."``) runs for a page
    with such an attribute, whether read as text or as a generated page's UTF-8 (a name with
    a letter beyond ASCII too); a page without one is only indexed."""
    calls: list[tuple[str, str]] = []

    class Search:
        config = SimpleNamespace(enabled=True)
        search_index = SimpleNamespace(
            add_entry_from_context=lambda page: calls.append(("index", page.url))
        )

    def on_page_context(context, *, page, config, nav):
        calls.append(("material", page.url))

    quickly = mkdocs_pages._stripping_only_if_needed(Search(), on_page_context)
    pages = {"plain": "<p data-search-exclude>x</p>", "valued": '<p data-search-x="y">x</p>'}
    pages["letter"] = '<p data-search-é="y">x</p>'
    for url, html in pages.items():
        for page in (
            SimpleNamespace(url=url, content=html),
            SimpleNamespace(url=url, content=html, _html=html.encode()),
        ):
            quickly(None, page=page, config=None, nav=None)
    assert (
        calls
        == [("index", "plain")] * 2 + [("material", "valued")] * 2 + [("material", "letter")] * 2
    )


def test_search_entries_are_made_as_materials_are() -> None:
    """``entries_quickly`` gives the entries Material's ``create_entry_for_section`` gives:
    locations from the table of contents (the page's own for the text before its first
    heading, which has no id), a missing title from the page's, tags and boost from the front
    matter; and declines another index."""
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    html = (
        '<h1 id="top">Title <a class="headerlink" href="#top">¶</a></h1><p>First <b>x</b></p>'
        '<h2 id="a">A</h2><ul><li>one</li></ul><h2 id="b" data-search-exclude>B</h2><p>no</p>'
        '<h3 id="c"></h3><p>c &amp; d</p>'
    ).encode()
    found = searchsections.quick(html)
    assert found is not None and [s.id for s in found] == [None, "a", "b", "c"]
    top = AnchorLink("Title", "top", 1)
    top.children = [AnchorLink("A", "a", 2), AnchorLink("C", "c", 3)]
    for meta, first in product(
        (
            {"title": "Front"},
            {"tags": ["x", 2, None, "", ["no"]], "search": {"boost": 2}},
            {"tags": "not a list", "search": None},
        ),
        ("top", None),  # None: as quick gives the text before a page's first heading
    ):
        page = SimpleNamespace(meta=meta, title="Page", url="claims/x/", toc=TableOfContents([top]))
        found[0].id = first
        theirs, ours = SearchIndex(), SearchIndex()
        for section in found:
            if not section.is_excluded():
                theirs.create_entry_for_section(section, page.toc, page.url, page)
        assert mkdocs_pages.entries_quickly(ours, found, page)
        assert json.dumps(ours.entries) == json.dumps(theirs.entries)
        assert len(ours.entries) == 3
    assert ours.entries[0]["location"] == "claims/x/"
    assert not mkdocs_pages.entries_quickly(SimpleNamespace(entries=[]), found[1:], page)


def test_a_spliced_page_knows_its_utf8() -> None:
    """The UTF-8 a spliced page carries is what encoding its text gives, and stays so when
    the hook inserts the sharing tags."""
    page = shell.Encoded("<head></head>é—", "<head></head>é—".encode())
    tagged = shell.inserted(page, "</head>", Markup('<meta content="“x”">'))  # kept as HTML
    assert isinstance(tagged, shell.Encoded)
    assert tagged == '<head><meta content="“x”"></head>é—'
    assert tagged.encode("utf-8", errors="xmlcharrefreplace") == str.encode(tagged)
    assert tagged.encode("latin-1", errors="replace") == str.encode(tagged, "latin-1", "replace")
    assert shell.inserted("<head></head>", "</head>", "x") == "<head>x</head>"
