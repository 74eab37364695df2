"""The claim page: the claim in a box, the verdict, the conclusion, the evidence by role."""

from __future__ import annotations

from generator import markup, urls
from generator.checked import Anchor, CheckedClaim
from generator.model import ROLES
from generator.pages import quoting, sharing
from generator.pages.claimreview import JSON, script
from generator.pages.crossref import Index
from generator.pages.edition import byline, correction_notice, settle, tally
from generator.pages.html import (
    NOT_SEARCHED,
    ROLE_LABELS,
    badge,
    date,
    esc,
    front_matter,
    link,
    title_text,
)
from generator.settings import Settings


def page(item: CheckedClaim, index: Index, settings: Settings, reviews: dict[str, JSON]) -> str:
    """``reviews``: each claim's ClaimReview by id, made once for the pages and the dataset."""
    claim = item.claim
    here = urls.claim_page(claim.id)
    verdict = index.scale.get(claim.verdict)
    about_rating = urls.rel(here, urls.VERDICTS, urls.verdict_row_id(verdict.id))
    title = claim.headline or claim.claim
    relayed = ""
    if claim.via:
        relayed = f", relayed by <strong>{_claimant(claim.via, index, here)}</strong>,"
    blocks = [
        front_matter(
            title=title_text(title),
            description=title_text(markup.plain(claim.summary)),
            fc=sharing.claim_meta(claim, verdict),
            # Material's search indexes a page's tags (boosted) and shows them on each result:
            # typing a rating finds its checks first, and tags:<word> narrows to them.
            tags=[title_text(verdict.label)],
        ),
        '<div class="fc-claim">\n'
        f'<p class="fc-kicker" {NOT_SEARCHED}>Fact-check · {date(claim.published)}</p>\n'
        + (correction_notice(claim) or "")
        + f'<h1 class="fc-title" {NOT_SEARCHED}>{esc(title)}</h1>\n'
        f'<figure class="fc-claimbox">\n<figcaption {NOT_SEARCHED}>The claim</figcaption>\n'
        f"<blockquote><p>{esc(claim.claim)}</p></blockquote>\n"
        f'<p class="fc-claimant">Made by <strong>{_claimant(claim.claimant, index, here)}'
        f"</strong>{relayed} on "
        f"{date(claim.claim_date)}</p>\n</figure>\n"
        '<div class="fc-rating"><span class="fc-rating__label">Our rating</span> '
        f"{badge(verdict, large=True)}"
        f'<span class="fc-rating__meaning">{esc(claim.rating_explained)}</span> '
        f'<a href="{esc(about_rating)}" {NOT_SEARCHED}>About our ratings</a></div>\n'
        "</div>",
        "## Conclusion",
        f'<div class="fc-prose">\n{markup.render(claim.summary)}\n</div>',
    ]
    if claim.analysis:
        blocks += [
            "## Analysis",
            f'<div class="fc-prose">\n{markup.render(claim.analysis)}\n</div>',
        ]
    blocks += settle(claim)
    blocks.append("## Evidence")
    blocks.append(tally(item.anchors, index, here))
    numbered = list(enumerate(item.anchors, 1))
    for role in ROLES:
        chosen = [(n, a) for n, a in numbered if a.evidence.role == role]
        if chosen:
            blocks.append(f"### {ROLE_LABELS[role]}")
            blocks.append(tally((a for _, a in chosen), index, here, explain=False))
            blocks.append("\n".join(_evidence(claim.id, n, a, index, here) for n, a in chosen))
    blocks += _record(item, index, settings, here)
    blocks.append(script(reviews[claim.id]))
    return "\n\n".join(blocks) + "\n"


def _claimant(claimant_id: str, index: Index, here: str) -> str:
    """The claimant's name, linked to its page (its record)."""
    return link(
        urls.rel(here, urls.claimant_page(claimant_id)), esc(index.claimant_name(claimant_id))
    )


def _evidence(claim_id: str, number: int, anchor: Anchor, index: Index, here: str) -> str:
    checked = index.seed_by_id[anchor.evidence.source]
    seed, source = checked.seed, checked.source
    meta = seed.meta
    target = urls.evidence_id(claim_id, number)
    headline = f", “{esc(meta.title)}”" if meta.title else ""
    highlighted = urls.rel(here, urls.source_page(seed.id), target)
    # Link names say where they go: which outlet's copy, archived or original.
    outlet = esc(meta.outlet)
    links = [link(highlighted, f"The passage in our archived copy of {outlet}")]
    if meta.url:
        links.append(
            link(
                quoting.text_fragment(meta.url, anchor, source),
                f"{outlet}’s original article",
                rel="nofollow",
            )
        )
    outside = not (checked.body.start <= anchor.spans[0].start < checked.body.end)
    furniture = (
        '<p class="fc-furniture-note">This passage is outside the article itself '
        "(page furniture or reader comments).</p>\n"
        if outside
        else ""
    )
    note = anchor.evidence.note
    note_html = f'<div class="fc-note">{markup.render(note)}</div>\n' if note else ""
    return (
        f'<figure class="fc-evidence fc-evidence--{anchor.evidence.role}" id="{target}">\n'
        f'<blockquote class="fc-quote"><p>{esc(quoting.shown(anchor, source))}</p></blockquote>\n'
        f"<figcaption>— <cite>{esc(meta.outlet)}</cite>{headline}, {date(meta.published)}. "
        f"{' · '.join(links)}</figcaption>\n{furniture}{note_html}</figure>"
    )


def _record(item: CheckedClaim, index: Index, settings: Settings, here: str) -> list[str]:
    claim = item.claim
    blocks = []
    if claim.corrections:
        rows = "\n".join(
            f"<li>{date(c.date)}: {markup.render_inline(c.note)}</li>" for c in claim.corrections
        )
        blocks += ["## Corrections", f'<ul class="fc-corrections">\n{rows}\n</ul>']
    if claim.related:
        rows = "\n".join(
            f"<li>{badge(index.scale.get(r.claim.verdict))} "
            f"{link(urls.rel(here, urls.claim_page(r.claim.id)), esc(r.claim.claim))}</li>"
            for r in (index.claim_by_id[i] for i in claim.related)
        )
        blocks += ["## Related fact-checks", f'<ul class="fc-list">\n{rows}\n</ul>']
    facts = [f"Published {date(claim.published)}"]
    if claim.updated:
        facts.append(f"updated {date(claim.updated)}")
    if claim.corrections:
        facts.append(f"corrected {', '.join(date(c.date) for c in claim.corrections)}")
    tags = " ".join(
        link(urls.rel(here, urls.TAGS, urls.tag_id(tag)), esc(tag), class_="fc-tag")
        for tag in claim.tags or ()
    )
    report = settings.report_url(claim.id) or urls.rel(here, urls.ABOUT, urls.REPORT_AN_ERROR)
    actions = [link(report, "Report an error")]
    edit = settings.edit_url(claim.path)
    if edit:
        actions.insert(0, link(edit, "Edit this claim (YAML)", class_="fc-edit"))
    blocks += [
        "## About this fact-check",
        '<div class="fc-record">\n'
        f"{byline(claim, index)}\n<p>{'; '.join(facts)}.</p>\n"
        + (f'<p class="fc-tags">Tags: {tags}</p>\n' if tags else "")
        + f'<p class="fc-actions">{" · ".join(actions)}</p>\n</div>',
    ]
    return blocks
