"""What the second edition adds to a claim page: the correction notice at the top, the byline,
what would settle an open verdict, and how many independent reports the evidence comes from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator import markup, urls
from generator.checked import Anchor
from generator.escaping import Markup
from generator.model import Claim
from generator.pages.crossref import Index
from generator.pages.html import NOT_SEARCHED, date, link, prose
from generator.provenance import Tally


def correction_notice(claim: Claim) -> Markup | None:
    """Shown at the top of the page: readers see first that the check was corrected."""
    if not claim.corrections:
        return None
    latest = claim.corrections[-1]
    return Markup(
        '<div class="fc-correction-notice" role="note" {}><p><strong>Corrected</strong> '
        '{}: {} <a href="{}">Corrections log</a></p></div>'
    ).format(
        NOT_SEARCHED,
        date(latest.date),
        markup.render_inline(latest.note),
        urls.rel(urls.claim_page(claim.id), urls.CORRECTIONS),
    )


def byline(claim: Claim, index: Index) -> Markup:
    author = index.team_by_id.get(claim.author)
    reviewer = index.team_by_id.get(claim.reviewed_by)
    return Markup('<p class="fc-byline">Written by {}; reviewed by {}.</p>').format(
        author.name if author else claim.author,
        reviewer.name if reviewer else claim.reviewed_by,
    )


def settle(claim: Claim) -> list[Markup]:
    if not claim.would_settle_it:
        return []
    return [Markup("## What would settle it"), prose(claim.would_settle_it)]


def tally(anchors: Iterable[Anchor], index: Index, here: str, *, explain: bool = True) -> Markup:
    """'N archived copies of M independent reports'; with ``explain``, which copies count as one
    and why (said once, for the whole claim: each role group's copies are among them)."""
    sources = [a.evidence.source for a in anchors]
    counted = Tally.of(sources, index.reports)
    groups: dict[str, list[str]] = defaultdict(list)
    if explain and counted.reports < counted.copies:  # else no copies count as one
        for seed_id in dict.fromkeys(sources):
            groups[index.reports.get(seed_id, seed_id)].append(seed_id)
    notes = [
        inference(sorted(seed_ids), index, here)
        for seed_ids in groups.values()
        if len(seed_ids) > 1
    ]
    if not notes:
        return Markup('<div class="fc-tally">\n<p>{}.</p>\n</div>').format(counted)
    listed = Markup('\n<ul class="fc-provenance">{}</ul>').format(Markup("").join(notes))
    return Markup('<div class="fc-tally">\n<p>{}.</p>{}\n</div>').format(counted, listed)


def inference(seed_ids: list[str], index: Index, here: str) -> Markup:
    """Why copies count as one report, in a sentence per copy built from its metadata: that
    this is our inference, and its evidence (the seed's ``derivation``), or, without one,
    where the evidence is (the notes on its source page)."""
    metas = {s: index.seed_by_id[s].seed.meta for s in seed_ids if s in index.seed_by_id}
    outlets = [m.outlet for m in metas.values()]
    named = " and ".join([", ".join(outlets[:-1]), outlets[-1]] if len(outlets) > 1 else outlets)
    reasons = []
    for seed_id, meta in metas.items():
        original = index.seed_by_id.get(meta.copy_of or "")
        relation = (
            Markup(" copies the report of {}").format(original.seed.meta.outlet) if original else ""
        )
        if meta.derivation:
            why: Markup | str = meta.derivation
        else:
            notes = urls.rel(here, urls.source_page(seed_id))
            why = Markup("the evidence is in the notes on {}.").format(
                link(notes, "our archived copy")
            )
        reasons.append(Markup("<li>{}{}: {}</li>").format(meta.outlet, relation, why))
    return Markup(
        "<li><p>{} count as one report. This is our inference from the archived texts "
        "and their metadata:</p>\n<ul>{}</ul></li>"
    ).format(named, Markup("").join(reasons))
