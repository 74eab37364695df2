"""What the second edition adds to a claim page: the correction notice at the top, the byline,
what would settle an open verdict, and how many independent reports the evidence comes from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator import markup, urls
from generator.checked import Anchor
from generator.model import Claim
from generator.pages.crossref import Index
from generator.pages.html import date, esc
from generator.provenance import Tally


def correction_notice(claim: Claim) -> str | None:
    """Shown at the top of the page: readers see first that the check was corrected."""
    if not claim.corrections:
        return None
    latest = claim.corrections[-1]
    return (
        '<div class="fc-correction-notice" role="note"><p><strong>Corrected</strong> '
        f"{date(latest.date)}: {markup.render_inline(latest.note)} "
        f'<a href="{urls.rel(urls.claim_page(claim.id), urls.CORRECTIONS)}">Corrections log</a>'
        "</p></div>"
    )


def byline(claim: Claim, index: Index) -> str:
    author = index.team_by_id.get(claim.author)
    reviewer = index.team_by_id.get(claim.reviewed_by)
    written = esc(author.name if author else claim.author)
    reviewed = esc(reviewer.name if reviewer else claim.reviewed_by)
    return f'<p class="fc-byline">Written by {written}; reviewed by {reviewed}.</p>'


def settle(claim: Claim) -> list[str]:
    if not claim.would_settle_it:
        return []
    return [
        "## What would settle it",
        f'<div class="fc-prose">\n{markup.render(claim.would_settle_it)}\n</div>',
    ]


def tally(anchors: Iterable[Anchor], index: Index, *, explain: bool = True) -> str:
    """'N archived copies of M independent reports'; with ``explain``, which copies count as one
    and why (said once, for the whole claim: each role group's copies are among them)."""
    sources = [a.evidence.source for a in anchors]
    counted = Tally.of(sources, index.reports)
    groups: dict[str, list[str]] = defaultdict(list)
    for seed_id in dict.fromkeys(sources):
        groups[index.reports.get(seed_id, seed_id)].append(seed_id)
    notes = []
    for seed_ids in groups.values() if explain else ():
        if len(seed_ids) < 2:
            continue
        metas = [index.seed_by_id[s].seed.meta for s in seed_ids if s in index.seed_by_id]
        outlets = " and ".join(esc(m.outlet) for m in metas)
        why = " ".join(markup.render_inline(m.notes) for m in metas if m.notes)
        notes.append(
            f"<li>{outlets} count as one report. This is our inference from the archived "
            f"texts and their metadata: {why}</li>"
        )
    listed = '\n<ul class="fc-provenance">' + "".join(notes) + "</ul>" if notes else ""
    return f'<div class="fc-tally">\n<p>{counted}.</p>{listed}\n</div>'
