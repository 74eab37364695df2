"""Markdown fields rendered without markdown-it where a line is only text, **strong**,
*emphasis* and [links](https://…) in their plainest form: the shortcut must give markdown-it's
HTML and plain text exactly, and leave everything else to markdown-it."""

from __future__ import annotations

import random

from generator import markup

# Pieces a line is made of: words, spaces and punctuation, emphasis markers in good and bad
# places, link syntax whole and broken, escapes, entities, invisible characters, HTML.
PIECES = [
    "word",
    "Курськ",
    "7",
    " ",
    " ",
    " ",
    "  ",
    ".",
    ",",
    ";",
    "?",
    "(",
    ")",
    '"',
    "'",
    "-",
    "*",
    "**",
    "***",
    "_",
    "*em*",
    "**bold**",
    "**two words**",
    "*ü*",
    "*w.*",
    "**.w**",
    "* w*",
    "**w **",
    "*(w)*",
    "[text](https://example.org/a)",
    "[two words](http://Example.ORG/A-b_c~d?e=f#g)",
    "[(w)](https://example.org)",
    "[w](https://example.org/x.)",
    "[text](https://example.org/%41)",
    "[text](javascript:alert(1))",
    "[text](https://example.org/a b)",
    "[](https://example.org/)",
    "[w] (https://example.org)",
    "[w](https://)",
    "[text]",
    "[",
    "]",
    "](",
    "\\*",
    "&amp;",
    "<b>",
    "\u202e",
    "\u200b",
    "\t",
    "!",
    ":",
    "#",
    "1.",
]


def _lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(PIECES, k=rng.randint(1, 9))) for _ in range(count)]


def test_the_shortcut_gives_markdown_its_output_exactly() -> None:
    shortcut = emphasis = links = 0
    for line in _lines(20000, seed=11):
        pieces = markup._simple(line)
        if pieces is None:
            continue
        shortcut += 1
        emphasis += "*" in line
        links += "](" in line
        assert markup.render(line) == markup._markdown_it(line), repr(line)
        assert markup.plain(line) == markup._markdown_it_plain(line), repr(line)
    # the comparison covers many lines of each kind, not a handful
    assert shortcut > 1000 and emphasis > 200 and links > 300, (shortcut, emphasis, links)


def test_lines_the_shortcut_takes_and_leaves() -> None:
    taken = [
        "A **summary** for claim 3, with a [link](https://example.org/3).",
        "*Emphasis* and **strong** (as **in parentheses**) **end**",
        'He said "no" **twice**; [the report](https://example.org/r?id=2#p) says so.',
    ]
    left = [
        "a **b**c",  # a closer before a letter: CommonMark's rule of three decides
        "(**b**)",  # an opener after punctuation
        "**Kyiv**\u200b said",  # a closer before an invisible character
        "[x](https://example.org/a(b))",  # parentheses in the address
        "[x](https://example.org/a%20b)",  # percent-encoding, which markdown-it normalises
        "- **a list**",
        "**b** \\*",
    ]
    for line in taken:
        assert markup._simple(line) is not None, line
        assert markup.render(line) == markup._markdown_it(line)
    for line in left:
        assert markup._simple(line) is None, line
        assert markup.render(line) == markup._markdown_it(line)
    assert markup.render(taken[0]) == (
        '<p>A <strong>summary</strong> for claim 3, with a <a href="https://example.org/3">'
        "link</a>.</p>"
    )
    assert markup.plain(taken[2]) == 'He said "no" twice; the report says so.'
