"""Share cards: the image a claim page shows where it is shared (Open Graph's and Twitter's
``summary_large_image``, 1200×630 pixels), drawn from the claim's own data.

A ``Card`` holds exactly what is drawn, and nothing else; its ``key`` is a hash of that, of
``RENDERER`` and of Pillow's version, so a card is drawn again only when what it shows, or the
drawing, changes (``cardcache`` keeps the drawn cards by key). Drawing is a pure function,
data in, PNG bytes out: the same card gives the same bytes in any process, whatever it drew
before. Pillow is imported only to draw, so ``check`` never pays for it.

A card costs about a millisecond of CPU (``bench/README.md``), because little is done twice:
what every card of a verdict shares (paper, strip, badge, site name) is drawn and compressed
once per process (``background``); each glyph is rasterised once per size and pasted where
it goes (``Face``); only the band of rows holding the claim and the byline is compressed for
each card, and the PNG is joined from that and the shared rows' compressed bytes (``png``),
in 16 colours (four bits a pixel, half the bytes of eight).

The text is DejaVu Sans, shipped in ``generator/fonts/`` with its licence: Latin, Greek,
Cyrillic, Armenian, Georgian, Hebrew and Arabic letters, not Chinese, Japanese or Korean
ones. Every colour pair drawn has a contrast of 4.5:1 or more; on the verdict's badge the
text is white or ink, whichever contrasts more with the verdict's colour."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import __version__ as PILLOW  # PIL's __init__ only: no imaging library loaded

from generator import png

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageFont import FreeTypeFont

RENDERER = "2"  # change it when the drawing changes: every card is then drawn anew
WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent / "fonts"

PAPER = (255, 255, 255)
INK = (31, 35, 40)  # 15.8:1 on paper
WHITE = (255, 255, 255)

MARGIN = 72  # left and right, beside the strip in the verdict's colour
STRIP = 20  # the strip's width, at the left edge
TEXT_WIDTH = WIDTH - MARGIN - STRIP - MARGIN
# Where the badge stands: its box is the verdict's colour, apart from the label drawn in it.
BADGE_TOP, BADGE_HEIGHT, BADGE_PADDING = 492, 84, 28
# Claim sizes tried in turn: (font size, line height, lines at most); the last one truncates.
CLAIM_SIZES = ((58, 70, 3), (50, 62, 4), (42, 52, 5))
CLAIM_TOP = 124
ELLIPSIS = "…"


@dataclass(frozen=True, kw_only=True)
class Card:
    """What one card shows, as it is drawn."""

    claim: str  # the claim, as it was made
    claimant: str  # who made it (and who relayed it)
    date: str  # when it was made, as the page writes it
    verdict: str  # the verdict's label
    colour: str  # the verdict's colour, #rrggbb
    publication: str  # the site's name

    @functools.cached_property  # asked by the page and by the build for every claim
    def key(self) -> str:
        """A hash of exactly what is drawn, and how (worked out once per card)."""
        values = [getattr(self, f.name) for f in fields(self)]  # astuple, without deep copies
        data = json.dumps([RENDERER, PILLOW, *values], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]

    @property
    def alt(self) -> str:
        """The card's text alternative: what it shows, in reading order."""
        return (
            f"{self.publication}. “{self.claim}”, {self.claimant}, {self.date}. "
            f"Our rating: {self.verdict}."
        )


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2's contrast ratio of two sRGB colours (1 to 21)."""

    def luminance(colour: tuple[int, int, int]) -> float:
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in (v / 255 for v in colour)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def badge_text(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """White or ink on the verdict's colour, whichever reads better."""
    return WHITE if contrast(WHITE, colour) >= contrast(INK, colour) else INK


@functools.cache
def font(size: int, *, bold: bool = False) -> FreeTypeFont:
    """Each font at each size is loaded once per process."""
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


# Letters that look the same wherever they stand, so that each glyph can be drawn once and
# reused: Latin, Greek and Cyrillic letters, digits, punctuation. Not letters that change with
# their neighbours or run right to left (Arabic, Hebrew, Indic scripts), nor combining marks
# (none of these ranges has any): a line with any of those is laid out whole by Pillow.
_PLAIN = re.compile(
    "[\\x20-\\u024f\\u0370-\\u0482\\u048a-\\u052f\\u1e00-\\u1fff"
    "\\u2010-\\u2027\\u2030-\\u205e\\u20a0-\\u20c0]*"
)


class Face:
    """A font at one size, with what has been measured and drawn of it kept for the next
    card: each glyph is rasterised once per process, each letter's advance and each pair's
    kerning measured once. Text of plain letters (``_plain``) is measured and drawn glyph by
    glyph, at whole pixels; other text is laid out whole by Pillow (Raqm: shaping, right to
    left), which costs some ten times as much."""

    def __init__(self, size: int, *, bold: bool = False) -> None:
        self.font = font(size, bold=bold)
        self._advance: dict[str, float] = {}
        self._kerning: dict[str, float] = {}  # by the pair of letters
        self._length: dict[str, float] = {}  # by text of plain letters (words, mostly)
        self._glyph: dict[str, tuple[Any, int, int, int, int] | None] = {}
        # From the middle of the line (Pillow's anchor "lm") to the baseline.
        middle, base = self.font.getbbox("H", anchor="lm"), self.font.getbbox("H", anchor="ls")
        self.baseline = int(middle[3] - base[3])

    @staticmethod
    def plain(text: str) -> bool:
        return _PLAIN.fullmatch(text) is not None

    def advance(self, letter: str) -> float:
        width = self._advance.get(letter)
        if width is None:
            width = self._advance[letter] = self.font.getlength(letter)
        return width

    def kerning(self, pair: str) -> float:
        width = self._kerning.get(pair)
        if width is None:
            width = self.font.getlength(pair) - self.advance(pair[0]) - self.advance(pair[1])
            self._kerning[pair] = width
        return width

    def length(self, text: str) -> float:
        """The text's width in pixels, as ``draw`` draws it."""
        width = self._length.get(text)
        if width is not None:
            return width
        if not self.plain(text):
            return float(self.font.getlength(text))
        width = 0.0
        before = ""
        for letter in text:
            width += self.advance(letter)
            if before:
                width += self.kerning(before + letter)
            before = letter
        if len(self._length) > 100_000:  # words and lines of many cards: bounded
            self._length.clear()
        self._length[text] = width
        return width

    def joined(self, left: str, left_width: float, right: str) -> float:
        """The width of ``left + right``, knowing ``left``'s (text of plain letters)."""
        return left_width + self.kerning(left[-1] + right[0]) + self.length(right)

    def glyph(self, letter: str) -> tuple[Any, int, int, int, int] | None:
        """The letter's coverage (0-255), its offset from the pen on the baseline and size."""
        if letter in self._glyph:
            return self._glyph[letter]
        from PIL import Image, ImageDraw

        left, top, right, bottom = self.font.getbbox(letter, anchor="ls")
        shape = None
        if right > left and bottom > top:
            mask = Image.new("L", (int(right - left), int(bottom - top)), 0)
            ImageDraw.Draw(mask).text((-left, -top), letter, font=self.font, fill=255, anchor="ls")
            shape = (mask.im, int(left), int(top), mask.width, mask.height)
        self._glyph[letter] = shape
        return shape

    def draw(self, canvas: Image, xy: tuple[int, int], text: str, ink: int) -> tuple[int, int]:
        """Draw ``text`` from ``xy`` (its left end, at the middle of the line) in palette
        index ``ink``, blended over the ramp below it (``ink`` is its last index). Returns
        the rows drawn on, from the first to the one after the last (none: ``y, y``)."""
        x, y = xy
        core = canvas.im
        if not self.plain(text):
            from PIL import Image, ImageDraw

            left, top, right, bottom = (int(v) for v in self.font.getbbox(text, anchor="lm"))
            if right <= left or bottom <= top:
                return y, y
            mask = Image.new("L", (right - left, bottom - top), 0)
            ImageDraw.Draw(mask).text((-left, -top), text, font=self.font, fill=255, anchor="lm")
            core.paste(ink, (x + left, y + top, x + right, y + bottom), mask.im)
            return y + top, y + bottom
        baseline = y + self.baseline
        high, low = y, y
        pen = float(x)
        before = ""
        for letter in text:
            if before:
                pen += self.kerning(before + letter)
            shape = self.glyph(letter)
            if shape is not None:
                mask, left, top, width, height = shape
                gx, gy = int(pen + 0.5) + left, baseline + top
                core.paste(ink, (gx, gy, gx + width, gy + height), mask)
                if gy < high or high == low:
                    high = gy
                if gy + height > low:
                    low = gy + height
            pen += self.advance(letter)
            before = letter
        return high, low


@functools.cache
def face(size: int, *, bold: bool = False) -> Face:
    return Face(size, bold=bold)


def wrap(
    text: str, face: Face, width: int, lines: int, *, tail: str = ""
) -> tuple[list[str], bool]:
    """``text`` in at most ``lines`` lines of at most ``width`` pixels, broken at spaces (and
    inside a word only where a word is wider than a line); whether it all fit. Cut short, the
    last line ends with an ellipsis and ``tail`` (a closing quotation mark)."""
    plain = face.plain(text)
    out: list[str] = []
    line, line_width = "", 0.0
    for word in text.split():
        if line:
            candidate = f"{line} {word}"
            wide = face.joined(line, line_width, " " + word) if plain else face.length(candidate)
            if wide <= width:
                line, line_width = candidate, wide
                continue
            out.append(line)
            line = ""
        while face.length(word) > width:  # a long word, or a script without spaces
            cut = _fitting(word, face, width)
            out.append(word[:cut])
            word = word[cut:]
        line, line_width = word, face.length(word)
    if line:
        out.append(line)
    if len(out) <= lines:
        return out, True
    kept = out[:lines]
    kept[-1] = ellipsize(kept[-1] + " " + out[lines], face, width, tail=tail)
    return kept, False


def ellipsize(text: str, face: Face, width: int, *, tail: str = "") -> str:
    """``text`` cut at a word (or a character) so that it, an ellipsis and ``tail`` fit."""
    end = ELLIPSIS + tail
    words = text.split()
    while words:
        candidate = " ".join(words) + end
        if face.length(candidate) <= width:
            return candidate
        if len(words) == 1:
            return words[0][: max(1, _fitting(words[0] + end, face, width) - len(end))] + end
        words.pop()
    return end


def _fitting(text: str, face: Face, width: int) -> int:
    """How many of ``text``'s first characters fit ``width`` (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if face.length(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def one_line(text: str, face: Face, width: int) -> str:
    return text if face.length(text) <= width else ellipsize(text, face, width)


def claim_lines(claim: str) -> tuple[Face, int, list[str]]:
    """The claim in quotation marks at the largest size it fits; face, line height, lines."""
    quoted = f"“{claim.strip()}”"
    for size, height, most in CLAIM_SIZES:
        lines, fits = wrap(quoted, face(size), TEXT_WIDTH, most, tail="”")
        if fits:
            return face(size), height, lines
    return face(size), height, lines  # the smallest size, cut short


# The card is drawn in 16 palette colours (4 bits a pixel: half the bytes to compress of 8),
# in two ramps, so that anti-aliased text needs no colour quantizing: from the paper to the
# ink in 12 steps, and from the verdict's colour to the badge's text in 4. A glyph's coverage
# blends the index under it towards its ink's index; muted text (the site's name, the byline)
# is ink at step 8 of 11.
INK_STEPS = 12
PAPER_I, INK_I, MUTED_I = 0, INK_STEPS - 1, 8
BADGE_I, BADGE_INK_I = INK_STEPS, 15


def _mix(ground: tuple[int, int, int], ink: tuple[int, int, int], part: float) -> tuple[int, ...]:
    return tuple(round(g + (i - g) * part) for g, i in zip(ground, ink, strict=True))


MUTED = _mix(PAPER, INK, MUTED_I / INK_I)  # 6.2:1 on paper


@functools.lru_cache(maxsize=64)
def palette(colour: str) -> bytes:
    """The card's 16 colours, as PNG's PLTE chunk holds them."""
    ground = rgb(colour)
    ink = badge_text(ground)
    steps = [_mix(PAPER, INK, step / INK_I) for step in range(INK_STEPS)]
    steps += [_mix(ground, ink, step / (BADGE_INK_I - BADGE_I)) for step in range(4)]
    return bytes(value for step in steps for value in step)


SITE_MIDDLE = 70
# Each row of the canvas starts with two columns of index 0 left of the card: packed four
# bits a pixel, they are the zero byte PNG wants before each row (its filter: none), so the
# canvas's bytes are the rows to compress as they are.
X0 = 2
LEFT = X0 + STRIP + MARGIN  # where text starts, on the canvas


@functools.lru_cache(maxsize=64)
def background(colour: str, verdict: str, publication: str) -> Image:
    """What cards of one verdict on one site share: the paper, the strip and the badge in the
    verdict's colour, the site's name. Drawn once per process."""
    from PIL import Image, ImageDraw

    canvas = Image.new("P", (X0 + WIDTH, HEIGHT), PAPER_I)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((X0, 0, X0 + STRIP - 1, HEIGHT - 1), fill=BADGE_I)
    site = face(30, bold=True)
    site.draw(canvas, (LEFT, SITE_MIDDLE), one_line(publication, site, TEXT_WIDTH), MUTED_I)
    label = face(44, bold=True)
    text = one_line(verdict, label, TEXT_WIDTH - 2 * BADGE_PADDING)
    width = int(label.length(text)) + 2 * BADGE_PADDING
    pen.rounded_rectangle(
        (LEFT, BADGE_TOP, LEFT + width, BADGE_TOP + BADGE_HEIGHT), radius=14, fill=BADGE_I
    )
    label.draw(canvas, (LEFT + BADGE_PADDING, BADGE_TOP + BADGE_HEIGHT // 2), text, BADGE_INK_I)
    return canvas


def _rows(canvas: Image, top: int, bottom: int) -> png.Segment:
    """The canvas's rows from ``top`` to ``bottom``, four bits a pixel, each after its filter
    byte (the two columns ``X0``), compressed."""
    return png.segment(canvas.crop((0, top, X0 + WIDTH, bottom)).tobytes("raw", "P;4"))


@functools.lru_cache(maxsize=1024)
def _shared_rows(colour: str, verdict: str, publication: str, top: int, bottom: int) -> png.Segment:
    """A background's rows from ``top`` to ``bottom``, compressed once per process."""
    return _rows(background(colour, verdict, publication), top, bottom)


@functools.lru_cache(maxsize=64)
def _plain_span(colour: str, verdict: str, publication: str) -> tuple[int, int]:
    """The background's rows around ``CLAIM_TOP`` that are all alike (paper and strip: where
    the claim and byline go), from the first to the one after the last."""
    canvas = background(colour, verdict, publication)
    row = canvas.crop((0, CLAIM_TOP, X0 + WIDTH, CLAIM_TOP + 1)).tobytes()
    top, bottom = CLAIM_TOP, CLAIM_TOP + 1
    while top > 0 and canvas.crop((0, top - 1, X0 + WIDTH, top)).tobytes() == row:
        top -= 1
    while bottom < HEIGHT and canvas.crop((0, bottom, X0 + WIDTH, bottom + 1)).tobytes() == row:
        bottom += 1
    return top, bottom


def _between(base: tuple[str, str, str], top: int, bottom: int) -> png.Segment:
    """The background's rows from ``top`` to ``bottom``, between two runs of text: plain
    rows, compressed once per number of them, where they all are."""
    first, last = _plain_span(*base)
    if first <= top and bottom <= last:
        return _shared_rows(*base, first, first + bottom - top)
    return _shared_rows(*base, top, bottom)


def drawn(card: Card) -> tuple[Image, list[tuple[int, int]]]:
    """The card drawn whole on its canvas (the ``X0`` columns left of it), and the runs of
    rows its text is on, top to bottom: the other rows are the ``background``'s."""
    base = (card.colour, card.verdict, card.publication)
    canvas = background(*base).copy()
    claim, height, lines = claim_lines(card.claim)
    rows = [
        claim.draw(canvas, (LEFT, CLAIM_TOP + number * height + height // 2), line, INK_I)
        for number, line in enumerate(lines)
    ]
    byline = face(30)
    text = one_line(f"— {card.claimant}, {card.date}", byline, TEXT_WIDTH)
    rows.append(byline.draw(canvas, (LEFT, CLAIM_TOP + len(lines) * height + 34), text, MUTED_I))
    runs: list[tuple[int, int]] = []
    for top, bottom in sorted((max(0, t), min(HEIGHT, b)) for t, b in rows if t < b):
        if runs and top <= runs[-1][1]:  # touching or overlapping the run before
            runs[-1] = (runs[-1][0], max(bottom, runs[-1][1]))
        else:
            runs.append((top, bottom))
    return canvas, runs


def draw(card: Card) -> bytes:
    """The card as PNG bytes: 16 palette colours, fast compression, no metadata. Only the
    rows its text is on are compressed for each card; the rows above, between and below are
    the ``background``'s, compressed once."""
    base = (card.colour, card.verdict, card.publication)
    canvas, runs = drawn(card)
    segments = []
    at = 0
    for top, bottom in runs:
        if at < top:
            segments.append(_between(base, at, top) if at else _shared_rows(*base, 0, top))
        segments.append(_rows(canvas, top, bottom))
        at = bottom
    segments.append(_shared_rows(*base, at, HEIGHT))
    return png.image(WIDTH, HEIGHT, 4, palette(card.colour), segments)
