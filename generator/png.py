"""PNG files of palette images, written from row segments that many images share.

A PNG image's rows, each after a filter byte, form one zlib stream. Here the stream is joined
from segments (``Segment``): a run of whole rows compressed on its own (raw deflate ended by
a full flush, so that segments follow one another), with the rows' Adler-32 checksum and
length. A segment that many images share (a share card's rows that no text crosses) is
compressed once and joined into each of them; Pillow would compress every row of every image
again, which is most of a card's cost. Filter "none" throughout: palette images gain nothing
from the others. ``tests/test_cards.py`` reads what this writes with Pillow."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KiB window, fastest compression
_END = b"\x03\x00"  # an empty final block (fixed Huffman codes): the deflate stream ends
_ADLER_BASE = 65521


@dataclass(frozen=True)
class Segment:
    data: bytes  # raw deflate, ending on a byte boundary, no final block
    adler: int  # the Adler-32 checksum of the rows compressed (filter bytes included)
    size: int  # their length


def scanlines(pixels: bytes, stride: int) -> bytes:
    """Each row of ``stride`` bytes of ``pixels`` after its filter byte (0: none)."""
    return b"".join([b"\0" + pixels[at : at + stride] for at in range(0, len(pixels), stride)])


def segment(rows: bytes) -> Segment:
    """``rows`` (``scanlines``' output) compressed on their own, at the fastest level."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    data = packer.compress(rows) + packer.flush(zlib.Z_FULL_FLUSH)
    return Segment(data, zlib.adler32(rows), len(rows))


def _joined(first: int, second: int, size: int) -> int:
    """The Adler-32 checksum of two byte strings one after the other, from theirs (``size``:
    the second's length), as zlib's adler32_combine computes it."""
    low = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % _ADLER_BASE
    high = ((first >> 16) + (second >> 16) + size * ((first & 0xFFFF) - 1)) % _ADLER_BASE
    return high << 16 | low


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def image(width: int, height: int, bits: int, palette: bytes, segments: list[Segment]) -> bytes:
    """A PNG file of a palette image: ``palette`` is its colours as RGB bytes, ``segments``
    its rows, top to bottom, ``bits`` per pixel (1, 2, 4 or 8)."""
    adler = 1
    for part in segments:
        adler = _joined(adler, part.adler, part.size)
    stream = b"".join(
        [_ZLIB_HEADER, *(part.data for part in segments), _END, struct.pack(">I", adler)]
    )
    header = struct.pack(">IIBBBBB", width, height, bits, 3, 0, 0, 0)  # 3: palette colours
    return b"".join(
        [
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", palette),
            _chunk(b"IDAT", stream),
            _chunk(b"IEND", b""),
        ]
    )
