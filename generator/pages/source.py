"""The source page: metadata, the claims that cite it, and the archived text with every cited
span highlighted. Marks are flat: the text is cut at every span and paragraph boundary and
each piece is wrapped in at most one <mark> naming all the evidence it belongs to."""

from __future__ import annotations

import itertools
import re

from generator import markup
from generator.checking import CheckedSeed
from generator.pages.html import (
    ROLE_SHORT,
    badge,
    date,
    esc,
    front_matter,
    link,
    rel,
    title_text,
)
from generator.pages.index import Citation, Index
from generator.settings import Settings

SENTENCE_END = re.compile(r"[.!?:\"”’)]\s*$")


def page(checked: CheckedSeed, index: Index, settings: Settings) -> str:
    seed, meta = checked.seed, checked.seed.meta
    here = f"sources/{seed.id}.md"
    citations = index.citations.get(seed.id, ())
    claims = list(dict.fromkeys(c.claim.claim.id for c in citations))
    numbers = {claim_id: n for n, claim_id in enumerate(claims, 1)}
    title = meta.title or f"Untitled article from {meta.outlet}"
    facts = [
        ("Outlet", esc(meta.outlet)),
        ("Headline", esc(meta.title) if meta.title else "not in the archived copy"),
        ("Byline", esc(meta.author) if meta.author else "none given"),
        ("Published", date(meta.published)),
        ("Original", link(meta.url, esc(meta.url), rel="nofollow") if meta.url else "unknown"),
        (
            "Archived copy",
            link(f"../{seed.id}.txt", f"{esc(seed.id)}.txt")
            + f' <span class="fc-hash">SHA-256 {seed.sha256}</span>',
        ),
    ]
    rows = "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    blocks = [
        front_matter(title=title_text(f"{title} ({meta.outlet})")),
        f'<p class="fc-kicker">Archived source</p>\n<h1 class="fc-title">{esc(title)}</h1>',
        f'<dl class="fc-meta">\n{rows}\n</dl>',
    ]
    if meta.notes:
        blocks.append(
            f'<div class="fc-prose fc-source-notes">\n{markup.render(meta.notes)}\n</div>'
        )
    blocks += ["## Fact-checks citing this article", _claims_table(citations, numbers, index, here)]
    blocks += [
        "## The archived text",
        '<p class="fc-help">Highlighted passages are quoted by our fact-checks; '
        "the number after each one leads back to the claim. Text outside the article "
        "itself (site navigation, biographies, reader comments) is shown greyed.</p>",
        _article(checked, citations, numbers, here),
    ]
    return "\n\n".join(blocks) + "\n"


def _claims_table(
    citations: tuple[Citation, ...], numbers: dict[str, int], index: Index, here: str
) -> str:
    if not citations:
        return "<p>No fact-check cites this article yet.</p>"
    rows = []
    for claim_id, number in numbers.items():
        item = index.claim_by_id[claim_id]
        roles = sorted({ROLE_SHORT[c.anchor.evidence.role] for c in citations if c.claim is item})
        rows.append(
            f'<tr id="claim-{number}"><td>{number}</td>'
            f"<td>{link(rel(here, f'claims/{claim_id}.md'), esc(item.claim.claim))}</td>"
            f"<td>{', '.join(roles)}</td><td>{badge(index.scale.get(item.claim.verdict))}</td></tr>"
        )
    return (
        "<table>\n<thead><tr><th>#</th><th>Claim</th><th>This article</th>"
        "<th>Rating</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def _article(
    checked: CheckedSeed, citations: tuple[Citation, ...], numbers: dict[str, int], here: str
) -> str:
    raw = checked.source.raw
    body = checked.body
    regions = [
        ("fc-furniture", 0, body.start, "Before the article: page furniture"),
        ("fc-body", body.start, body.end, ""),
        ("fc-furniture", body.end, len(raw), "After the article: page furniture and comments"),
    ]
    cuts = sorted({s for c in citations for span in c.anchor.spans for s in (span.start, span.end)})
    out = ['<div class="fc-article">']
    for css, start, end, label in regions:
        paragraphs = list(_paragraphs(raw, start, end, bool(checked.seed.meta.hard_wrapped)))
        if not paragraphs:
            continue
        out.append(f'<div class="{css}">')
        if label:
            out.append(f'<p class="fc-region-label">{label}</p>')
        for p_start, p_end in paragraphs:
            out.append(
                "<p>" + _pieces(raw, p_start, p_end, cuts, citations, numbers, here) + "</p>"
            )
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def _paragraphs(raw: str, start: int, end: int, hard_wrapped: bool):
    """``[start, end)`` of each paragraph, trimmed. Every line is a paragraph, unless the copy
    is hard-wrapped: then lines join until one ends a sentence."""
    para_start = para_end = None
    for line in re.finditer(r"[^\n]*\n?", raw[start:end]):
        text = line.group().strip()
        line_start = start + line.start() + (len(line.group()) - len(line.group().lstrip()))
        line_end = start + line.start() + len(line.group().rstrip())
        if not text:
            if para_start is not None:
                yield para_start, para_end
                para_start = None
            continue
        if para_start is None:
            para_start = line_start
        para_end = line_end
        if not hard_wrapped or SENTENCE_END.search(text):
            yield para_start, para_end
            para_start = None
    if para_start is not None:
        yield para_start, para_end


def _pieces(
    raw: str,
    start: int,
    end: int,
    cuts: list[int],
    citations: tuple[Citation, ...],
    numbers: dict[str, int],
    here: str,
) -> str:
    points = [start, *(c for c in cuts if start < c < end), end]
    out = []
    for a, b in itertools.pairwise(points):
        for c in citations:
            if c.anchor.spans[0].start == a:
                out.append(f'<span class="fc-target" id="{c.target}"></span>')
        covering = [
            c for c in citations if any(s.start <= a and b <= s.end for s in c.anchor.spans)
        ]
        text = esc(" ".join(raw[a:b].split("\n")) if "\n" in raw[a:b] else raw[a:b])
        if covering:
            roles = " ".join(sorted({f"fc-mark--{c.anchor.evidence.role}" for c in covering}))
            cited = "; ".join(
                f"#{numbers[c.claim.claim.id]} {c.claim.claim.claim} ({c.anchor.evidence.role})"
                for c in covering
            )
            many = " fc-mark--overlap" if len(covering) > 1 else ""
            out.append(f'<mark class="fc-mark {roles}{many}" title="{esc(cited)}">{text}</mark>')
        else:
            out.append(text)
        for c in citations:
            if c.anchor.spans[-1].end == b:
                number = numbers[c.claim.claim.id]
                href = rel(here, f"claims/{c.claim.claim.id}.md", c.target)
                out.append(
                    link(href, f"↩{number}", class_="fc-backlink", title=c.claim.claim.claim)
                )
    return "".join(out)
