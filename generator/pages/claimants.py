"""A claimant's page: who they are, their scorecard (how many of the claims they made got each
rating of the scale, counted from the claims), the fact-checks themselves, the claims they
relayed for someone else (``via:``, listed apart and not counted), and the statements of
theirs we did not check. One page per entry of ``claimants.yaml``."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from generator import urls
from generator.checked import CheckedClaim, CheckedStatement
from generator.escaping import Markup
from generator.model import Claimant
from generator.pages.claimreview import JSON, script, who
from generator.pages.crossref import Index
from generator.pages.html import badge, date, document, front_matter, link, title_text
from generator.settings import Settings

TYPES = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "News outlet",
    "anonymous": "Anonymous source",
}


def pages(index: Index, settings: Settings) -> dict[str, str]:
    return {
        urls.claimant_page(claimant.id): page(claimant, index, settings)
        for claimant in index.claimant_by_id.values()
    }


def scorecard(claimant_id: str, index: Index) -> dict[str, int]:
    """How many claims this claimant made got each verdict, every verdict of the scale in
    scale order (zeros included). Claims it only relayed (``via``) are not its own."""
    made = Counter(item.claim.verdict for item in index.made_by.get(claimant_id, ()))
    return {verdict.id: made[verdict.id] for verdict in index.scale.verdicts}


def page(claimant: Claimant, index: Index, settings: Settings) -> str:
    here = urls.claimant_page(claimant.id)
    made = index.made_by.get(claimant.id, [])
    relayed = index.relayed_by.get(claimant.id, [])
    counts = scorecard(claimant.id, index)
    checked = f"{len(made)} claim{'s' * (len(made) != 1)} checked"
    blocks = [
        front_matter(
            title=title_text(claimant.name),
            description=title_text(f"{claimant.name}, {claimant.description}: {checked}."),
        ),
        _header(claimant, here),
        Markup("## Scorecard"),
        _scorecard(claimant, counts, index, here),
        Markup("## Fact-checks of claims made"),
        _rows(made, index, here) if made else Markup('<p class="fc-none">None yet.</p>'),
    ]
    if relayed:
        blocks += [
            Markup("## Claims relayed for others"),
            Markup(
                "<p>Claims someone else made that {} announced or passed on. They count in the "
                "scorecard of the one who made them, not here.</p>"
            ).format(claimant.name),
            _rows(relayed, index, here, by=True),
        ]
    unchecked = [
        (number, item)
        for number, item in enumerate(index.triage, 1)
        if item.statement.claimant == claimant.id
    ]
    if unchecked:
        blocks += [
            Markup("## Statements not checked"),
            Markup(
                "<p>Checkable statements attributed to this claimant that we did not rate, each "
                "linked to our reason.</p>"
            ),
            _unchecked(unchecked, index, here),
        ]
    blocks.append(script(profile(claimant, settings)))
    return document(*blocks)


def profile(claimant: Claimant, settings: Settings) -> JSON:
    """schema.org ProfilePage: this page is about the claimant (``mainEntity``)."""
    url = urls.absolute(settings.site_url, urls.claimant_page(claimant.id))
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": who(claimant, claimant.id, url=url),
    }


def _header(claimant: Claimant, here: str) -> Markup:
    parts = [
        Markup('<div class="fc-claimant-card">\n<p class="fc-kicker">Claimant · {}</p>\n').format(
            TYPES[claimant.type]
        ),
        Markup('<h1 class="fc-title">{}</h1>\n<p class="fc-lead">{}</p>\n').format(
            claimant.name, claimant.description
        ),
    ]
    if claimant.party:
        method = link(urls.rel(here, urls.METHODOLOGY), "How we check")
        parts.append(
            Markup(
                '<p class="fc-party">Speaks for a side: <strong>{}</strong>. What a side says '
                "about a claim is shown as its response, never counted as independent evidence "
                "({}).</p>\n"
            ).format(claimant.party.replace("-", " ").capitalize(), method)
        )
    if claimant.same_as:
        elsewhere = Markup(", ").join(
            link(url, _shown_url(url), rel="nofollow") for url in claimant.same_as
        )
        parts.append(Markup('<p class="fc-same-as">Elsewhere: {}</p>\n').format(elsewhere))
    parts.append(Markup("</div>"))
    return Markup("").join(parts)


def _shown_url(url: str) -> str:
    """An identifying URL as a link's text: host and path, no scheme."""
    split = urlsplit(url)
    return (split.netloc + split.path).rstrip("/") or url


def _scorecard(claimant: Claimant, counts: dict[str, int], index: Index, here: str) -> Markup:
    """Every verdict of the scale as a row: its badge, the count, the share of the claimant's
    checks as text and as a bar. A table, so screen readers announce rating and count
    together; the bar is decoration (the share is written beside it)."""
    total = sum(counts.values())
    if not total:
        return Markup('<p class="fc-none">No claim made by {} has been checked yet.</p>').format(
            claimant.name
        )
    rows = []
    for verdict_id, count in counts.items():
        verdict = index.scale.get(verdict_id)
        share = 100 * count / total
        rows.append(
            Markup(
                '<tr data-verdict="{}"><th scope="row">{}</th><td class="fc-scorecard__count">'
                '{}</td><td class="fc-scorecard__share"><span class="fc-scorecard__bar" '
                'style="--fc-part: {}; --fc-verdict: {}" aria-hidden="true"></span> {}%</td></tr>'
            ).format(
                verdict.id,
                badge(verdict),
                count,
                f"{count / total:.3f}",
                verdict.colour,
                round(share),
            )
        )
    scale = link(urls.rel(here, urls.VERDICTS), "About our ratings")
    return Markup(
        '<table class="fc-scorecard">\n<caption>Ratings of the {} claim{} by {} we checked. {}'
        '</caption>\n<thead><tr><th scope="col">Rating</th><th scope="col">Claims</th>'
        '<th scope="col">Share</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>'
    ).format(total, "s" if total != 1 else "", claimant.name, scale, Markup("\n").join(rows))


def _rows(items: list[CheckedClaim], index: Index, here: str, *, by: bool = False) -> Markup:
    """Newest first; ``by``: name who made each claim (for claims relayed)."""
    lines = []
    for item in items:
        claim = item.claim
        maker = Markup("")
        if by:
            maker = Markup("made by {}, ").format(
                link(
                    urls.rel(here, urls.claimant_page(claim.claimant)),
                    index.claimant_name(claim.claimant),
                )
            )
        lines.append(
            Markup('<li>{} {} <span class="fc-by">{}{}</span></li>').format(
                badge(index.scale.get(claim.verdict)),
                link(urls.rel(here, urls.claim_page(claim.id)), claim.claim),
                maker,
                date(claim.claim_date),
            )
        )
    return Markup('<ul class="fc-list">\n{}\n</ul>').format(Markup("\n").join(lines))


def _unchecked(statements: list[tuple[int, CheckedStatement]], index: Index, here: str) -> Markup:
    """Each statement links to its entry on the page of statements we did not check."""
    lines = []
    for number, item in statements:
        statement = item.statement
        outlet = index.seed_by_id[statement.source].seed.meta.outlet
        href = urls.rel(here, urls.NOT_CHECKED, urls.not_checked_id(number))
        lines.append(
            Markup('<li>{} <span class="fc-by">{}</span></li>').format(
                link(href, _quoted(statement.quote)), outlet
            )
        )
    return Markup('<ul class="fc-list">\n{}\n</ul>').format(Markup("\n").join(lines))


def _quoted(quote: str) -> str:
    """In quotation marks, unless the passage already opens with its own."""
    return quote if quote[:1] in '"“' else f"“{quote}”"
