"""Share cards: drawn from the claim's data (size, badge in the verdict's colour, legible text,
non-Latin letters, long claims cut with an ellipsis), and drawn only when what they show
changes: real builds, counting the cards drawn."""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import struct
import subprocess
import sys
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from generator import cardcache, cards, pages
from generator.cards import Card
from generator.loading import load_project
from generator.project import load_and_check
from generator.settings import Settings
from tests.conftest import ROOT, make_project, run

CARD = Card(
    claim="All Ukrainian troops have been expelled from Russia's Kursk region.",
    claimant="Valery Gerasimov, via Dmitry Peskov",
    date="26 April 2025",
    verdict="Unproven",
    colour="#4f5a66",
    publication="Kursk claims, checked",
)
LEFT = cards.STRIP + cards.MARGIN
IN_BADGE = (LEFT + 10, cards.BADGE_TOP + cards.BADGE_HEIGHT // 2)  # beside the label


def image(card: Card) -> Image.Image:
    drawn = Image.open(io.BytesIO(cards.draw(card)))
    drawn.load()
    return drawn


def verdicts() -> list[tuple[str, str]]:
    scale = load_project(ROOT)[0].scale
    return [(v.label, v.colour) for v in scale.verdicts]


def test_a_card_is_a_1200_by_630_png_with_the_badge_in_the_verdicts_colour() -> None:
    seen = set()
    for label, colour in verdicts():
        drawn = image(replace(CARD, verdict=label, colour=colour))
        assert (drawn.format, drawn.size) == ("PNG", (1200, 630))
        rgb = drawn.convert("RGB")
        assert rgb.getpixel(IN_BADGE) == cards.rgb(colour), label
        assert rgb.getpixel((5, 300)) == cards.rgb(colour), label  # the strip at the left edge
        seen.add(rgb.crop((LEFT, cards.BADGE_TOP, 1100, 576)).tobytes())
    assert len(seen) == len(verdicts()) == 7


def test_the_claim_and_the_claimant_are_drawn_from_the_data() -> None:
    def area(card: Card, box: tuple[int, int, int, int]) -> bytes:
        return image(card).convert("RGB").crop(box).tobytes()

    claim_box = (LEFT, cards.CLAIM_TOP, 1180, cards.CLAIM_TOP + 60)
    other = replace(CARD, claim="North Korean soldiers fought in Kursk.")
    assert area(CARD, claim_box) != area(other, claim_box)
    blank = Image.new("RGB", (1200, 630), cards.PAPER).crop(claim_box).tobytes()
    assert area(CARD, claim_box) != blank
    byline = (LEFT, 350, 1180, 400)  # the claim takes two lines and a half at its largest size
    someone = replace(CARD, claimant="Dmitry Peskov")
    assert area(CARD, byline) != area(someone, byline)


def test_every_colour_pair_is_legible() -> None:
    assert cards.contrast(cards.INK, cards.PAPER) >= 4.5
    assert cards.contrast(cards.MUTED, cards.PAPER) >= 4.5
    for label, colour in [*verdicts(), ("a light colour", "#ffd24d"), ("white", "#ffffff")]:
        ground = cards.rgb(colour)
        assert cards.contrast(cards.badge_text(ground), ground) >= 4.5, label
    assert cards.badge_text(cards.rgb("#ffd24d")) == cards.INK
    assert round(cards.contrast((255, 255, 255), (0, 0, 0)), 2) == 21.0


def test_a_long_claim_is_wrapped_and_cut_with_an_ellipsis() -> None:
    face, _, lines = cards.claim_lines(CARD.claim)
    assert (face.font.size, lines[0][0], lines[-1][-1]) == (58, "“", "”")
    long = " ".join(["Ukrainian forces were driven out of every settlement in the region"] * 6)
    face, _, lines = cards.claim_lines(long)
    assert (face.font.size, len(lines)) == (42, 5)
    assert lines[-1].endswith("…”")
    for line in lines:
        assert face.length(line) <= cards.TEXT_WIDTH
        assert face.font.getlength(line) <= cards.TEXT_WIDTH  # as Pillow measures it too
    unbroken = "x" * 400  # a script without spaces is broken between characters
    face, _, lines = cards.claim_lines(unbroken)
    assert len(lines) == 5 and lines[-1].endswith("…”")


def claims() -> list[str]:
    """The repository's own claims, as their cards show them."""
    project, _ = load_project(ROOT)
    return [claim.claim for claim in project.claims]


def test_text_is_measured_as_pillow_measures_it() -> None:
    """Widths are summed from each letter's advance and each pair's kerning, kept from card
    to card; they must be Pillow's (Raqm's) widths of the whole line, or lines would
    overflow."""
    face = cards.face(50)
    for claim in [*claims(), "AVATAR “To” Wa Ty, ŽŠČ Ελλάδα Київ 1,000–2,000 ₴"]:
        assert face.plain(claim), claim
        assert face.length(claim) == face.font.getlength(claim), claim
    assert not face.plain("Курская область مرحبا")  # right to left: laid out by Pillow


def test_plain_text_is_drawn_where_pillow_draws_it() -> None:
    """Glyphs drawn once and pasted stand where Pillow's own layout puts them, give or take
    a pixel of rounding (most lines come out byte for byte the same), and cover the same
    ink."""
    face = cards.face(58)
    line = "“AVATAR: To Ukrainian troops, Wa Ty have been expelled”"
    ours = Image.new("P", (1200, 100), 0)
    face.draw(ours, (10, 50), line, 255)
    theirs = Image.new("L", (1200, 100), 0)
    ImageDraw.Draw(theirs).text((10, 50), line, font=face.font, fill=255, anchor="lm")
    ours_l = Image.frombytes("L", ours.size, ours.tobytes())
    assert ours_l.getbbox() is not None
    box_ours, box_theirs = ours_l.getbbox(), theirs.getbbox()
    assert all(abs(a - b) <= 1 for a, b in zip(box_ours, box_theirs, strict=True))
    ink = [sum(n * count for n, count in enumerate(i.histogram())) for i in (ours_l, theirs)]
    assert abs(ink[0] - ink[1]) / ink[1] < 0.02


def test_right_to_left_text_is_laid_out_by_pillow() -> None:
    face = cards.face(42)
    text = "مرحبا بالعالم"
    ours = Image.new("P", (600, 100), 0)
    assert face.draw(ours, (10, 50), text, 255) != (50, 50)
    theirs = Image.new("L", (600, 100), 0)
    ImageDraw.Draw(theirs).text((10, 50), text, font=face.font, fill=255, anchor="lm")
    assert ours.tobytes() == theirs.tobytes()


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG file's chunks, (type, data), each CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        (crc,) = struct.unpack(">I", data[at + 8 + size : at + 12 + size])
        assert crc == zlib.crc32(kind + body), kind
        found.append((kind, body))
        at += 12 + size
    return found


@pytest.mark.parametrize(
    "card",
    [
        CARD,
        replace(CARD, claim="ǺẪ Ỗ gjpqy|" * 3),  # tall and deep letters
        replace(CARD, claim=" ".join(["long claim with many words"] * 20)),
        replace(CARD, claim="مرحبا بالعالم", claimant="Курская область"),
        replace(CARD, claim="", claimant=""),
    ],
)
def test_a_card_is_a_valid_png_of_exactly_what_was_drawn(card: Card) -> None:
    """The file is joined from rows compressed apart (``png``): every checksum holds (CRCs,
    and zlib's Adler-32 of the rows as one stream), and the pixels are those of the card drawn
    whole, so no text falls outside the rows compressed for this card."""
    data = cards.draw(card)
    found = chunks(data)
    assert [kind for kind, _ in found] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    width, height, bits, colour_type = struct.unpack(">IIBB", found[0][1][:10])
    assert (width, height, bits, colour_type) == (1200, 630, 4, 3)
    rows = zlib.decompress(found[2][1])  # checks the Adler-32 checksum
    assert len(rows) == 630 * 601 and rows[::601] == bytes(630)  # filter "none" on every row
    whole = cards.drawn(card)[0].crop((cards.X0, 0, cards.X0 + 1200, 630))
    assert image(card).tobytes() == whole.tobytes()
    assert found[1][1] == cards.palette(card.colour)


def test_a_card_is_the_same_bytes_in_any_process() -> None:
    """Drawn after many others (every cache warm) or first thing in a fresh process."""
    for claim in claims():
        cards.draw(replace(CARD, claim=claim))
    here = cards.draw(CARD)
    code = (
        "import sys; from generator import cards; from tests.test_cards import CARD; "
        "sys.stdout.buffer.write(cards.draw(CARD))"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True
    ).stdout
    assert fresh == here


@pytest.mark.parametrize("text", ["Курская область", "Ηνωμένα Έθνη", "שלום", "مرحبا", "Kraków"])
def test_non_latin_letters_have_glyphs(text: str) -> None:
    def glyph(letter: str) -> bytes:
        drawn = Image.new("L", (80, 80))
        ImageDraw.Draw(drawn).text((10, 10), letter, font=cards.font(42), fill=255)
        return drawn.tobytes()

    missing = glyph("中")  # DejaVu Sans has no Chinese: the box it draws for a missing letter
    for letter in text.replace(" ", ""):
        assert glyph(letter) != missing, letter
    image(replace(CARD, claim=text, claimant=text))  # draws


def drawing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The claims whose cards are drawn from now on."""
    drawn: list[str] = []

    def counting(card: Card) -> bytes:
        drawn.append(card.claim)
        return cards.draw(card)

    monkeypatch.setattr(cardcache, "draw", counting)
    return drawn


def card_files(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("card-*.png")}


def test_cards_are_drawn_once_and_again_only_when_what_they_show_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    drawn = drawing(monkeypatch)
    assert run("build", "--root", str(project)).code == 0
    assert len(drawn) == 2
    cache = project / cardcache.FOLDER
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    first = card_files(project)
    assert len(first) == 2 and len(before) == 2

    drawn.clear()
    assert run("build", "--root", str(project)).code == 0  # nothing changed
    assert drawn == []
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before
    assert card_files(project) == first
    for path in first:  # the site's cards are the cache's files, linked: no byte written
        cached = cache / re.sub(r".*card-", "", path)
        assert (project / "site" / path).stat().st_ino == cached.stat().st_ino

    claim = project / "claims" / "north-koreans-fought.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("verdict: mostly-true", 'verdict: "true"'),
        encoding="utf-8",
    )
    assert run("build", "--root", str(project)).code == 0
    assert drawn == ["North Korean soldiers fought alongside Russian troops in the Kursk region."]
    now = card_files(project)
    assert len(now) == 2
    changed = {path for path in now if path not in first}
    assert len(changed) == 1 and changed.pop().startswith("claims/north-koreans-fought/")
    kept = {path: data for path, data in now.items() if path in first}
    assert list(kept) == [p for p in first if p.startswith("claims/all-troops-expelled/")]
    assert kept == {p: d for p, d in first.items() if p in kept}
    # What the site serves is what the cache holds, and what drawing the card now gives.
    site_cards = {re.sub(r".*card-", "", path): data for path, data in now.items()}
    assert site_cards == {p.name: p.read_bytes() for p in cache.iterdir()}  # the old one pruned
    page = (project / "site/claims/north-koreans-fought/index.html").read_text(encoding="utf-8")
    assert "Our rating: True." in page
    fresh = Card(
        claim="North Korean soldiers fought alongside Russian troops in the Kursk region.",
        claimant="Valery Gerasimov",
        date="26 April 2025",
        verdict="True",
        colour="#1a7f37",
        publication="Kursk claims, checked",
    )
    assert site_cards[f"{fresh.key}.png"] == cards.draw(fresh)


def test_the_card_address_keeps_the_sites_sub_path(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    url = "https://news.example.com/checks/kursk/"
    assert run("build", "--root", str(project), "--site-url", url).code == 0
    page = (project / "site/claims/all-troops-expelled/index.html").read_text(encoding="utf-8")
    (image_url,) = re.findall(r'<meta property="og:image" content="([^"]+)">', page)
    assert image_url.startswith(url + "claims/all-troops-expelled/card-")
    assert (project / "site" / image_url.removeprefix(url)).is_file()
    assert f'<meta name="twitter:image" content="{image_url}">' in page


def test_a_plain_mkdocs_build_has_the_cards_too_from_the_same_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert run("build", "--root", str(project)).code == 0
    cache = project / cardcache.FOLDER
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "plain"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    plain = {
        p.relative_to(project / "plain").as_posix(): p.read_bytes()
        for p in (project / "plain").rglob("card-*.png")
    }
    assert plain == card_files(project)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before  # none drawn


def test_many_new_cards_are_drawn_alike_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.setattr(cardcache, "IN_WORKERS", 1)  # the fixture has two claims
    monkeypatch.setattr(cardcache, "workers", lambda: 2)
    drawn = drawing(monkeypatch)  # counts the cards drawn in this process
    assert run("build", "--root", str(project)).code == 0
    assert drawn == []
    checked, problems = load_and_check(project)
    assert not problems
    expected = pages.cards(checked, Settings.read(project))
    assert card_files(project) == {path: cards.draw(card) for path, card in expected.items()}


def test_the_build_draws_what_no_worker_has_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are built but the worker lags (here: asleep): the build's own process draws
    the chunks it has not started rather than wait, and every card is drawn once."""
    todo = [replace(CARD, claim=f"Claim number {number}") for number in range(6)]
    drawn = drawing(monkeypatch)  # counts the cards drawn in this process
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    pool.submit(time.sleep, 1)
    lagging = cardcache.Drawing(root=tmp_path, todo=todo, pool=pool)
    for card in todo:
        lagging.jobs.append((pool.submit(cardcache._write_all, tmp_path, [card]), [card]))
    assert cardcache.finish(lagging) == 6
    assert len(drawn) >= 4  # all but those queued to the worker behind its sleep (0 to 2)
    assert len(set(drawn)) == len(drawn)
    folder = tmp_path / cardcache.FOLDER
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        f"{card.key}.png": cards.draw(card) for card in todo
    }
