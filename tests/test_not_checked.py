"""The page of statements we did not check (``triage.yaml``), on the real project."""

from __future__ import annotations

import re

import yaml

from generator import markup, urls
from generator.escaping import escape
from generator.pages import render_site
from generator.project import load_and_check
from generator.settings import Settings
from tests.conftest import ROOT


def test_every_triage_entry_is_listed_with_a_link_to_its_highlighted_span() -> None:
    checked, _ = load_and_check(ROOT)
    pages = render_site(checked, Settings.read(ROOT))
    entries = yaml.safe_load((ROOT / "triage.yaml").read_text(encoding="utf-8"))["statements"]
    assert len(checked.triage) == len(entries) > 0
    listing = pages[urls.NOT_CHECKED]
    assert len(re.findall(r'<li id="nc-\d+">', listing)) == len(entries)
    for number, entry in enumerate(entries, 1):
        found = re.search(rf'<li id="{urls.not_checked_id(number)}">(.*?)</li>', listing, re.S)
        assert found, number
        item = found.group(1)
        assert escape(entry["quote"]) in item
        assert markup.render(entry["reason"]) in item
        outlet = checked.seeds[entry["source"]].seed.meta.outlet
        href = urls.rel(urls.NOT_CHECKED, urls.source_page(entry["source"]))
        assert f'<a href="{href}#{urls.not_checked_id(number)}">{escape(outlet)}</a>' in item
        source = pages[urls.source_page(entry["source"])]
        at = source.index(f'<span class="fc-target" id="{urls.not_checked_id(number)}"></span>')
        assert source[at:].split("</span>", 1)[1].startswith("<mark ")
        back = urls.rel(urls.source_page(entry["source"]), urls.NOT_CHECKED)
        assert f'href="{back}#{urls.not_checked_id(number)}" class="fc-nc-backlink"' in source
