"""Share cards: the image a claim page shows where it is shared (Open Graph's and Twitter's
``summary_large_image``, 1200×630 pixels), drawn from the claim's own data.

A ``Card`` holds exactly what is drawn, and nothing else; its ``key`` is a hash of that and of
``RENDERER``, so a card is drawn again only when what it shows, or the drawing, changes
(``cardcache`` keeps the drawn cards by key). Drawing is a pure function, data in, PNG bytes
out. Pillow is imported only to draw, so ``check`` never pays for it.

The text is DejaVu Sans, shipped in ``generator/fonts/`` with its licence: Latin, Greek,
Cyrillic, Armenian, Georgian, Hebrew and Arabic letters, not Chinese, Japanese or Korean
ones. Every colour pair drawn has a contrast of 4.5:1 or more; on the verdict's badge the
text is white or ink, whichever contrasts more with the verdict's colour."""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageFont import FreeTypeFont

RENDERER = "1"  # change it when the drawing changes: every card is then drawn anew
WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent / "fonts"

PAPER = (255, 255, 255)
INK = (31, 35, 40)  # 15.8:1 on paper
MUTED = (87, 96, 106)  # 6.4:1 on paper
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

    @property
    def key(self) -> str:
        """A hash of exactly what is drawn, and how."""
        data = json.dumps([RENDERER, *astuple(self)], ensure_ascii=False)
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


def wrap(
    text: str, face: FreeTypeFont, width: int, lines: int, *, tail: str = ""
) -> tuple[list[str], bool]:
    """``text`` in at most ``lines`` lines of at most ``width`` pixels, broken at spaces (and
    inside a word only where a word is wider than a line); whether it all fit. Cut short, the
    last line ends with an ellipsis and ``tail`` (a closing quotation mark)."""
    out: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            out.append(line)
            line = ""
        while face.getlength(word) > width:  # a long word, or a script without spaces
            cut = _fitting(word, face, width)
            out.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        out.append(line)
    if len(out) <= lines:
        return out, True
    kept = out[:lines]
    kept[-1] = ellipsize(kept[-1] + " " + out[lines], face, width, tail=tail)
    return kept, False


def ellipsize(text: str, face: FreeTypeFont, width: int, *, tail: str = "") -> str:
    """``text`` cut at a word (or a character) so that it, an ellipsis and ``tail`` fit."""
    end = ELLIPSIS + tail
    words = text.split()
    while words:
        candidate = " ".join(words) + end
        if face.getlength(candidate) <= width:
            return candidate
        if len(words) == 1:
            return words[0][: max(1, _fitting(words[0] + end, face, width) - len(end))] + end
        words.pop()
    return end


def _fitting(text: str, face: FreeTypeFont, width: int) -> int:
    """How many of ``text``'s first characters fit ``width`` (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if face.getlength(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def one_line(text: str, face: FreeTypeFont, width: int) -> str:
    return text if face.getlength(text) <= width else ellipsize(text, face, width)


def claim_lines(claim: str) -> tuple[int, int, list[str]]:
    """The claim in quotation marks at the largest size it fits; font size, line height, lines."""
    quoted = f"“{claim.strip()}”"
    for size, height, most in CLAIM_SIZES:
        lines, fits = wrap(quoted, font(size), TEXT_WIDTH, most, tail="”")
        if fits:
            return size, height, lines
    return size, height, lines  # the smallest size, cut short


# The card is drawn in palette indices: paper, then one ramp of 32 shades for each pair of
# text and ground colours, so that anti-aliased text needs no colour quantizing afterwards.
LEVELS = 32
PAPER_INK, PAPER_MUTED, BADGE = 0, 1, 2  # the ramps: index // LEVELS


@functools.cache
def palette(colour: tuple[int, int, int]) -> list[int]:
    ramps = ((PAPER, INK), (PAPER, MUTED), (colour, badge_text(colour)))
    out: list[int] = []
    for ground, text in ramps:
        for level in range(LEVELS):
            out += [
                round(g + (t - g) * level / (LEVELS - 1)) for g, t in zip(ground, text, strict=True)
            ]
    return out


@functools.cache
def _lut(ramp: int) -> tuple[int, ...]:
    """Coverage (0-255) to the ramp's palette index; no coverage is the ramp's ground."""
    return tuple(ramp * LEVELS + round(a * (LEVELS - 1) / 255) for a in range(256))


def _text(
    canvas: Image, xy: tuple[int, int], text: str, face: FreeTypeFont, ramp: int, *, keep: bool
) -> None:
    """Draw ``text`` starting at ``xy`` (its left end, at the middle of the line); ``keep``
    the drawn text for the next card (texts every card has: the site's name, a verdict)."""
    shape = _shape_kept(text, face, ramp) if keep else _shape(text, face, ramp)
    if shape is not None:
        canvas.paste(shape[0], (xy[0] + shape[1], xy[1] + shape[2]))


def _shape(text: str, face: FreeTypeFont, ramp: int) -> tuple[Image, int, int] | None:
    """The text's pixels in the ramp's indices, and where they start from the anchor point."""
    from PIL import Image, ImageDraw

    left, top, right, bottom = face.getbbox(text, anchor="lm")
    if right <= left or bottom <= top:
        return None
    mask = Image.new("L", (int(right - left), int(bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=face, fill=255, anchor="lm")
    return mask.point(_lut(ramp)), int(left), int(top)


# Short texts recur (the site's name, the verdicts' labels): drawn once per process.
_shape_kept = functools.lru_cache(maxsize=256)(_shape)


def draw(card: Card) -> bytes:
    """The card as PNG bytes: palette colours, light compression, no metadata."""
    from PIL import Image, ImageDraw

    colour = rgb(card.colour)
    ground = BADGE * LEVELS  # the verdict's colour
    canvas = Image.new("L", (WIDTH, HEIGHT), PAPER_INK * LEVELS)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((0, 0, STRIP - 1, HEIGHT - 1), fill=ground)
    left = STRIP + MARGIN
    site = font(30, bold=True)
    name = one_line(card.publication, site, TEXT_WIDTH)
    _text(canvas, (left, 70), name, site, PAPER_MUTED, keep=True)
    size, height, lines = claim_lines(card.claim)
    for number, line in enumerate(lines):
        middle = CLAIM_TOP + number * height + height // 2
        _text(canvas, (left, middle), line, font(size), PAPER_INK, keep=False)
    byline = one_line(f"— {card.claimant}, {card.date}", font(30), TEXT_WIDTH)
    below = CLAIM_TOP + len(lines) * height + 34
    _text(canvas, (left, below), byline, font(30), PAPER_MUTED, keep=False)
    label = font(44, bold=True)
    verdict = one_line(card.verdict, label, TEXT_WIDTH - 2 * BADGE_PADDING)
    width = int(label.getlength(verdict)) + 2 * BADGE_PADDING
    pen.rounded_rectangle(
        (left, BADGE_TOP, left + width, BADGE_TOP + BADGE_HEIGHT), radius=14, fill=ground
    )
    middle = BADGE_TOP + BADGE_HEIGHT // 2
    _text(canvas, (left + BADGE_PADDING, middle), verdict, label, BADGE, keep=True)
    image = Image.frombytes("P", canvas.size, canvas.tobytes())
    image.putpalette(palette(colour))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()
