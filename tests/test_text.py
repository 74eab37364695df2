"""Invisible and bidirectional control characters in long text are shown, never hidden."""

from __future__ import annotations

from generator import markup
from generator.pages.html import esc


def test_markdown_fields_show_invisible_characters() -> None:
    assert markup.render("Kyiv\u202e said") == "<p>Kyiv⟨U+202E⟩ said</p>"
    assert markup.render("**Kyiv**\u200b said") == "<p><strong>Kyiv</strong>⟨U+200B⟩ said</p>"


def test_escaped_values_show_them_too() -> None:
    assert esc("a\u2066<b>\u2069") == "a⟨U+2066⟩&lt;b&gt;⟨U+2069⟩"


def test_protocol_relative_links_are_not_site_relative() -> None:
    assert not markup.is_safe_link("//evil.example/x")
    assert not markup.is_safe_link("\\\\evil.example/x")
    assert markup.is_safe_link("/claims/x/")
    assert markup.is_safe_link("https://example.org//x")
