"""The claim page: the claim in a box, the verdict, the conclusion, the evidence by role."""

from __future__ import annotations

from generator import markup, urls
from generator.cards import Card
from generator.checked import Anchor, CheckedClaim
from generator.escaping import Markup
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
    document,
    front_matter,
    link,
    prose,
    title_text,
)
from generator.settings import Settings


def page(
    item: CheckedClaim,
    index: Index,
    settings: Settings,
    reviews: dict[str, JSON],
    card: Card | None = None,
) -> str:
    """``reviews``: each claim's ClaimReview by id, made once for the pages and the dataset;
    ``card``: its share card (``sharing.card``), if already made."""
    claim = item.claim
    here = urls.claim_page(claim.id)
    verdict = index.scale.get(claim.verdict)
    about_rating = urls.rel(here, urls.VERDICTS, urls.verdict_row_id(verdict.id))
    title = claim.headline or claim.claim
    relayed = Markup("")
    if claim.via:
        relayed = Markup(", relayed by <strong>{}</strong>,").format(
            _claimant(claim.via, index, here)
        )
    blocks = [
        front_matter(
            title=title_text(title),
            description=title_text(markup.plain(claim.summary)),
            fc=sharing.claim_meta(claim, verdict, card or sharing.card(claim, index, settings)),
            # Material's search indexes a page's tags (boosted) and shows them on each result:
            # typing a rating finds its checks first, and tags:<word> narrows to them.
            tags=[title_text(verdict.label)],
        ),
        Markup(
            '<div class="fc-claim">\n'
            '<p class="fc-kicker" {ns}>Fact-check · {kicker}</p>\n'
            '{notice}<h1 class="fc-title" {ns}>{title}</h1>\n'
            '<figure class="fc-claimbox">\n<figcaption {ns}>The claim</figcaption>\n'
            "<blockquote><p>{claim}</p></blockquote>\n"
            '<p class="fc-claimant">Made by <strong>{claimant}</strong>{relayed} on '
            "{when}</p>\n</figure>\n"
            '<div class="fc-rating"><span class="fc-rating__label">Our rating</span> '
            '{badge}<span class="fc-rating__meaning">{explained}</span> '
            '<a href="{about}" {ns}>About our ratings</a></div>\n'
            "</div>"
        ).format(
            ns=NOT_SEARCHED,
            kicker=date(claim.published),
            notice=correction_notice(claim) or "",
            title=title,
            claim=claim.claim,
            claimant=_claimant(claim.claimant, index, here),
            relayed=relayed,
            when=date(claim.claim_date),
            badge=badge(verdict, large=True),
            explained=claim.rating_explained,
            about=about_rating,
        ),
        Markup("## Conclusion"),
        prose(claim.summary),
    ]
    if claim.analysis:
        blocks += [Markup("## Analysis"), prose(claim.analysis)]
    blocks += settle(claim)
    blocks.append(Markup("## Evidence"))
    blocks.append(tally(item.anchors, index, here))
    numbered = list(enumerate(item.anchors, 1))
    for role in ROLES:
        chosen = [(n, a) for n, a in numbered if a.evidence.role == role]
        if chosen:
            blocks.append(Markup("### {}").format(ROLE_LABELS[role]))
            blocks.append(tally((a for _, a in chosen), index, here, explain=False))
            blocks.append(
                Markup("\n").join(_evidence(claim.id, n, a, index, here) for n, a in chosen)
            )
    blocks += _record(item, index, settings, here)
    blocks.append(script(reviews[claim.id]))
    return document(*blocks)


def _claimant(claimant_id: str, index: Index, here: str) -> Markup:
    """The claimant's name, linked to its page (its record)."""
    return link(urls.rel(here, urls.claimant_page(claimant_id)), index.claimant_name(claimant_id))


def _evidence(claim_id: str, number: int, anchor: Anchor, index: Index, here: str) -> Markup:
    checked = index.seed_by_id[anchor.evidence.source]
    seed, source = checked.seed, checked.source
    meta = seed.meta
    words = quoting.parts(anchor, source)  # shown, and the original's text fragment
    target = urls.evidence_id(claim_id, number)
    headline = Markup(", “{}”").format(meta.title) if meta.title else ""
    highlighted = urls.rel(here, urls.source_page(seed.id), target)
    # Link names say where they go: which outlet's copy, archived or original.
    links = [link(highlighted, f"The passage in our archived copy of {meta.outlet}")]
    if meta.url:
        links.append(
            link(
                quoting.text_fragment(meta.url, anchor, source, words),
                f"{meta.outlet}’s original article",
                rel="nofollow",
            )
        )
    outside = not (checked.body.start <= anchor.spans[0].start < checked.body.end)
    furniture = (
        Markup(
            '<p class="fc-furniture-note">This passage is outside the article itself '
            "(page furniture or reader comments).</p>\n"
        )
        if outside
        else ""
    )
    note = anchor.evidence.note
    note_html = (
        Markup('<div class="fc-note">{}</div>\n').format(markup.render(note)) if note else ""
    )
    return Markup(
        '<figure class="fc-evidence fc-evidence--{role}" id="{target}">\n'
        '<blockquote class="fc-quote"><p>{quote}</p></blockquote>\n'
        "<figcaption>— <cite>{outlet}</cite>{headline}, {when}. "
        "{links}</figcaption>\n{furniture}{note}</figure>"
    ).format(
        role=anchor.evidence.role,
        target=target,
        quote=quoting.shown(anchor, source, words),
        outlet=meta.outlet,
        headline=headline,
        when=date(meta.published),
        links=Markup(" · ").join(links),
        furniture=furniture,
        note=note_html,
    )


def _record(item: CheckedClaim, index: Index, settings: Settings, here: str) -> list[Markup]:
    claim = item.claim
    blocks = []
    if claim.corrections:
        rows = Markup("\n").join(
            Markup("<li>{}: {}</li>").format(date(c.date), markup.render_inline(c.note))
            for c in claim.corrections
        )
        blocks += [
            Markup("## Corrections"),
            Markup('<ul class="fc-corrections">\n{}\n</ul>').format(rows),
        ]
    if claim.related:
        rows = Markup("\n").join(
            Markup("<li>{} {}</li>").format(
                badge(index.scale.get(r.claim.verdict)),
                link(urls.rel(here, urls.claim_page(r.claim.id)), r.claim.claim),
            )
            for r in (index.claim_by_id[i] for i in claim.related)
        )
        blocks += [
            Markup("## Related fact-checks"),
            Markup('<ul class="fc-list">\n{}\n</ul>').format(rows),
        ]
    facts = [Markup("Published {}").format(date(claim.published))]
    if claim.updated:
        facts.append(Markup("updated {}").format(date(claim.updated)))
    if claim.corrections:
        facts.append(
            Markup("corrected {}").format(
                Markup(", ").join(date(c.date) for c in claim.corrections)
            )
        )
    tags = Markup(" ").join(
        link(urls.rel(here, urls.TAGS, urls.tag_id(tag)), tag, class_="fc-tag")
        for tag in claim.tags or ()
    )
    report = settings.report_url(claim.id) or urls.rel(here, urls.ABOUT, urls.REPORT_AN_ERROR)
    actions = [link(report, "Report an error")]
    edit = settings.edit_url(claim.path)
    if edit:
        actions.insert(0, link(edit, "Edit this claim (YAML)", class_="fc-edit"))
    blocks += [
        Markup("## About this fact-check"),
        Markup(
            '<div class="fc-record">\n{}\n<p>{}.</p>\n{}<p class="fc-actions">{}</p>\n</div>'
        ).format(
            byline(claim, index),
            Markup("; ").join(facts),
            Markup('<p class="fc-tags">Tags: {}</p>\n').format(tags) if tags else "",
            Markup(" · ").join(actions),
        ),
    ]
    return blocks
