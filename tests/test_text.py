"""Invisible and bidirectional control characters in long text are shown, never hidden."""

from __future__ import annotations

from generator import markup
from generator.escaping import escape


def test_markdown_fields_show_invisible_characters() -> None:
    assert markup.render("Kyiv\u202e said") == "<p>Kyiv⟨U+202E⟩ said</p>"
    assert markup.render("**Kyiv**\u200b said") == "<p><strong>Kyiv</strong>⟨U+200B⟩ said</p>"


def test_escaped_values_show_them_too() -> None:
    assert escape("a\u2066<b>\u2069") == "a⟨U+2066⟩&lt;b&gt;⟨U+2069⟩"


def test_protocol_relative_links_are_not_site_relative() -> None:
    assert not markup.is_safe_link("//evil.example/x")
    assert not markup.is_safe_link("\\\\evil.example/x")
    assert markup.is_safe_link("/claims/x/")
    assert markup.is_safe_link("https://example.org//x")


def test_the_feed_is_well_formed_whatever_the_claim_says(tmp_path) -> None:
    from xml.etree import ElementTree as ET

    from generator import pages, urls
    from generator.project import load_and_check
    from generator.settings import Settings
    from tests.conftest import make_project

    project = make_project(tmp_path / "project")
    claim = project / "claims" / "all-troops-expelled.yaml"
    text = claim.read_text(encoding="utf-8")
    hostile = "A & B <summary>]]></entry><script>alert(1)</script> 'q'"
    claim.write_text(text.replace("claim: ", f'claim: "{hostile}" #', 1), encoding="utf-8")
    checked, problems = load_and_check(project)
    assert problems == []
    feed = pages.render_site(checked, Settings.from_mkdocs({"site_name": "S & <T>"}))[urls.FEED]
    root = ET.fromstring(feed)
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{atom}title").text == "S & <T>"
    titles = [e.find(f"{atom}title").text for e in root.iter(f"{atom}entry")]
    assert f"Unproven: {hostile}" in titles  # each title names its verdict first
