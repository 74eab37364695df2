"""The fold: one canonical view of text in which typing differences vanish, with the raw
offsets of every folded character, so a match on the folded view maps back to an exact raw
span. Source, quote, prefix and suffix all go through the same fold (see docs/matching.md)."""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from dataclasses import dataclass

SINGLE_QUOTES = "‘’‚‛′ʼ`´"
DOUBLE_QUOTES = "“”„«»″"
DASHES = "‐‑‒–—―−-"
INVISIBLE = frozenset(
    "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Printable ASCII that folds to itself (everything but space, '-' and '`'), in words joined by
# single spaces: the bulk of news text, copied in one step.
_WORD = r"[\x21-\x2c\x2e-\x5f\x61-\x7e]+"
_PLAIN = re.compile(rf"{_WORD}(?: {_WORD})*")
# ASCII whitespace (what str.isspace() accepts) before the next word.
_GAP = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f ]+(?=[\x21-\x2c\x2e-\x5f\x61-\x7e])")


@functools.cache
def _fold_char(char: str) -> str:
    """What one code point becomes ('' to drop it). Whitespace and dashes come out as ' '
    and '-'; ``_Folder`` collapses runs and the spaces around dashes."""
    if char.isspace():
        return " "
    if char in INVISIBLE:
        return ""
    if char in SINGLE_QUOTES:
        return "'"
    if char in DOUBLE_QUOTES:
        return '"'
    if char in DASHES:
        return "-"
    compat = unicodedata.normalize("NFKC", char)
    if compat == char or any(unicodedata.combining(c) for c in compat):
        return char
    return "".join(_fold_char(c) if c != char else c for c in compat)


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text with, for each folded character, the raw ``[start, end)`` it came from."""

    text: str
    starts: array[int]
    ends: array[int]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``[start, end)`` of the folded range ``[start, end)`` (non-empty)."""
        return self.starts[start], self.ends[end - 1]


def fold(raw: str) -> Folded:
    """Fold ``raw``; offsets are Python string indices into ``raw`` (code points)."""
    if unicodedata.is_normalized("NFC", raw):
        return _fold_nfc(raw)
    # Rare: normalise each base character with its combining marks, keeping their raw range.
    norm_chars: list[str] = []
    norm_starts = array("l")
    norm_ends = array("l")
    cluster_start = 0
    for index in range(1, len(raw) + 1):
        if index == len(raw) or not unicodedata.combining(raw[index]):
            composed = unicodedata.normalize("NFC", raw[cluster_start:index])
            norm_chars.append(composed)
            norm_starts.extend([cluster_start] * len(composed))
            norm_ends.extend([index] * len(composed))
            cluster_start = index
    inner = _fold_nfc("".join(norm_chars))
    return Folded(
        text=inner.text,
        starts=array("l", (norm_starts[i] for i in inner.starts)),
        ends=array("l", (norm_ends[i - 1] for i in inner.ends)),
    )


def _offsets(size: int) -> array[int]:
    """0, 1 … at least ``size``: one array shared by every fold, grown for a longer text.
    A slice of it is copied in C, where extend(range()) makes a Python int per character."""
    global _OFFSETS
    if len(_OFFSETS) <= size:
        _OFFSETS = array("l", range(max(size + 1, 2 * len(_OFFSETS))))
    return _OFFSETS


_OFFSETS = array("l")


def _fold_nfc(raw: str) -> Folded:
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    index, size = 0, len(raw)
    offsets = _offsets(size)
    while index < size:
        plain = _PLAIN.match(raw, index)
        if plain:
            end = plain.end()
            out.append(raw[index:end])
            starts += offsets[index:end]
            ends += offsets[index + 1 : end + 1]
            index = end
            if gap := _GAP.match(raw, index):  # between two words: one space
                out.append(" ")
                starts.append(index)
                ends.append(index + 1)
                index = gap.end()
            continue
        for char in _fold_char(raw[index]):
            if char == " ":
                if not out or out[-1] in " -":  # trim the start, collapse runs, none after '-'
                    continue
            elif char == "-":
                if out and out[-1] == " ":  # no space before a dash
                    out.pop()
                    starts.pop()
                    ends.pop()
                if out and out[-1] == "-":  # a run of dashes is one dash
                    ends[-1] = index + 1
                    continue
            out.append(char)
            starts.append(index)
            ends.append(index + 1)
        index += 1
    if out and out[-1] == " ":
        out.pop()
        starts.pop()
        ends.pop()
    return Folded(text="".join(out), starts=starts, ends=ends)


# The characters the fold maps one-to-one, as a str.translate table (whitespace up to
# U+3000, the last whitespace code point).
_TABLE = {
    **{i: " " for i in range(0x3001) if chr(i).isspace()},
    **{ord(c): "'" for c in SINGLE_QUOTES},
    **{ord(c): '"' for c in DOUBLE_QUOTES},
    **{ord(c): "-" for c in DASHES},
    **{ord(c): None for c in INVISIBLE},
    ord("…"): "...",
}
_DASH_RUN = re.compile(r"[ -]*-[ -]*")
_SPACE_RUN = re.compile(r" {2,}")


def fold_text(raw: str) -> str:
    """Only the folded text (quotes, prefixes, suffixes): equal to ``fold(raw).text``, without
    the offset map, and fast for text that is ASCII once quotes and dashes are mapped."""
    mapped = raw.translate(_TABLE)
    if not mapped.isascii():
        return fold(raw).text
    if "  " in mapped:  # (each test is one scan in C; most quotes need neither rewrite)
        mapped = _SPACE_RUN.sub(" ", mapped)
    if "-" in mapped:
        mapped = _DASH_RUN.sub("-", mapped)
    return mapped.strip(" ")


def collapse(text: str) -> str:
    """Runs of whitespace as one space, ends trimmed: how a raw span is shown to a reader."""
    return " ".join(text.split())
